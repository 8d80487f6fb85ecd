//! A course (`kind = "course"`, the default): a training programme of one
//! or more sessions. Whoever attended enough sessions gets a course
//! certificate; whoever attended some, a participation certificate.

use super::{DocKind, Evidence, Holders, Spec};

/// What is particular to a course.
pub static SPEC: Spec = Spec {
    written: "course",
    folder: ["programme folder", "programmapp"],
    documents: &[DocKind::Kursintyg, DocKind::Deltagarintyg],
    texts: &["text_course", "text_course_partial"],
    template: "kursintyg",
    records: "deltagare.csv",
    keys: &["programme", "sessions", "attendance", "eligibility", "participation_template"],
    holders: Holders::People,
    evidence: Evidence::Attendance,
    agenda: false,
    next: ("issue", ["the certificates", "intygen"]),
    reported: true,
};
