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

use crate::locale::Lang;
use crate::problem::{Hinted, Problems};
use crate::register::Register;
use term::{EXIT_PROBLEMS, EXIT_USAGE};

// The subcommands reach the batch pipeline and the jobs through these names.
pub use crate::batch::{
    Prepared, Signer, Stop, by_row_once, lay_out, lock_register, not_a_folder, overflow_problem, prepare, renderer,
    report_problems, stamp, template_problems, timestamp, wrapped_problem,
};
pub use crate::job::{
    IssuedDoc, Progress, Summary, another_out, cannot_create, cannot_read, cannot_write, count_line, kind_counts,
    print_reading, problem_counts, progress_bar, read_public_key, read_register, writable_folder,
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
        C::Publish(a) => (None, crate::job::publish::folder_of(&a.register)),
        C::Expiring(a) => (a.lang.as_deref(), crate::job::publish::folder_of(&a.register)),
        C::Verify(a) => {
            let near = a.register.as_deref().or(a.files.first().map(PathBuf::as_path));
            (a.lang.as_deref(), near.and_then(crate::job::publish::folder_of))
        }
        C::Keygen(a) => (a.lang.as_deref(), crate::job::publish::folder_of(&a.out)),
        C::Register(crate::cli::RegisterArgs { action: crate::cli::RegisterAction::Merge { files, lang, .. } }) => {
            (lang.as_deref(), files.first().and_then(|f| crate::job::publish::folder_of(f)))
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
        None => Err(Stop::usage(tr!("unknown language \"{l}\"", "okänt språk \"{l}\""), {
            let choices = Lang::choices();
            tr!("use --lang with one of {choices}", "använd --lang med ett av {choices}")
        })),
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

/// Reads the issuer's public key the user named, or says what is wrong.
pub fn public_key(path: &Path) -> Result<ed25519_dalek::VerifyingKey, ExitCode> {
    read_public_key(path).map_err(|s| stop(s, false, false))
}

/// Prints problems on stderr: errors always, warnings unless quiet.
pub fn print_problems(problems: &Problems, quiet: bool) {
    for p in &problems.0 {
        if p.is_error() || !quiet {
            anstream::eprintln!("{}", p.painted());
        }
    }
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

/// The documents a rerun changed and the register's holders the records no
/// longer have, a line each (the first hundred of each).
pub fn changes_lines(c: &crate::register::changes::Changes) -> String {
    const SHOWN: usize = 100;
    let mut out = String::new();
    for ch in c.changed.iter().take(SHOWN) {
        let (row, id, name) = (ch.row, &ch.id, &ch.name);
        let mut what = ch.fields.join("; ");
        if let Some(old) = &ch.replaces {
            if !what.is_empty() {
                what.push_str("; ");
            }
            what.push_str(&tr!("replaces {old}", "ersätter {old}"));
        }
        out.push_str(&tr!("  changed: row {row}, {id} {name}: {what}\n", "  ändrat: rad {row}, {id} {name}: {what}\n"));
    }
    for r in c.replaced.iter().take(SHOWN) {
        let (old, holder, old_kind, id, kind, row) = (&r.old.id, &r.old.holder, &r.old.kind, &r.id, &r.kind, r.row);
        out.push_str(&tr!(
            "  replaced: {old} {holder} ({old_kind}) by {id} ({kind}) on row {row}; the register marks {old} superseded\n",
            "  ersatt: {old} {holder} ({old_kind}) av {id} ({kind}) på rad {row}; registret markerar {old} som ersatt\n"
        ));
    }
    for g in c.gone.iter().take(SHOWN) {
        let (id, holder, kind) = (&g.id, &g.holder, &g.kind);
        out.push_str(&tr!(
            "  not issued this run: {id} {holder} ({kind}), no longer in the records or no longer eligible; kept in the register as issued\n",
            "  utfärdas inte nu: {id} {holder} ({kind}), inte längre i listan eller uppfyller inte längre kraven; finns kvar i registret som utfärdat\n"
        ));
    }
    let more = c.changed.len().saturating_sub(SHOWN)
        + c.replaced.len().saturating_sub(SHOWN)
        + c.gone.len().saturating_sub(SHOWN);
    if more > 0 {
        out.push_str(&tr!("  … and {more} more (see --json)\n", "  … och {more} till (se --json)\n"));
    }
    out
}
