//! `intyg init`: a new folder that works at once — intyg.toml with every key
//! explained in the chosen language, invented example records and a copy of
//! the built-in template to edit.
//!
//! The starter files live in `templates/init/KIND/LANG/` and are compiled
//! into the binary. A report folder gets a course and a diploma folder inside
//! it, so the report has figures from the start.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::cli::InitArgs;
use crate::kind::Kind;
use crate::locale::Lang;
use crate::render::Template;

/// One starter file: its name in the new folder, its text, and a line
/// about it in Swedish and English.
struct File {
    name: &'static str,
    text: &'static str,
    about: [&'static str; 2],
}

macro_rules! starter {
    ($dir:literal, $name:literal, $sv:expr, $en:expr) => {
        File { name: $name, text: include_str!(concat!("../../templates/init/", $dir, "/", $name)), about: [$sv, $en] }
    };
}

const PROGRAMME_FILE: [&str; 2] =
    ["programfilen, med varje nyckel förklarad", "the programme file, every key explained"];

static COURSE_SV: &[File] = &[
    starter!("course/sv", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("course/sv", "deltagare.csv", "sex påhittade deltagare, en som missat en dag", ""),
];
static COURSE_EN: &[File] = &[
    starter!("course/en", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("course/en", "participants.csv", "", "six invented participants, one who missed a day"),
];
static ELEARNING_SV: &[File] = &[
    starter!("elearning/sv", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("elearning/sv", "slutforda.csv", "en påhittad export från en lärplattform: två slutförda, två inte", ""),
];
static ELEARNING_EN: &[File] = &[
    starter!("elearning/en", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("elearning/en", "completions.csv", "", "an invented learning platform export: two completed, two not"),
];
static CONFERENCE_SV: &[File] = &[
    starter!("conference/sv", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("conference/sv", "anmalningar.csv", "fyra påhittade anmälningar, tre som kom", ""),
];
static CONFERENCE_EN: &[File] = &[
    starter!("conference/en", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("conference/en", "registrations.csv", "", "four invented registrations, three who came"),
];
static DIPLOMA_SV: &[File] = &[
    starter!("diploma/sv", "intyg.toml", "inställningsfilen, med varje nyckel förklarad", ""),
    starter!("diploma/sv", "organisationer.csv", "tre påhittade organisationer", ""),
];
static DIPLOMA_EN: &[File] = &[
    starter!("diploma/en", "intyg.toml", "", "the scheme file, every key explained"),
    starter!("diploma/en", "organisations.csv", "", "three invented organisations"),
];
static REPORT_SV: &[File] = &[
    starter!("report/sv", "intyg.toml", "rapportfilen, med varje nyckel förklarad", ""),
    starter!("report/sv", "indikatorer.csv", "indikatorer för två år", ""),
    starter!("report/sv", "sammanfattning.md", "rapportens första avsnitt (Markdown)", ""),
];
static REPORT_EN: &[File] = &[
    starter!("report/en", "intyg.toml", "", "the report file, every key explained"),
    starter!("report/en", "indicators.csv", "", "indicators for two years"),
    starter!("report/en", "summary.md", "", "the report's first section (Markdown)"),
];

fn starter(kind: Kind, lang: Lang) -> &'static [File] {
    match (kind, lang) {
        (Kind::Course, Lang::Sv) => COURSE_SV,
        (Kind::Course, Lang::En) => COURSE_EN,
        (Kind::Elearning, Lang::Sv) => ELEARNING_SV,
        (Kind::Elearning, Lang::En) => ELEARNING_EN,
        (Kind::Conference, Lang::Sv) => CONFERENCE_SV,
        (Kind::Conference, Lang::En) => CONFERENCE_EN,
        (Kind::Diploma, Lang::Sv) => DIPLOMA_SV,
        (Kind::Diploma, Lang::En) => DIPLOMA_EN,
        (Kind::Report, Lang::Sv) => REPORT_SV,
        (Kind::Report, Lang::En) => REPORT_EN,
    }
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
    let l = usize::from(lang == Lang::En);
    let template = template_name(kind);
    let copy = format!("{template}.typ");
    let mut out = Vec::new();
    for f in starter(kind, lang) {
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
        } else {
            text.into_bytes()
        };
        out.push(Planned { path: PathBuf::from(name), bytes, about: f.about[l].to_owned() });
    }
    if !nested {
        let source = Template::builtin_source(template).ok_or_else(|| format!("no built-in template {template}"))?;
        let about = ["en kopia av den inbyggda mallen, att ändra i", "a copy of the built-in template, to edit"];
        out.push(Planned { path: PathBuf::from(copy), bytes: source.as_bytes().to_vec(), about: about[l].to_owned() });
    }
    if kind == Kind::Report {
        let folders = [
            (
                Kind::Course,
                ["utbildning", "training"],
                ["en utbildning som rapporten räknar", "a training the report counts"],
            ),
            (
                Kind::Diploma,
                ["diplom", "diplomas"],
                ["en diplomering som rapporten räknar", "a diploma scheme the report counts"],
            ),
        ];
        for (sub, dir, about) in folders {
            for p in plan(sub, lang, xlsx, true)? {
                let about = if p.path.as_os_str() == "intyg.toml" { about[l].to_owned() } else { p.about };
                out.push(Planned { path: Path::new(dir[l]).join(p.path), bytes: p.bytes, about });
            }
        }
    }
    Ok(out)
}

/// The name of a kind's example records file: the starter's CSV file. A
/// report's CSV holds indicators, not records.
fn records_name(kind: Kind, lang: Lang) -> Option<&'static str> {
    let csv = starter(kind, lang).iter().find(|f| f.name.ends_with(".csv"))?;
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
    sheet.set_name(if lang == Lang::Sv { "Blad1" } else { "Sheet1" }).map_err(xlsx)?;
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

/// Runs `intyg init`.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let lang = match super::lang_arg(Some(&args.lang)) {
        Ok(l) => l.unwrap_or_default(),
        Err(s) => return Ok(super::stop(s, false, false)),
    };
    match create(&args.dir, args.kind, lang, args.xlsx) {
        Ok(planned) => {
            eprint!("{}", next_steps(&args.dir, args.kind, lang, &planned));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(super::usage_exit(e)),
    }
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

/// What was made and what to do next, in the chosen language.
fn next_steps(dir: &Path, kind: Kind, lang: Lang, planned: &[Planned]) -> String {
    let d = dir.display();
    let width = planned.iter().map(|p| p.path.display().to_string().chars().count()).max().unwrap_or(0);
    let mut s = match lang {
        Lang::Sv => format!("Skapade {d}:\n"),
        Lang::En => format!("Made {d}:\n"),
    };
    for p in planned {
        let name = p.path.display().to_string();
        let pad = width - name.chars().count();
        s.push_str(&format!("  {name}{}  {}\n", " ".repeat(pad), p.about));
    }
    let (make, what) = kind.spec().next;
    let what = what[usize::from(lang == Lang::Sv)];
    let preview = format!("intyg preview {d}");
    let make = format!("intyg {make} {d}");
    let w = preview.chars().count().max(make.chars().count());
    match lang {
        Lang::Sv => s.push_str(&format!(
            "\nNästa steg:\n  1. Ändra intyg.toml och exemplen i {d} till era egna.\n  \
             2. {preview:<w$}   en bild av första sidan, {d}/preview.png\n  \
             3. {make:<w$}   {what} i {d}/out/\n"
        )),
        Lang::En => s.push_str(&format!(
            "\nNext:\n  1. Change intyg.toml and the examples in {d} to your own.\n  \
             2. {preview:<w$}   a picture of the first page, {d}/preview.png\n  \
             3. {make:<w$}   {what} in {d}/out/\n"
        )),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_starter_names_its_records_and_template_files() {
        for kind in [Kind::Course, Kind::Conference, Kind::Elearning, Kind::Diploma, Kind::Report] {
            for lang in [Lang::Sv, Lang::En] {
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
        let files = plan(Kind::Report, Lang::Sv, false, false).unwrap();
        let course = files.iter().find(|f| f.path == Path::new("utbildning/intyg.toml")).unwrap();
        assert!(String::from_utf8_lossy(&course.bytes).contains("template = \"kursintyg\""));
        assert!(files.iter().any(|f| f.path == Path::new("diplom/organisationer.csv")));
        assert!(!files.iter().any(|f| f.path.starts_with("utbildning") && f.path.extension() == Some("typ".as_ref())));
    }
}
