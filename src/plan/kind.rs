//! Which document someone gets: a course certificate, a participation
//! certificate or a diploma, with its title, template and default sentence.

use serde::Serialize;

use crate::locale::Lang;

/// Which document someone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A full course certificate.
    Kursintyg,
    /// A participation certificate (some sessions).
    Deltagarintyg,
    /// A diversity diploma for an organisation.
    Mangfaldsdiplom,
}

impl DocKind {
    /// The template slot this kind uses in the renderer.
    pub fn template_index(self) -> usize {
        match self {
            DocKind::Kursintyg | DocKind::Mangfaldsdiplom => 0,
            DocKind::Deltagarintyg => 1,
        }
    }

    /// The kind a register names, e.g. `kursintyg`.
    pub fn from_name(name: &str) -> Option<DocKind> {
        [DocKind::Kursintyg, DocKind::Deltagarintyg, DocKind::Mangfaldsdiplom].into_iter().find(|k| k.name() == name)
    }

    /// The word in the register.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Kursintyg => "kursintyg",
            DocKind::Deltagarintyg => "deltagarintyg",
            DocKind::Mangfaldsdiplom => "mangfaldsdiplom",
        }
    }

    /// The kind's name in a language: "Kursintyg" / "Course certificate".
    pub fn title(self, lang: Lang) -> &'static str {
        crate::locale::words::word(lang, self.name())
    }
}
