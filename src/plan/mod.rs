//! Building the batch: who gets which document, its id and file name, and
//! the data its template receives. Data reaches typst as JSON values, never
//! as markup, so a participant called `#read("/etc/passwd")` is printed as
//! written.

pub mod corrections;
pub mod diploma;
pub mod verify;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::check::org::Organisation;
use crate::check::{self, Checked, Participant, session_label};
use crate::locale::{self, Lang};
use crate::problem::{Place, Problem, Problems};
use crate::project::text::{self, Patterns};
use crate::project::{DEFAULT_FILE_NAME, DEFAULT_ID, Project};
use crate::records::Table;
use crate::register::{Entry, Register, Status};

/// Which document someone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A full course certificate.
    Kursintyg,
    /// A participation certificate (some sessions).
    Deltagarintyg,
    /// A diversity diploma for an organisation.
    Mangfaldsdiplom,
}

impl DocKind {
    /// The template slot this kind uses in the renderer.
    pub fn template_index(self) -> usize {
        match self {
            DocKind::Kursintyg | DocKind::Mangfaldsdiplom => 0,
            DocKind::Deltagarintyg => 1,
        }
    }

    /// The kind a register names, e.g. `kursintyg`.
    pub fn from_name(name: &str) -> Option<DocKind> {
        [DocKind::Kursintyg, DocKind::Deltagarintyg, DocKind::Mangfaldsdiplom].into_iter().find(|k| k.name() == name)
    }

    /// The word in the register.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Kursintyg => "kursintyg",
            DocKind::Deltagarintyg => "deltagarintyg",
            DocKind::Mangfaldsdiplom => "mangfaldsdiplom",
        }
    }

    /// The kind's name in a language: "Kursintyg" / "Course certificate".
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocKind::Mangfaldsdiplom, Lang::Sv) => "Mångfaldsdiplom",
            (DocKind::Mangfaldsdiplom, Lang::En) => "Diversity diploma",
            (DocKind::Kursintyg, Lang::Sv) => "Kursintyg",
            (DocKind::Kursintyg, Lang::En) => "Course certificate",
            (DocKind::Deltagarintyg, Lang::Sv) => "Deltagarintyg",
            (DocKind::Deltagarintyg, Lang::En) => "Certificate of participation",
        }
    }
}

/// One document to make. It holds only what is its own; its template data
/// and credential are made when it is laid out ([`Data`]), so a batch of a
/// hundred thousand keeps a few hundred bytes per document.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The holder's row.
    pub row: usize,
    /// Which document.
    pub kind: DocKind,
    /// Certificate id.
    pub id: String,
    /// Output file name.
    pub file_name: String,
    /// Its holder: an index into the checked participants or organisations.
    pub holder: usize,
    /// The serial its id patterns saw.
    pub serial: usize,
    /// The sentence (`text`) as rendered from its pattern, shared with the
    /// documents before it that have the same.
    pub text: Arc<str>,
}

/// Someone who gets no document.
#[derive(Debug, Clone, Serialize)]
pub struct NotEligible {
    /// Their row.
    pub row: usize,
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// The sessions missed, as labels with dates.
    pub missed: Vec<String>,
}

/// The whole batch.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents, in record order.
    pub docs: Vec<Doc>,
    /// Participants who get none.
    pub not_eligible: Vec<NotEligible>,
    /// Participants who fall short but get a participation certificate are in
    /// `docs`; this lists the sessions they missed, by row.
    pub missed: HashMap<usize, Vec<String>>,
    /// Register rows of revoked awards: no document, but the register says so.
    pub revoked: Vec<Entry>,
    /// Holders the register knew by another name or address, who keep
    /// their ids.
    pub corrections: Vec<corrections::Correction>,
    /// Everything found wrong.
    pub problems: Problems,
    /// The part of the template data every document shares.
    pub base: Value,
}

fn date_value(d: NaiveDate) -> Value {
    json!({ "$date": d.format("%Y-%m-%d").to_string() })
}

fn default_text(kind: DocKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (DocKind::Kursintyg, Lang::Sv) => "har genomgått utbildningen",
        (DocKind::Kursintyg, Lang::En) => "has completed the programme",
        (DocKind::Deltagarintyg, Lang::Sv) => {
            "har deltagit i {{ participant.sessions_attended }} av {{ programme.sessions_count }} utbildningstillfällen i"
        }
        (DocKind::Deltagarintyg, Lang::En) => {
            "has taken part in {{ participant.sessions_attended }} of {{ programme.sessions_count }} sessions of"
        }
        (DocKind::Mangfaldsdiplom, Lang::Sv) => "uppfyller kriterierna och tilldelas diplom inom",
        (DocKind::Mangfaldsdiplom, Lang::En) => "meets the criteria and is awarded the diploma of",
    }
}

/// Adds the path (keys and indices) of every date (`{"$date": …}`) in `v`.
fn date_paths(v: &Value, at: &mut Vec<Value>, out: &mut Vec<Value>) {
    match v {
        Value::Object(map) if map.len() == 1 && map.contains_key("$date") => out.push(Value::Array(at.clone())),
        Value::Object(map) => {
            for (k, x) in map {
                at.push(Value::String(k.clone()));
                date_paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                at.push(json!(i));
                date_paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// A path in the programme folder as typst sees it (from the folder's root).
pub fn image_value(p: &Option<std::path::PathBuf>) -> Value {
    match p {
        Some(p) => Value::String(format!(
            "/{}",
            p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        )),
        None => Value::Null,
    }
}

/// What every document's data starts with: language, issuer, signatories.
fn common_value(project: &Project, lang: Lang) -> Value {
    let c = &project.config;
    json!({
        "lang": lang.code(),
        "issuer": { "name": c.issuer.name, "logo": image_value(&c.issuer.logo) },
        "signatories": c.signatories.iter().map(|s| json!({
            "name": s.name, "title": s.title, "signature": image_value(&s.signature),
        })).collect::<Vec<_>>(),
    })
}

/// The programme part of every record's data.
fn programme_value(project: &Project, lang: Lang) -> Value {
    let c = &project.config;
    let dates: Vec<NaiveDate> = c.sessions.iter().map(|s| s.date).collect();
    let mut v = common_value(project, lang);
    v["programme"] = json!({
        "name": c.programme.name,
        "code": c.programme.code,
        "place": c.programme.place,
        "description": c.programme.description,
        "content": c.programme.content,
        "hours": c.programme.hours,
        "hours_text": c.programme.hours.map(|h| locale::number(h, 1, lang)),
        "dates_text": locale::date_set(&dates, lang),
        "sessions_count": c.sessions.len(),
        "first_date": dates.iter().min().map(|d| date_value(*d)),
        "last_date": dates.iter().max().map(|d| date_value(*d)),
    });
    v["issued"] = date_value(project.issued());
    v["issued_text"] = json!(locale::date(project.issued(), lang));
    v
}

/// The data of a participant's document before it is named: the shared
/// `base`, the participant, and the sessions marked attended or not.
fn participant_data(project: &Project, lang: Lang, base: &Value, p: &Participant) -> Value {
    let extra: Map<String, Value> = p.extra.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
    let mut data = base.clone();
    data["participant"] = json!({
        "name": p.name,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "organisation": p.organisation,
        "role": p.role,
        "sessions_attended": p.sessions_attended(),
        "extra": extra,
        "attended": p.attended,
    });
    let sessions: Vec<Value> = project
        .config
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "date": date_value(s.date),
                "date_text": locale::date(s.date, lang),
                "title": s.title,
                "attended": p.attended[i],
            })
        })
        .collect();
    data["programme"]["sessions"] = Value::Array(sessions);
    data
}

/// Decides every participant's document and builds its data. All problems
/// (patterns, file names, glyphs) are collected, not just the first.
pub fn build(ctx: &Context, table: &Table, checked: &Checked) -> Plan {
    let (project, lang) = (ctx.project, ctx.lang);
    let participants = &checked.participants;
    let mut plan = Plan::default();
    plan.docs.reserve_exact(checked.participants.len());
    let c = &project.config;
    let cert = &c.certificate;
    let sources: Vec<(&'static str, String)> = vec![
        (text::TEXT, cert.text.clone().unwrap_or_else(|| default_text(DocKind::Kursintyg, lang).into())),
        (
            text::PARTICIPATION_TEXT,
            cert.participation_text.clone().unwrap_or_else(|| default_text(DocKind::Deltagarintyg, lang).into()),
        ),
        (text::ID, cert.id.clone().unwrap_or_else(|| DEFAULT_ID.into())),
        (text::FILE_NAME, cert.file_name.clone().unwrap_or_else(|| DEFAULT_FILE_NAME.into())),
    ];
    let Some(mut assigner) = Assigner::new(ctx, "certificate", &c.programme.code, &sources, &mut plan.problems) else {
        return plan;
    };
    plan.base = programme_value(project, lang);
    ctx.check_glyphs(&programme_texts(project), &mut plan.problems);
    let min = project.min_sessions();
    // Who gets which document, and its register key, first: a corrected
    // name is told by who is gone from the register and who is new.
    let decided: Vec<Option<(DocKind, String)>> = participants
        .iter()
        .map(|p| {
            let attended = p.sessions_attended();
            let kind = if attended >= min {
                DocKind::Kursintyg
            } else if c.eligibility.participation_certificate && attended > 0 {
                DocKind::Deltagarintyg
            } else {
                return None;
            };
            Some((kind, participant_entry(project, kind, p).key()))
        })
        .collect();
    let holders: Vec<corrections::Holder> = participants
        .iter()
        .zip(&decided)
        .filter_map(|(p, d)| {
            let (kind, key) = d.as_ref()?;
            Some(corrections::Holder { row: p.row, name: &p.name, organisation: &p.organisation, kind: *kind, key })
        })
        .collect();
    let found = corrections::find(project, table, ctx.register, &holders, &mut plan.problems);
    drop(holders);
    for (key, id) in found.ids {
        assigner.known.insert(key, id);
    }
    plan.corrections = found.corrections;
    for ((index, p), decided) in participants.iter().enumerate().zip(decided) {
        let kind = decided.as_ref().map(|(kind, _)| *kind);
        let missed: Vec<String> = p
            .missed()
            .into_iter()
            .map(|i| format!("{} ({})", session_label(&c.sessions[i], i), locale::date(c.sessions[i].date, lang)))
            .collect();
        if !missed.is_empty() {
            plan.missed.insert(p.row, missed.clone());
        }
        let Some(kind) = kind else {
            plan.not_eligible.push(NotEligible {
                row: p.row,
                name: p.name.clone(),
                organisation: p.organisation.clone(),
                missed,
            });
            continue;
        };
        // Only what a template prints: a column no template reads may hold
        // any script.
        for (key, value) in p.texts() {
            let chars = check::missing_glyphs(value, &ctx.covers);
            if !chars.is_empty() && printed(ctx.printed, key) {
                let column = checked.columns.get(key).copied();
                let field = column.map_or(key, |c| table.headers[c].as_str());
                plan.problems.push(glyph_problem(table.place(p.row, column), field, &chars));
            }
        }
        let mut data = participant_data(project, lang, &plan.base, p);
        let key = decided.map(|(_, key)| key).unwrap_or_default();
        let text_name = if kind == DocKind::Kursintyg { text::TEXT } else { text::PARTICIPATION_TEXT };
        let place = table.place(p.row, None);
        let Some(named) = assigner.assign(&key, &mut data, text_name, place, &mut plan.problems) else {
            continue;
        };
        match Doc::new(ctx, kind, index, p.row, named) {
            Ok(doc) => plan.docs.push(doc),
            Err(msg) => plan.problems.push(Problem::error(table.place(p.row, None), msg)),
        }
    }
    plan
}

impl Doc {
    /// A named document for holder `holder` (at `row`). A verification link
    /// too long for a QR code is an error.
    fn new(ctx: &Context, kind: DocKind, holder: usize, row: usize, named: Named) -> Result<Doc, String> {
        if let Some(base) = ctx.project.verification().url {
            crate::credential::qr_fits(&crate::credential::verify_link(&base, &named.id))?;
        }
        Ok(Doc { row, kind, id: named.id, file_name: named.file_name, holder, serial: named.serial, text: named.text })
    }
}

/// Whose documents a plan makes.
#[derive(Clone, Copy)]
pub enum Holders<'a> {
    /// Participants of a programme.
    People(&'a [Participant]),
    /// Organisations of a diploma scheme.
    Organisations(&'a [Organisation]),
}

/// Makes a document's template data and credential claims when it is laid
/// out, from its [`Doc`], the plan's shared part and its checked holder.
/// It gives the same data every time, so planning (which needs the data to
/// name documents) and rendering agree.
#[derive(Clone, Copy)]
pub struct Data<'a> {
    project: &'a Project,
    lang: Lang,
    base: &'a Value,
    holders: Holders<'a>,
}

impl<'a> Data<'a> {
    /// The data maker of `plan`, whose holders are `holders`.
    pub fn new(project: &'a Project, lang: Lang, plan: &'a Plan, holders: Holders<'a>) -> Data<'a> {
        Data { project, lang, base: &plan.base, holders }
    }

    /// The name of `doc`'s holder, for messages.
    pub fn holder_name(&self, doc: &Doc) -> String {
        match self.holders {
            Holders::People(people) => people[doc.holder].name.clone(),
            Holders::Organisations(orgs) => orgs[doc.holder].name.clone(),
        }
    }

    /// The holder's part of the data, before the document is named.
    fn personal(&self, holder: usize) -> Value {
        match self.holders {
            Holders::People(people) => participant_data(self.project, self.lang, self.base, &people[holder]),
            Holders::Organisations(orgs) => diploma::organisation_data(self.lang, self.base, &orgs[holder]),
        }
    }

    /// The holder's name, the name as the PDF's subject gives it (with an
    /// organisation number), and what the document is about.
    fn names(&self, holder: usize) -> (String, String, String) {
        let c = &self.project.config;
        match self.holders {
            Holders::People(people) => {
                let p = &people[holder];
                (p.name.clone(), p.name.clone(), c.programme.name.clone())
            }
            Holders::Organisations(orgs) => {
                let o = &orgs[holder];
                let scheme = c.scheme.as_ref().map_or(String::new(), |s| s.name.clone());
                (o.name.clone(), format!("{} ({})", o.name, o.number), scheme)
            }
        }
    }

    /// What the template receives for `doc`: its holder, id, sentence,
    /// PDF metadata, verification link and QR code, and, with `key`, its
    /// signed credential.
    pub fn of(&self, doc: &Doc, key: Option<&ed25519_dalek::SigningKey>) -> Result<Value, String> {
        let mut data = self.personal(doc.holder);
        data["serial"] = json!(doc.serial);
        data["id"] = json!(doc.id);
        data["text"] = json!(&*doc.text);
        let (name, described, about) = self.names(doc.holder);
        let lang = self.lang;
        let title = doc.kind.title(lang);
        let of = if lang == Lang::Sv { "för" } else { "for" };
        data["kind"] = json!(doc.kind);
        data["template"] = json!(doc.kind.template_index());
        data["document"] = json!({
            "title": format!("{title} – {name} – {about}"),
            "author": self.project.config.issuer.name,
            "subject": format!("{title} {of} {described}, {about}"),
            "keywords": [title, about, doc.id],
        });
        data["verify"] = verify::verify_value(self.project, &doc.id)?;
        data["credential"] = match key {
            Some(key) => Value::String(crate::credential::keys::sign(key, &self.claims(doc).jwt_payload())),
            None => Value::Null,
        };
        // Where the dates are, so that typst converts just those instead of
        // walking the whole record (a third of a millisecond a document).
        let mut dates = Vec::new();
        date_paths(&data, &mut Vec::new(), &mut dates);
        data["$dates"] = Value::Array(dates);
        Ok(data)
    }

    /// What `doc`'s credential says.
    pub fn claims(&self, doc: &Doc) -> crate::credential::Claims {
        let (name, _, _) = self.names(doc.holder);
        let title = format!("{} – {name}", doc.kind.title(self.lang));
        verify::claims(self.project, self.lang, doc.kind, &self.entry(doc), &title)
    }

    /// `doc`'s register row, made from its holder when it is needed rather
    /// than kept for every document of a batch (the PDF's hash is filled in
    /// when it is made).
    pub fn entry(&self, doc: &Doc) -> Entry {
        let entry = match self.holders {
            Holders::People(people) => participant_entry(self.project, doc.kind, &people[doc.holder]),
            Holders::Organisations(orgs) => match &self.project.config.scheme {
                Some(scheme) => diploma::organisation_entry(scheme, &orgs[doc.holder]),
                None => unreachable!("a diploma plan has a scheme"),
            },
        };
        Entry { id: doc.id.clone(), file: doc.file_name.clone(), ..entry }
    }
}

/// The register row of participant `p`'s document of `kind`, before it is
/// named: the holder is known across runs by e-mail, else by name and
/// organisation; people who share an address by it and their name.
fn participant_entry(project: &Project, kind: DocKind, p: &Participant) -> Entry {
    let c = &project.config;
    let holder_id = if p.email.is_empty() {
        format!("{} / {}", p.name, p.organisation).to_lowercase()
    } else if p.shares_email {
        format!("{} / {}", p.email, p.name).to_lowercase()
    } else {
        p.email.to_lowercase()
    };
    Entry {
        id: String::new(),
        kind: kind.name().into(),
        scheme_code: c.programme.code.clone(),
        scheme: c.programme.name.clone(),
        holder: p.name.clone(),
        holder_id,
        awarded: project.issued(),
        valid_until: None,
        status: Status::Valid,
        superseded_by: String::new(),
        sha256: String::new(),
        contact: String::new(),
        email: p.email.clone(),
        file: String::new(),
    }
}

/// What every builder needs besides the records.
pub struct Context<'a> {
    /// The programme or scheme.
    pub project: &'a Project,
    /// Language of the documents.
    pub lang: Lang,
    /// The register as it is before this run.
    pub register: &'a Register,
    /// Whether a bundled font has a character.
    pub covers: &'a dyn Fn(char) -> bool,
    /// The paths of `data` the templates read (`participant.name`), so that
    /// only what is printed is checked for glyphs; `None` when unknown.
    pub printed: Option<&'a [String]>,
}

impl Context<'_> {
    fn toml(&self) -> std::path::PathBuf {
        self.project.dir.join(crate::project::FILE_NAME)
    }

    /// Glyph checks over texts of the programme file.
    fn check_glyphs(&self, texts: &[(String, String)], problems: &mut Problems) {
        for (field, value) in texts {
            let chars = check::missing_glyphs(value, &self.covers);
            if !chars.is_empty() {
                problems.push(glyph_problem(Place::file(&self.toml()), field, &chars));
            }
        }
    }
}

/// A document's id, sentence and file name.
pub struct Named {
    /// The id.
    pub id: String,
    /// The serial the patterns saw.
    pub serial: usize,
    /// The rendered sentence.
    pub text: Arc<str>,
    /// The output file name.
    pub file_name: String,
}

/// Gives documents ids, texts and file names: an id already in the register
/// for the same document is kept; a new document gets the next serial whose
/// id is free, so ids never move to another holder and are never reused.
struct Assigner<'a> {
    ctx: &'a Context<'a>,
    section: &'static str,
    patterns: Patterns,
    used: HashSet<String>,
    /// File name → the row that has it (a row number, not a whole place:
    /// this holds every document of a batch while it is planned).
    names: HashMap<String, Option<usize>>,
    /// The last sentence rendered: most documents share theirs, and then
    /// share one copy of it.
    last_text: Option<Arc<str>>,
    /// The register's ids by document key (the first row of a key wins:
    /// collected in reverse, so earlier rows overwrite later ones), and
    /// every id it holds: looked up once per document, so a register of
    /// 100 000 rows stays quick.
    known: HashMap<String, &'a str>,
    taken: HashSet<&'a str>,
    next_serial: usize,
    failed: Vec<&'static str>,
}

impl<'a> Assigner<'a> {
    fn new(
        ctx: &'a Context<'a>,
        section: &'static str,
        scheme_code: &str,
        sources: &[(&'static str, String)],
        problems: &mut Problems,
    ) -> Option<Assigner<'a>> {
        // Serials continue after every document the register holds for this
        // programme or scheme (rows are never removed), so a new holder gets
        // the next serial, not a gap left by another pattern.
        let issued_before = ctx.register.entries.iter().filter(|e| e.scheme_code == scheme_code).count();
        match Patterns::new(sources) {
            Ok(patterns) => Some(Assigner {
                ctx,
                section,
                patterns,
                used: HashSet::new(),
                names: HashMap::new(),
                last_text: None,
                known: ctx.register.entries.iter().rev().map(|e| (e.key(), e.id.as_str())).collect(),
                taken: ctx.register.entries.iter().map(|e| e.id.as_str()).collect(),
                next_serial: issued_before + 1,
                failed: Vec::new(),
            }),
            Err((name, msg)) => {
                problems.push(Problem::error(Place::file(&ctx.toml()), format!("[{section}] {name}: {msg}")).hint(
                    tr!(
                        "placeholders are written {{{{ participant.name }}}}; `intyg templates` lists the fields",
                        "platshållare skrivs {{{{ participant.name }}}}; `intyg templates` visar fälten"
                    ),
                ));
                None
            }
        }
    }

    fn render(&mut self, name: &'static str, data: &Value, problems: &mut Problems) -> Option<String> {
        match self.patterns.render(name, &minijinja::Value::from_serialize(data)) {
            Ok(s) => Some(s),
            Err(msg) => {
                // A pattern that fails once fails for everyone: say it once.
                if !self.failed.contains(&name) {
                    self.failed.push(name);
                    problems.push(
                        Problem::error(Place::file(&self.ctx.toml()), format!("[{}] {name}: {msg}", self.section))
                            .hint(tr!(
                                "`intyg templates` lists the fields a pattern can use",
                                "`intyg templates` visar de fält ett mönster kan använda"
                            )),
                    );
                }
                None
            }
        }
    }

    /// Names the document with register key `key`, filling `id`, `serial`
    /// and `text` into `data`.
    fn assign(
        &mut self,
        key: &str,
        data: &mut Value,
        text_pattern: &'static str,
        place: Place,
        problems: &mut Problems,
    ) -> Option<Named> {
        let (id, serial) = match self.known.get(key) {
            Some(known) => {
                data["serial"] = json!(self.next_serial);
                ((*known).to_owned(), self.next_serial)
            }
            None => {
                let mut previous: Option<String> = None;
                loop {
                    data["serial"] = json!(self.next_serial);
                    let id = self.render(text::ID, data, problems)?;
                    if !self.used.contains(&id) && !self.taken.contains(id.as_str()) {
                        self.next_serial += 1;
                        break (id, self.next_serial - 1);
                    }
                    if previous.as_ref() == Some(&id) {
                        let section = self.section;
                        problems.push(
                            Problem::error(
                                Place::file(&self.ctx.toml()),
                                tr!(
                                    "[{section}] id gives the id \"{id}\" to more than one document",
                                    "[{section}] id ger id \"{id}\" till mer än ett dokument"
                                ),
                            )
                            .hint(tr!(
                                "put {{{{ serial }}}} in the id pattern so that every document gets its own",
                                "sätt {{{{ serial }}}} i mönstret för id så att varje dokument får ett eget"
                            )),
                        );
                        self.failed.push(text::ID);
                        return None;
                    }
                    previous = Some(id);
                    self.next_serial += 1;
                }
            }
        };
        self.used.insert(id.clone());
        data["id"] = json!(id);
        let text = self.render(text_pattern, data, problems)?;
        let chars = check::missing_glyphs(&text, &self.ctx.covers);
        if !chars.is_empty() {
            problems.push(glyph_problem(place.clone(), &tr!("the rendered text", "den färdiga texten"), &chars));
        }
        data["text"] = json!(text);
        let text = match self.last_text.take() {
            Some(last) if *last == *text => last,
            _ => Arc::from(text),
        };
        self.last_text = Some(text.clone());
        let file_name = self.render(text::FILE_NAME, data, problems)?;
        if let Err(msg) = crate::output::safe_file_name(&file_name) {
            let section = self.section;
            problems.push(Problem::error(place, msg).hint(tr!(
                "[{section}] file_name must give one plain name; use the | slug filter on names",
                "[{section}] file_name måste ge ett enkelt filnamn; använd filtret | slug på namn"
            )));
            return None;
        }
        if let Some(row) = self.names.insert(file_name.clone(), place.row) {
            let first = Place { row, ..place.clone() };
            let section = self.section;
            problems.push(
                Problem::error(
                    place,
                    tr!(
                        "the file name \"{file_name}\" is also used for {first}",
                        "filnamnet \"{file_name}\" används också för {first}"
                    ),
                )
                .hint(tr!(
                    "put {{{{ id }}}} in [{section}] file_name so every name is unique",
                    "sätt {{{{ id }}}} i [{section}] file_name så att varje namn blir unikt"
                )),
            );
            return None;
        }
        Some(Named { id, serial, text, file_name })
    }
}

/// The data of a combined document, or of a part of one, holding the
/// `docs` records of a document of `count`, as JSON. Written record by
/// record: ten thousand records never exist as values at once.
pub fn combined(data: &Data, docs: &[Doc], count: usize) -> Result<Vec<u8>, String> {
    let head = combined_head(data, count);
    let mut out = serde_json::to_vec(&head).map_err(|e| e.to_string())?;
    out.pop(); // the closing brace: the records follow
    out.extend_from_slice(br#","records":["#);
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &data.of(doc, None)?).map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// The language and PDF metadata of a combined document of `count` records.
pub fn combined_head(data: &Data, count: usize) -> Value {
    let c = &data.project.config;
    let lang = data.lang;
    let name = c.scheme.as_ref().map_or(&c.programme.name, |s| &s.name);
    let title = match lang {
        Lang::Sv => format!("{} – {name} ({count} st.)", if c.scheme.is_some() { "Diplom" } else { "Intyg" }),
        Lang::En => format!("{} – {name} ({count})", if c.scheme.is_some() { "Diplomas" } else { "Certificates" }),
    };
    json!({
        "lang": lang.code(),
        "document": { "title": title, "author": c.issuer.name, "subject": title, "keywords": [name] },
    })
}

fn programme_texts(project: &Project) -> Vec<(String, String)> {
    let c = &project.config;
    let mut out = vec![
        ("issuer.name".to_owned(), c.issuer.name.clone()),
        ("programme.name".to_owned(), c.programme.name.clone()),
        ("programme.place".to_owned(), c.programme.place.clone()),
        ("programme.description".to_owned(), c.programme.description.clone()),
    ];
    out.extend(c.programme.content.iter().map(|s| ("programme.content".to_owned(), s.clone())));
    out.extend(c.sessions.iter().map(|s| ("sessions.title".to_owned(), s.title.clone())));
    for s in &c.signatories {
        out.push(("signatories.name".to_owned(), s.name.clone()));
        out.push(("signatories.title".to_owned(), s.title.clone()));
    }
    out
}

/// The error for characters of `field` (a column as its header is written,
/// or a key of intyg.toml) that no bundled font has.
fn glyph_problem(place: Place, field: &str, chars: &[char]) -> Problem {
    let list = chars.iter().map(|c| format!("\"{c}\" (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
    let (message, hint) = if chars.len() == 1 {
        (
            tr!(
                "the character {list} in {field} is in none of intyg's fonts",
                "tecknet {list} i {field} finns inte i något av de typsnitt som intyg har med sig"
            ),
            tr!(
                "replace it with a similar letter, or remove it; intyg never prints a box in its place",
                "ersätt det med en liknande bokstav, eller ta bort det; intyg skriver aldrig en ruta i dess ställe"
            ),
        )
    } else {
        (
            tr!(
                "the characters {list} in {field} are in none of intyg's fonts",
                "tecknen {list} i {field} finns inte i något av de typsnitt som intyg har med sig"
            ),
            tr!(
                "replace each with a similar letter, or remove it; intyg never prints a box in its place",
                "ersätt vart och ett med en liknande bokstav, eller ta bort dem; intyg skriver aldrig en ruta i deras ställe"
            ),
        )
    };
    Problem::error(place, message).hint(hint)
}

/// Whether a template prints the participant's field `key` (`name`,
/// `organisation`, or an extra column's header), from the paths of `data`
/// the templates read; `None` (not known) counts as printed.
fn printed(paths: Option<&[String]>, key: &str) -> bool {
    let Some(paths) = paths else { return true };
    let path = match key {
        "first_name" | "last_name" | "name" | "organisation" | "role" => format!("participant.{key}"),
        header => format!("participant.extra.{header}"),
    };
    paths.iter().any(|p| {
        // A template that reads a whole (participant, participant.extra)
        // reads every part of it; first and last names make the name.
        *p == path
            || path.starts_with(&format!("{p}."))
            || (key.ends_with("_name") && p == "participant.name")
            || (key == "name" && p.ends_with("_name") && p.starts_with("participant."))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_template_reads_is_printed() {
        let paths = ["participant.name".to_owned(), "participant.extra.Kurskod".to_owned(), "programme".to_owned()];
        let p = Some(&paths[..]);
        assert!(printed(p, "name"));
        assert!(printed(p, "first_name"), "the parts make the name");
        assert!(printed(p, "Kurskod"));
        assert!(!printed(p, "Anteckning"));
        assert!(!printed(p, "organisation"));
        let whole = ["participant.extra".to_owned()];
        assert!(printed(Some(&whole[..]), "Anteckning"));
        assert!(printed(None, "Anteckning"), "unknown counts as printed");
    }
}
