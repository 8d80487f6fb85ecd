//! Bounds on laying out: a template that never finishes (a loop over a
//! billion items) or grows without end (a string doubled forty times) is
//! stopped with an error instead of hanging the batch or exhausting memory.
//!
//! typst cannot be interrupted inside a compilation, so a watchdog thread
//! watches every layout that is running and, past a bound, prints the error,
//! removes what the run has staged and ends the process. Nothing a run has
//! not yet committed survives it, and nothing committed before is touched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;
use std::time::{Duration, Instant};

/// How long one layout may take before it is stopped, in seconds; a
/// certificate takes a few milliseconds, a report a second.
pub const TIME_VAR: &str = "INTYG_LAYOUT_TIMEOUT";
/// How much memory the process may hold while laying out, in megabytes.
pub const MEMORY_VAR: &str = "INTYG_LAYOUT_MEMORY";

const DEFAULT_TIME: Duration = Duration::from_secs(60);
const DEFAULT_MEMORY_MB: u64 = 4096;
/// How often the watchdog looks.
const TICK: Duration = Duration::from_millis(50);

/// The bounds, from the environment or the defaults.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    time: Duration,
    memory_mb: Option<u64>,
}

impl Bounds {
    fn from_env() -> Bounds {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse::<f64>().ok()).filter(|v| *v > 0.0);
        let time = var(TIME_VAR).map_or(DEFAULT_TIME, Duration::from_secs_f64);
        // Half the machine's memory, when that is less than the default.
        let memory = var(MEMORY_VAR).map_or_else(
            || total_memory_mb().map_or(DEFAULT_MEMORY_MB, |t| (t / 2).min(DEFAULT_MEMORY_MB)),
            |mb| mb as u64,
        );
        // Where memory cannot be read, the bound goes unenforced.
        Bounds { time, memory_mb: resident_mb().map(|_| memory) }
    }
}

#[derive(Default)]
struct State {
    /// The layouts running, by thread: when each began and what it lays out.
    running: HashMap<ThreadId, (Instant, String)>,
    /// Folders of unfinished output, removed when a layout is stopped.
    staged: Vec<PathBuf>,
    watching: bool,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn state() -> MutexGuard<'static, Option<State>> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A layout being watched; it is done when this is dropped.
pub struct Watched(());

impl Drop for Watched {
    fn drop(&mut self) {
        if let Some(s) = state().as_mut() {
            s.running.remove(&std::thread::current().id());
        }
    }
}

/// Watches the layout of `what` (a document's id) on this thread until the
/// returned guard is dropped.
pub fn watch(what: &str) -> Watched {
    let mut guard = state();
    let s = guard.get_or_insert_with(State::default);
    s.running.insert(std::thread::current().id(), (Instant::now(), what.to_owned()));
    if !s.watching {
        s.watching = true;
        let bounds = Bounds::from_env();
        // Without a watchdog the bounds only go unenforced.
        let _ = std::thread::Builder::new().name("intyg-watchdog".into()).spawn(move || watchdog(bounds));
    }
    Watched(())
}

/// A staged folder, removed if a layout is stopped, until this is dropped.
pub struct Staged(PathBuf);

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(s) = state().as_mut() {
            s.staged.retain(|p| *p != self.0);
        }
    }
}

/// Removes `dir` if a layout is stopped while the returned guard lives.
pub fn remove_if_stopped(dir: &Path) -> Staged {
    state().get_or_insert_with(State::default).staged.push(dir.to_path_buf());
    Staged(dir.to_path_buf())
}

fn watchdog(bounds: Bounds) {
    loop {
        std::thread::sleep(TICK);
        let overdue = {
            let guard = state();
            let Some(s) = guard.as_ref() else { continue };
            s.running.values().find(|(began, _)| began.elapsed() > bounds.time).map(|(_, what)| what.clone())
        };
        if let Some(what) = overdue {
            let secs = bounds.time.as_secs_f64();
            stop(
                tr!(
                    "laying out {what} took longer than {secs} s, and was stopped",
                    "att lägga ut {what} tog längre tid än {secs} s och avbröts"
                ),
                tr!(
                    "look for a loop in the template that never ends; a slow template may get more time with {TIME_VAR}=SECONDS",
                    "leta efter en slinga i mallen som aldrig tar slut; en långsam mall kan få mer tid med {TIME_VAR}=SEKUNDER"
                ),
            );
        }
        if let (Some(limit), Some(used)) = (bounds.memory_mb, resident_mb())
            && used > limit
        {
            let what = {
                let guard = state();
                let oldest = guard.as_ref().and_then(|s| s.running.values().min_by_key(|(began, _)| *began).cloned());
                oldest.map(|(_, what)| what)
            };
            if let Some(what) = what {
                stop(
                    tr!(
                        "laying out {what} took more than {limit} MB of memory, and was stopped",
                        "att lägga ut {what} tog mer än {limit} MB minne och avbröts"
                    ),
                    tr!(
                        "look for something in the template that grows without end; a large document may get more with {MEMORY_VAR}=MB",
                        "leta efter något i mallen som växer utan slut; ett stort dokument kan få mer med {MEMORY_VAR}=MB"
                    ),
                );
            }
        }
    }
}

/// Prints the error, removes what the run staged, and ends the process: the
/// layout cannot be interrupted any other way.
fn stop(message: String, hint: String) -> ! {
    let staged = state().as_ref().map(|s| s.staged.clone()).unwrap_or_default();
    for dir in staged {
        let _ = std::fs::remove_dir_all(dir);
    }
    crate::problem::eprint_painted(&crate::problem::Hinted::to_text(&message, &hint));
    let nothing = tr!("nothing was written", "ingenting skrevs");
    eprintln!("{nothing}");
    std::process::exit(1)
}

/// The process's resident memory, in megabytes (Linux).
fn resident_mb() -> Option<u64> {
    proc_kb("/proc/self/status", "VmRSS:").map(|kb| kb / 1024)
}

/// The machine's memory, in megabytes (Linux).
fn total_memory_mb() -> Option<u64> {
    proc_kb("/proc/meminfo", "MemTotal:").map(|kb| kb / 1024)
}

/// A `NAME: N kB` line of a /proc file.
fn proc_kb(file: &str, name: &str) -> Option<u64> {
    let text = std::fs::read_to_string(file).ok()?;
    let line = text.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].trim().trim_end_matches("kB").trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_read_from_proc() {
        if cfg!(target_os = "linux") {
            let (used, total) = (resident_mb().unwrap(), total_memory_mb().unwrap());
            assert!(used > 0 && total > used, "{used} MB of {total} MB");
        }
    }

    #[test]
    fn a_watched_layout_is_forgotten_when_done() {
        let staged = remove_if_stopped(Path::new("/nonexistent/staging"));
        let watched = watch("X-1");
        let id = std::thread::current().id();
        assert!(state().as_ref().unwrap().running.contains_key(&id));
        drop(watched);
        drop(staged);
        let guard = state();
        let s = guard.as_ref().unwrap();
        assert!(!s.running.contains_key(&id) && !s.staged.iter().any(|p| p == Path::new("/nonexistent/staging")));
    }
}
