//! The programme report: who took part, from where, how many completed,
//! attendance per session, and the certificates issued.

use std::collections::BTreeMap;

use serde_json::json;

use super::data;
use super::{Report, count, share};
use crate::check::{Participant, session_label};
use crate::locale::words::{phrase, word};
use crate::locale::{self, Lang};
use crate::plan::data::{Document, Issuer};
use crate::plan::{DocKind, Plan};
use crate::project::{Course, Project};

/// What kind of body an organisation is, from its name: Swedish
/// municipalities are called "… kommun" or "… stad", regions "Region …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// A municipality.
    Municipality,
    /// A region.
    Region,
    /// Anything else.
    Other,
}

/// Classifies an organisation by its name.
pub fn body(name: &str) -> Body {
    let lower = name.trim().to_lowercase();
    if lower.ends_with(" kommun") || lower.ends_with(" stad") || lower.ends_with(" kommune") {
        Body::Municipality
    } else if lower.starts_with("region ") || lower.ends_with(" region") || lower.ends_with("regionen") {
        Body::Region
    } else {
        Body::Other
    }
}

/// Participants of one organisation, or one municipality or region.
struct Tally {
    /// Its name, or "(organisation saknas)".
    name: String,
    /// Whether the rows it counts left the column empty.
    unnamed: bool,
    /// How many took part (or registered).
    participants: usize,
    /// How many completed the programme (or came).
    completed: usize,
}

impl Tally {
    /// The row as the template gets it.
    fn data(&self, lang: Lang) -> data::OrganisationRow<'_> {
        data::OrganisationRow {
            name: &self.name,
            participants: self.participants,
            completed: self.completed,
            participants_text: count(self.participants, lang),
            completed_text: count(self.completed, lang),
        }
    }

    /// The row as `--figures` writes it.
    fn figures(&self) -> serde_json::Value {
        json!({ "name": self.name, "participants": self.participants, "completed": self.completed })
    }
}

/// Participants counted by what `key` says of them, most first, then by
/// name; an empty cell counts under `unnamed`.
fn tally(
    participants: &[Participant],
    completed: &std::collections::HashSet<usize>,
    key: impl Fn(&Participant) -> &str,
    unnamed: &str,
) -> Vec<Tally> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for p in participants {
        let e = counts.entry(key(p).trim()).or_default();
        e.0 += 1;
        e.1 += usize::from(completed.contains(&p.row));
    }
    let mut rows: Vec<Tally> = counts
        .into_iter()
        .map(|(name, (participants, completed))| Tally {
            name: if name.is_empty() { unnamed.to_owned() } else { name.to_owned() },
            unnamed: name.is_empty(),
            participants,
            completed,
        })
        .collect();
    rows.sort_by(|a, b| b.participants.cmp(&a.participants).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// A session's label for a chart: the part of its title before a colon
/// ("Dag 1: Mänskliga rättigheter…" → "Dag 1"), else "Tillfälle N".
fn short_label(title: &str, i: usize, lang: Lang) -> String {
    match title.split_once(':') {
        Some((head, _)) if head.chars().count() <= 12 => head.trim().to_owned(),
        _ if title.chars().count() <= 14 => title.to_owned(),
        _ => phrase(lang, "session_n", &[("n", &(i + 1).to_string())]),
    }
}

/// Builds the programme report of a checked and planned programme.
pub fn build(project: &Project, c: &Course, participants: &[Participant], plan: &Plan, lang: Lang) -> Report {
    let issuer = &project.common.issuer;
    let n = participants.len();
    let full = plan.docs.iter().filter(|d| d.kind == DocKind::Kursintyg).count();
    let partial = plan.docs.iter().filter(|d| d.kind == DocKind::Deltagarintyg).count();

    let full_rows: std::collections::HashSet<usize> =
        plan.docs.iter().filter(|d| d.kind == DocKind::Kursintyg).map(|d| d.row).collect();
    let org_rows = tally(participants, &full_rows, |p| &p.organisation, word(lang, "no_organisation"));
    let organisations = org_rows.iter().filter(|r| !r.unnamed).count();
    // A column of municipalities and regions beside the organisations
    // (`Kommun/region`) counts them, and gets a table of its own; without
    // one, they are told from the organisations' names.
    let by_place = participants.iter().any(|p| !p.municipality.trim().is_empty());
    let place_rows = if by_place {
        tally(participants, &full_rows, |p| &p.municipality, word(lang, "no_municipality"))
    } else {
        Vec::new()
    };
    let (municipalities, regions) = if by_place {
        let named = place_rows.iter().filter(|r| !r.unnamed);
        let regions = named.clone().filter(|r| body(&r.name) == Body::Region).count();
        (named.count() - regions, regions)
    } else {
        let named = org_rows.iter().filter(|r| !r.unnamed);
        (
            named.clone().filter(|r| body(&r.name) == Body::Municipality).count(),
            named.filter(|r| body(&r.name) == Body::Region).count(),
        )
    };

    let attendance: Vec<usize> = (0..c.sessions.len())
        .map(|i| participants.iter().filter(|p| p.attended.get(i).copied().unwrap_or(false)).count())
        .collect();
    let sessions: Vec<data::SessionRow> = c
        .sessions
        .iter()
        .zip(&attendance)
        .enumerate()
        .map(|(i, (s, &attended))| data::SessionRow {
            label: short_label(&session_label(s, i), i, lang),
            title: session_label(s, i),
            date_text: locale::unbroken_dates(&locale::date(s.date, lang), lang),
            attended,
            attended_text: count(attended, lang),
            share_text: locale::percent(attended as f64, n as f64, lang),
        })
        .collect();
    let dates: Vec<chrono::NaiveDate> = c.sessions.iter().map(|s| s.date).collect();
    let completion = locale::percent(full as f64, n as f64, lang);

    let label = |key: &str| word(lang, key);
    let figure = |key: &str, value: String| data::Figure { label: label(key).to_owned(), value };
    // Figures that do not apply are left out, not shown as 0: no
    // "0 Kommuner" for a programme of companies, no "0 Deltagarintyg" for
    // one that gives none.
    let gives_participation = c.eligibility.participation_certificate;
    // A conference's records are its registrations: who registered, and
    // who of them came.
    let day = c.sessions.len() == 1 && !c.agenda.is_empty();
    let summary: Vec<data::Figure> = [
        Some(figure(if day { "registered" } else { "participants" }, count(n, lang))),
        (organisations > 0).then(|| figure("organisations", count(organisations, lang))),
        (municipalities > 0).then(|| figure("municipalities", count(municipalities, lang))),
        (regions > 0).then(|| figure("regions", count(regions, lang))),
        Some(figure(if day { "share_attended" } else { "completed_programme" }, completion)),
        Some(figure(if day { "konferensintyg" } else { "course_certificates" }, count(full, lang))),
        gives_participation.then(|| figure("participation_certificates", count(partial, lang))),
        Some(figure("no_certificate", count(plan.not_eligible.len(), lang))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let chart_alt = {
        let parts: Vec<String> = sessions
            .iter()
            .map(|s| {
                let (session, date, count) = (s.label.as_str(), s.date_text.as_str(), s.attended_text.as_str());
                phrase(lang, "attendance_alt_part", &[("session", session), ("date", date), ("count", count)])
            })
            .collect();
        phrase(lang, "attendance_alt", &[("n", &n.to_string()), ("parts", &parts.join("; "))])
    };
    let certificates: Vec<data::CertificateRow> = plan
        .docs
        .iter()
        .map(|d| data::CertificateRow {
            id: &d.id,
            name: &participants[d.holder].name,
            organisation: &participants[d.holder].organisation,
            kind: d.kind,
            kind_text: d.kind.title(lang),
        })
        .collect();
    let not_eligible: Vec<data::NotEligibleRow> = plan
        .not_eligible
        .iter()
        .map(|x| data::NotEligibleRow {
            name: &x.name,
            organisation: &x.organisation,
            missed: locale::join_list(&x.missed, lang),
        })
        .collect();

    let data = crate::plan::data::value(&data::ProgrammeReport {
        lang: lang.code(),
        issuer: Issuer { name: &issuer.name, logo: crate::plan::image_path(&issuer.logo) },
        look: crate::plan::data::Look::of(&project.common.look),
        title: label("programme_report"),
        programme: data::ReportProgramme {
            name: &c.programme.name,
            code: &c.programme.code,
            place: &c.programme.place,
            description: &c.programme.description,
            dates_text: locale::unbroken_dates(&locale::date_set(&dates, lang), lang),
            hours_text: c.programme.hours.map(|h| locale::number(h, 1, lang)),
        },
        issued_text: locale::date(c.issued(), lang),
        summary,
        sessions,
        attendance_alt: chart_alt,
        participants: n,
        day,
        organisations: org_rows.iter().map(|r| r.data(lang)).collect(),
        places: place_rows.iter().map(|r| r.data(lang)).collect(),
        certificates,
        not_eligible,
        document: Document {
            title: format!("{} – {}", label("programme_report"), c.programme.name),
            author: issuer.name.clone(),
            subject: c.programme.description.clone(),
            keywords: vec![label("programme_report").to_owned(), c.programme.name.clone(), c.programme.code.clone()],
        },
    });
    let figures = json!({
        "programme": c.programme.name,
        "code": c.programme.code,
        "participants": n,
        "organisations": organisations,
        "municipalities": municipalities,
        "regions": regions,
        "completed": full,
        "completion_rate_percent": share(full, n),
        "kursintyg": full,
        "deltagarintyg": partial,
        "not_eligible": plan.not_eligible.len(),
        "sessions": c.sessions.iter().zip(&attendance).enumerate().map(|(i, (s, &attended))| {
            json!({ "label": session_label(s, i), "date": s.date, "attended": attended, "share_percent": share(attended, n) })
        }).collect::<Vec<_>>(),
        "by_organisation": org_rows.iter().map(Tally::figures).collect::<Vec<_>>(),
        "by_municipality": place_rows.iter().map(Tally::figures).collect::<Vec<_>>(),
        "certificates": plan.docs.iter().map(|d| json!({ "id": d.id, "name": participants[d.holder].name, "kind": d.kind })).collect::<Vec<_>>(),
    });
    Report { data, figures }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn municipalities_and_regions_are_told_by_name() {
        assert_eq!(body("Umeå kommun"), Body::Municipality);
        assert_eq!(body("Göteborgs Stad"), Body::Municipality);
        assert_eq!(body("Region Västerbotten"), Body::Region);
        assert_eq!(body("Länsstyrelsen i Norrbotten"), Body::Other);
    }
}
