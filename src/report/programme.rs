//! The programme report: who took part, from where, how many completed,
//! attendance per session, and the certificates issued.

use std::collections::{BTreeMap, HashSet};

use serde_json::json;

use super::data;
use super::{Report, count, share};
use crate::check::{Participant, session_label};
use crate::kind::{Evidence, Kind};
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
    /// How many took part (registered; of an e-learning course, started).
    participants: usize,
    /// How many completed the programme (or came).
    completed: usize,
    /// Of an e-learning course, how many were assigned it and never
    /// started.
    not_started: usize,
}

impl Tally {
    /// The row as the template gets it, its counts as `kind` has them.
    fn data(&self, counts: &Counts, lang: Lang) -> data::OrganisationRow<'_> {
        let mut texts = vec![count(self.participants, lang), count(self.completed, lang)];
        if counts.not_started {
            texts.push(count(self.not_started, lang));
        }
        data::OrganisationRow {
            name: &self.name,
            participants: self.participants,
            completed: self.completed,
            participants_text: count(self.participants, lang),
            completed_text: count(self.completed, lang),
            texts,
        }
    }

    /// The row as `--figures` writes it.
    fn figures(&self, counts: &Counts) -> serde_json::Value {
        let mut row = json!({ "name": self.name, "participants": self.participants, "completed": self.completed });
        if counts.not_started {
            row["not_started"] = json!(self.not_started);
        }
        row
    }
}

/// Participants counted by what `key` says of them, most first, then by
/// name; an empty cell counts under `unnamed`.
fn tally(
    participants: &[Participant],
    completed: &HashSet<usize>,
    took_part: &dyn Fn(&Participant) -> bool,
    key: impl Fn(&Participant) -> &str,
    unnamed: &str,
) -> Vec<Tally> {
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for p in participants {
        let e = counts.entry(key(p).trim()).or_default();
        if took_part(p) {
            e.0 += 1;
        } else {
            e.2 += 1;
        }
        e.1 += usize::from(completed.contains(&p.row));
    }
    let mut rows: Vec<Tally> = counts
        .into_iter()
        .map(|(name, (participants, completed, not_started))| Tally {
            name: if name.is_empty() { unnamed.to_owned() } else { name.to_owned() },
            unnamed: name.is_empty(),
            participants,
            completed,
            not_started,
        })
        .collect();
    rows.sort_by(|a, b| {
        (b.participants + b.not_started).cmp(&(a.participants + a.not_started)).then_with(|| a.name.cmp(&b.name))
    });
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

/// What a kind of programme counts, as words-table keys: who took part,
/// who completed it, and whether those assigned who never started are
/// counted apart (an e-learning course).
struct Counts {
    /// "Deltagare", "Anmälda", "Påbörjade".
    participants: &'static str,
    /// "Fullföljde", "Kom", "Slutförde".
    completed: &'static str,
    /// The share of the one in the other.
    share: &'static str,
    /// Whether "Ej påbörjade" is a column of its own.
    not_started: bool,
}

impl Counts {
    fn of(kind: Kind) -> Counts {
        match kind.spec().evidence {
            Evidence::Completion => Counts {
                participants: "started",
                completed: "completed_course",
                share: "share_completed",
                not_started: true,
            },
            _ if kind.spec().agenda => Counts {
                participants: "registered",
                completed: "attended_the_day",
                share: "share_attended",
                not_started: false,
            },
            _ => Counts {
                participants: "participants",
                completed: "completed",
                share: "completed_programme",
                not_started: false,
            },
        }
    }

    /// The headers of the organisation tables' columns after the name.
    fn columns(&self, lang: Lang) -> Vec<&'static str> {
        let mut out = vec![word(lang, self.participants), word(lang, self.completed)];
        if self.not_started {
            out.push(word(lang, "not_started"));
        }
        out
    }
}

/// Builds the programme report of a checked and planned programme: its
/// figures and sections as its kind has them (a course's attendance per
/// session, a conference's registered and attended, an e-learning course's
/// status and completions per month), none printed empty.
pub fn build(project: &Project, c: &Course, participants: &[Participant], plan: &Plan, lang: Lang) -> Report {
    let issuer = &project.common.issuer;
    let kind = c.kind;
    let counts = Counts::of(kind);
    let full_kind = kind.document().unwrap_or(DocKind::Kursintyg);
    let full = plan.docs.iter().filter(|d| d.kind == full_kind).count();
    let partial = plan.docs.iter().filter(|d| d.kind == DocKind::Deltagarintyg).count();
    let full_rows: HashSet<usize> = plan.docs.iter().filter(|d| d.kind == full_kind).map(|d| d.row).collect();
    // Of an e-learning course, who took part is who started it: those
    // assigned it who never did are counted apart, not as participants.
    let by_completion = kind.by_completion();
    let took_part = |p: &Participant| !by_completion || p.completed || crate::check::started(&p.status);
    let n = participants.iter().filter(|p| took_part(p)).count();
    let not_started = participants.len() - n;

    let org_rows = tally(participants, &full_rows, &took_part, |p| &p.organisation, word(lang, "no_organisation"));
    let organisations = org_rows.iter().filter(|r| !r.unnamed).count();
    // A column of municipalities and regions beside the organisations
    // (`Kommun/region`) counts them, and gets a table of its own; without
    // one, they are told from the organisations' names.
    let by_place = participants.iter().any(|p| !p.municipality.trim().is_empty());
    let place_rows = if by_place {
        tally(participants, &full_rows, &took_part, |p| &p.municipality, word(lang, "no_municipality"))
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
    // Attendance per session is a course's: a conference's one day is its
    // figures, an e-learning course has no sessions.
    let sessions: Vec<data::SessionRow> = if kind.spec().agenda {
        Vec::new()
    } else {
        c.sessions
            .iter()
            .zip(&attendance)
            .enumerate()
            .map(|(i, (s, &attended))| data::SessionRow {
                label: short_label(&session_label(s, i, lang), i, lang),
                title: session_label(s, i, lang),
                date_text: locale::unbroken_dates(&locale::date(s.date, lang), lang),
                attended,
                attended_text: count(attended, lang),
                share_text: locale::percent(attended as f64, n as f64, lang),
            })
            .collect()
    };
    let completed_on: Vec<chrono::NaiveDate> =
        plan.docs.iter().filter(|d| d.kind == full_kind).filter_map(|d| participants[d.holder].completed_on).collect();
    let dates: Vec<chrono::NaiveDate> = c.sessions.iter().map(|s| s.date).collect();
    let dates_text = match (completed_on.iter().min(), completed_on.iter().max()) {
        (Some(first), Some(last)) if by_completion => {
            locale::unbroken_dates(&locale::period(*first, *last, lang), lang)
        }
        _ => locale::unbroken_dates(&locale::date_set(&dates, lang), lang),
    };
    let completion = locale::percent(full as f64, n as f64, lang);

    let label = |key: &str| word(lang, key);
    let figure = |key: &str, value: String| data::Figure { label: label(key).to_owned(), value };
    // Figures that do not apply are left out, not shown as 0: no
    // "0 Kommuner" for a programme of companies, no "0 Deltagarintyg" for
    // one that gives none.
    let gives_participation =
        kind.spec().documents.contains(&DocKind::Deltagarintyg) && c.eligibility.participation_certificate;
    let places = [
        (organisations > 0).then(|| figure("organisations", count(organisations, lang))),
        (municipalities > 0).then(|| figure("municipalities", count(municipalities, lang))),
        (regions > 0).then(|| figure("regions", count(regions, lang))),
    ];
    let documents = [
        Some(figure(&format!("{}_plural", full_kind.name()), count(full, lang))),
        (gives_participation && partial > 0).then(|| figure("deltagarintyg_plural", count(partial, lang))),
    ];
    // A course: who was on the list, from where, the share who completed
    // it, and the documents. A conference and an e-learning course first
    // say who took part and who completed it, each in its own words.
    let summary: Vec<data::Figure> = if kind.spec().evidence == Evidence::Attendance && !kind.spec().agenda {
        std::iter::once(Some(figure(counts.participants, count(n, lang))))
            .chain(places)
            .chain([Some(figure(counts.share, completion))])
            .chain(documents)
            // A card carries information: none says "0 Utan intyg".
            .chain([
                (!plan.not_eligible.is_empty()).then(|| figure("no_certificate", count(plan.not_eligible.len(), lang)))
            ])
            .flatten()
            .collect()
    } else {
        [
            Some(figure(counts.participants, count(n, lang))),
            Some(figure(counts.completed, count(full, lang))),
            Some(figure(counts.share, completion)),
            counts.not_started.then(|| figure("not_started", count(not_started, lang))),
        ]
        .into_iter()
        .chain(places)
        .chain(documents)
        .flatten()
        .collect()
    };
    let attendance_alt = {
        let parts: Vec<String> = sessions
            .iter()
            .map(|s| {
                let (session, date, count) = (s.label.as_str(), s.date_text.as_str(), s.attended_text.as_str());
                phrase(lang, "attendance_alt_part", &[("session", session), ("date", date), ("count", count)])
            })
            .collect();
        phrase(lang, "attendance_alt", &[("n", &n.to_string()), ("parts", &parts.join("; "))])
    };
    let chart = if by_completion {
        months_chart(&completed_on, lang)
    } else if sessions.is_empty() {
        None
    } else {
        Some(data::Chart {
            heading: label("attendance_per_session"),
            caption: label("attendance_caption"),
            alt: attendance_alt.clone(),
            max: n,
            columns: vec![label("session"), label("date"), label("present"), label("share")],
            rows: sessions
                .iter()
                .map(|s| data::ChartRow {
                    label: s.label.clone(),
                    title: s.title.clone(),
                    value: s.attended,
                    text: format!("{} ({})", s.attended_text, s.share_text),
                    cells: vec![s.date_text.clone(), s.attended_text.clone(), s.share_text.clone()],
                })
                .collect(),
        })
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
    let (not_eligible_heading, not_eligible_why) = if kind.spec().agenda {
        (label("did_not_attend"), None)
    } else if by_completion {
        (label("no_certificate"), Some(label("status")))
    } else {
        (label("no_certificate"), Some(label("sessions_missed")))
    };
    let not_eligible: Vec<data::NotEligibleRow> = plan
        .not_eligible
        .iter()
        .map(|x| data::NotEligibleRow {
            name: &x.name,
            organisation: &x.organisation,
            missed: locale::join_list(&x.missed, lang),
            why: match (&x.status, not_eligible_why.is_some()) {
                (_, false) => String::new(),
                (Some(status), true) => capitalized(&status.text(lang)),
                (None, true) => locale::join_list(&x.missed, lang),
            },
        })
        .collect();
    let definitions = definitions(kind, c, &counts, lang);

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
            dates_text,
            hours_text: c.programme.hours.map(|h| locale::number(h, 1, lang)),
        },
        issued_text: locale::date(c.issued(), lang),
        summary,
        chart,
        counted: counts.columns(lang),
        organisations: org_rows.iter().map(|r| r.data(&counts, lang)).collect(),
        places: place_rows.iter().map(|r| r.data(&counts, lang)).collect(),
        certificates,
        not_eligible_heading,
        not_eligible_why,
        not_eligible,
        definitions,
        sessions,
        attendance_alt,
        participants: n,
        day: kind.spec().agenda,
        document: Document {
            title: format!("{} – {}", label("programme_report"), c.programme.name),
            author: issuer.name.clone(),
            subject: c.programme.description.clone(),
            keywords: vec![label("programme_report").to_owned(), c.programme.name.clone(), c.programme.code.clone()],
        },
    });
    let mut figures = json!({
        "programme": c.programme.name,
        "code": c.programme.code,
        "participants": n,
        "organisations": organisations,
        "municipalities": municipalities,
        "regions": regions,
        "completed": full,
        "completion_rate_percent": share(full, n),
        "not_eligible": plan.not_eligible.len(),
        "by_organisation": org_rows.iter().map(|r| r.figures(&counts)).collect::<Vec<_>>(),
        "by_municipality": place_rows.iter().map(|r| r.figures(&counts)).collect::<Vec<_>>(),
        "certificates": plan.docs.iter().map(|d| json!({ "id": d.id, "name": participants[d.holder].name, "kind": d.kind })).collect::<Vec<_>>(),
    });
    if !kind.spec().agenda && !by_completion {
        figures["sessions"] = c
            .sessions
            .iter()
            .zip(&attendance)
            .enumerate()
            .map(|(i, (s, &attended))| {
                json!({ "label": session_label(s, i, lang), "date": s.date, "attended": attended, "share_percent": share(attended, n) })
            })
            .collect();
    }
    if by_completion {
        figures["not_started"] = json!(not_started);
    }
    // Each document counted under its register name: a conference's
    // certificates of attendance are no kursintyg.
    figures[full_kind.name()] = json!(full);
    if kind.spec().documents.contains(&DocKind::Deltagarintyg) {
        figures[DocKind::Deltagarintyg.name()] = json!(partial);
    }
    Report { data, figures }
}

/// Completions per month, from the first month one was completed to the
/// last, months without any included; none when nobody completed it.
fn months_chart(completed_on: &[chrono::NaiveDate], lang: Lang) -> Option<data::Chart> {
    use chrono::Datelike;
    let first = *completed_on.iter().min()?;
    let last = *completed_on.iter().max()?;
    let mut per: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    let mut month = first.with_day(1)?;
    while month <= last {
        per.insert((month.year(), month.month()), 0);
        month = month.checked_add_months(chrono::Months::new(1))?;
    }
    for d in completed_on {
        *per.entry((d.year(), d.month())).or_default() += 1;
    }
    let rows: Vec<data::ChartRow> = per
        .iter()
        .filter_map(|(&(y, m), &n)| {
            let name = locale::month(chrono::NaiveDate::from_ymd_opt(y, m, 1)?, lang);
            Some(data::ChartRow {
                label: name.clone(),
                title: name,
                value: n,
                text: count(n, lang),
                cells: vec![count(n, lang)],
            })
        })
        .collect();
    let parts: Vec<String> = rows.iter().map(|r| format!("{}: {}", r.title, r.text)).collect();
    Some(data::Chart {
        heading: word(lang, "completions_per_month"),
        caption: word(lang, "completions_caption"),
        alt: phrase(lang, "completions_alt", &[("parts", &parts.join("; "))]),
        max: rows.iter().map(|r| r.value).max().unwrap_or(1).max(1),
        columns: vec![word(lang, "month"), word(lang, "completed_course")],
        rows,
    })
}

/// `status` with a capital first letter, as a table's cells begin.
fn capitalized(status: &str) -> String {
    let mut chars = status.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// What each figure of a `kind`'s programme report counts, in plain
/// words, for the report's "Om siffrorna".
fn definitions(kind: Kind, c: &Course, counts: &Counts, lang: Lang) -> Vec<data::Definition> {
    let define = |term: &str, key: &str, values: &[(&str, &str)]| data::Definition {
        term: word(lang, term).to_owned(),
        meaning: phrase(lang, key, values),
    };
    let (n, min) = (c.sessions.len(), c.min_sessions());
    let mark = c.programme.pass_mark.map(|m| locale::number(m, 1, lang));
    let mut out = vec![define(counts.participants, &format!("means_{}", counts.participants), &[])];
    out.push(match (kind.spec().evidence, &mark) {
        (Evidence::Completion, Some(mark)) => {
            define(counts.completed, "means_completed_course_mark", &[("mark", mark)])
        }
        (Evidence::Completion, None) => define(counts.completed, "means_completed_course", &[]),
        _ if kind.spec().agenda => define(counts.completed, "means_attended_the_day", &[]),
        _ if n == 1 => define(counts.completed, "means_completed_one", &[]),
        _ if min == n => define(counts.completed, "means_completed_all", &[("n", &locale::few(n, lang))]),
        _ => define(
            counts.completed,
            "means_completed",
            &[("min", &locale::few(min, lang)), ("n", &locale::few(n, lang))],
        ),
    });
    if counts.not_started {
        out.push(define("not_started", "means_not_started", &[]));
    }
    out.push(define(counts.share, &format!("means_{}", counts.share), &[]));
    out
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
