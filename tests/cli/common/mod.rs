//! A small harness: copy a fixture folder to a temporary place, run the real
//! `intyg` binary on it, and read the PDFs back.

#![allow(dead_code)]

pub mod layout;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A programme folder in a temporary directory.
pub struct Fixture {
    pub tmp: tempfile::TempDir,
}

impl Fixture {
    /// Copies `tests/fixtures/<name>` (or `samples/<name>` when it starts with
    /// `samples/`) into a fresh temporary folder.
    pub fn new(name: &str) -> Fixture {
        let src =
            repo().join(if name.starts_with("samples/") { name.to_owned() } else { format!("tests/fixtures/{name}") });
        let tmp = tempfile::tempdir().expect("temp dir");
        copy_dir(&src, &tmp.path().join("p"));
        Fixture { tmp }
    }

    /// An empty temporary folder; the programme folder `p` is not made.
    pub fn empty() -> Fixture {
        Fixture { tmp: tempfile::tempdir().expect("temp dir") }
    }

    /// Also copies `samples/<name>` beside the programme folder, for
    /// folders that name `../<name>`.
    pub fn with_sibling(self, name: &str) -> Fixture {
        copy_dir(&repo().join("samples").join(name), &self.tmp.path().join(name));
        self
    }

    /// The programme folder.
    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("p")
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.dir().join("out")
    }

    /// Writes a file into the programme folder.
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Fixture {
        std::fs::write(self.dir().join(rel), content).expect("write fixture file");
        self
    }

    /// Runs intyg with `args`, where `{dir}` stands for the programme folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_env(&[], args)
    }

    /// Runs intyg as [`Fixture::run`] does, with environment variables set.
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let dir = self.dir();
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{dir}", &dir.to_string_lossy()).replace("{tmp}", &self.tmp.path().to_string_lossy()))
            .collect();
        let output = Command::new(env!("CARGO_BIN_EXE_intyg"))
            .args(&args)
            .current_dir(self.tmp.path())
            .env_remove("SOURCE_DATE_EPOCH")
            // Messages follow the programme's language; before a programme
            // is read, the locale's, which the tests fix to none (English).
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .envs(env.iter().copied())
            .output()
            .expect("run intyg");
        Run { output, root: self.tmp.path().to_path_buf() }
    }

    /// The PDFs in the output folder, sorted by name.
    pub fn pdfs(&self) -> Vec<PathBuf> {
        pdfs_in(&self.out())
    }
}

/// The PDFs in a folder, sorted by name.
pub fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "pdf")).collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Every file under a folder, in its subfolders too.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The outcome of one run.
pub struct Run {
    pub output: Output,
    root: PathBuf,
}

impl Run {
    /// The outcome of a run started some other way, in folder `root`.
    pub fn from(output: Output, root: &Path) -> Run {
        Run { output, root: root.to_path_buf() }
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    /// Stdout with the temporary folder replaced by `[TMP]`, for snapshots.
    pub fn stdout_redacted(&self) -> String {
        self.stdout().replace(&self.root.to_string_lossy().into_owned(), "[TMP]")
    }

    /// Stderr with the temporary folder replaced by `[TMP]`, for snapshots.
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).replace(&self.root.to_string_lossy().into_owned(), "[TMP]")
    }

    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.code(), 0, "intyg failed:\n{}\n{}", self.stderr(), self.stdout());
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout()).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout()))
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let entry = entry.expect("dir entry");
        let path = entry.path();
        // What a run leaves in a sample folder is not part of the fixture.
        if path.file_name().is_some_and(|n| n == "out" || n == "register.csv" || n == "register.json") {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy file");
        }
    }
}

/// What a PDF says, read back with a PDF library.
pub struct Pdf {
    pub text: String,
    pub pages: usize,
    pub title: String,
    /// The Info dictionary's Subject.
    pub subject: String,
    /// The Info dictionary's CreationDate, as the PDF writes it
    /// (`D:20191008000000Z`, or with an offset).
    pub created: String,
    pub lang: String,
    pub xmp: String,
}

/// Reads a PDF's text, page count and metadata.
pub fn read_pdf(path: &Path) -> Pdf {
    let bytes = std::fs::read(path).expect("read pdf");
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = lopdf::Document::load_mem(&bytes).expect("parse pdf");
    let info =
        doc.trailer.get(b"Info").and_then(|o| o.as_reference()).and_then(|r| doc.get_dictionary(r)).expect("Info");
    let title = info.get(b"Title").map(string).unwrap_or_default();
    let subject = info.get(b"Subject").map(string).unwrap_or_default();
    let created = info.get(b"CreationDate").map(string).unwrap_or_default();
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog.get(b"Lang").map(string).unwrap_or_default();
    let xmp = catalog
        .get(b"Metadata")
        .and_then(|o| o.as_reference())
        .and_then(|r| doc.get_object(r))
        .and_then(|o| o.as_stream())
        .map(|s| String::from_utf8_lossy(&s.content).into_owned())
        .unwrap_or_default();
    Pdf { text, pages: doc.get_pages().len(), title, subject, created, lang, xmp }
}

fn string(o: &lopdf::Object) -> String {
    match o {
        lopdf::Object::String(bytes, _) => decode_pdf_string(bytes),
        _ => String::new(),
    }
}

/// PDF text strings are UTF-16BE with a BOM, or PDFDocEncoding (ASCII here).
fn decode_pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> =
            bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// Text with all white space removed, to compare what extraction splits oddly.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a tagged PDF shows empty: each table with no data cell (a header
/// and no rows) and each chart whose description lists nothing, by page
/// order. A report's section without data is left out, never printed.
pub fn empty_tables_and_charts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("parse pdf");
    let deref = |o: &lopdf::Object| -> lopdf::Object {
        match o {
            lopdf::Object::Reference(r) => doc.get_object(*r).cloned().unwrap_or(lopdf::Object::Null),
            o => o.clone(),
        }
    };
    // The types of every element below `o`.
    fn below(o: &lopdf::Object, deref: &dyn Fn(&lopdf::Object) -> lopdf::Object, out: &mut Vec<String>) {
        match deref(o) {
            lopdf::Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
                    out.push(String::from_utf8_lossy(s).into_owned());
                }
                if let Ok(k) = d.get(b"K") {
                    below(k, deref, out);
                }
            }
            lopdf::Object::Array(items) => items.iter().for_each(|i| below(i, deref, out)),
            _ => {}
        }
    }
    let root = doc.catalog().expect("catalog").get(b"StructTreeRoot").expect("a tagged PDF").clone();
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(o) = stack.pop() {
        match deref(&o) {
            lopdf::Object::Dictionary(d) => {
                let kind = d.get(b"S").and_then(|s| s.as_name()).ok().map(|s| String::from_utf8_lossy(s).into_owned());
                if kind.as_deref() == Some("Table") {
                    let mut types = Vec::new();
                    below(&lopdf::Object::Dictionary(d.clone()), &deref, &mut types);
                    if !types.iter().any(|t| t == "TD") {
                        found.push(format!("a table with no data: {types:?}"));
                    }
                }
                if kind.as_deref() == Some("Figure") {
                    let alt = d.get(b"Alt").map(string).unwrap_or_default();
                    if alt.contains(": .") || alt.trim_end().ends_with(':') || alt.contains(":  ") {
                        found.push(format!("a chart that shows nothing: {alt}"));
                    }
                }
                if let Ok(k) = d.get(b"K") {
                    stack.push(k.clone());
                }
            }
            lopdf::Object::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    found
}
