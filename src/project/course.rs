//! A course folder (`kind = "course"`, the default): a training programme,
//! its sessions, and who of its participants gets which certificate.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{CertificateText, Keys, Records};
use crate::problem::{Problem, Problems};

/// Default pattern of certificate ids.
pub const DEFAULT_ID: &str = "{{ programme.code }}-{{ serial | pad(4) }}";
/// The built-in template of participation certificates.
pub const PARTICIPATION_TEMPLATE: &str = "deltagarintyg";
/// Default pattern of output file names.
pub const DEFAULT_FILE_NAME: &str = "{{ id }}-{{ participant.name | slug }}.pdf";

/// What a course folder issues from: its programme and participants.
#[derive(Debug, Clone)]
pub struct Course {
    /// Where the participants are.
    pub records: Records,
    /// The certificates' sentences and patterns.
    pub texts: CertificateText,
    /// The programme the certificates are about.
    pub programme: Programme,
    /// Its sessions, in order; at least one.
    pub sessions: Vec<Session>,
    /// Where attendance comes from.
    pub attendance: Attendance,
    /// Who gets which certificate.
    pub eligibility: Eligibility,
    /// Template for participation certificates.
    pub participation_template: String,
}

/// The training programme.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// A short code, used in certificate ids.
    #[serde(default)]
    pub code: String,
    /// Where it was held.
    #[serde(default)]
    pub place: String,
    /// A description in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// What it covered, as bullet points.
    #[serde(default)]
    pub content: Vec<String>,
    /// Its length in hours.
    pub hours: Option<f64>,
    /// Where documents can be checked: each shows a QR code for
    /// `verify_url/ID` (the pages `intyg publish` writes).
    pub verify_url: Option<String>,
    /// The issuer's secret key (`intyg keygen`), relative to the folder:
    /// documents then carry a signed credential.
    pub signing_key: Option<std::path::PathBuf>,
    /// Whether `intyg publish` shows holders' names on the verification
    /// pages [default: yes for organisations, no for people].
    pub publish_names: Option<bool>,
}

/// One session (a day of a meeting).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day.
    #[serde(deserialize_with = "super::file::de_date")]
    pub date: NaiveDate,
    /// What it was about.
    #[serde(default)]
    pub title: String,
}

/// Where a course's attendance comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    /// The records' attendance columns (`Dag 1`, a session's date or
    /// title) or a `Närvaro` list.
    #[default]
    Columns,
    /// Everyone registered attended every session.
    All,
}

/// Who is eligible for a certificate.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// The least number of sessions attended; all sessions when absent.
    pub min_sessions: Option<usize>,
    /// Whether those who fall short get a participation certificate.
    #[serde(default)]
    pub participation_certificate: bool,
}

impl Course {
    /// The day certificates are dated: `[certificate] issued`, or the last session.
    pub fn issued(&self) -> NaiveDate {
        self.texts.issued.unwrap_or_else(|| self.sessions.iter().map(|s| s.date).max().unwrap_or(NaiveDate::MIN))
    }

    /// The least number of sessions for a full certificate.
    pub fn min_sessions(&self) -> usize {
        self.eligibility.min_sessions.unwrap_or(self.sessions.len())
    }

    /// Checks what serde cannot: a programme needs a name and sessions, and
    /// its rule a number of sessions it has.
    pub(super) fn validate(&self, keys: &Keys, problems: &mut Problems) {
        if self.sessions.is_empty() {
            problems.push(
                Problem::error(keys.file(), tr!("the programme has no sessions", "programmet har inga tillfällen"))
                    .hint(tr!(
                        "add one [[sessions]] table per day, with date = 2019-10-08 and title = \"…\"",
                        "lägg till en [[sessions]]-tabell per dag, med date = 2019-10-08 och title = \"…\""
                    )),
            );
        }
        if let Some(min) = self.eligibility.min_sessions
            && (min == 0 || min > self.sessions.len())
        {
            problems.push(
                Problem::error(keys.at("min_sessions"), {
                    let n = self.sessions.len();
                    tr!(
                        "min_sessions = {min}, but the programme has {n} sessions",
                        "min_sessions = {min}, men programmet har {n} tillfällen"
                    )
                })
                .hint(tr!(
                    "use a number from 1 to the number of sessions, or leave it out to require all",
                    "ange ett tal från 1 till antalet tillfällen, eller utelämna det för att kräva alla"
                )),
            );
        }
        if self.programme.name.trim().is_empty() {
            problems.push(Problem::error(keys.at("name"), tr!("the programme has no name", "programmet saknar namn")));
        }
    }
}
