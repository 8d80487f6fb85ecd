//! The send job: e-mails each issued document to its holder through the
//! organisation's own mail server. It never sends by surprise (it asks, or
//! takes `--yes`), never twice (the delivery log in the output folder is
//! read first and written as it goes), and `--dry-run` shows every message
//! without sending any.

use std::collections::HashMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use super::{Progress, cannot_create, cannot_write, progress_bar, writable_folder};
use crate::batch::{Prepared, Stop, prepare};
use crate::mail::log::{self as delivery, History, Line, Step, Writer};
use crate::mail::smtp::{Answer, Client, Failure, Server, Sources};
use crate::mail::{self, Letter, Sender, Texts};
use crate::plan::Doc;
use crate::plan::Holders;
use crate::problem::{Place, Problem, Problems};
use crate::register::{Entry, Status};

/// What a run did, printed as JSON with `--json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Deliveries {
    /// Whether nothing was sent on purpose.
    pub dry_run: bool,
    /// Messages accepted by the server in this run (with `--dry-run`: the
    /// messages that would be sent).
    pub sent: Vec<Message>,
    /// Messages the server refused for good.
    pub rejected: Vec<Message>,
    /// Documents not sent: no e-mail address, or one that is not an address.
    pub skipped: Vec<Skipped>,
    /// Documents whose message a stopped run was sending: the server may or
    /// may not have it.
    pub unknown: Vec<Message>,
    /// Documents expired, replaced or revoked as of the run date: not sent
    /// unless named with `--only`.
    pub expired: Vec<Skipped>,
    /// Documents the log says were sent before.
    pub already_sent: usize,
    /// Why the run stopped before the end, if it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<String>,
    /// How to go on after the stop, when it is not "run again".
    #[serde(skip)]
    pub hint: Option<String>,
    /// The delivery log.
    pub log: PathBuf,
    /// Where `--dry-run` wrote the messages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eml: Option<PathBuf>,
    /// The server, as "host:port (TLS)".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    /// Warnings.
    pub problems: Vec<Problem>,
    /// Who the messages are from, as `From:` says it.
    #[serde(skip)]
    pub from: String,
}

/// One message in a report.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    /// The document's id.
    pub id: String,
    /// The address.
    pub recipient: String,
    /// The subject.
    pub subject: String,
    /// The PDF attached.
    pub file: String,
    /// The server's reply.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub response: String,
    /// The text, as the recipient reads it (shown by the app's dry run).
    #[serde(skip)]
    pub body: String,
    /// The attached PDF's SHA-256 as the register has it (checked against
    /// the file before anything is sent); empty where it has none.
    #[serde(skip)]
    pub sha256: String,
}

/// A document that is not sent, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// The document's id.
    pub id: String,
    /// The holder's row in the records.
    pub row: usize,
    /// The holder.
    pub name: String,
    /// Why.
    pub reason: String,
}

/// One message to send: its document, recipient and texts.
struct Outgoing<'a> {
    doc: &'a Doc,
    to: lettre::message::Mailbox,
    texts: Letter,
    pdf: PathBuf,
    /// The PDF's SHA-256 in the register.
    sha256: String,
}

/// What a send run is asked to do, as plain data: made once from the
/// command line ([`Job::from_args`]) or by another front end.
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The folder and how to read it.
    pub options: crate::batch::Options,
    /// Write each message as an .eml file and send nothing.
    pub dry_run: bool,
    /// Where a dry run writes [default: out/outbox/].
    pub eml: Option<PathBuf>,
    /// Only these documents, by id.
    pub only: Vec<String>,
    /// Send the documents `only` names again.
    pub resend: bool,
    /// Send without asking (the person was asked already).
    pub yes: bool,
    /// The mail server, instead of intyg.toml's.
    pub smtp: Option<String>,
    /// Print nothing: no dry-run lines.
    pub quiet: bool,
    /// The mail server's password as the person typed it in the app.
    pub password: Option<String>,
}

impl Job {
    /// Sending the issued documents of the folder `dir` as intyg.toml says.
    pub fn new(dir: impl Into<PathBuf>) -> Job {
        Job { options: crate::batch::Options::new(dir), ..Job::default() }
    }
}

/// Sends (or, with `dry_run`, writes) the messages `job` asks for,
/// printing nothing but the dry run's lines unless quiet, and showing the
/// sending's progress as `progress` says.
pub fn execute(job: &Job, progress: Progress) -> Result<Deliveries, Stop> {
    let prepared = prepare(&job.options)?;
    let mut problems = prepared.plan.problems.clone();
    if problems.has_errors() {
        return Err(Stop::Problems(problems));
    }
    let out = prepared.out.clone();
    let docs = selected(&prepared, &job.only)?;
    let at = |key: &str| prepared.project.place(key);
    let sender = sender(&prepared.project).map_err(|p| Stop::Problems(Problems(vec![p])))?;
    let texts = Texts::new(&prepared.project.common.email, prepared.project.kind(), prepared.lang)
        .map_err(|e| Stop::Problems(Problems(vec![text_problem(&e, &at)])))?;
    let log_path = out.join(delivery::FILE_NAME);
    let history = History::read(&log_path).map_err(Stop::Problems)?;
    let registered: HashMap<&str, &Entry> = prepared.register.entries.iter().map(|e| (e.id.as_str(), e)).collect();
    not_issued(&prepared, &registered, &docs, &out)?;

    let data = prepared.data();
    let mut report = Deliveries {
        dry_run: job.dry_run,
        log: log_path.clone(),
        from: sender.from.to_string(),
        ..Deliveries::default()
    };
    let mut outgoing = Vec::new();
    for doc in docs {
        let entry = data.entry(doc);
        let name = data.holder_name(doc);
        let place = prepared.table.place(doc.row, None);
        let again = resend(job, &doc.id);
        let skip = |reason: String| Skipped { id: doc.id.clone(), row: doc.row, name: name.clone(), reason };
        if entry.email.trim().is_empty() {
            let reason = tr!("no e-mail address", "ingen e-postadress");
            problems.push(Problem::warning(place, not_sent(&name, &doc.id, &reason)).hint(tr!(
                "add the address to the records and run intyg send again",
                "lägg till adressen i listan och kör intyg send igen"
            )));
            report.skipped.push(skip(reason));
            continue;
        }
        // A diploma expired or replaced by a newer one is not news to
        // send, unless named on purpose.
        let status =
            registered.get(doc.id.as_str()).map(|e| (e.status_on(prepared.on), e.valid_until, &e.superseded_by));
        if let Some((state @ (Status::Expired | Status::Superseded | Status::Revoked), until, by)) = status
            && !named(job, &doc.id)
        {
            let reason = match (state, until) {
                (Status::Superseded, _) => tr!("replaced by {by}", "ersatt av {by}"),
                (Status::Revoked, _) => tr!("revoked", "återkallat"),
                (_, Some(until)) => {
                    let date = crate::locale::date(until, crate::locale::messages());
                    tr!("expired on {date}", "gick ut {date}")
                }
                _ => tr!("expired", "har gått ut"),
            };
            report.expired.push(skip(reason));
            continue;
        }
        // A diploma goes to the organisation's contact, by name.
        let shown = match &prepared.holders {
            Holders::Organisations(orgs) => orgs[doc.holder].contact.clone(),
            Holders::People(_) => name.clone(),
        };
        let to = match mail::recipient(&shown, &entry.email) {
            Ok(to) => to,
            Err(e) => {
                let address = entry.email.trim();
                let reason =
                    tr!("\"{address}\" is not an e-mail address ({e})", "\"{address}\" är ingen e-postadress ({e})");
                problems.push(Problem::warning(place, not_sent(&name, &doc.id, &reason)).hint(tr!(
                    "correct the address in the records and run intyg send again",
                    "rätta adressen i listan och kör intyg send igen"
                )));
                report.skipped.push(skip(reason));
                continue;
            }
        };
        match history.last(&doc.id) {
            Some(l) if l.status == Step::Sent && !again => {
                report.already_sent += 1;
                if !l.recipient.eq_ignore_ascii_case(to.email.as_ref()) {
                    let (id, old, new, time) = (&doc.id, &l.recipient, to.email.to_string(), &l.time);
                    problems.push(
                        Problem::warning(
                            place,
                            tr!(
                                "{id} was sent to {old} on {time}; the records now say {new}",
                                "{id} skickades till {old} {time}; listan säger nu {new}"
                            ),
                        )
                        .hint(tr!(
                            "to send it to the new address too: intyg send DIR --resend --only {id}",
                            "för att skicka det till den nya adressen också: intyg send MAPP --resend --only {id}"
                        )),
                    );
                }
                continue;
            }
            Some(l) if l.status == Step::Sending && !again => {
                let (id, time, to) = (&doc.id, &l.time, &l.recipient);
                problems.push(
                    Problem::warning(
                        place,
                        tr!(
                            "{id} was being sent to {to} at {time} when that run stopped: the server may or may not have it",
                            "{id} höll på att skickas till {to} {time} när den körningen avbröts: servern kan ha fått det eller inte"
                        ),
                    )
                    .hint(tr!(
                        "ask the recipient or the mail administrator; to send it again: intyg send DIR --resend --only {id}",
                        "fråga mottagaren eller e-postadministratören; för att skicka det igen: intyg send MAPP --resend --only {id}"
                    )),
                );
                report.unknown.push(Message {
                    id: doc.id.clone(),
                    recipient: l.recipient.clone(),
                    subject: String::new(),
                    file: l.file.clone(),
                    response: String::new(),
                    body: String::new(),
                    sha256: String::new(),
                });
                continue;
            }
            _ => {}
        }
        let ctx = mail::context(
            data.of(doc, None).map_err(|msg| Stop::Problems(Problems(vec![Problem::error(place.clone(), msg)])))?,
            doc.kind.title(prepared.lang),
            &doc.file_name,
            &entry.email,
        );
        // Every text is made before anything is sent: a text that fails
        // for one holder stops the run before the first message.
        let rendered = texts.render(&ctx).map_err(|e| {
            let mut p = text_problem(&e, &at);
            let id = &doc.id;
            p.message.push_str(&tr!(" (for {name}, {id})", " (för {name}, {id})"));
            Stop::Problems(Problems(vec![p]))
        })?;
        let sha256 = registered.get(doc.id.as_str()).map(|e| e.sha256.clone()).unwrap_or_default();
        outgoing.push(Outgoing { doc, to, texts: rendered, pdf: out.join(&doc.file_name), sha256 });
    }

    if job.dry_run {
        let dir = job.eml.clone().unwrap_or_else(|| out.join("outbox"));
        dry_run(&outgoing, &sender, &dir, job.quiet)?;
        report.sent = outgoing.iter().map(|o| summary_of(o, String::new())).collect();
        report.eml = Some(dir);
        report.problems = problems.0;
        return Ok(report);
    }
    report.problems = problems.0;
    if outgoing.is_empty() {
        return Ok(report);
    }

    let (server, warnings) = server(job, &prepared.project)?;
    for w in warnings {
        report.problems.push(Problem::warning(Place::default(), w));
    }
    report.server = Some(server.describe());
    confirm(job.yes, outgoing.len(), &sender, &server)?;

    // One sender at a time per output folder: two would both send what
    // neither has logged yet.
    let _lock = crate::output::Lock::acquire(&log_path).map_err(|e| {
        let shown = log_path.display();
        let why = match e {
            crate::output::LockError::Held(who) => tr!("held by process {who}", "hålls av process {who}"),
            crate::output::LockError::Io(e) => e.to_string(),
        };
        Stop::usage(
            tr!("cannot lock the delivery log {shown}: {why}", "leveransloggen {shown} kan inte låsas: {why}"),
            tr!(
                "another intyg send is running for this folder; wait for it to finish, then run again",
                "ett annat intyg send körs för den här mappen; vänta tills det är klart och kör sedan igen"
            ),
        )
    })?;
    // The log as it is now, under the lock: a run that ended just before
    // this one took the lock may have sent some of these.
    let history = History::read(&log_path).map_err(Stop::Problems)?;
    outgoing.retain(|o| {
        let again = resend(job, &o.doc.id);
        again || history.last(&o.doc.id).is_none_or(|l| !matches!(l.status, Step::Sent | Step::Sending))
    });
    let mut writer = Writer::open(&log_path)
        .map_err(|e| Stop::usage(cannot_write(&log_path.display(), &e), writable_folder("--out")))?;
    deliver(&outgoing, &sender, &server, &mut writer, &mut report, progress);
    Ok(report)
}

/// Whether `--resend --only` names document `id`, to send it again.
fn resend(args: &Job, id: &str) -> bool {
    args.resend && named(args, id)
}

/// Whether `--only` names document `id`.
fn named(args: &Job, id: &str) -> bool {
    args.only.iter().any(|o| o.trim() == id)
}

/// The documents of the plan, or those `--only` names; an id that is not
/// in the plan is a usage error listing them all.
fn selected<'a>(prepared: &'a Prepared, only: &[String]) -> Result<Vec<&'a Doc>, Stop> {
    let docs = &prepared.plan.docs;
    if only.is_empty() {
        return Ok(docs.iter().collect());
    }
    let unknown: Vec<&str> = only.iter().map(|s| s.trim()).filter(|id| !docs.iter().any(|d| d.id == *id)).collect();
    if !unknown.is_empty() {
        let ids = unknown.join(", ");
        return Err(Stop::usage(
            tr!("no document of this folder has the id {ids}", "inget dokument i den här mappen har id {ids}"),
            tr!(
                "the ids are in the register (register.csv in the output folder) and in the PDFs' names",
                "id finns i registret (register.csv i utmatningsmappen) och i PDF-filernas namn"
            ),
        ));
    }
    Ok(docs.iter().filter(|d| only.iter().any(|id| id.trim() == d.id)).collect())
}

/// The mail server `job` sends through, from its sources, strongest first.
fn server(job: &Job, project: &crate::project::Project) -> Result<(Server, Vec<String>), Stop> {
    let sources = Sources {
        arg: job.smtp.as_deref(),
        env_url: std::env::var("INTYG_SMTP_URL").ok(),
        env_password: std::env::var("INTYG_SMTP_PASSWORD").ok(),
        given_password: job.password.clone(),
        toml: project.common.smtp.as_ref(),
        dir: &project.dir,
    };
    Server::resolve(&sources).map_err(Stop::Usage)
}

/// What a test message did: the server as "host:port (TLS)", and its reply.
#[derive(Debug, Clone)]
pub struct Tried {
    /// The server.
    pub server: String,
    /// What it answered when it took the message.
    pub reply: String,
}

/// Sends one short message to `to` (the coordinator's own address) from
/// the folder's sender through its server, to show before the real run
/// that the settings and the password work. The records are not read.
pub fn test_message(job: &Job, to: &str) -> Result<Tried, Stop> {
    let project = crate::project::Project::load(&job.options.dir).map_err(Stop::Problems)?;
    let sender = sender(&project).map_err(|p| Stop::Problems(Problems(vec![p])))?;
    let to = mail::mailbox(to).map_err(|e| {
        Stop::usage(
            tr!("\"{to}\" is not an e-mail address: {e}", "\"{to}\" är ingen e-postadress: {e}"),
            tr!("write your own address, e.g. ada@example.se", "skriv din egen adress, t.ex. ada@exempel.se"),
        )
    })?;
    let (server, _) = server(job, &project)?;
    let described = server.describe();
    let mut builder = lettre::Message::builder()
        .from(sender.from.clone())
        .to(to)
        .subject(tr!("Test message from intyg", "Provmeddelande från intyg"))
        .date_now();
    if let Some(r) = &sender.reply_to {
        builder = builder.reply_to(r.clone());
    }
    let body = tr!(
        "This is a test message from intyg. The mail server {described} took it, so the documents can be sent from here.\n",
        "Det här är ett provmeddelande från intyg. E-postservern {described} tog emot det, så dokumenten kan skickas härifrån.\n"
    );
    // text/plain; charset=utf-8, as the real messages' text is.
    let message =
        builder.singlepart(lettre::message::SinglePart::plain(body)).map_err(|e| Stop::usage(e.to_string(), ""))?;
    let mut client = Client::new(&server);
    let answer = client.send(message.envelope(), &message.formatted(), || Ok(()));
    client.quit();
    match answer {
        Ok(Answer::Accepted(reply)) => Ok(Tried { server: described, reply }),
        Ok(Answer::Rejected(reply)) => Err(Stop::usage(
            tr!("the mail server refused the test message: {reply}", "e-postservern nekade provmeddelandet: {reply}"),
            tr!(
                "check the sender's address in the settings: many servers only send from their own addresses",
                "kontrollera avsändarens adress i inställningarna: många servrar skickar bara från sina egna adresser"
            ),
        )),
        Err(Failure::Again(why) | Failure::Unknown(why)) => Err(Stop::usage(
            tr!(
                "the mail server {described} could not be reached: {why}",
                "e-postservern {described} gick inte att nå: {why}"
            ),
            tr!(
                "check the server's name, port and security in the settings with the mail administrator",
                "kontrollera serverns namn, port och säkerhet i inställningarna med e-postadministratören"
            ),
        )),
        Err(Failure::Stop(h)) => Err(Stop::Usage(h)),
        Err(Failure::Local(e)) => Err(Stop::usage(e.to_string(), "")),
    }
}

/// `[email] from` and `reply_to`, read as mailboxes.
fn sender(project: &crate::project::Project) -> Result<Sender, Problem> {
    let at = |key: &str| project.place(key);
    let email = &project.common.email;
    let Some(from) = email.from.as_deref().filter(|f| !f.trim().is_empty()) else {
        // At [email] if it is there, else the file.
        return Err(Problem::error(
            at("email"),
            tr!("intyg.toml does not say who the e-mail is from", "intyg.toml säger inte vem e-posten är från"),
        )
        .hint(tr!(
            "add [email] with from = \"Course office <courses@example.se>\"",
            "lägg till [email] med from = \"Kurskansliet <kurser@exempel.se>\""
        )));
    };
    let read = |key: &str, text: &str| {
        mail::mailbox(text).map_err(|e| {
            Problem::error(
                at(key),
                tr!(
                    "[email] {key} = \"{text}\" is not an e-mail address: {e}",
                    "[email] {key} = \"{text}\" är ingen e-postadress: {e}"
                ),
            )
            .hint(tr!(
                "write \"Name <address@example.se>\" or just the address",
                "skriv \"Namn <adress@exempel.se>\" eller bara adressen"
            ))
        })
    };
    Ok(Sender {
        from: read("from", from)?,
        reply_to: match email.reply_to.as_deref().filter(|r| !r.trim().is_empty()) {
            Some(r) => Some(read("reply_to", r)?),
            None => None,
        },
    })
}

fn text_problem(e: &mail::TextError, at: &dyn Fn(&str) -> Place) -> Problem {
    let (key, msg) = (e.key, &e.message);
    let place = at(key);
    let place = if place.row.is_some() { place } else { at("email") };
    Problem::error(place, format!("[email] {key}: {msg}")).hint(tr!(
        "placeholders are written {{{{ participant.name }}}}; `intyg templates` lists the fields, and kind_title, file and recipient are there too",
        "platshållare skrivs {{{{ participant.name }}}}; `intyg templates` visar fälten, och kind_title, file och recipient finns också"
    ))
}

fn not_sent(name: &str, id: &str, reason: &str) -> String {
    tr!("{name} ({id}) is not sent: {reason}", "{name} ({id}) skickas inte: {reason}")
}

/// Every selected document must be issued: in the register, its PDF in the
/// output folder and unchanged since. All that are not are listed at once.
fn not_issued(prepared: &Prepared, by_id: &HashMap<&str, &Entry>, docs: &[&Doc], out: &Path) -> Result<(), Stop> {
    let mut problems = Problems::default();
    let dir = prepared.project.dir.display();
    let issue = tr!("issue it first: intyg issue {dir}", "utfärda det först: intyg issue {dir}");
    for doc in docs {
        let path = out.join(&doc.file_name);
        let (id, file) = (&doc.id, &doc.file_name);
        let entry = by_id.get(doc.id.as_str());
        let problem = match std::fs::read(&path) {
            _ if entry.is_none() => Some(tr!(
                "{id} is not in the register: it has not been issued",
                "{id} finns inte i registret: det har inte utfärdats"
            )),
            Err(_) => Some(tr!("{file} is not in the output folder", "{file} finns inte i utmatningsmappen")),
            Ok(bytes) => match entry {
                Some(e)
                    if !e.sha256.is_empty() && e.sha256 != crate::register::hex(&crate::register::sha256(&bytes)) =>
                {
                    Some(tr!(
                        "{file} is not the document the register lists: it changed since it was issued",
                        "{file} är inte dokumentet som registret anger: det har ändrats sedan det utfärdades"
                    ))
                }
                _ => None,
            },
        };
        if let Some(msg) = problem {
            problems.push(Problem::error(prepared.table.place(doc.row, None), msg).hint(issue.clone()));
        }
    }
    if problems.0.is_empty() { Ok(()) } else { Err(Stop::Problems(problems)) }
}

fn summary_of(o: &Outgoing, response: String) -> Message {
    Message {
        id: o.doc.id.clone(),
        recipient: o.to.email.to_string(),
        subject: o.texts.subject.clone(),
        file: o.doc.file_name.clone(),
        response,
        body: o.texts.body.clone(),
        sha256: o.sha256.clone(),
    }
}

/// A fresh part for a Message-ID: a resent message is a new message.
fn unique() -> String {
    let mut bytes = [0u8; 8];
    // Without randomness the time still tells runs apart.
    if getrandom::fill(&mut bytes).is_err() {
        bytes = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos()
            as u64)
            .to_be_bytes();
    }
    crate::register::hex(&bytes)
}

fn build(o: &Outgoing, sender: &Sender) -> Result<lettre::Message, String> {
    let pdf = std::fs::read(&o.pdf).map_err(|e| {
        let file = o.pdf.display();
        tr!("cannot read {file}: {e}", "kan inte läsa {file}: {e}")
    })?;
    mail::message(sender, &o.to, &o.texts, &o.doc.file_name, pdf, &o.doc.id, &unique())
}

/// Writes every message as `NAME.eml` into `dir` (replacing the .eml files
/// of an earlier dry run) and lists them on stdout.
fn dry_run(outgoing: &[Outgoing], sender: &Sender, dir: &Path, quiet: bool) -> Result<(), Stop> {
    let unwritable = |e: String| Stop::usage(e, writable_folder("--eml"));
    std::fs::create_dir_all(dir).map_err(|e| unwritable(cannot_create(&dir.display(), &e)))?;
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.path().extension().is_some_and(|x| x == "eml") {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    for o in outgoing {
        let message =
            build(o, sender).map_err(|e| Stop::Problems(Problems(vec![Problem::error(Place::file(&o.pdf), e)])))?;
        let stem = o.doc.file_name.strip_suffix(".pdf").unwrap_or(&o.doc.file_name);
        let path = dir.join(format!("{stem}.eml"));
        crate::output::write_atomic(&path, &message.formatted())
            .map_err(|e| unwritable(cannot_write(&path.display(), &e)))?;
        if !quiet {
            let _ = writeln!(stdout, "{}\t{}\t{}\t{}", o.doc.id, o.to, o.texts.subject, o.doc.file_name);
        }
    }
    Ok(())
}

/// Asks on the terminal before the first message goes; a script passes `--yes`.
fn confirm(yes: bool, count: usize, sender: &Sender, server: &Server) -> Result<(), Stop> {
    if yes {
        return Ok(());
    }
    let (from, via, count_messages) = (&sender.from, server.describe(), messages(count));
    if !std::io::stdin().is_terminal() {
        return Err(Stop::usage(
            tr!(
                "intyg asks before sending {count_messages}, and there is no terminal to ask on",
                "intyg frågar innan {count_messages} skickas, och det finns ingen terminal att fråga i"
            ),
            tr!(
                "look first with --dry-run; then add --yes to send from a script",
                "titta först med --dry-run; lägg sedan till --yes för att skicka från ett skript"
            ),
        ));
    }
    eprint!(
        "{}",
        tr!(
            "Send {count_messages} from {from} via {via}? [y/N] ",
            "Skicka {count_messages} från {from} via {via}? [j/N] "
        )
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "j" | "ja") {
        Ok(())
    } else {
        Err(Stop::usage(
            tr!("nothing was sent", "ingenting skickades"),
            tr!("look at the messages with --dry-run", "titta på meddelandena med --dry-run"),
        ))
    }
}

/// Sends each message in turn, no faster than the server's rate, logging
/// every step. A refused recipient does not stop the rest; a server that
/// stays away stops the run after its retries.
fn deliver(
    outgoing: &[Outgoing],
    sender: &Sender,
    server: &Server,
    writer: &mut Writer,
    report: &mut Deliveries,
    progress: Progress,
) {
    let mut client = Client::new(server);
    let template = tr!(
        "{{bar:40}} {{done}}/{{total}} messages, {{left}} left",
        "{{bar:40}} {{done}}/{{total}} meddelanden, {{left}} kvar"
    );
    let bar = progress_bar(outgoing.len() as u64, matches!(progress, Progress::Bar), &template);
    let total = outgoing.len();
    progress.count(0, total);
    let mut next = Instant::now();
    'messages: for o in outgoing {
        let message = match build(o, sender) {
            Ok(m) => m,
            Err(e) => {
                report.stopped = Some(e);
                break;
            }
        };
        let bytes = message.formatted();
        let envelope = message.envelope();
        let recipient = o.to.email.to_string();
        let line = |status: Step, response: String| Line {
            time: delivery::now(),
            id: o.doc.id.clone(),
            recipient: recipient.clone(),
            file: o.doc.file_name.clone(),
            status,
            response,
        };
        let mut tries = 0;
        loop {
            let now = Instant::now();
            if next > now {
                std::thread::sleep(next - now);
            }
            next = Instant::now() + server.interval();
            let result = client.send(envelope, &bytes, || writer.append(&line(Step::Sending, String::new())));
            let logged = match result {
                Ok(Answer::Accepted(response)) => {
                    report.sent.push(summary_of(o, response.clone()));
                    writer.append(&line(Step::Sent, response))
                }
                Ok(Answer::Rejected(response)) => {
                    report.rejected.push(summary_of(o, response.clone()));
                    writer.append(&line(Step::Rejected, response))
                }
                Err(Failure::Again(why)) => {
                    tries += 1;
                    if let Err(e) = writer.append(&line(Step::Failed, why.clone())) {
                        report.stopped = Some(cannot_write(&writer.path().display(), &e));
                        break 'messages;
                    }
                    if tries > server.retries {
                        let (host, port, n) = (&server.host, server.port, tries);
                        report.stopped = Some(tr!(
                            "the mail server {host}:{port} did not take the message after {n} tries: {why}",
                            "e-postservern {host}:{port} tog inte emot meddelandet efter {n} försök: {why}"
                        ));
                        break 'messages;
                    }
                    let wait = server.retry_delay * tries;
                    if matches!(progress, Progress::Bar) {
                        let (id, secs) = (&o.doc.id, wait.as_secs());
                        bar.suspend(|| {
                            crate::problem::eprint_painted(&tr!(
                                "warning: the mail server did not take {id}: {why}; trying again in {secs} s",
                                "varning: e-postservern tog inte emot {id}: {why}; försöker igen om {secs} s"
                            ));
                        });
                    }
                    next = Instant::now() + wait;
                    continue;
                }
                Err(Failure::Unknown(why)) => {
                    // The `sending` line stays the last: the next run reports
                    // it instead of sending it again.
                    report.unknown.push(summary_of(o, why));
                    Ok(())
                }
                Err(Failure::Stop(hinted)) => {
                    report.stopped = Some(hinted.message);
                    report.hint = Some(hinted.hint);
                    break 'messages;
                }
                Err(Failure::Local(e)) => Err(e),
            };
            if let Err(e) = logged {
                report.stopped = Some(cannot_write(&writer.path().display(), &e));
                break 'messages;
            }
            break;
        }
        bar.inc(1);
        progress.count(report.sent.len() + report.rejected.len() + report.unknown.len(), total);
    }
    bar.finish_and_clear();
    client.quit();
}

/// "1 message", "2 messages" / "1 meddelande", "2 meddelanden".
/// "1 meddelande", "2 meddelanden".
pub fn messages(n: usize) -> String {
    if n == 1 { tr!("{n} message", "{n} meddelande") } else { tr!("{n} messages", "{n} meddelanden") }
}
