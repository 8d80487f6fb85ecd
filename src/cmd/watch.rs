//! `intyg watch`: the preview made again whenever the template, images,
//! intyg.toml or records change, until Ctrl-C.
//!
//! Changes are found by looking at the files' sizes and times a few times a
//! second rather than by the system's file events: coordinators keep their
//! folders on network drives, where those events do not arrive, and a
//! folder of a few dozen files costs next to nothing to look at.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use super::preview::{self, PREVIEW_FILE, PROOF_DIR};
use super::{print_problems, stop};
use crate::cli::PreviewArgs;
use crate::project::{Folder, Project};

/// How often the files are looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long files must stay unchanged before the preview is made: programs
/// such as Excel save in several steps.
const SETTLE: Duration = Duration::from_millis(150);
/// How deep into sub-folders changes are looked for.
const DEPTH: usize = 3;

/// Size and modification time of every watched file.
pub type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

/// The size and time of every file a run of the folder `dir` reads — its
/// own files, a records file or register kept elsewhere, the folders a
/// report counts — as `intyg watch` looks at them, to tell whether
/// anything changed since an earlier look.
pub fn fingerprint(dir: &Path) -> Snapshot {
    Watched::new(&preview::Job::new(dir)).snapshot()
}

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
    let job = match preview::Job::from_args(args) {
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
                watched.settle(now);
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

/// The files whose change makes a new preview: everything in the folder
/// (and the folders a report counts, and a records file elsewhere), but
/// not what intyg writes there.
struct Watched {
    roots: Vec<PathBuf>,
    skip_dirs: [PathBuf; 2],
    written: [PathBuf; 2],
}

impl Watched {
    /// Where to look, from the arguments and the folder's intyg.toml.
    fn new(args: &preview::Job) -> Watched {
        let dir = &args.options.dir;
        let preview = args.out.clone().unwrap_or_else(|| dir.join(PREVIEW_FILE));
        let mut roots = vec![dir.clone()];
        roots.extend(args.options.records.clone());
        if let Ok(project) = Project::load(dir) {
            if let Folder::Report(report) = &project.folder {
                roots.extend(report.folders().map(|f| dir.join(f)));
            }
            // A records file or register outside the folder, or in out/.
            if args.options.records.is_none() {
                roots.extend(project.folder.records().map(|r| dir.join(&r.path)));
            }
            roots.push(project.register_path(&dir.join("out")));
        }
        Watched {
            roots,
            skip_dirs: [dir.join("out"), args.out.clone().unwrap_or_else(|| dir.join(PROOF_DIR))],
            written: [preview.with_extension("pdf"), preview],
        }
    }

    /// Size and time of every watched file now.
    fn snapshot(&self) -> Snapshot {
        let mut out = Snapshot::new();
        let written = |p: &Path| self.written.iter().any(|w| w == p);
        for root in &self.roots {
            walk(root, DEPTH, &self.skip_dirs, &written, &mut out);
        }
        out
    }

    /// Waits until two looks at the files agree (or three seconds).
    fn settle(&self, mut now: Snapshot) {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            std::thread::sleep(SETTLE);
            let again = self.snapshot();
            if again == now || Instant::now() > deadline {
                return;
            }
            now = again;
        }
    }
}

fn walk(path: &Path, depth: usize, skip_dirs: &[PathBuf], written: &dyn Fn(&Path) -> bool, out: &mut Snapshot) {
    let Ok(meta) = std::fs::metadata(path) else { return };
    if meta.is_file() {
        if !written(path) {
            out.insert(path.to_path_buf(), (meta.len(), meta.modified().ok()));
        }
        return;
    }
    if depth == 0 || skip_dirs.iter().any(|d| d == path) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(path) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        // Hidden files, and the lock files office programs keep beside an
        // open workbook (~$deltagare.xlsx, .~lock.deltagare.ods#).
        if name.starts_with('.') || name.starts_with("~$") {
            continue;
        }
        let child = entry.path();
        if child.is_dir() && skip_dirs.contains(&child) {
            continue;
        }
        walk(&child, depth - 1, skip_dirs, written, out);
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn the_snapshot_leaves_out_what_intyg_writes_and_office_lock_files() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        for f in ["intyg.toml", "deltagare.xlsx", "~$deltagare.xlsx", ".~lock.x#", "preview.png", "preview.pdf"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        std::fs::create_dir_all(d.join("out")).unwrap();
        std::fs::write(d.join("out/a.pdf"), "x").unwrap();
        std::fs::create_dir_all(d.join("bilder")).unwrap();
        std::fs::write(d.join("bilder/logo.svg"), "x").unwrap();
        let args = preview::Job::new(d);
        let names: Vec<String> =
            Watched::new(&args).snapshot().keys().map(|p| p.strip_prefix(d).unwrap().display().to_string()).collect();
        assert_eq!(names, ["bilder/logo.svg", "deltagare.xlsx", "intyg.toml"]);
    }
}
