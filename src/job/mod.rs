//! The jobs people ask of intyg — issue, check, preview, report, send,
//! publish, start a folder — as library functions that take plain
//! settings and return what happened. The terminal (`cmd/`) and the app
//! (`app/`) are two faces over them: each turns its own input into a job's
//! settings and shows its result, and neither imports the other.

pub mod check;
pub mod preview;
pub mod publish;
pub mod report;
pub mod starter;
pub mod watch;

use std::path::Path;

use crate::batch::Stop;
use crate::credential::keys;
use crate::plan;
use crate::problem::Problems;
use crate::register::Register;

/// Reads a register the user named, which must exist (`hint` says what to
/// name when it does not).
pub fn read_register(path: &Path, hint: &str) -> Result<Register, Stop> {
    if !path.is_file() {
        let path = path.display();
        return Err(Stop::usage(tr!("no register at {path}", "inget register i {path}"), hint));
    }
    Register::read(path).map_err(Stop::Problems)
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

