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
    /// Whether certificates are issued before the last session: sessions
    /// after the run date are left out, not refused.
    pub issue_before_last_session: bool,
    /// Who gets which certificate.
    pub eligibility: Eligibility,
    /// Template for participation certificates.
    pub participation_template: String,
    /// Its kind: a course, a conference, or an e-learning course (no
    /// sessions; the records say who completed it and when).
    pub kind: crate::kind::Kind,
    /// A one-day programme's agenda (a conference), in order.
    pub agenda: Vec<AgendaItem>,
    /// Where it is held.
    pub venue: Option<Box<Venue>>,
    /// Who organises it, besides the issuer.
    pub organisers: Vec<Organiser>,
}

/// One item of a day's agenda.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// When it starts: `"10.00"`.
    #[serde(deserialize_with = "super::file::de_time")]
    pub time: chrono::NaiveTime,
    /// When it ends, if said.
    #[serde(default, deserialize_with = "super::file::de_time_opt")]
    pub end: Option<chrono::NaiveTime>,
    /// What it is: "Mänskliga rättigheter i kommunal verksamhet".
    pub title: String,
    /// Who speaks.
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    /// What kind of item.
    #[serde(default)]
    pub kind: ItemKind,
}

/// Someone who speaks at an agenda item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    /// Their name.
    pub name: String,
    /// Their title and organisation: "MR-strateg, Lunds kommun".
    #[serde(default)]
    pub title: String,
}

/// What an agenda item is: breaks are left off certificates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A talk, a panel, an opening: the content of the day.
    #[default]
    Talk,
    /// A workshop.
    Workshop,
    /// A coffee break or registration.
    Break,
    /// Lunch.
    Lunch,
}

impl ItemKind {
    /// Whether the item is content of the day, which certificates list.
    pub fn is_content(self) -> bool {
        matches!(self, ItemKind::Talk | ItemKind::Workshop)
    }
}

/// Where a programme is held.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// "Scandic Plaza Umeå".
    pub name: String,
    /// "Storgatan 40, Umeå".
    #[serde(default)]
    pub address: String,
}

/// An organiser of a programme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organiser {
    /// Its name.
    pub name: String,
    /// Its logo, relative to the folder (SVG, PNG or JPEG).
    pub logo: Option<std::path::PathBuf>,
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
    /// Its length in minutes, for a short course (an e-learning course of
    /// 45 minutes); instead of `hours`.
    pub minutes: Option<f64>,
    /// The least result (`Resultat`, `Score`) that passes an e-learning
    /// course; none when completing it is enough.
    pub pass_mark: Option<f64>,
    /// Who leads the day (a conference).
    #[serde(default)]
    pub moderator: String,
    /// A short form of the name, for where the whole name is too long to
    /// read: the top of a name badge.
    #[serde(default)]
    pub short_name: String,
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
    /// `hours` or `minutes`, not both, and neither below zero.
    fn validate_scope(&self, keys: &Keys, problems: &mut Problems) {
        let p = &self.programme;
        if p.hours.is_some() && p.minutes.is_some() {
            problems.push(
                Problem::error(
                    keys.at("minutes"),
                    tr!("the programme has both hours and minutes", "programmet har både hours och minutes"),
                )
                .hint(tr!(
                    "give its length once: hours = 1.5 or minutes = 90",
                    "ange längden en gång: hours = 1.5 eller minutes = 90"
                )),
            );
        }
        for (key, value) in [("hours", p.hours), ("minutes", p.minutes), ("pass_mark", p.pass_mark)] {
            if let Some(v) = value
                && !(v.is_finite() && v >= 0.0)
            {
                problems.push(Problem::error(
                    keys.at(key),
                    tr!("{key} = {v} is not a length", "{key} = {v} är ingen längd"),
                ));
            }
        }
    }

    /// An agenda is a single day's, in the order of the day.
    fn validate_agenda(&self, keys: &Keys, problems: &mut Problems) {
        if self.agenda.is_empty() {
            return;
        }
        if self.sessions.len() != 1 {
            let n = self.sessions.len();
            problems.push(
                Problem::error(
                    keys.at("agenda"),
                    tr!(
                        "an agenda is a one-day programme's, but this one has {n} sessions",
                        "ett dagsprogram hör till ett program på en dag, men det här har {n} tillfällen"
                    ),
                )
                .hint(tr!(
                    "give the day as one [[sessions]] with its date, or remove the [[agenda]] items",
                    "ange dagen som en [[sessions]] med dess datum, eller ta bort [[agenda]]-punkterna"
                )),
            );
        }
        for pair in self.agenda.windows(2) {
            if pair[1].time < pair[0].time {
                let (a, b) = (pair[0].time.format("%H.%M"), pair[1].time.format("%H.%M"));
                let title = &pair[1].title;
                problems.push(
                    Problem::error(
                        keys.at("agenda"),
                        tr!(
                            "the agenda item \"{title}\" at {b} comes after one at {a}",
                            "programpunkten \"{title}\" kl. {b} kommer efter en kl. {a}"
                        ),
                    )
                    .hint(tr!(
                        "list the [[agenda]] items in the order of the day",
                        "skriv [[agenda]]-punkterna i dagens ordning"
                    )),
                );
            }
        }
        for item in &self.agenda {
            if let Some(end) = item.end
                && end < item.time
            {
                let title = &item.title;
                problems.push(Problem::error(
                    keys.at("end"),
                    tr!(
                        "the agenda item \"{title}\" ends before it starts",
                        "programpunkten \"{title}\" slutar innan den börjar"
                    ),
                ));
            }
        }
    }

    /// The course's length in hours, from `hours` or `minutes`.
    pub fn hours(&self) -> Option<f64> {
        self.programme.hours.or(self.programme.minutes.map(|m| m / 60.0))
    }

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
        self.validate_scope(keys, problems);
        if self.kind.by_completion() {
            if !self.sessions.is_empty() {
                problems.push(
                    Problem::error(
                        keys.at("sessions"),
                        tr!(
                            "an e-learning course has no sessions: each participant completes it on their own day",
                            "en webbutbildning har inga tillfällen: var och en slutför den på sin egen dag"
                        ),
                    )
                    .hint(tr!(
                        "remove the [[sessions]] tables, or remove kind = \"elearning\" for a course with sessions",
                        "ta bort [[sessions]]-tabellerna, eller ta bort kind = \"elearning\" för en kurs med tillfällen"
                    )),
                );
            }
        } else if self.sessions.is_empty() {
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
        if !self.kind.by_completion() && self.programme.pass_mark.is_some() {
            problems.push(
                Problem::error(
                    keys.at("pass_mark"),
                    tr!("pass_mark is for e-learning courses", "pass_mark gäller webbutbildningar"),
                )
                .hint(tr!(
                    "write kind = \"elearning\" at the top of intyg.toml if the records come from a learning platform; otherwise remove pass_mark",
                    "skriv kind = \"elearning\" överst i intyg.toml om uppgifterna kommer från en lärplattform; annars ta bort pass_mark"
                )),
            );
        }
        self.validate_agenda(keys, problems);
        if self.programme.name.trim().is_empty() {
            problems.push(Problem::error(keys.at("name"), tr!("the programme has no name", "programmet saknar namn")));
        }
    }
}
