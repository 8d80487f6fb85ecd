//! A course (`kind = "course"`, the default): a training programme of one
//! or more sessions. Whoever attended enough sessions gets a course
//! certificate; whoever attended some, a participation certificate.

use super::{DocKind, Evidence, Holders, PROGRAMME_FILE, Spec, StarterFile};

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
    starter: [COURSE_SV, COURSE_EN],
};

/// The starter folder in Swedish.
static COURSE_SV: &[StarterFile] = &[
    starter!("course/sv", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("course/sv", "deltagare.csv", "sex påhittade deltagare, en som missat en dag", ""),
];
/// The starter folder in English.
static COURSE_EN: &[StarterFile] = &[
    starter!("course/en", "intyg.toml", PROGRAMME_FILE[0], PROGRAMME_FILE[1]),
    starter!("course/en", "participants.csv", "", "six invented participants, one who missed a day"),
];
