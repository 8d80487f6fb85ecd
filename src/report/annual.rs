//! The annual MR report: diplomas by sector, trainings and the share of
//! staff trained, indicators against their targets and last year, and the
//! narrative sections, for one year.
//!
//! Diplomas are counted per holding (an organisation in a scheme), by the
//! register's dates: *active* at the end of the year (the latest award
//! then is not revoked and still valid), *new* (a first award in the year),
//! *renewed* (a later award in the year), *expired* (the latest award ran
//! out in the year and was not renewed), *revoked* (revoked awards whose
//! validity touched the year).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};
use serde_json::json;

use super::data;
use super::indicators::{Group, Indicator};
use super::{Report, count, markup, share};
use crate::check::org::Sector;
use crate::locale::words::{phrase, word};
use crate::locale::{self, Lang};
use crate::plan::data::{Document, Issuer};
use crate::project::{Project, Report as ReportFolder};
use crate::register::{Entry, Status};

/// A training programme as the report counts it.
pub struct Training {
    /// The programme's name.
    pub name: String,
    /// Its dates, as text.
    pub dates_text: String,
    /// Everyone in its records.
    pub participants: usize,
    /// Those with a full certificate.
    pub completed: usize,
    /// The staff it was meant for.
    pub staff: Option<u32>,
    /// The year its last session was in.
    pub year: i32,
    /// Who completed it, each by their e-mail address in lower case, so
    /// that a person who completed two trainings counts once; none when
    /// one of them has no address.
    pub people: Option<Vec<String>>,
}

/// A diploma scheme as the report counts it.
pub struct Diplomas {
    /// The scheme's name.
    pub name: String,
    /// Its register, as of today, with this run's records merged in.
    pub entries: Vec<Entry>,
    /// Sector by organisation number, from the records.
    pub sectors: HashMap<String, Sector>,
    /// When each revoked award was revoked, by organisation number and
    /// award date, from the records.
    pub revoked_on: HashMap<(String, NaiveDate), NaiveDate>,
}

/// Everything an annual report is made from.
pub struct Inputs<'a> {
    /// The report folder.
    pub project: &'a Project,
    /// What it reports on.
    pub report: &'a ReportFolder,
    /// Language.
    pub lang: Lang,
    /// The year reported on.
    pub year: i32,
    /// Training programmes.
    pub trainings: Vec<Training>,
    /// Diploma schemes.
    pub diplomas: Vec<Diplomas>,
    /// Indicators of every year in the file.
    pub indicators: Vec<Indicator>,
    /// Narrative sections: title and Markdown.
    pub sections: Vec<(String, String)>,
}

/// Counts of one sector (or all) in one year.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Active at the end of the year.
    pub active: usize,
    /// First awards in the year.
    pub new: usize,
    /// Renewals in the year.
    pub renewed: usize,
    /// Ran out in the year, not renewed.
    pub expired: usize,
    /// Revoked in the year (where the day is not known: revoked, with
    /// validity in the year).
    pub revoked: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.active += o.active;
        self.new += o.new;
        self.renewed += o.renewed;
        self.expired += o.expired;
        self.revoked += o.revoked;
    }
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The counts of one holding's awards (sorted by date) in `year`. A
/// diploma is active at the end of every year from its award to its end:
/// its revocation (`revoked_on`, by award date), its replacement by a
/// later award, or its expiry. A revoked award whose day is not known
/// counts as revoked from its award, so never as active.
pub fn holding_counts(awards: &[&Entry], year: i32, revoked_on: &dyn Fn(&Entry) -> Option<NaiveDate>) -> Counts {
    let (start, end) = (ymd(year, 1, 1), ymd(year, 12, 31));
    let mut c = Counts::default();
    let latest = awards.iter().rev().find(|e| e.awarded <= end);
    if let Some(e) = latest {
        let in_force = e.valid_until.is_none_or(|u| u >= end);
        let lapsed_this_year = e.valid_until.is_some_and(|u| u >= start && u < end);
        let revoked_by_end = e.status == Status::Revoked && revoked_on(e).is_none_or(|r| r <= end);
        if !revoked_by_end {
            c.active = usize::from(in_force);
            c.expired = usize::from(lapsed_this_year);
        }
    }
    for (i, e) in awards.iter().enumerate() {
        if e.awarded.year() == year {
            if i == 0 {
                c.new += 1;
            } else {
                c.renewed += 1;
            }
        }
        let revoked_this_year = match revoked_on(e) {
            Some(r) => r.year() == year,
            None => e.awarded <= end && e.valid_until.is_none_or(|u| u >= start),
        };
        if e.status == Status::Revoked && revoked_this_year {
            c.revoked += 1;
        }
    }
    c
}

/// Builds the annual report.
pub fn build(inputs: &Inputs) -> Report {
    let (project, lang, year) = (inputs.project, inputs.lang, inputs.year);
    let issuer = &project.common.issuer;
    let t = |key: &str| word(lang, key).to_owned();
    let of = |n: usize, m: usize| phrase(lang, "n_of_m", &[("n", &count(n, lang)), ("m", &count(m, lang))]);
    let (title, subtitle) = (&inputs.report.settings.title, &inputs.report.settings.subtitle);

    // Diplomas, per sector and over the years.
    let DiplomaCounts { by_sector, by_year, totals } = count_diplomas(inputs);

    // Trainings.
    let trainings: Vec<data::TrainingRow> = inputs
        .trainings
        .iter()
        .map(|tr| data::TrainingRow {
            name: &tr.name,
            dates_text: &tr.dates_text,
            participants: count(tr.participants, lang),
            completed: count(tr.completed, lang),
            staff: tr.staff.map(|s| count(s as usize, lang)),
            of_staff: tr.staff.map(|s| of(tr.completed, s as usize)),
            share_text: tr.staff.map(|s| locale::percent(tr.completed as f64, f64::from(s), lang)),
        })
        .collect();

    // Indicators of the year, against target and last year.
    let previous: HashMap<(String, String), &Indicator> = inputs
        .indicators
        .iter()
        .filter(|i| i.year == year - 1)
        .map(|i| ((i.area.clone(), i.name.clone()), i))
        .collect();
    let this_year: Vec<&Indicator> = inputs.indicators.iter().filter(|i| i.year == year).collect();
    let value_text = |v: Option<f64>, unit: &str| value_text(v, unit, lang);
    let (indicator_rows, met_count, with_target) = indicator_rows(&this_year, &previous, lang);
    let split: Vec<&&Indicator> =
        this_year.iter().filter(|i| i.unit == "%" && i.women.is_some() && i.men.is_some()).collect();
    // Each split is for its own two groups: women and men, girls and boys.
    let indicator_tables = by_groups(this_year.iter().map(|i| &i.groups), lang);
    let splits = split_charts(&split, year, lang);
    let split_alt = splits.first().map(|s| s.alt.clone()).unwrap_or_default();

    let trained = Trained::of(&inputs.trainings, year, inputs.report.settings.staff);
    let mut summary_keys: Vec<&'static str> = Vec::new();
    let mut figure = |key: &'static str, value: String| {
        summary_keys.push(key);
        data::Figure { label: t(key), value }
    };
    // Figures of what the folder counts; a report without diploma
    // schemes (or without trainings) shows none of their zeros.
    let mut summary = Vec::new();
    if !inputs.diplomas.is_empty() {
        summary.push(figure("active_diplomas_at_year_end", count(totals.active, lang)));
        summary.push(figure("new_diplomas", count(totals.new, lang)));
        summary.push(figure("renewed_diplomas", count(totals.renewed, lang)));
    }
    if let Some((n, staff)) = trained.share {
        summary.push(figure("share_of_staff_trained", locale::percent(n as f64, f64::from(staff), lang)));
    }
    if !inputs.trainings.is_empty() {
        let key = if trained.distinct { "trained_during_year" } else { "completions_during_year" };
        summary.push(figure(key, count(trained.count, lang)));
    }
    if with_target > 0 {
        summary.push(figure("indicators_on_target", of(met_count, with_target)));
    }

    let sections: Vec<data::Section> =
        inputs.sections.iter().map(|(title, text)| data::Section { title, blocks: markup::blocks(text) }).collect();
    let data = crate::plan::data::value(&data::AnnualReport {
        lang: lang.code(),
        title,
        subtitle,
        year,
        issuer: Issuer { name: &issuer.name, logo: crate::plan::image_path(&issuer.logo) },
        look: crate::plan::data::Look::of(&project.common.look),
        summary,
        sections,
        diplomas: diplomas_data(inputs, &by_sector, &by_year, totals, lang),
        trainings,
        indicators: indicator_rows,
        split: split
            .iter()
            .map(|i| data::SplitRow {
                name: &i.name,
                women: i.women,
                men: i.men,
                women_text: value_text(i.women, "%"),
                men_text: value_text(i.men, "%"),
            })
            .collect(),
        split_alt,
        splits,
        indicator_tables,
        definitions: definitions(&summary_keys, &trained, inputs, lang),
        colophon: colophon(&inputs.report.settings, lang),
        document: Document {
            title: format!("{title} {year}"),
            author: issuer.name.clone(),
            subject: if subtitle.is_empty() { title.clone() } else { subtitle.clone() },
            keywords: vec![t("human_rights"), year.to_string(), issuer.name.clone()],
        },
    });
    let figures = figures(inputs, &by_sector, &by_year, totals, &trained, &this_year, &previous);
    Report { data, figures }
}

/// The diplomas of every scheme, counted for the report's year.
struct DiplomaCounts {
    /// Per sector, in the report's language.
    by_sector: BTreeMap<String, Counts>,
    /// Active at the end of each year, from the first award.
    by_year: BTreeMap<i32, usize>,
    /// In all.
    totals: Counts,
}

/// Counts every scheme's diplomas: each holding (an organisation's awards,
/// renewals included) once, a revoked diploma active in the years it was
/// in force.
fn count_diplomas(inputs: &Inputs) -> DiplomaCounts {
    let (lang, year) = (inputs.lang, inputs.year);
    let unknown = word(lang, "sector_unknown").to_owned();
    let mut by_sector: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_year: BTreeMap<i32, usize> = BTreeMap::new();
    let mut totals = Counts::default();
    for scheme in &inputs.diplomas {
        let mut holdings: BTreeMap<String, Vec<&Entry>> = BTreeMap::new();
        for e in &scheme.entries {
            holdings.entry(e.holding()).or_default().push(e);
        }
        let first_year = scheme.entries.iter().map(|e| e.awarded.year()).min().unwrap_or(year);
        let revoked_on = |e: &Entry| scheme.revoked_on.get(&(e.holder_id.clone(), e.awarded)).copied();
        for awards in holdings.values_mut() {
            awards.sort_by_key(|e| e.awarded);
            let counts = holding_counts(awards, year, &revoked_on);
            let sector = scheme.sectors.get(&awards[0].holder_id).map_or(unknown.clone(), |s| s.text(lang).to_owned());
            by_sector.entry(sector).or_default().add(counts);
            totals.add(counts);
            for y in first_year..=year {
                *by_year.entry(y).or_default() += holding_counts(awards, y, &revoked_on).active;
            }
        }
    }
    DiplomaCounts { by_sector, by_year, totals }
}

/// The diplomas as the report prints them: a row per sector, the years,
/// and each chart described in words.
fn diplomas_data(
    inputs: &Inputs,
    by_sector: &BTreeMap<String, Counts>,
    by_year: &BTreeMap<i32, usize>,
    totals: Counts,
    lang: Lang,
) -> data::Diplomas {
    let year = inputs.year;
    let sector_rows: Vec<data::SectorRow> =
        by_sector.iter().map(|(name, k)| data::SectorRow { name: capitalize(name), counts: *k }).collect();
    let diplomas_alt = {
        let parts: Vec<String> = by_sector
            .iter()
            .map(|(name, k)| {
                // "1 aktivt, 2 nya": the number agrees with its word.
                let n = |key: &str, n: usize| {
                    let key = if n == 1 { format!("{key}_one") } else { format!("{key}_many") };
                    phrase(lang, &key, &[("n", &n.to_string())])
                };
                let (active, new) = (n("active_n", k.active), n("new_n", k.new));
                phrase(lang, "diplomas_alt_part", &[("sector", &capitalize(name)), ("active", &active), ("new", &new)])
            })
            .collect();
        phrase(lang, "diplomas_alt", &[("year", &year.to_string()), ("parts", &parts.join("; "))])
    };
    let years_alt = {
        let parts: Vec<String> = by_year.iter().map(|(y, n)| format!("{y}: {n}")).collect();
        phrase(lang, "years_alt", &[("parts", &parts.join("; "))])
    };

    data::Diplomas {
        schemes: inputs.diplomas.iter().map(|d| d.name.clone()).collect(),
        sectors: sector_rows,
        totals,
        alt: diplomas_alt,
        by_year: by_year.iter().map(|(y, n)| data::YearRow { year: *y, active: *n }).collect(),
        by_year_alt: years_alt,
    }
}

/// A value of an indicator as a table prints it: a share with one
/// decimal and its sign (`76,9 %`), else the number; `–` for none.
fn value_text(v: Option<f64>, unit: &str, lang: Lang) -> String {
    match v {
        Some(v) if unit == "%" => locale::per_cent(&locale::fixed(v, 1, lang), lang),
        Some(v) => locale::number(v, 1, lang),
        None => "–".to_owned(),
    }
}

/// The indicators of the year as the table prints them, against target and
/// last year; with how many met their target, of how many with one.
fn indicator_rows<'a>(
    this_year: &[&'a Indicator],
    previous: &HashMap<(String, String), &Indicator>,
    lang: Lang,
) -> (Vec<data::IndicatorRow<'a>>, usize, usize) {
    let t = |key: &str| word(lang, key).to_owned();
    let value_text = |v: Option<f64>, unit: &str| value_text(v, unit, lang);
    // A target as people write it: `minst 90 %`, not `minst 90,0 %`; where
    // its line may break, the words table says (`minst` keeps its number).
    let target_value = |v: f64, unit: &str| {
        let n = locale::number(v, 1, lang);
        if unit == "%" { locale::per_cent(&n, lang) } else { n }
    };
    let mut met_count = 0;
    let mut with_target = 0;
    let indicator_rows: Vec<data::IndicatorRow> = this_year
        .iter()
        .map(|i| {
            let prev = previous.get(&(i.area.clone(), i.name.clone())).and_then(|p| p.total);
            let change = match (i.total, prev) {
                (Some(now), Some(before)) => Some(((now - before) * 10.0).round() / 10.0),
                _ => None,
            };
            let met = match (i.target, i.total) {
                (Some(target), Some(v)) => Some(target.met(v)),
                _ => None,
            };
            if let Some(m) = met {
                with_target += 1;
                met_count += usize::from(m);
            }
            let target_text = i.target.map(|tg| {
                // In words: the fonts have no ≤ ≥, and words read better.
                let side = if tg.at_most { "at_most" } else { "at_least" };
                phrase(lang, side, &[("value", &target_value(tg.value, &i.unit))])
            });
            data::IndicatorRow {
                area: &i.area,
                name: &i.name,
                unit: &i.unit,
                women: value_text(i.women, &i.unit),
                men: value_text(i.men, &i.unit),
                total: value_text(i.total, &i.unit),
                women_value: i.women,
                men_value: i.men,
                target: target_text,
                met,
                met_text: match met {
                    Some(true) => t("met"),
                    Some(false) => t("not_met"),
                    None => "–".into(),
                },
                previous: value_text(prev, &i.unit),
                // A change of a share is in percentage points, with a
                // sign either way (a real minus in Swedish).
                change: change.map(|d| {
                    let s = locale::number(d, 1, lang);
                    let s = if d > 0.0 { format!("+{s}") } else { s };
                    if i.unit == "%" { phrase(lang, "points", &[("value", &s)]) } else { s }
                }),
                source: &i.source,
                comment: &i.comment,
            }
        })
        .collect();
    (indicator_rows, met_count, with_target)
}

/// A chart for each pair of groups the indicators in per cent are split
/// by (women and men, girls and boys), each described in words.
fn split_charts(split: &[&&Indicator], year: i32, lang: Lang) -> Vec<data::SplitChart> {
    let value_text = |v: Option<f64>, unit: &str| value_text(v, unit, lang);
    by_groups(split.iter().map(|i| &i.groups), lang)
        .into_iter()
        .map(|groups| {
            let (first, second) = (groups.first.to_lowercase(), groups.second.to_lowercase());
            let parts: Vec<String> = groups
                .rows
                .iter()
                .map(|&k| {
                    let i = split[k];
                    let (a, b) = (value_text(i.women, "%"), value_text(i.men, "%"));
                    let values =
                        [("indicator", i.name.as_str()), ("first", &first), ("a", &a), ("second", &second), ("b", &b)];
                    phrase(lang, "split_alt_part", &values)
                })
                .collect();
            let named = [("first", first.as_str()), ("second", second.as_str())];
            data::SplitChart {
                heading: phrase(lang, "groups_heading", &[("first", &groups.first), ("second", &second)]),
                caption: phrase(lang, "groups_caption", &named),
                alt: phrase(
                    lang,
                    "split_alt",
                    &[
                        ("first", &first),
                        ("second", &second),
                        ("year", &year.to_string()),
                        ("parts", &parts.join("; ")),
                    ],
                ),
                groups,
            }
        })
        .collect()
}

/// The figures for programs (`--figures`), as JSON.
fn figures(
    inputs: &Inputs,
    by_sector: &BTreeMap<String, Counts>,
    by_year: &BTreeMap<i32, usize>,
    totals: Counts,
    trained: &Trained,
    this_year: &[&Indicator],
    previous: &HashMap<(String, String), &Indicator>,
) -> serde_json::Value {
    let (year, issuer) = (inputs.year, &inputs.project.common.issuer);
    json!({
        "year": year,
        "issuer": issuer.name,
        "diplomas": {
            "active": totals.active,
            "new": totals.new,
            "renewed": totals.renewed,
            "expired": totals.expired,
            "revoked": totals.revoked,
            "by_sector": by_sector.iter().map(|(name, k)| json!({ "name": capitalize(name), "active": k.active, "new": k.new, "renewed": k.renewed, "expired": k.expired, "revoked": k.revoked })).collect::<Vec<_>>(),
            "active_by_year": by_year.iter().map(|(y, n)| json!({ "year": y, "active": n })).collect::<Vec<_>>(),
        },
        // Who was trained in the year: distinct people where every training
        // knows their addresses, the completions always, and their share
        // of the staff where it can be told without adding up trainings
        // whose target groups may overlap.
        "trained": {
            "people": trained.distinct.then_some(trained.count),
            "completions": inputs.trainings.iter().filter(|tr| tr.year == year).map(|tr| tr.completed).sum::<usize>(),
            "staff": trained.share.map(|(_, staff)| staff),
            "share_of_staff_percent": trained.share.and_then(|(n, staff)| share(n, staff as usize)),
        },
        "trainings": inputs.trainings.iter().map(|tr| json!({
            // An e-learning course is a training a year: its name with the
            // year, so that every figure has a name of its own.
            "name": if inputs.trainings.iter().filter(|o| o.name == tr.name).count() > 1 { format!("{} {}", tr.name, tr.year) } else { tr.name.clone() },
            "year": tr.year,
            "participants": tr.participants,
            "completed": tr.completed,
            "staff": tr.staff,
            "share_of_staff_percent": tr.staff.and_then(|s| share(tr.completed, s as usize)),
        })).collect::<Vec<_>>(),
        "indicators": this_year.iter().map(|i| {
            let prev = previous.get(&(i.area.clone(), i.name.clone())).and_then(|p| p.total);
            json!({
                "name": i.name, "area": i.area, "unit": i.unit,
                "women": i.women, "men": i.men, "total": i.total,
                "target": i.target.map(|tg| tg.value),
                "met": match (i.target, i.total) { (Some(tg), Some(v)) => Some(tg.met(v)), _ => None },
                "previous": prev,
            })
        }).collect::<Vec<_>>(),
    })
}

/// What each figure of the summary (`keys`, as the words table names
/// them) counts, in plain words; and the diplomas over time, where there
/// are diplomas.
/// The colophon's lines, each one intyg.toml gives: "Beslutad av
/// Kommunstyrelsen den 14 februari 2027", the case reference, the contact.
fn colophon(s: &crate::project::report::ReportSettings, lang: Lang) -> Vec<data::Definition> {
    let line = |key: &str, meaning: String| data::Definition { term: word(lang, key).to_owned(), meaning };
    let decided = match (s.decided_by.trim(), s.decided) {
        ("", None) => None,
        (by, None) => Some(by.to_owned()),
        ("", Some(d)) => Some(locale::date(d, lang)),
        (by, Some(d)) => Some(phrase(lang, "decided_on", &[("by", by), ("date", &locale::date(d, lang))])),
    };
    [
        decided.map(|d| line("decided_by", d)),
        (!s.case_ref.trim().is_empty()).then(|| line("case_number", s.case_ref.trim().to_owned())),
        (!s.contact.trim().is_empty()).then(|| line("contact", s.contact.trim().to_owned())),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn definitions(keys: &[&str], trained: &Trained, inputs: &Inputs, lang: Lang) -> Vec<data::Definition> {
    let year = inputs.year.to_string();
    let define = |term: &str, key: &str, values: &[(&str, &str)]| data::Definition {
        term: word(lang, term).to_owned(),
        meaning: phrase(lang, key, values),
    };
    let mut out = Vec::new();
    for key in keys {
        out.push(match *key {
            "share_of_staff_trained" => {
                let (_, staff) = trained.share.unwrap_or_default();
                let staff = count(staff as usize, lang);
                match inputs.report.settings.staff {
                    Some(_) => define(key, "means_share_of_staff", &[("staff", &staff)]),
                    None => {
                        let training = inputs
                            .trainings
                            .iter()
                            .find(|t| t.year == inputs.year && t.staff.is_some())
                            .map_or("", |t| t.name.as_str());
                        define(key, "means_share_of_training", &[("staff", &staff), ("training", training)])
                    }
                }
            }
            other => define(other, &format!("means_{other}"), &[("year", &year)]),
        });
    }
    if !inputs.diplomas.is_empty() {
        out.push(define("active_over_time", "means_active_over_time", &[]));
    }
    out
}

/// The rows of `groups` (each row's two groups) by their two groups, in
/// the order they first come, each pair with its rows' indices.
fn by_groups<'a>(groups: impl Iterator<Item = &'a [Group; 2]>, lang: Lang) -> Vec<data::Groups> {
    let mut out: Vec<(&[Group; 2], data::Groups)> = Vec::new();
    for (k, pair) in groups.enumerate() {
        match out.iter_mut().find(|(p, _)| *p == pair) {
            Some((_, g)) => g.rows.push(k),
            None => {
                out.push((pair, data::Groups { first: pair[0].text(lang), second: pair[1].text(lang), rows: vec![k] }))
            }
        }
    }
    out.into_iter().map(|(_, g)| g).collect()
}

/// Who was trained in a year, as the report counts them.
#[derive(Debug, PartialEq, Eq)]
pub struct Trained {
    /// Distinct people (by e-mail address) when every training of the year
    /// knows its people's addresses, else completions.
    pub count: usize,
    /// Whether `count` counts people, each once.
    pub distinct: bool,
    /// Those trained and the staff they are a share of: distinct people
    /// against the organisation's declared staff, or the one training of
    /// the year that says whom it was for. Never a sum over trainings
    /// whose target groups may overlap.
    pub share: Option<(usize, u32)>,
}

impl Trained {
    /// Counts `trainings` of `year`, against the organisation's `staff`.
    pub fn of(trainings: &[Training], year: i32, staff: Option<u32>) -> Trained {
        let of_year: Vec<&Training> = trainings.iter().filter(|t| t.year == year).collect();
        let people: Option<std::collections::BTreeSet<&str>> = of_year
            .iter()
            .map(|t| t.people.as_deref())
            .collect::<Option<Vec<_>>>()
            .map(|all| all.into_iter().flatten().map(String::as_str).collect());
        let (count, distinct) = match &people {
            Some(set) => (set.len(), true),
            None => (of_year.iter().map(|t| t.completed).sum(), false),
        };
        let with_staff: Vec<&&Training> = of_year.iter().filter(|t| t.staff.is_some()).collect();
        let share = match (staff, distinct, with_staff.as_slice()) {
            (Some(total), true, _) if total > 0 => Some((count, total)),
            (Some(_), _, _) => None,
            (None, _, [one]) => one.staff.filter(|s| *s > 0).map(|s| (one.completed, s)),
            (None, _, _) => None,
        };
        Trained { count, distinct, share }
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn award(y: i32, until: Option<i32>, status: Status) -> Entry {
        Entry {
            valid_until: until.map(|u| ymd(u, 5, 1)),
            status,
            ..Entry::example(&format!("X-{y}"), "mangfaldsdiplom", "X", "AB", "556000-0000", ymd(y, 5, 1))
        }
    }

    #[test]
    fn a_holding_counts_once_per_year() {
        let first = award(2021, Some(2024), Status::Superseded);
        let renewal = award(2024, Some(2027), Status::Valid);
        let awards = [&first, &renewal];
        let unknown = |_: &Entry| None;
        assert_eq!(holding_counts(&awards, 2021, &unknown), Counts { active: 1, new: 1, ..Counts::default() });
        assert_eq!(holding_counts(&awards, 2024, &unknown), Counts { active: 1, renewed: 1, ..Counts::default() });
        assert_eq!(holding_counts(&awards, 2027, &unknown), Counts { expired: 1, ..Counts::default() });
        assert_eq!(holding_counts(&awards, 2020, &unknown), Counts::default());
        let revoked = award(2022, Some(2025), Status::Revoked);
        assert_eq!(holding_counts(&[&revoked], 2023, &unknown), Counts { revoked: 1, ..Counts::default() });
    }

    #[test]
    fn a_revoked_diploma_was_active_until_it_was_revoked() {
        // Awarded in May 2022, valid to 2025, revoked in March 2024.
        let revoked = award(2022, Some(2025), Status::Revoked);
        let on = |_: &Entry| Some(ymd(2024, 3, 1));
        assert_eq!(holding_counts(&[&revoked], 2022, &on), Counts { active: 1, new: 1, ..Counts::default() });
        assert_eq!(holding_counts(&[&revoked], 2023, &on), Counts { active: 1, ..Counts::default() });
        assert_eq!(holding_counts(&[&revoked], 2024, &on), Counts { revoked: 1, ..Counts::default() });
        assert_eq!(holding_counts(&[&revoked], 2025, &on), Counts::default());
    }
}
