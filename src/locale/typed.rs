//! Dates as a coordinator types them in a column header, in Swedish or
//! English, with or without the year and the weekday: `2019-10-08`, `8/10`,
//! `8/10/2019`, `8.10`, `8 okt`, `8 oktober`, `tis 8 okt`, `tis 8/10`,
//! `8 oct`, `October 8`, `3 feb`, `17 mars`.

use chrono::{Datelike, NaiveDate};

/// A day of a month, with the year when the text gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    /// Day of the month, 1–31.
    pub day: u32,
    /// Month, 1–12.
    pub month: u32,
    /// The year, when written.
    pub year: Option<i32>,
}

impl DayMonth {
    /// Whether `date` is this day (in this year, when one is written).
    pub fn matches(&self, date: NaiveDate) -> bool {
        date.day() == self.day && date.month() == self.month && self.year.is_none_or(|y| y == date.year())
    }
}

/// Month names and their short forms, Swedish and English, lower case.
const MONTHS: [&[&str]; 12] = [
    &["januari", "january", "jan"],
    &["februari", "february", "feb"],
    &["mars", "march", "mar"],
    &["april", "apr"],
    &["maj", "may"],
    &["juni", "june", "jun"],
    &["juli", "july", "jul"],
    &["augusti", "august", "aug"],
    &["september", "sept", "sep"],
    &["oktober", "october", "okt", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// Weekday names and short forms, Swedish and English, lower case.
const WEEKDAYS: &[&str] = &[
    "måndag",
    "tisdag",
    "onsdag",
    "torsdag",
    "fredag",
    "lördag",
    "söndag",
    "mån",
    "tis",
    "ons",
    "tors",
    "tor",
    "fre",
    "lör",
    "sön",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tues",
    "tue",
    "wed",
    "thurs",
    "thur",
    "thu",
    "fri",
    "sat",
    "sun",
    "må",
    "ti",
    "on",
    "to",
    "fr",
    "lö",
    "sö",
];

/// The month a lower-case month name or short form names, 1–12.
pub fn month(word: &str) -> Option<u32> {
    MONTHS.iter().position(|names| names.contains(&word)).map(|i| i as u32 + 1)
}

/// Whether a lower-case word is a weekday's name or short form.
pub fn weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

/// Reads a date in any of the forms above; `None` for anything else,
/// including impossible dates (`30 feb`, `2019-02-30`).
pub fn day_month(text: &str) -> Option<DayMonth> {
    let lower = text.trim().to_lowercase();
    // Words and numbers; a full stop after an abbreviation or a day
    // ("8. okt", "okt.") and a comma after a weekday are not part of them.
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let mut words: Vec<&str> = words.iter().map(|w| w.trim_end_matches('.')).filter(|w| !w.is_empty()).collect();
    if words.len() > 1 && WEEKDAYS.contains(&words[0]) {
        words.remove(0);
    }
    let found = match words.as_slice() {
        [one] => numeric(one),
        // 8 okt, October 8
        [a, b] => named(a, b, None).or_else(|| named(b, a, None)),
        // 8 oktober 2019, October 8 2019
        [a, b, y] => {
            let year = y.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y))?;
            named(a, b, Some(year)).or_else(|| named(b, a, Some(year)))
        }
        _ => None,
    }?;
    // The day must exist: in the year written, or in a leap year.
    NaiveDate::from_ymd_opt(found.year.unwrap_or(2000), found.month, found.day).map(|_| found)
}

/// A day number and a month name.
fn named(day: &str, month_name: &str, year: Option<i32>) -> Option<DayMonth> {
    Some(DayMonth { day: day.parse().ok()?, month: month(month_name)?, year })
}

/// `2019-10-08`, `20191008`, `2019/10/08`, `8/10/2019`, `8.10.2019`,
/// `8/10`, `8.10`: numbers only, day before month as in Sweden.
fn numeric(text: &str) -> Option<DayMonth> {
    if let Some(d) = crate::locale::parse_date(text) {
        return Some(DayMonth { day: d.day(), month: d.month(), year: Some(d.year()) });
    }
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [d, m] if d.len() <= 2 && m.len() <= 2 => {
            Some(DayMonth { day: d.parse().ok()?, month: m.parse().ok()?, year: None })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dm(day: u32, month: u32, year: Option<i32>) -> Option<DayMonth> {
        Some(DayMonth { day, month, year })
    }

    #[test]
    fn every_form_a_swede_types() {
        let oct8 = dm(8, 10, None);
        for form in
            ["8/10", "8.10", "8 okt", "8 okt.", "8 oktober", "tis 8 okt", "tisdag 8 oktober", "tis 8/10", "Tis 8/10"]
        {
            assert_eq!(day_month(form), oct8, "{form}");
        }
        for form in ["2019-10-08", "8/10/2019", "8.10.2019", "20191008", "8 oktober 2019", "tis 8 okt 2019"] {
            assert_eq!(day_month(form), dm(8, 10, Some(2019)), "{form}");
        }
        assert_eq!(day_month("3 feb"), dm(3, 2, None));
        assert_eq!(day_month("17 mars"), dm(17, 3, None));
        assert_eq!(day_month("21 april"), dm(21, 4, None));
        assert_eq!(day_month("5 maj"), dm(5, 5, None));
    }

    #[test]
    fn english_forms() {
        assert_eq!(day_month("8 oct"), dm(8, 10, None));
        assert_eq!(day_month("October 8"), dm(8, 10, None));
        assert_eq!(day_month("Tue, 8 Oct"), dm(8, 10, None));
        assert_eq!(day_month("8 October 2019"), dm(8, 10, Some(2019)));
    }

    #[test]
    fn what_is_not_a_date() {
        for text in ["Dag 1", "Namn", "8", "30 feb", "2019-02-30", "32/1", "8/13", "mars", "E-post", "1 2 3", "Tema 2"]
        {
            assert_eq!(day_month(text), None, "{text}");
        }
    }

    #[test]
    fn matching_a_session() {
        let d = NaiveDate::from_ymd_opt(2019, 10, 8).unwrap();
        assert!(day_month("8 okt").unwrap().matches(d));
        assert!(day_month("8/10/2019").unwrap().matches(d));
        assert!(!day_month("8/10/2020").unwrap().matches(d));
        assert!(!day_month("9 okt").unwrap().matches(d));
    }
}
