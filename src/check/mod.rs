//! Rules on records: what each column means (Swedish or English headers),
//! attendance marks, required fields, duplicates, personal identity numbers
//! and characters no font can print.

pub mod columns;
pub mod dates;
pub mod org;
pub mod reading;

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::problem::{Hinted, Place, Problem, Problems};
use crate::project::Session;
use crate::records::Table;
pub use dates::{Dates, SlashOrder};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// Full name.
    Name,
    /// E-mail address.
    Email,
    /// Organisation (or, in a file without one, the municipality or region).
    Organisation,
    /// The municipality or region a participant comes from (`Kommun`,
    /// `Kommun/region`), beside an organisation column (`Förvaltning`); in
    /// a file without one it is the organisation.
    Municipality,
    /// Role or job title.
    Role,
    /// Attendance at one session (0-based index).
    Session(usize),
    /// A list of attended sessions (numbers or titles), or one session's
    /// mark (`Närvarande`, `Incheckad`).
    Attended,
    /// How many sessions a person attended (`Närvarodagar`, `Antal
    /// dagar`): checked against the sessions' columns.
    AttendedCount,
    /// A learning platform's completion status (`Slutförd`, `Påbörjad`):
    /// completed is every session attended, anything short of it none.
    Completion,
    /// The day an e-learning course was completed (`Slutförd`,
    /// `Completion date`).
    CompletionDate,
    /// An e-learning course's result (`Resultat`, `Score`).
    Score,
    /// The course a learning platform's row is about (`Kurs`), in an
    /// export that may hold several.
    Course,
    /// A personal identity number: never used.
    Personnummer,
    /// A column without a header: left out.
    Ignored,
    /// A form's own column (`Tidstämpel`, `Starttid`, `ID`): left out
    /// without a word.
    FormMeta,
    /// Dietary needs, allergies: personal data that has no place on a
    /// certificate, never passed to a template or the register.
    Sensitive,
    /// An e-mail column that says "anonymous" in every row (Microsoft Forms
    /// without sign-in): left out.
    Anonymous,
    /// Anything else, passed to the template under its header.
    Extra,
}

/// A participant as the template will see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Row in the records file.
    pub row: usize,
    /// Full name.
    pub name: String,
    /// Given name, where a column has it.
    pub first_name: String,
    /// Family name, where a column has it.
    pub last_name: String,
    /// E-mail address.
    pub email: String,
    /// Organisation.
    pub organisation: String,
    /// Role.
    pub role: String,
    /// Municipality or region, where a column beside the organisation has it.
    pub municipality: String,
    /// Attendance, one flag per session.
    pub attended: Vec<bool>,
    /// Other columns, header → value, in file order.
    pub extra: Vec<(String, String)>,
    /// E-learning: whether the platform says the course was completed.
    pub completed: bool,
    /// E-learning: the day it was completed.
    pub completed_on: Option<chrono::NaiveDate>,
    /// E-learning: the platform's status, as written (`Påbörjad`).
    pub status: String,
    /// E-learning: the result, if the export has one.
    pub score: Option<f64>,
    /// E-learning: the course the row is about, where the export says.
    pub course: String,
    /// Whether another participant has the same e-mail address (colleagues
    /// who registered from a shared mailbox), so that the address alone
    /// does not tell them apart.
    pub shares_email: bool,
}

impl Participant {
    /// How many sessions attended.
    pub fn sessions_attended(&self) -> usize {
        self.attended.iter().filter(|a| **a).count()
    }

    /// The 0-based indices of sessions missed.
    pub fn missed(&self) -> Vec<usize> {
        self.attended.iter().enumerate().filter(|(_, a)| !**a).map(|(i, _)| i).collect()
    }

    /// Every text field with the column it came from, for glyph checks.
    pub fn texts(&self) -> Vec<(&str, &str)> {
        // A name put together from its parts is checked part by part, so a
        // message names the column the character is in.
        let parts = !self.first_name.is_empty() || !self.last_name.is_empty();
        let mut out = if parts && self.name == [self.first_name.as_str(), self.last_name.as_str()].join(" ").trim() {
            vec![("first_name", self.first_name.as_str()), ("last_name", self.last_name.as_str())]
        } else {
            vec![("name", self.name.as_str())]
        };
        out.extend([
            ("organisation", self.organisation.as_str()),
            ("municipality", self.municipality.as_str()),
            ("role", self.role.as_str()),
        ]);
        out.extend(self.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        out
    }
}

/// The result of checking a table: the participants that could be read and
/// every problem found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Participants, in file order (rows with errors left out).
    pub participants: Vec<Participant>,
    /// Everything found wrong or doubtful.
    pub problems: Problems,
    /// The column each field of [`Participant::texts`] was read from.
    pub columns: HashMap<String, usize>,
    /// What each column of the table was taken to mean.
    pub fields: Vec<Field>,
    /// Whether every registered person counts as present at every session:
    /// no attendance was asked for (`attendance = "all"`, or one session
    /// and no rule) and none was given.
    pub everyone_present: bool,
}

/// Whether a course's records must say who attended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    /// A course or conference: an attendance column per session, or a
    /// list, is required.
    Required,
    /// `attendance = "all"`: everyone registered attended.
    All,
    /// An e-learning course: the records say who completed it and when.
    Completion,
}

impl Attendance {
    /// What a programme asks of its records.
    pub fn of(course: &crate::project::Course) -> Attendance {
        if course.kind.by_completion() {
            Attendance::Completion
        } else if course.attendance == crate::project::course::Attendance::All {
            Attendance::All
        } else {
            Attendance::Required
        }
    }
}

/// Letters and digits only, lower case: `E-post` → `epost`, `Dag 1` → `dag1`.
pub fn header_key(h: &str) -> String {
    h.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The marks accepted for "was there" and "was not there".
const PRESENT: &[&str] = &["x", "ja", "j", "1", "yes", "y", "✓", "✔", "true", "sant", "närvarande", "present"];
const ABSENT: &[&str] = &["", "nej", "n", "0", "no", "false", "falskt", "frånvarande", "absent", "-"];

/// Reads a learning platform's completion status: `Some(true)` completed,
/// `Some(false)` started or not, `None` a word intyg does not know.
pub fn completed(value: &str) -> Option<bool> {
    match header_key(value).as_str() {
        "slutförd" | "slutfört" | "slutförda" | "genomförd" | "genomfört" | "avklarad" | "avklarat" | "klar"
        | "godkänd" | "completed" | "complete" | "finished" | "passed" | "done" | "ja" | "yes" => Some(true),
        "" | "påbörjad" | "påbörjat" | "ejpåbörjad" | "intepåbörjad" | "ejslutförd" | "inteslutförd" | "pågår"
        | "pågående" | "underkänd" | "ejgodkänd" | "started" | "inprogress" | "notstarted" | "notcompleted"
        | "incomplete" | "failed" | "notattempted" | "nej" | "no" => Some(false),
        _ => None,
    }
}

/// Whether a learning platform's status says the course was begun:
/// completed or under way, not `Ej påbörjad` (nor empty: an export leaves
/// the status of those assigned who never opened it blank).
pub fn started(status: &str) -> bool {
    !matches!(header_key(status).as_str(), "" | "ejpåbörjad" | "intepåbörjad" | "notstarted" | "notattempted")
}

/// Whether a learning platform's status says the course is under way:
/// begun and not finished (`Påbörjad`, `In progress`).
pub fn under_way(status: &str) -> bool {
    matches!(header_key(status).as_str(), "påbörjad" | "påbörjat" | "pågår" | "pågående" | "started" | "inprogress")
}

/// Reads an attendance mark.
pub fn mark(value: &str) -> Option<bool> {
    let v = value.trim().to_lowercase();
    if PRESENT.contains(&v.as_str()) {
        Some(true)
    } else if ABSENT.contains(&v.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Decides what a header means, given the programme's sessions.
/// `Err` carries a message for a header that names a session that does not exist.
pub fn classify(header: &str, sessions: &[Session]) -> Result<Field, String> {
    classify_in(header, sessions, SlashOrder::Unknown)
}

/// A header written `3/4/2026` or `tis 3/4`, whose numbers could be day
/// and month either way: the two numbers and the year, if written.
fn two_way(header: &str) -> Option<(u32, u32, Option<i32>)> {
    let lower = header.trim().to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let date = match words.as_slice() {
        [one] => *one,
        [day, one] if crate::locale::typed::weekday(day.trim_end_matches('.')) => *one,
        _ => return None,
    };
    let parts: Vec<&str> = date.split('/').collect();
    let (a, b, year) = match parts.as_slice() {
        [a, b] => (a.parse().ok()?, b.parse().ok()?, None),
        [a, b, y] if y.len() == 4 => (a.parse().ok()?, b.parse().ok()?, Some(y.parse().ok()?)),
        _ => return None,
    };
    (a != b && (1..=12).contains(&a) && (1..=12).contains(&b)).then_some((a, b, year))
}

/// [`classify`], with `order` what the file's other dates say of day and
/// month: a header such as `3/4/2026` is read in that order, or by the one
/// reading that is a session, or refused when both readings are sessions.
pub fn classify_in(header: &str, sessions: &[Session], order: SlashOrder) -> Result<Field, String> {
    if let Some((a, b, year)) = two_way(header) {
        let session = |day: u32, month: u32| {
            let d = crate::locale::typed::DayMonth { day, month, year };
            sessions.iter().position(|s| d.matches(s.date))
        };
        let found = match order {
            SlashOrder::DayFirst => session(a, b),
            SlashOrder::MonthFirst => session(b, a),
            SlashOrder::Unknown => match (session(a, b), session(b, a)) {
                (Some(i), Some(j)) if i != j => {
                    let lang = crate::locale::messages();
                    let (one, other) =
                        (crate::locale::date(sessions[i].date, lang), crate::locale::date(sessions[j].date, lang));
                    return Err(tr!(
                        "column \"{header}\" could be the session on {one} (day/month) or on {other} (month/day), and no other date in the file tells which",
                        "kolumnen \"{header}\" kan vara tillfället {one} (dag/månad) eller {other} (månad/dag), och inget annat datum i filen avgör vilket"
                    ));
                }
                (one, other) => one.or(other),
            },
        };
        return Ok(found.map_or(Field::Extra, Field::Session));
    }
    let key = header_key(header);
    // A registration form's question about food or health, however it is
    // worded ("Har du behov av specialkost eller allergier?").
    if [
        "specialkost",
        "allergi",
        "allergy",
        "allergies",
        "dietary",
        "kostbehov",
        "kostönskemål",
        "matpreferens",
        "födoämnes",
    ]
    .iter()
    .any(|w| key.contains(w))
    {
        return Ok(Field::Sensitive);
    }
    let field = match key.as_str() {
        "förnamn" | "fornamn" | "firstname" | "givenname" | "tilltalsnamn" => Field::FirstName,
        "efternamn" | "lastname" | "surname" | "familyname" => Field::LastName,
        "namn" | "name" | "fullname" | "fullständigtnamn" | "deltagare" | "participant" | "deltagarensnamn"
        | "deltagarnamn" | "participantname" => Field::Name,
        "epost" | "email" | "mail" | "mejl" | "epostadress" | "emailaddress" | "mailadress" | "mejladress"
        | "emailadress" => Field::Email,
        "kommun"
        | "region"
        | "kommunregion"
        | "kommunellerregion"
        | "regionkommun"
        | "hemkommun"
        | "municipality"
        | "municipalityregion"
        | "municipalityorregion" => Field::Municipality,
        "organisation"
        | "organization"
        | "org"
        | "arbetsgivare"
        | "employer"
        | "myndighet"
        | "förvaltning"
        | "förvaltningenhet"
        | "arbetsplats"
        | "företag"
        | "företagorganisation"
        | "organisationförvaltning"
        | "company"
        | "workplace" => Field::Organisation,
        "roll" | "role" | "befattning" | "titel" | "title" | "jobtitle" | "yrkesroll" => Field::Role,
        "närvaro" | "närvarox" | "närvarande" | "närvarat" | "deltog" | "deltagit" | "kom" | "incheckad"
        | "incheckning" | "incheckade" | "attended" | "attendance" | "present" | "checkedin" | "checkin"
        | "sessions" => Field::Attended,
        "närvarodagar" | "antaldagar" | "antaltillfällen" | "antalpass" | "antalträffar" | "dagarnärvarande"
        | "antalnärvarodagar" | "daysattended" | "dayspresent" | "numberofdays" | "sessionsattended" => {
            Field::AttendedCount
        }
        "status" | "kursstatus" | "slutförandestatus" | "completionstatus" | "coursestatus" | "statusförkursen" => {
            Field::Completion
        }
        "slutförd"
        | "slutfört"
        | "slutförandedatum"
        | "datumslutförd"
        | "slutförddatum"
        | "slutfördden"
        | "genomförd"
        | "genomförddatum"
        | "completed"
        | "completiondate"
        | "completedon"
        | "datecompleted"
        | "completeddate"
        | "completedat"
        | "timecompleted"
        | "tidförslutförande"
        | "kursslutförd"
        | "datumförslutförande" => Field::CompletionDate,
        "resultat" | "score" | "poäng" | "result" | "points" | "resultatprocent" | "scorepercent" | "currentscore"
        | "finalscore" => Field::Score,
        "kurs" | "course" | "kursnamn" | "coursename" | "webbutbildning" | "kurstitel" | "coursetitle" => Field::Course,
        "tidstämpel"
        | "timestamp"
        | "tidsstämpel"
        | "starttid"
        | "sluttid"
        | "starttime"
        | "endtime"
        | "completiontime"
        | "senasteändringstid"
        | "lastmodifiedtime"
        | "id"
        | "svarsid"
        | "responseid" => Field::FormMeta,
        "personnummer"
        | "pnr"
        | "personnr"
        | "personalidentitynumber"
        | "personalnumber"
        | "ssn"
        | "socialsecuritynumber"
        | "samordningsnummer" => Field::Personnummer,
        _ => {
            for prefix in ["dag", "day", "session", "tillfälle", "pass", "träff", "modul", "module"] {
                if let Some(n) = key.strip_prefix(prefix).and_then(|n| n.parse::<usize>().ok()) {
                    return if n >= 1 && n <= sessions.len() {
                        Ok(Field::Session(n - 1))
                    } else {
                        let count = sessions.len();
                        Err(tr!(
                            "column \"{header}\" names session {n}, but the programme has {count} sessions",
                            "kolumnen \"{header}\" anger tillfälle {n}, men programmet har {count} tillfällen"
                        ))
                    };
                }
            }
            if let Some(i) = sessions.iter().position(|s| !s.title.is_empty() && header_key(&s.title) == key) {
                return Ok(Field::Session(i));
            }
            let Some(day) = crate::locale::typed::day_month(header) else { return Ok(Field::Extra) };
            let matching: Vec<usize> = (0..sessions.len()).filter(|&i| day.matches(sessions[i].date)).collect();
            match matching.as_slice() {
                [] => Field::Extra,
                [i] => Field::Session(*i),
                many => {
                    let list = many.iter().map(|i| sessions[*i].date.to_string()).collect::<Vec<_>>().join(", ");
                    return Err(tr!(
                        "column \"{header}\" could be any of the sessions on {list}",
                        "kolumnen \"{header}\" kan vara vilket som helst av tillfällena {list}"
                    ));
                }
            }
        }
    };
    Ok(field)
}

/// What `header` means for a participant, as a key that two headers with
/// the same meaning share; `None` for a column intyg does not know.
pub fn field_of(header: &str, sessions: &[Session]) -> Option<String> {
    match classify(header, sessions) {
        Ok(Field::Extra | Field::Ignored) | Err(_) => None,
        Ok(f) => Some(format!("{f:?}")),
    }
}

/// Whether a value looks like a Swedish personal identity number.
pub fn looks_like_personnummer(v: &str) -> bool {
    let digits: String = v.chars().filter(|c| !matches!(c, '-' | '+' | ' ')).collect();
    let shape = v.trim().chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '+'));
    shape && (digits.len() == 10 || digits.len() == 12) && digits.chars().all(|c| c.is_ascii_digit()) && {
        let d = if digits.len() == 12 { &digits[2..] } else { &digits[..] };
        let month: u32 = d[2..4].parse().unwrap_or(0);
        (1..=12).contains(&month) && luhn_ok(d)
    }
}

/// The Luhn check over ten digits (the last is the check digit).
pub fn luhn_ok(ten: &str) -> bool {
    let digits: Vec<u32> = ten.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            let x = if i % 2 == 0 { d * 2 } else { d };
            if x > 9 { x - 9 } else { x }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// What a folder asks of its records beyond their columns.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// The programme's sessions.
    pub sessions: &'a [Session],
    /// Whether the records must say who attended.
    pub need: Attendance,
    /// The time zone whose day a moment in the records falls on.
    pub zone: chrono_tz::Tz,
    /// The run's date: a session after it cannot have been attended.
    pub on: chrono::NaiveDate,
    /// `issue_before_last_session`: a session after the run date is left
    /// out rather than refused.
    pub early: bool,
    /// An e-learning course's pass mark, which tells whether results are
    /// percentages.
    pub pass_mark: Option<f64>,
    /// The registrations before the programme (signing sheets, badges):
    /// no attendance is asked for, and sessions may be after the run date.
    pub roster: bool,
}

impl<'a> Rules<'a> {
    /// The rules of a folder with `sessions` that needs `need`, read in
    /// Swedish time on a day after every session.
    pub fn new(sessions: &'a [Session], need: Attendance) -> Rules<'a> {
        Rules {
            sessions,
            need,
            zone: dates::DEFAULT_ZONE,
            on: chrono::NaiveDate::MAX,
            early: false,
            pass_mark: None,
            roster: false,
        }
    }
}

/// Turns a table into participants, collecting every problem. The cells
/// move into the participants, leaving the table its headers and no rows, so
/// a large batch is not held twice.
pub fn participants(table: &mut Table, rules: &Rules) -> Checked {
    let Rules { sessions, need, .. } = *rules;
    let mut out = Checked::default();
    // How the file writes day and month, from all its dates (headers and
    // cells alike), and the zone its moments are read in.
    let dates = file_dates(table, rules.zone);
    let mut fields = header_fields(table, sessions, need, dates.order, &mut out.problems);
    sum_rows(table, &fields, &mut out.problems);
    for (c, f) in fields.iter().enumerate() {
        let key = match f {
            Field::Name => "name".to_owned(),
            Field::FirstName => "first_name".to_owned(),
            Field::LastName => "last_name".to_owned(),
            Field::Organisation => "organisation".to_owned(),
            Field::Municipality => "municipality".to_owned(),
            Field::Role => "role".to_owned(),
            Field::Extra => table.headers[c].clone(),
            _ => continue,
        };
        out.columns.entry(key).or_insert(c);
    }
    let has = |f: &Field| fields.contains(f);
    let name_problems = incomplete_name(table, &fields);
    for p in name_problems {
        out.problems.push(p);
    }
    if !(has(&Field::Name) || has(&Field::FirstName) || has(&Field::LastName)) {
        out.fields = fields;
        return out;
    }
    attendance_columns(table, rules, &fields, &mut out);
    personnummer_columns(table, &mut fields, &mut out.problems);
    let text_columns = fields.iter().enumerate().filter_map(|(c, f)| {
        matches!(
            f,
            Field::Name
                | Field::FirstName
                | Field::LastName
                | Field::Email
                | Field::Organisation
                | Field::Municipality
                | Field::Role
                | Field::Extra
        )
        .then_some(c)
    });
    for p in mostly_filled(table, text_columns) {
        out.problems.push(p);
    }
    out.fields = fields.clone();
    let surname_first = surname_first(table, &fields, &mut out.problems);
    if need == Attendance::Completion {
        fraction_scores(table, &fields, rules.pass_mark, &mut out.problems);
    }
    let rows = std::mem::take(&mut table.rows);
    let mut reading = Reading {
        table: &*table,
        fields: &fields,
        sessions,
        need,
        everyone_present: out.everyone_present,
        status_column: fields.contains(&Field::Completion),
        date_column: fields.contains(&Field::CompletionDate),
        dates,
        on: rules.on,
        surname_first,
        has_parts: fields.iter().any(|f| matches!(f, Field::FirstName | Field::LastName)),
        invisible: 0,
        no_addresses: 0,
    };
    let mut seen = Seen::default();
    // Sessions after the run date, and the rows marked present at them:
    // nobody can have attended those yet.
    let future: Vec<usize> = (0..sessions.len()).filter(|&i| sessions[i].date > rules.on).collect();
    let mut marked_ahead: Vec<Vec<usize>> = vec![Vec::new(); future.len()];
    // Sized once: a doubling Vec of a hundred thousand holds up to twice that.
    out.participants.reserve_exact(rows.len());
    for mut row in rows {
        let (mut p, mut ok) = reading.participant(&mut row, &mut out.problems);
        seen.check(&p, &reading, &mut ok, &mut out.problems);
        if !rules.early && !rules.roster && !out.everyone_present {
            for (k, &i) in future.iter().enumerate() {
                if p.attended[i] {
                    marked_ahead[k].push(p.row);
                    ok = false;
                }
            }
        }
        if rules.early {
            // Left out of the programme (batch::leave_out_future).
            for &i in future.iter().rev() {
                p.attended.remove(i);
            }
        }
        if ok {
            out.participants.push(p);
        }
    }
    if !rules.early && !rules.roster {
        for (k, &i) in future.iter().enumerate() {
            let rows = &marked_ahead[k];
            let lang = crate::locale::messages();
            let (n, date, on) =
                (i + 1, crate::locale::date(sessions[i].date, lang), crate::locale::date(rules.on, lang));
            let message = if rows.is_empty() && !out.everyone_present {
                tr!(
                    "session {n} ({date}) is after the run date ({on}): nobody can have attended it yet",
                    "tillfälle {n} ({date}) är efter körningens datum ({on}): ingen kan ha varit med på det än"
                )
            } else if out.everyone_present {
                tr!(
                    "session {n} ({date}) is after the run date ({on}), but attendance = \"all\" counts everyone as present at it",
                    "tillfälle {n} ({date}) är efter körningens datum ({on}), men attendance = \"all\" räknar alla som närvarande vid det"
                )
            } else {
                let (word, list) = (table.row_word.count(rows.len()), crate::problem::numbers(rows));
                tr!(
                    "session {n} ({date}) is after the run date ({on}), but {word} {list} are marked present at it",
                    "tillfälle {n} ({date}) är efter körningens datum ({on}), men {word} {list} är markerade som närvarande vid det"
                )
            };
            out.problems.push(Problem::error(table.place(table.header_row, None), message).hint(tr!(
                "issue the certificates after the last session, marking only who came; to issue now for the sessions held so far, write issue_before_last_session = true in intyg.toml",
                "utfärda intygen efter sista tillfället, och markera bara dem som kom; för att utfärda nu för de tillfällen som har hållits, skriv issue_before_last_session = true i intyg.toml"
            )));
        }
    }
    let (table, invisible, no_addresses, shared) =
        (reading.table, reading.invisible, reading.no_addresses, seen.shared);
    let email_column = fields.iter().position(|f| *f == Field::Email);
    if let (None, Some(c)) = (email_column, fields.iter().position(|f| *f == Field::Anonymous)) {
        out.problems.push(
            Problem::warning(
                table.place(table.header_row, Some(c)),
                tr!(
                    "every address is \"anonymous\" (a form without sign-in); nobody gets e-mail from intyg send",
                    "alla adresser är \"anonymous\" (ett formulär utan inloggning); ingen får e-post från intyg send"
                ),
            )
            .hint(tr!(
                "to e-mail the documents, ask for the address in the form, or add a column with the addresses",
                "för att skicka dokumenten med e-post, fråga efter adressen i formuläret, eller lägg till en kolumn med adresserna"
            )),
        );
    }
    if no_addresses > 0 {
        out.problems.push(
            Problem::warning(
                table.place(table.header_row, email_column),
                tr!(
                    "{no_addresses} cells say \"anonymous\", \"-\" or the like, which is no e-mail address; those people get no e-mail from intyg send",
                    "{no_addresses} celler säger \"anonymous\", \"-\" eller liknande, vilket inte är någon e-postadress; de personerna får ingen e-post från intyg send"
                ),
            )
            .hint(tr!(
                "a form without sign-in writes \"anonymous\"; add the addresses to the sheet if the documents are to be e-mailed",
                "ett formulär utan inloggning skriver \"anonymous\"; fyll i adresserna i arket om dokumenten ska skickas med e-post"
            )),
        );
    }
    if !shared.is_empty() {
        for p in &mut out.participants {
            p.shares_email = shared.contains(&p.email.to_lowercase());
        }
    }
    if invisible > 0 {
        out.problems.push(
            Problem::warning(
                Place::file(&table.path),
                tr!(
                    "{invisible} invisible characters (zero-width spaces, soft hyphens, byte order marks) were removed from cells",
                    "{invisible} osynliga tecken (nollbreddsmellanslag, mjuka bindestreck, byte order marks) togs bort ur cellerna"
                ),
            )
            .hint(tr!(
                "nothing to do: they change nothing on the documents; they come from text pasted from web pages or Word",
                "inget att göra: de ändrar ingenting på dokumenten; de kommer från text som klistrats in från webbsidor eller Word"
            )),
        );
    }
    out
}

/// The rows and columns a workbook hides, as intyg.toml's `hidden_rows`
/// says: an error naming them (a coordinator may have hidden the people
/// who cancelled, or may not know a filter is on), rows left out, or every
/// row read; "how intyg read the file" says which.
pub fn hidden(table: &mut Table, policy: crate::project::HiddenRows) -> Problems {
    use crate::project::HiddenRows;
    let mut problems = Problems::default();
    let (rows, columns) = (std::mem::take(&mut table.hidden_rows), std::mem::take(&mut table.hidden_columns));
    if rows.is_empty() && columns.is_empty() {
        return problems;
    }
    let (word, list) = (table.row_word.count(rows.len()), crate::problem::numbers(&rows));
    let letters: Vec<String> =
        columns.iter().map(|&c| format!("\"{}\" ({})", table.headers[c], crate::records::column_letter(c))).collect();
    let letters = crate::locale::join_list(&letters, crate::locale::messages());
    match policy {
        HiddenRows::Refuse => {
            let hint = tr!(
                "show them in the workbook (select the rows around them, right-click, Unhide; or clear the filter) and delete those who should not have a document; or write hidden_rows = \"skip\" in intyg.toml to leave hidden rows out, or \"include\" to read them",
                "visa dem i arbetsboken (markera raderna runt dem, högerklicka, Ta fram; eller rensa filtret) och ta bort dem som inte ska ha något dokument; eller skriv hidden_rows = \"skip\" i intyg.toml för att lämna dolda rader utanför, eller \"include\" för att läsa dem"
            );
            if !rows.is_empty() {
                problems.push(
                    Problem::error(
                        table.place(table.header_row, None),
                        tr!(
                            "{word} {list} are hidden or filtered out in the workbook: intyg cannot tell whether they were hidden to leave them out",
                            "{word} {list} är dolda eller bortfiltrerade i arbetsboken: intyg kan inte avgöra om de doldes för att lämnas utanför"
                        ),
                    )
                    .hint(hint.clone()),
                );
            }
            if !columns.is_empty() {
                problems.push(
                    Problem::error(
                        table.place(table.header_row, None),
                        tr!(
                            "the column {letters} is hidden in the workbook, and intyg reads it",
                            "kolumnen {letters} är dold i arbetsboken, och intyg läser den"
                        ),
                    )
                    .hint(tr!(
                        "show it (select the columns around it, right-click, Unhide) and check what it holds; or write hidden_rows = \"include\" in intyg.toml to read hidden rows and columns as they are",
                        "visa den (markera kolumnerna runt den, högerklicka, Ta fram) och kontrollera vad den innehåller; eller skriv hidden_rows = \"include\" i intyg.toml för att läsa dolda rader och kolumner som de är"
                    )),
                );
            }
        }
        HiddenRows::Skip => {
            if !rows.is_empty() {
                table.rows.retain(|r| !rows.contains(&r.number));
                table.notes.push(tr!(
                    "{word} {list}, hidden or filtered out in the workbook, are left out (hidden_rows = \"skip\")",
                    "{word} {list}, dolda eller bortfiltrerade i arbetsboken, lämnas utanför (hidden_rows = \"skip\")"
                ));
            }
        }
        HiddenRows::Include => {
            if !rows.is_empty() {
                table.notes.push(tr!(
                    "{word} {list}, hidden or filtered out in the workbook, are read like the others (hidden_rows = \"include\")",
                    "{word} {list}, dolda eller bortfiltrerade i arbetsboken, läses som de andra (hidden_rows = \"include\")"
                ));
            }
        }
    }
    if policy != HiddenRows::Refuse && !columns.is_empty() {
        table.notes.push(tr!(
            "the hidden column {letters} is read like the others",
            "den dolda kolumnen {letters} läses som de andra"
        ));
    }
    problems
}

/// What each column of `table` means, from its header, with a warning or
/// an error for a header that cannot be read as written (a date that is no
/// session, a personnummer, two columns that mean the same).
/// `order` is what the file's dates say of day and month (`3/4/2026`).
fn header_fields(
    table: &Table,
    sessions: &[Session],
    need: Attendance,
    order: SlashOrder,
    problems: &mut Problems,
) -> Vec<Field> {
    let mut fields = Vec::with_capacity(table.headers.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (c, h) in table.headers.iter().enumerate() {
        let field = if table.unused(c) {
            // Left out by `[columns] unused`: never read, never passed on.
            Field::Ignored
        } else if h.trim().is_empty() {
            if table.rows.iter().any(|r| !r.cells[c].is_empty()) {
                problems.push(
                    Problem::warning(
                        table.place(table.header_row, Some(c)),
                        tr!("a column without a header is left out", "en kolumn utan rubrik lämnas utanför"),
                    )
                    .hint(tr!(
                        "give the column a header if the template should see it",
                        "ge kolumnen en rubrik om mallen ska se den"
                    )),
                );
            }
            Field::Ignored
        } else {
            match classify_in(table.meaning(c), sessions, order) {
                Ok(f) => f,
                Err(msg) if two_way(table.meaning(c)).is_some() => {
                    problems.push(Problem::error(table.place(table.header_row, Some(c)), msg).hint(tr!(
                        "write the header with the month in letters (\"3 apr\") or as 2026-04-03",
                        "skriv rubriken med månaden i bokstäver (\"3 apr\") eller som 2026-04-03"
                    )));
                    Field::Extra
                }
                Err(msg) => {
                    problems.push(Problem::error(table.place(table.header_row, Some(c)), msg).hint(tr!(
                        "rename the column after one of the sessions in intyg.toml, or add the session",
                        "döp om kolumnen efter ett av tillfällena i intyg.toml, eller lägg till tillfället"
                    )));
                    Field::Extra
                }
            }
        };
        // Microsoft Forms writes its own E-post column, "anonymous" in every
        // row of a form without sign-in; the form's question for the
        // address, if any, is the e-mail column.
        let field = if field == Field::Email
            && table.rows.iter().any(|r| !r.cells[c].trim().is_empty())
            && table.rows.iter().all(|r| r.cells[c].trim().is_empty() || no_address(&r.cells[c]))
        {
            Field::Anonymous
        } else {
            field
        };
        // Moodle's "Slutförd" says Ja or Nej, and "Tid för slutförande" when.
        let field = if field == Field::CompletionDate
            && table.rows.iter().any(|r| !r.cells[c].trim().is_empty())
            && table.rows.iter().all(|r| {
                let v = r.cells[c].trim();
                v.is_empty() || (mark(v).is_some() && completed(v).is_some())
            }) {
            Field::Completion
        } else {
            field
        };
        // A course's Status column that holds a registration's status
        // (Anmäld, Avbokad), not a learning platform's, is any column: no
        // row says completed, and some say what a platform never does.
        let field = if field == Field::Completion
            && need != Attendance::Completion
            && table.rows.iter().any(|r| completed(&r.cells[c]).is_none())
            && !table.rows.iter().any(|r| completed(&r.cells[c]) == Some(true))
        {
            Field::Extra
        } else {
            field
        };
        // A course with sessions reads them as any other column.
        let field = match field {
            Field::CompletionDate | Field::Score | Field::Course if need != Attendance::Completion => Field::Extra,
            f => f,
        };
        if field == Field::Extra && !sessions.is_empty() && is_date_header(h) {
            let dates = sessions.iter().map(|s| s.date.to_string()).collect::<Vec<String>>().join(", ");
            problems.push(
                Problem::warning(
                    table.place(table.header_row, Some(c)),
                    tr!(
                        "the column is headed by a date that is not one of the programme's sessions ({dates}); it is not read as attendance",
                        "kolumnens rubrik är ett datum som inte är något av programmets tillfällen ({dates}); den läses inte som närvaro"
                    ),
                )
                .hint(tr!(
                    "head attendance columns with a session's date or \"Dag N\", or correct the date in [[sessions]]",
                    "ge närvarokolumner ett tillfälles datum eller \"Dag N\" som rubrik, eller rätta datumet i [[sessions]]"
                )),
            );
        }
        if field == Field::Personnummer {
            problems.push(
                Problem::warning(
                    table.place(table.header_row, Some(c)),
                    tr!(
                        "looks like personal identity numbers; the column is left out",
                        "ser ut att vara personnummer; kolumnen lämnas utanför"
                    ),
                )
                .hint(no_personnummer()),
            );
        }
        // In a spreadsheet two columns cannot mean the same; in TOML/JSON
        // different entries may spell a key differently.
        if table.has_letters
            && !h.trim().is_empty()
            && !matches!(field, Field::Extra | Field::Sensitive | Field::FormMeta)
        {
            let key = format!("{field:?}");
            if let Some(first) = seen.insert(key, c) {
                let other = &table.headers[first];
                problems.push(
                    Problem::error(
                        table.place(table.header_row, Some(c)),
                        tr!("means the same as column \"{other}\"", "betyder samma sak som kolumnen \"{other}\""),
                    )
                    .hint(tr!("keep one of the two columns", "behåll en av de två kolumnerna")),
                );
            }
        }
        fields.push(field);
    }
    name_sources(table, &mut fields, problems);
    // A municipality is the organisation of a file that has no other: a
    // sheet of `Namn;Kommun` prints the municipality where the
    // organisation goes, as it always has.
    if !fields.contains(&Field::Organisation) {
        fields.iter_mut().filter(|f| **f == Field::Municipality).for_each(|f| *f = Field::Organisation);
    }
    fields
}

/// A whole-name column beside first- and last-name columns (Microsoft
/// Forms with sign-in puts the account's display name in `Namn`): the one
/// `[columns]` names is the name, the other passed on as an extra column;
/// a whole-name column that says "anonymous" on every row is the form's
/// own and left out; otherwise an error naming both, never a silent pick.
fn name_sources(table: &Table, fields: &mut [Field], problems: &mut Problems) {
    let whole: Vec<usize> = (0..fields.len()).filter(|&c| fields[c] == Field::Name).collect();
    let parts: Vec<usize> =
        (0..fields.len()).filter(|&c| matches!(fields[c], Field::FirstName | Field::LastName)).collect();
    if whole.is_empty() || parts.is_empty() {
        return;
    }
    let mapped = |c: &usize| table.mapped.get(*c).and_then(Option::as_deref).is_some_and(|m| !m.is_empty());
    let anonymous = |c: &usize| {
        table.rows.iter().all(|r| r.cells[*c].trim().is_empty() || no_address(&r.cells[*c]))
            && table.rows.iter().any(|r| !r.cells[*c].trim().is_empty())
    };
    let (by_whole, by_parts) = (whole.iter().any(mapped), parts.iter().any(mapped));
    // Rows whose whole name is not their first and last name: a
    // LibreOffice `=A2&" "&B2` agrees, a TOML entry has one or the other.
    let part = |r: &crate::records::Row, f: Field| {
        parts.iter().find(|&&c| fields[c] == f).map_or("", |&c| r.cells[c].trim()).to_owned()
    };
    let differs: Vec<usize> = table
        .rows
        .iter()
        .filter(|r| {
            let name = r.cells[whole[0]].trim();
            let joined = format!("{} {}", part(r, Field::FirstName), part(r, Field::LastName));
            !name.is_empty()
                && !no_address(name)
                && !joined.trim().is_empty()
                && crate::locale::identity(name) != crate::locale::identity(&joined)
        })
        .map(|r| r.number)
        .collect();
    if !by_whole && whole.iter().all(anonymous) {
        whole.iter().for_each(|&c| fields[c] = Field::Anonymous);
    } else if differs.is_empty() {
        // One name either way.
    } else if by_whole && !by_parts {
        parts.iter().for_each(|&c| fields[c] = Field::Extra);
    } else if by_parts && !by_whole {
        whole.iter().for_each(|&c| fields[c] = Field::Extra);
    } else {
        let name = &table.headers[whole[0]];
        let (first, last) = (
            parts.iter().find(|&&c| fields[c] == Field::FirstName).map_or("", |&c| table.headers[c].as_str()),
            parts.iter().find(|&&c| fields[c] == Field::LastName).map_or("", |&c| table.headers[c].as_str()),
        );
        let row = table.rows.iter().find(|r| r.number == differs[0]).expect("a row that differs");
        let example = row.cells[whole[0]].trim();
        let other = format!("{} {}", part(row, Field::FirstName), part(row, Field::LastName));
        let other = other.trim();
        let (word, list) = (table.row_word.count(differs.len()), crate::problem::numbers(&differs));
        problems.push(
            Problem::error(
                table.place(table.header_row, Some(whole[0])),
                tr!(
                    "two sources of names that disagree on {word} {list}: \"{name}\" says \"{example}\" where \"{first}\" and \"{last}\" say \"{other}\"; intyg cannot tell which name to print",
                    "två källor till namn som skiljer sig åt på {word} {list}: \"{name}\" säger \"{example}\" där \"{first}\" och \"{last}\" säger \"{other}\"; intyg kan inte avgöra vilket namn som ska skrivas ut"
                ),
            )
            .hint(tr!(
                "say which in intyg.toml: [columns] name = \"{name}\", or [columns] first_name = \"{first}\" and last_name = \"{last}\" (Microsoft Forms with sign-in puts the account's name in \"{name}\")",
                "ange vilken i intyg.toml: [columns] name = \"{name}\", eller [columns] first_name = \"{first}\" och last_name = \"{last}\" (Microsoft Forms med inloggning lägger kontots namn i \"{name}\")"
            )),
        );
    }
}

/// Whether the name column writes names surname first, `Lindqvist, Anna`
/// (HR systems' exports): every name with exactly one comma, which is
/// then printed `Anna Lindqvist` and said in "how intyg read the file";
/// an error naming the rows when some are written so and others not.
fn surname_first(table: &mut Table, fields: &[Field], problems: &mut Problems) -> bool {
    let Some(c) = fields.iter().position(|f| *f == Field::Name) else { return false };
    let filled: Vec<(usize, &str)> =
        table.rows.iter().map(|r| (r.number, r.cells[c].trim())).filter(|(_, v)| !v.is_empty()).collect();
    // One comma between two parts that are names: letters, spaces,
    // hyphens, apostrophes and full stops ("af Klinteberg, Anna-Karin").
    let comma = |v: &str| {
        v.matches(',').count() == 1
            && v.split(',').all(|part| {
                let part = part.trim();
                part.chars().next().is_some_and(char::is_alphabetic)
                    && part.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
            })
    };
    let with: Vec<usize> = filled.iter().filter(|(_, v)| comma(v)).map(|(n, _)| *n).collect();
    if with.is_empty() {
        return false;
    }
    if with.len() == filled.len() {
        let header = &table.headers[c];
        table.notes.push(tr!(
            "every name in \"{header}\" is written \"Last name, First name\": printed \"First name Last name\"",
            "alla namn i \"{header}\" är skrivna \"Efternamn, Förnamn\": skrivs ut \"Förnamn Efternamn\""
        ));
        return true;
    }
    let without: Vec<usize> = filled.iter().filter(|(_, v)| !comma(v)).map(|(n, _)| *n).collect();
    let (word, list) = (table.row_word.count(with.len()), crate::problem::numbers(&with));
    let (others, other_list) = (table.row_word.count(without.len()), crate::problem::numbers(&without));
    problems.push(
        Problem::error(
            table.place(table.header_row, Some(c)),
            tr!(
                "names written two ways: {word} {list} \"Last name, First name\", {others} {other_list} otherwise",
                "namn skrivna på två sätt: {word} {list} \"Efternamn, Förnamn\", {others} {other_list} på annat sätt"
            ),
        )
        .hint(tr!(
            "write every name the same way, \"Anna Lindqvist\" or \"Lindqvist, Anna\" (a comma only between last and first name)",
            "skriv alla namn på samma sätt, \"Anna Lindqvist\" eller \"Lindqvist, Anna\" (ett kommatecken bara mellan efternamn och förnamn)"
        )),
    );
    false
}

/// Rows under the list that sum it rather than name a person: a row that
/// says "Totalt", "Summa" or "Total" where a name goes, or a row of only
/// numbers, at the end of the list. Each is one error naming the row, and
/// is read no further.
fn sum_rows(table: &mut Table, fields: &[Field], problems: &mut Problems) {
    const SUMS: &[&str] = &["totalt", "total", "summa", "summering", "totals", "totalsumma", "summaantal"];
    let names: Vec<usize> =
        (0..fields.len()).filter(|&c| matches!(fields[c], Field::Name | Field::FirstName | Field::LastName)).collect();
    let is_sum = |row: &crate::records::Row| {
        let filled: Vec<&str> = row.cells.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        let word = filled.first().map(|v| header_key(v)).is_some_and(|k| SUMS.contains(&k.as_str()));
        let numbers = filled.len() >= 2
            && filled.iter().all(|v| v.replace([',', ' ', '%'], ".").parse::<f64>().is_ok())
            && names.iter().all(|&c| row.cells[c].trim().parse::<f64>().is_ok() || row.cells[c].trim().is_empty());
        word || numbers
    };
    let mut found = Vec::new();
    while table.rows.len() > 1 && table.rows.last().is_some_and(is_sum) {
        found.push(table.rows.pop().expect("a last row"));
    }
    for row in found.into_iter().rev() {
        let first = row.cells.iter().map(|v| v.trim()).find(|v| !v.is_empty()).unwrap_or("");
        problems.push(
            Problem::error(
                table.place(row.number, None),
                tr!(
                    "the row looks like a sum of the list (\"{first}\"), not a person",
                    "raden ser ut som en summering av listan (\"{first}\"), inte en person"
                ),
            )
            .hint(tr!(
                "delete the row from the sheet (or move the sums to a sheet of their own), and run again",
                "ta bort raden ur bladet (eller flytta summorna till ett eget blad), och kör igen"
            )),
        );
    }
}

/// Whether the columns say who attended each session, as the folder's
/// `attendance` needs: an error for a session no column records, and
/// everyone present where no list of attendance is needed.
fn attendance_columns(table: &Table, rules: &Rules, fields: &[Field], out: &mut Checked) {
    let Rules { sessions, need, .. } = *rules;
    let has = |f: &Field| fields.contains(f);
    let session_cols: Vec<usize> =
        fields.iter().filter_map(|f| if let Field::Session(i) = f { Some(*i) } else { None }).collect();
    let by_list = has(&Field::Attended) || has(&Field::Completion);
    if need == Attendance::Completion {
        completion_columns(table, fields, &mut out.problems);
    } else if need == Attendance::All {
        out.everyone_present = true;
    } else if !session_cols.is_empty() {
        for (i, s) in sessions.iter().enumerate() {
            let left_out = rules.early && s.date > rules.on;
            if !session_cols.contains(&i) && !by_list && !left_out {
                let (n, label) = (i + 1, session_label(s, i, crate::locale::messages()));
                let date = crate::locale::date(s.date, crate::locale::messages());
                out.problems.push(
                    Problem::error(
                        table.place(table.header_row, None),
                        tr!(
                            "no attendance column for session {n} ({label}, {date})",
                            "ingen närvarokolumn för tillfälle {n} ({label}, {date})"
                        ),
                    )
                    .hint(tr!(
                        "add a column headed \"Dag {n}\" or by the date ({date}), marked X for those who attended",
                        "lägg till en kolumn med rubriken \"Dag {n}\" eller datumet ({date}), med X för dem som var med"
                    )),
                );
            }
        }
    } else if let Some(c) = fields.iter().position(|f| *f == Field::AttendedCount).filter(|_| !by_list && !rules.roster)
    {
        // A count says how many, not which: a certificate, a participation
        // certificate's list and the report's figures are per session.
        let n = sessions.len();
        let header = &table.headers[c];
        out.problems.push(
            Problem::error(
                table.place(table.header_row, Some(c)),
                tr!(
                    "\"{header}\" counts the sessions each person attended, but not which of the {n}: intyg needs to know which",
                    "\"{header}\" räknar hur många tillfällen var och en var med på, men inte vilka av de {n}: intyg behöver veta vilka"
                ),
            )
            .hint(tr!(
                "add a column per session headed \"Dag 1\" … \"Dag {n}\", marked X for those who attended (the count is then checked against them)",
                "lägg till en kolumn per tillfälle med rubriken \"Dag 1\" … \"Dag {n}\", med X för dem som var med (antalet kontrolleras då mot dem)"
            )),
        );
    } else if !by_list && need == Attendance::Required && !rules.roster {
        let n = sessions.len();
        let (message, hint) = if n == 1 {
            (
                tr!(
                    "no attendance column: intyg cannot tell who of those registered came",
                    "ingen närvarokolumn: intyg kan inte avgöra vilka av de anmälda som kom"
                ),
                tr!(
                    "add a column headed \"Närvaro\", marked X for those who came (the ticks of the signing sheet); if everyone registered came, write attendance = \"all\" in intyg.toml",
                    "lägg till en kolumn med rubriken \"Närvaro\", med X för dem som kom (bockarna på närvarolistan); om alla anmälda kom, skriv attendance = \"all\" i intyg.toml"
                ),
            )
        } else {
            let dates: Vec<String> =
                sessions.iter().map(|s| crate::locale::date(s.date, crate::locale::messages())).collect();
            let dates = dates.join(", ");
            (
                tr!(
                    "no attendance columns: intyg cannot tell who attended which of the {n} sessions ({dates})",
                    "inga närvarokolumner: intyg kan inte avgöra vem som var med vid vilket av de {n} tillfällena ({dates})"
                ),
                tr!(
                    "add a column per session headed \"Dag 1\" … \"Dag {n}\" or by its date (\"8 okt\"), marked X for those who attended; if everyone registered attended, write attendance = \"all\" in intyg.toml",
                    "lägg till en kolumn per tillfälle med rubriken \"Dag 1\" … \"Dag {n}\" eller dess datum (\"8 okt\"), med X för dem som var med; om alla anmälda var med, skriv attendance = \"all\" i intyg.toml"
                ),
            )
        };
        out.problems.push(Problem::error(table.place(table.header_row, None), message).hint(hint));
    }
    if need == Attendance::All && (!session_cols.is_empty() || by_list) {
        out.problems.push(
            Problem::warning(
                table.place(table.header_row, None),
                tr!(
                    "attendance = \"all\" in intyg.toml: the attendance columns are not read",
                    "attendance = \"all\" i intyg.toml: närvarokolumnerna läses inte"
                ),
            )
            .hint(tr!(
                "remove attendance = \"all\" to issue certificates by the attendance marked",
                "ta bort attendance = \"all\" för att utfärda intyg efter den markerade närvaron"
            )),
        );
    }
}

/// Extra columns whose values look like personal identity numbers, left
/// out as a personnummer column is.
fn personnummer_columns(table: &Table, fields: &mut [Field], problems: &mut Problems) {
    for (c, f) in fields.iter_mut().enumerate() {
        if *f == Field::Extra && table.rows.iter().any(|r| looks_like_personnummer(&r.cells[c])) {
            problems.push(
                Problem::warning(
                    table.place(table.header_row, Some(c)),
                    tr!(
                        "holds what look like personal identity numbers; the column is left out",
                        "innehåller något som ser ut som personnummer; kolumnen lämnas utanför"
                    ),
                )
                .hint(no_personnummer()),
            );
            *f = Field::Personnummer;
        }
    }
}

/// Reads rows into participants: what each cell of a row says, by its
/// column's meaning, and what is counted over all rows.
struct Reading<'a> {
    table: &'a Table,
    fields: &'a [Field],
    sessions: &'a [Session],
    need: Attendance,
    everyone_present: bool,
    status_column: bool,
    date_column: bool,
    dates: Dates,
    /// The run's date: nothing is completed after it.
    on: chrono::NaiveDate,
    /// Whether the name column writes every name `Efternamn, Förnamn`.
    surname_first: bool,
    /// Whether first- and last-name columns are read beside a whole name.
    has_parts: bool,
    /// Zero-width spaces, soft hyphens and stray BOMs removed from cells.
    invisible: usize,
    /// Cells such as "anonymous" (Microsoft Forms without sign-in) or "-".
    no_addresses: usize,
}

impl Reading<'_> {
    /// The participant of `row`, and whether it holds no error.
    fn participant(&mut self, row: &mut crate::records::Row, problems: &mut Problems) -> (Participant, bool) {
        let Reading { table, fields, sessions, need, everyone_present, status_column, date_column, dates, .. } = *self;
        let mut p = Participant {
            row: row.number,
            name: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            email: String::new(),
            organisation: String::new(),
            role: String::new(),
            municipality: String::new(),
            attended: vec![everyone_present; sessions.len()],
            extra: Vec::new(),
            completed: false,
            completed_on: None,
            status: String::new(),
            score: None,
            course: String::new(),
            shares_email: false,
        };
        let mut ok = true;
        // A completion date that was there but could not be read has said so.
        let mut date_unread = false;
        // What a count column says, and where.
        let mut count: Option<(usize, usize)> = None;
        for (c, field) in fields.iter().enumerate() {
            let mut value = std::mem::take(&mut row.cells[c]);
            let at = || table.place(row.number, Some(c));
            if !matches!(
                field,
                Field::Personnummer | Field::Ignored | Field::Anonymous | Field::FormMeta | Field::Sensitive
            ) {
                let name = matches!(field, Field::Name | Field::FirstName | Field::LastName);
                match clean(&mut value, name) {
                    Ok(removed) => self.invisible += removed,
                    Err(hinted) => {
                        ok = false;
                        problems.push(hinted.at(at()));
                        continue;
                    }
                }
            }
            // The first of two columns that mean the same wins.
            let set = |slot: &mut String, value: String| {
                if slot.is_empty() {
                    *slot = value;
                }
            };
            match field {
                Field::FirstName => set(&mut p.first_name, value),
                Field::LastName => set(&mut p.last_name, value),
                Field::Name if no_address(&value) && self.has_parts => {}
                Field::Name if no_address(&value) => {
                    ok = false;
                    problems.push(
                        Problem::error(at(), tr!("\"{value}\" is no name", "\"{value}\" är inget namn")).hint(tr!(
                            "a form without sign-in writes \"anonymous\": type the person's name in, or ask for it in the form",
                            "ett formulär utan inloggning skriver \"anonymous\": skriv in personens namn, eller fråga efter det i formuläret"
                        )),
                    );
                }
                Field::Name => set(&mut p.name, value),
                Field::Email if no_address(&value) => self.no_addresses += 1,
                Field::Email => set(&mut p.email, value),
                Field::Organisation => set(&mut p.organisation, value),
                Field::Municipality => set(&mut p.municipality, value),
                Field::Role => set(&mut p.role, value),
                Field::Session(_) | Field::Attended | Field::AttendedCount | Field::Completion if everyone_present => {}
                Field::AttendedCount if value.is_empty() => {}
                Field::AttendedCount => match value.trim().parse::<usize>() {
                    Ok(n) => count = Some((n, c)),
                    Err(_) => {
                        ok = false;
                        let n = sessions.len();
                        problems.push(
                            Problem::error(
                                at(),
                                tr!("\"{value}\" is not a number of sessions", "\"{value}\" är inget antal tillfällen"),
                            )
                            .hint(tr!(
                                "write how many of the {n} sessions the person attended, 0 to {n}",
                                "skriv hur många av de {n} tillfällena personen var med på, 0 till {n}"
                            )),
                        );
                    }
                },
                Field::Completion => match completed(&value) {
                    Some(done) => {
                        p.attended.iter_mut().for_each(|a| *a |= done);
                        p.completed = done;
                        p.status = value;
                    }
                    None => {
                        ok = false;
                        problems.push(
                        Problem::error(
                            at(),
                            tr!("unknown completion status \"{value}\"", "okänd status \"{value}\""),
                        )
                        .hint(tr!(
                            "write Slutförd (or Completed) for those who completed the course, Påbörjad (or In progress) or nothing for the others; if the column says something else (a registration's status), give it another header",
                            "skriv Slutförd (eller Completed) för dem som har slutfört kursen, Påbörjad (eller In progress) eller inget för de andra; om kolumnen säger något annat (en anmälans status), ge den en annan rubrik"
                        )),
                    );
                    }
                },
                Field::Session(i) => match mark(&value) {
                    Some(m) => p.attended[*i] = p.attended[*i] || m,
                    None => {
                        ok = false;
                        problems.push(
                            Problem::error(
                                at(),
                                tr!("unknown attendance mark \"{value}\"", "okänd närvaromarkering \"{value}\""),
                            )
                            .hint(tr!(
                                "mark attendance with X (or Ja, 1); leave the cell empty (or Nej, 0) for absence",
                                "markera närvaro med X (eller Ja, 1); lämna cellen tom (eller Nej, 0) vid frånvaro"
                            )),
                        );
                    }
                },
                // One session: a Närvaro column marked X, as the door's
                // signing sheet is transcribed.
                Field::Attended if sessions.len() == 1 && mark(&value).is_some() => {
                    p.attended[0] |= mark(&value) == Some(true);
                }
                Field::Attended => {
                    for item in value.split(['|', ',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
                        let index = item
                            .parse::<usize>()
                            .ok()
                            .filter(|n| *n >= 1 && *n <= sessions.len())
                            .map(|n| n - 1)
                            .or_else(|| {
                                sessions.iter().position(|s| {
                                    header_key(&s.title) == header_key(item) || s.date.to_string() == item
                                })
                            });
                        match index {
                            Some(i) => p.attended[i] = true,
                            None => {
                                ok = false;
                                let count = sessions.len();
                                problems.push(
                                    Problem::error(
                                        at(),
                                        tr!(
                                            "\"{item}\" is not a session of the programme",
                                            "\"{item}\" är inte ett av programmets tillfällen"
                                        ),
                                    )
                                    .hint(tr!(
                                        "list attended sessions by number, 1 to {count}, separated by |",
                                        "ange tillfällena med nummer, 1 till {count}, åtskilda av |"
                                    )),
                                );
                            }
                        }
                    }
                }
                Field::Personnummer | Field::Ignored | Field::Anonymous | Field::FormMeta | Field::Sensitive => {}
                Field::Extra => p.extra.push((table.headers[c].clone(), value)),
                Field::CompletionDate if value.is_empty() => {}
                Field::CompletionDate => match completion_date(&value, &dates) {
                    Ok(d) if d > self.on => {
                        ok = false;
                        date_unread = true;
                        let (day, on) = (
                            crate::locale::date(d, crate::locale::messages()),
                            crate::locale::date(self.on, crate::locale::messages()),
                        );
                        problems.push(
                            Problem::error(
                                at(),
                                tr!(
                                    "completed on {day}, after the run date ({on})",
                                    "slutförd {day}, efter körningens datum ({on})"
                                ),
                            )
                            .hint(tr!(
                                "check the date in the export, and the computer's date; a certificate is never dated after the day it is issued",
                                "kontrollera datumet i exporten, och datorns datum; ett intyg dateras aldrig efter den dag det utfärdas"
                            )),
                        );
                    }
                    Ok(d) => p.completed_on = Some(d),
                    Err(hinted) => {
                        ok = false;
                        date_unread = true;
                        problems.push(hinted.at(at()));
                    }
                },
                Field::Score if value.is_empty() => {}
                Field::Score => match score(&value) {
                    Some(x) => p.score = Some(x),
                    None => {
                        ok = false;
                        problems.push(
                            Problem::error(at(), tr!("\"{value}\" is not a result", "\"{value}\" är inget resultat"))
                                .hint(tr!(
                                    "write the result as a number, such as 85 or 85 %",
                                    "skriv resultatet som ett tal, till exempel 85 eller 85 %"
                                )),
                        );
                    }
                },
                Field::Course => p.course = value,
            }
        }
        if let Some((n, c)) = count
            && n != p.sessions_attended()
        {
            ok = false;
            let (marked, header) = (p.sessions_attended(), &table.headers[c]);
            problems.push(
                Problem::error(
                    table.place(row.number, Some(c)),
                    tr!(
                        "\"{header}\" says {n}, but {marked} sessions are marked on the row",
                        "\"{header}\" säger {n}, men {marked} tillfällen är markerade på raden"
                    ),
                )
                .hint(tr!(
                    "correct the marks or the count so that they agree; the certificate follows the marks",
                    "rätta markeringarna eller antalet så att de stämmer; intyget följer markeringarna"
                )),
            );
        }
        if need == Attendance::Completion {
            if !status_column {
                // An export of completions only: a date is a completion.
                p.completed = p.completed_on.is_some();
            }
            if p.completed && p.completed_on.is_none() && date_column && !date_unread {
                ok = false;
                let status = &p.status;
                problems.push(
                    Problem::error(
                        table.place(row.number, fields.iter().position(|f| *f == Field::CompletionDate)),
                        tr!(
                            "\"{status}\", but no day it was completed: the certificate is dated on that day",
                            "\"{status}\", men inget datum då den slutfördes: intyget dateras den dagen"
                        ),
                    )
                    .hint(tr!(
                        "fill in the completion date (2026-03-04), or export it again from the learning platform",
                        "fyll i datumet då kursen slutfördes (2026-03-04), eller exportera igen från lärplattformen"
                    )),
                );
            }
        }
        if self.surname_first
            && let Some((last, first)) = p.name.split_once(',')
        {
            p.name = format!("{} {}", first.trim(), last.trim());
        }
        if p.name.is_empty() {
            p.name = [p.first_name.as_str(), p.last_name.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
        }
        if p.name.is_empty() {
            ok = false;
            problems.push(Problem::error(table.place(row.number, None), tr!("missing name", "namn saknas")).hint(tr!(
                "fill in the participant's name, or delete the row",
                "fyll i deltagarens namn, eller ta bort raden"
            )));
        }
        if !p.email.is_empty() && !plausible_email(&p.email) {
            let c = fields.iter().position(|f| *f == Field::Email);
            let email = &p.email;
            problems.push(
                Problem::warning(
                    table.place(row.number, c),
                    tr!("\"{email}\" is not an e-mail address", "\"{email}\" är ingen e-postadress"),
                )
                .hint(tr!("write it as name@example.se", "skriv den som namn@exempel.se")),
            );
        }
        (p, ok)
    }
}

/// Who has been read so far, to tell a second row of one person.
#[derive(Default)]
struct Seen {
    /// Each address, with the first row and name that had it.
    emails: HashMap<String, (usize, String)>,
    /// Addresses that several people share.
    shared: HashSet<String>,
    /// Name and organisation of each row, with whether it had an e-mail.
    names: HashMap<(String, String), (usize, bool)>,
}

impl Seen {
    /// Whether `p` is someone read before: an error for a duplicate (and
    /// `ok` false), a warning for two people with one address.
    fn check(&mut self, p: &Participant, reading: &Reading, ok: &mut bool, problems: &mut Problems) {
        let (table, fields) = (reading.table, reading.fields);
        let row = p.row;
        let same_address = match self.emails.entry(p.email.to_lowercase()) {
            _ if p.email.is_empty() => None,
            Entry::Occupied(e) => Some(e.get().clone()),
            Entry::Vacant(e) => {
                e.insert((row, p.name.clone()));
                None
            }
        };
        if let Some((first, first_name)) = &same_address
            && crate::locale::identity(first_name) != crate::locale::identity(&p.name)
        {
            // Two people, one mailbox: both are participants.
            self.shared.insert(p.email.to_lowercase());
            let (email, rw) = (&p.email, table.row_word);
            problems.push(
            Problem::warning(
                table.place(row, fields.iter().position(|f| *f == Field::Email)),
                tr!(
                    "{email} is also the address of {first_name} on {rw} {first}; each gets a document, and intyg send mails both to that one address",
                    "{email} är också adressen till {first_name} på {rw} {first}; var och en får ett dokument, och intyg send skickar båda till den adressen"
                ),
            )
            .hint(tr!(
                "give each person their own address if the documents are to be e-mailed to them",
                "ge var och en sin egen adress om dokumenten ska skickas till dem med e-post"
            )),
        );
        } else if let Some((first, _)) = same_address {
            {
                *ok = false;
                let (email, rw) = (&p.email, table.row_word);
                problems.push(
                    Problem::error(
                        table.place(row, fields.iter().position(|f| *f == Field::Email)),
                        tr!(
                            "duplicate participant: the e-mail address {email} is also on {rw} {first}",
                            "dubblett: e-postadressen {email} finns också på {rw} {first}"
                        ),
                    )
                    .hint(tr!(
                        "merge the two rows into one, marking every session attended",
                        "slå ihop de två raderna till en, med alla tillfällen markerade"
                    )),
                );
            }
        }
        // Two rows with one name and organisation are one person, unless
        // both have (different) e-mail addresses: a large employer has
        // namesakes.
        let name_key = (crate::locale::identity(&p.name), crate::locale::identity(&p.organisation));
        if !p.name.is_empty()
            && let Some((first, had_email)) = self.names.insert(name_key, (row, !p.email.is_empty()))
            && (!had_email || p.email.is_empty())
            && *ok
        {
            *ok = false;
            let (name, rw) = (&p.name, table.row_word);
            let org = if p.organisation.is_empty() {
                tr!("no organisation", "ingen organisation")
            } else {
                p.organisation.clone()
            };
            problems.push(
            Problem::error(
                table.place(row, None),
                tr!(
                    "duplicate participant: {name} ({org}) is also on {rw} {first}",
                    "dubblett: {name} ({org}) finns också på {rw} {first}"
                ),
            )
            .hint(tr!(
                "merge the two rows into one, marking every session attended; give namesakes their e-mail addresses",
                "slå ihop de två raderna till en, med alla tillfällen markerade; ge namnar var sin e-postadress"
            )),
        );
        }
    }
}

/// An e-learning course's records must say who completed it and when.
fn completion_columns(table: &Table, fields: &[Field], problems: &mut Problems) {
    let has = |f: &Field| fields.contains(f);
    if !has(&Field::CompletionDate) {
        let message = if has(&Field::Completion) {
            tr!(
                "no completion date column: each certificate is dated on the day its holder completed the course",
                "ingen kolumn med datum då kursen slutfördes: varje intyg dateras den dag innehavaren slutförde kursen"
            )
        } else {
            tr!(
                "the records say nothing of who completed the course, or when",
                "uppgifterna säger inget om vem som har slutfört kursen, eller när"
            )
        };
        problems.push(Problem::error(table.place(table.header_row, None), message).hint(tr!(
            "export the learning platform's Status and Slutförd (Completion date) columns too, or name them under [columns] in intyg.toml",
            "exportera också lärplattformens kolumner Status och Slutförd (datum), eller ange dem under [columns] i intyg.toml"
        )));
    }
}

/// How `table` writes its dates: day or month first, from every cell and
/// header written with slashes, read in `zone`.
pub fn file_dates(table: &Table, zone: chrono_tz::Tz) -> Dates {
    // Headers without a year (`tis 17/3`) tell the order as well.
    let headers: Vec<String> = table
        .headers
        .iter()
        .map(|h| {
            let last = h.split_whitespace().last().unwrap_or("");
            match last.split('/').collect::<Vec<_>>().as_slice() {
                [a, b] if a.parse::<u32>().is_ok() && b.parse::<u32>().is_ok() => format!("{a}/{b}/2000"),
                _ => h.clone(),
            }
        })
        .collect();
    let cells = table.rows.iter().flat_map(|r| r.cells.iter().map(String::as_str));
    Dates::of(headers.iter().map(String::as_str).chain(cells), zone)
}

/// A completion date as learning platforms export it (see [`dates`]); a
/// date that could be read two ways is refused, never guessed.
pub fn completion_date(value: &str, dates: &Dates) -> Result<chrono::NaiveDate, Hinted> {
    let hint = || {
        tr!(
            "write dates as 2026-03-04, or export them from the learning platform in that form",
            "skriv datum som 2026-03-04, eller exportera dem från lärplattformen i den formen"
        )
    };
    dates.day(value, &hint)
}

/// A result as platforms write it: `85`, `85 %`, `85,5`.
fn score(value: &str) -> Option<f64> {
    let number = |v: &str| v.trim().replace(',', ".").parse::<f64>().ok().filter(|x| x.is_finite());
    // 85/100: points of a most, as a percentage.
    if let Some((got, of)) = value.split_once('/') {
        let (got, of) = (number(got)?, number(of)?);
        return (of > 0.0).then(|| (got / of * 100.0 * 1e6).round() / 1e6);
    }
    number(value.trim().trim_end_matches('%'))
}

/// Results between 0 and 1 in a column that cannot say whether 0,85 is
/// 85 %: beside results above 1, or under a pass mark above 1 (a workbook
/// formatted as percent is read as it shows, `85 %`, and is not in doubt).
/// One error naming the rows.
fn fraction_scores(table: &Table, fields: &[Field], pass_mark: Option<f64>, problems: &mut Problems) {
    let Some(c) = fields.iter().position(|f| *f == Field::Score) else { return };
    let plain = |v: &str| !v.contains(['%', '/']);
    let mut fractions = Vec::new();
    let mut above = false;
    let mut example = String::new();
    for row in &table.rows {
        let v = row.cells[c].trim();
        match score(v) {
            Some(x) if x > 0.0 && x < 1.0 && plain(v) => {
                if example.is_empty() {
                    example = v.to_owned();
                }
                fractions.push(row.number);
            }
            Some(x) if x > 1.0 => above = true,
            _ => {}
        }
    }
    if fractions.is_empty() || !(above || pass_mark.is_some_and(|m| m > 1.0)) {
        return;
    }
    let (word, list) = (table.row_word.count(fractions.len()), crate::problem::numbers(&fractions));
    let percent =
        score(&example).map_or(String::new(), |x| crate::locale::number(x * 100.0, 1, crate::locale::messages()));
    let why = if above {
        tr!("other results in the column are above 1", "andra resultat i kolumnen är över 1")
    } else {
        let mark = crate::locale::number(pass_mark.unwrap_or(0.0), 1, crate::locale::messages());
        tr!("the pass mark is {mark}", "godkänt är {mark}")
    };
    problems.push(
        Problem::error(
            table.place(table.header_row, Some(c)),
            tr!(
                "{word} {list} hold results between 0 and 1 (\"{example}\"), but {why}: intyg cannot tell whether \"{example}\" means {percent} %",
                "{word} {list} har resultat mellan 0 och 1 (\"{example}\"), men {why}: intyg kan inte avgöra om \"{example}\" betyder {percent} %"
            ),
        )
        .hint(tr!(
            "write the results as percentages (85 or 85 %), or format the column as percent in the workbook",
            "skriv resultaten i procent (85 eller 85 %), eller formatera kolumnen som procent i arbetsboken"
        )),
    );
}

/// Warnings for what a template prints that the file has no column for:
/// `used` holds the fields each template reads (template label, fields;
/// `None` for a template that cannot be read), and `fields` the meaning of
/// each column. A certificate without the organisation the coordinator
/// expected on it is a document to redo.
pub fn unfilled(table: &Table, fields: &[Field], used: &[(String, Option<Vec<String>>)]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut warned: Vec<String> = Vec::new();
    for (template, paths) in used {
        for path in paths.iter().flatten() {
            let Some(field) = path.strip_prefix("participant.") else { continue };
            let (missing, what) = match field {
                "organisation" => (!fields.contains(&Field::Organisation), tr!("the organisation", "organisationen")),
                "role" => (!fields.contains(&Field::Role), tr!("the role", "rollen")),
                "municipality" => (
                    !fields.contains(&Field::Municipality),
                    tr!("the municipality or region", "kommunen eller regionen"),
                ),
                _ => match field.strip_prefix("extra.") {
                    Some(header) => (
                        !table.headers.iter().zip(fields).any(|(h, f)| *f == Field::Extra && h.trim() == header),
                        format!("\"{header}\""),
                    ),
                    None => continue,
                },
            };
            if !missing || warned.contains(&what) {
                continue;
            }
            out.push(
                Problem::warning(
                    table.place(table.header_row, None),
                    tr!(
                        "the template {template} prints {what}, which the file has no column for: it will be missing from every document",
                        "mallen {template} skriver ut {what}, som filen saknar kolumn för: det kommer att saknas på varje dokument"
                    ),
                )
                .hint(tr!(
                    "add the column to the sheet (intyg templates lists what each template prints), or go on if the documents should be without it",
                    "lägg till kolumnen i arket (intyg templates visar vad varje mall skriver ut), eller fortsätt om dokumenten ska vara utan det"
                )),
            );
            warned.push(what);
        }
    }
    out
}

/// The headers of each part of a name, for "did you mean" on a column
/// intyg did not recognise: `(field, key in [columns], headers)`.
const NAME_PARTS: [(Field, &str, &[&str]); 3] = [
    (Field::FirstName, "first_name", &["Förnamn", "First name"]),
    (Field::LastName, "last_name", &["Efternamn", "Last name", "Surname"]),
    (Field::Name, "name", &["Namn", "Name", "Deltagare"]),
];

/// Problems with the name columns: none at all; a first name without a
/// last name (or the reverse), which would put half a name on every
/// document; and an unrecognised column that looks like a misspelt name
/// header, which is an error when its part is missing and a warning when
/// the name is complete without it.
fn incomplete_name(table: &Table, fields: &[Field]) -> Vec<Problem> {
    let has = |f: &Field| fields.contains(f);
    let complete = has(&Field::Name) || (has(&Field::FirstName) && has(&Field::LastName));
    let header = |f: &Field| fields.iter().position(|g| g == f).map(|c| table.headers[c].as_str());
    let mut out = Vec::new();
    let mut explained = false;
    for (c, field) in fields.iter().enumerate() {
        if *field != Field::Extra || table.mapped.get(c).is_some_and(Option::is_some) {
            continue;
        }
        let h = &table.headers[c];
        let Some((part, key, near)) = NAME_PARTS
            .iter()
            .find_map(|(f, k, names)| crate::suggest::closest(h, names.iter().copied()).map(|n| (f, *k, n)))
        else {
            continue;
        };
        // The missing part is this column's, not a last name beside a
        // first name that a misspelt "Namn" would not complete.
        let fills_gap = !(has(part) || part == &Field::Name && has(&Field::FirstName));
        let needed = !complete && fills_gap;
        let message = tr!(
            "the column \"{h}\" is not read as a name – did you mean \"{near}\"?",
            "kolumnen \"{h}\" läses inte som namn – menade du \"{near}\"?"
        );
        let hint = tr!(
            "rename the header to \"{near}\", or map it in intyg.toml: [columns] {key} = \"{h}\"",
            "döp om rubriken till \"{near}\", eller koppla den i intyg.toml: [columns] {key} = \"{h}\""
        );
        let place = table.place(table.header_row, Some(c));
        out.push(if needed { Problem::error(place, message) } else { Problem::warning(place, message) }.hint(hint));
        explained |= needed;
    }
    if complete || explained {
        return out;
    }
    let place = table.place(table.header_row, None);
    out.push(match (header(&Field::FirstName), header(&Field::LastName)) {
        (Some(first), None) => Problem::error(
            place,
            tr!(
                "a first-name column (\"{first}\") but no last-name column: every document would carry the first name alone",
                "en kolumn med förnamn (\"{first}\") men ingen med efternamn: varje dokument skulle bara visa förnamnet"
            ),
        )
        .hint(tr!(
            "add a column \"Efternamn\"; if \"{first}\" holds whole names, map it in intyg.toml: [columns] name = \"{first}\"",
            "lägg till en kolumn \"Efternamn\"; om \"{first}\" har hela namn, koppla den i intyg.toml: [columns] name = \"{first}\""
        )),
        (None, Some(last)) => Problem::error(
            place,
            tr!(
                "a last-name column (\"{last}\") but no first-name column: every document would carry the last name alone",
                "en kolumn med efternamn (\"{last}\") men ingen med förnamn: varje dokument skulle bara visa efternamnet"
            ),
        )
        .hint(tr!(
            "add a column \"Förnamn\"; if \"{last}\" holds whole names, map it in intyg.toml: [columns] name = \"{last}\"",
            "lägg till en kolumn \"Förnamn\"; om \"{last}\" har hela namn, koppla den i intyg.toml: [columns] name = \"{last}\""
        )),
        _ => {
            let headers = table.headers.join(", ");
            Problem::error(place, tr!("no name column", "ingen kolumn med namn")).hint(tr!(
                "name a column \"Namn\" (or \"Förnamn\" and \"Efternamn\"), or map yours in intyg.toml: [columns] name = \"…\"; the headers are: {headers}",
                "ge en kolumn rubriken \"Namn\" (eller \"Förnamn\" och \"Efternamn\"), eller koppla din i intyg.toml: [columns] name = \"…\"; rubrikerna är: {headers}"
            ))
        }
    });
    out
}

/// Warnings for columns left empty on a few rows but filled on most (at
/// least four in five of five or more rows): a likely slip, where a column
/// empty on many rows is more likely left empty on purpose.
pub fn mostly_filled(table: &Table, columns: impl Iterator<Item = usize>) -> Vec<Problem> {
    let rows = table.rows.len();
    let mut out = Vec::new();
    if rows < 5 {
        return out;
    }
    for c in columns {
        let empty: Vec<usize> = table
            .rows
            .iter()
            .filter(|r| r.cells.get(c).is_none_or(|v| v.trim().is_empty()))
            .map(|r| r.number)
            .collect();
        if empty.is_empty() || empty.len() * 5 > rows {
            continue;
        }
        let word = table.row_word.count(empty.len());
        let (list, filled) = (crate::problem::numbers(&empty), rows - empty.len());
        out.push(
            Problem::warning(
                table.place(table.header_row, Some(c)),
                tr!(
                    "empty on {word} {list} but filled on the other {filled}",
                    "tom på {word} {list} men ifylld på övriga {filled}"
                ),
            )
            .hint(tr!(
                "fill in the missing values, or leave the column empty for everyone if it is not needed",
                "fyll i de värden som saknas, eller lämna kolumnen tom för alla om den inte behövs"
            )),
        );
    }
    out
}

/// The hint for a column of personal identity numbers.
pub fn no_personnummer() -> String {
    tr!(
        "personnummer have no place on a certificate: delete the column before sharing the file",
        "personnummer hör inte hemma på ett intyg: ta bort kolumnen innan filen delas"
    )
}

/// Whether a header is a date in any form people type one (`2019-10-10`,
/// `10/10`, `tis 10 okt`).
fn is_date_header(h: &str) -> bool {
    crate::locale::typed::day_month(h).is_some()
}

/// A session's label: its title, or "Dag N" / "Day N" in `lang`.
pub fn session_label(s: &Session, index: usize, lang: crate::locale::Lang) -> String {
    if s.title.is_empty() {
        crate::locale::words::phrase(lang, "day_n", &[("n", &(index + 1).to_string())])
    } else {
        s.title.clone()
    }
}

/// Whether an e-mail cell says there is no address: Microsoft Forms writes
/// `anonymous` when the form does not ask people to sign in, and people
/// type a dash or "saknas".
fn no_address(s: &str) -> bool {
    let s = s.trim().to_lowercase();
    matches!(s.as_str(), "anonymous" | "anonym" | "-" | "–" | "—" | "n/a" | "saknas" | "ingen" | "none" | "inget" | "?")
}

fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !s.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// The characters of `text` that `covered` says no font has, each once.
pub fn missing_glyphs(text: &str, covered: &dyn Fn(char) -> bool) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if !c.is_whitespace() && !c.is_control() && !is_invisible(c) && !covered(c) && !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Why `value`, a name printed on one line (an organisation's, its
/// contact's), cannot be printed as written: a line break, a separator, a
/// tab or a control character, as [`clean`] refuses them in a person's.
pub(crate) fn unprintable_name(value: &str) -> Option<Hinted> {
    clean(&mut value.to_owned(), true).err()
}

/// Unicode's line separator (U+2028): a line break a word processor or a
/// web form pastes, which no font draws as a space.
const LINE_SEPARATOR: char = '\u{2028}';
/// Unicode's paragraph separator (U+2029).
const PARAGRAPH_SEPARATOR: char = '\u{2029}';

/// Makes a cell's text fit to print: removes characters that are never
/// drawn and change nothing (zero-width space, soft hyphen, a BOM inside a
/// cell) and returns how many; refuses control characters, the replacement
/// character a lossy conversion leaves (U+FFFD), and line breaks in a
/// name, all of which would print wrong or stop the PDF export: the error
/// is a message and a hint.
fn clean(value: &mut String, name: bool) -> Result<usize, Hinted> {
    if let Some(c) = value.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || c == '\u{fffd}'
            || (name && matches!(c, '\t' | '\n' | '\r' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR))
    }) {
        let code = format!("U+{:04X}", c as u32);
        let message = match c {
            '\u{fffd}' => tr!(
                "the cell holds �, which stands for a character lost when the file was converted",
                "cellen innehåller �, som står för ett tecken som gick förlorat när filen konverterades"
            ),
            '\n' | '\r' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR => {
                tr!("the name holds a line break", "namnet innehåller en radbrytning")
            }
            '\t' => tr!("the name holds a tab", "namnet innehåller ett tabbtecken"),
            _ => tr!("the cell holds a control character ({code})", "cellen innehåller ett styrtecken ({code})"),
        };
        let hint = match c {
            '\u{fffd}' => tr!(
                "type the name in again as it should be spelt, and save the sheet as \"CSV UTF-8\"",
                "skriv in namnet igen som det ska stavas, och spara bladet som \"CSV UTF-8\""
            ),
            '\n' | '\r' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR => tr!(
                "write the name on one line (in Excel, a line break inside a cell is Alt+Enter)",
                "skriv namnet på en rad (i Excel är en radbrytning i en cell Alt+Enter)"
            ),
            '\t' => tr!(
                "type the name in again with spaces between its parts; a tab does not print as a space",
                "skriv in namnet igen med mellanslag mellan delarna; ett tabbtecken skrivs inte ut som ett mellanslag"
            ),
            _ => tr!(
                "type the cell's text in again; the character is invisible and cannot be printed",
                "skriv in cellens text igen; tecknet syns inte och kan inte skrivas ut"
            ),
        };
        return Err(Hinted::new(message, hint));
    }
    // Counted only where there is something to remove: this runs on every cell.
    let removed = value.chars().filter(|&c| removable(c)).count();
    if removed > 0 {
        value.retain(|c| !removable(c));
    }
    // One form for one name, whatever program saved it: the same letters
    // print the same and are the same person in the register.
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(value.chars()) != IsNormalized::Yes {
        *value = value.nfc().collect();
    }
    Ok(removed)
}

/// Characters removed from cells: never drawn and meaning nothing in a name
/// or an organisation. Zero-width joiners are kept: emoji and some scripts
/// need them.
fn removable(c: char) -> bool {
    is_invisible(c) && !matches!(c, '\u{200c}'..='\u{200f}')
}

/// Format characters that are never drawn (zero-width joiners, soft hyphen, BOM).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_as_platforms_write_them() {
        assert_eq!(score("85,5 %"), Some(85.5));
        assert_eq!(score("godkänd"), None);
        assert_eq!(score("85/100"), Some(85.0));
        assert_eq!(score("17/20"), Some(85.0));
        assert_eq!(score("3/0"), None);
    }
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn sessions(n: usize) -> Vec<Session> {
        (0..n)
            .map(|i| Session {
                date: NaiveDate::from_ymd_opt(2019, 10, 8 + i as u32).unwrap(),
                title: format!("Tema {}", i + 1),
            })
            .collect()
    }

    fn table(headers: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            path: PathBuf::from("d.csv"),
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| crate::records::Row { number: i + 2, cells: r.iter().map(|s| s.to_string()).collect() })
                .collect(),
            row_word: crate::problem::RowWord::Row,
            has_letters: true,
            encoding: Some(encoding_rs::UTF_8),
            bom: false,
            sheet: None,
            mapped: Vec::new(),
            header_row: 1,
            title_rows: 0,
            delimiter: Some(b';'),
            hidden_rows: Vec::new(),
            hidden_columns: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn swedish_and_english_headers() {
        let s = sessions(2);
        assert_eq!(classify("Förnamn", &s), Ok(Field::FirstName));
        assert_eq!(classify(" E-post ", &s), Ok(Field::Email));
        assert_eq!(classify("first_name", &s), Ok(Field::FirstName));
        assert_eq!(classify("Dag 2", &s), Ok(Field::Session(1)));
        assert_eq!(classify("day_1", &s), Ok(Field::Session(0)));
        assert_eq!(classify("tema 2", &s), Ok(Field::Session(1)));
        assert_eq!(classify("Kommun", &s), Ok(Field::Municipality));
        assert_eq!(classify("Kommun/region", &s), Ok(Field::Municipality));
        // Food and health never reach a certificate, however the form asks.
        assert_eq!(classify("Specialkost", &s), Ok(Field::Sensitive));
        assert_eq!(classify("Har du behov av specialkost eller allergier?", &s), Ok(Field::Sensitive));
        assert_eq!(classify("Dietary requirements", &s), Ok(Field::Sensitive));
        assert_eq!(classify("Tidstämpel", &s), Ok(Field::FormMeta));
        assert_eq!(classify("Kurskod", &s), Ok(Field::Extra));
        assert!(classify("Dag 5", &s).is_err());
    }

    /// A sheet of `Namn;Kommun` prints the municipality as the
    /// organisation, as it always has; beside an organisation column it is
    /// the municipality.
    #[test]
    fn municipality_is_the_organisation_only_without_one() {
        let only = participants(
            &mut table(&["Namn", "Kommun"], &[&["Ada Ek", "Umeå kommun"]]),
            &Rules::new(&sessions(1), Attendance::All),
        );
        assert_eq!(only.participants[0].organisation, "Umeå kommun");
        assert_eq!(only.participants[0].municipality, "");
        let both = participants(
            &mut table(&["Namn", "Organisation", "Kommun/region"], &[&["Ada Ek", "Socialtjänsten", "Umeå"]]),
            &Rules::new(&sessions(1), Attendance::All),
        );
        assert!(!both.problems.has_errors(), "{:?}", both.problems);
        assert_eq!(both.participants[0].organisation, "Socialtjänsten");
        assert_eq!(both.participants[0].municipality, "Umeå");
    }

    /// Every header the README lists, in both languages.
    #[test]
    fn headers_coordinators_write() {
        let s = sessions(1);
        let table = [
            (Field::FirstName, &["Förnamn", "Tilltalsnamn", "First name", "given_name"][..]),
            (Field::LastName, &["Efternamn", "Last name", "Surname", "family name"]),
            (
                Field::Name,
                &["Namn", "Fullständigt namn", "Deltagare", "Deltagarnamn", "Name", "Full name", "Participant"],
            ),
            (Field::Email, &["E-post", "E-postadress", "Mejl", "Mejladress", "Mail", "Email", "E-mail address"]),
            (
                Field::Organisation,
                &[
                    "Organisation",
                    "Förvaltning",
                    "Förvaltning/enhet",
                    "Arbetsplats",
                    "Arbetsgivare",
                    "Företag",
                    "Företag/Organisation",
                    "Myndighet",
                    "Organization",
                    "Company",
                    "Employer",
                    "Workplace",
                ],
            ),
            (Field::Municipality, &["Kommun", "Region", "Kommun/region", "Kommun eller region", "Municipality"]),
            (Field::Role, &["Roll", "Befattning", "Titel", "Yrkesroll", "Role", "Job title"]),
            (
                Field::Attended,
                &[
                    "Närvaro",
                    "Närvaro (X)",
                    "Närvarande",
                    "Deltog",
                    "Kom",
                    "Incheckad",
                    "Attendance",
                    "Attended",
                    "Present",
                    "Checked in",
                ],
            ),
            (Field::AttendedCount, &["Närvarodagar", "Antal dagar", "Antal tillfällen", "Days attended"]),
            (Field::Completion, &["Status", "Kursstatus", "Slutförandestatus", "Completion status", "Course status"]),
        ];
        for (field, headers) in table {
            for h in headers {
                assert_eq!(classify(h, &s), Ok(field.clone()), "{h}");
            }
        }
    }

    #[test]
    fn marks() {
        for m in ["X", "x", "Ja", "ja", "1", "yes", "✓"] {
            assert_eq!(mark(m), Some(true), "{m}");
        }
        for m in ["", "Nej", "0", "no"] {
            assert_eq!(mark(m), Some(false), "{m}");
        }
        assert_eq!(mark("kanske"), None);
    }

    #[test]
    fn every_bad_row_is_reported() {
        let mut t = table(
            &["Förnamn", "Efternamn", "E-post", "Dag 1", "Dag 2"],
            &[
                &["Åsa", "Ek", "asa@x.se", "x", "x"],
                &["Per", "Ek", "per@x.se", "x", "kanske"],
                &["", "", "", "x", "x"],
                &["Eva", "Ek", "ASA@x.se", "x", ""],
            ],
        );
        let c = participants(&mut t, &Rules::new(&sessions(2), Attendance::Required));
        let errors: Vec<String> = c.problems.0.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].contains("row 3, column \"Dag 2 (E)\": unknown attendance mark \"kanske\""), "{}", errors[0]);
        assert!(errors[1].contains("row 4: missing name"));
        // Eva shares Åsa's address: two people, one mailbox.
        let warnings: Vec<String> = c.problems.0.iter().filter(|p| !p.is_error()).map(|p| p.to_string()).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.contains("row 5, column \"E-post (C)\": ASA@x.se is also the address of Åsa Ek on row 2")),
            "{warnings:#?}"
        );
        let names: Vec<&str> = c.participants.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Åsa Ek", "Eva Ek"]);
        assert!(c.participants.iter().all(|p| p.shares_email));
    }

    #[test]
    fn personnummer_columns_are_dropped() {
        let mut t = table(&["Namn", "Pnr", "Övrigt"], &[&["Åsa", "19800101-0008", "811218-9876"]]);
        let c = participants(&mut t, &Rules::new(&sessions(1), Attendance::All));
        assert!(c.participants[0].extra.iter().all(|(k, _)| k != "Pnr"));
        assert_eq!(c.problems.0.iter().filter(|p| p.message.contains("personal identity")).count(), 2);
        assert!(c.participants[0].extra.is_empty());
    }

    #[test]
    fn control_characters_are_refused_and_invisible_ones_removed() {
        let mut t = table(
            &["Förnamn", "Efternamn", "Kommentar"],
            &[
                &["Åsa\u{0}", "Ek", ""],
                &["Per", "E\u{fffd}k", ""],
                &["Eva\nMaria", "Ek", "rad ett\nrad två"],
                &["Eva", "Ek\tLind", ""],
                &["Mo\u{200b}na", "Ek\u{ad}", "\u{feff}ok"],
                &["Ida\u{2028}Maria", "Ek", "rad ett\u{2028}rad två"],
                &["Ida", "Ek\u{2029}", ""],
            ],
        );
        let c = participants(&mut t, &Rules::new(&sessions(1), Attendance::All));
        let all: Vec<String> = c.problems.0.iter().map(|p| p.to_string()).collect();
        assert!(
            all[0].contains("row 2, column \"Förnamn (A)\": the cell holds a control character (U+0000)"),
            "{all:#?}"
        );
        assert!(all[1].contains("row 3, column \"Efternamn (B)\": the cell holds �"), "{all:#?}");
        assert!(all[2].contains("row 4, column \"Förnamn (A)\": the name holds a line break"), "{all:#?}");
        assert!(all[3].contains("row 5, column \"Efternamn (B)\": the name holds a tab"), "{all:#?}");
        // A line or paragraph separator, as a web form or word processor
        // pastes it, is a line break too.
        assert!(all[4].contains("row 7, column \"Förnamn (A)\": the name holds a line break"), "{all:#?}");
        assert!(all[5].contains("row 8, column \"Efternamn (B)\": the name holds a line break"), "{all:#?}");
        assert!(all[6].contains("3 invisible characters"), "{all:#?}");
        assert_eq!(c.participants.len(), 1);
        assert_eq!(c.participants[0].name, "Mona Ek");
        assert_eq!(c.participants[0].extra[0].1, "ok");
    }

    #[test]
    fn luhn() {
        assert!(luhn_ok("8112189876"));
        assert!(!luhn_ok("8112189875"));
    }
}
