//! The words documents print, from the table the templates read
//! (`templates/intyg/words.toml`), so that report code and templates say
//! a thing the same way and a word is translated once.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Lang;

/// The table, as the package holds it.
pub const TABLE: &str = include_str!("../../templates/intyg/words.toml");

type Words = HashMap<String, HashMap<String, String>>;

fn table() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    // The table is intyg's own, checked by the tests below: a fault in it
    // is a fault of the build, not of anyone's data.
    WORDS.get_or_init(|| toml::from_str(TABLE).expect("templates/intyg/words.toml is a table of tables of strings"))
}

/// The code of every language the table has a table for.
pub(super) fn codes() -> impl Iterator<Item = &'static str> {
    table().keys().map(String::as_str)
}

/// The word `key` in `lang`.
pub fn word(lang: Lang, key: &str) -> &'static str {
    table()
        .get(lang.code())
        .and_then(|words| words.get(key))
        .unwrap_or_else(|| panic!("words.toml has no \"{key}\" in [{}]", lang.code()))
}

/// The text `key` in `lang` with each `{name}` replaced by its value, in one
/// pass, as the templates' `phrase` does: a value holding `{…}` is kept.
pub fn phrase(lang: Lang, key: &str, values: &[(&str, &str)]) -> String {
    fill(word(lang, key), values)
}

/// `pattern` with each `{name}` replaced by its value, in one pass: a value
/// holding `{…}` is kept, and a `{…}` no value names is left as it is.
pub fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_word() {
        let sv = &table()["sv"];
        for (lang, words) in table() {
            let mut missing: Vec<&String> = sv.keys().filter(|k| !words.contains_key(*k)).collect();
            missing.extend(words.keys().filter(|k| !sv.contains_key(*k)));
            assert!(missing.is_empty(), "[{lang}] lacks or adds {missing:?}");
        }
        assert!(table().contains_key("en"));
    }

    #[test]
    fn phrases_fill_their_names_once() {
        assert_eq!(
            phrase(Lang::SV, "dated", &[("place", "Umeå"), ("date", "8 oktober 2019")]),
            "Umeå den 8 oktober 2019"
        );
        assert_eq!(
            phrase(Lang::EN, "dated", &[("place", "{date}"), ("date", "8 October 2019")]),
            "{date}, 8 October 2019"
        );
    }
}
