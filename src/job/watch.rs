//! What a folder's runs read, looked at as sizes and times: `intyg watch`
//! makes the preview again when it changes, and the app checks a folder
//! again only when it changed.
//!
//! Changes are found by looking at the files' sizes and times rather than
//! by the system's file events: coordinators keep their folders on network
//! drives, where those events do not arrive, and a folder of a few dozen
//! files costs next to nothing to look at.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::preview::{self, PREVIEW_FILE, PROOF_DIR};
use crate::project::{Folder, Project};

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

/// The files whose change makes a new preview: everything in the folder
/// (and the folders a report counts, and a records file elsewhere), but
/// not what intyg writes there.
pub struct Watched {
    roots: Vec<PathBuf>,
    skip_dirs: [PathBuf; 2],
    written: [PathBuf; 2],
}

impl Watched {
    /// Where to look, from the arguments and the folder's intyg.toml.
    pub fn new(args: &preview::Job) -> Watched {
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
    pub fn snapshot(&self) -> Snapshot {
        let mut out = Snapshot::new();
        let written = |p: &Path| self.written.iter().any(|w| w == p);
        for root in &self.roots {
            walk(root, DEPTH, &self.skip_dirs, &written, &mut out);
        }
        out
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
