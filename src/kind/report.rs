//! A report folder (`kind = "report"`): the annual MR report, drawn from
//! the training and diploma folders it names, with narrative sections and
//! indicators. It issues no documents of its own.

use super::{Evidence, Holders, Spec, StarterFile};

/// What is particular to a report.
pub static SPEC: Spec = Spec {
    written: "report",
    folder: ["report folder", "rapportmapp"],
    documents: &[],
    texts: &[],
    template: "arsrapport",
    records: "",
    keys: &["report", "sections", "indicators", "trainings", "diplomas"],
    holders: Holders::Nobody,
    evidence: Evidence::None,
    agenda: false,
    next: ("report", ["the report", "rapporten"]),
    reported: true,
    starter: [REPORT_SV, REPORT_EN],
};

/// The starter folder in Swedish.
static REPORT_SV: &[StarterFile] = &[
    starter!("report/sv", "intyg.toml", "rapportfilen, med varje nyckel förklarad", ""),
    starter!("report/sv", "indikatorer.csv", "indikatorer för två år", ""),
    starter!("report/sv", "sammanfattning.md", "rapportens första avsnitt (Markdown)", ""),
];
/// The starter folder in English.
static REPORT_EN: &[StarterFile] = &[
    starter!("report/en", "intyg.toml", "", "the report file, every key explained"),
    starter!("report/en", "indicators.csv", "", "indicators for two years"),
    starter!("report/en", "summary.md", "", "the report's first section (Markdown)"),
];
