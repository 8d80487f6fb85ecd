//! "How intyg read your file": the encoding, delimiter and header row of a
//! records file, and what each column was taken to mean, so that a
//! coordinator sees every guess before a document depends on it. `check`
//! prints it before the problems; `issue` prints it with `-v`, and always
//! when it guessed something a wrong guess would change the outcome of.

use std::path::PathBuf;

use serde::Serialize;

use super::Field;
use crate::project::Session;
use crate::records::{Table, column_letter};

/// How a records file was read.
#[derive(Debug, Clone, Serialize)]
pub struct Reading {
    /// The file.
    pub file: PathBuf,
    /// The sheet, for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The encoding of a text file, as the program that saved it names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The delimiter of a CSV file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// The header row, as the spreadsheet numbers it.
    pub header_row: usize,
    /// How many rows above it were taken as titles.
    pub title_rows: usize,
    /// What each column was taken to mean (course folders; a diploma
    /// folder's columns are not listed yet).
    pub columns: Vec<Column>,
    /// Whether every registered person counts as present at every session.
    pub everyone_present: bool,
    /// What intyg decided beyond the columns' meanings, one sentence each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Whether intyg decided something here that the file did not say
    /// outright: a legacy encoding, a header row below title rows, a
    /// session told by a date in a header.
    pub guessed: bool,
}

/// One column and what it was taken to mean.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    /// The header as written.
    pub header: String,
    /// The spreadsheet's letter for it (CSV and workbooks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    /// What it means, in the language of messages.
    pub meaning: String,
    /// Whether `[columns]` in intyg.toml said so.
    pub mapped: bool,
    /// Whether `[columns]` gave the field its header names to another column.
    pub displaced: bool,
    /// Whether intyg does not know the header, so that the column only
    /// reaches templates under it (a course's extra column): the app
    /// offers to map it.
    #[serde(skip)]
    pub unknown: bool,
}

impl Reading {
    /// How a course's participants were read from `table`, with `fields`
    /// the meaning of each of its columns.
    pub fn course(table: &Table, fields: &[Field], sessions: &[Session], everyone_present: bool) -> Reading {
        let lang = crate::locale::messages();
        let by_date = fields
            .iter()
            .zip(&table.headers)
            .any(|(f, header)| matches!(f, Field::Session(_)) && crate::locale::typed::day_month(header).is_some());
        let meanings = fields.iter().map(|f| meaning(f, sessions, lang)).collect();
        let mut reading = Reading::new(table, meanings, by_date, everyone_present);
        for (column, field) in reading.columns.iter_mut().zip(fields) {
            column.unknown = *field == Field::Extra;
        }
        reading
    }

    /// How `table` was read, with `meanings` what each of its columns was
    /// taken to mean; `by_date` when a date in a header told a session.
    pub fn new(table: &Table, meanings: Vec<String>, by_date: bool, everyone_present: bool) -> Reading {
        let encoding = table.encoding.map(|e| crate::records::decode::describe(e, table.bom));
        let legacy = table.encoding.is_some_and(|e| !matches!(e.name(), "UTF-8" | "UTF-16LE" | "UTF-16BE"));
        let columns = table
            .headers
            .iter()
            .zip(meanings)
            .enumerate()
            .map(|(c, (header, meaning))| Column {
                header: header.clone(),
                letter: table.has_letters.then(|| column_letter(c)),
                meaning: if table.unused(c) {
                    tr!("not used (so chosen)", "används inte (så valt)")
                } else {
                    meaning
                },
                mapped: table.mapped.get(c).and_then(Option::as_ref).is_some_and(|m| !m.is_empty()) && !table.unused(c),
                displaced: table.mapped.get(c).and_then(Option::as_ref).is_some_and(String::is_empty),
                unknown: false,
            })
            .collect();
        Reading {
            file: table.path.clone(),
            sheet: table.sheet.clone(),
            encoding,
            delimiter: table.delimiter.map(crate::records::delimiter_name),
            header_row: table.header_row,
            title_rows: table.title_rows,
            columns,
            everyone_present,
            notes: table.notes.clone(),
            guessed: legacy || table.title_rows > 0 || by_date || !table.notes.is_empty(),
        }
    }

    /// How the file was read, in one line: sheet, encoding, delimiter and
    /// header row (`kodning Windows-1252 (…); celler avgränsade med …`).
    pub fn how(&self) -> String {
        let mut how = Vec::new();
        if let Some(sheet) = &self.sheet {
            how.push(tr!("sheet \"{sheet}\"", "bladet \"{sheet}\""));
        }
        if let Some(e) = &self.encoding {
            how.push(tr!("encoding {e}", "kodning {e}"));
        }
        if let Some(d) = &self.delimiter {
            how.push(tr!("cells separated by {d}", "celler avgränsade med {d}"));
        }
        let row = self.header_row;
        how.push(match self.title_rows {
            0 => tr!("headers on row {row}", "rubriker på rad {row}"),
            n => tr!(
                "headers on row {row} ({n} title rows above it left out; --header-row N names another)",
                "rubriker på rad {row} ({n} titelrader ovanför lämnas utanför; --header-row N anger en annan)"
            ),
        });
        how.join("; ")
    }

    /// The report as lines for a terminal.
    pub fn lines(&self) -> Vec<String> {
        let file = self.file.display();
        let mut out = vec![tr!("How intyg read {file}:", "Så läste intyg {file}:")];
        out.push(format!("  {}", self.how()));
        let width = self.columns.iter().map(|c| c.header.chars().count()).max().unwrap_or(0).min(30);
        for c in &self.columns {
            let letter = c.letter.as_deref().map_or(String::new(), |l| format!("{l:>3}  "));
            let header = if c.header.is_empty() { tr!("(no header)", "(ingen rubrik)") } else { c.header.clone() };
            let pad = width.saturating_sub(header.chars().count());
            let mapped = if c.mapped {
                tr!(" ([columns] in intyg.toml)", " ([columns] i intyg.toml)")
            } else if c.displaced {
                tr!(
                    " ([columns] in intyg.toml names another column for its field)",
                    " ([columns] i intyg.toml anger en annan kolumn för dess fält)"
                )
            } else {
                String::new()
            };
            out.push(format!("  {letter}{header}{} → {}{mapped}", " ".repeat(pad), c.meaning));
        }
        if self.everyone_present {
            out.push(tr!(
                "  no attendance is read (attendance = \"all\" in intyg.toml): every registered person counts as present",
                "  ingen närvaro läses (attendance = \"all\" i intyg.toml): alla anmälda räknas som närvarande"
            ));
        }
        out.extend(self.notes.iter().map(|n| format!("  {n}")));
        out
    }
}

/// What a field means, for a person.
pub fn meaning(field: &Field, sessions: &[Session], lang: crate::locale::Lang) -> String {
    match field {
        Field::FirstName => tr!("first name", "förnamn"),
        Field::LastName => tr!("last name", "efternamn"),
        Field::Name => tr!("name", "namn"),
        Field::Email => tr!("e-mail", "e-post"),
        Field::Organisation => tr!("organisation", "organisation"),
        Field::Municipality => tr!("municipality or region", "kommun eller region"),
        Field::Role => tr!("role", "roll"),
        Field::Session(i) => {
            let n = i + 1;
            let date = sessions.get(*i).map_or(String::new(), |s| crate::locale::date(s.date, lang));
            tr!("attendance, session {n} ({date})", "närvaro, tillfälle {n} ({date})")
        }
        Field::Attended if sessions.len() == 1 => {
            tr!("attendance (X for those who came)", "närvaro (X för dem som kom)")
        }
        Field::Attended => tr!("attendance, a list of sessions", "närvaro, en lista med tillfällen"),
        Field::AttendedCount => {
            tr!("how many sessions (checked against the marks)", "antal tillfällen (kontrolleras mot markeringarna)")
        }
        Field::Completion => tr!(
            "completion (Slutförd: every session; anything else: none)",
            "slutförande (Slutförd: alla tillfällen; annat: inget)"
        ),
        Field::CompletionDate => tr!("the day the course was completed", "datum då kursen slutfördes"),
        Field::Score => tr!("result", "resultat"),
        Field::Course => tr!("the course (must be this folder's)", "kursen (måste vara mappens)"),
        Field::Personnummer => tr!("not used (personal identity numbers)", "används inte (personnummer)"),
        Field::Ignored => tr!("not used (no header)", "används inte (ingen rubrik)"),
        Field::FormMeta => tr!("not used (the form's own column)", "används inte (formulärets egen kolumn)"),
        Field::Sensitive => tr!(
            "not used (food and health have no place on a certificate)",
            "används inte (kost och hälsa hör inte hemma på ett intyg)"
        ),
        Field::Anonymous => {
            tr!("not used (every cell says \"anonymous\")", "används inte (alla celler säger \"anonymous\")")
        }
        Field::Extra => tr!(
            "not on the certificates (a template of your own can show it)",
            "står inte på intygen (en egen mall kan visa den)"
        ),
    }
}
