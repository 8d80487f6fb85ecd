//! The jobs people ask of intyg — issue, check, preview, report, send,
//! publish, start a folder — as library functions that take plain
//! settings and return what happened. The terminal (`cmd/`) and the app
//! (`app/`) are two faces over them: each turns its own input into a job's
//! settings and shows its result, and neither imports the other.

pub mod check;
pub mod door;
pub mod emit;
pub mod expiring;
pub mod issue;
pub mod preview;
pub mod publish;
pub mod report;
pub mod send;
pub mod starter;
pub mod watch;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::batch::Stop;
use crate::credential::keys;
use crate::plan;
use crate::problem::{Problem, Problems};
use crate::register::Register;

/// Reads a register the user named, which must exist (`hint` says what to
/// name when it does not).
pub fn read_register(path: &Path, hint: &str) -> Result<Register, Stop> {
    let path = &register_in(path);
    if !path.is_file() {
        let path = path.display();
        return Err(Stop::usage(tr!("no register at {path}", "inget register i {path}"), hint));
    }
    Register::read(path).map_err(Stop::Problems)
}

/// The register a path names: the file itself, or in a folder its
/// register.csv, or, in a programme folder (with intyg.toml), the register
/// its runs write (out/register.csv unless intyg.toml says otherwise).
pub fn register_in(path: &Path) -> std::path::PathBuf {
    if !path.is_dir() {
        return path.to_path_buf();
    }
    let beside = path.join("register.csv");
    if beside.is_file() || !path.join(crate::project::FILE_NAME).is_file() {
        return beside;
    }
    match crate::project::Project::load(path) {
        Ok(project) => project.register_path(&path.join("out")),
        Err(_) => path.join("out").join("register.csv"),
    }
}

/// Reads the issuer's public key the user named.
pub fn read_public_key(path: &Path) -> Result<ed25519_dalek::VerifyingKey, Stop> {
    keys::read_public(path).map_err(|e| {
        Stop::usage(
            e.to_string(),
            tr!(
                "give the issuer's public key, the .pub file `intyg keygen` wrote",
                "ange utfärdarens öppna nyckel, den .pub-fil som `intyg keygen` skrev"
            ),
        )
    })
}

/// How a run shows its progress.
#[derive(Clone, Copy)]
pub enum Progress<'a> {
    /// Not at all.
    Hidden,
    /// A bar on the terminal, and how the records were read when intyg
    /// had to decide something.
    Bar,
    /// Told to a function: steps done, of how many (`intyg app`).
    Count(&'a (dyn Fn(usize, usize) + Sync)),
}

impl Progress<'_> {
    /// Tells a [`Progress::Count`] that `done` of `total` steps are done.
    pub fn count(&self, done: usize, total: usize) {
        if let Progress::Count(count) = self {
            count(done, total);
        }
    }
}

/// The hint for a folder named by `option` that could not be written.
pub fn writable_folder(option: &str) -> String {
    tr!("choose a folder you can write to with {option} DIR", "välj en mapp du kan skriva till med {option} MAPP")
}

/// "cannot write FILE: why".
pub fn cannot_write(file: &dyn std::fmt::Display, e: &dyn std::fmt::Display) -> String {
    tr!("cannot write {file}: {e}", "kan inte skriva {file}: {e}")
}

/// "cannot read FILE: why".
pub fn cannot_read(file: &dyn std::fmt::Display, e: &dyn std::fmt::Display) -> String {
    tr!("cannot read {file}: {e}", "kan inte läsa {file}: {e}")
}

/// "cannot create FOLDER: why".
pub fn cannot_create(dir: &dyn std::fmt::Display, e: &dyn std::fmt::Display) -> String {
    tr!("cannot create {dir}: {e}", "kan inte skapa {dir}: {e}")
}

/// The hint for an output `--out` names that cannot be written.
pub fn another_out() -> String {
    tr!("choose another --out", "välj en annan --out")
}

/// "22 kursintyg, 3 deltagarintyg": how many documents of each kind.
pub fn kind_counts(kinds: impl Iterator<Item = plan::DocKind> + Clone) -> String {
    let mut out: Vec<String> = Vec::new();
    for kind in plan::DocKind::ALL {
        let n = kinds.clone().filter(|k| *k == kind).count();
        if n > 0 {
            // As people write them: "11 mångfaldsdiplom", "2 course certificates".
            out.push(kind.counted(n, crate::locale::messages()));
        }
    }
    if out.is_empty() { tr!("no documents", "inga dokument") } else { out.join(", ") }
}

/// "2 errors, 1 warning" / "2 fel, 1 varning".
pub fn problem_counts(problems: &Problems) -> String {
    let e = problems.error_count();
    let w = problems.0.len() - e;
    let warnings = if w == 1 { tr!("warning", "varning") } else { tr!("warnings", "varningar") };
    let errors = if e == 1 { tr!("error", "fel") } else { tr!("errors", "fel") };
    format!("{e} {errors}, {w} {warnings}")
}

/// "2 errors, 1 warning: nothing was written".
pub fn count_line(problems: &Problems) -> String {
    let counts = problem_counts(problems);
    tr!("{counts}: nothing was written", "{counts}: ingenting skrevs")
}

/// A summary of a run, printed as JSON with `--json`.
#[derive(Serialize, Default)]
pub struct Summary {
    /// Whether everything went through.
    pub ok: bool,
    /// Output folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub out: Option<PathBuf>,
    /// The register written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub register: Option<PathBuf>,
    /// Documents written (or that would be, for check).
    pub issued: Vec<IssuedDoc>,
    /// Participants who get no document.
    pub not_eligible: Vec<plan::NotEligible>,
    /// Errors and warnings.
    pub problems: Vec<Problem>,
    /// How the records file was read (`check`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<crate::check::reading::Reading>,
    /// What changed since the register's last run; none on a first run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<crate::register::changes::Changes>,
}

/// One document in a summary.
#[derive(Serialize)]
pub struct IssuedDoc {
    /// Its id.
    pub id: String,
    /// Kursintyg or deltagarintyg.
    pub kind: plan::DocKind,
    /// Holder's name.
    pub name: String,
    /// Row in the records file.
    pub row: usize,
    /// File written.
    pub file: PathBuf,
    /// Sessions missed (participation certificates).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missed: Vec<String>,
}

/// A progress bar on stderr drawn with indicatif's `template`, hidden
/// unless `shown`, when stderr is not a terminal, with `NO_COLOR`, and for
/// a single item.
pub fn progress_bar(len: u64, shown: bool, template: &str) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    let hidden = !shown || len < 2 || !std::io::stderr().is_terminal() || std::env::var_os("NO_COLOR").is_some();
    if hidden {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(numbers_in_messages_language(style));
    }
    bar
}

/// Adds `{done}`, `{total}`, `{rate}` (per second) and `{left}` to a
/// progress bar's keys, as the messages' language writes numbers and
/// times: `4 051`, `315`, `16 s` (indicatif's own are English: `4051`,
/// `315.2/s`, `16s`).
fn numbers_in_messages_language(style: indicatif::ProgressStyle) -> indicatif::ProgressStyle {
    use indicatif::ProgressState;
    use std::fmt::Write;
    let number = |n: f64| crate::locale::number(n.round(), 0, crate::locale::messages());
    style
        .with_key("done", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&number(s.pos() as f64));
        })
        .with_key("total", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&number(s.len().unwrap_or(0) as f64));
        })
        .with_key("rate", move |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&number(s.per_sec()));
        })
        .with_key("left", |s: &ProgressState, w: &mut dyn Write| {
            let _ = w.write_str(&duration(s.eta()));
        })
}

/// A time left as people write it: `16 s`, `2 min 5 s`, `1 h 3 min`.
fn duration(d: std::time::Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// Prints how the records were read, on stderr, with a blank line after:
/// a run on the terminal ([`Progress::Bar`]) says it before it goes on.
pub fn print_reading(reading: &crate::check::reading::Reading) {
    for line in reading.lines() {
        eprintln!("{line}");
    }
    eprintln!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_left_reads_as_people_write_it() {
        let d = std::time::Duration::from_secs;
        assert_eq!(duration(d(16)), "16 s");
        assert_eq!(duration(d(125)), "2 min 5 s");
        assert_eq!(duration(d(3780)), "1 h 3 min");
    }
}
