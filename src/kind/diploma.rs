//! A diploma scheme (`kind = "diploma"`): organisations the municipality
//! has decided meet its criteria each get a diploma (mångfaldsdiplom) with a
//! citation, the criteria met and a validity period; the register follows
//! renewals, revocations and expiry.

use super::{DocKind, Evidence, Holders, Spec};

/// What is particular to a diploma scheme.
pub static SPEC: Spec = Spec {
    written: "diploma",
    folder: ["diploma folder", "diplommapp"],
    documents: &[DocKind::Mangfaldsdiplom],
    texts: &["text_diploma"],
    template: "mangfaldsdiplom",
    records: "organisationer.csv",
    keys: &["scheme", "criteria", "revocations"],
    holders: Holders::Organisations,
    evidence: Evidence::None,
    agenda: false,
    next: ("issue", ["the diplomas", "diplomen"]),
    reported: false,
};
