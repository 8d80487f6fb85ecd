//! `intyg.toml` as it is written: one serde table for every kind of folder,
//! so that a misspelt key is an error naming its line whatever the kind.
//! [`super::Project::load`] turns it into the typed folder after checking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use super::course::{Attendance, Eligibility, Programme, Session};
use super::diploma::{Criterion, Scheme};
use super::mail::{EmailText, Smtp};
use super::report::{DiplomaSource, ReportSettings, Section, TrainingSource};
use super::{CertificateText, Issuer, Kind, Signatory};
use crate::locale::Lang;
use crate::problem::{Place, Problem, Problems, line_col};

/// The programme file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    /// What kind of document the folder issues.
    #[serde(default)]
    pub kind: Kind,
    /// Language of the documents.
    #[serde(default, deserialize_with = "de_lang")]
    pub language: Lang,
    /// Template for full certificates: a built-in name or a `.typ` path.
    #[serde(default)]
    pub template: String,
    /// Template for participation certificates.
    #[serde(default = "default_participation_template")]
    pub participation_template: String,
    /// The records file, relative to the folder.
    #[serde(default)]
    pub records: PathBuf,
    /// The sheet of a workbook records file [default: the first].
    pub sheet: Option<String>,
    /// The records' header row, as the spreadsheet numbers it [default:
    /// the first row naming a column intyg knows].
    pub header_row: Option<usize>,
    /// Where attendance comes from: the records' attendance columns, or
    /// `"all"` when everyone registered attended (a one-day conference
    /// without a list).
    #[serde(default)]
    pub attendance: Attendance,
    /// Headers intyg does not know, mapped to what they mean:
    /// `name = "Deltagarens namn"`.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Register ids whose holder's name was corrected, with the name as
    /// the records now have it: `"MRS-2026-004" = "Anna Lind"`. Needed only
    /// where intyg cannot tell by itself which corrected row is whose.
    #[serde(default)]
    pub renamed: BTreeMap<String, String>,
    /// Who issues the documents.
    pub issuer: Issuer,
    /// The register file, relative to the folder [default: register.csv in
    /// the output folder].
    pub register: Option<PathBuf>,
    /// The programme the documents are about (course certificates).
    #[serde(default)]
    pub programme: Programme,
    /// The programme's sessions, in order (course certificates).
    #[serde(default, rename = "sessions")]
    pub sessions: Vec<Session>,
    /// The diploma scheme (diplomas).
    pub scheme: Option<Scheme>,
    /// The scheme's criteria (diplomas).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// One to three people who sign.
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    /// Texts and patterns of the certificate (`[diploma]` for diplomas).
    #[serde(default, alias = "diploma")]
    pub certificate: CertificateText,
    /// Who gets which document.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// The report's title and year (`kind = "report"`).
    pub report: Option<ReportSettings>,
    /// The report's narrative sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The indicators file (CSV) of a report, relative to the folder.
    pub indicators: Option<PathBuf>,
    /// Training programme folders a report counts.
    #[serde(default)]
    pub trainings: Vec<TrainingSource>,
    /// Diploma scheme folders a report counts.
    #[serde(default)]
    pub diplomas: Vec<DiplomaSource>,
    /// The e-mail that carries each document to its holder (`intyg send`).
    #[serde(default)]
    pub email: EmailText,
    /// The organisation's own mail server (`intyg send`).
    pub smtp: Option<Smtp>,
}

fn default_participation_template() -> String {
    super::course::PARTICIPATION_TEMPLATE.into()
}

/// Parses the programme file, turning serde's complaint into a located
/// problem, and fills in the defaults that depend on the kind of folder.
pub fn parse(text: &str, path: &Path) -> Result<Written, Problems> {
    let mut written = parse_raw(text, path)?;
    if written.template.is_empty() {
        written.template = match written.kind {
            Kind::Course => "kursintyg",
            Kind::Diploma => "mangfaldsdiplom",
            Kind::Report => "arsrapport",
        }
        .into();
    }
    if written.records.as_os_str().is_empty() {
        written.records = match written.kind {
            Kind::Course => "deltagare.csv",
            Kind::Diploma => "organisationer.csv",
            Kind::Report => "",
        }
        .into();
    }
    Ok(written)
}

fn parse_raw(text: &str, path: &Path) -> Result<Written, Problems> {
    toml::from_str::<Written>(text).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                Place::line(path, line, col)
            }
            None => Place::file(path),
        };
        let message = e.message().trim().replace('`', "\"");
        let hint = if message.starts_with("unknown field") {
            tr!(
                "check the spelling of the key; `intyg templates` and the README list every key",
                "kontrollera stavningen av nyckeln; `intyg templates` och README visar alla nycklar"
            )
        } else if message.starts_with("missing field") {
            tr!("add the key to the table named above", "lägg till nyckeln i tabellen som nämns ovan")
        } else {
            tr!(
                "`intyg init NEW-FOLDER` writes an intyg.toml with every key explained, to compare with",
                "`intyg init NY-MAPP` skriver en intyg.toml där varje nyckel förklaras, att jämföra med"
            )
        };

        Problems(vec![Problem::error(place, message).hint(hint)])
    })
}

/// A date written as a TOML date (`2019-10-08`) or a string in that form.
pub(super) fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Toml(dt) => dt.to_string(),
        Raw::Text(s) => s,
    };
    crate::locale::parse_date(&text).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2019-10-08",
            "\"{text}\" är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2019-10-08"
        ))
    })
}

/// An optional date, written as [`de_date`] reads it.
pub(super) fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    de_date(d).map(Some)
}

/// The `language` of a programme file, whatever else it holds.
pub fn language(text: &str) -> Option<Lang> {
    #[derive(Deserialize)]
    struct Head {
        #[serde(default, deserialize_with = "de_lang")]
        language: Lang,
    }
    toml::from_str::<Head>(text).ok().map(|h| h.language)
}

fn de_lang<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    let s = String::deserialize(d)?;
    Lang::parse(&s).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "unknown language \"{s}\"; use \"sv\" or \"en\"",
            "okänt språk \"{s}\"; använd \"sv\" eller \"en\""
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = r#"
[issuer]
name = "Kommunen"
[programme]
name = "Kurs"
[[sessions]]
date = 2019-10-08
"#;

    #[test]
    fn minimal_file_parses_with_defaults() {
        let c = parse(MIN, Path::new("intyg.toml")).unwrap();
        assert_eq!(c.template, "kursintyg");
        assert_eq!(c.language, Lang::Sv);
        assert_eq!(c.sessions[0].date, NaiveDate::from_ymd_opt(2019, 10, 8).unwrap());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = MIN.replace("name = \"Kurs\"", "name = \"Kurs\"\nplase = \"Umeå\"");
        let err = parse(&text, Path::new("intyg.toml")).unwrap_err();
        let p = &err.0[0];
        assert!(p.message.contains("unknown field \"plase\""), "{}", p.message);
        assert_eq!(p.place.row, Some(6));
    }

    #[test]
    fn session_date_as_string_or_bad() {
        let ok = MIN.replace("2019-10-08", "\"2019-10-08\"");
        assert!(parse(&ok, Path::new("x")).is_ok());
        let bad = MIN.replace("2019-10-08", "\"2019-02-30\"");
        let err = parse(&bad, Path::new("x")).unwrap_err();
        assert!(err.0[0].message.contains("not a date"), "{}", err.0[0].message);
    }
}
