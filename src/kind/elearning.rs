//! An e-learning course (`kind = "elearning"`): no sessions; a learning
//! platform's export says who completed it, when, and with which result.
//! Whoever completed it (at the pass mark, when there is one) gets a course
//! certificate dated the day they completed it.

use super::{DocKind, Evidence, Holders, Spec};

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
};
