//! An e-learning course (`kind = "elearning"`): no sessions; a learning
//! platform's export says who completed it, when, and with which result.
//! Whoever completed it (at the pass mark, when there is one) gets a course
//! certificate dated the day they completed it.

use super::{DocKind, Evidence, Holders, PROGRAMME_FILE, Spec, StarterFile};

/// What is particular to an e-learning course.
pub static SPEC: Spec = Spec {
    written: "elearning",
    folder: ["e-learning folder", "webbutbildningsmapp"],
    documents: &[DocKind::Kursintyg],
    texts: &["text_elearning"],
    template: "kursintyg",
    records: "slutforda.csv",
    keys: &["programme"],
    holders: Holders::People,
    evidence: Evidence::Completion,
    agenda: false,
    next: ("issue", ["the certificates", "intygen"]),
    reported: true,
    starter: [ELEARNING_SV, ELEARNING_EN],
};

/// The starter folder in Swedish.
static ELEARNING_SV: &[StarterFile] = &[
    starter!("elearning/sv", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("elearning/sv", "slutforda.csv", "en påhittad export från en lärplattform: två slutförda, två inte", ""),
];
/// The starter folder in English.
static ELEARNING_EN: &[StarterFile] = &[
    starter!("elearning/en", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("elearning/en", "completions.csv", "", "an invented learning platform export: two completed, two not"),
];
