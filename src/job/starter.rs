//! The starter job: a new folder of a kind that works at once — intyg.toml
//! with every key explained in the chosen language, invented example
//! records and a copy of the built-in template to edit. Each kind's files
//! are its own (`Kind::starter`, from `templates/init/KIND/LANG/`). A report
//! folder gets a course and a diploma folder inside it, so the report has
//! figures from the start.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::kind::Kind;
use crate::locale::Lang;
use crate::render::Template;

/// The mail domains of the starters' invented people and senders, and
/// those RFC 2606 keeps for examples: nobody reads mail there.
const EXAMPLE_DOMAINS: &[&str] = &[
    "exempel.se",
    "exempelstad.se",
    "esimerkki.fi",
    "esimerkkila.fi",
    "example",
    "example.com",
    "example.net",
    "example.org",
    "exampleton.org",
    "exampletown.org",
];

/// Whether `text` (an address, or `Name <address>`) is at an example
/// domain: a starter folder's invented person or sender.
pub fn is_example_address(text: &str) -> bool {
    let Some((_, domain)) = text.trim().trim_end_matches('>').rsplit_once('@') else { return false };
    let domain = domain.trim().trim_end_matches('.').to_lowercase();
    EXAMPLE_DOMAINS.iter().any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
}

/// The built-in template a starter copies.
fn template_name(kind: Kind) -> &'static str {
    kind.spec().template
}

/// A file to write: where, what, and the line printed about it.
#[derive(Debug)]
pub struct Planned {
    /// Path relative to the new folder.
    pub path: PathBuf,
    /// Contents.
    pub bytes: Vec<u8>,
    /// What it is, in the chosen language.
    pub about: String,
}

/// The files of a starter folder. `nested` starters (the course and diploma
/// folders inside a report folder) use the built-in template instead of a
/// copy.
pub fn plan(kind: Kind, lang: Lang, xlsx: bool, nested: bool) -> Result<Vec<Planned>, String> {
    let starter = kind.starter(lang).ok_or_else(|| format!("no starter folder for {kind:?} in {lang}"))?;
    let template = template_name(kind);
    let copy = format!("{template}.typ");
    let mut out = Vec::new();
    for f in &starter.files {
        let mut text = f.text.to_owned();
        let mut name = f.name.to_owned();
        if f.name == "intyg.toml" {
            if nested {
                text = replace_once(&text, &format!("template = \"{copy}\""), &format!("template = \"{template}\""))?;
            }
            if xlsx && let Some(records) = records_name(kind, lang) {
                let workbook = records.replace(".csv", ".xlsx");
                text = replace_once(&text, &format!("records = \"{records}\""), &format!("records = \"{workbook}\""))?;
            }
        }
        let bytes = if xlsx && records_name(kind, lang) == Some(f.name) {
            name = name.replace(".csv", ".xlsx");
            workbook(f.text, lang)?
        } else if name.ends_with(".csv") {
            // A file people open in Excel and save again: without a byte
            // order mark Excel in Sweden reads UTF-8 as Windows-1252, and
            // the rows they add are saved in that (refused as mixed).
            ["\u{feff}", &text].concat().into_bytes()
        } else {
            text.into_bytes()
        };
        out.push(Planned { path: PathBuf::from(name), bytes, about: f.about.clone() });
    }
    if !nested {
        let source = Template::builtin_source(template).ok_or_else(|| format!("no built-in template {template}"))?;
        let about = if lang.messages() == Lang::SV {
            "en kopia av den inbyggda mallen, att ändra i"
        } else {
            "a copy of the built-in template, to edit"
        };
        out.push(Planned { path: PathBuf::from(copy), bytes: source.as_bytes().to_vec(), about: about.to_owned() });
    }
    for inner in &starter.folders {
        for p in plan(inner.kind, lang, xlsx, true)? {
            let about = if p.path.as_os_str() == "intyg.toml" { inner.about.clone() } else { p.about };
            out.push(Planned { path: Path::new(&inner.name).join(p.path), bytes: p.bytes, about });
        }
    }
    Ok(out)
}

/// The name of a kind's example records file: the starter's CSV file. A
/// report's CSV holds indicators, not records.
fn records_name(kind: Kind, lang: Lang) -> Option<&'static str> {
    let csv = kind.starter(lang)?.files.iter().find(|f| f.name.ends_with(".csv"))?;
    kind.for_people_or_organisations().then_some(csv.name)
}

/// Replaces the one place `from` is in `text`; a starter without it is a
/// bug in intyg, said as such.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String, String> {
    if !text.contains(from) {
        return Err(format!("the starter intyg.toml has no line {from}"));
    }
    Ok(text.replacen(from, to, 1))
}

/// An example records CSV as an Excel workbook: a bold header row that
/// stays in view, dates as dates, columns sized to their contents.
fn workbook(csv: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let delimiter = if csv.lines().next().is_some_and(|l| l.contains(';')) { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(csv.as_bytes());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let xlsx = |e: rust_xlsxwriter::XlsxError| format!("cannot make the example workbook: {e}");
    sheet.set_name(crate::locale::words::word(lang, "first_sheet")).map_err(xlsx)?;
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (r, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("the starter records are not CSV: {e}"))?;
        let row = u32::try_from(r).map_err(|e| e.to_string())?;
        for (c, cell) in record.iter().enumerate() {
            let col = u16::try_from(c).map_err(|e| e.to_string())?;
            if r == 0 {
                sheet.write_string_with_format(row, col, cell, &bold).map_err(xlsx)?;
            } else if let Some(d) = crate::locale::parse_date(cell).filter(|_| cell.len() == 10) {
                let when = ExcelDateTime::from_ymd(
                    u16::try_from(chrono::Datelike::year(&d)).map_err(|e| e.to_string())?,
                    u8::try_from(chrono::Datelike::month(&d)).map_err(|e| e.to_string())?,
                    u8::try_from(chrono::Datelike::day(&d)).map_err(|e| e.to_string())?,
                )
                .map_err(xlsx)?;
                sheet.write_datetime_with_format(row, col, &when, &date).map_err(xlsx)?;
            } else if !cell.is_empty() {
                sheet.write_string(row, col, cell).map_err(xlsx)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    sheet.autofit();
    book.save_to_buffer().map_err(xlsx)
}

/// Writes the starter folder of `kind` in `lang` at `dir` (new, or without
/// the starter's files: intyg never overwrites them), returning what it wrote.
pub fn create(dir: &Path, kind: Kind, lang: Lang, xlsx: bool) -> Result<Vec<Planned>, crate::problem::Hinted> {
    use crate::problem::Hinted;
    let planned = plan(kind, lang, xlsx, false).map_err(|e| Hinted::new(e, ""))?;
    let taken: Vec<String> =
        planned.iter().map(|p| dir.join(&p.path)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !taken.is_empty() {
        let hint = tr!(
            "intyg never overwrites your files: choose a new or empty folder",
            "intyg skriver aldrig över dina filer: välj en ny eller tom mapp"
        );
        let (dir, taken) = (dir.display(), taken.join(", "));
        return Err(Hinted::new(tr!("{dir} already has {taken}", "{dir} har redan {taken}"), hint));
    }
    let space = || {
        tr!(
            "check that the place exists and that you may write there",
            "kontrollera att platsen finns och att du får skriva där"
        )
    };
    for p in &planned {
        let path = dir.join(&p.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Hinted::new(super::cannot_create(&parent.display(), &e), space()))?;
        }
        crate::output::write_atomic(&path, &p.bytes)
            .map_err(|e| Hinted::new(super::cannot_write(&path.display(), &e), space()))?;
    }
    Ok(planned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_names_its_records_and_template_files() {
        for kind in [Kind::Course, Kind::Conference, Kind::Elearning, Kind::Diploma, Kind::Report] {
            for &lang in Lang::all() {
                for xlsx in [false, true] {
                    let files = plan(kind, lang, xlsx, false).unwrap();
                    let toml = &files[0];
                    assert_eq!(toml.path, Path::new("intyg.toml"));
                    let text = String::from_utf8(toml.bytes.clone()).unwrap();
                    let template = format!("{}.typ", template_name(kind));
                    assert!(text.contains(&format!("template = \"{template}\"")), "{kind:?} {lang:?}");
                    assert!(files.iter().any(|f| f.path == Path::new(&template)));
                    assert_eq!(records_name(kind, lang).is_some(), kind != Kind::Report);
                    if let Some(records) = records_name(kind, lang) {
                        let records = if xlsx { records.replace(".csv", ".xlsx") } else { records.to_owned() };
                        assert!(text.contains(&format!("records = \"{records}\"")), "{kind:?} {lang:?} {xlsx}");
                        assert!(files.iter().any(|f| f.path == Path::new(&records)), "{records}");
                    }
                    assert!(files.iter().all(|f| !f.about.is_empty()), "{kind:?} {lang:?}");
                }
            }
        }
    }

    #[test]
    fn a_report_starter_holds_a_course_and_a_diploma_folder_on_built_in_templates() {
        let files = plan(Kind::Report, Lang::SV, false, false).unwrap();
        let course = files.iter().find(|f| f.path == Path::new("utbildning/intyg.toml")).unwrap();
        assert!(String::from_utf8_lossy(&course.bytes).contains("template = \"kursintyg\""));
        assert!(files.iter().any(|f| f.path == Path::new("diplom/organisationer.csv")));
        assert!(!files.iter().any(|f| f.path.starts_with("utbildning") && f.path.extension() == Some("typ".as_ref())));
    }
}
