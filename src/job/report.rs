//! The report job: a programme report from a programme folder, or the
//! annual MR report from a report folder that names its sources.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::batch::{Options, Prepared, Stop, prepare};
use crate::locale::{self, Lang};
use crate::output::write_atomic;
use crate::plan::Holders;
use crate::problem::{Place, Problem, Problems};
use crate::project::{Folder, Project, Report as ReportFolder};
use crate::render::{Renderer, Template};
use crate::report::{self, Report, annual};

/// What a report run is asked to do, as plain data: made once from the
/// command line ([`Job::from_args`]) or by another front end
/// ([`Job::new`]).
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The programme or report folder.
    pub dir: PathBuf,
    /// The PDF to write [default: out/programrapport.pdf or
    /// out/mr-rapport-YEAR.pdf].
    pub out: Option<PathBuf>,
    /// The report's language, instead of intyg.toml's.
    pub lang: Option<Lang>,
    /// The year of an annual report, instead of intyg.toml's.
    pub year: Option<i32>,
    /// Also the figures, as JSON or CSV, here.
    pub figures: Option<PathBuf>,
    /// A template instead of the report's own.
    pub template: Option<String>,
    /// The day the report is made [default: today].
    pub on: Option<NaiveDate>,
    /// Print nothing.
    pub quiet: bool,
}

impl Job {
    /// The report of the folder `dir` as intyg.toml says, printing nothing.
    pub fn new(dir: impl Into<PathBuf>) -> Job {
        Job { dir: dir.into(), quiet: true, ..Job::default() }
    }
}

fn usage(msg: String, hint: String) -> Stop {
    Stop::usage(msg, hint)
}

/// A report read, counted and ready to lay out.
pub struct Ready {
    /// Its figures and template data.
    pub report: Report,
    /// The renderer with the report's template.
    pub renderer: Renderer,
    /// The PDF to write.
    pub out: PathBuf,
    /// What seeds the PDF's /ID.
    pub ident: String,
    /// What was found that does not stop it.
    pub warnings: Problems,
    /// The report's language.
    pub lang: Lang,
}

/// Reads a programme or report folder and counts what its report shows.
pub fn ready(job: &Job) -> Result<Ready, Stop> {
    let given = job.lang;
    let dir = job.dir.display();
    if !job.dir.is_dir() {
        return Err(usage(
            crate::batch::not_a_folder(&job.dir),
            tr!(
                "name a programme folder or a report folder, the one that holds intyg.toml",
                "ange en programmapp eller en rapportmapp, den som innehåller intyg.toml"
            ),
        ));
    }
    let project = Project::load(&job.dir).map_err(Stop::Problems)?;
    let lang = given.unwrap_or(project.common.language);
    let on = job.on;
    let (report, template, out) = match &project.folder {
        Folder::Course(_) => {
            let prepared = source(&job.dir, lang, on)?;
            // Read again by `source`: a folder edited in between is
            // reported on as it is now.
            let (Folder::Course(course), Holders::People(participants)) = (&prepared.project.folder, &prepared.holders)
            else {
                return Err(usage(
                    tr!("{dir} changed while the report was made", "{dir} ändrades medan rapporten gjordes"),
                    tr!("run intyg report again", "kör intyg report igen"),
                ));
            };
            let report = report::programme::build(&prepared.project, course, participants, &prepared.plan, lang);
            let out = job.dir.join("out").join("programrapport.pdf");
            (report, "programrapport", out)
        }
        Folder::Report(folder) => {
            let year = job.year.unwrap_or(folder.settings.year);
            let report = annual_report(&project, folder, lang, year, on)?;
            let out = job.dir.join("out").join(format!("mr-rapport-{year}.pdf"));
            // A report folder's intyg.toml may name its own template.
            (report, project.common.template.as_str(), out)
        }
        Folder::Diploma(_) => {
            return Err(usage(
                tr!("{dir} is a diploma folder", "{dir} är en diplommapp"),
                tr!(
                    "diplomas are reported in the annual report: name this folder under [[diplomas]] in a report \
                     folder's intyg.toml, then run `intyg report` on that folder",
                    "diplom redovisas i årsrapporten: ange den här mappen under [[diplomas]] i en rapportmapps \
                     intyg.toml, och kör sedan `intyg report` på den mappen"
                ),
            ));
        }
    };
    let out = job.out.clone().unwrap_or(out);
    let template = Template::parse(job.template.as_deref().unwrap_or(template));
    // A report is dated the day it is made (--on, or today), or by
    // SOURCE_DATE_EPOCH: never after it, as the end of its year would be.
    let run = on.unwrap_or_else(|| chrono::Local::now().date_naive());
    let renderer = Renderer::report(&project.dir, &template, crate::batch::timestamp(run));
    let ident = format!("{}-{}", project.common.issuer.name, report.data["document"]["title"]);
    Ok(Ready { report, renderer, out, ident, warnings: project.warnings, lang })
}

/// A report written.
pub struct Written {
    /// The PDF.
    pub file: PathBuf,
    /// How many pages it has.
    pub pages: usize,
    /// What was found that did not stop it (printed unless quiet).
    pub warnings: Problems,
}

/// Makes and writes the report `job` asks for, and its figures; its
/// warnings come back with it.
pub fn write(job: &Job) -> Result<Written, Stop> {
    let Ready { report, renderer, out, ident, warnings, lang } = ready(job)?;
    let rendered = renderer
        .render_report(&report.data, &ident)
        .map_err(|found| Stop::Problems(crate::batch::report_problems(found)))?;
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| usage(super::cannot_create(&dir.display(), &e), super::another_out()))?;
    }
    write_atomic(&out, &rendered.pdf)
        .map_err(|e| usage(super::cannot_write(&out.display(), &e), super::another_out()))?;
    if let Some(path) = &job.figures {
        write_figures(path, &report, lang)?;
    }
    Ok(Written { file: out, pages: rendered.pages, warnings })
}

fn write_figures(path: &Path, report: &Report, lang: Lang) -> Result<(), Stop> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let bytes = match ext.as_str() {
        "json" => crate::output::json_bytes(&report.figures),
        "csv" => report::figures_csv(&report.figures, lang),
        _ => {
            let path = path.display();
            return Err(usage(
                tr!("cannot tell the format of \"{path}\"", "kan inte avgöra formatet för \"{path}\""),
                tr!("name the figures file .json or .csv", "ge filen med siffror ändelsen .json eller .csv"),
            ));
        }
    };
    write_atomic(path, &bytes).map_err(|e| usage(super::cannot_write(&path.display(), &e), super::another_out()))
}

/// Reads, checks and plans a programme or scheme folder as `issue` would,
/// writing nothing. Its problems stop the report.
fn source(dir: &Path, lang: Lang, on: Option<NaiveDate>) -> Result<Prepared, Stop> {
    let options = Options { lang: Some(lang), on, ..Options::new(dir) };
    let prepared = prepare(&options)?;
    if prepared.plan.problems.has_errors() {
        return Err(Stop::Problems(prepared.plan.problems));
    }
    Ok(prepared)
}

/// An e-learning course as the annual report counts it: one training a
/// year, up to the report's, of those who completed it that year (each on
/// their own day). The report's year also counts who has started but not
/// completed it; those assigned it who never started are no participants.
fn elearning_years(
    p: &Prepared,
    people: &[crate::check::Participant],
    staff: Option<u32>,
    year: i32,
    lang: Lang,
) -> Vec<annual::Training> {
    use chrono::Datelike;
    let data = p.data();
    let mut by_year: std::collections::BTreeMap<i32, Vec<usize>> = std::collections::BTreeMap::new();
    for doc in &p.plan.docs {
        by_year.entry(data.entry(doc).awarded.year()).or_default().push(doc.holder);
    }
    by_year.entry(year).or_default();
    let with_document: std::collections::HashSet<usize> = p.plan.docs.iter().map(|d| d.row).collect();
    let under_way = people
        .iter()
        .filter(|x| !with_document.contains(&x.row) && (x.completed || crate::check::started(&x.status)))
        .count();
    let name = p.project.folder.name();
    by_year
        .into_iter()
        .filter(|(y, _)| *y <= year)
        .map(|(y, holders)| {
            let n = holders.len();
            annual::Training {
                name: name.to_owned(),
                dates_text: crate::locale::words::phrase(lang, "elearning_completed_in", &[("year", &y.to_string())]),
                participants: if y == year { n + under_way } else { n },
                completed: n,
                staff,
                year: y,
                people: addresses(holders.iter().map(|&h| &people[h])),
            }
        })
        .collect()
}

/// The refusal of a revoked diploma whose records do not say when it was
/// revoked, which the annual report's diplomas over time need.
fn revoked_when(p: &Prepared, o: &crate::check::org::Organisation) -> Problem {
    let name = &o.name;
    Problem::error(
        p.table.place(o.row, None),
        tr!(
            "the diploma of {name} is revoked, but the records do not say when",
            "diplomet till {name} är återkallat, men uppgifterna säger inte när"
        ),
    )
    .hint(tr!(
        "add a column \"Återkallad den\" with the day it was revoked: the report counts the diploma as active every year until then",
        "lägg till en kolumn \"Återkallad den\" med dagen det återkallades: rapporten räknar diplomet som aktivt varje år fram till dess"
    ))
}

/// The e-mail addresses of `people`, in lower case, by which a person who
/// completed two trainings is counted once; none when one has none.
fn addresses<'a>(people: impl Iterator<Item = &'a crate::check::Participant>) -> Option<Vec<String>> {
    people.map(|p| (!p.email.trim().is_empty()).then(|| p.email.trim().to_lowercase())).collect()
}

fn annual_report(
    project: &Project,
    c: &ReportFolder,
    lang: Lang,
    year: i32,
    on: Option<NaiveDate>,
) -> Result<Report, Stop> {
    let mut problems = Problems::default();
    let mut trainings = Vec::new();
    for t in &c.trainings {
        match source(&project.dir.join(&t.folder), lang, on) {
            Ok(p) => {
                let Holders::People(people) = &p.holders else {
                    problems.push(misplaced(project, &t.folder, "trainings"));
                    continue;
                };
                if p.project.kind().by_completion() {
                    trainings.extend(elearning_years(&p, people, t.staff, year, lang));
                    continue;
                }
                let dates: Vec<NaiveDate> = p.project.folder.sessions().iter().map(|s| s.date).collect();
                let completed: Vec<&crate::check::Participant> = p
                    .plan
                    .docs
                    .iter()
                    .filter(|d| Some(d.kind) == p.project.kind().document())
                    .map(|d| &people[d.holder])
                    .collect();
                trainings.push(annual::Training {
                    name: p.project.folder.name().to_owned(),
                    dates_text: locale::unbroken_dates(&locale::date_set(&dates, lang), lang),
                    participants: people.len(),
                    completed: completed.len(),
                    staff: t.staff,
                    year: dates.iter().max().map_or(year, |d| d.year()),
                    people: addresses(completed.into_iter()),
                });
            }
            Err(s) => collect(s, &mut problems),
        }
    }
    let mut diplomas = Vec::new();
    for d in &c.diplomas {
        match source(&project.dir.join(&d.folder), lang, on) {
            Ok(p) => {
                let Holders::Organisations(orgs) = &p.holders else {
                    problems.push(misplaced(project, &d.folder, "diplomas"));
                    continue;
                };
                let sectors: HashMap<String, _> =
                    orgs.iter().filter_map(|o| o.sector.map(|s| (o.number.clone(), s))).collect();
                let revoked_on: HashMap<(String, NaiveDate), NaiveDate> =
                    orgs.iter().filter_map(|o| o.revoked_on.map(|r| ((o.number.clone(), o.awarded), r))).collect();
                // A diploma is active until it is revoked: without the
                // day, the years it was in force cannot be counted.
                for o in orgs.iter().filter(|o| o.revoked && o.revoked_on.is_none()) {
                    problems.push(revoked_when(&p, o));
                }
                let mut register = p.register.clone();
                let data = p.data();
                let mut entries: Vec<_> = p.plan.docs.iter().map(|doc| data.entry(doc)).collect();
                entries.extend(p.plan.revoked.iter().cloned());
                register.merge(entries, p.on);
                let name = p.project.folder.name().to_owned();
                diplomas.push(annual::Diplomas { name, entries: register.entries, sectors, revoked_on });
            }
            Err(s) => collect(s, &mut problems),
        }
    }
    let indicators = match &c.indicators {
        Some(path) => match report::indicators::read(&project.dir.join(path)) {
            Ok(i) => i,
            Err(p) => {
                problems.extend(p);
                Vec::new()
            }
        },
        None => Vec::new(),
    };
    let mut sections = Vec::new();
    for s in &c.sections {
        let text = match (&s.text, &s.file) {
            (Some(t), _) => t.clone(),
            (None, Some(f)) => {
                let path: PathBuf = project.dir.join(f);
                match std::fs::read_to_string(&path) {
                    Ok(t) => t,
                    Err(e) => {
                        problems.push(
                            Problem::error(
                                Place::file(&path),
                                tr!("cannot read the section: {e}", "avsnittet kan inte läsas: {e}"),
                            )
                            .hint(tr!("save the section as UTF-8 text", "spara avsnittet som UTF-8-text")),
                        );
                        continue;
                    }
                }
            }
            (None, None) => String::new(),
        };
        sections.push((s.title.clone(), text));
    }
    if problems.has_errors() {
        return Err(Stop::Problems(problems));
    }
    let inputs = annual::Inputs { project, report: c, lang, year, trainings, diplomas, indicators, sections };
    Ok(annual::build(&inputs))
}

/// A folder named under `[[key]]` that is of the kind the other key names.
fn misplaced(project: &Project, folder: &Path, key: &str) -> Problem {
    let folder = folder.display();
    let (message, hint) = match key {
        "trainings" => (
            tr!(
                "\"{folder}\" is a diploma folder; [[{key}]] names programme folders",
                "\"{folder}\" är en diplommapp; [[{key}]] anger programmappar"
            ),
            tr!("name it under [[diplomas]] instead", "ange den under [[diplomas]] i stället"),
        ),
        _ => (
            tr!(
                "\"{folder}\" is a programme folder; [[{key}]] names diploma folders",
                "\"{folder}\" är en programmapp; [[{key}]] anger diplommappar"
            ),
            tr!("name it under [[trainings]] instead", "ange den under [[trainings]] i stället"),
        ),
    };
    Problem::error(project.place(key), message).hint(hint)
}

/// Gathers a source folder's stop into the report's problems.
fn collect(s: Stop, problems: &mut Problems) {
    match s {
        Stop::Problems(p) => problems.extend(p),
        Stop::Usage(hinted) => problems.push(hinted.at(Place::default())),
    }
}
