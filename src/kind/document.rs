//! The documents intyg issues: a course certificate, a participation
//! certificate, a conference's certificate of attendance and a diploma.
//! What each is called, in every form a sentence needs, is in the words
//! table (`templates/intyg/words.toml`) under its register name.

use serde::Serialize;

use crate::locale::{Lang, words};

/// Which document someone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A full course certificate.
    Kursintyg,
    /// A participation certificate (some sessions).
    Deltagarintyg,
    /// A conference's certificate of attendance, with the day's programme.
    Konferensintyg,
    /// A diversity diploma for an organisation.
    Mangfaldsdiplom,
}

impl DocKind {
    /// Every document, in the order summaries count them.
    pub const ALL: [DocKind; 4] =
        [DocKind::Kursintyg, DocKind::Deltagarintyg, DocKind::Konferensintyg, DocKind::Mangfaldsdiplom];

    /// The template slot this kind uses in the renderer: a folder's own
    /// template, or its participation template.
    pub fn template_index(self) -> usize {
        usize::from(self == DocKind::Deltagarintyg)
    }

    /// The kind a register names, e.g. `kursintyg`.
    pub fn from_name(name: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The word in the register, and its key in the words table.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Kursintyg => "kursintyg",
            DocKind::Deltagarintyg => "deltagarintyg",
            DocKind::Konferensintyg => "konferensintyg",
            DocKind::Mangfaldsdiplom => "mangfaldsdiplom",
        }
    }

    /// Whether it lists the sessions its holder attended.
    pub fn lists_sessions(self) -> bool {
        self == DocKind::Deltagarintyg
    }

    /// The kind's name in a language, as a title: "Kursintyg" / "Course
    /// certificate".
    pub fn title(self, lang: Lang) -> &'static str {
        words::word(lang, self.name())
    }

    /// "1 kursintyg", "3 certificates of attendance": `n` of it, as a
    /// summary counts them.
    pub fn counted(self, n: usize, lang: Lang) -> String {
        let key = if n == 1 { "one" } else { "many" };
        words::phrase(lang, &format!("{}_{key}", self.name()), &[("n", &n.to_string())])
    }

    /// The kind as a sentence about one starts: "Kursintyget", "The
    /// certificate of attendance".
    pub fn the(self, lang: Lang) -> &'static str {
        words::word(lang, &format!("{}_the", self.name()))
    }

    /// What it was issued for: "för utbildningen {scheme}".
    pub fn about(self, lang: Lang, scheme: &str) -> String {
        words::phrase(lang, &format!("{}_about", self.name()), &[("scheme", scheme)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_has_its_words_in_every_language() {
        for &lang in Lang::all() {
            for kind in DocKind::ALL {
                assert!(!kind.title(lang).is_empty());
                assert!(kind.counted(1, lang).starts_with("1 "), "{kind:?} {lang:?}");
                assert!(kind.counted(2, lang).starts_with("2 "), "{kind:?} {lang:?}");
                assert!(!kind.the(lang).is_empty());
                assert!(kind.about(lang, "X").contains('X'), "{kind:?} {lang:?}");
                assert_eq!(DocKind::from_name(kind.name()), Some(kind));
            }
        }
    }

    #[test]
    fn a_conference_certificate_is_not_called_a_course_certificate() {
        assert_eq!(DocKind::Konferensintyg.title(Lang::SV), "Intyg om deltagande");
        assert_eq!(DocKind::Konferensintyg.counted(2, Lang::SV), "2 intyg om deltagande");
        assert_eq!(DocKind::Konferensintyg.counted(2, Lang::EN), "2 certificates of attendance");
        assert_eq!(DocKind::Konferensintyg.the(Lang::SV), "Intyget om deltagande");
    }
}
