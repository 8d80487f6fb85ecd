//! `intyg.toml` as it is written: one serde table for every kind of folder,
//! so that a misspelt key is an error naming its line whatever the kind.
//! [`super::Project::load`] turns it into the typed folder after checking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use super::course::{AgendaItem, Attendance, Eligibility, Organiser, Programme, Session, Venue};
use super::diploma::{Criterion, Scheme};
use super::mail::{EmailText, Smtp};
use super::report::{DiplomaSource, ReportSettings, Section, TrainingSource};
use super::{CertificateText, HiddenRows, Issuer, Kind, Look, Signatory};
use crate::locale::Lang;
use crate::problem::{Place, Problem, Problems, line_col};

/// The programme file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Written {
    /// What kind of folder it is, as written.
    #[serde(default, rename = "kind")]
    pub written_kind: Option<Kind>,
    /// What kind of folder it is: as written, else as an earlier intyg
    /// told it ([`Kind::of_file`]).
    #[serde(skip)]
    pub kind: Kind,
    /// Language of the documents.
    #[serde(default)]
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
    /// A course that issues before its last session: sessions after the
    /// run date are left out (with a warning), not refused.
    #[serde(default)]
    pub issue_before_last_session: bool,
    /// The time zone whose day a time in the records with an offset
    /// (`2026-01-01T23:30:00Z`) falls on [default: Europe/Stockholm].
    #[serde(default, deserialize_with = "de_zone")]
    pub time_zone: Option<chrono_tz::Tz>,
    /// What to do with rows a workbook hides or filters out.
    #[serde(default)]
    pub hidden_rows: HiddenRows,
    /// Headers intyg does not know, mapped to what they mean:
    /// `name = "Deltagarens namn"`; and `unused = ["Kommentar"]`.
    #[serde(default)]
    pub columns: super::Columns,
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
    /// A one-day programme's agenda, item by item (a conference).
    #[serde(default)]
    pub agenda: Vec<AgendaItem>,
    /// Where a programme is held.
    pub venue: Option<Box<Venue>>,
    /// Who organises it, besides the issuer.
    #[serde(default)]
    pub organisers: Vec<Organiser>,
    /// The diploma scheme (diplomas).
    pub scheme: Option<Scheme>,
    /// The scheme's criteria (diplomas).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Diplomas the issuer has revoked, by id: `"MDP-2023-006" = { on =
    /// 2026-12-08, reason = "…" }` (intyg app writes it; a Status column
    /// of the records says the same).
    #[serde(default)]
    pub revocations: std::collections::BTreeMap<String, super::diploma::Revocation>,
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
    /// The organisation's own look.
    #[serde(default)]
    pub look: Look,
}

fn default_participation_template() -> String {
    super::course::PARTICIPATION_TEMPLATE.into()
}

/// Parses the programme file, turning serde's complaint into a located
/// problem, and fills in the defaults that depend on the kind of folder.
pub fn parse(text: &str, path: &Path) -> Result<Written, Problems> {
    let mut written = parse_raw(text, path)?;
    written.kind = Kind::of_file(written.written_kind, !written.agenda.is_empty());
    let spec = written.kind.spec();
    if written.template.is_empty() {
        written.template = spec.template.into();
    }
    if written.records.as_os_str().is_empty() {
        written.records = spec.records.into();
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
        // The line serde points at, for what its message leaves out.
        let line = e.span().map_or("", |span| {
            let start = text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            text[start..].lines().next().unwrap_or("")
        });
        let (message, hint) = explain(e.message().trim(), text, line);
        Problems(vec![Problem::error(place, message).hint(hint)])
    })
}

/// The keys of each table of intyg.toml (`""` the file's top), as the
/// serde types above read them; a test holds the two together.
const TABLES: &[(&str, &[&str])] = &[
    (
        "",
        &[
            "kind",
            "language",
            "template",
            "participation_template",
            "records",
            "sheet",
            "header_row",
            "attendance",
            "issue_before_last_session",
            "time_zone",
            "hidden_rows",
            "columns",
            "renamed",
            "issuer",
            "register",
            "programme",
            "sessions",
            "agenda",
            "venue",
            "organisers",
            "scheme",
            "criteria",
            "revocations",
            "signatories",
            "certificate",
            "diploma",
            "eligibility",
            "report",
            "sections",
            "indicators",
            "trainings",
            "diplomas",
            "email",
            "smtp",
            "look",
        ],
    ),
    ("look", &["accent", "logo_height_mm", "issuer_name", "frame", "background"]),
    ("issuer", &["name", "logo", "id"]),
    (
        "programme",
        &[
            "name",
            "code",
            "place",
            "description",
            "content",
            "hours",
            "minutes",
            "pass_mark",
            "moderator",
            "short_name",
            "verify_url",
            "signing_key",
            "publish_names",
        ],
    ),
    ("sessions", &["date", "title"]),
    ("agenda", &["time", "end", "title", "speakers", "kind"]),
    ("speakers", &["name", "title"]),
    ("venue", &["name", "address"]),
    ("organisers", &["name", "logo"]),
    (
        "scheme",
        &[
            "name",
            "code",
            "description",
            "min_criteria",
            "validity_years",
            "place",
            "document_name",
            "verify_url",
            "signing_key",
            "publish_names",
        ],
    ),
    ("criteria", &["code", "description"]),
    ("signatories", &["name", "title", "signature"]),
    ("certificate", &["text", "participation_text", "issued", "id", "file_name"]),
    ("eligibility", &["min_sessions", "participation_certificate"]),
    ("report", &["title", "year", "subtitle", "staff", "decided_by", "decided", "case_ref", "contact"]),
    ("sections", &["title", "text", "file"]),
    ("trainings", &["folder", "staff"]),
    ("diplomas", &["folder"]),
    ("email", &["from", "reply_to", "subject", "body", "html"]),
    (
        "smtp",
        &[
            "host",
            "port",
            "security",
            "user",
            "password_file",
            "password",
            "ca_file",
            "per_minute",
            "retries",
            "retry_seconds",
        ],
    ),
];

/// A table as people write it: `[programme]`, or the top of the file.
fn table_name(table: &str) -> String {
    if table.is_empty() {
        tr!("the top of the file", "början av filen")
    } else if matches!(
        table,
        "sessions" | "criteria" | "signatories" | "sections" | "trainings" | "diplomas" | "agenda" | "organisers"
    ) {
        format!("[[{table}]]")
    } else {
        format!("[{table}]")
    }
}

/// serde's complaint about the programme file in the user's words, with a
/// hint: a key in the wrong table says where it belongs, a misspelt one
/// what was meant, a table written twice where the first one is.
fn explain(serde: &str, text: &str, line: &str) -> (String, String) {
    let quoted: Vec<&str> = serde.split('`').skip(1).step_by(2).collect();
    if serde.starts_with("unknown field")
        && let Some((key, expected)) = quoted.split_first()
    {
        // The table the key stands in: the one whose keys serde listed.
        let here =
            TABLES.iter().find(|(_, keys)| keys.len() == expected.len() && keys.iter().all(|k| expected.contains(k)));
        let message = match here {
            // [diploma] is a diploma folder's name for [certificate].
            Some(("certificate", _)) if text.lines().any(|l| l.trim() == "[diploma]") => {
                tr!("unknown key \"{key}\" in [diploma]", "okänd nyckel \"{key}\" i [diploma]")
            }
            Some((table, _)) => {
                let table = table_name(table);
                tr!("unknown key \"{key}\" in {table}", "okänd nyckel \"{key}\" i {table}")
            }
            None => tr!("unknown key \"{key}\"", "okänd nyckel \"{key}\""),
        };
        let elsewhere: Vec<String> = TABLES
            .iter()
            .filter(|(table, keys)| keys.contains(key) && here.is_none_or(|(h, _)| h != table))
            .map(|(table, _)| table_name(table))
            .collect();
        let hint = if !elsewhere.is_empty() {
            let list = elsewhere.join(tr!(" or ", " eller ").as_str());
            tr!("\"{key}\" belongs in {list}: move the line there", "\"{key}\" hör hemma i {list}: flytta raden dit")
        } else if let Some(near) = crate::suggest::closest(key, expected.iter().copied()) {
            tr!("did you mean {near}?", "menade du {near}?")
        } else {
            let keys = expected.join(", ");
            tr!("the keys here are {keys}", "nycklarna här är {keys}")
        };
        return (message, hint);
    }
    if serde.starts_with("unknown variant")
        && let Some((value, expected)) = quoted.split_first()
    {
        let key = line.split('=').next().unwrap_or("").trim();
        let values = expected.iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>();
        let values = crate::locale::join_list(&values, crate::locale::messages())
            .replace(" and ", " or ")
            .replace(" och ", " eller ");
        let message = if key.is_empty() {
            tr!("unknown value \"{value}\"", "okänt värde \"{value}\"")
        } else {
            tr!("{key} cannot be \"{value}\"", "{key} kan inte vara \"{value}\"")
        };
        let hint = match crate::suggest::closest(value, expected.iter().copied()) {
            Some(near) => {
                tr!("did you mean \"{near}\"? It is one of {values}", "menade du \"{near}\"? Det är ett av {values}")
            }
            None => tr!("write one of {values}", "skriv ett av {values}"),
        };
        return (message, hint);
    }
    if serde.starts_with("missing field")
        && let Some(key) = quoted.first()
    {
        return (
            tr!("the table lacks \"{key}\"", "tabellen saknar \"{key}\""),
            tr!("add {key} = … to it", "lägg till {key} = … i den"),
        );
    }
    if serde.starts_with("duplicate key") {
        // `[programme]` or `name = …` on the line of the second.
        let key = quoted.first().copied().unwrap_or_else(|| {
            let t = line.trim();
            t.split('=').next().unwrap_or(t).trim().trim_matches(|c| c == '[' || c == ']').trim()
        });
        if !line.trim_start().starts_with('[') {
            return (
                tr!("\"{key}\" is set twice in its table", "\"{key}\" står två gånger i sin tabell"),
                tr!("keep the one you mean and remove the other", "behåll den du menar och ta bort den andra"),
            );
        }
        let first = super::key_place(Path::new(""), text, key)
            .row
            .map_or(String::new(), |row| tr!("; the first is on line {row}", "; den första står på rad {row}"));
        let table = table_name(key);
        return (
            tr!("{table} is written twice{first}", "{table} står två gånger{first}"),
            tr!("keep one, with every key of both", "behåll en, med alla nycklar från båda"),
        );
    }
    (
        serde.replace('`', "\""),
        tr!(
            "`intyg init NEW-FOLDER` writes an intyg.toml with every key explained, to compare with",
            "`intyg init NY-MAPP` skriver en intyg.toml där varje nyckel förklaras, att jämföra med"
        ),
    )
}

/// A TOML date or time (`2019-10-08`, `10:00:00`), or a string, as text.
fn toml_text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    Ok(match Raw::deserialize(d)? {
        Raw::Toml(dt) => dt.to_string(),
        Raw::Text(s) => s,
    })
}

/// A time of day as people write it in intyg.toml: `"10.00"`, `"9.15"`,
/// `"10:00"`, or TOML's `10:00:00`.
pub(super) fn de_time<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::NaiveTime, D::Error> {
    let text = toml_text(d)?;
    parse_time(&text).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "\"{text}\" is not a time of day; write it as \"10.00\" or \"10:00\"",
            "\"{text}\" är ingen tid; skriv den som \"10.00\" eller \"10:00\""
        ))
    })
}

/// `time` that may be absent.
pub(super) fn de_time_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::NaiveTime>, D::Error> {
    de_time(d).map(Some)
}

/// Parses `10.00`, `9.15`, `10:00` or `10:00:00`.
pub fn parse_time(text: &str) -> Option<chrono::NaiveTime> {
    let t = text.trim().replace('.', ":");
    ["%H:%M", "%H:%M:%S"].iter().find_map(|f| chrono::NaiveTime::parse_from_str(&t, f).ok())
}

/// A date written as a TOML date (`2019-10-08`) or a string in that form.
pub(super) fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let text = toml_text(d)?;
    crate::locale::parse_date(&text).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2019-10-08",
            "\"{text}\" är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2019-10-08"
        ))
    })
}

/// A time zone by its tz database name (`Europe/Stockholm`).
fn de_zone<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono_tz::Tz>, D::Error> {
    let text = toml_text(d)?;
    text.trim().parse::<chrono_tz::Tz>().map(Some).map_err(|_| {
        serde::de::Error::custom(tr!(
            "\"{text}\" is not a time zone; write it as the tz database names it, e.g. Europe/Stockholm or Europe/Helsinki",
            "\"{text}\" är ingen tidszon; skriv den som tz-databasen namnger den, t.ex. Europe/Stockholm eller Europe/Helsinki"
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
        #[serde(default)]
        language: Lang,
    }
    toml::from_str::<Head>(text).ok().map(|h| h.language)
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
        assert_eq!(c.language, Lang::SV);
        assert_eq!(c.sessions[0].date, NaiveDate::from_ymd_opt(2019, 10, 8).unwrap());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = MIN.replace("name = \"Kurs\"", "name = \"Kurs\"\nplase = \"Umeå\"");
        let err = parse(&text, Path::new("intyg.toml")).unwrap_err();
        let p = &err.0[0];
        assert_eq!(p.message, "unknown key \"plase\" in [programme]");
        assert_eq!(p.place.row, Some(6));
    }

    /// What serde reads and what messages say a table takes cannot part:
    /// an unknown key in each table lists the keys the type has.
    #[test]
    fn the_tables_are_the_types() {
        let issuer = "[issuer]\nname = \"K\"\n";
        for (table, keys) in TABLES {
            let text = match *table {
                "" => format!("zz = 1\n{issuer}"),
                "sessions" | "criteria" | "signatories" | "sections" | "trainings" | "diplomas" | "agenda"
                | "organisers" => {
                    format!("{issuer}[[{table}]]\nzz = 1\n")
                }
                "speakers" => {
                    format!("{issuer}[[agenda]]\ntime = \"10.00\"\ntitle = \"T\"\n[[agenda.speakers]]\nzz = 1\n")
                }
                "issuer" => "[issuer]\nname = \"K\"\nzz = 1\n".to_owned(),
                _ => format!("{issuer}[{table}]\nzz = 1\n"),
            };
            let err = toml::from_str::<Written>(&text).unwrap_err();
            let message = err.message();
            let expected: Vec<&str> = message.split('`').skip(1).step_by(2).skip(1).collect();
            let mut want = keys.to_vec();
            want.sort_unstable();
            let mut got = expected.clone();
            got.sort_unstable();
            assert_eq!(got, want, "[{table}]: {message}");
        }
    }

    #[test]
    fn a_key_in_the_wrong_table_says_where_it_belongs() {
        let text = MIN.replace("name = \"Kommunen\"", "name = \"Kommunen\"\nplace = \"Umeå\"");
        let p = &parse(&text, Path::new("intyg.toml")).unwrap_err().0[0];
        assert_eq!(p.message, "unknown key \"place\" in [issuer]");
        assert_eq!(p.hint.as_deref(), Some("\"place\" belongs in [programme] or [scheme]: move the line there"));
        let text = MIN.replace("name = \"Kurs\"", "name = \"Kurs\"\nplase = \"Umeå\"");
        let p = &parse(&text, Path::new("intyg.toml")).unwrap_err().0[0];
        assert_eq!(p.hint.as_deref(), Some("did you mean place?"));
        let text = format!("{MIN}[programme]\ncode = \"X\"\n");
        let p = &parse(&text, Path::new("intyg.toml")).unwrap_err().0[0];
        assert!(p.message.starts_with("[programme] is written twice; the first is on line 4"), "{}", p.message);
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
