//! The door job (`intyg sheets`, `intyg badges`, the app's buttons): what a
//! coordinator prints for the door of a programme day, from the same records that certificates are
//! issued from. The signing sheet lists every registered participant by
//! surname (in Swedish order: Å, Ä, Ö last), with a row number the
//! spreadsheet's attendance can be marked by afterwards; the badges put
//! each first name large enough to read across a room.

use std::path::PathBuf;

use serde_json::{Value, json};

use crate::batch::{Options, Stop, prepare, report_problems, timestamp};
use crate::check::Participant;
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
    /// Its built-in template, and the name of the PDF it writes.
    pub fn template(self) -> &'static str {
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

/// What a door run is asked to make, as plain data.
#[derive(Debug, Clone)]
pub struct Job {
    /// The folder and how to read it.
    pub options: Options,
    /// The PDF to write [default: out/narvarolista.pdf or out/namnbrickor.pdf].
    pub out: Option<PathBuf>,
    /// Blank rows at the end of each signing sheet, for walk-ins.
    pub blank: usize,
}

impl Job {
    /// The sheets of the folder `dir`, with ten blank rows.
    pub fn new(dir: impl Into<PathBuf>) -> Job {
        Job { options: Options::new(dir), out: None, blank: 10 }
    }
}

/// What a door run wrote.
#[derive(Debug, Clone)]
pub struct Made {
    /// The PDF.
    pub file: PathBuf,
    /// Its pages.
    pub pages: usize,
    /// The participants on it.
    pub participants: usize,
    /// Warnings of the records.
    pub problems: crate::problem::Problems,
}

impl Made {
    /// "Skrev out/narvarolista.pdf (25 deltagare, 2 sidor)".
    pub fn said(&self) -> String {
        let (file, pages, n) = (self.file.display(), self.pages, self.participants);
        if pages == 1 {
            tr!("Wrote {file} ({n} participants, 1 page)", "Skrev {file} ({n} deltagare, 1 sida)")
        } else {
            tr!("Wrote {file} ({n} participants, {pages} pages)", "Skrev {file} ({n} deltagare, {pages} sidor)")
        }
    }
}

/// Makes the signing sheet or the badges `job` asks for, from the
/// registrations (attendance is not asked for), printing nothing.
pub fn make(job: &Job, sheet: Sheet) -> Result<Made, Stop> {
    let options = Options { roster: true, ..job.options.clone() };
    let prepared = prepare(&options)?;
    if prepared.plan.problems.has_errors() {
        return Err(Stop::Problems(prepared.plan.problems));
    }
    let dir = &options.dir;
    let (Folder::Course(course), Holders::People(people)) = (&prepared.project.folder, &prepared.holders) else {
        let dir = dir.display();
        return Err(Stop::usage(
            tr!("{dir} is not a programme folder", "{dir} är ingen programmapp"),
            tr!(
                "signing sheets and badges are for the participants of a programme",
                "närvarolistor och namnbrickor är till för ett programs deltagare"
            ),
        ));
    };
    let lang = prepared.lang;
    let data = data(&prepared.project, course, people, sheet, job.blank, lang);
    let template = Template::parse(sheet.template());
    let renderer = Renderer::report(&prepared.project.dir, &template, timestamp(prepared.on));
    let ident = format!("{}-{}", course.programme.code, sheet.template());
    let rendered = renderer.render_report(&data, &ident).map_err(|found| Stop::Problems(report_problems(found)))?;
    let out: PathBuf = job.out.clone().unwrap_or_else(|| dir.join("out").join(format!("{}.pdf", sheet.template())));
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Stop::usage(super::cannot_create(&parent.display(), &e), super::another_out()))?;
    }
    write_atomic(&out, &rendered.pdf)
        .map_err(|e| Stop::usage(super::cannot_write(&out.display(), &e), super::another_out()))?;
    Ok(Made { file: out, pages: rendered.pages, participants: people.len(), problems: prepared.plan.problems })
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
