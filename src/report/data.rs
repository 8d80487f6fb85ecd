//! The data a report template receives, as types: the programme report's
//! and the annual report's, with what every field holds. The numbers
//! `--figures` writes are the report's own table (`Report::figures`).

use serde::Serialize;
use serde_json::Value;

use super::annual::Counts;
use crate::plan::DocKind;
use crate::plan::data::{Document, Issuer};

/// A key figure: a card on the report's first pages.
#[derive(Serialize)]
pub struct Figure {
    /// What it counts.
    pub label: String,
    /// The number, as text.
    pub value: String,
}

/// What `programrapport` receives.
#[derive(Serialize)]
pub struct ProgrammeReport<'a> {
    /// "sv" or "en".
    pub lang: &'static str,
    /// The issuer.
    pub issuer: Issuer<'a>,
    /// The organisation's own look.
    pub look: crate::plan::data::Look,
    /// "Programrapport" or "Programme report".
    pub title: &'static str,
    /// The programme.
    pub programme: ReportProgramme<'a>,
    /// The issue date as text.
    pub issued_text: String,
    /// Key figures.
    pub summary: Vec<Figure>,
    /// The programme over time, as a chart with its table: attendance per
    /// session (a course), completions per month (an e-learning course);
    /// none for a conference, whose one day the summary tells.
    pub chart: Option<Chart>,
    /// What the tables of organisations and places count, as the headers
    /// of their columns after the name: "Deltagare", "Fullföljde".
    pub counted: Vec<&'static str>,
    /// Participants per organisation, most first.
    pub organisations: Vec<OrganisationRow<'a>>,
    /// Participants per municipality or region, most first, where the
    /// records have a column for it beside the organisation; else empty.
    pub places: Vec<OrganisationRow<'a>>,
    /// The documents issued.
    pub certificates: Vec<CertificateRow<'a>>,
    /// The heading over those who get none: "Utan intyg", "Kom inte".
    pub not_eligible_heading: &'static str,
    /// The header of the column that says why they get none ("Missade
    /// tillfällen", "Status"); none when their names say it all.
    pub not_eligible_why: Option<&'static str>,
    /// Those who get none.
    pub not_eligible: Vec<NotEligibleRow<'a>>,
    /// What each figure of the report counts, in plain words ("Om
    /// siffrorna").
    pub definitions: Vec<Definition>,
    /// Attendance per session; empty but for a course. Kept for
    /// templates made before `chart`.
    pub sessions: Vec<SessionRow>,
    /// The attendance chart in words; kept for templates made before
    /// `chart`.
    pub attendance_alt: String,
    /// How many participants (of a conference, registered).
    pub participants: usize,
    /// Whether it is a conference; kept for templates made before
    /// `counted`.
    pub day: bool,
    /// The PDF's metadata.
    pub document: Document,
}

/// A chart and the table of its numbers, on one page.
#[derive(Serialize)]
pub struct Chart {
    /// Its heading.
    pub heading: &'static str,
    /// Its caption.
    pub caption: &'static str,
    /// The chart in words, for screen readers.
    pub alt: String,
    /// The value a full bar stands for.
    pub max: usize,
    /// The headers of its table.
    pub columns: Vec<&'static str>,
    /// Its bars, each a row of the table.
    pub rows: Vec<ChartRow>,
}

/// A bar of a chart and its row in the table.
#[derive(Serialize)]
pub struct ChartRow {
    /// The bar's short label ("Dag 1", "okt 2026").
    pub label: String,
    /// The row's header in the table.
    pub title: String,
    /// The bar's length.
    pub value: usize,
    /// The text beside the bar.
    pub text: String,
    /// The row's other cells, after its header.
    pub cells: Vec<String>,
}

/// A term of the report and what it counts.
#[derive(Serialize)]
pub struct Definition {
    /// The term, as a figure or column names it.
    pub term: String,
    /// What it counts.
    pub meaning: String,
}

/// The programme, as a report names it.
#[derive(Serialize)]
pub struct ReportProgramme<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its code.
    pub code: &'a str,
    /// Where it was held.
    pub place: &'a str,
    /// A line about it.
    pub description: &'a str,
    /// Its dates as text.
    pub dates_text: String,
    /// Its hours as text, or none.
    pub hours_text: Option<String>,
}

/// One session's attendance.
#[derive(Serialize)]
pub struct SessionRow {
    /// A short label for the chart ("Dag 1").
    pub label: String,
    /// Its title.
    pub title: String,
    /// Its date as text.
    pub date_text: String,
    /// How many were there.
    pub attended: usize,
    /// That number as text.
    pub attended_text: String,
    /// Their share of the participants, as text.
    pub share_text: String,
}

/// One organisation's participants.
#[derive(Serialize)]
pub struct OrganisationRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// How many took part (of a conference, registered; of an
    /// e-learning course, started).
    pub participants: usize,
    /// How many completed it (of a conference, came).
    pub completed: usize,
    /// The participants as text.
    pub participants_text: String,
    /// The completed as text.
    pub completed_text: String,
    /// Every count of the row as text, in the order of `counted`.
    pub texts: Vec<String>,
}

/// One document issued.
#[derive(Serialize)]
pub struct CertificateRow<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its holder.
    pub name: &'a str,
    /// The holder's organisation.
    pub organisation: &'a str,
    /// Which document.
    pub kind: DocKind,
    /// The document's name in the report's language.
    pub kind_text: &'static str,
}

/// Someone who gets no document.
#[derive(Serialize)]
pub struct NotEligibleRow<'a> {
    /// Their name.
    pub name: &'a str,
    /// Their organisation.
    pub organisation: &'a str,
    /// The sessions they missed, as text; empty but for a course.
    pub missed: String,
    /// Why they get none: the sessions missed, an e-learning course's
    /// status; empty for a conference's absent.
    pub why: String,
}

/// What `arsrapport` receives.
#[derive(Serialize)]
pub struct AnnualReport<'a> {
    /// "sv" or "en".
    pub lang: &'static str,
    /// The report's title.
    pub title: &'a str,
    /// The line under it.
    pub subtitle: &'a str,
    /// The year reported on.
    pub year: i32,
    /// The issuer.
    pub issuer: Issuer<'a>,
    /// The organisation's own look.
    pub look: crate::plan::data::Look,
    /// Key figures.
    pub summary: Vec<Figure>,
    /// The narrative sections.
    pub sections: Vec<Section<'a>>,
    /// The diplomas of the schemes counted.
    pub diplomas: Diplomas,
    /// The trainings counted.
    pub trainings: Vec<TrainingRow<'a>>,
    /// The indicators of the year.
    pub indicators: Vec<IndicatorRow<'a>>,
    /// The indicators by the groups their split is for (women and men,
    /// girls and boys), a table each, in the order they first come.
    pub indicator_tables: Vec<Groups>,
    /// Percentage indicators split by their two groups.
    pub split: Vec<SplitRow<'a>>,
    /// The split charts, one for each two groups, of `split`'s rows.
    pub splits: Vec<SplitChart>,
    /// The first split chart in words; kept for templates made before
    /// `splits`.
    pub split_alt: String,
    /// What each key figure counts, in plain words ("Om siffrorna").
    pub definitions: Vec<Definition>,
    /// The colophon, as much as intyg.toml gives: who decided the report
    /// and when, its case reference, whom to ask.
    pub colophon: Vec<Definition>,
    /// The PDF's metadata.
    pub document: Document,
}

/// A narrative section.
#[derive(Serialize)]
pub struct Section<'a> {
    /// Its heading.
    pub title: &'a str,
    /// Its text as blocks (paragraphs, lists, quotes), never markup.
    pub blocks: Value,
}

/// Diplomas in the year.
#[derive(Serialize)]
pub struct Diplomas {
    /// The schemes' names.
    pub schemes: Vec<String>,
    /// Counts per sector.
    pub sectors: Vec<SectorRow>,
    /// Counts in all.
    pub totals: Counts,
    /// The sector chart in words.
    pub alt: String,
    /// Active diplomas at the end of each year.
    pub by_year: Vec<YearRow>,
    /// The year chart in words.
    pub by_year_alt: String,
}

/// One sector's diplomas.
#[derive(Serialize)]
pub struct SectorRow {
    /// The sector.
    pub name: String,
    /// Its counts.
    pub counts: Counts,
}

/// Active diplomas at a year's end.
#[derive(Serialize)]
pub struct YearRow {
    /// The year.
    pub year: i32,
    /// How many were active.
    pub active: usize,
}

/// One training.
#[derive(Serialize)]
pub struct TrainingRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its dates as text.
    pub dates_text: &'a str,
    /// Participants, as text.
    pub participants: String,
    /// Completed, as text.
    pub completed: String,
    /// The staff it was meant for, as text, or none.
    pub staff: Option<String>,
    /// "N av M" of the staff, or none.
    pub of_staff: Option<String>,
    /// The share of the staff trained, as text, or none.
    pub share_text: Option<String>,
}

/// One indicator of the year.
#[derive(Serialize)]
pub struct IndicatorRow<'a> {
    /// Its area.
    pub area: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its unit ("%" or another).
    pub unit: &'a str,
    /// For women, as text.
    pub women: String,
    /// For men, as text.
    pub men: String,
    /// In all, as text.
    pub total: String,
    /// For women, as a number.
    pub women_value: Option<f64>,
    /// For men, as a number.
    pub men_value: Option<f64>,
    /// The target in words ("minst 80 %"), or none.
    pub target: Option<String>,
    /// Whether the target was met, or none without one.
    pub met: Option<bool>,
    /// That as text.
    pub met_text: String,
    /// Last year's total, as text.
    pub previous: String,
    /// The change since last year, signed, or none.
    pub change: Option<String>,
    /// Where the figure comes from.
    pub source: &'a str,
    /// A comment on it.
    pub comment: &'a str,
}

/// Rows of indicators whose split is for the same two groups.
#[derive(Serialize)]
pub struct Groups {
    /// The first group, as a column names it: "Kvinnor", "Flickor".
    pub first: String,
    /// The second: "Män", "Pojkar".
    pub second: String,
    /// The rows, as indices into the list they are of.
    pub rows: Vec<usize>,
}

/// A chart of percentage indicators for two groups.
#[derive(Serialize)]
pub struct SplitChart {
    /// Its heading: "Flickor och pojkar".
    pub heading: String,
    /// Its caption.
    pub caption: String,
    /// The chart in words, for screen readers.
    pub alt: String,
    /// Its two groups, and its rows as indices into `split`.
    pub groups: Groups,
}

/// A percentage indicator for its two groups.
#[derive(Serialize)]
pub struct SplitRow<'a> {
    /// Its name.
    pub name: &'a str,
    /// For women.
    pub women: Option<f64>,
    /// For men.
    pub men: Option<f64>,
    /// For women, as text.
    pub women_text: String,
    /// For men, as text.
    pub men_text: String,
}
