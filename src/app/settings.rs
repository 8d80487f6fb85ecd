//! The settings form of a folder: which parts of intyg.toml a folder of
//! each kind shows, the file read as the form's values, and the form
//! written back with the file's comments and order kept, then checked as
//! `intyg check` reads the folder. Nothing here knows about HTTP.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::work::{config, free_name, write_config};
use crate::problem::{Hinted, Place, Problem};
use crate::project::Kind;

/// How a setting is written in the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Input {
    /// A line of text.
    Line,
    /// A longer text.
    Text,
    /// A number, with a decimal comma or point.
    Number,
    /// A colour in hex (`#1f4e79`), with the browser's colour picker.
    Colour,
    /// The frame around the page: double, thin or none.
    Frame,
    /// A date, written into intyg.toml as a TOML date.
    Date,
    /// An image uploaded into the folder, named by its file name.
    Image,
    /// What an item of a day's programme is: a talk, a workshop, a break
    /// or lunch.
    Item,
    /// A list of lines (a course's content), one a line in the form and an
    /// array of strings in intyg.toml.
    List,
    /// The speakers of an item of the day's programme, one a line as
    /// "Name, title", an array of `{ name, title }` in intyg.toml.
    Speakers,
    /// How the mail server's connection is protected.
    Security,
    /// What to do with rows a spreadsheet hides.
    Hidden,
    /// Yes or no, `true` or left out in intyg.toml.
    Yes,
    /// A web address.
    Url,
    /// An e-mail address, with a name or without.
    Email,
    /// Yes unless said: `false` or left out in intyg.toml.
    Shown,
    /// A full-page background: an image or a PDF page, uploaded into the
    /// folder.
    Background,
}

const ALL: &[Kind] = &[Kind::Course, Kind::Conference, Kind::Elearning, Kind::Diploma, Kind::Report];
const COURSES: &[Kind] = &[Kind::Course, Kind::Conference, Kind::Elearning];
const SESSIONS: &[Kind] = &[Kind::Course, Kind::Conference];
const DOCUMENTS: &[Kind] = &[Kind::Course, Kind::Conference, Kind::Elearning, Kind::Diploma];
const DIPLOMAS: &[Kind] = &[Kind::Diploma];
const CONFERENCES: &[Kind] = &[Kind::Conference];
const ELEARNING: &[Kind] = &[Kind::Elearning];

/// A part of the form, in the order the page shows them; each is a
/// fieldset with a legend and a line of help (`g_NAME`, `g_NAME_help` in
/// the pages' words).
pub const GROUPS: &[&str] = &["issuer", "programme", "texts", "look", "verify", "email", "records"];

/// One setting: its key in the form and in intyg.toml (`programme.name`,
/// or `time_zone` at the top of the file), how it is written, the kinds of
/// folder that have it, and the part of the form it is in.
pub struct Field {
    /// `table.key`, as in intyg.toml.
    pub key: &'static str,
    /// How the form writes it.
    pub input: Input,
    kinds: &'static [Kind],
    /// Its part of the form, one of [`GROUPS`].
    pub group: &'static str,
}

const fn field(key: &'static str, input: Input, kinds: &'static [Kind], group: &'static str) -> Field {
    Field { key, input, kinds, group }
}

/// The single settings, in the order the form shows them.
pub const FIELDS: &[Field] = &[
    field("issuer.name", Input::Line, ALL, "issuer"),
    field("issuer.logo", Input::Image, ALL, "issuer"),
    field("programme.name", Input::Line, COURSES, "programme"),
    field("programme.code", Input::Line, COURSES, "programme"),
    field("programme.place", Input::Line, COURSES, "programme"),
    field("programme.hours", Input::Number, SESSIONS, "programme"),
    field("programme.minutes", Input::Number, ELEARNING, "programme"),
    field("programme.pass_mark", Input::Number, ELEARNING, "programme"),
    field("programme.description", Input::Text, COURSES, "programme"),
    field("programme.content", Input::List, COURSES, "programme"),
    field("programme.short_name", Input::Line, CONFERENCES, "programme"),
    field("programme.moderator", Input::Line, CONFERENCES, "programme"),
    field("venue.name", Input::Line, CONFERENCES, "programme"),
    field("venue.address", Input::Line, CONFERENCES, "programme"),
    field("scheme.name", Input::Line, DIPLOMAS, "programme"),
    field("scheme.code", Input::Line, DIPLOMAS, "programme"),
    field("scheme.place", Input::Line, DIPLOMAS, "programme"),
    field("scheme.description", Input::Text, DIPLOMAS, "programme"),
    field("scheme.min_criteria", Input::Number, DIPLOMAS, "programme"),
    field("scheme.validity_years", Input::Number, DIPLOMAS, "programme"),
    field("scheme.document_name", Input::Line, DIPLOMAS, "programme"),
    field("certificate.text", Input::Text, COURSES, "texts"),
    field("certificate.participation_text", Input::Text, &[Kind::Course], "texts"),
    field("diploma.text", Input::Text, DIPLOMAS, "texts"),
    field("look.accent", Input::Colour, DOCUMENTS, "look"),
    field("look.logo_height_mm", Input::Number, DOCUMENTS, "look"),
    field("look.frame", Input::Frame, DOCUMENTS, "look"),
    field("look.issuer_name", Input::Shown, DOCUMENTS, "look"),
    field("look.background", Input::Background, DOCUMENTS, "look"),
    field("programme.verify_url", Input::Url, COURSES, "verify"),
    field("scheme.verify_url", Input::Url, DIPLOMAS, "verify"),
    field("email.from", Input::Email, DOCUMENTS, "email"),
    field("email.reply_to", Input::Email, DOCUMENTS, "email"),
    field("email.subject", Input::Line, DOCUMENTS, "email"),
    field("email.body", Input::Text, DOCUMENTS, "email"),
    field("smtp.host", Input::Line, DOCUMENTS, "email"),
    field("smtp.port", Input::Number, DOCUMENTS, "email"),
    field("smtp.security", Input::Security, DOCUMENTS, "email"),
    field("smtp.user", Input::Line, DOCUMENTS, "email"),
    field("smtp.per_minute", Input::Number, DOCUMENTS, "email"),
    field("sheet", Input::Line, DOCUMENTS, "records"),
    field("header_row", Input::Number, DOCUMENTS, "records"),
    field("time_zone", Input::Line, COURSES, "records"),
    field("hidden_rows", Input::Hidden, DOCUMENTS, "records"),
    field("issue_before_last_session", Input::Yes, SESSIONS, "records"),
];

/// A list of tables in intyg.toml (`[[sessions]]`) as rows of the form:
/// `sessions.0.date`, `sessions.0.title`, …; a row whose first column is
/// empty is removed.
pub struct Rows {
    /// The tables' name.
    pub table: &'static str,
    /// Each column's key and how it is written; the first says whether
    /// the row is there at all.
    pub columns: &'static [(&'static str, Input)],
    kinds: &'static [Kind],
    /// Its part of the form, one of [`GROUPS`].
    pub group: &'static str,
}

/// The lists, in the order the form shows them, each at the end of its
/// part of the form.
pub const ROWS: &[Rows] = &[
    Rows {
        table: "sessions",
        columns: &[("date", Input::Date), ("title", Input::Line)],
        kinds: SESSIONS,
        group: "programme",
    },
    Rows {
        table: "agenda",
        columns: &[
            ("time", Input::Line),
            ("end", Input::Line),
            ("title", Input::Line),
            ("kind", Input::Item),
            ("speakers", Input::Speakers),
        ],
        kinds: CONFERENCES,
        group: "programme",
    },
    Rows {
        table: "organisers",
        columns: &[("name", Input::Line), ("logo", Input::Image)],
        kinds: CONFERENCES,
        group: "programme",
    },
    Rows {
        table: "criteria",
        columns: &[("code", Input::Line), ("description", Input::Line)],
        kinds: DIPLOMAS,
        group: "programme",
    },
    Rows {
        table: "signatories",
        columns: &[("name", Input::Line), ("title", Input::Line), ("signature", Input::Image)],
        kinds: DOCUMENTS,
        group: "texts",
    },
];

impl Field {
    /// Whether a folder whose form is `form` has it.
    pub fn of(&self, form: Kind) -> bool {
        self.kinds.contains(&form)
    }
}

impl Rows {
    /// Whether a folder whose form is `form` has them.
    pub fn of(&self, form: Kind) -> bool {
        self.kinds.contains(&form)
    }

    /// The form's key of column `column` on row `row`.
    pub fn key(&self, row: usize, column: &str) -> String {
        format!("{}.{row}.{column}", self.table)
    }

    /// How many rows `values` holds, up to the last one that is there
    /// (its first column not empty).
    pub fn count(&self, values: &Values) -> usize {
        let first = |i| values.get(&self.key(i, self.columns[0].0));
        (0..)
            .map_while(|i| first(i).map(|v| (i, v)))
            .filter(|(_, v)| !v.trim().is_empty())
            .last()
            .map_or(0, |(i, _)| i + 1)
    }
}

/// The form's values by key (`programme.name`, `sessions.0.date`).
pub type Values = BTreeMap<String, String>;

/// What saving found: problems by the form key they are about (`""` for
/// the whole file).
pub type FieldProblems = Vec<(String, Problem)>;

/// An image from the form: its form key, file name and bytes.
pub type Upload = (String, String, Vec<u8>);

/// The form of the folder `dir` and its settings as the form shows them.
/// The kind is read from the file itself, so a folder whose settings
/// `intyg check` refuses still opens its form.
pub fn read(dir: &Path) -> Result<(Kind, Values), Hinted> {
    let doc = config(dir)?.1;
    let kind = form_of(&doc);
    let mut values = Values::new();
    for f in FIELDS.iter().filter(|f| f.of(kind)) {
        let item = match split(f.key) {
            ("", name) => doc.get(name),
            (table, name) => doc.get(table).and_then(|t| t.get(name)),
        };
        values.insert(f.key.to_owned(), form_text(f.input, item));
    }
    for rows in ROWS.iter().filter(|r| r.of(kind)) {
        let tables = doc.get(rows.table).and_then(|s| s.as_array_of_tables());
        for (i, t) in tables.into_iter().flat_map(|a| a.iter()).enumerate() {
            for (column, input) in rows.columns {
                values.insert(rows.key(i, column), form_text(*input, t.get(column)));
            }
        }
    }
    Ok((kind, values))
}

/// The form of the folder intyg.toml `doc` describes.
fn form_of(doc: &toml_edit::DocumentMut) -> Kind {
    // A kind intyg does not know is read as none; the check says what is wrong.
    let written = doc.get("kind").and_then(|k| k.as_str()).and_then(Kind::from_written);
    Kind::of_file(written, doc.contains_key("agenda"))
}

/// What a folder whose form is `kind`, in `lang`, uses when the setting `key` is
/// empty, to show in the empty field.
/// A default text with placeholders (`{{ participant.name }}`) is shown as
/// its first document reads it, from `examples` ([`super::work::examples`]),
/// or not at all: the form speaks the coordinator's words.
pub fn placeholder(
    key: &str,
    kind: Kind,
    lang: crate::locale::Lang,
    examples: &HashMap<&'static str, String>,
) -> String {
    use crate::plan::DocKind;
    let (min, max) = crate::project::look::LOGO_MM;
    let plain = |text: &str| if text.contains("{{") || text.contains("{%") { String::new() } else { text.to_owned() };
    if let Some(example) = examples.get(key) {
        return example.clone();
    }
    match key {
        "certificate.text" | "diploma.text" => plain(kind.document().map_or("", |d| kind.default_text(d, lang))),
        "certificate.participation_text" => plain(kind.default_text(DocKind::Deltagarintyg, lang)),
        "look.accent" => "#1f4e79".to_owned(),
        "scheme.document_name" => DocKind::Mangfaldsdiplom.title(lang).to_owned(),
        "look.logo_height_mm" => format!("{min}–{max}"),
        "smtp.port" => "587".to_owned(),
        "smtp.per_minute" => "30".to_owned(),
        "time_zone" => crate::check::dates::DEFAULT_ZONE.to_string(),
        _ => String::new(),
    }
}

fn split(key: &str) -> (&str, &str) {
    key.split_once('.').unwrap_or(("", key))
}

/// A setting's value as the form writes it: a list a line each, speakers
/// as "Name, title" a line each, anything else as [`text`] does.
fn form_text(input: Input, item: Option<&toml_edit::Item>) -> String {
    let lines = |array: &toml_edit::Array, line: &dyn Fn(&toml_edit::Value) -> String| {
        array.iter().map(line).collect::<Vec<_>>().join("\n")
    };
    match (input, item.and_then(|i| i.as_array())) {
        (Input::List, Some(a)) => lines(a, &|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
        (Input::Speakers, Some(a)) => lines(a, &|v| {
            let t = v.as_inline_table();
            let get = |k: &str| t.and_then(|t| t.get(k)).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let (name, title) = (get("name"), get("title"));
            if title.is_empty() { name } else { format!("{name}, {title}") }
        }),
        _ => text(item),
    }
}

/// A setting's value as the form writes it.
fn text(item: Option<&toml_edit::Item>) -> String {
    match item {
        Some(i) if i.is_str() => i.as_str().unwrap_or_default().to_owned(),
        Some(i) => i
            .as_value()
            .map(|v| {
                let mut v = v.clone();
                v.decor_mut().clear();
                v.to_string()
            })
            .unwrap_or_default(),
        None => String::new(),
    }
}

/// The value `value` of a setting written as `input`, as intyg.toml holds
/// it: numbers as numbers (a comma is how a Swede writes 1,5), dates as
/// dates; what is not one stays text, for the check to name.
fn toml_value(input: Input, value: &str) -> toml_edit::Item {
    match input {
        Input::Number => match value.replace(',', ".").parse::<f64>() {
            Ok(n) if n.fract() == 0.0 && n.abs() < 1e15 => toml_edit::value(n as i64),
            Ok(n) if n.is_finite() => toml_edit::value(n),
            _ => toml_edit::value(value),
        },
        Input::Date => match value.parse::<toml_edit::Datetime>() {
            Ok(d) => toml_edit::value(d),
            Err(_) => toml_edit::value(value),
        },
        Input::Yes => toml_edit::value(value == "true"),
        Input::Shown => toml_edit::value(value != "false"),
        Input::List => {
            let lines = value.lines().map(str::trim).filter(|l| !l.is_empty());
            toml_edit::value(lines.collect::<toml_edit::Array>())
        }
        Input::Speakers => {
            let mut speakers = toml_edit::Array::new();
            for line in value.lines().map(str::trim).filter(|l| !l.is_empty()) {
                // "Åsa Ek, MR-strateg, Umeå kommun": the name, then the rest.
                let (name, title) = line.split_once(',').unwrap_or((line, ""));
                let mut t = toml_edit::InlineTable::new();
                t.insert("name", name.trim().into());
                if !title.trim().is_empty() {
                    t.insert("title", title.trim().into());
                }
                speakers.push(t);
            }
            toml_edit::value(speakers)
        }
        _ => toml_edit::value(value),
    }
}

/// Writes the settings form `form` and its images `uploads` into
/// intyg.toml, keeping its comments and order, then reads the folder as
/// `intyg check` does. A setting it refuses puts the file back as it was
/// (and takes back the images saved for it), and its problems are
/// returned by form key; warnings come back with a saved file. An image
/// is removed from a setting by `remove.KEY` in the form.
pub fn save(dir: &Path, form: &HashMap<String, String>, uploads: Vec<Upload>) -> Result<FieldProblems, FieldProblems> {
    let whole = |h: Hinted| vec![(String::new(), h.at(Place::default()))];
    let _one = super::work::one_writer();
    let (path, mut doc, before) = config(dir).map_err(whole)?;
    let kind = form_of(&doc);
    // Images first: a refused one stops the save before anything is written.
    let mut images: HashMap<String, String> = HashMap::new();
    let mut saved = Vec::new();
    for (key, name, bytes) in uploads.into_iter().filter(|(_, _, b)| !b.is_empty()) {
        match save_image(dir, &name, &bytes, key == "look.background") {
            Ok((file, new)) => {
                if new {
                    saved.push(dir.join(&file));
                }
                images.insert(key, file);
            }
            Err(h) => {
                take_back(&saved);
                return Err(vec![(key, h.at(Place::default()))]);
            }
        }
    }
    let set = |t: &mut dyn toml_edit::TableLike, name: &str, key: &str, input: Input| {
        let value = match input {
            Input::Image | Input::Background => match images.get(key) {
                Some(file) => Some(file.as_str()),
                None if form.contains_key(&format!("remove.{key}")) => None,
                None => return,
            },
            _ => match form.get(key) {
                Some(v) => Some(v.trim()),
                None => return,
            },
        };
        match value.filter(|v| !v.is_empty()) {
            // Unchanged, it stays as written, with its comment.
            Some(v) if t.get(name).is_some_and(|old| form_text(input, Some(old)) == v) => {}
            Some(v) => {
                let mut new = toml_value(input, v);
                if let (Some(old), Some(value)) = (t.get(name).and_then(|o| o.as_value()), new.as_value_mut()) {
                    *value.decor_mut() = old.decor().clone();
                }
                t.insert(name, new);
            }
            None => {
                t.remove(name);
            }
        }
    };
    let mut created = Vec::new();
    for f in FIELDS.iter().filter(|f| f.of(kind)) {
        let (table, name) = split(f.key);
        if table.is_empty() {
            set(doc.as_table_mut(), name, f.key, f.input);
            continue;
        }
        if doc.get(table).is_none() {
            doc[table] = toml_edit::table();
            created.push(table);
        }
        if let Some(t) = doc[table].as_table_like_mut() {
            set(t, name, f.key, f.input);
        }
    }
    // Lists: the form's rows in order, each kept row starting from the
    // table it was (its comments and other keys kept).
    let mut kept: HashMap<&str, Vec<usize>> = HashMap::new();
    for rows in ROWS.iter().filter(|r| r.of(kind)) {
        let first = rows.columns[0].0;
        if !form.contains_key(&rows.key(0, first)) {
            continue;
        }
        let old = doc.get(rows.table).and_then(|s| s.as_array_of_tables()).cloned().unwrap_or_default();
        let mut tables = toml_edit::ArrayOfTables::new();
        let mut indices = Vec::new();
        for i in (0..).take_while(|&i| form.contains_key(&rows.key(i, first))) {
            if form[&rows.key(i, first)].trim().is_empty() {
                continue;
            }
            let mut t = old.get(i).cloned().unwrap_or_default();
            for (column, input) in rows.columns {
                set(&mut t, column, &rows.key(i, column), *input);
            }
            tables.push(t);
            indices.push(i);
        }
        if tables.is_empty() {
            doc.remove(rows.table);
        } else {
            doc[rows.table] = toml_edit::Item::ArrayOfTables(tables);
        }
        kept.insert(rows.table, indices);
    }
    // A table made for the form and left empty is not written as `[look]`
    // alone.
    for table in created {
        if doc.get(table).and_then(|t| t.as_table_like()).is_some_and(|t| t.is_empty()) {
            doc.remove(table);
        }
    }
    let after = doc.to_string();
    let write = |text: &str| write_config(&path, text).map_err(whole);
    write(&after)?;
    let by_field: FieldProblems = examine(dir)
        .into_iter()
        .map(|p| {
            let key = if p.place.file.as_deref() == Some(path.as_path()) {
                field_at(&after, p.place.row)
            } else {
                String::new()
            };
            (form_key(&key, &kept), p)
        })
        .collect();
    if by_field.iter().any(|(_, p)| p.is_error()) {
        write(&before)?;
        take_back(&saved);
        return Err(by_field);
    }
    Ok(by_field)
}

/// The problems of the settings of `dir` as `intyg check` finds them:
/// everything but what is wrong in the records, which the page of the
/// records shows.
fn examine(dir: &Path) -> Vec<Problem> {
    use crate::batch::Stop;
    let records = crate::project::Project::load(dir)
        .ok()
        .and_then(|p| p.folder.records().map(|r| p.dir.join(&r.path)))
        .and_then(|p| p.canonicalize().ok());
    let about_records =
        |p: &Problem| records.is_some() && p.place.file.as_ref().and_then(|f| f.canonicalize().ok()) == records;
    let found = match crate::batch::prepare(&crate::batch::Options::new(dir)) {
        Ok(prepared) => prepared.plan.problems.0,
        Err(Stop::Problems(found)) => found.0,
        Err(Stop::Usage(h)) => vec![h.at(Place::default())],
    };
    let mut problems: Vec<Problem> = found.into_iter().filter(|p| !about_records(p)).collect();
    problems.sort_by_key(|p| !p.is_error());
    problems
}

/// Removes the images a refused save had written.
fn take_back(saved: &[PathBuf]) {
    for file in saved {
        let _ = std::fs::remove_file(file);
    }
}

/// Saves an uploaded image in `dir` by its own name, numbered when a
/// different file of that name is there; returns the file name and whether
/// it is new.
fn save_image(dir: &Path, name: &str, bytes: &[u8], pdf: bool) -> Result<(String, bool), Hinted> {
    let name = super::work::upload_name(name)?;
    let path = Path::new(&name);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    let page = pdf && ext == "pdf";
    if !page && !["svg", "png", "jpg", "jpeg"].contains(&ext.as_str()) {
        return Err(Hinted::new(
            tr!("\"{name}\" is not an SVG, PNG or JPEG image", "\"{name}\" är ingen SVG-, PNG- eller JPEG-bild"),
            tr!(
                "save the image as SVG or PNG and choose that file",
                "spara bilden som SVG eller PNG och välj den filen"
            ),
        ));
    }
    let target = free_name(dir, &name, &ext, |there| std::fs::read(there).is_ok_and(|b| b == bytes));
    if dir.join(&target).exists() {
        return Ok((target, false));
    }
    let full = dir.join(&target);
    crate::output::write_atomic(&full, bytes)
        .map_err(|e| Hinted::new(crate::job::cannot_write(&full.display(), &e), ""))?;
    Ok((target, true))
}

/// The form key of the file's key `key` (`signatories.1.title`): the row
/// of a list as the form numbered it before removed rows were left out.
fn form_key(key: &str, kept: &HashMap<&str, Vec<usize>>) -> String {
    let mut parts = key.splitn(3, '.');
    if let (Some(table), Some(Ok(i)), Some(column)) =
        (parts.next(), parts.next().map(str::parse::<usize>), parts.next())
        && let Some(&row) = kept.get(table).and_then(|k| k.get(i))
    {
        return format!("{table}.{row}.{column}");
    }
    key.to_owned()
}

/// The setting on line `line` of intyg.toml's `text`: its table and key
/// (`programme.hours`, `sessions.1.date`), or `""`.
fn field_at(text: &str, line: Option<usize>) -> String {
    let Some(line) = line else { return String::new() };
    let mut table = String::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (n, l) in text.lines().enumerate().take(line) {
        let l = l.trim();
        if l.starts_with("[[") {
            table = l.trim_matches(['[', ']']).trim().to_owned();
            *counts.entry(table.clone()).or_default() += 1;
        } else if l.starts_with('[') {
            table = l.trim_matches(['[', ']']).trim().to_owned();
        } else if n + 1 == line {
            let key = l.split('=').next().unwrap_or_default().trim();
            return match (table.as_str(), counts.get(&table)) {
                ("", _) => key.to_owned(),
                (t, Some(i)) => format!("{t}.{}.{key}", i - 1),
                (t, None) => format!("{t}.{key}"),
            };
        }
    }
    String::new()
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_refused_setting_puts_the_file_back_and_names_its_field() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "# Kurs\n[issuer]\nname = \"Kommunen\" # vi\n\n[programme]\nname = \"Kurs\"\nhours = 8\n\n\
            [[sessions]]\ndate = 2026-02-03\n# dag två\n[[sessions]]\ndate = 2026-02-04\n";
        std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
        std::fs::write(dir.path().join("deltagare.csv"), "Namn;Dag 1;Dag 2\nAda;X;X\n").unwrap();
        let (kind, values) = read(dir.path()).unwrap();
        assert_eq!(kind, Kind::Course);
        assert_eq!(values["programme.hours"], "8");
        assert_eq!(values["sessions.1.date"], "2026-02-04");
        assert_eq!(ROWS[0].count(&values), 2);
        // A colour that is none: refused at its field, the file as it was.
        let refused = save(dir.path(), &form(&[("look.accent", "blå")]), Vec::new()).unwrap_err();
        assert!(refused.iter().any(|(f, p)| f == "look.accent" && p.is_error()), "{refused:?}");
        assert_eq!(std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap(), toml);
        // Saved: hours as a Swede writes them, a session's title, comments kept.
        let form = form(&[
            ("programme.hours", "7,5"),
            ("sessions.0.date", "2026-02-03"),
            ("sessions.0.title", "Grunder"),
            ("sessions.1.date", "2026-02-05"),
            ("sessions.1.title", ""),
            ("sessions.2.date", ""),
            ("look.frame", "thin"),
        ]);
        save(dir.path(), &form, Vec::new()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(text.contains("hours = 7.5") && text.contains("name = \"Kommunen\" # vi"), "{text}");
        assert!(text.contains("date = 2026-02-03\ntitle = \"Grunder\""), "{text}");
        assert!(text.contains("date = 2026-02-05") && !text.contains("2026-02-04"), "{text}");
        assert!(text.contains("[look]\nframe = \"thin\""), "{text}");
        assert!(text.starts_with("# Kurs\n"), "{text}");
    }

    #[test]
    fn signatories_get_their_signatures_and_a_removed_row_keeps_the_others_places() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "[issuer]\nname = \"Kommunen\"\n\n[programme]\nname = \"Kurs\"\n\n[[sessions]]\ndate = 2026-02-03\n\n\
            [[signatories]]\nname = \"Ada\"\n\n[[signatories]]\nname = \"Bo\" # rektor\ntitle = \"Rektor\"\n";
        std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
        std::fs::write(dir.path().join("deltagare.csv"), "Namn;Dag 1\nAda;X\n").unwrap();
        std::fs::write(dir.path().join("signatur.svg"), "annan").unwrap();
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 4"><path d="M0 2h10"/></svg>"#;
        let form = form(&[
            ("signatories.0.name", ""),
            ("signatories.1.name", "Bo"),
            ("signatories.1.title", "Rektor"),
            ("signatories.2.name", "Cia"),
            ("signatories.2.title", "bad ]] \" title"),
        ]);
        let upload = ("signatories.1.signature".to_owned(), "C:\\bilder\\signatur.svg".to_owned(), svg.to_vec());
        save(dir.path(), &form, vec![upload]).unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(!text.contains("\"Ada\""), "{text}");
        assert!(
            text.contains("name = \"Bo\" # rektor\ntitle = \"Rektor\"\nsignature = \"signatur (2).svg\""),
            "{text}"
        );
        assert!(text.contains("name = \"Cia\"\ntitle = 'bad ]] \" title'"), "{text}");
        assert_eq!(std::fs::read(dir.path().join("signatur (2).svg")).unwrap(), svg);
        assert_eq!(std::fs::read_to_string(dir.path().join("signatur.svg")).unwrap(), "annan");
        // A signature that is no image is refused at its field; nothing saved.
        let upload = ("signatories.0.signature".to_owned(), "namn.pdf".to_owned(), b"%PDF".to_vec());
        let refused = save(dir.path(), &HashMap::new(), vec![upload]).unwrap_err();
        assert_eq!(refused[0].0, "signatories.0.signature");
        assert!(!dir.path().join("namn.pdf").exists());
        // The file's row 1 was the form's row 2: its problem goes there.
        let kept = HashMap::from([("signatories", vec![1, 2])]);
        assert_eq!(form_key("signatories.1.title", &kept), "signatories.2.title");
        assert_eq!(form_key("programme.name", &kept), "programme.name");
        // And removed by the box beside it.
        let form = form_with_remove();
        save(dir.path(), &form, Vec::new()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(!text.contains("signature ="), "{text}");
    }

    fn form_with_remove() -> HashMap<String, String> {
        form(&[("signatories.0.name", "Bo"), ("remove.signatories.0.signature", "on")])
    }

    #[test]
    fn a_conferences_programme_is_edited_and_its_speakers_kept() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "[issuer]\nname = \"SKR\"\n\n[programme]\nname = \"Konferens\"\n\n[[sessions]]\ndate = 2026-05-04\n\n\
            [[agenda]]\ntime = \"09.00\"\ntitle = \"Inledning\"\nspeakers = [{ name = \"Åsa Ek\", title = \"MR-strateg\" }]\n\n\
            [[agenda]]\ntime = \"12.00\"\ntitle = \"Lunch\"\nkind = \"lunch\"\n";
        std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
        std::fs::write(dir.path().join("deltagare.csv"), "Namn\nAda\n").unwrap();
        let (form_kind, values) = read(dir.path()).unwrap();
        assert_eq!(form_kind, Kind::Conference);
        assert_eq!(values["agenda.1.kind"], "lunch");
        assert!(!values.contains_key("certificate.participation_text"), "a conference has no participation text");
        let logo = br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>"#;
        let form = form(&[
            ("agenda.0.time", "09.30"),
            ("agenda.0.title", "Välkommen"),
            ("agenda.0.kind", ""),
            ("agenda.1.time", "12.00"),
            ("agenda.1.title", "Lunch"),
            ("agenda.1.kind", "lunch"),
            ("organisers.0.name", "Länsstyrelsen"),
            ("venue.name", "Folkets hus"),
        ]);
        let upload = ("organisers.0.logo".to_owned(), "lst.svg".to_owned(), logo.to_vec());
        save(dir.path(), &form, vec![upload]).unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(text.contains("time = \"09.30\"\ntitle = \"Välkommen\"\nspeakers = [{ name = \"Åsa Ek\""), "{text}");
        assert!(text.contains("[[organisers]]\nname = \"Länsstyrelsen\"\nlogo = \"lst.svg\""), "{text}");
        assert!(text.contains("[venue]\nname = \"Folkets hus\""), "{text}");
    }

    #[test]
    fn content_speakers_mail_and_top_level_settings_are_written_as_intyg_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "kind = \"conference\"\n\n[issuer]\nname = \"SKR\"\n\n[programme]\nname = \"MR-dagen\"\n\
            content = [\"Gammalt\"]\n\n[[sessions]]\ndate = 2026-05-04\n\n\
            [[agenda]]\ntime = \"09.00\"\ntitle = \"Inledning\"\nspeakers = [{ name = \"Åsa Ek\", title = \"MR-strateg\" }]\n";
        std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
        std::fs::write(dir.path().join("deltagare.csv"), "Namn;Närvaro\nAda;X\n").unwrap();
        let (_, values) = read(dir.path()).unwrap();
        assert_eq!(values["programme.content"], "Gammalt");
        assert_eq!(values["agenda.0.speakers"], "Åsa Ek, MR-strateg");
        let form = form(&[
            ("programme.content", "Rättigheter i kommunen\r\n\r\n  Diskrimineringslagen \n"),
            ("agenda.0.time", "09.00"),
            ("agenda.0.title", "Inledning"),
            ("agenda.0.speakers", "Åsa Ek, MR-strateg, Umeå kommun\nBo Lind"),
            ("email.from", "Kansliet <kansli@exempel.se>"),
            ("smtp.host", "smtp.exempel.se"),
            ("smtp.port", "465"),
            ("smtp.security", "tls"),
            ("smtp.user", "kansli"),
            ("time_zone", "Europe/Helsinki"),
            ("hidden_rows", "skip"),
            ("issue_before_last_session", "true"),
        ]);
        save(dir.path(), &form, Vec::new()).unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(text.contains("content = [\"Rättigheter i kommunen\", \"Diskrimineringslagen\"]"), "{text}");
        assert!(
            text.contains(
                "speakers = [{ name = \"Åsa Ek\", title = \"MR-strateg, Umeå kommun\" }, { name = \"Bo Lind\" }]"
            ),
            "{text}"
        );
        assert!(
            text.contains("[smtp]\nhost = \"smtp.exempel.se\"\nport = 465\nsecurity = \"tls\"\nuser = \"kansli\""),
            "{text}"
        );
        assert!(text.contains("[email]\nfrom = \"Kansliet <kansli@exempel.se>\""), "{text}");
        assert!(text.starts_with("kind = \"conference\"\n"), "{text}");
        for line in ["time_zone = \"Europe/Helsinki\"", "hidden_rows = \"skip\"", "issue_before_last_session = true"] {
            let at = text.find(line).unwrap_or_else(|| panic!("{line}: {text}"));
            assert!(at < text.find("[issuer]").unwrap(), "top-level keys stay at the top: {text}");
        }
        // Read back as the form shows them.
        let (_, values) = read(dir.path()).unwrap();
        assert_eq!(values["agenda.0.speakers"], "Åsa Ek, MR-strateg, Umeå kommun\nBo Lind");
        assert_eq!(values["issue_before_last_session"], "true");
        // A name under the logo is shown unless said; a background may be a PDF page.
        let svg =
            br#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 210 297"><rect width="9" height="9"/></svg>"#;
        let shown = HashMap::from([("look.issuer_name".to_owned(), "false".to_owned())]);
        let background = ("look.background".to_owned(), "brevpapper.svg".to_owned(), svg.to_vec());
        save(dir.path(), &shown, vec![background]).unwrap_or_else(|p| panic!("{p:?}"));
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(text.contains("issuer_name = false") && text.contains("background = \"brevpapper.svg\""), "{text}");
        // A PDF page is taken as a background (and checked: this one is none), not as a logo.
        let pdf = b"%PDF-1.7\n".to_vec();
        let refused =
            save(dir.path(), &HashMap::new(), vec![("look.background".to_owned(), "b.pdf".to_owned(), pdf.clone())]);
        let refused = refused.unwrap_err();
        assert!(refused[0].0 == "look.background" && refused[0].1.message.contains("cannot be drawn"), "{refused:?}");
        let refused = save(dir.path(), &HashMap::new(), vec![("issuer.logo".to_owned(), "logo.pdf".to_owned(), pdf)]);
        let refused = refused.unwrap_err();
        assert!(refused[0].0 == "issuer.logo" && refused[0].1.message.contains("SVG"), "{refused:?}");
        // "No" takes the key away.
        save(dir.path(), &HashMap::from([("issue_before_last_session".to_owned(), String::new())]), Vec::new())
            .unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(!text.contains("issue_before_last_session"), "{text}");
    }

    #[test]
    fn a_problem_is_placed_at_its_field() {
        let text = "a = 1\n[programme]\nname = \"x\"\n[[sessions]]\ndate = 1\n[[sessions]]\n\ndate = 2\n";
        assert_eq!(field_at(text, Some(1)), "a");
        assert_eq!(field_at(text, Some(3)), "programme.name");
        assert_eq!(field_at(text, Some(5)), "sessions.0.date");
        assert_eq!(field_at(text, Some(8)), "sessions.1.date");
        assert_eq!(field_at(text, None), "");
    }
}
