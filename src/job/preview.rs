//! The preview job: a picture (PNG) of one document before issuing, or
//! proof sheets of every document of a batch as small pages. `intyg
//! preview`, `intyg watch` and the app's Förhandsgranska draw with it.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{another_out, cannot_create, cannot_write};
use crate::batch::{Prepared, Stop, lay_out, overflow_problem, prepare, renderer, report_problems, template_problems};
use crate::output::write_atomic;
use crate::plan::Doc;
use crate::problem::Problems;
use crate::project::{Kind, Project};
use crate::render::png::{self, PROOF_COLUMNS, PROOF_DPI, PROOF_ROWS, Thumb};
use crate::render::{Laid, Renderer, in_parallel};

/// The picture's default name in the folder.
pub const PREVIEW_FILE: &str = "preview.png";
/// The proof sheets' default folder in the folder.
pub const PROOF_DIR: &str = "proof";

/// What a preview made, for `intyg watch` to report.
pub struct Made {
    /// The files written.
    pub files: Vec<PathBuf>,
    /// Problems found on the way (printed already unless asked not to).
    pub problems: Problems,
    /// A line saying what was made.
    pub line: String,
}

/// What a preview is asked to draw, as plain data: made once from the
/// command line ([`Job::from_args`]) or by another front end
/// ([`Job::new`]).
#[derive(Debug, Clone)]
pub struct Job {
    /// The folder and how to read it.
    pub options: crate::batch::Options,
    /// The document of this row, as the spreadsheet numbers it.
    pub record: Option<usize>,
    /// The document of the holder whose name holds this.
    pub name: Option<String>,
    /// The page, from 1.
    pub page: usize,
    /// The picture to write, or with `all` the folder of proof sheets.
    pub out: Option<PathBuf>,
    /// Pixels per inch.
    pub dpi: u32,
    /// Every document on proof sheets.
    pub all: bool,
    /// Print nothing.
    pub quiet: bool,
}

impl Job {
    /// The first document of the folder `dir`, first page, 96 dpi.
    pub fn new(dir: impl Into<PathBuf>) -> Job {
        Job {
            options: crate::batch::Options::new(dir),
            record: None,
            name: None,
            page: 1,
            out: None,
            dpi: 96,
            all: false,
            quiet: true,
        }
    }
}

/// Makes the preview `args` asks for, printing nothing; with `pdf`, a
/// single document is also written as a PDF beside its picture.
pub fn make(args: &Job, pdf: bool) -> Result<Made, Stop> {
    let dir = &args.options.dir;
    let is_report = Project::load(dir).is_ok_and(|p| p.kind() == Kind::Report);
    if is_report {
        return report(args, pdf);
    }
    let prepared = prepare(&args.options)?;
    if args.all { proof(args, &prepared) } else { one(args, &prepared, pdf) }
}

fn usage(msg: impl Into<String>, hint: impl Into<String>) -> Stop {
    Stop::usage(msg.into(), hint.into())
}

/// The document `--record` or `--name` names, or the first; with a note
/// when a name fits more than one.
fn pick<'a>(args: &Job, p: &'a Prepared) -> Result<(&'a Doc, Option<String>), Stop> {
    let docs = &p.plan.docs;
    let data = p.data();
    let row_word = p.table.row_word;
    if let Some(row) = args.record {
        if let Some(doc) = docs.iter().find(|d| d.row == row) {
            return Ok((doc, None));
        }
        if let Some(n) = p.plan.not_eligible.iter().find(|n| n.row == row) {
            let (name, why) = (&n.name, n.why());
            return Err(usage(
                tr!(
                    "{row_word} {row} ({name}) gets no document: {why}",
                    "{row_word} {row} ({name}) får inget dokument: {why}"
                ),
                tr!(
                    "preview another record; `intyg check --json` lists who gets what",
                    "förhandsgranska en annan post; `intyg check --json` visar vem som får vad"
                ),
            ));
        }
        let many = row_word.many();
        let range = match (docs.first(), docs.last()) {
            (Some(a), Some(b)) => {
                let (a, b) = (a.row, b.row);
                tr!("the records with documents are on {many} {a}–{b}", "raderna med dokument finns på {many} {a}–{b}")
            }
            _ => tr!("no record gets a document", "ingen post får något dokument"),
        };
        let file = p.table.path.display();
        return Err(usage(
            tr!("no document for {row_word} {row} of {file}", "inget dokument för {row_word} {row} i {file}"),
            range,
        ));
    }
    if let Some(text) = &args.name {
        let wanted = text.to_lowercase();
        let hits: Vec<&Doc> = docs.iter().filter(|d| data.holder_name(d).to_lowercase().contains(&wanted)).collect();
        return match hits.as_slice() {
            [] => Err(usage(
                {
                    let n = docs.len();
                    tr!(
                        "no name with \"{text}\" among the {n} documents",
                        "inget namn med \"{text}\" bland de {n} dokumenten"
                    )
                },
                tr!(
                    "give part of a name as the records file writes it, or pick a row with --record N",
                    "ange en del av ett namn så som listan skriver det, eller välj en rad med --record N"
                ),
            )),
            [only] => Ok((only, None)),
            [first, rest @ ..] => {
                let rows: Vec<String> = rest.iter().map(|d| d.row.to_string()).collect();
                let (word, rows, next) = (row_word.count(rows.len()), rows.join(", "), rest[0].row);
                let note = tr!(
                    "\"{text}\" is also on {word} {rows}; pick one with --record {next}",
                    "\"{text}\" finns också på {word} {rows}; välj en med --record {next}"
                );
                Ok((first, Some(note)))
            }
        };
    }
    docs.first().map(|d| (d, None)).ok_or_else(|| no_documents(p))
}

/// Why there is nothing to preview.
fn no_documents(p: &Prepared) -> Stop {
    let file = p.table.path.display();
    usage(
        tr!("no record in {file} gets a document", "ingen post i {file} får något dokument"),
        tr!(
            "`intyg check` says why; fix the records or the eligibility rules",
            "`intyg check` säger varför; rätta listan eller reglerna för vem som får intyg"
        ),
    )
}

/// One document's page drawn in memory: the picture `intyg preview`
/// writes and the app shows.
pub struct Drawn {
    /// The page.
    pub picture: tiny_skia::Pixmap,
    /// The document's row, as the spreadsheet numbers it.
    pub row: usize,
    /// Which page, from 0, of how many.
    pub page: (usize, usize),
    /// The plan's problems and, when the document runs over its page, that.
    pub problems: Problems,
}

/// Draws page `args.page` of the document `args` picks (its `record`, its
/// `name`, or the first) of the prepared folder `p`, as `intyg preview` does.
pub fn draw_one(args: &Job, p: &Prepared) -> Result<Drawn, Stop> {
    let (doc, _, laid, problems) = lay_out_one(args, p, &renderer(p))?;
    let pages = laid.document.pages().len();
    let index = page_index(args.page, pages)?;
    let picture = png::page(&laid.document, index, args.dpi)
        .ok_or_else(|| usage(tr!("the page is not there", "sidan finns inte"), ""))?;
    Ok(Drawn { picture, row: doc.row, page: (index, pages), problems })
}

/// What `intyg preview` says of the document `args` picks of the prepared
/// folder `p`, without drawing it: its row, and the plan's problems with
/// its page running over among them.
pub fn problems_of_one(args: &Job, p: &Prepared) -> Result<(usize, Problems), Stop> {
    let (doc, _, _, problems) = lay_out_one(args, p, &renderer(p))?;
    Ok((doc.row, problems))
}

/// The document `args` picks laid out, with the note on its pick and the
/// plan's problems, an overflow among them.
fn lay_out_one<'a>(
    args: &Job,
    p: &'a Prepared,
    renderer: &Renderer,
) -> Result<(&'a Doc, Option<String>, Laid, Problems), Stop> {
    let (doc, note) = pick(args, p).map_err(|stop| match stop {
        // A record left out for its errors: its errors first, then why
        // there is nothing to draw.
        Stop::Usage(h) if p.plan.problems.has_errors() => {
            let mut problems = p.plan.problems.clone();
            problems.push(h.at(crate::problem::Place::file(&p.table.path)));
            Stop::Problems(problems)
        }
        stop => stop,
    })?;
    let mut problems = p.plan.problems.clone();
    let data = p.data();
    let laid = lay_out(renderer, &data, &p.table, doc).map_err(Stop::Problems)?;
    let pages = laid.document.pages().len();
    if pages != 1 {
        problems.push(overflow_problem(&p.table, &data, doc, pages));
    }
    Ok((doc, note, laid, problems))
}

/// One document's page as a picture.
fn one(args: &Job, p: &Prepared, pdf: bool) -> Result<Made, Stop> {
    let started = Instant::now();
    let renderer = renderer(p);
    let (doc, note, laid, problems) = lay_out_one(args, p, &renderer)?;
    let data = p.data();
    let name = data.holder_name(doc);
    let pages = laid.document.pages().len();
    let index = page_index(args.page, pages)?;
    let pdf = pdf.then(|| {
        let created = Some(crate::batch::created(&data, doc));
        renderer
            .export(&laid, &doc.id, created)
            .map_err(|found| Stop::Problems(template_problems(&p.table, doc, &name, found)))
    });
    let (files, picture) = draw(args, &laid, index, pdf)?;
    let ms = started.elapsed().as_millis();
    let (file, width, height, kind) = (files[0].display(), picture.width(), picture.height(), doc.kind.name());
    let (rw, row, page) = (p.table.row_word, doc.row, index + 1);
    let mut line = tr!(
        "Wrote {file} ({width} × {height} px): {kind} for {rw} {row}, {name}, page {page} of {pages}, in {ms} ms",
        "Skrev {file} ({width} × {height} px): {kind} för {rw} {row}, {name}, sida {page} av {pages}, på {ms} ms"
    );
    if let Some(note) = note {
        line.push_str(&format!("\n  {} {note}", crate::problem::Label::Note));
    }
    Ok(Made { files, problems, line })
}

/// Writes page `index` of a laid-out document as the preview picture, and
/// the document as a PDF beside it when `pdf` holds one.
fn draw(
    args: &Job,
    laid: &Laid,
    index: usize,
    pdf: Option<Result<Vec<u8>, Stop>>,
) -> Result<(Vec<PathBuf>, tiny_skia::Pixmap), Stop> {
    let picture = png::page(&laid.document, index, args.dpi)
        .ok_or_else(|| usage(tr!("the page is not there", "sidan finns inte"), ""))?;
    let out = args.out.clone().unwrap_or_else(|| args.options.dir.join(PREVIEW_FILE));
    write_png(&out, &picture)?;
    let mut files = vec![out];
    if let Some(pdf) = pdf {
        let path = files[0].with_extension("pdf");
        write_atomic(&path, &pdf?).map_err(|e| usage(cannot_write(&path.display(), &e), another_out()))?;
        files.push(path);
    }
    Ok((files, picture))
}

/// `--page N` as an index, checked against the document.
fn page_index(page: usize, pages: usize) -> Result<usize, Stop> {
    if page == 0 || page > pages {
        let msg = if pages == 1 {
            tr!("--page {page}, but the document has {pages} page", "--page {page}, men dokumentet har {pages} sida")
        } else {
            tr!("--page {page}, but the document has {pages} pages", "--page {page}, men dokumentet har {pages} sidor")
        };
        return Err(usage(msg, tr!("use 1 to {pages}", "använd 1 till {pages}")));
    }
    Ok(page - 1)
}

fn write_png(path: &Path, picture: &tiny_skia::Pixmap) -> Result<(), Stop> {
    let bytes = png::encode(picture).map_err(|e| usage(e, ""))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| usage(cannot_create(&dir.display(), &e), another_out()))?;
    }
    write_atomic(path, &bytes).map_err(|e| usage(cannot_write(&path.display(), &e), another_out()))
}

/// How many small pages a proof sheet holds.
const PER_SHEET: usize = PROOF_COLUMNS * PROOF_ROWS;

/// Proof sheets of every document: laid out a sheet at a time on every
/// core, so memory stays that of one sheet whatever the batch.
fn proof(args: &Job, p: &Prepared) -> Result<Made, Stop> {
    let out = args.out.clone().unwrap_or_else(|| args.options.dir.join(PROOF_DIR));
    let docs = &p.plan.docs;
    if docs.is_empty() {
        return Err(no_documents(p));
    }
    let renderer = renderer(p);
    let data = p.data();
    let started = Instant::now();
    let mut problems = p.plan.problems.clone();
    let files = write_sheets(&out, docs, |chunk| {
        let laid_out = crate::batch::layout::each(&renderer, chunk, &|| false, &|| {}, |doc| {
            let laid = lay_out(&renderer, &data, &p.table, doc)?;
            let pages = laid.document.pages().len();
            let overflow = (pages != 1).then(|| overflow_problem(&p.table, &data, doc, pages));
            Ok((png::page(&laid.document, 0, PROOF_DPI), overflow))
        });
        renderer.end_round();
        let mut thumbs = Vec::with_capacity(chunk.len());
        // Every document of a sheet is laid out: nothing stops the loop.
        for result in laid_out.into_iter().flatten() {
            match result {
                Ok((picture, overflow)) => {
                    thumbs.push(Thumb { picture, flagged: overflow.is_some() });
                    problems.extend(Problems(overflow.into_iter().collect()));
                }
                Err(found) => {
                    thumbs.push(Thumb { picture: None, flagged: true });
                    problems.extend(found);
                }
            }
        }
        thumbs
    })?;
    let row_word = p.table.row_word;
    let mut listing = String::new();
    for (chunk, file) in docs.chunks(PER_SHEET).zip(&files) {
        let (first, last) = (chunk[0].row, chunk[chunk.len() - 1].row);
        let rows =
            if first == last { format!("{row_word} {first}") } else { format!("{} {first}–{last}", row_word.many()) };
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        listing.push_str(&format!("\n  {name}  {rows}"));
    }
    let sheets = files.len();
    let (out, n, ms, word) = (out.display(), docs.len(), started.elapsed().as_millis(), sheets_word(sheets));
    let line = tr!(
        "Wrote {sheets} proof {word} to {out} ({n} documents, {PER_SHEET} a sheet, red frame: needs a look), in {ms} ms:{listing}",
        "Skrev {sheets} {word} till {out} ({n} dokument, {PER_SHEET} per ark, röd ram: behöver en titt), på {ms} ms:{listing}"
    );
    Ok(Made { files, problems, line })
}

/// Writes proof sheets of `items`, twelve to a sheet, each sheet's small
/// pages made by `thumbs`, into `out` (see [`sheet_names`]); gives the files.
fn write_sheets<T>(out: &Path, items: &[T], mut thumbs: impl FnMut(&[T]) -> Vec<Thumb>) -> Result<Vec<PathBuf>, Stop> {
    let names = sheet_names(items.len().div_ceil(PER_SHEET));
    let mut files = Vec::with_capacity(names.len());
    for (chunk, name) in items.chunks(PER_SHEET).zip(&names) {
        let sheet = png::proof_sheet(&thumbs(chunk)).map_err(|e| usage(e, ""))?;
        let path = out.join(name);
        write_png(&path, &sheet)?;
        files.push(path);
    }
    remove_stale_sheets(out, &names);
    Ok(files)
}

/// "sheet" or "sheets" / "korrekturark".
fn sheets_word(n: usize) -> String {
    if n == 1 { tr!("sheet", "korrekturark") } else { tr!("sheets", "korrekturark") }
}

/// `proof-01.png`, … with as many digits as the count needs (at least two).
fn sheet_names(count: usize) -> Vec<String> {
    let width = count.to_string().len().max(2);
    (1..=count).map(|i| format!("proof-{i:0width$}.png")).collect()
}

/// Proof sheets left from a larger batch would show documents no longer in
/// it: only sheets named like ours are removed.
fn remove_stale_sheets(dir: &Path, keep: &[String]) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name
            .strip_prefix("proof-")
            .and_then(|n| n.strip_suffix(".png"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if ours && !keep.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// A report's page, or proof sheets of all its pages.
fn report(args: &Job, pdf: bool) -> Result<Made, Stop> {
    let options = &args.options;
    let report_job = crate::job::report::Job {
        lang: options.lang,
        template: options.template.clone(),
        on: options.on,
        quiet: args.quiet,
        ..crate::job::report::Job::new(&options.dir)
    };
    let ready = crate::job::report::ready(&report_job)?;
    let started = Instant::now();
    let renderer: &Renderer = &ready.renderer;
    let laid = renderer.layout(0, &ready.report.data).map_err(|found| Stop::Problems(report_problems(found)))?;
    let document = &laid.document;
    let pages = document.pages().len();
    if args.all {
        let out = args.out.clone().unwrap_or_else(|| options.dir.join(PROOF_DIR));
        let indices: Vec<usize> = (0..pages).collect();
        let files = write_sheets(&out, &indices, |chunk| {
            in_parallel(chunk, |&i| Thumb { picture: png::page(document, i, PROOF_DPI), flagged: false })
        })?;
        let sheets = files.len();
        let (out, ms, word) = (out.display(), started.elapsed().as_millis(), sheets_word(sheets));
        let line = tr!(
            "Wrote {sheets} proof {word} of the report's {pages} pages to {out}, in {ms} ms",
            "Skrev {sheets} {word} med rapportens {pages} sidor till {out}, på {ms} ms"
        );
        return Ok(Made { files, problems: Problems::default(), line });
    }
    let index = page_index(args.page, pages)?;
    let pdf =
        pdf.then(|| renderer.export(&laid, &ready.ident, None).map_err(|found| Stop::Problems(report_problems(found))));
    let (files, picture) = draw(args, &laid, index, pdf)?;
    let (file, width, height, page, ms) =
        (files[0].display(), picture.width(), picture.height(), index + 1, started.elapsed().as_millis());
    let line = tr!(
        "Wrote {file} ({width} × {height} px): page {page} of the report's {pages}, in {ms} ms",
        "Skrev {file} ({width} × {height} px): sida {page} av rapportens {pages}, på {ms} ms"
    );
    Ok(Made { files, problems: Problems::default(), line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_sort_as_they_are_numbered() {
        assert_eq!(sheet_names(2), ["proof-01.png", "proof-02.png"]);
        assert_eq!(sheet_names(100)[99], "proof-100.png");
        assert_eq!(sheet_names(100)[0], "proof-001.png");
    }
}
