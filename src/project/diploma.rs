//! A diploma folder (`kind = "diploma"`): a scheme, its criteria, and the
//! organisations awarded its diploma.

use std::path::PathBuf;

use serde::Deserialize;

use super::{CertificateText, Keys, Records};
use crate::problem::{Problem, Problems};

/// What a diploma folder awards from: its scheme and organisations.
#[derive(Debug, Clone)]
pub struct Diploma {
    /// Where the organisations are.
    pub records: Records,
    /// The diplomas' sentence and patterns (`[diploma]`).
    pub texts: CertificateText,
    /// The scheme.
    pub scheme: Scheme,
    /// Its criteria; at least one, each code once.
    pub criteria: Vec<Criterion>,
    /// Diplomas revoked by id, as intyg app writes them.
    pub revocations: std::collections::BTreeMap<String, Revocation>,
}

/// A diploma the issuer revoked: when, and why.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    /// The day it was revoked.
    #[serde(deserialize_with = "super::file::de_date")]
    pub on: chrono::NaiveDate,
    /// Why, as the decision says it.
    #[serde(default)]
    pub reason: String,
}

/// A diploma scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Its name, e.g. "Mångfaldsdiplomering – Ett Piteå för alla".
    pub name: String,
    /// A short code, used in ids.
    #[serde(default)]
    pub code: String,
    /// A sentence about the scheme.
    #[serde(default)]
    pub description: String,
    /// The least number of criteria an organisation must meet.
    #[serde(default = "default_min_criteria")]
    pub min_criteria: usize,
    /// Years a diploma is valid; 0 means it does not expire.
    #[serde(default = "default_validity")]
    pub validity_years: u32,
    /// What its diploma calls itself ("Hbtq-diplom") [default:
    /// "Mångfaldsdiplom", in the document's language].
    #[serde(default)]
    pub document_name: String,
    /// Where the award is handed over (printed with the date).
    #[serde(default)]
    pub place: String,
    /// Where documents can be checked: each shows a QR code for
    /// `verify_url/ID` (the pages `intyg publish` writes).
    pub verify_url: Option<String>,
    /// The issuer's secret key (`intyg keygen`), relative to the folder:
    /// documents then carry a signed credential.
    pub signing_key: Option<PathBuf>,
    /// Whether `intyg publish` shows holders' names on the verification
    /// pages [default: yes for organisations, no for people].
    pub publish_names: Option<bool>,
}

fn default_min_criteria() -> usize {
    1
}

fn default_validity() -> u32 {
    3
}

/// One criterion of a scheme.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Its code, as records list it (e.g. "A" or "1").
    pub code: String,
    /// What it requires.
    pub description: String,
}

/// The problem of a diploma folder without `[scheme]`.
pub(super) fn no_scheme(keys: &Keys) -> Problem {
    Problem::error(
        keys.file(),
        tr!("a diploma folder needs a [scheme] table", "en diplommapp behöver en [scheme]-tabell"),
    )
    .hint(tr!(
        "add [scheme] with name, code, min_criteria and validity_years",
        "lägg till [scheme] med name, code, min_criteria och validity_years"
    ))
}

impl Diploma {
    /// Checks what serde cannot: criteria to meet, each code once, and a
    /// least number of them the scheme has.
    pub(super) fn validate(&self, keys: &Keys, problems: &mut Problems) {
        if self.criteria.is_empty() {
            problems.push(
                Problem::error(keys.file(), tr!("the scheme has no criteria", "diplomet har inga kriterier")).hint(
                    tr!(
                        "add one [[criteria]] table per criterion, with code and description",
                        "lägg till en [[criteria]]-tabell per kriterium, med code och description"
                    ),
                ),
            );
        }
        let mut codes = std::collections::HashSet::new();
        for cr in &self.criteria {
            if !codes.insert(cr.code.trim().to_lowercase()) {
                let code = &cr.code;
                problems.push(Problem::error(
                    keys.at("code"),
                    tr!("the criterion code \"{code}\" is used twice", "kriteriekoden \"{code}\" används två gånger"),
                ));
            }
        }
        let min = self.scheme.min_criteria;
        if min == 0 || min > self.criteria.len().max(1) {
            problems.push(
                Problem::error(keys.at("min_criteria"), {
                    let n = self.criteria.len();
                    tr!(
                        "min_criteria = {min}, but the scheme has {n} criteria",
                        "min_criteria = {min}, men diplomet har {n} kriterier"
                    )
                })
                .hint(tr!(
                    "use a number from 1 to the number of criteria",
                    "ange ett tal från 1 till antalet kriterier"
                )),
            );
        }
    }
}
