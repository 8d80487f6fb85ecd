//! The PDF format itself, where intyg works below typst: joining the parts
//! of a combined document into one tagged PDF, and reading back what intyg
//! put into a PDF (metadata and the attached credential).

pub mod join;
pub mod read;
