//! A diploma scheme (`kind = "diploma"`): organisations the municipality
//! has decided meet its criteria each get a diploma (mångfaldsdiplom) with a
//! citation, the criteria met and a validity period; the register follows
//! renewals, revocations and expiry.

use super::{DocKind, Evidence, Holders, Spec, StarterFile};

/// What is particular to a diploma scheme.
pub static SPEC: Spec = Spec {
    written: "diploma",
    folder: ["diploma folder", "diplommapp"],
    documents: &[DocKind::Mangfaldsdiplom],
    texts: &["text_diploma"],
    template: "mangfaldsdiplom",
    records: "organisationer.csv",
    keys: &["scheme", "criteria"],
    holders: Holders::Organisations,
    evidence: Evidence::None,
    agenda: false,
    next: ("issue", ["the diplomas", "diplomen"]),
    reported: false,
    starter: [DIPLOMA_SV, DIPLOMA_EN],
};

/// The starter folder in Swedish.
static DIPLOMA_SV: &[StarterFile] = &[
    starter!("diploma/sv", "intyg.toml", "inställningsfilen, med varje nyckel förklarad", ""),
    starter!("diploma/sv", "organisationer.csv", "tre påhittade organisationer", ""),
];
/// The starter folder in English.
static DIPLOMA_EN: &[StarterFile] = &[
    starter!("diploma/en", "intyg.toml", "", "the scheme file, every key explained"),
    starter!("diploma/en", "organisations.csv", "", "three invented organisations"),
];
