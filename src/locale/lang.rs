//! The languages documents are written in: one table each in
//! `templates/intyg/words.toml`. A language is known by its table alone —
//! its code, the names people call it, how it writes dates and numbers and
//! which language its folder's messages are in — so that adding one is
//! adding a table, and no Rust code names a language it does not have to.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::words;

/// A language intyg writes documents in: the code of its table in
/// `templates/intyg/words.toml` (`sv`, `en`, `fi`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(&'static str);

impl Lang {
    /// Swedish, the default, and one of the two languages of messages.
    pub const SV: Lang = Lang("sv");
    /// English, the other language of messages.
    pub const EN: Lang = Lang("en");

    /// Every language documents are written in: Swedish, English, then the
    /// others in the order of their codes.
    pub fn all() -> &'static [Lang] {
        static ALL: OnceLock<Vec<Lang>> = OnceLock::new();
        ALL.get_or_init(|| {
            let mut all: Vec<Lang> = words::codes().map(Lang).collect();
            all.sort_by_key(|l| (*l != Lang::SV, *l != Lang::EN, l.0));
            all
        })
    }

    /// The ISO 639-1 code, as typst's `text(lang:)` and PDF metadata want it.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// The language a code or a name of it names (`sv`, `svenska`,
    /// `Finnish`, any case), as its table's `language_names` lists them.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_lowercase();
        Lang::all().iter().copied().find(|l| l.0 == s || l.way().names.contains(&s))
    }

    /// The codes of every language, for a message that lists them:
    /// `"sv", "en" or "fi"` / `"sv", "en" eller "fi"`.
    pub fn choices() -> String {
        let quoted: Vec<String> = Lang::all().iter().map(|l| format!("\"{}\"", l.0)).collect();
        let or = if super::messages() == Lang::SV { "eller" } else { "or" };
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, init)) => format!("{} {or} {last}", init.join(", ")),
            None => String::new(),
        }
    }

    /// The language of messages to someone whose folder is in this one:
    /// itself for Swedish and English, and for another the one its table's
    /// `messages_in` names (a Finnish folder in Sweden is kept in Swedish).
    pub fn messages(self) -> Lang {
        if self.way().messages_in == "en" { Lang::EN } else { Lang::SV }
    }

    /// The separator of the CSV files intyg writes in this language, as
    /// the spreadsheet programs of its region open them: `;` or `,`.
    pub fn csv_delimiter(self) -> u8 {
        self.way().csv_delimiter
    }

    /// How this language writes dates and numbers.
    pub(super) fn way(self) -> &'static Way {
        static WAYS: OnceLock<HashMap<&'static str, Way>> = OnceLock::new();
        let ways = WAYS.get_or_init(|| words::codes().map(|code| (code, Way::of(code))).collect());
        // Every Lang is made from a code of the table, so its way is there.
        &ways[self.0]
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::SV
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Lang::parse(&s).ok_or_else(|| {
            let choices = Lang::choices();
            serde::de::Error::custom(tr!(
                "unknown language \"{s}\"; use {choices}",
                "okänt språk \"{s}\"; använd {choices}"
            ))
        })
    }
}

/// How a language writes dates and numbers, from the keys of its table
/// that begin a line of it (`months`, `day`, `decimal_point`, …).
pub(super) struct Way {
    names: Vec<String>,
    messages_in: String,
    months: Vec<String>,
    months_alone: Vec<String>,
    day: String,
    pub and: String,
    pub few: Vec<String>,
    pub decimal_point: String,
    pub thousands: String,
    pub minus: String,
    pub percent: String,
    pub time: String,
    pub csv_delimiter: u8,
}

impl Way {
    fn of(code: &'static str) -> Way {
        let lang = Lang(code);
        let w = |key: &str| words::word(lang, key).to_owned();
        let list = |key: &str| words::word(lang, key).split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        Way {
            names: list("language_names").into_iter().map(|n| n.to_lowercase()).collect(),
            messages_in: w("messages_in"),
            months: list("months"),
            months_alone: list("months_alone"),
            day: w("day"),
            and: w("and"),
            few: list("few"),
            decimal_point: w("decimal_point"),
            thousands: w("thousands"),
            minus: w("minus"),
            percent: w("percent"),
            time: w("time"),
            csv_delimiter: w("csv_delimiter").bytes().next().unwrap_or(b','),
        }
    }

    /// The day of the month as a date writes it: `8` / `8.`.
    pub fn day(&self, day: u32) -> String {
        self.day.replace("{day}", &day.to_string())
    }

    /// The month (1–12) as a date writes it: `oktober` / `lokakuuta`.
    pub fn month(&self, month: u32) -> &str {
        &self.months[(month as usize).clamp(1, 12) - 1]
    }

    /// The month (1–12) standing alone, as a heading: `oktober` / `lokakuu`.
    pub fn month_alone(&self, month: u32) -> &str {
        &self.months_alone[(month as usize).clamp(1, 12) - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_says_how_it_writes_dates_and_numbers() {
        for lang in Lang::all() {
            let way = lang.way();
            assert_eq!(way.months.len(), 12, "[{lang}] months");
            assert_eq!(way.months_alone.len(), 12, "[{lang}] months_alone");
            assert_eq!(way.few.len(), 13, "[{lang}] few: zero to twelve");
            assert!(way.day.contains("{day}") && way.percent.contains("{n}"), "[{lang}] day and percent");
            assert!(matches!(way.csv_delimiter, b';' | b','), "[{lang}] csv_delimiter");
            assert!(["sv", "en"].contains(&way.messages_in.as_str()), "[{lang}] messages_in");
            assert_eq!(Lang::parse(lang.code()), Some(*lang));
        }
        assert_eq!(&Lang::all()[..2], &[Lang::SV, Lang::EN]);
    }

    #[test]
    fn languages_are_found_by_code_and_by_name() {
        assert_eq!(Lang::parse(" Svenska "), Some(Lang::SV));
        assert_eq!(Lang::parse("english"), Some(Lang::EN));
        assert_eq!(Lang::parse("klingon"), None);
    }
}
