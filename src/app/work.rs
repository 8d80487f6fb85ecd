//! What the app's pages ask of the library: a folder read and checked as
//! `intyg check` does, one document drawn, a batch issued with its
//! progress counted, the issued documents in a ZIP, a PDF verified, a
//! starter folder made, and the settings the pages write into intyg.toml.
//! Nothing here knows about HTTP.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::batch::{Options, Prepared, Stop};
use crate::job::Progress;
use crate::job::issue;
use crate::problem::{Hinted, Problem, Problems};

/// The largest file the app takes from the browser: records, a PDF to
/// verify (a workbook of a hundred thousand rows is about 10 MB).
pub const UPLOAD_LIMIT: usize = 50 << 20;

/// `dir` as the app keeps it: an existing folder holding intyg.toml, by
/// its full path.
pub fn folder(dir: &Path) -> Result<PathBuf, Hinted> {
    let full = dir.canonicalize().map_err(|_| {
        Hinted::new(
            crate::batch::not_a_folder(dir),
            tr!(
                "give the whole path of a folder that holds intyg.toml",
                "ange hela sökvägen till en mapp som innehåller intyg.toml"
            ),
        )
    })?;
    if !full.join(crate::project::FILE_NAME).is_file() {
        let d = full.display();
        return Err(Hinted::new(
            tr!("{d} holds no intyg.toml", "{d} innehåller ingen intyg.toml"),
            tr!(
                "open the folder of a programme, diploma or report, or make a new one below",
                "öppna mappen för ett program, ett diplom eller en rapport, eller skapa en ny nedan"
            ),
        ));
    }
    Ok(full)
}

/// Where the app keeps the folders opened before: `INTYG_APP_STATE`, else
/// the user's configuration folder.
pub fn recent_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTYG_APP_STATE") {
        return Some(PathBuf::from(p));
    }
    let base = std::env::var_os("APPDATA")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("intyg").join("app-recent.txt"))
}

/// How many folders the start page remembers.
const RECENT: usize = 8;

/// The folders opened before, newest first, that still hold intyg.toml.
pub fn recent(file: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    text.lines().map(PathBuf::from).filter(|p| p.join(crate::project::FILE_NAME).is_file()).take(RECENT).collect()
}

/// Puts `dir` first among the recent folders. A list that cannot be
/// written is no reason to refuse the folder.
pub fn remember(file: &Path, dir: &Path) {
    let mut list = recent(file);
    list.retain(|p| p != dir);
    list.insert(0, dir.to_path_buf());
    list.truncate(RECENT);
    let text: String = list.iter().map(|p| format!("{}\n", p.display())).collect();
    if let Some(parent) = file.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = crate::output::write_atomic(file, text.as_bytes());
}

/// A folder read and checked as `intyg check` reads and checks it.
pub struct Examined {
    /// The run, when the records could be read at all.
    pub prepared: Option<Prepared>,
    /// Everything `intyg check` would say, errors first.
    pub problems: Vec<Problem>,
    /// A wrong argument or setting that stopped it before the records.
    pub stopped: Option<Hinted>,
}

/// A folder examined, with what it was examined on: the look at its files
/// (`intyg watch`'s) and the day.
pub struct Checked {
    /// The files as they were.
    files: crate::job::watch::Snapshot,
    /// The day, which statuses and dates depend on.
    on: chrono::NaiveDate,
    /// What was found.
    pub examined: Examined,
    /// Whether every document would go to an invented example person: the
    /// starter's records, not yet replaced.
    pub examples: bool,
}

/// The folder `dir` examined as [`examine`] does, or `earlier` when none of
/// its files changed since and it is the same day.
pub fn examine_again(dir: &Path, earlier: Option<std::sync::Arc<Checked>>) -> std::sync::Arc<Checked> {
    let files = crate::job::watch::fingerprint(dir);
    let on = chrono::Local::now().date_naive();
    match earlier {
        Some(e) if e.files == files && e.on == on => e,
        _ => {
            let examined = examine(dir);
            let examples = examined.prepared.as_ref().is_some_and(|p| {
                let n = crate::plan::to_examples(&p.plan.docs, &p.holders);
                n > 0 && n == p.plan.docs.len()
            });
            std::sync::Arc::new(Checked { files, on, examined, examples })
        }
    }
}

/// Reads, checks and lays out the folder `dir` as `intyg check` does,
/// keeping the records' rows to show.
pub fn examine(dir: &Path) -> Examined {
    let options = Options { keep_rows: true, ..Options::new(dir) };
    match crate::batch::prepare(&options) {
        Ok(prepared) => {
            let problems = crate::job::check::examine(&prepared);
            Examined { prepared: Some(prepared), problems: errors_first(problems), stopped: None }
        }
        Err(Stop::Problems(p)) => Examined { prepared: None, problems: errors_first(p), stopped: None },
        Err(Stop::Usage(h)) => Examined { prepared: None, problems: Vec::new(), stopped: Some(h) },
    }
}

fn errors_first(problems: Problems) -> Vec<Problem> {
    let mut all = problems.0;
    all.sort_by_key(|p| !p.is_error());
    all
}

/// The default texts of a folder, `prepared`, as its first documents would
/// read, by settings key (`certificate.text`, `email.subject`, …): what an
/// empty field of the settings form shows, in words, not placeholders.
pub fn examples(prepared: &Prepared) -> std::collections::HashMap<&'static str, String> {
    use crate::plan::DocKind;
    let mut out = std::collections::HashMap::new();
    let (project, lang) = (&prepared.project, prepared.lang);
    let kind = project.kind();
    let data = prepared.data();
    let texts = match &project.folder {
        crate::project::Folder::Course(c) => Some(&c.texts),
        crate::project::Folder::Diploma(d) => Some(&d.texts),
        _ => None,
    };
    // A document's sentence is the default one when intyg.toml gives none.
    let full = kind.document();
    let sentences = [
        ("certificate.text", full, texts.and_then(|t| t.text.as_ref())),
        ("diploma.text", full, texts.and_then(|t| t.text.as_ref())),
        (
            "certificate.participation_text",
            Some(DocKind::Deltagarintyg),
            texts.and_then(|t| t.participation_text.as_ref()),
        ),
    ];
    for (key, doc_kind, own) in sentences {
        if own.is_some() {
            continue;
        }
        if let Some(doc) = doc_kind.and_then(|k| prepared.plan.docs.iter().find(|d| d.kind == k)) {
            out.insert(key, doc.text.to_string());
        }
    }
    if let Some(doc) = prepared.plan.docs.first()
        && let Ok(value) = data.of(doc, None)
        && let Ok(texts) = crate::mail::Texts::new(&crate::project::EmailText::default(), kind, lang)
    {
        let entry = data.entry(doc);
        let ctx = crate::mail::context(value, doc.kind.title(lang), &doc.file_name, &entry.email);
        if let Ok(letter) = texts.render(&ctx) {
            out.insert("email.subject", letter.subject);
            out.insert("email.body", letter.body);
        }
    }
    out
}

/// The documents of a folder as a preview lists them: holder's name and row.
pub type Documents = Vec<(String, usize)>;

/// The documents of `dir` as a preview lists them, and the problems
/// `intyg preview` says of the one of row `row` (or the first): the
/// folder's errors, and that document's page running over. The folder is
/// read once.
pub fn documents(dir: &Path, row: Option<usize>) -> Result<(Documents, Vec<Problem>), Vec<Problem>> {
    let prepared = crate::batch::prepare(&Options::new(dir)).map_err(stop_problems)?;
    let data = prepared.data();
    let docs: Documents = prepared.plan.docs.iter().map(|d| (data.holder_name(d), d.row)).collect();
    let shown = row.filter(|r| docs.iter().any(|d| d.1 == *r)).or_else(|| docs.first().map(|d| d.1));
    let job = crate::job::preview::Job { record: shown, ..crate::job::preview::Job::new(dir) };
    let problems = match shown.map(|_| crate::job::preview::problems_of_one(&job, &prepared)) {
        Some(Ok((_, found))) => errors_first(found),
        _ => prepared.plan.problems.0.iter().filter(|q| q.is_error()).cloned().collect(),
    };
    Ok((docs, problems))
}

/// The first page of the document for row `row` (or the first document)
/// as a PNG picture at `dpi`, drawn as `intyg preview` draws it (one
/// function, [`crate::job::preview::draw_one`]), with its row.
pub fn preview(dir: &Path, row: Option<usize>, dpi: u32) -> Result<(Vec<u8>, usize), Vec<Problem>> {
    let job = crate::job::preview::Job { record: row, dpi, ..crate::job::preview::Job::new(dir) };
    let prepared = crate::batch::prepare(&job.options).map_err(stop_problems)?;
    let drawn = crate::job::preview::draw_one(&job, &prepared).map_err(stop_problems)?;
    let bytes = crate::render::png::encode(&drawn.picture)
        .map_err(|e| vec![Problem::error(crate::problem::Place::default(), e)])?;
    Ok((bytes, drawn.row))
}

/// The first error of `found` as one message with its place, for a page
/// that says one thing.
fn first_error(found: Vec<Problem>) -> Hinted {
    found.into_iter().find(Problem::is_error).map_or_else(
        || Hinted::new(String::new(), ""),
        |p| Hinted::new(format!("{}: {}", p.place, p.message), p.hint.unwrap_or_default()),
    )
}

fn stop_problems(stop: Stop) -> Vec<Problem> {
    match stop {
        Stop::Problems(p) => errors_first(p),
        Stop::Usage(h) => vec![h.at(crate::problem::Place::default())],
    }
}

/// A run of one folder in the background (issuing, sending): its progress
/// while it runs, then what it did (`T`).
pub struct Run<T> {
    /// Steps done so far: documents written, messages sent.
    pub done: AtomicUsize,
    /// Steps in the run (0 until known).
    pub total: AtomicUsize,
    /// When it started.
    started: Mutex<Option<Instant>>,
    /// How long it has run, once it has finished.
    took: Mutex<Option<Duration>>,
    /// What it did, once it has finished.
    outcome: Mutex<Option<T>>,
}

impl<T> Default for Run<T> {
    fn default() -> Run<T> {
        Run {
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            started: Mutex::new(None),
            took: Mutex::new(None),
            outcome: Mutex::new(None),
        }
    }
}

/// What an issue run did.
#[derive(Clone)]
pub enum Outcome {
    /// Every document written.
    Issued(Issued),
    /// Stopped before anything was written, for these reasons.
    Stopped(Vec<Problem>),
}

/// What a finished run wrote.
#[derive(Clone)]
pub struct Issued {
    /// The documents, in record order: name, row, file name, and what it
    /// is ("Kursintyg", "Deltagarintyg").
    pub documents: Vec<(String, usize, String, String)>,
    /// How many of each kind, as the run's summary says it: "52 intyg om
    /// deltagande".
    pub kinds: String,
    /// Who got none, and why.
    pub not_eligible: Vec<(String, usize, String)>,
    /// Warnings of the run.
    pub warnings: Vec<Problem>,
    /// The output folder.
    pub out: PathBuf,
}

/// What a send run did: the deliveries, or why nothing was sent.
pub type Sent = Result<crate::job::send::Deliveries, Vec<Problem>>;

impl<T: Clone + Send> Run<T> {
    /// Whether it has finished.
    pub fn finished(&self) -> bool {
        crate::app::lock(&self.outcome).is_some()
    }

    /// What it did, once finished.
    pub fn outcome(&self) -> Option<T> {
        crate::app::lock(&self.outcome).clone()
    }

    /// How long the rest will take at the pace so far, once a step is done.
    pub fn left(&self) -> Option<Duration> {
        let (done, total) = (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed));
        let elapsed = crate::app::lock(&self.started).as_ref()?.elapsed();
        (done > 0 && total >= done).then(|| elapsed.mul_f64((total - done) as f64 / done as f64))
    }

    /// How long it took, once finished.
    pub fn took(&self) -> Option<Duration> {
        *crate::app::lock(&self.took)
    }

    /// Does `work`, telling it how to count its steps, and keeps what it did.
    fn run(&self, work: impl FnOnce(Progress) -> T) {
        let started = Instant::now();
        *crate::app::lock(&self.started) = Some(started);
        let count = |done: usize, total: usize| {
            self.total.store(total, Ordering::Relaxed);
            self.done.store(done, Ordering::Relaxed);
        };
        let outcome = work(Progress::Count(&count));
        *crate::app::lock(&self.took) = Some(started.elapsed());
        *crate::app::lock(&self.outcome) = Some(outcome);
    }
}

impl Run<Outcome> {
    /// Issues the documents of `dir` as `intyg issue DIR` does, counting
    /// its progress.
    pub fn issue(&self, dir: &Path) {
        self.run(|progress| match issue::execute(&issue::Job::new(dir), progress) {
            Ok(issued) => {
                let s = issued.summary;
                Outcome::Issued(Issued {
                    documents: s
                        .issued
                        .iter()
                        .map(|d| {
                            let file = d.file.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned());
                            let kind = d.kind.title(crate::locale::messages()).to_owned();
                            (d.name.clone(), d.row, file, kind)
                        })
                        .collect(),
                    kinds: crate::job::kind_counts(s.issued.iter().map(|d| d.kind)),
                    not_eligible: s.not_eligible.iter().map(|n| (n.name.clone(), n.row, n.why())).collect(),
                    warnings: s.problems,
                    out: s.out.unwrap_or_default(),
                })
            }
            Err(stop) => Outcome::Stopped(stop_problems(stop)),
        });
    }
}

impl Run<Sent> {
    /// E-mails the issued documents of `dir` as `intyg send DIR --yes`
    /// does, counting its progress, if the messages are still the `shown`
    /// the person confirmed; if the records changed since, nothing is sent.
    pub fn send(&self, dir: &Path, shown: &str, password: Option<String>) {
        self.run(|progress| {
            let now = digest(&send(dir, true, Progress::Hidden, None)?);
            if now != shown {
                return Err(vec![Problem::error(
                    crate::problem::Place::default(),
                    tr!(
                        "the messages changed since the page showed them (an address, a text or a document): nothing was sent; look at them again",
                        "meddelandena har ändrats sedan sidan visade dem (en adress, en text eller ett dokument): ingenting skickades; titta på dem igen"
                    ),
                )]);
            }
            send(dir, false, progress, password)
        });
    }
}

/// What a dry run showed, as one checksum: every message's recipient,
/// subject, text and attached file with its bytes. The send page carries
/// it, and nothing is sent unless the messages are still those.
pub fn digest(dry: &crate::job::send::Deliveries) -> String {
    use sha2::Digest as _;
    let out = dry.log.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut hash = sha2::Sha256::new();
    for m in &dry.sent {
        // The register's checksum, which the send job checked against the
        // file; the file itself only where the register has none.
        let pdf = match m.sha256.as_str() {
            "" => crate::register::sha256_hex(&std::fs::read(out.join(&m.file)).unwrap_or_default()),
            kept => kept.to_owned(),
        };
        for part in [&m.id, &m.recipient, &m.subject, &m.body, &m.file, &pdf] {
            hash.update((part.len() as u64).to_le_bytes());
            hash.update(part.as_bytes());
        }
    }
    crate::register::hex(&hash.finalize())
}

/// The folder's kind: what its pages can do.
pub fn kind(dir: &Path) -> Option<crate::project::Kind> {
    crate::project::Project::load(dir).ok().map(|p| p.kind())
}

/// The mail server a folder's intyg.toml names, as the send page says it,
/// and whether it wants a password the computer does not keep.
#[derive(Debug, Clone, Default)]
pub struct MailSetup {
    /// "smtp.exempel.se:587 (STARTTLS), som kansli"; none when no server is
    /// set up.
    pub server: Option<String>,
    /// The server's host and user, when it logs in.
    pub login: Option<(String, String)>,
    /// Whether the computer's password store holds its password.
    pub kept: bool,
    /// Why the store could not be asked, if it could not.
    pub store: Option<String>,
    /// The sender's address, to offer as the test message's recipient.
    pub own_address: String,
    /// Whether the sender is still the starter's example.
    pub example_sender: bool,
}

/// What `dir`'s intyg.toml says of sending, read without the records.
pub fn mail_setup(dir: &Path) -> MailSetup {
    let Ok(project) = crate::project::Project::load(dir) else { return MailSetup::default() };
    let email = &project.common.email;
    let from = email.from.clone().unwrap_or_default();
    let address = |text: &str| crate::mail::mailbox(text).map(|m| m.email.to_string()).unwrap_or_default();
    let own = email.reply_to.as_deref().map(address).filter(|a| !a.is_empty()).unwrap_or_else(|| address(&from));
    let mut setup = MailSetup {
        example_sender: crate::job::starter::is_example_address(&from),
        own_address: own,
        ..MailSetup::default()
    };
    let sources = crate::mail::smtp::Sources {
        arg: None,
        env_url: None,
        env_password: None,
        given_password: None,
        toml: project.common.smtp.as_ref(),
        dir: &project.dir,
    };
    let Ok(reach) = crate::mail::smtp::Server::reach(&sources) else { return setup };
    if let Some(user) = &reach.user {
        match crate::mail::password::stored(&reach.host, user) {
            Ok(p) => setup.kept = p.is_some(),
            Err(why) => setup.store = Some(why),
        }
        setup.login = Some((reach.host.clone(), user.clone()));
    }
    setup.server = Some(reach.describe());
    setup
}

/// Keeps `password` for the login of `setup` in the computer's password
/// store; says why it could not, in the user's words.
pub fn keep_password(setup: &MailSetup, password: &str) -> Result<(), String> {
    match &setup.login {
        Some((host, user)) => {
            crate::mail::password::keep(host, user, password).map_err(|why| crate::mail::password::cannot_keep(&why))
        }
        None => Ok(()),
    }
}

/// Sends a test message from `dir`'s sender to `to` through its server.
pub fn test_message(dir: &Path, to: &str, password: Option<String>) -> Result<crate::job::send::Tried, Vec<Problem>> {
    let job = crate::job::send::Job { password, ..crate::job::send::Job::new(dir) };
    crate::job::send::test_message(&job, to).map_err(stop_problems)
}

/// A diploma folder's register as its page shows it: every row, and those
/// that expire within 90 days or have expired unrenewed (as `intyg
/// expiring DIR` lists them), with the revocations intyg.toml keeps.
pub struct Registered {
    /// Every row, in the register's order.
    pub entries: Vec<crate::register::Entry>,
    /// What to renew.
    pub expiring: Vec<crate::job::expiring::Expiring>,
    /// Revoked in the app: id, day and reason.
    pub revocations: std::collections::BTreeMap<String, crate::project::Revocation>,
    /// The day it is read for.
    pub on: chrono::NaiveDate,
}

/// The register of the diploma folder `dir`, read as `intyg expiring` reads it.
pub fn registered(dir: &Path) -> Result<Registered, Vec<Problem>> {
    let project = crate::project::Project::load(dir).map_err(|p| p.0)?;
    let path = project.register_path(&dir.join("out"));
    let register = crate::register::Register::read(&path).map_err(|p| p.0)?;
    let on = chrono::Local::now().date_naive();
    let end = crate::job::expiring::window_end("90d", on).unwrap_or(on);
    let expiring = crate::job::expiring::list(&register, on, end);
    let revocations = match &project.folder {
        crate::project::Folder::Diploma(d) => d.revocations.clone(),
        _ => Default::default(),
    };
    Ok(Registered { entries: register.entries, expiring, revocations, on })
}

/// Revokes the diploma `id` of the folder `dir` on `on` for `reason`:
/// written into intyg.toml's `[revocations]` (comments and order kept),
/// then the folder issued again as `intyg issue` does, so that the
/// register says so and the diploma's PDF is gone. A run that cannot
/// finish puts intyg.toml back as it was.
pub fn revoke(dir: &Path, id: &str, reason: &str, on: chrono::NaiveDate) -> Result<(), Vec<Problem>> {
    let whole = |h: Hinted| vec![h.at(crate::problem::Place::default())];
    let reason = reason.split_whitespace().collect::<Vec<_>>().join(" ");
    if reason.is_empty() {
        return Err(whole(Hinted::new(
            tr!("say why the diploma is revoked", "ange varför diplomet återkallas"),
            tr!("the reason is kept with the revocation", "skälet sparas med återkallelsen"),
        )));
    }
    let known = registered(dir)?.entries.iter().any(|e| e.id == id && e.status == crate::register::Status::Valid);
    if !known {
        return Err(whole(Hinted::new(
            tr!("{id} is no valid diploma of this folder", "{id} är inget giltigt diplom i den här mappen"),
            tr!("reload the page and choose again", "ladda om sidan och välj igen"),
        )));
    }
    let _one = one_writer();
    let (path, mut doc, before) = config(dir).map_err(whole)?;
    if doc.get("revocations").is_none() {
        doc["revocations"] = toml_edit::table();
    }
    let mut revocation = toml_edit::InlineTable::new();
    let day: toml_edit::Datetime = on.to_string().parse().map_err(|_| whole(Hinted::new(on.to_string(), "")))?;
    revocation.insert("on", day.into());
    revocation.insert("reason", reason.into());
    doc["revocations"][id] = toml_edit::value(revocation);
    write_config(&path, &doc.to_string()).map_err(whole)?;
    match issue::execute(&issue::Job::new(dir), Progress::Hidden) {
        Ok(_) => Ok(()),
        Err(stop) => {
            write_config(&path, &before).map_err(whole)?;
            Err(stop_problems(stop))
        }
    }
}

/// Starts the renewal of the diploma `id` of the folder `dir`: a new row
/// for its organisation at the end of the list, copied from the row of
/// that diploma, awarded the day after it ends (or `on`, once it has
/// ended), without the old decision's validity, status and case reference. The coordinator reviews criteria
/// and citation in the spreadsheet, then issues; the new diploma
/// supersedes the old. Only a CSV list can be added to here; a workbook
/// is not rewritten (its formatting would be lost). Returns the new row's
/// number and award date.
pub fn renew(dir: &Path, id: &str, on: chrono::NaiveDate) -> Result<(usize, chrono::NaiveDate), Hinted> {
    use crate::plan::Holders;
    let prepared = crate::batch::prepare(&Options { keep_rows: true, ..Options::new(dir) })
        .map_err(|s| first_error(stop_problems(s)))?;
    let entry = prepared.register.entries.iter().find(|e| e.id == id).ok_or_else(|| {
        Hinted::new(
            tr!("{id} is not in the register", "{id} finns inte i registret"),
            tr!("reload the page and choose again", "ladda om sidan och välj igen"),
        )
    })?;
    let Holders::Organisations(orgs) = &prepared.holders else {
        return Err(Hinted::new(tr!("this folder has no diplomas", "den här mappen har inga diplom"), ""));
    };
    let org = orgs
        .iter()
        .filter(|o| crate::locale::same_text(&o.number, &entry.holder_id) && o.awarded == entry.awarded)
        .max_by_key(|o| o.row)
        .ok_or_else(|| {
            let holder = &entry.holder;
            Hinted::new(
                tr!("{holder}'s row is no longer in the list", "{holder}s rad finns inte längre i listan"),
                tr!("add the new row in the spreadsheet", "lägg till den nya raden i kalkylbladet"),
            )
        })?;
    let table = &prepared.table;
    let path = table.path.clone();
    let csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["csv", "tsv", "txt"].contains(&e.to_lowercase().as_str()));
    let (Some(delimiter), true) = (table.delimiter, csv) else {
        let file = path.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned());
        return Err(Hinted::new(
            tr!(
                "{file} is a workbook, which intyg does not rewrite",
                "{file} är en arbetsbok, som intyg inte skriver om"
            ),
            tr!(
                "open it, copy the organisation's row to a new row with the new award date, save, and issue",
                "öppna den, kopiera organisationens rad till en ny rad med det nya diplomeringsdatumet, spara och utfärda"
            ),
        ));
    };
    let row = prepared.rows.iter().find(|r| r.number == org.row).ok_or_else(|| Hinted::new(String::new(), ""))?;
    // A renewal starts the day after the old diploma ends (they may not
    // overlap), or today when it has ended.
    let on = entry.valid_until.and_then(|u| u.succ_opt()).filter(|next| *next > on).unwrap_or(on);
    let cells: Vec<String> = row
        .cells
        .iter()
        .enumerate()
        .map(|(c, cell)| match crate::check::org::field_of(table.meaning(c)).as_deref() {
            Some("Awarded") => on.to_string(),
            Some("ValidUntil" | "Status" | "RevokedOn" | "CaseRef") => String::new(),
            _ => cell.clone(),
        })
        .collect();
    let mut line = Vec::new();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(&mut line);
        writer.write_record(&cells).map_err(|e| Hinted::new(e.to_string(), ""))?;
        writer.flush().map_err(|e| Hinted::new(e.to_string(), ""))?;
    }
    let bytes = std::fs::read(&path).map_err(|e| Hinted::new(crate::job::cannot_read(&path.display(), &e), ""))?;
    // In the file's own encoding and line ending, after its last line.
    let crlf = bytes.windows(2).any(|w| w == b"\r\n");
    let text = String::from_utf8_lossy(&line).trim_end().to_owned() + if crlf { "\r\n" } else { "\n" };
    let encoded = match table.encoding.filter(|e| *e != encoding_rs::UTF_8) {
        Some(encoding) => encoding.encode(&text).0.into_owned(),
        None => text.into_bytes(),
    };
    let mut out = bytes;
    if !out.is_empty() && !out.ends_with(b"\n") {
        out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    out.extend_from_slice(&encoded);
    crate::output::write_atomic(&path, &out)
        .map_err(|e| Hinted::new(crate::job::cannot_write(&path.display(), &e), ""))?;
    Ok((prepared.rows.iter().map(|r| r.number).max().unwrap_or(1) + 1, on))
}

/// Makes the signing sheet or the badges of `dir` as `intyg sheets DIR` and
/// `intyg badges DIR` do.
pub fn door(dir: &Path, sheet: crate::job::door::Sheet) -> Result<crate::job::door::Made, Vec<Problem>> {
    crate::job::door::make(&crate::job::door::Job::new(dir), sheet).map_err(stop_problems)
}

/// Makes the report of `dir` as `intyg report DIR` does: the programme
/// report of a course folder, the annual report of a report folder.
pub fn report(dir: &Path) -> Result<crate::job::report::Written, Vec<Problem>> {
    crate::job::report::write(&crate::job::report::Job::new(dir)).map_err(stop_problems)
}

/// E-mails the issued documents of `dir` as `intyg send DIR` does (with
/// the `password` typed in the page, if any), or with `dry_run` writes
/// each message into out/outbox/ and sends nothing.
pub fn send(dir: &Path, dry_run: bool, progress: Progress, password: Option<String>) -> Sent {
    // The page asked, naming the count.
    let job = crate::job::send::Job { dry_run, yes: true, quiet: true, password, ..crate::job::send::Job::new(dir) };
    crate::job::send::execute(&job, progress).map_err(stop_problems)
}

/// Draws every document of `dir` on proof sheets in its folder proof/, as
/// `intyg preview DIR --all` does, those that need a look framed in red;
/// returns the sheets' file names.
pub fn proof(dir: &Path) -> Result<(Vec<String>, Vec<Problem>), Vec<Problem>> {
    let job = crate::job::preview::Job { all: true, ..crate::job::preview::Job::new(dir) };
    let made = crate::job::preview::make(&job, false).map_err(stop_problems)?;
    let names = made.files.iter().filter_map(|f| f.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    Ok((names, made.problems.0))
}

/// Writes the verification site of `dir` into its folder site/, as
/// `intyg publish DIR --out DIR/site` does, with the folder's signing key
/// (when intyg.toml names one) publishing the public half and signing the
/// status list.
pub fn publish(dir: &Path) -> Result<crate::job::publish::Published, Vec<Problem>> {
    let key = crate::project::Project::load(dir).ok().and_then(|p| p.verification().key);
    let on = chrono::Local::now().date_naive();
    let job = crate::job::publish::Job { register: dir.to_path_buf(), out: dir.join("site"), key, on };
    crate::job::publish::publish(&job).map_err(stop_problems)
}

/// The issued documents `files` of the output folder `out`, with the
/// register beside them, as one ZIP (stored: PDFs are compressed already).
pub fn zip(out: &Path, files: &[String]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut names: Vec<&str> = files.iter().map(String::as_str).collect();
    if out.join("register.csv").is_file() {
        names.push("register.csv");
    }
    for name in names {
        // The rule of single files: nothing that leads out of the folder (a
        // symbolic link to /etc/passwd named register.csv).
        let path = super::guard::inside(out, name).ok_or_else(|| {
            tr!(
                "{name} leads out of the output folder: nothing was put in the ZIP",
                "{name} leder ut ur utmatningsmappen: ingenting lades i ZIP-filen"
            )
        })?;
        let bytes = std::fs::read(&path).map_err(|e| crate::job::cannot_read(&name, &e))?;
        writer.start_file(name, options).map_err(|e| e.to_string())?;
        writer.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    writer.finish().map(std::io::Cursor::into_inner).map_err(|e| e.to_string())
}

/// What `intyg verify` says of a PDF, checked against the folder's
/// register and public key.
pub fn verify(dir: &Path, pdf: &[u8]) -> crate::verify::Verdict {
    let project = crate::project::Project::load(dir).ok();
    let out = dir.join("out");
    let register_path = project.as_ref().map_or_else(|| out.join("register.csv"), |p| p.register_path(&out));
    let register = crate::register::Register::read(&register_path).ok().filter(|r| !r.entries.is_empty());
    let key = project
        .as_ref()
        .and_then(|p| p.verification().key)
        .and_then(|k| crate::credential::keys::read_secret(&k).ok())
        .map(|k| k.verifying_key());
    let trust = crate::verify::Trust {
        key: key.as_ref(),
        register: register.as_ref(),
        status: None,
        on: chrono::Local::now().date_naive(),
    };
    crate::verify::check(pdf, &trust)
}

/// A file name from the browser made safe for the folder: its last part
/// only, and refused if it is not a plain name.
pub fn upload_name(name: &str) -> Result<String, Hinted> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default().trim();
    crate::output::safe_file_name(last).map_err(|e| Hinted::new(e, ""))?;
    Ok(last.to_owned())
}

/// Saves an uploaded records file in `dir` and names it in intyg.toml
/// (`records = "…"`), keeping the file's comments; a file of that name
/// already there and not the records file is kept, the new one numbered.
pub fn save_records(dir: &Path, name: &str, bytes: &[u8]) -> Result<String, Hinted> {
    let name = upload_name(name)?;
    let ext = Path::new(&name).extension().and_then(|e| e.to_str()).unwrap_or_default().to_lowercase();
    if !["csv", "tsv", "txt", "xlsx", "xlsm", "xls", "ods", "toml", "json"].contains(&ext.as_str()) {
        return Err(Hinted::new(
            tr!("\"{name}\" is not a records file intyg reads", "\"{name}\" är ingen lista som intyg läser"),
            tr!(
                "save the list as .xlsx, .ods or .csv and drop that file",
                "spara listan som .xlsx, .ods eller .csv och släpp den filen"
            ),
        ));
    }
    let _one = one_writer();
    let (config, mut doc, _) = config(dir)?;
    let current = doc.get("records").and_then(|v| v.as_str()).map(|c| dir.join(c));
    let target = free_name(dir, &name, &ext, |there| current.as_deref() == Some(there));
    let path = dir.join(&target);
    crate::output::write_atomic(&path, bytes)
        .map_err(|e| Hinted::new(crate::job::cannot_write(&path.display(), &e), ""))?;
    // Checked as a records file before intyg.toml names it: a file that
    // cannot be read at all (a damaged workbook, a PDF renamed .xlsx) is
    // taken back, and the folder keeps the file it had.
    let options = Options { records: Some(path.clone()), ..Options::new(dir) };
    let unreadable = match crate::batch::prepare(&options) {
        Err(Stop::Problems(found)) => {
            found.0.into_iter().find(|p| p.is_error() && p.place.file.as_deref() == Some(path.as_path()))
        }
        _ => None,
    };
    if let Some(problem) = unreadable {
        let _ = std::fs::remove_file(&path);
        let first = Some(problem);
        let (message, hint) = first.map_or_else(Default::default, |p| {
            let mut place = p.place.clone();
            place.file = place.file.as_ref().and_then(|f| f.file_name()).map(PathBuf::from);
            (format!("{place}: {}", p.message), p.hint.unwrap_or_default())
        });
        return Err(Hinted::new(message, hint));
    }
    doc["records"] = toml_edit::value(target.clone());
    // A sheet or header row named for the old file may not fit the new one.
    for key in ["sheet", "header_row"] {
        doc.remove(key);
    }
    write_config(&config, &doc.to_string())?;
    Ok(target)
}

/// What `[columns]` of `project` can map a column to, from the app's
/// drop-down: key and meaning, as the report of how a file was read says
/// them (a course's sessions each by its number and date).
pub fn column_fields(project: &crate::project::Project) -> Vec<(String, String)> {
    crate::check::columns::choices(project.kind(), project.folder.sessions(), project.common.language.messages())
}

/// Maps the column `header` to `field` in intyg.toml's `[columns]`,
/// keeping the file's comments and order.
pub fn map_column(dir: &Path, field: &str, header: &str) -> Result<(), Hinted> {
    let project = crate::project::Project::load(dir).map_err(|p| first_error(p.0))?;
    let unused = field == crate::project::UNUSED;
    if !unused && !column_fields(&project).iter().any(|(k, _)| k == field) {
        return Err(Hinted::new(tr!("unknown field \"{field}\"", "okänt fält \"{field}\""), ""));
    }
    let _one = one_writer();
    let (config, mut doc, _) = config(dir)?;
    if doc.get("columns").is_none() {
        doc["columns"] = toml_edit::table();
    }
    if unused {
        // One more column left out: `unused = ["Kommentar", "Övrigt"]`.
        let mut list = match doc["columns"].get(field).and_then(|v| v.as_value()) {
            Some(toml_edit::Value::Array(a)) => a.clone(),
            Some(toml_edit::Value::String(s)) => std::iter::once(s.value().clone()).collect(),
            _ => toml_edit::Array::new(),
        };
        if !list.iter().any(|v| v.as_str() == Some(header)) {
            list.push(header);
        }
        doc["columns"][field] = toml_edit::value(list);
    } else {
        doc["columns"][field] = toml_edit::value(header);
    }
    write_config(&config, &doc.to_string())
}

/// Held while a change to a folder's intyg.toml is read, made and
/// written: two requests at once (an upload and a column mapped) each
/// read the file the other wrote, and neither writes back a stale copy.
/// One lock for every folder: changes are rare and quick.
pub fn one_writer() -> std::sync::MutexGuard<'static, ()> {
    static WRITER: Mutex<()> = Mutex::new(());
    crate::app::lock(&WRITER)
}

/// intyg.toml of `dir`: its path, its text as an editable document
/// (comments and order kept), and the text; a file that is not TOML is
/// named by its line.
pub fn config(dir: &Path) -> Result<(PathBuf, toml_edit::DocumentMut, String), Hinted> {
    let path = dir.join(crate::project::FILE_NAME);
    let text =
        std::fs::read_to_string(&path).map_err(|e| Hinted::new(crate::job::cannot_read(&path.display(), &e), ""))?;
    let doc = text.parse().map_err(|e: toml_edit::TomlError| {
        let place = e.span().map(|s| text[..s.start].lines().count().max(1));
        Hinted::new(
            format!("{}{}", place.map_or(String::new(), |l| tr!("line {l}: ", "rad {l}: ")), e.message()),
            tr!(
                "open intyg.toml in a text editor and mend that line",
                "öppna intyg.toml i en textredigerare och rätta raden"
            ),
        )
    })?;
    Ok((path, doc, text))
}

/// Writes `text` as intyg.toml at `path`, whole or not at all.
pub fn write_config(path: &Path, text: &str) -> Result<(), Hinted> {
    crate::output::write_atomic(path, text.as_bytes())
        .map_err(|e| Hinted::new(crate::job::cannot_write(&path.display(), &e), ""))
}

/// A name for a new file `name` (extension `ext`) in `dir`: `name` itself,
/// or `stem (2).ext`, `stem (3).ext`, … — the first that no file has, or
/// whose file `ours` says may be used (the same file again).
pub fn free_name(dir: &Path, name: &str, ext: &str, ours: impl Fn(&Path) -> bool) -> String {
    let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or(name);
    (1..)
        .map(|n| if n == 1 { name.to_owned() } else { format!("{stem} ({n}).{ext}") })
        .find(|t| {
            let there = dir.join(t);
            !there.exists() || ours(&there)
        })
        .expect("one of endless names is free")
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn settings_keep_the_files_comments() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "# Programfil\nrecords = \"gammal.csv\" # listan\n\n[issuer]\nname = \"Kommunen\" # vi\n\n\
            [programme]\nname = \"Kurs\"\n\n[[sessions]]\ndate = 2026-02-03\n";
        std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
        std::fs::write(dir.path().join("ny.csv"), "annan").unwrap();
        let saved = save_records(dir.path(), "C:\\Users\\ada\\Desktop\\ny.csv", b"Namn\nAda\n").unwrap();
        assert_eq!(saved, "ny (2).csv", "a file already there is kept");
        map_column(dir.path(), "name", "Deltagarens namn").unwrap();
        map_column(dir.path(), "unused", "Kommentar").unwrap();
        map_column(dir.path(), "unused", "Övrigt").unwrap();
        map_column(dir.path(), "unused", "Kommentar").unwrap();
        let text = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        assert!(text.starts_with("# Programfil\nrecords = \"ny (2).csv\""), "{text}");
        assert!(text.contains("name = \"Kommunen\" # vi"), "{text}");
        assert!(
            text.contains("[columns]\nname = \"Deltagarens namn\"\nunused = [\"Kommentar\", \"Övrigt\"]"),
            "{text}"
        );
        assert_eq!(std::fs::read_to_string(dir.path().join("ny.csv")).unwrap(), "annan");
        assert!(save_records(dir.path(), "../../etc/passwd.csv", b"Namn\nAda\n").is_ok_and(|n| n == "passwd.csv"));
        assert!(save_records(dir.path(), "virus.exe", b"x").is_err());
        // A damaged workbook is refused, and the folder keeps its file.
        let before = std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap();
        let refused = save_records(dir.path(), "deltagare.xlsx", b"PK not a workbook").unwrap_err();
        assert!(refused.message.starts_with("deltagare.xlsx: "), "{refused:?}");
        assert!(!dir.path().join("deltagare.xlsx").exists());
        assert_eq!(std::fs::read_to_string(dir.path().join("intyg.toml")).unwrap(), before);
        assert!(map_column(dir.path(), "template", "x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_zip_follows_no_link_out_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("a.pdf"), b"%PDF").unwrap();
        std::fs::write(dir.path().join("hemligt.txt"), b"root:x:0:0").unwrap();
        assert!(zip(&out, &["a.pdf".to_owned()]).is_ok());
        std::os::unix::fs::symlink(dir.path().join("hemligt.txt"), out.join("register.csv")).unwrap();
        let refused = zip(&out, &["a.pdf".to_owned()]).unwrap_err();
        assert!(refused.contains("register.csv"), "{refused}");
        std::fs::remove_file(out.join("register.csv")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("hemligt.txt"), out.join("b.pdf")).unwrap();
        assert!(zip(&out, &["b.pdf".to_owned()]).is_err());
    }

    #[test]
    fn a_folder_is_checked_again_only_when_a_file_it_reads_changed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("intyg.toml"),
            "[issuer]\nname = \"Kommunen\"\n\n[programme]\nname = \"Kurs\"\n\n[[sessions]]\ndate = 2026-02-03\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("deltagare.csv"), "Namn\nAda Ek\n").unwrap();
        let first = examine_again(dir.path(), None);
        let again = examine_again(dir.path(), Some(first.clone()));
        assert!(std::sync::Arc::ptr_eq(&first, &again), "nothing changed: the same reading");
        // Same size, another name: the time tells it apart.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(dir.path().join("deltagare.csv"), "Namn\nBo Ek!\n").unwrap();
        let changed = examine_again(dir.path(), Some(again.clone()));
        assert!(!std::sync::Arc::ptr_eq(&again, &changed));
        let rows = &changed.examined.prepared.as_ref().unwrap().rows;
        assert_eq!(rows[0].cells[0], "Bo Ek!");
    }
}
