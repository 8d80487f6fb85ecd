//! The terminal side of intyg: one module per subcommand, each turning its
//! arguments into the library's settings (`args`), calling the library and
//! printing what people read (`term`, summaries, problems, exit codes).

#[macro_use]
pub mod term;

pub mod app;
pub mod args;

pub mod bench;
pub mod check;
pub mod door;
mod emit;
pub mod expiring;
pub mod init;
pub mod issue;
pub mod keygen;
pub mod preview;
pub mod publish;
pub mod register;
pub mod report;
pub mod send;
pub mod shell;
pub mod templates;
pub mod verify;
pub mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::credential::keys;
use crate::locale::Lang;
use crate::plan;
use crate::problem::{Hinted, Problem, Problems};
use crate::register::Register;
use term::{EXIT_PROBLEMS, EXIT_USAGE};

// The subcommands reach the batch pipeline through these names.
pub use crate::batch::{
    Prepared, Signer, Stop, by_row_once, lay_out, lock_register, not_a_folder, overflow_problem, prepare, renderer,
    report_problems, stamp, template_problems, timestamp, wrapped_problem,
};

/// The language of a run's messages, chosen once at its start: `--lang`,
/// else the language of the folder the command works on (so that a Swedish
/// programme's problems are told in Swedish), else the environment's.
pub fn messages(command: &crate::cli::Command) -> Lang {
    use crate::cli::Command as C;
    let (lang, folder) = match command {
        C::Issue(a) => (a.input.lang.as_deref(), Some(a.input.dir.clone())),
        C::Send(a) => (a.input.lang.as_deref(), Some(a.input.dir.clone())),
        C::Preview(a) | C::Watch(a) => (a.input.lang.as_deref(), Some(a.input.dir.clone())),
        C::Check(a) => (a.lang.as_deref(), Some(a.dir.clone())),
        C::Report(a) => (a.lang.as_deref(), Some(a.dir.clone())),
        C::Sheets(a) | C::Badges(a) => (a.lang.as_deref(), Some(a.dir.clone())),
        C::Publish(a) => (None, publish::folder_of(&a.register)),
        C::Expiring(a) => (a.lang.as_deref(), publish::folder_of(&a.register)),
        C::Verify(a) => {
            let near = a.register.as_deref().or(a.files.first().map(PathBuf::as_path));
            (a.lang.as_deref(), near.and_then(publish::folder_of))
        }
        C::Keygen(a) => (a.lang.as_deref(), publish::folder_of(&a.out)),
        C::Register(crate::cli::RegisterArgs { action: crate::cli::RegisterAction::Merge { files, lang, .. } }) => {
            (lang.as_deref(), files.first().and_then(|f| publish::folder_of(f)))
        }
        C::Init(a) => (Some(a.lang.as_str()), None),
        C::App(a) => (a.lang.as_deref(), None),
        _ => (None, None),
    };
    lang.and_then(Lang::parse)
        .or_else(|| folder.and_then(|dir| crate::project::language(&dir)))
        .unwrap_or_else(crate::locale::messages_from_env)
}

/// The language `--lang` names; `None` when it is not given.
pub fn lang_arg(lang: Option<&str>) -> Result<Option<Lang>, Stop> {
    let Some(l) = lang else { return Ok(None) };
    match Lang::parse(l) {
        Some(lang) => Ok(Some(lang)),
        None => Err(Stop::usage(
            tr!("unknown language \"{l}\"", "okänt språk \"{l}\""),
            tr!("use --lang sv or --lang en", "använd --lang sv eller --lang en"),
        )),
    }
}

/// The run date of `--on`, or today; the error is a message and a hint.
pub fn run_date(on: Option<&str>) -> Result<chrono::NaiveDate, Hinted> {
    match on {
        Some(s) => crate::locale::parse_date(s).ok_or_else(|| {
            Hinted::new(
                tr!("\"{s}\" is not a date", "\"{s}\" är inget datum"),
                tr!("write --on YYYY-MM-DD", "skriv --on ÅÅÅÅ-MM-DD"),
            )
        }),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// Prints a command-line error with its hint; gives exit code 2.
pub fn usage_error(message: impl Into<String>, hint: impl Into<String>) -> ExitCode {
    usage_exit(Hinted::new(message, hint))
}

/// Prints a command-line error; gives exit code 2.
pub fn usage_exit(hinted: Hinted) -> ExitCode {
    stop(Stop::Usage(hinted), false, false)
}

/// Reads a register the user named, which must exist: a missing file is a
/// usage error (`hint` says what to name), an unreadable one prints its
/// problems; either way the exit code comes back as the error.
pub fn existing_register(path: &Path, hint: &str) -> Result<Register, ExitCode> {
    read_register(path, hint).map_err(|s| stop(s, false, false))
}

/// Reads a register the user named, which must exist (`hint` says what to
/// name when it does not).
pub fn read_register(path: &Path, hint: &str) -> Result<Register, Stop> {
    if !path.is_file() {
        let path = path.display();
        return Err(Stop::usage(tr!("no register at {path}", "inget register i {path}"), hint));
    }
    Register::read(path).map_err(Stop::Problems)
}

/// Reads the issuer's public key the user named, or says what is wrong.
pub fn public_key(path: &Path) -> Result<ed25519_dalek::VerifyingKey, ExitCode> {
    read_public_key(path).map_err(|s| stop(s, false, false))
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

/// Prints how the records were read, on stderr, with a blank line after.
pub fn print_reading(reading: &crate::check::reading::Reading) {
    for line in reading.lines() {
        eprintln!("{line}");
    }
    eprintln!();
}

/// Prints problems on stderr: errors always, warnings unless quiet.
pub fn print_problems(problems: &Problems, quiet: bool) {
    for p in &problems.0 {
        if p.is_error() || !quiet {
            anstream::eprintln!("{}", p.painted());
        }
    }
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

/// Finishes a run that stopped early: prints, and picks the exit code.
pub fn stop(stop: Stop, json: bool, quiet: bool) -> ExitCode {
    stop_after_reading(stop, json, quiet, None)
}

/// As [`stop`], with how the records were read: its report goes before
/// the problems, and into the JSON summary.
pub fn stop_after_reading(
    stop: Stop,
    json: bool,
    quiet: bool,
    reading: Option<crate::check::reading::Reading>,
) -> ExitCode {
    match stop {
        Stop::Usage(hinted) => {
            anstream::eprintln!("{}", hinted.at(crate::problem::Place::default()).painted());
            ExitCode::from(EXIT_USAGE)
        }
        Stop::Problems(problems) => {
            if let Some(r) = reading.as_ref().filter(|_| !quiet) {
                print_reading(r);
            }
            print_problems(&problems, quiet);
            eprintln!("{}", count_line(&problems));
            if json {
                let s = Summary { problems: problems.0, reading, ..Summary::default() };
                let _ = outln!("{}", serde_json::to_string_pretty(&s).unwrap_or_default());
            }
            ExitCode::from(EXIT_PROBLEMS)
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
