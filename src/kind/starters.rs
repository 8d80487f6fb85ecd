//! The starter folders `intyg init` writes, one per kind and language, from
//! `templates/init/KIND/LANG/` (listed for the binary by `build.rs`). A
//! folder's `_about.toml` says what each of its files is, in the language
//! of that folder's messages, and (for a report) which folders of other
//! kinds it holds; everything else in it is written to the new folder.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::Kind;
use crate::locale::Lang;

mod files {
    include!(concat!(env!("OUT_DIR"), "/starters.rs"));
}

/// One file of a starter folder.
#[derive(Debug)]
pub struct StarterFile {
    /// Its name in the new folder.
    pub name: &'static str,
    /// What it holds.
    pub text: &'static str,
    /// What it is, in the language of the folder's messages.
    pub about: String,
}

/// A folder of another kind inside a starter folder (a report's course
/// and diploma scheme, so that its report has figures at once).
#[derive(Debug, Deserialize)]
pub struct Inner {
    /// Its kind.
    pub kind: Kind,
    /// What it is, in the language of the folder's messages.
    pub about: String,
    /// Its name in the new folder.
    #[serde(skip)]
    pub name: String,
}

/// A starter folder: its files, `intyg.toml` first, and its folders of
/// other kinds.
#[derive(Debug, Default)]
pub struct Starter {
    /// Its files.
    pub files: Vec<StarterFile>,
    /// Its folders of other kinds.
    pub folders: Vec<Inner>,
}

/// What `_about.toml` says.
#[derive(Deserialize)]
struct About {
    #[serde(default)]
    folders: std::collections::BTreeMap<String, Inner>,
    #[serde(flatten)]
    files: HashMap<String, String>,
}

/// The starter folder of `kind` in `lang`, if intyg has one.
pub fn of(kind: Kind, lang: Lang) -> Option<&'static Starter> {
    static ALL: OnceLock<HashMap<(Kind, Lang), Starter>> = OnceLock::new();
    ALL.get_or_init(read).get(&(kind, lang))
}

/// Every starter folder, from the files compiled in. The folders are
/// intyg's own and checked by the tests below: a fault in one is a fault
/// of the build, not of anyone's data.
fn read() -> HashMap<(Kind, Lang), Starter> {
    let mut all: HashMap<(Kind, Lang), Starter> = HashMap::new();
    let mut abouts: HashMap<(Kind, Lang), About> = HashMap::new();
    for &(kind, lang, name, text) in files::FILES {
        let kind = Kind::from_written(kind).unwrap_or_else(|| panic!("templates/init/{kind}: no such kind"));
        let lang = Lang::parse(lang).unwrap_or_else(|| panic!("templates/init/*/{lang}: no words table for it"));
        if name == "_about.toml" {
            let about =
                toml::from_str(text).unwrap_or_else(|e| panic!("templates/init/{kind:?}/{lang}/_about.toml: {e}"));
            abouts.insert((kind, lang), about);
        } else {
            all.entry((kind, lang)).or_default().files.push(StarterFile { name, text, about: String::new() });
        }
    }
    for (key, starter) in &mut all {
        let mut about = abouts.remove(key).unwrap_or_else(|| panic!("templates/init/{key:?}: no _about.toml"));
        for f in &mut starter.files {
            f.about =
                about.files.remove(f.name).unwrap_or_else(|| panic!("{key:?}/_about.toml says nothing of {}", f.name));
        }
        // intyg.toml first: it is what a new user opens first.
        starter.files.sort_by_key(|f| f.name != "intyg.toml");
        starter.folders =
            std::mem::take(&mut about.folders).into_iter().map(|(name, inner)| Inner { name, ..inner }).collect();
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_starter_in_every_language() {
        for kind in Kind::ALL {
            for lang in Lang::all() {
                let starter = of(kind, *lang).unwrap_or_else(|| panic!("no starter for {kind:?} in {lang}"));
                assert_eq!(starter.files[0].name, "intyg.toml", "{kind:?} {lang}");
                let toml = starter.files[0].text;
                assert!(toml.contains(&format!("language = \"{}\"", lang.code())), "{kind:?} {lang}: language");
                assert!(toml.contains(&format!("kind = \"{}\"", kind.written())), "{kind:?} {lang}: kind");
                for inner in &starter.folders {
                    assert!(toml.contains(&format!("folder = \"{}\"", inner.name)), "{kind:?} {lang}: {}", inner.name);
                }
            }
        }
    }
}
