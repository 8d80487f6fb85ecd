//! The app's pages: minijinja templates and the words they use, embedded
//! in the binary, with every value escaped as HTML.

use std::sync::OnceLock;

use minijinja::{Environment, Value};

use crate::locale::Lang;

/// The templates, by name, and their text.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("html/base.html")),
    ("start.html", include_str!("html/start.html")),
    ("browse.html", include_str!("html/browse.html")),
    ("kinds.html", include_str!("html/kinds.html")),
    ("folder.html", include_str!("html/folder.html")),
    ("records.html", include_str!("html/records.html")),
    ("preview.html", include_str!("html/preview.html")),
    ("issue.html", include_str!("html/issue.html")),
    ("verify.html", include_str!("html/verify.html")),
    ("report.html", include_str!("html/report.html")),
    ("send.html", include_str!("html/send.html")),
    ("problems.html", include_str!("html/problems.html")),
    ("progress.html", include_str!("html/progress.html")),
    ("settings.html", include_str!("html/settings.html")),
    ("publish.html", include_str!("html/publish.html")),
    ("proof.html", include_str!("html/proof.html")),
    ("register.html", include_str!("html/register.html")),
];

/// The style sheet and script the pages load: no CDN, nothing else.
pub const CSS: &str = include_str!("assets/app.css");
/// See [`CSS`].
pub const JS: &str = include_str!("assets/app.js");

/// The pages, ready to render.
pub struct Pages {
    env: Environment<'static>,
}

impl Pages {
    /// Loads the embedded templates.
    pub fn new() -> Pages {
        let mut env = Environment::new();
        // Every page is HTML: values are escaped whatever a record holds.
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        for (name, text) in TEMPLATES {
            env.add_template(name, text).expect("the app's templates are valid");
        }
        Pages { env }
    }

    /// Renders page `name` with `context`.
    pub fn render(&self, name: &str, context: Value) -> Result<String, String> {
        self.env.get_template(name).and_then(|t| t.render(context)).map_err(|e| format!("{e:#}"))
    }
}

/// The words of the pages, by language.
fn table() -> &'static toml::Table {
    static TABLE: OnceLock<toml::Table> = OnceLock::new();
    TABLE.get_or_init(|| include_str!("words.toml").parse().expect("the app's words are valid TOML"))
}

/// The words of the pages in `lang`.
pub fn words(lang: Lang) -> Value {
    Value::from_serialize(&table()[lang.code()])
}

/// The words of the pages of a folder of `kind` in `lang`: a word a kind
/// says its own way (`upload_diploma`, `t_sessions_conference`) in place
/// of the general one (`upload`, `t_sessions`).
pub fn words_of(lang: Lang, kind: &str) -> Value {
    let Some(words) = table()[lang.code()].as_table() else { return words(lang) };
    let suffix = format!("_{kind}");
    let mut own = words.clone();
    for (key, value) in words {
        if let Some(general) = key.strip_suffix(&suffix) {
            own.insert(general.to_owned(), value.clone());
        }
    }
    Value::from_serialize(&own)
}

/// The word `key` of the pages of a folder of `kind` in `lang`: its own
/// (`key_kind`) where it has one, as [`words_of`] gives them.
pub fn word_of(lang: Lang, kind: &str, key: &str) -> String {
    let own = word(lang, &format!("{key}_{kind}"));
    if own.is_empty() { word(lang, key) } else { own }
}

/// The word `key` of the pages in `lang`; empty when there is none.
pub fn word(lang: Lang, key: &str) -> String {
    table()[lang.code()].get(key).and_then(toml::Value::as_str).unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let table: toml::Table = include_str!("words.toml").parse().unwrap();
        let keys = |l: &str| table[l].as_table().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys("sv"), keys("en"));
    }

    #[test]
    fn every_word_a_page_uses_is_there() {
        let table: toml::Table = include_str!("words.toml").parse().unwrap();
        let sv = table["sv"].as_table().unwrap();
        for (name, text) in TEMPLATES {
            for (at, _) in text.match_indices("w.") {
                if text[..at].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let key: String =
                    text[at + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                assert!(sv.contains_key(&key), "{name} uses w.{key}");
            }
        }
    }
}
