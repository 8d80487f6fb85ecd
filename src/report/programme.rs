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

    let mut orgs: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let full_rows: std::collections::HashSet<usize> =
        plan.docs.iter().filter(|d| d.kind == DocKind::Kursintyg).map(|d| d.row).collect();
    for p in participants {
        let name = if p.organisation.trim().is_empty() {
            word(lang, "no_organisation").to_owned()
        } else {
            p.organisation.trim().to_owned()
        };
        let e = orgs.entry(name).or_default();
        e.0 += 1;
        e.1 += usize::from(full_rows.contains(&p.row));
    }
    let named = orgs.keys().filter(|k| !k.starts_with('('));
    let municipalities = named.clone().filter(|o| body(o) == Body::Municipality).count();
    let regions = named.clone().filter(|o| body(o) == Body::Region).count();
    let organisations = named.count();
    let mut org_rows: Vec<(&String, &(usize, usize))> = orgs.iter().collect();
    org_rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(b.0)));

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
        organisations: org_rows
            .iter()
            .map(|(name, (p, done))| data::OrganisationRow {
                name,
                participants: *p,
                completed: *done,
                participants_text: count(*p, lang),
                completed_text: count(*done, lang),
            })
            .collect(),
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
        "by_organisation": org_rows.iter().map(|(name, (p, done))| json!({ "name": name, "participants": p, "completed": done })).collect::<Vec<_>>(),
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
