//! The folder picker: the folders of this computer as the start page lets
//! a person walk them (from their home folder, desktop, documents or a
//! drive), so that nobody has to type a path. It shows folders only, never
//! files, and marks those that hold intyg.toml. Nothing here knows about
//! HTTP.

use std::path::{Path, PathBuf};

use crate::problem::Hinted;

/// How many sub-folders a listing shows; a folder with more says how many
/// were left out.
const MOST: usize = 400;

/// A folder as the picker shows it.
pub struct Listing {
    /// The folder, by its full path.
    pub dir: PathBuf,
    /// The folders it is in, outermost first: name and path.
    pub parents: Vec<(String, PathBuf)>,
    /// Its sub-folders in Swedish alphabetical order: name, path, and
    /// whether it holds intyg.toml.
    pub folders: Vec<(String, PathBuf, bool)>,
    /// Sub-folders left out beyond [`MOST`].
    pub more: usize,
    /// Whether it holds intyg.toml itself.
    pub intyg: bool,
}

/// The places a walk starts from: the home folder, its desktop, documents
/// and downloads (by their English or Swedish names), and each drive of a
/// Windows computer; each as a label and a path that exists.
pub fn places() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if let Some(home) = home() {
        out.push((tr!("Home", "Hem"), home.clone()));
        let named = [
            (tr!("Desktop", "Skrivbord"), ["Desktop", "Skrivbord"]),
            (tr!("Documents", "Dokument"), ["Documents", "Dokument"]),
            (tr!("Downloads", "Hämtade filer"), ["Downloads", "Hämtningar"]),
        ];
        for (label, names) in named {
            if let Some(p) = names.iter().map(|n| home.join(n)).find(|p| p.is_dir()) {
                out.push((label, p));
            }
        }
    }
    if cfg!(windows) {
        for letter in 'C'..='Z' {
            let drive = PathBuf::from(format!("{letter}:\\"));
            if drive.is_dir() {
                out.push((format!("{letter}:"), drive));
            }
        }
    }
    out
}

/// The user's home folder.
fn home() -> Option<PathBuf> {
    std::env::var_os("USERPROFILE").or_else(|| std::env::var_os("HOME")).map(PathBuf::from).filter(|p| p.is_dir())
}

/// The folder `dir` (the home folder when `None`) as the picker shows it.
pub fn list(dir: Option<&Path>) -> Result<Listing, Hinted> {
    let Some(start) = dir.map(Path::to_path_buf).or_else(home) else {
        return Err(Hinted::new(
            tr!("this computer names no home folder", "datorn anger ingen hemmapp"),
            tr!("write the folder's whole path instead", "skriv mappens hela sökväg i stället"),
        ));
    };
    let shown = start.display().to_string();
    let dir = start.canonicalize().ok().filter(|d| d.is_dir()).ok_or_else(|| {
        Hinted::new(
            tr!("\"{shown}\" is not a folder", "\"{shown}\" är ingen mapp"),
            tr!("choose one of the places above", "välj en av platserna ovanför"),
        )
    })?;
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        Hinted::new(crate::job::cannot_read(&dir.display(), &e), tr!("choose another folder", "välj en annan mapp"))
    })?;
    let mut folders: Vec<(String, PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir() || t.is_symlink()))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        // Hidden folders and the system's own are no place for a course.
        .filter(|(name, path)| !name.starts_with('.') && !name.starts_with('$') && path.is_dir())
        .map(|(name, path)| {
            let intyg = path.join(crate::project::FILE_NAME).is_file();
            (name, path, intyg)
        })
        .collect();
    folders.sort_by_cached_key(|(name, _, _)| crate::locale::collate::key(name));
    let more = folders.len().saturating_sub(MOST);
    folders.truncate(MOST);
    let mut parents: Vec<(String, PathBuf)> = dir
        .ancestors()
        .skip(1)
        .map(|p| {
            (
                p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
                p.to_path_buf(),
            )
        })
        .collect();
    parents.reverse();
    let intyg = dir.join(crate::project::FILE_NAME).is_file();
    Ok(Listing { dir, parents, folders, more, intyg })
}

/// The new folder `name` in `parent`, refused when the name is not one
/// plain folder name (`..`, a slash, a name Windows forbids).
pub fn new_folder(parent: &Path, name: &str) -> Result<PathBuf, Hinted> {
    let name = name.trim();
    crate::output::safe_file_name(name).map_err(|e| {
        Hinted::new(
            e,
            tr!(
                "give the folder a name of letters, digits and dashes, e.g. kurs-2027",
                "ge mappen ett namn av bokstäver, siffror och bindestreck, t.ex. kurs-2027"
            ),
        )
    })?;
    Ok(parent.join(name))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_lists_its_folders_in_swedish_order_and_marks_intyg_folders() {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["Örebro", "arkiv", "Ängelholm", "Zinkgruvan", ".dold", "kurs-2027"] {
            std::fs::create_dir(tmp.path().join(d)).unwrap();
        }
        std::fs::write(tmp.path().join("kurs-2027/intyg.toml"), "").unwrap();
        std::fs::write(tmp.path().join("deltagare.csv"), "Namn").unwrap();
        let listing = list(Some(tmp.path())).unwrap();
        let names: Vec<&str> = listing.folders.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(names, ["arkiv", "kurs-2027", "Zinkgruvan", "Ängelholm", "Örebro"]);
        assert!(listing.folders.iter().any(|(n, _, intyg)| n == "kurs-2027" && *intyg));
        assert_eq!(listing.parents.last().map(|(_, p)| p.as_path()), tmp.path().canonicalize().unwrap().parent());
        assert!(list(Some(&tmp.path().join("deltagare.csv"))).is_err(), "a file is no folder");
        assert!(new_folder(tmp.path(), "../utanför").is_err());
        assert!(new_folder(tmp.path(), "").is_err());
        assert_eq!(new_folder(tmp.path(), " kurs 2028 ").unwrap(), tmp.path().join("kurs 2028"));
    }
}
