//! `intyg issue --emit-typst DIR`: the batch as a typst project that the
//! typst CLI (or any typst editor) compiles as it is, with the same template,
//! images and data intyg lays out. Used to compare intyg with the typst CLI
//! on exactly the same work, and to open a certificate in an editor.

use std::path::{Path, PathBuf};

use crate::batch::Prepared;
use crate::output::write_atomic;
use crate::plan::{self, Data, Doc};
use crate::render::{self, Template};

/// Image and template files a user template may use, copied along with it.
const COPIED: &[&str] = &["typ", "svg", "png", "jpg", "jpeg", "gif", "webp"];

/// Writes the project for `docs` into `dir`; `fits` holds, by id, the
/// documents laid out tighter to fit their page.
pub fn write(dir: &Path, prepared: &Prepared, data: &Data, docs: &[Doc], fits: &plan::Fits) -> Result<(), String> {
    let io = |path: &Path, e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let put = |rel: &str, bytes: &[u8]| -> Result<(), String> {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        write_atomic(&path, bytes).map_err(|e| io(&path, e))
    };
    for (name, text) in render::world::BUILTIN_FILES {
        put(&format!(".intyg/{name}"), text.as_bytes())?;
    }
    // intyg's package, where `typst compile --package-path packages` finds
    // what the templates import from it.
    for (name, text) in render::world::PACKAGE_FILES {
        put(&format!("{}/{name}", render::world::package_dir()), text.as_bytes())?;
    }
    // intyg's fonts, for `typst compile --font-path fonts`.
    for (name, bytes) in render::fonts::FILES.iter().chain([&render::fonts::LICENCE]) {
        put(&format!("fonts/{name}"), bytes)?;
    }
    // The programme's images, and with a template of its own, the files
    // beside it that it may read.
    let mut files: Vec<PathBuf> = prepared.project.common.images().map(|(_, image)| image.clone()).collect();
    if prepared.templates.iter().any(|t| matches!(t, Template::File(_))) {
        let skip: Vec<PathBuf> = [dir, &prepared.out].iter().filter_map(|p| p.canonicalize().ok()).collect();
        collect(&prepared.project.dir, Path::new(""), &skip, 3, &mut files);
    }
    for rel in files {
        let from = prepared.project.dir.join(&rel);
        let bytes = std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        put(&rel.to_string_lossy(), &bytes)?;
    }
    // A PDF background is drawn from its page as SVG, which intyg serves
    // beside it (`[look] background`): the typst CLI needs the file.
    if let Some(background) = &prepared.project.common.look.background
        && crate::project::look::is_pdf_name(background)
    {
        let from = prepared.project.dir.join(background);
        let bytes = std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let svg = crate::project::look::pdf_page_as_svg(&bytes)?;
        put(&crate::project::look::served_path(background).to_string_lossy(), &svg)?;
    }
    let width = docs.len().to_string().len().max(4);
    for (i, doc) in docs.iter().enumerate() {
        let json =
            serde_json::to_vec(&data.of_fitted(doc, prepared.signing_key(), fits)?).map_err(|e| e.to_string())?;
        put(&format!("data/{:0width$}.json", i + 1), &json)?;
    }
    let head = serde_json::to_vec_pretty(&plan::combined_head(data, docs.len())).map_err(|e| e.to_string())?;
    put("data/batch.json", &head)?;
    let (one, all) = render::standalone_sources(&prepared.templates, docs.len(), width);
    put("one.typ", one.as_bytes())?;
    put("all.typ", all.as_bytes())
}

/// Adds the files under `root/rel` with a [`COPIED`] extension, `depth`
/// folders down, skipping hidden ones and the folders in `skip` (canonical
/// paths).
fn collect(root: &Path, rel: &Path, skip: &[PathBuf], depth: usize, out: &mut Vec<PathBuf>) {
    let here = root.join(rel);
    let Ok(entries) = std::fs::read_dir(&here) else { return };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let rel = rel.join(&name);
        if path.is_dir() {
            let canonical = path.canonicalize().ok();
            if depth > 0 && !skip.iter().any(|s| Some(s) == canonical.as_ref()) {
                collect(root, &rel, skip, depth - 1, out);
            }
        } else if path.extension().is_some_and(|e| COPIED.contains(&e.to_string_lossy().to_lowercase().as_str()))
            && !out.contains(&rel)
        {
            out.push(rel);
        }
    }
}
