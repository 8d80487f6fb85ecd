//! A one-day conference (`kind = "conference"`): a day with a programme,
//! a venue and organisers. Whoever registered gets a badge and a line on
//! the signing sheet; whoever came gets a certificate of attendance that
//! lists the day's programme.

use super::{DocKind, Evidence, Holders, Spec};

/// What is particular to a conference.
pub static SPEC: Spec = Spec {
    written: "conference",
    folder: ["conference folder", "konferensmapp"],
    documents: &[DocKind::Konferensintyg],
    texts: &["text_conference"],
    template: "konferensintyg",
    records: "deltagare.csv",
    keys: &["programme", "sessions", "agenda", "venue", "organisers", "attendance"],
    holders: Holders::People,
    evidence: Evidence::Attendance,
    agenda: true,
    next: ("issue", ["the certificates", "intygen"]),
    reported: true,
};
