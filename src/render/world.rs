//! The typst `World` of a batch: built once, shared by every record and every
//! thread. Only the record's data file changes between compilations, so
//! typst's incremental cache stays warm (docs/ARCHITECTURE.md says why, with measurements).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

/// Virtual path of the record a compilation lays out.
pub const RECORD: &str = "/.intyg/record.json";
/// Virtual path of all records, for a combined document.
pub const RECORDS: &str = "/.intyg/records.json";
/// Virtual folder of intyg's own typst files.
pub const BUILTIN_DIR: &str = "/.intyg/";

/// intyg's data loader and built-in templates, each served at
/// `/.intyg/<name>`.
pub static BUILTIN_FILES: &[(&str, &str)] = &[
    ("data.typ", include_str!("../../templates/data.typ")),
    ("kursintyg.typ", include_str!("../../templates/kursintyg.typ")),
    ("deltagarintyg.typ", include_str!("../../templates/deltagarintyg.typ")),
    ("konferensintyg.typ", include_str!("../../templates/konferensintyg.typ")),
    ("narvarolista.typ", include_str!("../../templates/narvarolista.typ")),
    ("namnbrickor.typ", include_str!("../../templates/namnbrickor.typ")),
    ("mangfaldsdiplom.typ", include_str!("../../templates/mangfaldsdiplom.typ")),
    ("programrapport.typ", include_str!("../../templates/programrapport.typ")),
    ("arsrapport.typ", include_str!("../../templates/arsrapport.typ")),
];

/// How templates import intyg's typst package.
pub const PACKAGE: &str = "@local/intyg:0.1.0";

/// The files of intyg's typst package ([`PACKAGE`]): the parts, charts and
/// words of the built-in templates. They are also served at
/// `/.intyg/<name>`, where templates made before the package imported them.
pub static PACKAGE_FILES: &[(&str, &str)] = &[
    ("typst.toml", include_str!("../../templates/intyg/typst.toml")),
    ("lib.typ", include_str!("../../templates/intyg/lib.typ")),
    ("words.typ", include_str!("../../templates/intyg/words.typ")),
    ("words.toml", include_str!("../../templates/intyg/words.toml")),
    ("parts.typ", include_str!("../../templates/intyg/parts.typ")),
    ("charts.typ", include_str!("../../templates/intyg/charts.typ")),
    ("report-parts.typ", include_str!("../../templates/intyg/report-parts.typ")),
];

/// Interns a path in the project root. Ids are never freed, so only fixed
/// paths go through here, never one per record.
pub fn file_id(path: &str) -> FileId {
    rooted(VirtualRoot::Project, path)
}

/// Where a package folder (`--package-path`) holds intyg's package:
/// `local/intyg/0.1.0`, under `packages/` in an emitted project.
pub fn package_dir() -> String {
    let (namespace, rest) = PACKAGE.trim_start_matches('@').split_once('/').expect("namespace/name:version");
    let (name, version) = rest.split_once(':').expect("name:version");
    format!("packages/{namespace}/{name}/{version}")
}

/// Interns a path in intyg's package.
fn package_id(path: &str) -> FileId {
    let spec = PACKAGE.parse().expect("intyg's package spec is valid");
    rooted(VirtualRoot::Package(spec), path)
}

fn rooted(root: VirtualRoot, path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/").expect("root is valid"));
    RootedPath::new(root, vpath).intern()
}

/// What a batch shares: library, fonts, the folder's files and the sources.
pub struct BatchWorld {
    root: PathBuf,
    canonical_root: Option<PathBuf>,
    library: LazyHash<Library>,
    fonts: &'static Fonts,
    virtual_sources: HashMap<FileId, (Source, Bytes)>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, FileResult<Source>>>,
}

impl BatchWorld {
    /// A world rooted at the programme folder; `mains` are generated main
    /// sources served at the given virtual paths.
    pub fn new(root: &Path, mains: &[(&str, String)]) -> BatchWorld {
        static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
        // `a11y-extras` gives `pdf.header-cell`: the reports tag the first
        // cell of a labelled row as the row's header for screen readers.
        let library = LIBRARY
            .get_or_init(|| {
                let features = [typst::Feature::A11yExtras].into_iter().collect();
                LazyHash::new(Library::builder().with_features(features).build())
            })
            .clone();
        let mut virtual_sources = HashMap::new();
        // Each with its bytes made once: typst hashes the bytes a file read
        // gives to know whether its cached work still holds, and a new
        // `Bytes` for every read would be hashed anew at every record.
        let mut add = |id: FileId, text: String| {
            let source = Source::new(id, text);
            let bytes = Bytes::from_string(source.clone());
            virtual_sources.insert(id, (source, bytes));
        };
        for (name, text) in BUILTIN_FILES.iter().chain(PACKAGE_FILES) {
            let id = file_id(&format!("{BUILTIN_DIR}{name}"));
            add(id, (*text).to_owned());
        }
        for (name, text) in PACKAGE_FILES {
            let id = package_id(&format!("/{name}"));
            add(id, (*text).to_owned());
        }
        for (path, text) in mains {
            let id = file_id(path);
            add(id, text.clone());
        }
        BatchWorld {
            root: root.to_path_buf(),
            canonical_root: root.canonicalize().ok(),
            library,
            fonts: Fonts::embedded(),
            virtual_sources,
            files: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
        }
    }

    /// The fonts of this world.
    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    /// The folder files resolve against.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A view of the world that lays out `main` with `data` as its record.
    pub fn with<'a>(&'a self, main: FileId, data: Bytes) -> RecordWorld<'a> {
        RecordWorld { batch: self, main, data }
    }

    /// The real path behind a file id, if it is a file in the folder.
    pub fn real_path(&self, id: FileId) -> Option<PathBuf> {
        if !matches!(id.root(), VirtualRoot::Project) || id.vpath().get_with_slash().starts_with(BUILTIN_DIR) {
            return None;
        }
        id.vpath().realize(&self.root).ok()
    }

    /// Reads a file of the folder, refusing anything that resolves outside
    /// it (also through symbolic links). Cached for the batch.
    fn read(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(hit) = self.files.lock().expect("file cache").get(&id) {
            return hit.clone();
        }
        let result = self.read_uncached(id);
        self.files.lock().expect("file cache").insert(id, result.clone());
        result
    }

    fn read_uncached(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "typst packages are not available offline; copy what you need into the programme folder".into(),
            )));
        }
        let path = id.vpath().realize(&self.root).map_err(|_| FileError::AccessDenied)?;
        // A background PDF's page is asked for as `NAME.pdf.svg` (see
        // `project::look::served_path`): typst cannot embed a PDF in a PDF/A.
        let pdf = (!path.exists())
            .then(|| path.to_str()?.strip_suffix(".svg").map(PathBuf::from))
            .flatten()
            .filter(|p| crate::project::look::is_pdf_name(p) && p.is_file());
        let (path, as_svg) = match pdf {
            Some(pdf) => (pdf, true),
            None => (path, false),
        };
        let canonical = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
        match &self.canonical_root {
            Some(root) if canonical.starts_with(root) => {}
            _ => return Err(FileError::AccessDenied),
        }
        if canonical.is_dir() {
            return Err(FileError::IsDirectory);
        }
        let bytes = std::fs::read(&canonical).map_err(|e| FileError::from_io(e, &path))?;
        if as_svg {
            let svg = crate::project::look::pdf_page_as_svg(&bytes).map_err(|e| FileError::Other(Some(e.into())))?;
            return Ok(Bytes::new(svg));
        }
        // An image too large to decode is refused before typst decodes it.
        if let Some(why) = crate::project::image::too_large(&bytes) {
            return Err(FileError::Other(Some(why.into())));
        }
        Ok(Bytes::new(crate::project::image::for_pdf(bytes)))
    }
}

/// The world one compilation sees: the batch plus one record.
pub struct RecordWorld<'a> {
    batch: &'a BatchWorld,
    main: FileId,
    data: Bytes,
}

impl RecordWorld<'_> {
    /// The batch behind this view.
    pub fn batch(&self) -> &BatchWorld {
        self.batch
    }
}

fn is_data(id: FileId) -> bool {
    let p = id.vpath().get_with_slash();
    p == RECORD || p == RECORDS
}

impl World for RecordWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.batch.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.batch.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some((source, _)) = self.batch.virtual_sources.get(&id) {
            return Ok(source.clone());
        }
        if let Some(hit) = self.batch.sources.lock().expect("source cache").get(&id) {
            return hit.clone();
        }
        let result = self.batch.read(id).and_then(|bytes| {
            let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
            Ok(Source::new(id, text.trim_start_matches('\u{feff}').to_owned()))
        });
        self.batch.sources.lock().expect("source cache").insert(id, result.clone());
        result
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if is_data(id) {
            return Ok(self.data.clone());
        }
        if let Some((_, bytes)) = self.batch.virtual_sources.get(&id) {
            return Ok(bytes.clone());
        }
        self.batch.read(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.batch.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Documents must not depend on the day they are made.
        None
    }
}
