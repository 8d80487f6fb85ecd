//! Laying out documents with typst and writing them as PDF/A-2a + PDF/UA-1.
//!
//! One [`Renderer`] serves a whole batch: library, fonts, templates and
//! images are loaded once; each record only swaps the data file.

pub mod diagnostics;
pub mod fields;
pub mod fonts;
pub mod limits;
pub mod png;
pub mod world;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use typst::diag::Warned;
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::FileId;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::credential::ATTACHMENT;
use crate::problem::{Problem, Problems};

use self::world::{BUILTIN_DIR, BUILTIN_FILES, BatchWorld, RECORD, RECORDS, file_id};

/// A template: built in, or a `.typ` file inside the programme folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Template {
    /// One of the templates embedded in intyg.
    Builtin(&'static str),
    /// A file, relative to the programme folder.
    File(PathBuf),
}

/// The built-in templates users can pick, with a line about each.
pub const BUILTIN: &[(&str, &str)] = &[
    ("kursintyg", "Course certificate (A4): participant, programme, dates, hours, content, signatories"),
    ("deltagarintyg", "Certificate of participation (A4): as kursintyg, listing the sessions attended"),
    (
        "konferensintyg",
        "Certificate of attendance at a one-day programme (A4): the agenda's talks with times and speakers, venue, organisers' logos",
    ),
    ("mangfaldsdiplom", "Diversity diploma (A4): organisation, citation, criteria met, awarded and valid-until dates"),
    ("narvarolista", "Signing sheet for the door (A4, `intyg sheets`): participants by surname, signature boxes"),
    ("namnbrickor", "Name badges (A4 sheets of eight 90 × 55 mm badges with cut marks, `intyg badges`)"),
    (
        "programrapport",
        "Programme report (A4, `intyg report` on a programme folder): figures, attendance, certificates",
    ),
    (
        "arsrapport",
        "Annual MR report (A4, `intyg report` on a report folder): diplomas, trainings, indicators, sections",
    ),
];

impl Template {
    /// Resolves `kursintyg` to a built-in and anything else to a file path
    /// relative to the programme folder.
    pub fn parse(name: &str) -> Template {
        let bare = name.trim().trim_end_matches(".typ");
        match BUILTIN.iter().find(|(n, _)| *n == bare) {
            Some((n, _)) if !name.contains('/') => Template::Builtin(n),
            _ => Template::File(PathBuf::from(name.trim())),
        }
    }

    /// The template's path in typst's virtual file system.
    fn vpath(&self) -> String {
        match self {
            Template::Builtin(name) => format!("{BUILTIN_DIR}{name}.typ"),
            Template::File(p) => {
                let parts: Vec<String> = p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                format!("/{}", parts.join("/"))
            }
        }
    }

    /// The fields of `data` the template reads (see [`fields::used`]);
    /// `None` for a file that cannot be read, which layout reports.
    pub fn fields(&self, dir: &std::path::Path) -> Option<Vec<String>> {
        match self {
            Template::Builtin(name) => Template::builtin_source(name).map(fields::used),
            Template::File(p) => std::fs::read_to_string(dir.join(p)).ok().map(|s| fields::used(&s)),
        }
    }

    /// A name for messages: the built-in's name or the file as written.
    pub fn label(&self) -> String {
        match self {
            Template::Builtin(name) => (*name).to_owned(),
            Template::File(p) => p.display().to_string(),
        }
    }

    /// The source text of a built-in template.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTIN_FILES.iter().find(|(n, _)| n.strip_suffix(".typ") == Some(name)).map(|(_, s)| *s)
    }
}

/// Stack size of a thread that lays out documents. Typst recurses deeply in
/// user templates; the memory is only reserved, not used.
pub const STACK_SIZE: usize = 64 << 20;

/// How many records of a combined document typst lays out at once.
pub const COMBINED_PART: usize = 500;

/// How often typst's memo cache is trimmed during one long compilation.
const EVICT_EVERY: Duration = Duration::from_millis(20);

/// How many documents to lay out side by side: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Maps `items` on every core, keeping their order.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let per = items.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let started: Vec<_> = items
            .chunks(per)
            .map(|chunk| {
                let thread = std::thread::Builder::new()
                    .stack_size(STACK_SIZE)
                    .spawn_scoped(scope, move || chunk.iter().map(f).collect::<Vec<R>>());
                (chunk, thread)
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (chunk, thread) in started {
            match thread {
                Ok(handle) => match handle.join() {
                    Ok(part) => out.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // No thread to be had: this one does the share.
                Err(_) => out.extend(chunk.iter().map(f)),
            }
        }
        out
    })
}

/// Time spent in typst, summed over threads.
#[derive(Debug, Default)]
struct Clock {
    compile: AtomicU64,
    export: AtomicU64,
}

/// Where a batch's time went: typst's layout and the PDF export, summed
/// over every thread.
#[derive(Debug, Clone, Copy, Default)]
pub struct Times {
    /// Evaluating the template and laying out pages.
    pub compile: Duration,
    /// Writing the PDF (fonts, images, compression).
    pub export: Duration,
}

/// A finished document.
pub struct Rendered {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// How many pages the layout took.
    pub pages: usize,
    /// Texts that did not fit on their line (see [`Laid::wrapped`]).
    pub wrapped: Vec<(String, f64)>,
    /// How much it was tightened to fit its page (`data.fit`).
    pub fit: u64,
}

/// One record laid out, not yet written.
pub struct Laid {
    /// Its pages.
    pub document: PagedDocument,
    main: FileId,
    data: Bytes,
    /// How much it was tightened to fit its page (`data.fit`).
    pub fit: u64,
}

impl Laid {
    /// The texts set with the templates' `fit-line` that did not fit on one
    /// line even at the smallest size it allows, with that size in points.
    pub fn wrapped(&self) -> Vec<(String, f64)> {
        wrapped(&self.document)
    }
}

/// Typst's warnings about a template (unknown fonts, …) are for its author:
/// shown with `-v`, once each, not to every coordinator on every run.
fn log_warnings(warnings: &[typst::diag::SourceDiagnostic]) {
    static SEEN: std::sync::Mutex<Vec<typst::ecow::EcoString>> = std::sync::Mutex::new(Vec::new());
    if warnings.is_empty() || !log::log_enabled!(log::Level::Info) {
        return;
    }
    let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for w in warnings {
        if !seen.contains(&w.message) {
            log::info!("typst: {}", w.message);
            seen.push(w.message.clone());
        }
    }
}

/// The label `fit-line` (templates/parts.typ) puts on a text it had to wrap.
const WRAPS: &str = "intyg-wraps";

/// See [`Laid::wrapped`].
fn wrapped(document: &PagedDocument) -> Vec<(String, f64)> {
    use typst::foundations::{Label, Repr, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern(WRAPS)) else { return Vec::new() };
    let found = Introspector::query(&**document.introspector(), &Selector::Label(label));
    found
        .iter()
        .filter_map(|c| c.to_packed::<MetadataElem>())
        .filter_map(|m| match &m.value {
            Value::Dict(d) => {
                let text = match d.get("text").ok()? {
                    Value::Str(s) => s.to_string(),
                    Value::Content(c) => c.plain_text().to_string(),
                    other => other.repr().to_string(),
                };
                let min = match d.get("min").ok()? {
                    Value::Length(l) => l.abs.to_pt(),
                    _ => 0.0,
                };
                Some((text, min))
            }
            _ => None,
        })
        .collect()
}

/// Typst and PDF settings shared by every document of a batch.
pub struct Renderer {
    world: BatchWorld,
    mains: Vec<FileId>,
    combined_main: FileId,
    timestamp: Timestamp,
    creator: String,
    standards: PdfStandards,
    clock: Clock,
}

/// The main source that lays out one record with template `vpath`. It never
/// changes during a batch, so typst can reuse its work across records.
fn main_source(vpath: &str) -> String {
    entry_source(vpath, "certificate")
}

/// The main source that lays out one record with function `entry` of the
/// template at `vpath`.
fn entry_source(vpath: &str, entry: &str) -> String {
    format!(
        "#import \"/.intyg/data.typ\": load\n#import \"{vpath}\": {entry}\n#let data = load(\"{RECORD}\")\n{}#{entry}(data)\n{}",
        record_language(),
        record_metadata()
    )
}

/// What a record's main source sets before laying it out: the language,
/// from `data` (the same for most of a batch).
fn record_language() -> &'static str {
    "#set text(lang: data.lang)\n"
}

/// What a record's main source sets after laying it out: the PDF's metadata
/// from `data`, and its signed credential attached.
///
/// This comes after the content on purpose. A set rule styles everything
/// that follows it, and typst caches the layout of a block or paragraph
/// under its content *and* its styles: a title that names the participant,
/// set first, would make every block of every record new to the cache.
/// Set last, it styles nothing, and the static parts of a template (the
/// programme's description, its content list, the signatories) are laid
/// out once per batch. Measured: compile 1.73 ms → 0.86 ms a certificate.
fn record_metadata() -> String {
    format!(
        r#"#set document(title: data.document.title, author: data.document.author, description: data.document.subject, keywords: data.document.keywords)
#if data.at("credential", default: none) != none {{
  pdf.attach("/{ATTACHMENT}", bytes(data.credential), relationship: "alternative", mime-type: "application/vc+jwt",
    description: "Open Badges 3.0 credential, signed (VC-JWT)")
}}
"#
    )
}

/// The text of the main files intyg lays records out with, for a test
/// that the fields they read are in the data.
#[cfg(test)]
pub fn main_source_text() -> String {
    let paths = ["/.intyg/kursintyg.typ".to_owned(), "/.intyg/deltagarintyg.typ".to_owned()];
    format!("{}{}", main_source(&paths[0]), combined_source(&paths))
}

/// The main source that lays out every record, one after another.
fn combined_source(vpaths: &[String]) -> String {
    combined_source_from(vpaths, &format!("#let all = load(\"{RECORDS}\")"))
}

/// The main source that lays out every record of `all`, which the typst
/// line `load_all` defines, one after another.
fn combined_source_from(vpaths: &[String], load_all: &str) -> String {
    let mut s = String::from("#import \"/.intyg/data.typ\": load\n");
    for (i, v) in vpaths.iter().enumerate() {
        s.push_str(&format!("#import \"{v}\": certificate as template{i}\n"));
    }
    let list: Vec<String> = (0..vpaths.len()).map(|i| format!("template{i}")).collect();
    s.push_str(&format!(
        r#"{load_all}
#let templates = ({},)
#set document(title: all.document.title, author: all.document.author, description: all.document.subject, keywords: all.document.keywords)
#set text(lang: all.lang)
#for (i, data) in all.records.enumerate() {{
  if i > 0 {{ pagebreak(weak: true) }}
  templates.at(data.template)(data)
}}
"#,
        list.join(", ")
    ));
    s
}

/// The main sources of a typst project that the typst CLI compiles as it
/// is (`intyg issue --emit-typst`): `one.typ` lays out the record named by
/// `--input record=data/NNNN.json`, `all.typ` every one of `count` records
/// in `data/` (names padded to `width` digits), with the batch's metadata
/// from `data/batch.json`.
pub fn standalone_sources(templates: &[Template], count: usize, width: usize) -> (String, String) {
    let vpaths: Vec<String> = templates.iter().map(Template::vpath).collect();
    let first = format!("data/{:0width$}.json", 1);
    let mut one = String::from(
        "// Lays out one record: typst compile --package-path packages --font-path fonts one.typ --input record=data/0001.json\n#import \"/.intyg/data.typ\": load\n",
    );
    for (i, v) in vpaths.iter().enumerate() {
        one.push_str(&format!("#import \"{v}\": certificate as template{i}\n"));
    }
    one.push_str(&format!(
        "#let data = load(\"/\" + sys.inputs.at(\"record\", default: \"{first}\").trim(\"/\", at: start))\n"
    ));
    one.push_str(record_language());
    let list: Vec<String> = (0..vpaths.len()).map(|i| format!("template{i}")).collect();
    // The record says which template (kind) it takes.
    one.push_str(&format!("#({},).at(data.template)(data)\n", list.join(", ")));
    one.push_str(&record_metadata());
    let load_all = format!(
        r#"// Lays out every record, one a page: typst compile --package-path packages --font-path fonts all.typ
#let batch = json("/data/batch.json")
#let all = (
  ..batch,
  records: range(1, {count} + 1).map(i => load("/data/" + "0" * ({width} - str(i).len()) + str(i) + ".json")),
)"#
    );
    (one, combined_source_from(&vpaths, &load_all))
}

impl Renderer {
    /// Sets up a batch rooted at `root` that can lay out records with any of
    /// `templates` (referred to by index). `date` dates the PDFs. Documents
    /// of a batch with `attachments` carry a file (their signed credential),
    /// which PDF/A-2 forbids: they are PDF/A-3a instead.
    pub fn new(root: &Path, templates: &[Template], date: chrono::NaiveDateTime, attachments: bool) -> Renderer {
        let vpaths: Vec<String> = templates.iter().map(Template::vpath).collect();
        let mut mains: Vec<(String, String)> =
            vpaths.iter().enumerate().map(|(i, v)| (format!("{BUILTIN_DIR}main-{i}.typ"), main_source(v))).collect();
        mains.push((format!("{BUILTIN_DIR}main-combined.typ"), combined_source(&vpaths)));
        Renderer::with_mains(root, mains, date, attachments)
    }

    /// Sets up the layout of a report with `template`, whose function
    /// `report(data)` lays out the whole document. Reports are PDF/A-2a +
    /// PDF/UA-1 like unsigned certificates.
    pub fn report(root: &Path, template: &Template, date: chrono::NaiveDateTime) -> Renderer {
        let main = (format!("{BUILTIN_DIR}main-report.typ"), entry_source(&template.vpath(), "report"));
        // The report's main doubles as the combined main: a report has no other.
        Renderer::with_mains(root, vec![main.clone(), main], date, false)
    }

    /// A renderer whose main sources are `mains`, the last one being the
    /// combined document's.
    fn with_mains(
        root: &Path,
        mains: Vec<(String, String)>,
        date: chrono::NaiveDateTime,
        attachments: bool,
    ) -> Renderer {
        let refs: Vec<(&str, String)> = mains.iter().map(|(p, s)| (p.as_str(), s.clone())).collect();
        let world = BatchWorld::new(root, &refs);
        let ids: Vec<FileId> = mains.iter().map(|(p, _)| file_id(p)).collect();
        let (combined_main, mains) = ids.split_last().expect("a combined main is always given");
        Renderer {
            mains: mains.to_vec(),
            combined_main: *combined_main,
            world,
            timestamp: pdf_time(date),
            creator: format!("intyg {}", env!("CARGO_PKG_VERSION")),
            standards: if attachments {
                PdfStandards::new(&[PdfStandard::A_3a, PdfStandard::Ua_1])
                    .expect("A-3a with UA-1 is a valid combination")
            } else {
                PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
                    .expect("A-2a with UA-1 is a valid combination")
            },
            clock: Clock::default(),
        }
    }

    /// Lays out a multi-page document (a report) with no page limit.
    pub fn render_report(&self, data: &serde_json::Value, ident: &str) -> Result<Rendered, Problems> {
        self.compile(self.mains[0], serde_json::to_vec(data).map_err(fault)?, ident, None)
    }

    /// The batch's world (fonts, files).
    pub fn world(&self) -> &BatchWorld {
        &self.world
    }

    /// Lays out one record with template `template` on its one page (see
    /// [`Self::layout`]) and exports it. `ident` must be unique per
    /// document (it seeds the PDF's /ID); `created` is its creation date
    /// [default: the batch's].
    pub fn render(
        &self,
        template: usize,
        data: &serde_json::Value,
        ident: &str,
        created: Option<chrono::NaiveDateTime>,
    ) -> Result<Rendered, Problems> {
        // One watch over every attempt and the export, as for any document.
        let _watched = limits::watch(ident);
        let laid = self.fitted(template, data)?;
        self.finish(&laid, ident, created)
    }

    /// Lays out one record with template `template` without writing a PDF,
    /// for pictures of its pages ([`png`]) or a PDF later ([`Self::export`]).
    /// A record that runs onto a second page is laid out again tighter
    /// (`data.fit` 1, 2, … [`TIGHTEST`]: smaller type and spacing, within
    /// the template's limits) until it fits; what is returned at
    /// [`TIGHTEST`] may still not fit, and the caller refuses it.
    pub fn layout(&self, template: usize, data: &serde_json::Value) -> Result<Laid, Problems> {
        let _watched = limits::watch(&tr!("the document", "dokumentet"));
        self.fitted(template, data)
    }

    /// [`Self::layout`] under the caller's watch (render::limits).
    fn fitted(&self, template: usize, data: &serde_json::Value) -> Result<Laid, Problems> {
        let main = self.mains[template];
        let mut fit = 0;
        loop {
            let bytes = if fit == 0 {
                serde_json::to_vec(data)
            } else {
                let mut tighter = data.clone();
                tighter["fit"] = serde_json::Value::from(fit);
                serde_json::to_vec(&tighter)
            };
            let mut laid = self.lay(main, Bytes::new(bytes.map_err(fault)?))?;
            laid.fit = fit;
            if laid.document.pages().len() <= 1 || fit == TIGHTEST || !data.is_object() {
                return Ok(laid);
            }
            fit += 1;
        }
    }

    /// Lays out `data` with the main source `main`, once, under the
    /// caller's watch (render::limits).
    fn lay(&self, main: FileId, data: Bytes) -> Result<Laid, Problems> {
        let world = self.world.with(main, data.clone());
        let started = Instant::now();
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        self.clock.compile.fetch_add(nanos(started.elapsed()), Ordering::Relaxed);
        log_warnings(&warnings);
        let document = output.map_err(|errors| diagnostics::problems(&world, &errors))?;
        Ok(Laid { document, main, data, fit: 0 })
    }

    /// Writes a laid-out document as a PDF with the batch's settings.
    /// `ident` must be unique per document (it seeds the PDF's /ID);
    /// `created` is its creation date [default: the batch's].
    pub fn export(
        &self,
        laid: &Laid,
        ident: &str,
        created: Option<chrono::NaiveDateTime>,
    ) -> Result<Vec<u8>, Problems> {
        let world = self.world.with(laid.main, laid.data.clone());
        self.pdf(&laid.document, ident, created).map_err(|errors| diagnostics::problems(&world, &errors))
    }

    fn pdf(
        &self,
        document: &PagedDocument,
        ident: &str,
        created: Option<chrono::NaiveDateTime>,
    ) -> Result<Vec<u8>, typst::ecow::EcoVec<typst::diag::SourceDiagnostic>> {
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_owned()),
            creator: Smart::Custom(Some(self.creator.clone())),
            timestamp: Some(created.map_or(self.timestamp, pdf_time)),
            standards: self.standards.clone(),
            tagged: true,
            ..PdfOptions::default()
        };
        typst_pdf::pdf(document, &options)
    }

    /// Lays out `count` records as one document (for printing), where
    /// `data(range)` gives the combined data of the records in `range`.
    /// `ident` seeds the PDF's /ID.
    ///
    /// typst holds every page of a document until the PDF is written, so a
    /// batch of more than [`COMBINED_PART`] records is laid out that many at
    /// a time and the parts are joined into one PDF. Measured with 10 000
    /// certificates: peak 1.7 GB as one layout, 284 MB in parts of 500.
    pub fn render_combined(
        &self,
        count: usize,
        data: impl Fn(Range<usize>) -> Result<Vec<u8>, String>,
        ident: &str,
    ) -> Result<Rendered, Problems> {
        if count <= COMBINED_PART {
            return self.render_part(data(0..count).map_err(fault)?, ident);
        }
        let mut joined = crate::pdf::join::Joined::new();
        for start in (0..count).step_by(COMBINED_PART) {
            let part = self.render_part(data(start..count.min(start + COMBINED_PART)).map_err(fault)?, ident)?;
            // What this part's layout left in the memo cache serves no other.
            typst::comemo::evict(0);
            joined.append(&part.pdf).map_err(fault)?;
        }
        let pages = joined.pages();
        Ok(Rendered { pdf: joined.finish().map_err(fault)?, pages, wrapped: Vec::new(), fit: 0 })
    }

    /// Lays out records as one document, with the memo cache trimmed while
    /// it is made.
    fn render_part(&self, data: Vec<u8>, ident: &str) -> Result<Rendered, Problems> {
        // One compilation of thousands of pages fills typst's memo cache with
        // the layout of every page, which no later page needs. A thread drops
        // what went unused since its last turn while the document is made;
        // what every page uses (the static parts) stays. Measured: 1 000
        // certificates, peak 447 → 272 MB; 10 000, 4.3 → 1.7 GB.
        let done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let evictor = scope.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    std::thread::park_timeout(EVICT_EVERY);
                    typst::comemo::evict(1);
                }
            });
            let result = self.compile(self.combined_main, data, ident, None);
            done.store(true, Ordering::Relaxed);
            evictor.thread().unpark();
            result
        })
    }

    /// Ends a round of records. Each record adds to typst's memo cache
    /// (about half a megabyte); dropping what the last two rounds did not
    /// use keeps memory flat and the cache warm. Eviction takes the cache's
    /// locks, so it runs once per round of a few dozen records, not per
    /// record on every thread, where it serialised the threads.
    pub fn end_round(&self) {
        typst::comemo::evict(2);
    }

    /// Ends a batch of separate documents: typst's memo cache holds the
    /// layout of the last rounds, which nothing later needs (a combined
    /// document lays its pages out anew).
    pub fn end_batch(&self) {
        typst::comemo::evict(0);
    }

    /// The time spent so far in typst by every thread.
    pub fn times(&self) -> Times {
        let get = |a: &AtomicU64| Duration::from_nanos(a.load(Ordering::Relaxed));
        Times { compile: get(&self.clock.compile), export: get(&self.clock.export) }
    }

    /// Lays out `data` once, with no page limit, and exports it.
    fn compile(
        &self,
        main: FileId,
        data: Vec<u8>,
        ident: &str,
        created: Option<chrono::NaiveDateTime>,
    ) -> Result<Rendered, Problems> {
        let _watched = limits::watch(ident);
        let laid = self.lay(main, Bytes::new(data))?;
        self.finish(&laid, ident, created)
    }

    /// Exports a laid-out document, on the clock, as a finished one.
    fn finish(&self, laid: &Laid, ident: &str, created: Option<chrono::NaiveDateTime>) -> Result<Rendered, Problems> {
        let started = Instant::now();
        let pdf = self.export(laid, ident, created)?;
        self.clock.export.fetch_add(nanos(started.elapsed()), Ordering::Relaxed);
        Ok(Rendered { pdf, pages: laid.document.pages().len(), wrapped: laid.wrapped(), fit: laid.fit })
    }
}

/// How far a one-page document may be tightened to fit: `data.fit` runs
/// from 0 (as the template is designed) to this (its smallest sizes), the
/// 3 that `sized` in templates/intyg/parts.typ divides by.
pub const TIGHTEST: u64 = 3;

/// A duration in nanoseconds, for the clock.
fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// A date as the PDF's creation date; one typst cannot hold (before year
/// 1) becomes 2000-01-01.
fn pdf_time(date: chrono::NaiveDateTime) -> Timestamp {
    use chrono::{Datelike, Timelike};
    let (hour, minute, second) = (date.hour() as u8, date.minute() as u8, date.second() as u8);
    let dt = Datetime::from_ymd_hms(date.year(), date.month() as u8, date.day() as u8, hour, minute, second)
        .unwrap_or_else(|| Datetime::from_ymd(2000, 1, 1).expect("valid date"));
    Timestamp::new_utc(dt)
}

/// A fault that is not the template's (data that cannot be written, a
/// part that cannot be joined), as the problems of a layout.
fn fault(e: impl std::fmt::Display) -> Problems {
    Problems(vec![Problem::error(crate::problem::Place::default(), e.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_parallel_keeps_the_order() {
        let items: Vec<usize> = (0..37).collect();
        assert_eq!(in_parallel(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
