//! A batch run as a library: the programme, records and register read,
//! checked and planned ([`prepare`]) from plain [`Options`], so that the
//! command line, the fuzz targets and any other front end reach the same
//! pipeline without building command-line types; and the problems of
//! laying out its documents.

pub mod layout;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::credential::keys;
use crate::locale::Lang;
use crate::plan::{self, Plan};
use crate::problem::{Hinted, Place, Problem, Problems};
use crate::project::{Course, Diploma, Folder, Project, Records};
use crate::records::{self, Table};
use crate::register::Register;
use crate::render::{Laid, Renderer, Template};

/// What a run is asked to do, as plain data: made once from the command
/// line (`cmd`), then handed to [`prepare`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The programme folder (holds intyg.toml).
    pub dir: PathBuf,
    /// A records file instead of the one intyg.toml names.
    pub records: Option<PathBuf>,
    /// The sheet of a workbook to read.
    pub sheet: Option<String>,
    /// The row holding the headers, as the spreadsheet numbers it.
    pub header_row: Option<usize>,
    /// A template instead of intyg.toml's: a built-in name, or a path
    /// relative to the working folder.
    pub template: Option<String>,
    /// The language of the documents, instead of intyg.toml's.
    pub lang: Option<Lang>,
    /// The run date statuses are computed for [default: today].
    pub on: Option<NaiveDate>,
    /// A secret key to sign with, instead of the programme's.
    pub key: Option<PathBuf>,
    /// The output folder [default: out/ in the programme folder].
    pub out: Option<PathBuf>,
    /// Keep the records' rows as read ([`Prepared::rows`]), for a front
    /// end that shows them (`intyg app`); a batch lets them go.
    pub keep_rows: bool,
    /// The registrations before the programme (signing sheets, badges):
    /// nobody has attended yet, so attendance is not asked for and sessions
    /// after the run date are the ones the sheets are for.
    pub roster: bool,
}

impl Options {
    /// A run on the programme folder `dir`, with everything else as
    /// intyg.toml says.
    pub fn new(dir: impl Into<PathBuf>) -> Options {
        Options { dir: dir.into(), ..Options::default() }
    }
}

/// "\"DIR\" is not a folder", for a folder named on the command line.
pub fn not_a_folder(dir: &Path) -> String {
    let dir = dir.display();
    tr!("\"{dir}\" is not a folder", "\"{dir}\" är ingen mapp")
}

/// Everything read and checked, ready to render.
pub struct Prepared {
    /// The programme.
    pub project: Project,
    /// Where the records came from: the file, its headers and how it was
    /// read. Its rows are let go once checked, since the checked holders
    /// carry everything the documents need.
    pub table: Table,
    /// How many records were read.
    pub records: usize,
    /// The documents to make and every problem found so far.
    pub plan: Plan,
    /// Language of the documents.
    pub lang: Lang,
    /// Full and participation templates.
    pub templates: [Template; 2],
    /// The output folder.
    pub out: PathBuf,
    /// The register before this run.
    pub register: Register,
    /// Where the register lives.
    pub register_path: PathBuf,
    /// The register file's size and time when it was read, to tell whether
    /// another run wrote it since.
    pub register_stamp: Option<(u64, std::time::SystemTime)>,
    /// The run date statuses are computed for.
    pub on: chrono::NaiveDate,
    /// The key documents are signed with, if any.
    pub signer: Option<Signer>,
    /// Who gets documents, as checked: participants or organisations.
    pub holders: plan::Holders,
    /// How the records file was read.
    pub reading: crate::check::reading::Reading,
    /// The records' rows as read, when [`Options::keep_rows`] asked.
    pub rows: Vec<crate::records::Row>,
}

/// The issuer's secret key and where it came from.
pub struct Signer {
    /// The key.
    pub key: ed25519_dalek::SigningKey,
    /// Its file.
    pub path: PathBuf,
}

/// Loads the signing key named by `--key` or the programme; a key that
/// cannot be read is a problem, one that others can read a warning.
fn signer(options: &Options, project: &Project, problems: &mut Problems) -> Option<Signer> {
    let path = options.key.clone().or_else(|| project.verification().key)?;
    match keys::read_secret(&path) {
        Ok(key) => {
            if keys::readable_by_others(&path) {
                problems.push(
                    Problem::warning(
                        Place::file(&path),
                        tr!(
                            "the secret key can be read by other users of this computer",
                            "den hemliga nyckeln kan läsas av andra användare på den här datorn"
                        ),
                    )
                    .hint(format!("chmod 600 {}", path.display())),
                );
            }
            Some(Signer { key, path })
        }
        Err(e) => {
            problems.push(
                Problem::error(
                    Place::file(&path),
                    tr!("cannot use the signing key: {e}", "signeringsnyckeln kan inte användas: {e}"),
                )
                .hint(tr!(
                    "give the .key file `intyg keygen` wrote (not the .pub), or make a new pair with `intyg keygen --out issuer`",
                    "ange .key-filen som `intyg keygen` skrev (inte .pub), eller skapa ett nytt par med `intyg keygen --out issuer`"
                )),
            );
            None
        }
    }
}

impl Prepared {
    /// What makes each document's template data as it is laid out.
    pub fn data(&self) -> plan::Data<'_> {
        plan::Data::new(&self.project, self.lang, &self.plan, &self.holders)
    }

    /// The key documents are signed with: only `issue` signs; `check` and
    /// reports just learn whether the key can be read.
    pub fn signing_key(&self) -> Option<&ed25519_dalek::SigningKey> {
        self.signer.as_ref().map(|s| &s.key)
    }
}

/// The kinds of folder that issue documents, each with its settings.
#[derive(Clone, Copy)]
enum Issuing<'a> {
    /// Course certificates to participants.
    Course(&'a Course),
    /// Diplomas to organisations.
    Diploma(&'a Diploma),
}

impl Issuing<'_> {
    /// Where the records are.
    fn records(&self) -> &Records {
        match self {
            Issuing::Course(c) => &c.records,
            Issuing::Diploma(d) => &d.records,
        }
    }

    /// The participation certificate's template; a diploma folder has none
    /// of its own and lays out nothing with the built-in one.
    fn participation_template(&self) -> &str {
        match self {
            Issuing::Course(c) => &c.participation_template,
            Issuing::Diploma(_) => crate::project::course::PARTICIPATION_TEMPLATE,
        }
    }

    /// What a records header means to intyg, if anything.
    fn field_of(&self, header: &str) -> Option<String> {
        match self {
            Issuing::Course(c) => crate::check::field_of(header, &c.sessions),
            Issuing::Diploma(_) => crate::check::org::field_of(header),
        }
    }
}

/// Why a run stopped before rendering.
pub enum Stop {
    /// The command line was wrong (exit 2).
    Usage(Hinted),
    /// Problems in the user's files (exit 1).
    Problems(Problems),
}

impl Stop {
    /// A wrong command line: what is wrong and how to fix it.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Stop {
        Stop::Usage(Hinted::new(message, hint))
    }
}

/// Reads the programme, records and register, checks them and plans the
/// batch of a run writing to `out` (default: `out/` in the folder).
pub fn prepare(args: &Options) -> Result<Prepared, Stop> {
    let given = args.lang;
    let dir = args.dir.display();
    if !args.dir.is_dir() {
        return Err(Stop::usage(
            not_a_folder(&args.dir),
            tr!(
                "name a programme folder, the one that holds intyg.toml",
                "ange en programmapp, den som innehåller intyg.toml"
            ),
        ));
    }
    let mut project = Project::load(&args.dir).map_err(Stop::Problems)?;
    log::info!("{}: a {:?} folder", args.dir.join(crate::project::FILE_NAME).display(), project.kind());
    if let Some(t) = &args.template {
        project.common.template = relative_to(&project.dir, t);
    }
    let on = args.on.unwrap_or_else(|| chrono::Local::now().date_naive());
    // The programme as written: the records' columns name its sessions,
    // also those a course that issues early leaves out.
    let all_sessions = project.folder.sessions().to_vec();
    let left_out = if args.roster { Problems::default() } else { leave_out_future(&mut project, on) };
    let issuing = match &project.folder {
        Folder::Course(c) => Issuing::Course(c),
        Folder::Diploma(d) => Issuing::Diploma(d),
        Folder::Report(_) => {
            return Err(Stop::usage(
                tr!(
                    "{dir} is a report folder; it issues no documents",
                    "{dir} är en rapportmapp; den utfärdar inga dokument"
                ),
                tr!("make the report with `intyg report {dir}`", "gör rapporten med `intyg report {dir}`"),
            ));
        }
    };
    let source = issuing.records();
    let lang = given.unwrap_or(project.common.language);
    let mut problems = Problems::default();
    problems.extend(project.warnings.clone());
    problems.extend(left_out);
    if let Some(issued) = project.issued_as_written().filter(|d| *d > on && !args.roster) {
        let lang = crate::locale::messages();
        let (day, today) = (crate::locale::date(issued, lang), crate::locale::date(on, lang));
        problems.push(
            Problem::error(
                {
                    let file = project.dir.join(crate::project::FILE_NAME);
                    let text = std::fs::read_to_string(&file).unwrap_or_default();
                    crate::project::key_place(&file, &text, "issued")
                },
                tr!(
                    "issued = {day} in intyg.toml is after the run date ({today}): no document is dated after the day it is issued",
                    "issued = {day} i intyg.toml är efter körningens datum ({today}): inget dokument dateras efter den dag det utfärdas"
                ),
            )
            .hint(tr!("issue on that day, or correct the date", "utfärda den dagen, eller rätta datumet")),
        );
    }
    let records_path = match &args.records {
        Some(p) => p.clone(),
        None => project.dir.join(&source.path),
    };
    let templates = [
        template(&project, &project.common.template, "template", &mut problems),
        template(&project, issuing.participation_template(), "participation_template", &mut problems),
    ];
    // Whether a header means something to intyg: it marks the header row
    // below title rows, and the others may be misspelt.
    let field_of = |h: &str| issuing.field_of(h);
    let is_header = |h: &str| {
        let columns = &source.columns;
        field_of(h).is_some() || columns.mapped.values().chain(&columns.unused).any(|v| v.trim() == h.trim())
    };
    let options = records::ReadOptions {
        sheet: args.sheet.as_deref().or(source.sheet.as_deref()),
        header_row: args.header_row.or(source.header_row),
        is_header: &is_header,
    };
    let mut table = match records::read_with(&records_path, &options) {
        Ok(t) => {
            log::info!(
                "{}: {} records, headers on row {} ({}): {}",
                t.path.display(),
                t.rows.len(),
                t.header_row,
                t.sheet
                    .as_ref()
                    .map_or_else(|| t.encoding.map_or("", |e| e.name()).to_owned(), |s| format!("sheet \"{s}\"")),
                t.headers.join(", ")
            );
            t
        }
        Err(p) => {
            problems.extend(p);
            return Err(Stop::Problems(problems));
        }
    };
    let config_path = project.dir.join(crate::project::FILE_NAME);
    let diploma = matches!(issuing, Issuing::Diploma(_));
    problems.extend(crate::check::columns::map(
        &mut table,
        &source.columns,
        diploma,
        project.folder.sessions().len(),
        &config_path,
        &field_of,
    ));
    problems.extend(crate::check::hidden(&mut table, source.hidden_rows));
    if table.rows.is_empty() {
        // Every row was hidden and left out.
        problems.push(
            Problem::error(
                Place::file(&table.path),
                tr!(
                    "every row of the sheet is hidden or filtered out",
                    "alla rader i bladet är dolda eller bortfiltrerade"
                ),
            )
            .hint(tr!(
                "show the rows in the workbook, or clear its filter",
                "visa raderna i arbetsboken, eller rensa dess filter"
            )),
        );
        return Err(Stop::Problems(problems));
    }
    let records = table.rows.len();
    let out = args.out.clone().unwrap_or_else(|| project.dir.join("out"));
    let register_path = project.register_path(&out);
    // Taken before reading: a change after it shows as a new stamp.
    let register_stamp = stamp(&register_path);
    let register = match Register::read(&register_path) {
        Ok(mut r) => {
            project.kind().read_earlier(&mut r.entries, project.folder.code());
            r
        }
        Err(p) => {
            problems.extend(p);
            return Err(Stop::Problems(problems));
        }
    };
    let fonts = crate::render::fonts::Fonts::embedded();
    let covers = |c: char| fonts.covers(c);
    // What the templates print, for the glyph checks: every path read by
    // any of them, unless one cannot be read.
    let used: Vec<(String, Option<Vec<String>>)> =
        templates.iter().map(|t| (t.label(), t.fields(&project.dir))).collect();
    let printed: Option<Vec<String>> =
        used.iter().map(|(_, f)| f.clone()).collect::<Option<Vec<Vec<String>>>>().map(|all| all.concat());
    problems.extend(svg_fonts(&project, &covers));
    let ctx =
        plan::Context { project: &project, lang, register: &register, covers: &covers, printed: printed.as_deref() };
    let rows = if args.keep_rows { table.rows.clone() } else { Vec::new() };
    let (mut plan, holders, reading) = match issuing {
        Issuing::Course(course) => {
            let need = crate::check::Attendance::of(course);
            let rules = crate::check::Rules {
                sessions: &all_sessions,
                need,
                zone: course.records.zone,
                on,
                early: course.issue_before_last_session,
                pass_mark: course.programme.pass_mark,
                roster: args.roster,
            };
            let mut checked = crate::check::participants(&mut table, &rules);
            problems.extend(std::mem::take(&mut checked.problems));
            for p in crate::check::unfilled(&table, &checked.fields, &used) {
                problems.push(p);
            }
            let reading = crate::check::reading::Reading::course(
                &table,
                &checked.fields,
                &all_sessions,
                checked.everyone_present,
            );
            let plan = plan::course::build(&ctx, course, &table, &checked);
            (plan, plan::Holders::People(checked.participants), reading)
        }
        Issuing::Diploma(diploma) => {
            let meanings = crate::check::org::meanings(&table);
            let mut reading = crate::check::reading::Reading::new(&table, meanings, false, false);
            for (c, column) in reading.columns.iter_mut().enumerate() {
                column.unknown = crate::check::org::unknown(&table, c);
            }
            let (orgs, p) =
                crate::check::org::organisations(&table, &diploma.scheme, &diploma.criteria, diploma.records.zone);
            problems.extend(p);
            let plan = plan::diploma::build(&ctx, diploma, &table, &orgs);
            (plan, plan::Holders::Organisations(orgs), reading)
        }
    };
    problems.extend(std::mem::take(&mut plan.problems));
    if let Some(p) = plan::examples_warning(&plan, &holders, &table.path) {
        problems.push(p);
    }
    if project.verification().url.is_none() && !plan.docs.is_empty() && !args.roster {
        problems.push(unverifiable(&project));
    }
    let signer = signer(args, &project, &mut problems);
    plan.problems = problems;
    // Half a kilobyte a record that a batch of a hundred thousand would
    // otherwise hold until it ends (participants took theirs already).
    let table = Table { rows: Vec::new(), ..table };
    log::info!(
        "plan: {} documents, {} not eligible, {} problems; templates {:?}; output {}",
        plan.docs.len(),
        plan.not_eligible.len(),
        plan.problems.0.len(),
        templates,
        out.display()
    );
    Ok(Prepared {
        project,
        table,
        records,
        plan,
        lang,
        templates,
        out,
        register,
        register_path,
        register_stamp,
        on,
        signer,
        holders,
        reading,
        rows,
    })
}

/// The warning that the documents of `project` can be checked by nobody:
/// it gives no web address for checking them.
fn unverifiable(project: &Project) -> Problem {
    let table = if project.kind() == crate::project::Kind::Diploma { "scheme" } else { "programme" };
    Problem::warning(
        project.place(table),
        tr!(
            "the documents get no QR code or link to check them by: intyg.toml gives no web address for checking (verify_url)",
            "dokumenten får ingen QR-kod eller länk att kontrollera dem med: intyg.toml anger ingen webbadress för kontroll (verify_url)"
        ),
    )
    .hint(tr!(
        "add verify_url = \"https://…\" under [{table}], or in intyg app under Settings, Checking",
        "lägg till verify_url = \"https://…\" under [{table}], eller i intyg app under Inställningar, Kontroll"
    ))
}

/// Leaves out of a course that issues before its last session
/// (`issue_before_last_session = true`) the sessions after the run date
/// `on`, so that its certificates are of the sessions held: a warning
/// naming them, or an error when no session has been held yet.
fn leave_out_future(project: &mut Project, on: chrono::NaiveDate) -> Problems {
    let mut problems = Problems::default();
    let Folder::Course(course) = &mut project.folder else { return problems };
    if !course.issue_before_last_session || course.sessions.iter().all(|s| s.date <= on) {
        return problems;
    }
    let place = Place::file(&project.dir.join(crate::project::FILE_NAME));
    let lang = crate::locale::messages();
    let today = crate::locale::date(on, lang);
    let held = course.sessions.iter().filter(|s| s.date <= on).count();
    if held == 0 {
        problems.push(
            Problem::error(
                place,
                tr!(
                    "issue_before_last_session = true, but no session has been held by the run date ({today})",
                    "issue_before_last_session = true, men inget tillfälle har hållits före körningens datum ({today})"
                ),
            )
            .hint(tr!(
                "issue after the first session, or check the sessions' dates",
                "utfärda efter första tillfället, eller kontrollera tillfällenas datum"
            )),
        );
        return problems;
    }
    let later: Vec<String> = course
        .sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| s.date > on)
        .map(|(i, s)| crate::check::session_label(s, i, lang) + " (" + &crate::locale::date(s.date, lang) + ")")
        .collect();
    let later = crate::locale::join_list(&later, lang);
    let count = crate::locale::few(held, lang);
    // The programme's length is of every session: not of those held.
    let length = course.programme.hours.is_some() || course.programme.minutes.is_some();
    course.programme.hours = None;
    course.programme.minutes = None;
    let length = if length {
        tr!(", without the programme's length in hours", ", utan programmets längd i timmar")
    } else {
        String::new()
    };
    problems.push(
        Problem::warning(
            place,
            tr!(
                "{later} after the run date ({today}) is left out (issue_before_last_session = true): the certificates are of the {count} sessions held{length}",
                "{later} efter körningens datum ({today}) lämnas utanför (issue_before_last_session = true): intygen gäller de {count} tillfällen som har hållits{length}"
            ),
        )
        .hint(tr!(
            "issue again after the last session if the certificates are to include it",
            "utfärda igen efter sista tillfället om intygen ska omfatta det"
        )),
    );
    course.sessions.retain(|s| s.date <= on);
    if let Some(min) = &mut course.eligibility.min_sessions {
        *min = (*min).min(held);
    }
    problems
}

/// A file's size and modification time, `None` when it is not there. A
/// register is replaced by a rename, so any write changes both or the time.
pub fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// Locks the register a run writes (see [`crate::output::Lock`]) and makes
/// sure the register it read is still the one on disk: another run may
/// have written it between this run's reading and locking.
pub fn lock_register(p: &Prepared, written: &Path) -> Result<crate::output::Lock, Stop> {
    use crate::output::{Lock, LockError};
    let file = written.display();
    let lock = Lock::acquire(written).map_err(|e| match e {
        LockError::Held(who) => {
            let who = who.split_once(' ').map_or(who.clone(), |(pid, since)| {
                tr!("process {pid}, since {since}", "process {pid}, sedan {since}")
            });
            Stop::usage(
                tr!(
                    "another intyg is writing here: {file} is held by {who}",
                    "ett annat intyg skriver här: {file} hålls av {who}"
                ),
                tr!(
                    "another window or program is issuing to this folder: wait until it is done, then try again (on the command line, --out DIR gives a run a folder of its own)",
                    "ett annat fönster eller program utfärdar till den här mappen: vänta tills det är klart och försök sedan igen (på kommandoraden ger --out MAPP en körning en egen mapp)"
                ),
            )
        }
        LockError::Io(e) => Stop::usage(
            tr!("cannot lock {file}: {e}", "kan inte låsa {file}: {e}"),
            tr!(
                "check that you may write in the folder out (on the command line, --out DIR chooses another)",
                "kontrollera att du får skriva i mappen out (på kommandoraden väljer --out MAPP en annan)"
            ),
        ),
    })?;
    if stamp(&p.register_path) != p.register_stamp {
        let register = p.register_path.display();
        return Err(Stop::usage(
            tr!(
                "{register} was written by another run while this one was reading the records",
                "{register} skrevs av en annan körning medan den här läste listan"
            ),
            tr!("run again: nothing was written", "kör igen: ingenting skrevs"),
        ));
    }
    Ok(lock)
}

/// A template path given on the command line is relative to the working
/// folder; make it relative to the programme folder, where templates live.
fn relative_to(dir: &Path, t: &str) -> String {
    if matches!(Template::parse(t), Template::Builtin(_)) {
        return t.to_owned();
    }
    let given = PathBuf::from(t);
    match (given.canonicalize(), dir.canonicalize()) {
        (Ok(file), Ok(root)) => match file.strip_prefix(&root) {
            Ok(rel) => rel.to_string_lossy().into_owned(),
            Err(_) => t.to_owned(),
        },
        _ => t.to_owned(),
    }
}

fn template(project: &Project, name: &str, key: &str, problems: &mut Problems) -> Template {
    let t = Template::parse(name);
    if let Template::File(path) = &t {
        let toml = project.dir.join(crate::project::FILE_NAME);
        if let Err(msg) = crate::files::inside(&project.dir, path) {
            problems.push(
                Problem::error(Place::file(&toml), format!("{key}: {msg}"))
                    .hint(tr!("copy the template into the programme folder", "kopiera mallen till programmappen")),
            );
        } else if !project.dir.join(path).is_file() {
            let names: Vec<&str> = crate::render::BUILTIN.iter().map(|(n, _)| *n).collect();
            problems.push(
                Problem::error(Place::file(&toml), {
                    let path = path.display();
                    tr!(
                        "{key}: no built-in template and no file \"{path}\" in the programme folder",
                        "{key}: ingen inbyggd mall och ingen fil \"{path}\" i programmappen"
                    )
                })
                .hint({
                    let (names, dir) = (names.join(", "), project.dir.display());
                    tr!("use one of {names} or a .typ file in {dir}", "använd en av {names} eller en .typ-fil i {dir}")
                }),
            );
        }
    }
    t
}

impl Prepared {
    /// What changed since the register's last run, for this run's `docs`
    /// with `hashes` of their PDFs (none when nothing was made); `whole`
    /// is false for a slice of a batch.
    pub fn changes(
        &self,
        docs: &[plan::Doc],
        hashes: Option<&[[u8; 32]]>,
        whole: bool,
    ) -> Option<crate::register::changes::Changes> {
        let code = self.project.folder.code();
        let data = self.data();
        let run = docs.iter().enumerate().map(|(j, d)| {
            let sha256 = hashes.map_or_else(String::new, |h| crate::register::hex(&h[j]));
            (d.row, crate::register::Entry { sha256, ..data.entry(d) })
        });
        crate::register::changes::Changes::since(&self.register, code, run, &self.plan.revoked, whole)
    }
}

/// The logo's and signatures' SVG text, which typst draws with intyg's
/// fonts: a character none of them has is an error naming the image (it
/// would stop the PDF export), and a family intyg lacks a warning that
/// another font will draw it.
fn svg_fonts(project: &Project, covers: &dyn Fn(char) -> bool) -> Problems {
    let mut problems = Problems::default();
    let images = project.common.images();
    let families = crate::render::fonts::Fonts::embedded().families();
    for (key, image) in images {
        if !image.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg")) {
            continue;
        }
        let Ok(bytes) = std::fs::read(project.dir.join(image)) else { continue };
        let (drawn, asked) = crate::project::image::svg_text(&bytes);
        let shown = image.display();
        let at = project.place(key);
        let missing = crate::check::missing_glyphs(&drawn, covers);
        if !missing.is_empty() {
            let list = missing.iter().map(|c| format!("\"{c}\" (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
            problems.push(
                Problem::error(
                    at.clone(),
                    tr!(
                        "image \"{shown}\" has text with characters none of intyg's fonts has: {list}",
                        "bilden \"{shown}\" har text med tecken som saknas i de typsnitt som intyg har med sig: {list}"
                    ),
                )
                .hint(svg_outline_hint()),
            );
        }
        let generic = ["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"];
        let known = |f: &str| generic.contains(&f) || families.iter().any(|k| k.eq_ignore_ascii_case(f));
        if !drawn.trim().is_empty() && !asked.is_empty() && !asked.iter().any(|f| known(f)) {
            let (asked, have) = (asked.join(", "), families.join(", "));
            problems.push(
                Problem::warning(
                    at,
                    tr!(
                        "image \"{shown}\" sets its text in {asked}, which intyg does not have; it is drawn in one of intyg's fonts ({have}) instead",
                        "bilden \"{shown}\" sätter sin text i {asked}, som intyg inte har; den ritas med ett av de typsnitt som intyg har med sig ({have}) i stället"
                    ),
                )
                .hint(svg_outline_hint()),
            );
        }
    }
    problems
}

fn svg_outline_hint() -> String {
    tr!(
        "convert the text to outlines in the image editor (Inkscape: Path → Object to Path; Illustrator: Type → Create Outlines), or save the image as PNG",
        "gör om texten till konturer i bildprogrammet (Inkscape: Bana → Objekt till bana; Illustrator: Text → Skapa konturer), eller spara bilden som PNG"
    )
}

/// The batch renderer for a prepared run. What is not one document's (a
/// combined PDF) is dated as the batch's newest document: a course's issue
/// date, the latest diploma's award.
pub fn renderer(p: &Prepared) -> Renderer {
    let data = p.data();
    let newest = p.plan.docs.iter().map(|d| data.awarded(d)).max().unwrap_or_else(|| p.project.issued());
    Renderer::new(&p.project.dir, &p.templates, timestamp(newest), p.signer.is_some())
}

/// The creation date of `doc`'s PDF: its award date (a diploma's own, not
/// the batch's), or `SOURCE_DATE_EPOCH` when set.
pub fn created(data: &plan::Data, doc: &plan::Doc) -> chrono::NaiveDateTime {
    timestamp(data.awarded(doc))
}

/// The date PDFs carry: `SOURCE_DATE_EPOCH` if set, else the issue date.
pub fn timestamp(issued: chrono::NaiveDate) -> chrono::NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map(|dt| dt.naive_utc())
        .unwrap_or_else(|| issued.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

/// A template's failure while laying out a report: its problems, each
/// saying so.
pub fn report_problems(found: Problems) -> Problems {
    Problems(
        found.0.into_iter().map(|p| p.trace(tr!("while laying out the report", "när rapporten lades ut"))).collect(),
    )
}

/// A template's failure while laying out one record: its problems, each
/// naming the record.
pub fn template_problems(table: &Table, doc: &plan::Doc, name: &str, found: Problems) -> Problems {
    let (rw, row, file) = (table.row_word, doc.row, table.path.display());
    let step = tr!("while laying out {rw} {row} ({name}) of {file}", "när {rw} {row} ({name}) i {file} lades ut");
    Problems(found.0.into_iter().map(|p| p.trace(step.clone())).collect())
}

/// Makes `doc`'s data (unsigned) and lays it out without writing a PDF;
/// a failure is the problems to report.
pub fn lay_out(renderer: &Renderer, data: &plan::Data, table: &Table, doc: &plan::Doc) -> Result<Laid, Problems> {
    let value = data.of(doc, None).map_err(|msg| Problems(vec![Problem::error(table.place(doc.row, None), msg)]))?;
    renderer
        .layout(doc.kind.template_index(), &value)
        .map_err(|found| template_problems(table, doc, &data.holder_name(doc), found))
}

/// A document that did not fit on one page, as a problem naming what in
/// it is long.
pub fn overflow_problem(table: &Table, data: &plan::Data, doc: &plan::Doc, pages: usize) -> Problem {
    let name = data.holder_name(doc);
    let long = data.of(doc, None).map(|v| long_parts(&v)).unwrap_or_default();
    let hint = if long.is_empty() {
        tr!(
            "shorten the texts on the document, or use a template with more room",
            "korta texterna på dokumentet, eller använd en mall med mer plats"
        )
    } else if let [one] = &long[..] {
        tr!(
            "the longest part is {one}: shorten it, or use a template with more room",
            "den längsta delen är {one}: korta den, eller använd en mall med mer plats"
        )
    } else {
        let long = crate::locale::join_list(&long, crate::locale::messages());
        tr!(
            "the longest parts are {long}: shorten one of them, or use a template with more room",
            "de längsta delarna är {long}: korta någon av dem, eller använd en mall med mer plats"
        )
    };
    Problem::error(
        table.place(doc.row, None),
        tr!(
            "the document for {name} does not fit on one page, even with the smallest type and spacing the template \
             allows (it takes {pages} pages)",
            "dokumentet för {name} får inte plats på en sida, inte ens med den minsta text och de minsta mellanrum som \
             mallen tillåter (det blir {pages} sidor)"
        ),
    )
    .hint(hint)
}

/// The parts of a document's data that take the most room, longest first,
/// as the user knows them ("the description in intyg.toml (412
/// characters)"): what to shorten when it does not fit.
fn long_parts(v: &serde_json::Value) -> Vec<String> {
    let chars = |v: &serde_json::Value| -> usize {
        match v {
            serde_json::Value::String(s) => s.chars().count(),
            serde_json::Value::Array(items) => items
                .iter()
                .map(|x| x.as_str().or_else(|| x["description"].as_str()).map_or(0, |s| s.chars().count()))
                .sum(),
            _ => 0,
        }
    };
    let count = |v: &serde_json::Value| v.as_array().map_or(0, Vec::len);
    let lang = crate::locale::messages();
    let num = |n: usize| crate::locale::number(n as f64, 0, lang);
    // (room it takes, in characters of a full line's worth, what it is)
    let mut parts: Vec<(usize, String)> = Vec::new();
    let mut text = |room: usize, at_least: usize, what: String| {
        if room >= at_least {
            parts.push((room, what));
        }
    };
    let p = &v["programme"];
    let (n, items) = (chars(&p["name"]), count(&p["content"]));
    let c = num(n);
    text(n, 60, tr!("the programme's name ({c} characters)", "programmets namn ({c} tecken)"));
    let n = chars(&p["description"]);
    let c = num(n);
    text(n, 200, tr!("the programme's description ({c} characters)", "programmets beskrivning ({c} tecken)"));
    let n = chars(&p["content"]);
    let c = num(n);
    text(
        n.max(items * 60),
        300,
        tr!("the content ({items} items, {c} characters)", "innehållet ({items} punkter, {c} tecken)"),
    );
    let attended = p["sessions"].as_array().map_or(0, |s| s.iter().filter(|s| s["attended"] == true).count());
    text(
        attended * 60,
        360,
        tr!("the sessions attended ({attended})", "tillfällena deltagaren var med på ({attended})"),
    );
    let (n, items) = (chars(&v["citation"]), count(&v["citation"]));
    let c = num(n);
    text(n + items * 40, 400, tr!("the citation ({c} characters)", "motiveringen ({c} tecken)"));
    let (n, items) = (chars(&v["criteria"]), count(&v["criteria"]));
    let c = num(n);
    text(
        n.max(items * 60),
        400,
        tr!("the criteria met ({items}, {c} characters)", "de uppfyllda kriterierna ({items}, {c} tecken)"),
    );
    let n = chars(&v["organisation"]["name"]);
    let c = num(n);
    text(n, 50, tr!("the organisation's name ({c} characters)", "organisationens namn ({c} tecken)"));
    let signatories = count(&v["signatories"]);
    text(signatories * 100, 300, tr!("{signatories} signatories", "{signatories} undertecknare"));
    parts.sort_by_key(|p| std::cmp::Reverse(p.0));
    parts.into_iter().take(3).map(|(_, what)| what).collect()
}

/// A text the template had to wrap (see `render::Laid::wrapped`), as a
/// warning, with what the coordinator can do if they want it on one line:
/// `holder` is the name of the person or organisation the document is for.
pub fn wrapped_problem(table: &Table, doc: &plan::Doc, holder: &str, text: &str, min: f64) -> Problem {
    let kind = doc.kind.name();
    let hint = if text != holder {
        tr!("to have it on one line, shorten it in intyg.toml", "vill du ha det på en rad, korta det i intyg.toml")
    } else if doc.kind == plan::DocKind::Mangfaldsdiplom {
        tr!(
            "to have it on one line, write a shorter form of the organisation's name in the records",
            "vill du ha det på en rad, skriv en kortare form av organisationens namn i listan"
        )
    } else {
        tr!(
            "to have it on one line, write a middle name as its initial in the records",
            "vill du ha det på en rad, skriv ett mellannamn som initial i posterna"
        )
    };
    Problem::warning(
        table.place(doc.row, None),
        tr!(
            "\"{text}\" is too long for one line of the {kind} even at the smallest type the template allows \
             ({min:.0} pt), so it is set on more than one line",
            "\"{text}\" är för långt för en rad i {kind} även med den minsta text mallen tillåter ({min:.0} pt), \
             så det sätts på flera rader"
        ),
    )
    .hint(hint)
}

/// Problems found while laying out, in row order, each message once: a
/// programme name too long for its line is one warning, not one per
/// document.
pub fn by_row_once(mut found: Vec<(usize, Problem)>) -> Problems {
    found.sort_by_key(|(row, _)| *row);
    let mut seen = std::collections::HashSet::new();
    Problems(found.into_iter().map(|(_, p)| p).filter(|p| seen.insert(p.to_string())).collect())
}
