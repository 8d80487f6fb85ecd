//! Dates, date ranges and numbers as each language writes them (its way is
//! in its words table: `lang`), and the reading of dates as people type
//! them (`typed`).
//!
//! Everything a reader sees as a date or a number on a document is formatted
//! here, in Rust, and handed to the template as text, because typst's own
//! `datetime.display` knows no Swedish month names.

pub mod collate;
mod lang;
pub mod typed;
pub mod words;

use std::sync::atomic::{AtomicU8, Ordering};

use chrono::{Datelike, NaiveDate};

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
    MESSAGES.store(u8::from(lang.messages() == Lang::SV), Ordering::Relaxed);
}

/// The language messages are written in.
pub fn messages() -> Lang {
    if MESSAGES.load(Ordering::Relaxed) == 1 { Lang::SV } else { Lang::EN }
}

/// The language of messages before a programme says otherwise: Swedish when
/// the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set names it
/// (`sv_SE.UTF-8`), else English, as gettext would choose.
pub fn messages_from_env() -> Lang {
    let set = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty());
    set.map_or(Lang::EN, |v| of_locale(&v))
}

/// The language of a locale name such as `sv_SE.UTF-8`, `sv` or `C`.
fn of_locale(locale: &str) -> Lang {
    if locale.to_lowercase().starts_with("sv") { Lang::SV } else { Lang::EN }
}

pub use lang::Lang;

/// `8 oktober 2019` / `8 October 2019` / `8. lokakuuta 2019`.
pub fn date(d: NaiveDate, lang: Lang) -> String {
    let way = lang.way();
    format!("{} {} {}", way.day(d.day()), way.month(d.month()), d.year())
}

/// A count as running text writes it: in words up to twelve (`fyra`,
/// `four`; Swedish in the neuter, as `ett tillfälle`), in figures above,
/// as the language's table `few` lists them.
pub fn few(n: usize, lang: Lang) -> String {
    lang.way().few.get(n).map_or_else(|| number(n as f64, 0, lang), Clone::clone)
}

/// A time of day: `9.00` / `09:00`.
pub fn time(t: chrono::NaiveTime, lang: Lang) -> String {
    t.format(&lang.way().time).to_string()
}

/// `oktober 2026` / `October 2026` / `lokakuu 2026`: the month of `d`.
pub fn month(d: NaiveDate, lang: Lang) -> String {
    format!("{} {}", lang.way().month_alone(d.month()), d.year())
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
    let and = format!(" {} ", lang.way().and);
    text.split(and.as_str())
        .map(|part| part.split(", ").map(|d| d.replace(' ', "\u{a0}")).collect::<Vec<_>>().join(", "))
        .collect::<Vec<_>>()
        .join(&and)
}

/// Joins items as a reader writes a list: `a, b och c` / `a, b and c`.
pub fn join_list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {} {}", init.join(", "), lang.way().and, last),
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
    let way = lang.way();
    let day = |d: NaiveDate| way.day(d.day());
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
                format!(" {}", way.month(d.month()))
            } else {
                format!(" {} {}", way.month(d.month()), d.year())
            }
        };
        let text = if a == b {
            format!("{}{}", day(a), tail(a))
        } else if a.year() != b.year() {
            format!("{} {} {}–{}{}", day(a), way.month(a.month()), a.year(), day(b), tail(b))
        } else if a.month() != b.month() {
            format!("{} {}–{}{}", day(a), way.month(a.month()), day(b), tail(b))
        } else {
            format!("{}–{}{}", day(a), day(b), tail(b))
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
/// no-break space before the sign, as Swedish and Finnish write it) /
/// `76.9%`.
pub fn percent(part: f64, whole: f64, lang: Lang) -> String {
    let share = if whole == 0.0 { 0.0 } else { 100.0 * part / whole };
    per_cent(&fixed(share, 1, lang), lang)
}

/// A number already written (`90`, `76,9`) with the per cent sign as the
/// language sets it: `90 %` / `90%`.
pub fn per_cent(number: &str, lang: Lang) -> String {
    lang.way().percent.replace("{n}", number)
}

/// Formats a number the way the language writes it: `7,5` / `7.5`, `71 263`
/// with a (no-break) space for thousands in Swedish and a comma in English.
/// Whole numbers get no decimals.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let text = if value.fract() == 0.0 { format!("{value:.0}") } else { format!("{:.*}", decimals.max(1), value) };
    localize(&text, lang)
}

/// Groups thousands and sets the decimal point of a plain `-1234.5` as the
/// language's table says: Swedish typography writes a narrow no-break
/// space between thousands (`4 051`) and a minus as long as a plus
/// (`–0,6`, not a hyphen). That minus is the en dash, the stand-in Swedish
/// typesetting uses where a font has no U+2212, as the bundled Noto fonts
/// have not.
fn localize(text: &str, lang: Lang) -> String {
    let way = lang.way();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (way.minus.as_str(), rest),
        None => ("", text),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let (group, point) = (way.thousands.as_str(), way.decimal_point.as_str());
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}{point}{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Text as a person reads it, for telling whether two are the same: NFC
/// (macOS writes `Å` as `A` and a ring), whitespace collapsed, lower case.
pub fn identity(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether two texts print the same: equal in NFC with whitespace
/// collapsed (case counts: it shows).
pub fn same_text(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let norm = |s: &str| s.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
    a == b || norm(a) == norm(b)
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
        assert_eq!(date_set(&dates, Lang::SV), "8–9 oktober och 11–12 december 2019");
        assert_eq!(date_set(&dates, Lang::EN), "8–9 October and 11–12 December 2019");
    }

    #[test]
    fn single_day_and_unsorted_input() {
        assert_eq!(date_set(&[d(2019, 10, 8)], Lang::SV), "8 oktober 2019");
        let dates = [d(2019, 10, 10), d(2019, 10, 8)];
        assert_eq!(date_set(&dates, Lang::SV), "8 och 10 oktober 2019");
    }

    #[test]
    fn run_across_months_and_years() {
        let dates = [d(2019, 9, 30), d(2019, 10, 1)];
        assert_eq!(date_set(&dates, Lang::SV), "30 september–1 oktober 2019");
        let dates = [d(2019, 12, 31), d(2020, 1, 1)];
        assert_eq!(date_set(&dates, Lang::SV), "31 december 2019–1 januari 2020");
        let dates = [d(2019, 12, 30), d(2019, 12, 31), d(2020, 1, 3)];
        assert_eq!(date_set(&dates, Lang::EN), "30–31 December 2019 and 3 January 2020");
    }

    #[test]
    fn three_items_use_commas() {
        let dates = [d(2026, 2, 3), d(2026, 3, 3), d(2026, 4, 7)];
        assert_eq!(date_set(&dates, Lang::SV), "3 februari, 3 mars och 7 april 2026");
    }

    #[test]
    fn dates_break_between_not_inside() {
        assert_eq!(
            unbroken_dates("8–9 oktober och 11–12 december 2019", Lang::SV),
            "8–9\u{a0}oktober och 11–12\u{a0}december\u{a0}2019"
        );
        assert_eq!(
            unbroken_dates("3 February, 3 March and 7 April 2026", Lang::EN),
            "3\u{a0}February, 3\u{a0}March and 7\u{a0}April\u{a0}2026"
        );
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(number(71263.0, 0, Lang::SV), "71\u{202f}263");
        assert_eq!(number(71263.0, 0, Lang::EN), "71,263");
        assert_eq!(number(7.5, 1, Lang::SV), "7,5");
        assert_eq!(number(76.92, 1, Lang::EN), "76.9");
        assert_eq!(number(28.0, 0, Lang::SV), "28");
        assert_eq!(number(-1234.5, 1, Lang::SV), "\u{2013}1\u{202f}234,5");
        assert_eq!(number(-0.6, 1, Lang::EN), "-0.6");
        assert_eq!(percent(1000.0, 1300.0, Lang::SV), "76,9\u{a0}%");
        assert_eq!(percent(1000.0, 1300.0, Lang::EN), "76.9%");
        assert_eq!(fixed(1000.0, 1, Lang::SV), "1\u{202f}000,0");
    }

    #[test]
    fn locales_choose_the_language_of_messages() {
        assert_eq!(of_locale("sv_SE.UTF-8"), Lang::SV);
        assert_eq!(of_locale("sv_FI"), Lang::SV);
        assert_eq!(of_locale("en_GB.UTF-8"), Lang::EN);
        assert_eq!(of_locale("C.UTF-8"), Lang::EN);
        assert_eq!(of_locale("POSIX"), Lang::EN);
    }

    #[test]
    fn single_dates() {
        assert_eq!(date(d(2026, 11, 23), Lang::SV), "23 november 2026");
        assert_eq!(date(d(2026, 11, 23), Lang::EN), "23 November 2026");
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
