//! Files of the user's folder: read with a bound on their size, and named
//! by relative paths that must stay inside the folder.

use std::io::Read;
use std::path::{Component, Path};

/// The whole file, or `None` when it is larger than `limit` bytes.
pub fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    // The size first, so a huge file is refused without reading it; then
    // at most the limit, for what has no size (a pipe) or grows meanwhile.
    if file.metadata()?.len() > limit {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Checks that a relative path from the user stays inside `dir`.
pub fn inside(dir: &Path, rel: &Path) -> Result<(), String> {
    if rel.is_absolute() || rel.has_root() {
        let (rel, dir) = (rel.display(), dir.display());
        return Err(tr!(
            "\"{rel}\" is an absolute path; give it relative to {dir}",
            "\"{rel}\" är en absolut sökväg; ange den relativt till {dir}"
        ));
    }
    let mut depth = 0i32;
    for c in rel.components() {
        match c {
            Component::ParentDir => depth -= 1,
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => depth = -1,
        }
        if depth < 0 {
            let (rel, dir) = (rel.display(), dir.display());
            return Err(tr!(
                "\"{rel}\" points outside {dir}; keep the file inside the folder",
                "\"{rel}\" pekar utanför {dir}; lägg filen i mappen"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside() {
        assert!(inside(Path::new("p"), Path::new("logo.svg")).is_ok());
        assert!(inside(Path::new("p"), Path::new("bilder/../logo.svg")).is_ok());
        assert!(inside(Path::new("p"), Path::new("../logo.svg")).is_err());
        assert!(inside(Path::new("p"), Path::new("/etc/passwd")).is_err());
        assert!(inside(Path::new("p"), Path::new("a/../../b")).is_err());
    }
}
