//! A report folder (`kind = "report"`): the annual report's title and
//! sections, and the programme and diploma folders whose registers it counts.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{FILE_NAME, Keys};
use crate::problem::{Problem, Problems};

/// What a report folder reports on.
#[derive(Debug, Clone)]
pub struct Report {
    /// Its title and year.
    pub settings: ReportSettings,
    /// Its narrative sections, in order.
    pub sections: Vec<Section>,
    /// The indicators file (CSV), relative to the folder.
    pub indicators: Option<PathBuf>,
    /// Training programme folders it counts.
    pub trainings: Vec<TrainingSource>,
    /// Diploma scheme folders it counts.
    pub diplomas: Vec<DiplomaSource>,
}

/// What an annual report is.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Its title, e.g. "Rapport om arbetet med mänskliga rättigheter".
    pub title: String,
    /// The year it reports on.
    pub year: i32,
    /// A line under the title.
    #[serde(default)]
    pub subtitle: String,
    /// How many staff the organisation has in all: the share of them
    /// trained in the year counts each person once, however many
    /// trainings they completed.
    pub staff: Option<u32>,
    /// Who decided the report (the colophon): "Kommunstyrelsen".
    #[serde(default)]
    pub decided_by: String,
    /// The day it was decided.
    #[serde(default, deserialize_with = "super::file::de_opt_date")]
    pub decided: Option<chrono::NaiveDate>,
    /// The decision's case reference (diarienummer).
    #[serde(default)]
    pub case_ref: String,
    /// Whom to ask about it: a name, a role, an address.
    #[serde(default)]
    pub contact: String,
}

/// A narrative section of a report: Markdown in intyg.toml or in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Its heading.
    pub title: String,
    /// Its text (Markdown).
    pub text: Option<String>,
    /// A Markdown file with its text, relative to the folder.
    pub file: Option<PathBuf>,
}

/// A training programme folder a report counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSource {
    /// The programme folder, relative to the report folder.
    pub folder: PathBuf,
    /// How many staff the training was meant for, for the share trained.
    pub staff: Option<u32>,
}

/// A diploma scheme folder a report counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiplomaSource {
    /// The scheme folder, relative to the report folder.
    pub folder: PathBuf,
}

/// The problem of a report folder without `[report]`.
pub(super) fn no_settings(keys: &Keys) -> Problem {
    Problem::error(
        keys.file(),
        tr!("a report folder needs a [report] table", "en rapportmapp behöver en [report]-tabell"),
    )
    .hint(tr!(
        "add [report] with title = \"…\" and year = 2026",
        "lägg till [report] med title = \"…\" och year = 2026"
    ))
}

impl Report {
    /// The folders it counts: trainings, then diploma schemes.
    pub fn folders(&self) -> impl Iterator<Item = &PathBuf> {
        self.trainings.iter().map(|t| &t.folder).chain(self.diplomas.iter().map(|d| &d.folder))
    }

    /// Checks what serde cannot: each section has one text, and the files
    /// and folders it names are there.
    pub(super) fn validate(&self, dir: &Path, keys: &Keys, problems: &mut Problems) {
        for s in &self.sections {
            match (&s.text, &s.file) {
                (Some(_), Some(_)) | (None, None) => problems.push({
                    let title = &s.title;
                    Problem::error(
                        keys.at("title"),
                        tr!(
                            "the section \"{title}\" needs either text or file",
                            "avsnittet \"{title}\" behöver antingen text eller file"
                        ),
                    )
                    .hint(tr!(
                        "write text = \"\"\"…\"\"\" or file = \"avsnitt.md\", not both",
                        "skriv text = \"\"\"…\"\"\" eller file = \"avsnitt.md\", inte båda"
                    ))
                }),
                (None, Some(f)) if !dir.join(f).is_file() => problems.push({
                    let f = f.display();
                    Problem::error(
                        keys.at("file"),
                        tr!("the section file \"{f}\" is not there", "avsnittsfilen \"{f}\" finns inte"),
                    )
                    .hint(relative_to_report())
                }),
                _ => {}
            }
        }
        if let Some(ind) = &self.indicators
            && !dir.join(ind).is_file()
        {
            problems.push(
                Problem::error(keys.at("indicators"), {
                    let ind = ind.display();
                    tr!("the indicators file \"{ind}\" is not there", "indikatorfilen \"{ind}\" finns inte")
                })
                .hint(relative_to_report()),
            );
        }
        for folder in self.folders() {
            if !dir.join(folder).join(FILE_NAME).is_file() {
                problems.push(
                    Problem::error(keys.at("folder"), {
                        let folder = folder.display();
                        tr!(
                            "\"{folder}\" is not a folder with an {FILE_NAME}",
                            "\"{folder}\" är ingen mapp med en {FILE_NAME}"
                        )
                    })
                    .hint(tr!(
                        "name a programme or diploma folder, relative to the report folder",
                        "ange en program- eller diplommapp, relativt till rapportmappen"
                    )),
                );
            }
        }
    }
}

/// The hint for a path the report folder does not hold.
fn relative_to_report() -> String {
    tr!("paths in intyg.toml are relative to the report folder", "sökvägar i intyg.toml är relativa till rapportmappen")
}
