//! The data a template receives, as types: each part of `data` once, with
//! what every field holds. `src/contract.rs` lists the same fields for
//! `intyg templates`, and its test holds the list against the data these
//! types make. The parts are turned into JSON values where the batch
//! builds a document's data; typst reads them through `templates/data.typ`.

use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::check::org::Sector;
use crate::project::Criterion;

/// A date as the data loader reads it: `{"$date": "YYYY-MM-DD"}`, which
/// typst gets as a datetime.
#[derive(Debug, Clone, Copy)]
pub struct Date(pub NaiveDate);

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry("$date", &self.0.format("%Y-%m-%d").to_string())?;
        map.end()
    }
}

/// What every document starts with.
#[derive(Serialize)]
pub struct Common<'a> {
    /// "sv" or "en".
    pub lang: &'static str,
    /// Who issues it.
    pub issuer: Issuer<'a>,
    /// Who signs it, one to three.
    pub signatories: Vec<Signatory<'a>>,
    /// The organisation's own look.
    pub look: Look,
}

/// The organisation's own look (`[look]` in intyg.toml), with the
/// defaults filled in except the accent, which each template has its own.
#[derive(Serialize)]
pub struct Look {
    /// The accent colour as `#rrggbb`, or none for the template's own.
    pub accent: Option<String>,
    /// The logo's height in millimetres.
    pub logo_height_mm: f64,
    /// Whether the issuer's name is printed under the logo.
    pub issuer_name: bool,
    /// The frame: "none", "thin" or "double".
    pub frame: &'static str,
    /// A full-page background's path in the folder (a PDF's page as SVG),
    /// or none.
    pub background: Option<String>,
    /// The background's format for image(): "svg", "png" or "jpg".
    pub background_format: Option<&'static str>,
}

impl Look {
    /// The look of a folder.
    pub fn of(look: &crate::project::Look) -> Look {
        Look {
            accent: look.accent_hex(),
            logo_height_mm: look.logo_height_mm.unwrap_or(20.0),
            issuer_name: look.issuer_name.unwrap_or(true),
            frame: look.frame.name(),
            background: super::image_path(&look.background.as_deref().map(crate::project::look::served_path)),
            background_format: look.background_format(),
        }
    }
}

/// The issuing organisation.
#[derive(Serialize)]
pub struct Issuer<'a> {
    /// Its name.
    pub name: &'a str,
    /// The logo's path in the programme folder (`/logotyp.svg`), or none.
    pub logo: Option<String>,
}

/// Someone who signs.
#[derive(Serialize)]
pub struct Signatory<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their title or role.
    pub title: &'a str,
    /// Their signature image's path in the programme folder, or none.
    pub signature: Option<String>,
}

/// The programme a course certificate is about.
#[derive(Serialize)]
pub struct Programme<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its code.
    pub code: &'a str,
    /// Where it was held.
    pub place: &'a str,
    /// A line about it.
    pub description: &'a str,
    /// What it covered.
    pub content: &'a [String],
    /// Its length in hours.
    pub hours: Option<f64>,
    /// The hours as text: "7,5".
    pub hours_text: Option<String>,
    /// The length in words: "28 timmar", "45 minuter".
    pub scope_text: Option<String>,
    /// Who leads the day, or "".
    pub moderator: &'a str,
    /// The dates as text: "8–9 oktober och 11–12 december 2019".
    pub dates_text: String,
    /// How many sessions.
    pub sessions_count: usize,
    /// The first session's date.
    pub first_date: Option<Date>,
    /// The last session's date.
    pub last_date: Option<Date>,
}

/// An item of a day's agenda.
#[derive(Serialize)]
pub struct AgendaItem<'a> {
    /// When it starts, as text: "10.00" ("10:00" in English).
    pub time_text: String,
    /// When it ends, as text, if said.
    pub end_text: Option<String>,
    /// What it is.
    pub title: &'a str,
    /// Who speaks: name and title.
    pub speakers: Vec<Speaker<'a>>,
    /// "talk", "workshop", "break" or "lunch".
    pub kind: crate::project::course::ItemKind,
    /// Whether it is content of the day (a talk or workshop), which a
    /// certificate lists; breaks and lunch are not.
    pub content: bool,
}

/// Someone who speaks.
#[derive(Serialize)]
pub struct Speaker<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their title and organisation.
    pub title: &'a str,
}

/// Where a programme is held.
#[derive(Serialize)]
pub struct Venue<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its address.
    pub address: &'a str,
}

/// An organiser.
#[derive(Serialize)]
pub struct Organiser<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its logo, as a path in the folder, or none.
    pub logo: Option<String>,
}

/// One session, as a participant's certificate lists it.
#[derive(Serialize)]
pub struct Session<'a> {
    /// Its date.
    pub date: Date,
    /// Its date as text.
    pub date_text: String,
    /// What it was about.
    pub title: &'a str,
    /// Whether the participant was there.
    pub attended: bool,
}

/// The holder of a course certificate.
#[derive(Serialize)]
pub struct Participant<'a> {
    /// The whole name.
    pub name: &'a str,
    /// The first name, where a column has it.
    pub first_name: &'a str,
    /// The last name, where a column has it.
    pub last_name: &'a str,
    /// E-mail address.
    pub email: &'a str,
    /// Organisation.
    pub organisation: &'a str,
    /// Municipality or region, where a column beside the organisation has it.
    pub municipality: &'a str,
    /// Role or job title.
    pub role: &'a str,
    /// How many sessions they attended.
    pub sessions_attended: usize,
    /// The other columns of the records, by header.
    pub extra: Extra<'a>,
    /// One true or false per session.
    pub attended: &'a [bool],
    /// E-learning: the day they completed the course.
    pub completed_on: Option<Date>,
    /// That day as text: "4 mars 2026".
    pub completed_text: Option<String>,
    /// E-learning: their result, where the export has one.
    pub score: Option<f64>,
}

/// The holder of a diploma.
#[derive(Serialize)]
pub struct Organisation<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its organisation number, NNNNNN-NNNN.
    pub number: &'a str,
    /// Its legal form.
    pub legal_form: &'a str,
    /// Its sector, or none.
    pub sector: Option<Sector>,
    /// The sector as text.
    pub sector_text: Option<&'static str>,
    /// The contact person.
    pub contact: &'a str,
    /// The contact's e-mail.
    pub email: &'a str,
    /// The case reference (diarienummer).
    pub case_ref: &'a str,
    /// The other columns of the records, by header.
    pub extra: Extra<'a>,
}

/// A diploma scheme.
#[derive(Serialize)]
pub struct Scheme<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its code.
    pub code: &'a str,
    /// A line about it.
    pub description: &'a str,
    /// Where diplomas are awarded.
    pub place: &'a str,
    /// What its diploma calls itself, or "" for the language's word.
    pub document_name: &'a str,
    /// How many years a diploma is valid.
    pub validity_years: u32,
    /// How many criteria a diploma needs.
    pub min_criteria: usize,
    /// All its criteria.
    pub criteria: &'a [Criterion],
}

/// A combined document's data besides its records.
#[derive(Serialize)]
pub struct Batch {
    /// "sv" or "en".
    pub lang: &'static str,
    /// The PDF's metadata.
    pub document: Document,
}

/// The PDF's metadata.
#[derive(Serialize)]
pub struct Document {
    /// Its title.
    pub title: String,
    /// Its author: the issuer.
    pub author: String,
    /// Its subject.
    pub subject: String,
    /// Its keywords; the last is the document's id.
    pub keywords: Vec<String>,
}

/// Where anyone can check the document.
#[derive(Serialize)]
pub struct Verify {
    /// The verification link.
    pub url: String,
    /// The link without `https://`, to print.
    pub short: String,
    /// The QR code of the link, as the bytes of a PNG image of one pixel a
    /// module (for templates made before `qr_svg`); none when no template
    /// of the folder reads it.
    pub qr: Option<Vec<u8>>,
    /// The QR code of the link as an SVG of vector shapes, sharp at any size.
    pub qr_svg: String,
}

/// Columns of the records intyg has no field for, by header as written.
pub struct Extra<'a>(pub &'a [(String, String)]);

impl Serialize for Extra<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A header written twice keeps its first place and its last value,
        // as a table does.
        let map: serde_json::Map<String, Value> =
            self.0.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
        map.serialize(s)
    }
}

/// A part as a JSON value. The parts hold strings, numbers, lists and
/// tables with string keys, which JSON always takes.
pub fn value(part: &impl Serialize) -> Value {
    serde_json::to_value(part).expect("template data is plain JSON")
}
