//! `intyg sheets` and `intyg badges`: what a coordinator prints for the
//! door of a programme day, from the same records that certificates are
//! issued from. The signing sheet lists every registered participant by
//! surname (in Swedish order: Å, Ä, Ö last), with a row number the
//! spreadsheet's attendance can be marked by afterwards; the badges put
//! each first name large enough to read across a room.

use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::{Stop, prepare, stop};
use crate::batch::Options;
use crate::check::Participant;
use crate::cli::DoorArgs;
use crate::locale::{self, Lang};
use crate::output::write_atomic;
use crate::plan::Holders;
use crate::project::Folder;
use crate::render::{Renderer, Template};

/// Which door document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    /// The signing sheet (närvarolista).
    Signing,
    /// Name badges (namnbrickor).
    Badges,
}

impl Sheet {
    fn template(self) -> &'static str {
        match self {
            Sheet::Signing => "narvarolista",
            Sheet::Badges => "namnbrickor",
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        let key = match self {
            Sheet::Signing => "signing_sheet",
            Sheet::Badges => "name_badges",
        };
        crate::locale::words::word(lang, key)
    }
}

/// Runs `intyg sheets` or `intyg badges`.
pub fn run(args: &DoorArgs, sheet: Sheet) -> anyhow::Result<ExitCode> {
    match make(args, sheet) {
        Ok(code) => Ok(code),
        Err(s) => Ok(stop(s, false, args.quiet)),
    }
}

fn make(args: &DoorArgs, sheet: Sheet) -> Result<ExitCode, Stop> {
    let lang = super::lang_arg(args.lang.as_deref())?;
    let prepared = prepare(&Options { lang, roster: true, ..Options::new(&args.dir) })?;
    if prepared.plan.problems.has_errors() {
        return Err(Stop::Problems(prepared.plan.problems));
    }
    let (Folder::Course(course), Holders::People(people)) = (&prepared.project.folder, &prepared.holders) else {
        let dir = args.dir.display();
        return Err(Stop::usage(
            tr!("{dir} is not a programme folder", "{dir} är ingen programmapp"),
            tr!(
                "signing sheets and badges are for the participants of a programme",
                "närvarolistor och namnbrickor är till för ett programs deltagare"
            ),
        ));
    };
    let lang = prepared.lang;
    let data = data(&prepared.project, course, people, sheet, args.blank, lang);
    let template = Template::parse(sheet.template());
    let run = prepared.on;
    let renderer = Renderer::report(&prepared.project.dir, &template, super::timestamp(run));
    let ident = format!("{}-{}", course.programme.code, sheet.template());
    let rendered =
        renderer.render_report(&data, &ident).map_err(|found| Stop::Problems(super::report_problems(found)))?;
    let out: PathBuf =
        args.out.clone().unwrap_or_else(|| args.dir.join("out").join(format!("{}.pdf", sheet.template())));
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Stop::usage(super::cannot_create(&dir.display(), &e), super::another_out()))?;
    }
    write_atomic(&out, &rendered.pdf)
        .map_err(|e| Stop::usage(super::cannot_write(&out.display(), &e), super::another_out()))?;
    if !args.quiet {
        let (file, pages, n) = (out.display(), rendered.pages, people.len());
        eprintln!(
            "{}",
            if pages == 1 {
                tr!("Wrote {file} ({n} participants, 1 page)", "Skrev {file} ({n} deltagare, 1 sida)")
            } else {
                tr!("Wrote {file} ({n} participants, {pages} pages)", "Skrev {file} ({n} deltagare, {pages} sidor)")
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A participant's surname and given names, for sorting, the signing
/// sheet's "Efternamn, Förnamn" and badges: the columns where the records
/// have them, else the whole name split before its surname, which starts
/// at a particle ("af Klinteberg", "von Rosen", "bin Hassan") or is the
/// last word.
fn name_parts(p: &Participant) -> (String, String) {
    if !p.last_name.is_empty() {
        return (p.last_name.clone(), p.first_name.clone());
    }
    split_name(&p.name)
}

/// A whole name as (surname, given names).
fn split_name(name: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return (name.trim().to_owned(), String::new());
    }
    let at = (1..words.len() - 1)
        .find(|&i| PARTICLES.contains(&words[i].to_lowercase().as_str()))
        .unwrap_or(words.len() - 1);
    (words[at..].join(" "), words[..at].join(" "))
}

/// Words that begin a surname in the names Swedish registers hold:
/// Swedish and German nobility, Dutch, Romance, Arabic and Malay.
const PARTICLES: &[&str] = &[
    "af", "av", "von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "zu", "bin", "binti",
    "ibn", "al", "el",
];

/// A surname without the particles it starts with, as a register sorts
/// it: "von Rosen" under R.
fn sort_surname(last: &str) -> &str {
    let mut rest = last.trim();
    while let Some((word, after)) = rest.split_once(' ')
        && PARTICLES.contains(&word.to_lowercase().as_str())
    {
        rest = after.trim_start();
    }
    rest
}

/// A participant's place on the sheet: sort keys first, then the row.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Sorted {
    surname: Vec<u32>,
    given: Vec<u32>,
    index: usize,
    /// The given names, for the badge.
    first: String,
    last: String,
}

/// The template's data: the programme, its sessions, and the participants
/// sorted by surname, then given name, in Swedish order.
fn data(
    project: &crate::project::Project,
    course: &crate::project::Course,
    people: &[Participant],
    sheet: Sheet,
    blank: usize,
    lang: Lang,
) -> Value {
    // Surname (without its particles) and given name as sort keys, the
    // row as the tie-break.
    let mut order: Vec<Sorted> = people
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let (last, first) = name_parts(p);
            let (surname, given) = (locale::collate::key(sort_surname(&last)), locale::collate::key(&first));
            Sorted { surname, given, index, first, last }
        })
        .collect();
    order.sort();
    let rows: Vec<Value> = order
        .into_iter()
        .enumerate()
        .map(|(n, Sorted { index, first, last, .. })| {
            let p = &people[index];
            json!({
                "number": n + 1,
                "name": p.name,
                "sort_name": if first.is_empty() { p.name.clone() } else { format!("{last}, {first}") },
                "first_name": if first.is_empty() { p.name.clone() } else { first },
                "organisation": p.organisation,
                "row": p.row,
            })
        })
        .collect();
    let sessions: Vec<Value> =
        course.sessions.iter().map(|s| json!({ "title": s.title, "date_text": locale::date(s.date, lang) })).collect();
    let p = &course.programme;
    let venue = course.venue.as_ref().map(|v| {
        [v.name.as_str(), v.address.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
    });
    let dates: Vec<chrono::NaiveDate> = course.sessions.iter().map(|s| s.date).collect();
    let title = sheet.title(lang);
    let mut data = crate::plan::common_value(project, lang);
    data["document"] = json!({
        "title": format!("{title} – {}", p.name),
        "author": project.common.issuer.name,
        "subject": format!("{title}: {}", p.name),
        "keywords": [title, p.code],
    });
    data["title"] = json!(title);
    data["programme"] = json!({
        "name": p.name,
        "short_name": if p.short_name.is_empty() { &p.name } else { &p.short_name },
        "code": p.code,
        "place": p.place,
        "dates_text": locale::date_set(&dates, lang),
    });
    data["venue"] = json!(venue);
    data["organisers"] = crate::plan::course::organisers(course);
    data["sessions"] = json!(sessions);
    data["rows"] = json!(rows);
    data["blank"] = json!(blank);
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_starts_at_its_particle() {
        let parts = split_name;
        assert_eq!(parts("Anna-Karin Johansson-Lindqvist"), ("Johansson-Lindqvist".into(), "Anna-Karin".into()));
        assert_eq!(
            parts("Maria Magdalena af Johansson-Östlund af Klinteberg"),
            ("af Johansson-Östlund af Klinteberg".into(), "Maria Magdalena".into())
        );
        assert_eq!(parts("Nur Aisyah binti Abdullah"), ("binti Abdullah".into(), "Nur Aisyah".into()));
        assert_eq!(parts("Karl Erik Svensson"), ("Svensson".into(), "Karl Erik".into()));
        // A first word is a given name even if it reads as a particle.
        assert_eq!(parts("De Smet"), ("Smet".into(), "De".into()));
        assert_eq!(parts("Cher"), ("Cher".into(), String::new()));
        assert_eq!(sort_surname("von Rosen-Bernadotte af Wisborg"), "Rosen-Bernadotte af Wisborg");
        assert_eq!(sort_surname("Berg"), "Berg");
    }
}
