//! `intyg watch`: the preview made again whenever the template, images,
//! intyg.toml or records change, until Ctrl-C.
//!
//! Changes are found by looking at the files' sizes and times a few times a
//! second rather than by the system's file events: coordinators keep their
//! folders on network drives, where those events do not arrive, and a
//! folder of a few dozen files costs next to nothing to look at.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::{print_problems, stop};
use crate::cli::PreviewArgs;
use crate::job::preview;
use crate::job::watch::{Snapshot, Watched};

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long files must stay unchanged before the preview is made: programs
/// such as Excel save in several steps.
const SETTLE: Duration = Duration::from_millis(150);
/// Runs `intyg watch` until interrupted.
pub fn run(args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let dir = &args.input.dir;
    if !dir.is_dir() {
        return Ok(super::usage_error(
            super::not_a_folder(dir),
            &tr!(
                "name the folder that holds intyg.toml, or make one with `intyg init`",
                "ange mappen som innehåller intyg.toml, eller skapa en med `intyg init`"
            ),
        ));
    }
    let job = match super::args::preview(args) {
        Ok(job) => job,
        Err(s) => return Ok(super::stop(s, false, args.input.quiet)),
    };
    let args = &job;
    let terminal = std::io::stderr().is_terminal();
    loop {
        once(args, terminal);
        // Looked for anew after each run: a changed intyg.toml may name
        // other folders. What the run wrote is not a change.
        let watched = Watched::new(args);
        let seen = watched.snapshot();
        let (n, dir) = (seen.len(), dir.display());
        eprintln!(
            "{}",
            tr!("watching {n} files in {dir}; Ctrl-C to stop", "bevakar {n} filer i {dir}; Ctrl-C avslutar")
        );
        loop {
            std::thread::sleep(POLL);
            let now = watched.snapshot();
            if now != seen {
                settle(&watched, now);
                break;
            }
        }
        // typst's memo cache holds the last layout; older ones serve nothing.
        typst::comemo::evict(10);
    }
}

/// Makes the preview once and says how it went.
fn once(args: &preview::Job, terminal: bool) {
    if terminal {
        // Clear the screen, so the errors shown are those of this run.
        eprint!("\x1b[2J\x1b[H");
    }
    let time = chrono::Local::now().format("%H:%M:%S");
    let quiet = args.quiet;
    match preview::make(args, true) {
        Ok(made) => {
            print_problems(&made.problems, quiet);
            let pdf = made.files.iter().find(|f| f.extension().is_some_and(|e| e == "pdf"));
            let and = pdf
                .map(|p| {
                    let p = p.display();
                    tr!("\n  and {p}", "\n  och {p}")
                })
                .unwrap_or_default();
            let errors = if made.problems.has_errors() {
                tr!("\n  with the errors above", "\n  med felen ovan")
            } else {
                String::new()
            };
            eprintln!("[{time}] {}{and}{errors}", made.line);
        }
        Err(s) => {
            stop(s, false, quiet);
            eprintln!(
                "[{time}] {}",
                tr!("nothing drawn: fix the above and save", "inget ritat: rätta det ovan och spara")
            );
        }
    }
}

/// Waits until two looks at the files of `watched` agree (or three
/// seconds).
fn settle(watched: &Watched, mut now: Snapshot) {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        std::thread::sleep(SETTLE);
        let again = watched.snapshot();
        if again == now || Instant::now() > deadline {
            return;
        }
        now = again;
    }
}
