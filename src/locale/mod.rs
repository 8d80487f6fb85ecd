//! Swedish and English formatting of dates, date ranges and numbers, and
//! the reading of dates as people type them (`typed`).
//!
//! Everything a reader sees as a date or a number on a document is formatted
//! here, in Rust, and handed to the template as text, because typst's own
//! `datetime.display` knows no Swedish month names.

pub mod collate;
pub mod typed;
pub mod words;

use std::sync::atomic::{AtomicU8, Ordering};

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The language of messages about the user's data, set once at the start
/// of a run by its caller (the command line: `--lang`, else the folder's
/// language, else the environment's) and read wherever a message is
/// written: 0 English, 1 Swedish. Errors can arise deep in any stage, on any
/// thread, and threading a language through every one of them would make
/// each stage know about the terminal; one switch per process, like the
/// colour choice, is simpler and cannot disagree with itself.
static MESSAGES: AtomicU8 = AtomicU8::new(0);

/// Sets the language of messages from here on.
pub fn set_messages(lang: Lang) {
    MESSAGES.store(matches!(lang, Lang::Sv) as u8, Ordering::Relaxed);
}

/// The language messages are written in.
pub fn messages() -> Lang {
    if MESSAGES.load(Ordering::Relaxed) == 1 { Lang::Sv } else { Lang::En }
}

/// The language of messages before a programme says otherwise: Swedish when
/// the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set names it
/// (`sv_SE.UTF-8`), else English, as gettext would choose.
pub fn messages_from_env() -> Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty());
    set.map_or(Lang::En, |v| of_locale(&v))
}

/// The language of a locale name such as `sv_SE.UTF-8`, `sv` or `C`.
fn of_locale(locale: &str) -> Lang {
    if locale.to_lowercase().starts_with("sv") { Lang::Sv } else { Lang::En }
}

/// A language intyg writes documents in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language documents are written in.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The ISO 639-1 code, as typst's `text(lang:)` and PDF metadata want it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses `sv` or `en` (also `svenska`, `english`, any case).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_lowercase().as_str() {
            "sv" | "se" | "svenska" | "swedish" | "sv-se" => Some(Lang::Sv),
            "en" | "engelska" | "english" | "en-gb" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    fn month(self, month: u32) -> &'static str {
        const SV: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let i = (month as usize).clamp(1, 12) - 1;
        match self {
            Lang::Sv => SV[i],
            Lang::En => EN[i],
        }
    }

    fn and(self) -> &'static str {
        match self {
            Lang::Sv => "och",
            Lang::En => "and",
        }
    }
}

/// `8 oktober 2019` / `8 October 2019`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    format!("{} {} {}", d.day(), lang.month(d.month()), d.year())
}

/// A count as running text writes it: in words up to twelve (`fyra`,
/// `four`; Swedish in the neuter, as `ett tillfälle`), in figures above.
pub fn few(n: usize, lang: Lang) -> String {
    const SV: [&str; 13] =
        ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];
    const EN: [&str; 13] =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let words = match lang {
        Lang::Sv => SV,
        Lang::En => EN,
    };
    words.get(n).map_or_else(|| number(n as f64, 0, lang), |w| (*w).to_owned())
}

/// `oktober 2026` / `October 2026`: the month of `d`.
pub fn month(d: NaiveDate, lang: Lang) -> String {
    format!("{} {}", lang.month(d.month()), d.year())
}

/// From `first` to `last`: `4 september 2025–27 oktober 2026`, or one
/// date when they are the same day.
pub fn period(first: NaiveDate, last: NaiveDate, lang: Lang) -> String {
    if first == last { date(first, lang) } else { format!("{}–{}", date(first, lang), date(last, lang)) }
}

/// A text of dates (`8–9 oktober och 11–12 december 2019`) that a line
/// may break only between its dates, never inside one: no-break spaces
/// within each.
pub fn unbroken_dates(text: &str, lang: Lang) -> String {
    let and = match lang {
        Lang::Sv => " och ",
        Lang::En => " and ",
    };
    text.split(and)
        .map(|part| part.split(", ").map(|d| d.replace(' ', "\u{a0}")).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join(and)
}

/// Joins items as a reader writes a list: `a, b och c` / `a, b and c`.
pub fn join_list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {}", init.join(", "), lang.and(), last),
    }
}

/// A run of consecutive days.
#[derive(Debug, Clone, Copy)]
struct Run {
    first: NaiveDate,
    last: NaiveDate,
}

fn runs(dates: &[NaiveDate]) -> Vec<Run> {
    let mut sorted: Vec<NaiveDate> = dates.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut out: Vec<Run> = Vec::new();
    for d in sorted {
        match out.last_mut() {
            Some(run) if run.last.succ_opt() == Some(d) => run.last = d,
            _ => out.push(Run { first: d, last: d }),
        }
    }
    out
}

/// Formats a set of dates as a reader would write them, with en dashes for
/// consecutive days, the month once per month and the year once per year:
/// `8–9 oktober och 11–12 december 2019`, `30 september–1 oktober 2019`,
/// `8 och 10 oktober 2019`, `30–31 december 2019 och 2 januari 2020`.
pub fn date_set(dates: &[NaiveDate], lang: Lang) -> String {
    let runs = runs(dates);
    let mut items: Vec<String> = Vec::new();
    for (i, run) in runs.iter().enumerate() {
        let next = runs.get(i + 1);
        let (a, b) = (run.first, run.last);
        // The month (and year) may be left to the next item when it shares them.
        let same_month_as_next =
            |d: NaiveDate| next.is_some_and(|n| n.first.year() == d.year() && n.first.month() == d.month());
        let same_year_as_next = |d: NaiveDate| next.is_some_and(|n| n.first.year() == d.year());
        let tail = |d: NaiveDate| -> String {
            if same_month_as_next(d) && a.month() == b.month() && a.year() == b.year() {
                String::new()
            } else if same_year_as_next(d) {
                format!(" {}", lang.month(d.month()))
            } else {
                format!(" {} {}", lang.month(d.month()), d.year())
            }
        };
        let text = if a == b {
            format!("{}{}", a.day(), tail(a))
        } else if a.year() != b.year() {
            format!("{} {} {}–{}{}", a.day(), lang.month(a.month()), a.year(), b.day(), tail(b))
        } else if a.month() != b.month() {
            format!("{} {}–{}{}", a.day(), lang.month(a.month()), b.day(), tail(b))
        } else {
            format!("{}–{}{}", a.day(), b.day(), tail(b))
        };
        items.push(text);
    }
    join_list(&items, lang)
}

/// A number with exactly `decimals` decimals, grouped and pointed for
/// `lang`: `76,9`, `1\u{a0}000,0` / `76.9`.
pub fn fixed(value: f64, decimals: usize, lang: Lang) -> String {
    let text = format!("{value:.decimals$}");
    localize(&text, lang)
}

/// `part` of `whole` as a percentage with one decimal: `76,9 %` (a
/// no-break space before the sign, as Swedish writes it) / `76.9%`.
pub fn percent(part: f64, whole: f64, lang: Lang) -> String {
    let share = if whole == 0.0 { 0.0 } else { 100.0 * part / whole };
    match lang {
        Lang::Sv => format!("{}\u{a0}%", fixed(share, 1, lang)),
        Lang::En => format!("{}%", fixed(share, 1, lang)),
    }
}

/// Formats a number the way the language writes it: `7,5` / `7.5`, `71 263`
/// with a (no-break) space for thousands in Swedish and a comma in English.
/// Whole numbers get no decimals.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{:.*}", decimals.max(1), value) };
    localize(&text, lang)
}

/// Groups thousands and sets the decimal point of a plain `-1234.5`, as
/// Swedish typography writes it: a narrow no-break space between
/// thousands (`4 051`) and a minus as long as a plus (`–0,6`, not a
/// hyphen). The minus is the en dash, the stand-in Swedish typesetting
/// uses where a font has no U+2212, as the bundled Noto fonts have not.
fn localize(text: &str, lang: Lang) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) if lang == Lang::Sv => ("\u{2013}", rest),
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let (group, point) = match lang {
        Lang::Sv => ('\u{202f}', ','),
        Lang::En => (',', '.'),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Parses a date as people type it in Sweden and elsewhere: `2019-10-08`,
/// `20191008`, `2019/10/08`, `8/10/2019`, `8.10.2019`. The year has four
/// digits: `03/12/24` (a spreadsheet's short date) is no date, since
/// chrono would read it as the year 3 or 24.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    for format in ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format)
            && (1000..=9999).contains(&d.year())
        {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn two_meetings_in_one_year() {
        let dates = [d(2019, 10, 8), d(2019, 10, 9), d(2019, 12, 11), d(2019, 12, 12)];
        assert_eq!(date_set(&dates, Lang::Sv), "8–9 oktober och 11–12 december 2019");
        assert_eq!(date_set(&dates, Lang::En), "8–9 October and 11–12 December 2019");
    }

    #[test]
    fn single_day_and_unsorted_input() {
        assert_eq!(date_set(&[d(2019, 10, 8)], Lang::Sv), "8 oktober 2019");
        let dates = [d(2019, 10, 10), d(2019, 10, 8)];
        assert_eq!(date_set(&dates, Lang::Sv), "8 och 10 oktober 2019");
    }

    #[test]
    fn run_across_months_and_years() {
        let dates = [d(2019, 9, 30), d(2019, 10, 1)];
        assert_eq!(date_set(&dates, Lang::Sv), "30 september–1 oktober 2019");
        let dates = [d(2019, 12, 31), d(2020, 1, 1)];
        assert_eq!(date_set(&dates, Lang::Sv), "31 december 2019–1 januari 2020");
        let dates = [d(2019, 12, 30), d(2019, 12, 31), d(2020, 1, 3)];
        assert_eq!(date_set(&dates, Lang::En), "30–31 December 2019 and 3 January 2020");
    }

    #[test]
    fn three_items_use_commas() {
        let dates = [d(2026, 2, 3), d(2026, 3, 3), d(2026, 4, 7)];
        assert_eq!(date_set(&dates, Lang::Sv), "3 februari, 3 mars och 7 april 2026");
    }

    #[test]
    fn dates_break_between_not_inside() {
        assert_eq!(
            unbroken_dates("8–9 oktober och 11–12 december 2019", Lang::Sv),
            "8–9\u{a0}oktober och 11–12\u{a0}december\u{a0}2019"
        );
        assert_eq!(
            unbroken_dates("3 February, 3 March and 7 April 2026", Lang::En),
            "3\u{a0}February, 3\u{a0}March and 7\u{a0}April\u{a0}2026"
        );
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(71263.0, 0, Lang::Sv), "71\u{202f}263");
        assert_eq!(number(71263.0, 0, Lang::En), "71,263");
        assert_eq!(number(7.5, 1, Lang::Sv), "7,5");
        assert_eq!(number(76.92, 1, Lang::En), "76.9");
        assert_eq!(number(28.0, 0, Lang::Sv), "28");
        assert_eq!(number(-1234.5, 1, Lang::Sv), "\u{2013}1\u{202f}234,5");
        assert_eq!(number(-0.6, 1, Lang::En), "-0.6");
        assert_eq!(percent(1000.0, 1300.0, Lang::Sv), "76,9\u{a0}%");
        assert_eq!(percent(1000.0, 1300.0, Lang::En), "76.9%");
        assert_eq!(fixed(1000.0, 1, Lang::Sv), "1\u{202f}000,0");
    }

    #[test]
    fn locales_choose_the_language_of_messages() {
        assert_eq!(of_locale("sv_SE.UTF-8"), Lang::Sv);
        assert_eq!(of_locale("sv_FI"), Lang::Sv);
        assert_eq!(of_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(of_locale("C.UTF-8"), Lang::En);
        assert_eq!(of_locale("POSIX"), Lang::En);
    }

    #[test]
    fn single_dates() {
        assert_eq!(date(d(2026, 11, 23), Lang::Sv), "23 november 2026");
        assert_eq!(date(d(2026, 11, 23), Lang::En), "23 November 2026");
    }

    #[test]
    fn dates_in_common_forms() {
        let d = chrono::NaiveDate::from_ymd_opt(2019, 10, 8);
        assert_eq!(parse_date("2019-10-08"), d);
        assert_eq!(parse_date("8/10/2019"), d);
        assert_eq!(parse_date("2019-10-08T00:00:00"), d);
        assert_eq!(parse_date("2019-02-30"), None);
        // A short year is read as no year intyg could mean: no date at all.
        assert_eq!(parse_date("03/12/24"), None);
        assert_eq!(parse_date("24-12-03"), None);
        assert_eq!(parse_date("3.12.24"), None);
    }
}
