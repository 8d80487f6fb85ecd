//! A report folder (`kind = "report"`): the annual MR report, drawn from
//! the training and diploma folders it names, with narrative sections and
//! indicators. It issues no documents of its own.

use super::{Evidence, Holders, Spec};

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
};
