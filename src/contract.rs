//! The data a template receives, field by field: one table that `intyg
//! templates` prints, that template errors suggest names from, and that a
//! test holds against the data `plan::Data` really makes for a course
//! certificate and a diploma, so that the list and the data cannot drift
//! apart.

use serde_json::Value;

/// Which documents a field is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// Course certificates (kursintyg and deltagarintyg).
    Course,
    /// Diplomas.
    Diploma,
    /// Both.
    Both,
}

/// A field of `data`: its path (a list's items' fields below it), which
/// documents have it, and what it holds.
pub struct Field {
    /// Dotted path: `participant.name`, `programme.sessions.date`.
    pub path: &'static str,
    /// Which documents have it.
    pub within: In,
    /// What it holds, for a person writing a template.
    pub about: &'static str,
}

const fn f(path: &'static str, within: In, about: &'static str) -> Field {
    Field { path, within, about }
}

/// Every field of `data`, in the order `intyg templates` lists them.
pub const FIELDS: &[Field] = &[
    f("lang", In::Both, "\"sv\" or \"en\""),
    f("id", In::Both, "the document's id"),
    f("serial", In::Both, "its running number"),
    f("kind", In::Both, "\"kursintyg\", \"deltagarintyg\", \"konferensintyg\" or \"mangfaldsdiplom\""),
    f("template", In::Both, "which of the folder's templates lays it out (0 full, 1 participation)"),
    f("text", In::Both, "the sentence ([certificate] or [diploma] text)"),
    f(
        "fit",
        In::Both,
        "how much to tighten type and spacing to fit the page: 0 as designed, up to 3; intyg raises it when a document would run onto a second page",
    ),
    f("issued", In::Course, "issue date (a datetime)"),
    f("issued_text", In::Both, "issue date as text: 12 december 2019"),
    f("document.title", In::Both, "the PDF's title"),
    f("document.author", In::Both, "the PDF's author: the issuer"),
    f("document.subject", In::Both, "the PDF's subject"),
    f("document.keywords", In::Both, "the PDF's keywords (list; the last is the id)"),
    f("issuer.name", In::Both, "the issuer"),
    f("issuer.logo", In::Both, "the logo, as a path in the programme folder for image(), or none"),
    f("look.accent", In::Both, "the accent colour ([look] accent) as \"#rrggbb\", or none for the template's own"),
    f("look.logo_height_mm", In::Both, "the logo's height in millimetres [default: 20]"),
    f("look.issuer_name", In::Both, "whether the issuer's name is printed under the logo"),
    f("look.frame", In::Both, "the frame: \"none\", \"thin\" or \"double\""),
    f("look.background", In::Both, "a full-page background, as a path for image(), or none"),
    f("look.background_format", In::Both, "its format for image(): \"svg\", \"png\" or \"jpg\""),
    f("signatories", In::Both, "list of signatories"),
    f("signatories.name", In::Both, "a signatory's name"),
    f("signatories.title", In::Both, "their title"),
    f("signatories.signature", In::Both, "their signature image, as a path for image(), or none"),
    f("verify.url", In::Both, "the verification link (verify is none without verify_url)"),
    f("verify.short", In::Both, "the link without https://"),
    f(
        "verify.qr_svg",
        In::Both,
        "the QR code as vector shapes (SVG): image(bytes(data.verify.qr_svg), format: \"svg\")",
    ),
    f("verify.qr", In::Both, "the QR code as a PNG of one pixel a module, for templates made before qr_svg"),
    f("credential", In::Both, "the signed credential (VC-JWT), or none; intyg attaches it"),
    f("programme.name", In::Course, "the programme"),
    f("programme.code", In::Course, "its code"),
    f("programme.place", In::Course, "where it was held"),
    f("programme.description", In::Course, "a line about it"),
    f("programme.content", In::Course, "what it covered (list of texts)"),
    f("programme.hours", In::Course, "hours, a number, or none"),
    f("programme.hours_text", In::Course, "hours as text: 7,5"),
    f("programme.scope_text", In::Course, "the length in words: 28 timmar, 45 minuter; none without hours or minutes"),
    f("programme.dates_text", In::Course, "the dates as text: 8–9 oktober och 11–12 december 2019"),
    f("programme.moderator", In::Course, "who leads the day, or \"\""),
    f("agenda", In::Course, "a one-day programme's agenda (list; empty without [[agenda]])"),
    f("agenda.time_text", In::Course, "when an item starts: 10.00"),
    f("agenda.end_text", In::Course, "when it ends, or none"),
    f("agenda.title", In::Course, "what it is"),
    f("agenda.speakers", In::Course, "who speaks (list)"),
    f("agenda.speakers.name", In::Course, "a speaker's name"),
    f("agenda.speakers.title", In::Course, "their title and organisation"),
    f("agenda.kind", In::Course, "\"talk\", \"workshop\", \"break\" or \"lunch\""),
    f("agenda.content", In::Course, "whether it is content (a talk or workshop), which certificates list"),
    f("venue", In::Course, "where it is held ([venue]), or none"),
    f("venue.name", In::Course, "the venue's name"),
    f("venue.address", In::Course, "its address"),
    f("organisers", In::Course, "who organises it ([[organisers]], list)"),
    f("organisers.name", In::Course, "an organiser's name"),
    f("organisers.logo", In::Course, "its logo, as a path for image(), or none"),
    f("programme.first_date", In::Course, "the first session's date"),
    f("programme.last_date", In::Course, "the last session's date"),
    f("programme.sessions_count", In::Course, "how many sessions"),
    f("programme.sessions", In::Course, "list of sessions"),
    f("programme.sessions.date", In::Course, "a session's date"),
    f("programme.sessions.date_text", In::Course, "its date as text"),
    f("programme.sessions.title", In::Course, "its title"),
    f("programme.sessions.attended", In::Course, "whether the participant was there"),
    f("participant.name", In::Course, "the participant's whole name"),
    f("participant.first_name", In::Course, "first name, where a column has it"),
    f("participant.last_name", In::Course, "last name, where a column has it"),
    f("participant.email", In::Course, "e-mail address"),
    f("participant.organisation", In::Course, "organisation"),
    f("participant.municipality", In::Course, "municipality or region, where a column beside the organisation has it"),
    f("participant.role", In::Course, "role or job title"),
    f("participant.sessions_attended", In::Course, "how many sessions they attended"),
    f("participant.attended", In::Course, "list of true/false, one per session"),
    f("participant.extra", In::Course, "other columns of the records file, by header"),
    f("participant.completed_on", In::Course, "e-learning: the day they completed the course (a datetime), or none"),
    f("participant.completed_text", In::Course, "that day as text: 4 mars 2026, or none"),
    f("participant.score", In::Course, "e-learning: their result, or none"),
    f("organisation.name", In::Diploma, "the organisation"),
    f("organisation.number", In::Diploma, "its organisation number, NNNNNN-NNNN"),
    f("organisation.legal_form", In::Diploma, "its legal form"),
    f("organisation.sector", In::Diploma, "\"private\", \"non-profit\" or \"public\", or none"),
    f("organisation.sector_text", In::Diploma, "the sector as text"),
    f("organisation.contact", In::Diploma, "contact person"),
    f("organisation.email", In::Diploma, "contact e-mail"),
    f("organisation.case_ref", In::Diploma, "case reference (diarienummer)"),
    f("organisation.extra", In::Diploma, "other columns of the records file, by header"),
    f("citation", In::Diploma, "the citation, a list of paragraphs"),
    f("criteria", In::Diploma, "list of the criteria met"),
    f("criteria.code", In::Diploma, "a criterion's code"),
    f("criteria.description", In::Diploma, "what it says"),
    f("awarded", In::Diploma, "award date (a datetime)"),
    f("awarded_text", In::Diploma, "award date as text"),
    f("awarded_year", In::Diploma, "award year"),
    f(
        "first_awarded_year",
        In::Diploma,
        "the year of the organisation's first diploma when this one renews it, or none",
    ),
    f("valid_until", In::Diploma, "valid until (a datetime), or none"),
    f("valid_until_text", In::Diploma, "valid until as text, or none"),
    f("scheme.name", In::Diploma, "the diploma scheme"),
    f("scheme.code", In::Diploma, "its code"),
    f("scheme.description", In::Diploma, "a line about it"),
    f("scheme.place", In::Diploma, "where diplomas are awarded"),
    f("scheme.document_name", In::Diploma, "what its diploma calls itself, or \"\" for the language's word"),
    f("scheme.min_criteria", In::Diploma, "how many criteria a diploma needs"),
    f("scheme.validity_years", In::Diploma, "how many years a diploma is valid"),
    f("scheme.criteria", In::Diploma, "list of all the scheme's criteria"),
    f("scheme.criteria.code", In::Diploma, "a criterion's code"),
    f("scheme.criteria.description", In::Diploma, "what it says"),
];

/// Fields no built-in template prints: there for templates of your own,
/// for the patterns of ids, file names and texts, and for e-mails.
pub const OWN: &[&str] = &[
    "serial",
    "kind",
    "issued",
    "programme.code",
    "programme.hours",
    "programme.hours_text",
    "programme.first_date",
    "programme.last_date",
    "programme.sessions_count",
    "participant.first_name",
    "participant.last_name",
    "participant.email",
    "participant.municipality",
    "participant.role",
    "participant.sessions_attended",
    "participant.attended",
    "participant.extra",
    "participant.completed_on",
    "participant.completed_text",
    "participant.score",
    "organisation.sector",
    "organisation.sector_text",
    "organisation.contact",
    "organisation.email",
    "organisation.extra",
    "awarded",
    "awarded_year",
    "valid_until",
    "scheme.code",
    "scheme.description",
    "scheme.min_criteria",
    "scheme.validity_years",
    "scheme.criteria",
    "verify.qr",
];

/// Fields intyg's own main file reads around every template: the PDF's
/// metadata, the credential it attaches, and which template lays out a
/// record of a combined document.
pub const INTYG: &[&str] =
    &["document.title", "document.author", "document.subject", "document.keywords", "credential", "template"];

/// The paths of every field in `data` as [`FIELDS`] names them: a list's
/// path and its items' fields below it; a date, an `extra` table or an
/// empty table as one field; intyg's own keys (`$dates`) left out.
pub fn paths(data: &Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(data, "", &mut out);
    out.sort();
    out.dedup();
    out
}

fn walk(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(map) if !map.contains_key("$date") && !at.ends_with("extra") && !map.is_empty() => {
            for (key, value) in map.iter().filter(|(k, _)| !k.starts_with('$')) {
                walk(value, &if at.is_empty() { key.clone() } else { format!("{at}.{key}") }, out);
            }
        }
        Value::Array(items) => {
            out.push(at.to_owned());
            for item in items.iter().filter(|i| i.is_object()) {
                if let Value::Object(map) = item
                    && !map.contains_key("$date")
                {
                    walk(item, at, out);
                }
            }
        }
        _ => out.push(at.to_owned()),
    }
}

/// The names a path of `data` is made of (`participant`, `name`, …), each
/// once, for "did you mean" on a name a template misspells.
pub fn names() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for name in FIELDS.iter().flat_map(|f| f.path.split('.')) {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The fields as `intyg templates` prints them.
pub fn listing() -> String {
    let mut out = String::from("Fields of `data` (in templates) and of patterns in intyg.toml:\n");
    for (title, within) in
        [("Every document:", In::Both), ("Course certificates:", In::Course), ("Diplomas:", In::Diploma)]
    {
        out.push_str(&format!("{title}\n"));
        for field in FIELDS.iter().filter(|f| f.within == within) {
            let own = if OWN.contains(&field.path) { " (for your own templates and patterns)" } else { "" };
            out.push_str(&format!("  {:<30} {}{own}\n", field.path, field.about));
        }
    }
    out.push_str("Filters in patterns: slug (åsa-ek), pad(4) (0007), upper.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Options, prepare};

    /// The paths of the first document's data of the folder `dir`.
    fn made(dir: &str) -> Vec<String> {
        // Loading a programme sets the language of messages to its own
        // unless it is pinned; the other tests read English.
        let options = Options {
            on: crate::locale::parse_date("2026-11-23"),
            out: Some(std::env::temp_dir().join(format!("intyg-contract-{}", std::process::id()))),
            ..Options::new(dir)
        };
        let Ok(prepared) = prepare(&options) else { panic!("{dir} does not prepare") };
        let data = prepared.data();
        let mut all = Vec::new();
        for doc in &prepared.plan.docs {
            all.extend(paths(&data.of(doc, None).unwrap()));
        }
        all.sort();
        all.dedup();
        all
    }

    fn listed(within: In) -> Vec<String> {
        let mut out: Vec<String> =
            FIELDS.iter().filter(|f| f.within == within || f.within == In::Both).map(|f| f.path.to_owned()).collect();
        out.sort();
        out
    }

    /// A field added to the data without a line in the list (or a line
    /// left for a field that is gone) fails here.
    #[test]
    fn the_list_is_the_data() {
        // The course sample has no signing key: the credential is null,
        // but there.
        // A conference's agenda, venue and organisers come with its sample.
        let mut course = made("samples/mr-strateger-2019");
        course.extend(made("samples/mr-konferens-umea-2022"));
        // It has no verify_url: its `verify` is none, a leaf of its own.
        course.retain(|p| p != "verify");
        course.sort();
        course.dedup();
        assert_eq!(course, listed(In::Course));
        assert_eq!(made("samples/mangfaldsdiplom-pitea"), listed(In::Diploma));
    }

    #[test]
    fn every_field_a_built_in_template_reads_is_in_the_list() {
        // Reports and the door's sheets read data of their own.
        let documents = |n: &&str| !n.ends_with("rapport") && !matches!(*n, "narvarolista" | "namnbrickor");
        for (name, _) in crate::render::BUILTIN.iter().filter(|(n, _)| documents(n)) {
            let source = crate::render::Template::builtin_source(name).unwrap();
            for path in crate::render::fields::used(source) {
                assert!(
                    FIELDS.iter().any(|f| f.path == path || path.starts_with(&format!("{}.", f.path))),
                    "{name} reads {path}, which the list does not have"
                );
            }
        }
    }

    /// A field no template reads is either for templates of your own (and
    /// says so) or read by intyg's main file; a field marked so that a
    /// built-in template starts reading loses the mark.
    #[test]
    fn every_field_is_read_or_said_to_be_for_your_own_templates() {
        let mut used = Vec::new();
        for name in ["kursintyg", "deltagarintyg", "konferensintyg", "mangfaldsdiplom"] {
            used.extend(crate::render::fields::used(crate::render::Template::builtin_source(name).unwrap()));
        }
        let read = |path: &str| {
            used.iter().any(|u| u == path || u.starts_with(&format!("{path}.")) || path.starts_with(&format!("{u}.")))
        };
        let main = crate::render::main_source_text();
        for field in FIELDS {
            let (path, own, intyg) = (field.path, OWN.contains(&field.path), INTYG.contains(&field.path));
            let parent_own = OWN.iter().any(|o| path.starts_with(&format!("{o}.")));
            match (read(path), own || parent_own, intyg) {
                (true, false, false) => {}
                (false, true, false) => {}
                (false, false, true) => assert!(main.contains(&format!("data.{path}")), "{path}: not in the main file"),
                (true, true, _) => panic!("{path} is read by a built-in template; take it off OWN"),
                (false, false, false) => panic!("{path} is read by no template: put it on OWN, or read it"),
                _ => panic!("{path} is marked twice"),
            }
        }
        for path in OWN.iter().chain(INTYG) {
            assert!(FIELDS.iter().any(|f| f.path == *path), "{path} is marked but not a field");
        }
    }
}
