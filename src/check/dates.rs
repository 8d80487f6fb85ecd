//! Dates in records cells, as the programs that write records write them:
//! `2026-03-04`, a date and time with or without an offset
//! (`2026-01-01T23:30:00Z`, a learning platform's UTC), Unix seconds
//! (Moodle's `timecompleted`), `4.3.2026`, `4/3/2026` where the file's
//! other dates tell which number is the day, and the long forms learning
//! platforms show (`onsdag, 4 mars 2026, 14:22`, `March 4, 2026 2:22 PM`).
//!
//! A time with an offset is a moment: its day is the day it was in the
//! folder's time zone, not in UTC. A time without one is the local time the
//! platform showed, and its day is the day written. A date that could be
//! read two ways is refused, never guessed.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;

use crate::problem::Hinted;

/// The time zone dates are read in where intyg.toml names none.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::Stockholm;

/// How a file's dates written with slashes order day and month:
/// `4/3/2026` is 4 March in Sweden and 3 April in the United States.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashOrder {
    /// Some date has a first number above 12: day first.
    DayFirst,
    /// Some date has a second number above 12: month first.
    MonthFirst,
    /// No date tells.
    Unknown,
}

/// How the dates of one file are read: the order of its slashed dates and
/// the time zone whose day a moment falls on.
#[derive(Debug, Clone, Copy)]
pub struct Dates {
    /// What the file's slashed dates say of day and month.
    pub order: SlashOrder,
    /// The folder's time zone.
    pub zone: Tz,
}

impl Dates {
    /// Dates read in `zone`, in the order `values` (a file's cells and
    /// headers) show.
    pub fn of<'a>(values: impl Iterator<Item = &'a str>, zone: Tz) -> Dates {
        Dates { order: slash_order(values), zone }
    }

    /// The day `value` names, in the folder's time zone; refused with
    /// `hint` when it is no date or could be two.
    pub fn day(&self, value: &str, hint: &dyn Fn() -> String) -> Result<NaiveDate, Hinted> {
        let v = value.trim();
        let not_a_date = || Hinted::new(tr!("\"{v}\" is not a date", "\"{v}\" är inget datum"), hint());
        if let Some((a, b, y)) = slashed(v) {
            let (day, month) = match self.order {
                SlashOrder::DayFirst => (a, b),
                SlashOrder::MonthFirst => (b, a),
                SlashOrder::Unknown if a == b || a > 12 || b > 12 => {
                    if a > 12 {
                        (a, b)
                    } else {
                        (b, a)
                    }
                }
                SlashOrder::Unknown => {
                    return Err(Hinted::new(
                        tr!(
                            "\"{v}\" could be {a}/{b} or {b}/{a} (day/month): no date in the file tells which",
                            "\"{v}\" kan vara {a}/{b} eller {b}/{a} (dag/månad): inget datum i filen avgör vilket"
                        ),
                        hint(),
                    ));
                }
            };
            let date = NaiveDate::from_ymd_opt(y, month, day).ok_or_else(not_a_date)?;
            // The time after it must be a time, as in every other form.
            let rest = v.split_once([' ', 'T']).map_or("", |(_, r)| r);
            return if rest.trim().is_empty() || clock(rest.trim()).is_some() { Ok(date) } else { Err(not_a_date()) };
        }
        match moment(v) {
            Some(Moment::Day(d)) => Ok(d),
            Some(Moment::Instant(t)) => Ok(t.with_timezone(&self.zone).date_naive()),
            None => Err(not_a_date()),
        }
    }
}

/// What a cell says of when: a day (with or without the local time the
/// platform showed), or a moment with an offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A day, written with or without a local time.
    Day(NaiveDate),
    /// A moment with an offset (`Z`, `+00:00`) or Unix seconds.
    Instant(DateTime<FixedOffset>),
}

/// The day and month numbers of a date written `A/B/YYYY`, with or without
/// a time after it.
pub fn slashed(value: &str) -> Option<(u32, u32, i32)> {
    let date = value.trim().split([' ', 'T']).next()?;
    let mut parts = date.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && y.len() == 4 && a.len() <= 2 && b.len() <= 2).then_some(())?;
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?))
}

/// What a file's dates say of their day and month order: the first date
/// that can only be read one way decides.
pub fn slash_order<'a>(values: impl Iterator<Item = &'a str>) -> SlashOrder {
    for (a, b, _) in values.filter_map(slashed) {
        if a > 12 && b <= 12 {
            return SlashOrder::DayFirst;
        }
        if b > 12 && a <= 12 {
            return SlashOrder::MonthFirst;
        }
    }
    SlashOrder::Unknown
}

/// Reads every form of the module's head but the slashed one, whose order
/// only the file tells: `None` for anything else.
pub fn moment(value: &str) -> Option<Moment> {
    let v = value.trim();
    if v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit()) {
        return unix(v);
    }
    iso(v).or_else(|| dotted(v)).or_else(|| long(v))
}

/// Unix seconds, as Moodle stores a completion (`timecompleted`): ten
/// digits, a moment between 2001 and 2286. Eight digits are `YYYYMMDD`.
fn unix(v: &str) -> Option<Moment> {
    let seconds: i64 = v.parse().ok()?;
    let t = chrono::Utc.timestamp_opt(seconds, 0).single()?;
    Some(Moment::Instant(t.fixed_offset()))
}

/// `2026-03-04`, `20260304`, `2026/03/04`, with an optional time after a
/// space or `T`, and after the time an optional offset: `Z`, `+01:00`,
/// `+0100`, `+01`, ` UTC`.
fn iso(v: &str) -> Option<Moment> {
    let (date, rest) = match v.find([' ', 'T', 't']) {
        Some(i) => (&v[..i], v[i + 1..].trim()),
        None => (v, ""),
    };
    let day = ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(date, f).ok())
        .filter(|d| (1000..=9999).contains(&chrono::Datelike::year(d)))?;
    if rest.is_empty() {
        return Some(Moment::Day(day));
    }
    let (time, offset) = split_offset(rest)?;
    let time = clock(time)?;
    Some(match offset {
        None => Moment::Day(day),
        Some(offset) => Moment::Instant(offset.from_local_datetime(&day.and_time(time)).single()?),
    })
}

/// A time and what follows it: `23:30:00Z` → (`23:30:00`, UTC),
/// `23:30+01:00` → (`23:30`, +1 h), `23:30` → (`23:30`, none).
fn split_offset(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    let t = text.trim();
    for suffix in ["Z", "z", " UTC", " GMT", "UTC"] {
        if let Some(time) = t.strip_suffix(suffix) {
            return Some((time.trim(), FixedOffset::east_opt(0)));
        }
    }
    let Some(i) = t.rfind(['+', '-']) else { return Some((t, None)) };
    let (time, offset) = (t[..i].trim(), &t[i..]);
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let digits: String = offset[1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(digits.len(), 2 | 4) {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = if digits.len() == 4 { digits[2..].parse().ok()? } else { 0 };
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some((time, Some(FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))?)))
}

/// A time of day as platforms write it: `14:22`, `14:22:05`, `14:22:05.123`,
/// `14.22`, `2:22 PM`, `2:22pm`.
fn clock(text: &str) -> Option<NaiveTime> {
    let lower = text.trim().to_lowercase();
    let (time, half) = match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("em")) {
        Some(t) => (t.trim_end_matches(['.', ' ']).trim(), Some(12)),
        None => match lower.strip_suffix("am").or_else(|| lower.strip_suffix("fm")) {
            Some(t) => (t.trim_end_matches(['.', ' ']).trim(), Some(0)),
            None => (lower.as_str(), None),
        },
    };
    // Fractions of a second after a full time; `14.22` as written in Sweden.
    let time = match time.split_once('.') {
        Some((t, fraction)) if t.contains(':') && fraction.bytes().all(|b| b.is_ascii_digit()) => t.to_owned(),
        Some(_) if !time.contains(':') => time.replacen('.', ":", 1),
        _ => time.to_owned(),
    };
    let mut parts = time.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    let second: u32 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match half {
        Some(add) if (1..=12).contains(&hour) => hour % 12 + add,
        Some(_) => return None,
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// `4.3.2026`, `04.03.2026 14:22`: day before month, as in Sweden, Finland
/// and Germany.
fn dotted(v: &str) -> Option<Moment> {
    let (date, rest) = v.split_once(' ').unwrap_or((v, ""));
    let day = NaiveDate::parse_from_str(date, "%d.%m.%Y").ok()?;
    (date.len() >= 8 && (rest.trim().is_empty() || clock(rest.trim()).is_some())).then_some(Moment::Day(day))
}

/// The long forms learning platforms show, with or without a weekday and
/// a time: `onsdag, 4 mars 2026, 14:22`, `4 mars 2026 kl. 14:22`,
/// `Wednesday, 4 March 2026, 2:22 PM`, `March 4, 2026 2:22 PM`,
/// `Mar 4, 2026 at 2:22pm`.
fn long(v: &str) -> Option<Moment> {
    let lower = v.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut words = words.as_slice();
    if words.first().is_some_and(|w| crate::locale::typed::weekday(w)) {
        words = &words[1..];
    }
    let [a, b, year, time @ ..] = words else { return None };
    let year: i32 = year.parse().ok().filter(|y| (1000..=9999).contains(y))?;
    let (day, month) = match (a.parse::<u32>(), b.parse::<u32>()) {
        (Ok(day), Err(_)) => (day, crate::locale::typed::month(b)?),
        (Err(_), Ok(day)) => (day, crate::locale::typed::month(a)?),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let time = match time {
        [] => return Some(Moment::Day(date)),
        ["kl" | "klockan" | "at" | "um", rest @ ..] => rest,
        rest => rest,
    };
    // "2:22 PM" is two words.
    clock(&time.join(" ")).map(|_| Moment::Day(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn day(value: &str) -> Option<NaiveDate> {
        Dates { order: SlashOrder::Unknown, zone: DEFAULT_ZONE }.day(value, &String::new).ok()
    }

    #[test]
    fn a_moment_in_utc_is_dated_by_the_swedish_day() {
        // New Year's night, winter time: 23:30 UTC is 00:30 the next day.
        assert_eq!(day("2025-12-31T23:30:00Z"), Some(d(2026, 1, 1)));
        assert_eq!(day("2025-12-31T23:30:00+00:00"), Some(d(2026, 1, 1)));
        assert_eq!(day("2025-12-31 23:30:00 UTC"), Some(d(2026, 1, 1)));
        assert_eq!(day("2025-12-31T23:30:00.000Z"), Some(d(2026, 1, 1)));
        // Summer time: 22:30 UTC is 00:30 the next day; 21:30 is not.
        assert_eq!(day("2026-06-30T22:30:00Z"), Some(d(2026, 7, 1)));
        assert_eq!(day("2026-06-30T21:30:00Z"), Some(d(2026, 6, 30)));
        // An offset that is Sweden's own changes nothing.
        assert_eq!(day("2026-01-01T23:30:00+01:00"), Some(d(2026, 1, 1)));
        assert_eq!(day("2026-01-01T23:30:00+0100"), Some(d(2026, 1, 1)));
        // Local times are the day written.
        assert_eq!(day("2026-01-01 23:30"), Some(d(2026, 1, 1)));
        assert_eq!(day("2026-01-01T23:30:00"), Some(d(2026, 1, 1)));
        // Another zone, when intyg.toml names one.
        let helsinki = Dates { order: SlashOrder::Unknown, zone: chrono_tz::Europe::Helsinki };
        assert_eq!(helsinki.day("2026-01-01T22:30:00Z", &String::new).ok(), Some(d(2026, 1, 2)));
    }

    #[test]
    fn unix_seconds_are_a_moment() {
        // 2025-12-31T23:30:00Z.
        assert_eq!(day("1767223800"), Some(d(2026, 1, 1)));
        // Eight digits are a date.
        assert_eq!(day("20260304"), Some(d(2026, 3, 4)));
        assert_eq!(day("123456789"), None);
    }

    #[test]
    fn the_long_forms_of_learning_platforms() {
        assert_eq!(day("onsdag, 4 mars 2026, 14:22"), Some(d(2026, 3, 4)));
        assert_eq!(day("4 mars 2026 14:22"), Some(d(2026, 3, 4)));
        assert_eq!(day("4 mars 2026 kl. 14:22"), Some(d(2026, 3, 4)));
        assert_eq!(day("torsdag, 1 januari 2026, 00:30"), Some(d(2026, 1, 1)));
        assert_eq!(day("March 4, 2026 2:22 PM"), Some(d(2026, 3, 4)));
        assert_eq!(day("Wednesday, 4 March 2026, 2:22 PM"), Some(d(2026, 3, 4)));
        assert_eq!(day("Mar 4, 2026 at 2:22pm"), Some(d(2026, 3, 4)));
        assert_eq!(day("4 mars 2026"), Some(d(2026, 3, 4)));
        assert_eq!(day("04.03.2026 14:22"), Some(d(2026, 3, 4)));
        // Not a time, not a date: refused.
        assert_eq!(day("4 mars 2026 sent"), None);
        assert_eq!(day("March 4, 2026 25:22"), None);
        assert_eq!(day("30 februari 2026"), None);
        assert_eq!(day("mars 2026"), None);
    }

    #[test]
    fn slashed_dates_are_read_the_way_the_file_shows_or_refused() {
        let us = Dates::of(["03/04/2026", "03/14/2026 2:15 PM"].into_iter(), DEFAULT_ZONE);
        assert_eq!(us.order, SlashOrder::MonthFirst);
        assert_eq!(us.day("03/04/2026", &String::new).unwrap(), d(2026, 3, 4));
        assert_eq!(us.day("03/04/2026 2:15 PM", &String::new).unwrap(), d(2026, 3, 4));
        let se = Dates::of(["04/03/2026", "14/03/2026"].into_iter(), DEFAULT_ZONE);
        assert_eq!(se.day("04/03/2026", &String::new).unwrap(), d(2026, 3, 4));
        assert!(day("04/03/2026").is_none(), "day or month: refused");
        assert_eq!(day("05/05/2026"), Some(d(2026, 5, 5)), "the same either way");
        assert_eq!(day("14/03/2026"), Some(d(2026, 3, 14)), "only one way");
        assert_eq!(day("4.3.2026"), Some(d(2026, 3, 4)));
        let day_first = Dates { order: SlashOrder::DayFirst, zone: DEFAULT_ZONE };
        assert!(day_first.day("13/13/2026", &String::new).is_err());
        assert!(day_first.day("13/12/2026 sent", &String::new).is_err());
    }
}
