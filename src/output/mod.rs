//! Writing files so that nothing half-written is ever seen and no name can
//! leave the output folder.

pub mod csv;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Checks a rendered output file name: one plain file name, no folders, no
/// `..`, no characters file systems refuse.
pub fn safe_file_name(name: &str) -> Result<(), String> {
    let bad = |why: String| Err(tr!("the file name \"{name}\" {why}", "filnamnet \"{name}\" {why}"));
    if name.trim().is_empty() {
        return bad(tr!("is empty", "är tomt"));
    }
    if name.contains(['/', '\\']) {
        return bad(tr!("contains a folder separator", "innehåller ett mappavgränsningstecken"));
    }
    if name == "." || name == ".." || name.starts_with("..") {
        return bad(tr!("points outside the output folder", "pekar utanför utmatningsmappen"));
    }
    if name.chars().any(|c| c.is_control() || matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|')) {
        return bad(tr!(
            "contains a character that file systems refuse",
            "innehåller ett tecken som filsystem inte tillåter"
        ));
    }
    if name.len() > 200 {
        return bad(tr!("is longer than 200 bytes", "är längre än 200 byte"));
    }

    Ok(())
}

/// `value` as the JSON files intyg writes: indented, ending in a newline.
pub fn json_bytes(value: &impl serde::Serialize) -> Vec<u8> {
    // Serialising intyg's own values (maps with string keys) cannot fail.
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over the target.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file as [`write_atomic`] does, with what `write` puts into it,
/// so that large files need not be held in memory first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".intyg-").suffix(".tmp");
    // Readable as any file the user makes (0666 less the umask, 0644 as a
    // rule), like the certificates: a temporary file is made private
    // (0600), and a report, a combined PDF or a register renamed from it
    // stayed so, unreadable by colleagues on a shared drive. Secret keys
    // are written elsewhere, private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    let mut w = std::io::BufWriter::new(tmp);
    write(&mut w)?;
    let tmp = w.into_inner().map_err(|e| e.into_error())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// An exclusive hold on a file a run rewrites (the register), so that two
/// runs on one output folder cannot both read the old register and each
/// write it without the other's documents. The hold is the operating
/// system's lock on `.NAME.lock` beside the file: it ends with the process,
/// however it ends (even killed), so a lock file left behind holds nothing.
/// The lock file is never removed: removing it would let a third run lock a
/// new file while a second still holds the old one.
#[derive(Debug)]
pub struct Lock {
    _file: std::fs::File,
}

/// Why a [`Lock`] was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; what it wrote in the lock file (its
    /// process id and since when), if that could be read.
    Held(String),
    /// The lock file could not be made or locked.
    Io(std::io::Error),
}

impl Lock {
    /// Locks `target` for this process, or says who holds it.
    pub fn acquire(target: &Path) -> Result<Lock, LockError> {
        use std::io::{Read, Seek};
        let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(LockError::Io)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let path = dir.join(format!(".{name}.lock"));
        let mut file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {
                // Who holds it, for the message another run prints.
                let who = format!("{} {}\n", std::process::id(), chrono::Local::now().format("%Y-%m-%d %H:%M:%S"));
                let _ = file.set_len(0).and_then(|()| file.rewind()).and_then(|()| file.write_all(who.as_bytes()));
                Ok(Lock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut who = String::new();
                let _ = file.read_to_string(&mut who);
                Err(LockError::Held(who.trim().to_owned()))
            }
            Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
        }
    }
}

/// Removes what killed runs left in `dir`: staging folders whose lock no
/// process holds, and temporary files of [`write_atomic`] older than an
/// hour. Runs writing into `dir` meanwhile (shards share an output folder)
/// hold their staging folders' locks, and their temporary files are new.
/// Returns how many it removed.
pub fn remove_left_over(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let dead = if name.starts_with(STAGING_PREFIX) && path.is_dir() {
            // Held while it is removed, so no run can take it meanwhile.
            match Lock::acquire(&path.join(STAGING_LOCK)) {
                Ok(_held) => std::fs::remove_dir_all(&path).is_ok(),
                Err(_) => false,
            }
        } else if name.starts_with(".intyg-") && name.ends_with(".tmp") {
            let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            age.is_some_and(|a| a > STALE_AFTER) && std::fs::remove_file(&path).is_ok()
        } else {
            false
        };
        if dead {
            log::info!("removed {} left over by a run that was stopped", path.display());
            removed += 1;
        }
    }
    removed
}

/// How many files [`Staging::commit`] flushes to disk at once.
const SYNC_THREADS: usize = 8;

/// What staging folders are named: hidden, in the output folder.
const STAGING_PREFIX: &str = ".intyg-staging-";
/// The name a staging folder's lock is taken on (`.staging.lock` in it).
const STAGING_LOCK: &str = "staging";
/// How old a temporary file of [`write_atomic`] must be to be taken for
/// left over by a killed run: a write takes milliseconds.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// A folder of finished files that appear in the output folder only when the
/// whole batch succeeded (`commit`); dropped uncommitted, it leaves nothing.
/// It holds a lock while it lives, so a run killed mid-batch leaves a folder
/// that the next run knows to be dead ([`remove_left_over`]).
pub struct Staging {
    dir: tempfile::TempDir,
    out: PathBuf,
    files: Vec<String>,
    /// Files in the output folder that staged ones replace under another
    /// name (a corrected holder's old document).
    retired: Vec<String>,
    _lock: Lock,
}

impl Staging {
    /// Creates the output folder if needed and a hidden staging folder in it.
    pub fn new(out: &Path) -> std::io::Result<Staging> {
        std::fs::create_dir_all(out)?;
        let dir = tempfile::Builder::new().prefix(STAGING_PREFIX).tempdir_in(out)?;
        let lock = match Lock::acquire(&dir.path().join(STAGING_LOCK)) {
            Ok(lock) => lock,
            Err(LockError::Io(e)) => return Err(e),
            Err(LockError::Held(_)) => return Err(std::io::Error::other("a new staging folder is locked")),
        };
        Ok(Staging { dir, out: out.to_path_buf(), files: Vec::new(), retired: Vec::new(), _lock: lock })
    }

    /// The hidden staging folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes one finished file into the staging folder.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.write(name, bytes)?;
        self.record(name);
        Ok(())
    }

    /// Writes a file into the staging folder without announcing it, so that
    /// threads can write side by side; announce it with [`Staging::record`].
    pub fn write(&self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        // Staged files are invisible until `commit` renames them into place.
        #[allow(clippy::disallowed_methods)]
        std::fs::write(self.dir.path().join(name), bytes)
    }

    /// Announces a file written into [`Staging::path`] by its name.
    pub fn record(&mut self, name: &str) {
        self.files.push(name.to_owned());
    }

    /// Removes `name` from the output folder when the staged files are
    /// moved in: a document replaced by one with another name.
    pub fn retire(&mut self, name: &str) {
        self.retired.push(name.to_owned());
    }

    /// Moves every staged file into the output folder, each by one rename,
    /// then removes the files they replace under another name.
    pub fn commit(self) -> std::io::Result<Vec<PathBuf>> {
        // Every file on disk before any is renamed into place. A flush waits
        // on the disk, not the processor, so several run at once: one after
        // another they were a tenth of a batch's time.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let sync = || -> std::io::Result<()> {
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(name) = self.files.get(i) else { return Ok(()) };
                std::fs::File::open(self.dir.path().join(name))?.sync_all()?;
            }
        };
        std::thread::scope(|scope| {
            let flushers: Vec<_> = (0..SYNC_THREADS.min(self.files.len())).map(|_| scope.spawn(sync)).collect();
            flushers
                .into_iter()
                .try_for_each(|f| f.join().unwrap_or_else(|_| Err(std::io::Error::other("flush failed"))))
        })?;
        let mut done = Vec::with_capacity(self.files.len());
        for name in &self.files {
            let to = self.out.join(name);
            std::fs::rename(self.dir.path().join(name), &to)?;
            done.push(to);
        }
        for name in self.retired.iter().filter(|r| !self.files.contains(r)) {
            // A file removed by hand since is no loss.
            if let Err(e) = std::fs::remove_file(self.out.join(name))
                && e.kind() != std::io::ErrorKind::NotFound
            {
                return Err(e);
            }
        }
        Ok(done)
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn file_names_cannot_escape() {
        assert!(safe_file_name("MRS19-0001-asa-ek.pdf").is_ok());
        assert!(safe_file_name("../x.pdf").is_err());
        assert!(safe_file_name("a/b.pdf").is_err());
        assert!(safe_file_name("/etc/x.pdf").is_err());
        assert!(safe_file_name("..").is_err());
        assert!(safe_file_name("a\\b.pdf").is_err());
        assert!(safe_file_name("").is_err());
    }

    #[test]
    fn a_lock_is_held_until_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("register.csv");
        let lock = Lock::acquire(&target).unwrap();
        match Lock::acquire(&target) {
            Err(LockError::Held(who)) => assert!(who.starts_with(&std::process::id().to_string()), "{who}"),
            other => panic!("locked twice: {other:?}"),
        }
        drop(lock);
        assert!(Lock::acquire(&target).is_ok());
        assert!(dir.path().join(".register.csv.lock").is_file());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whatever a holder is called and however a file name pattern
        /// uses it, a name that passes the check is one file in the folder.
        #[test]
        fn a_file_name_that_passes_stays_in_the_output_folder(name in proptest::prelude::any::<String>(),
                                                              dots in "[./\\\\]{0,6}") {
            use crate::project::text::{FILE_NAME, Patterns};
            for pattern in ["{{ id }}-{{ name | slug }}.pdf", "{{ name }}.pdf", "{{ dots }}{{ name }}", "{{ name }}/{{ id }}.pdf"] {
                let patterns = Patterns::new(&[(FILE_NAME, pattern.to_owned())]).unwrap();
                let ctx = minijinja::context! { id => "GK-0001", name => name.clone(), dots => dots.clone() };
                let Ok(file) = patterns.render(FILE_NAME, &ctx) else { continue };
                if safe_file_name(&file).is_ok() {
                    let path = Path::new("out").join(&file);
                    proptest::prop_assert_eq!(path.parent(), Some(Path::new("out")), "{:?}", file);
                    proptest::prop_assert!(path.components().all(|c| matches!(c, std::path::Component::Normal(_))), "{:?}", file);
                }
            }
        }
    }

    #[test]
    fn only_what_no_run_holds_is_left_over() {
        let out = tempfile::tempdir().unwrap();
        let live = Staging::new(out.path()).unwrap();
        live.write("a.pdf", b"x").unwrap();
        // A killed run's staging folder: its lock file, held by no one.
        let dead = out.path().join(".intyg-staging-dead");
        std::fs::create_dir(&dead).unwrap();
        std::fs::write(dead.join("b.pdf"), b"half").unwrap();
        std::fs::write(dead.join(".staging.lock"), b"4711").unwrap();
        // Temporary files of write_atomic: one a killed run left, one new.
        let old = out.path().join(".intyg-old.tmp");
        std::fs::write(&old, b"x").unwrap();
        let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
        std::fs::File::options().write(true).open(&old).unwrap().set_modified(day_ago).unwrap();
        std::fs::write(out.path().join(".intyg-new.tmp"), b"x").unwrap();

        assert_eq!(remove_left_over(out.path()), 2);
        assert!(!dead.exists() && !old.exists());
        assert!(live.path().join("a.pdf").exists() && out.path().join(".intyg-new.tmp").exists());
    }

    #[test]
    fn staged_files_appear_only_on_commit() {
        let out = tempfile::tempdir().unwrap();
        let mut s = Staging::new(out.path()).unwrap();
        s.add("a.pdf", b"x").unwrap();
        assert!(!out.path().join("a.pdf").exists());
        s.commit().unwrap();
        assert!(out.path().join("a.pdf").exists());
        let mut s = Staging::new(out.path()).unwrap();
        s.add("b.pdf", b"x").unwrap();
        drop(s);
        assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    }
}
