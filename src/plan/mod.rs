//! Building the batch: who gets which document, its id and file name, and
//! the data its template receives. Data reaches typst as JSON values, never
//! as markup, so a participant called `#read("/etc/passwd")` is printed as
//! written.

pub mod corrections;
pub mod course;
pub mod data;
pub mod diploma;
mod naming;
pub mod verify;

pub use crate::kind::DocKind;
pub use naming::Named;

use course::{participant_data, participant_entry};

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use crate::check::org::Organisation;
use crate::check::{self, Participant};
use crate::locale::{self, Lang};
use crate::problem::{Place, Problem, Problems};
use crate::project::{Folder, Project};
use crate::register::{Entry, Register};

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
    /// Its bit in the published status list.
    pub status_index: usize,
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
    /// Why not, when sessions missed do not say it: a conference's "kom
    /// inte", or for an e-learning course the platform's status
    /// (`Påbörjad`), or a result below the pass mark.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "said_status")]
    pub status: Option<Status>,
}

/// Why someone gets no document when the sessions they missed do not say
/// it, in words of the table (`Status::text`), so that a report says it in
/// the documents' language and the summary in the messages'.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// A learning platform's own status that intyg has no word for
    /// (`Underkänd`), as its cell holds it.
    Platform(String),
    /// Not completed, where the platform gave no status.
    NotCompleted,
    /// Not started, as the platform says it (`Ej påbörjad`, `Not started`).
    NotStarted(String),
    /// Begun and not finished, as the platform says it (`Påbörjad`).
    UnderWay(String),
    /// A result below the pass mark.
    Short {
        /// The result.
        got: f64,
        /// The pass mark.
        need: f64,
    },
    /// No result, where a pass mark needs one.
    NoResult {
        /// The pass mark.
        need: f64,
    },
    /// Registered for a conference and did not come.
    DidNotAttend,
}

impl Status {
    /// The status in `lang`, as a table's cell or a summary line says it.
    pub fn text(&self, lang: Lang) -> String {
        use crate::locale::words::{phrase, word};
        // 85,5 and 0,95 as the cell has them, not 0,9.
        let n = |x: f64| locale::number(x, if (x * 10.0).fract().abs() < 1e-9 { 1 } else { 2 }, lang);
        match self {
            Status::Platform(status) => status.clone(),
            Status::NotCompleted => word(lang, "status_not_completed").to_owned(),
            Status::NotStarted(_) => word(lang, "status_not_started").to_owned(),
            Status::UnderWay(_) => word(lang, "status_under_way").to_owned(),
            Status::Short { got, need } => phrase(lang, "status_short", &[("got", &n(*got)), ("need", &n(*need))]),
            Status::NoResult { need } => phrase(lang, "status_no_result", &[("need", &n(*need))]),
            Status::DidNotAttend => word(lang, "status_did_not_attend").to_owned(),
        }
    }

    /// The status as a message says it: the platform's own words, as the
    /// coordinator finds them in the export, else the table's.
    pub fn said(&self) -> String {
        match self {
            Status::Platform(status) | Status::NotStarted(status) | Status::UnderWay(status) => status.clone(),
            _ => self.text(locale::messages()),
        }
    }
}

/// A status as the messages say it, for a summary written as JSON.
fn said_status<S: serde::Serializer>(status: &Option<Status>, s: S) -> Result<S::Ok, S::Error> {
    match status {
        Some(status) => s.serialize_str(&status.said()),
        None => s.serialize_none(),
    }
}

impl NotEligible {
    /// Why they get no document, as the summary says it: the sessions
    /// missed, or the e-learning status.
    pub fn why(&self) -> String {
        match &self.status {
            Some(status) => status.said(),
            None => {
                let missed = self.missed.join(", ");
                tr!("missed {missed}", "missade {missed}")
            }
        }
    }
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
    /// Whether a template reads the QR code as a PNG (`verify.qr`), which
    /// is then made for every document besides the SVG.
    pub png_qr: bool,
}

fn date_value(d: NaiveDate) -> Value {
    data::value(&data::Date(d))
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

/// Where a document's images are in its data (`issuer.logo`,
/// `signatories.N.signature`), for the loader to make them paths of the
/// programme folder without walking the record.
fn image_paths(data: &Value) -> Value {
    let mut out = Vec::new();
    if data["issuer"]["logo"].is_string() {
        out.push(json!(["issuer", "logo"]));
    }
    if let Some(people) = data["signatories"].as_array() {
        for (i, s) in people.iter().enumerate() {
            if s["signature"].is_string() {
                out.push(json!(["signatories", i, "signature"]));
            }
        }
    }
    if data["look"]["background"].is_string() {
        out.push(json!(["look", "background"]));
    }
    if let Some(organisers) = data["organisers"].as_array() {
        for (i, o) in organisers.iter().enumerate() {
            if o["logo"].is_string() {
                out.push(json!(["organisers", i, "logo"]));
            }
        }
    }
    Value::Array(out)
}

/// A path in the programme folder as typst sees it (from the folder's root).
pub fn image_path(p: &Option<std::path::PathBuf>) -> Option<String> {
    p.as_ref()
        .map(|p| format!("/{}", p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")))
}

/// What every document's data starts with: language, issuer, signatories.
pub(crate) fn common_value(project: &Project, lang: Lang) -> Value {
    let c = &project.common;
    data::value(&data::Common {
        lang: lang.code(),
        issuer: data::Issuer { name: &c.issuer.name, logo: image_path(&c.issuer.logo) },
        signatories: c
            .signatories
            .iter()
            .map(|s| data::Signatory { name: &s.name, title: &s.title, signature: image_path(&s.signature) })
            .collect(),
        look: data::Look::of(&c.look),
    })
}

impl Doc {
    /// A named document for holder `holder` (at `row`). A verification link
    /// too long for a QR code is an error.
    fn new(ctx: &Context, kind: DocKind, holder: usize, row: usize, named: Named) -> Result<Doc, String> {
        if let Some(base) = ctx.project.verification().url {
            crate::credential::qr_fits(&crate::credential::verify_link(&base, &named.id))?;
        }
        Ok(Doc {
            row,
            kind,
            id: named.id,
            file_name: named.file_name,
            holder,
            serial: named.serial,
            text: named.text,
            status_index: named.status_index,
        })
    }
}

/// Whose documents a plan makes, as checked.
pub enum Holders {
    /// Participants of a programme.
    People(Vec<Participant>),
    /// Organisations of a diploma scheme.
    Organisations(Vec<Organisation>),
}

impl Holders {
    /// The e-mail address of holder `i`, as the records give it.
    pub fn email(&self, i: usize) -> &str {
        match self {
            Holders::People(p) => p.get(i).map_or("", |p| p.email.as_str()),
            Holders::Organisations(o) => o.get(i).map_or("", |o| o.email.as_str()),
        }
    }
}

/// How many of `docs` go to invented example addresses (`@exempel.se`):
/// the people a starter folder comes with, or a list made up to try intyg.
pub fn to_examples(docs: &[Doc], holders: &Holders) -> usize {
    docs.iter().filter(|d| crate::job::starter::is_example_address(holders.email(d.holder))).count()
}

/// A warning when documents of `plan` would go to example addresses, at
/// the records file `file`.
pub fn examples_warning(plan: &Plan, holders: &Holders, file: &std::path::Path) -> Option<Problem> {
    let n = to_examples(&plan.docs, holders);
    let all = plan.docs.len();
    (n > 0).then(|| {
        let of = if n == all { tr!("all {all}", "alla {all}") } else { tr!("{n} of the {all}", "{n} av de {all}") };
        Problem::warning(
            Place::file(file),
            tr!(
                "{of} documents have invented recipients (e-mail at @exempel.se, @example.org and the like)",
                "{of} dokument har påhittade mottagare (e-post på @exempel.se, @example.org och liknande)"
            ),
        )
        .hint(tr!(
            "put your own list in place of the example file before issuing for real",
            "lägg in er egen lista i stället för exempelfilen innan ni utfärdar på riktigt"
        ))
    })
}

impl Holders {
    /// How many there are.
    pub fn len(&self) -> usize {
        match self {
            Holders::People(people) => people.len(),
            Holders::Organisations(orgs) => orgs.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
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
    png_qr: bool,
    holders: &'a Holders,
}

impl<'a> Data<'a> {
    /// The data maker of `plan`, whose holders are `holders`.
    pub fn new(project: &'a Project, lang: Lang, plan: &'a Plan, holders: &'a Holders) -> Data<'a> {
        Data { project, lang, base: &plan.base, png_qr: plan.png_qr, holders }
    }

    /// The day `doc` was awarded: the programme's issue date, or the
    /// organisation's award date.
    pub fn awarded(&self, doc: &Doc) -> NaiveDate {
        match self.holders {
            // An e-learning course is completed on each holder's own day.
            Holders::People(people) => people[doc.holder].completed_on.unwrap_or_else(|| self.project.issued()),
            Holders::Organisations(orgs) => orgs[doc.holder].awarded,
        }
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
            Holders::People(people) => {
                participant_data(self.project.folder.sessions(), self.lang, self.base, &people[holder])
            }
            Holders::Organisations(orgs) => diploma::organisation_data(self.lang, self.base, orgs, holder),
        }
    }

    /// The holder's name, the name as the PDF's subject gives it (with an
    /// organisation number), and what the document is about.
    fn names(&self, holder: usize) -> (String, String, String) {
        let about = self.project.folder.name().to_owned();
        match self.holders {
            Holders::People(people) => {
                let p = &people[holder];
                (p.name.clone(), p.name.clone(), about)
            }
            Holders::Organisations(orgs) => {
                let o = &orgs[holder];
                (o.name.clone(), format!("{} ({})", o.name, o.number), about)
            }
        }
    }

    /// What the template receives for `doc`: its holder, id, sentence,
    /// PDF metadata, verification link and QR code, and, with `key`, its
    /// signed credential.
    pub fn of(&self, doc: &Doc, key: Option<&ed25519_dalek::SigningKey>) -> Result<Value, String> {
        let mut data = self.personal(doc.holder);
        data["serial"] = Value::from(doc.serial);
        data["id"] = Value::from(doc.id.as_str());
        data["text"] = Value::from(&*doc.text);
        let (name, described, about) = self.names(doc.holder);
        let lang = self.lang;
        let title = doc.kind.title(lang);
        let of = crate::locale::words::word(lang, "subject_for");
        data["kind"] = Value::from(doc.kind.name());
        data["template"] = Value::from(doc.kind.template_index());
        // As the template is designed; the renderer raises it for a
        // document that would not fit on its page.
        data["fit"] = Value::from(0);
        data["document"] = data::value(&data::Document {
            title: format!("{title} – {name} – {about}"),
            author: self.project.common.issuer.name.clone(),
            subject: format!("{title} {of} {described}, {about}"),
            keywords: vec![title.to_owned(), about, doc.id.clone()],
        });
        data["verify"] = verify::verify_value(self.project, &doc.id, self.png_qr)?;
        data["credential"] = match key {
            Some(key) => Value::String(crate::credential::keys::sign(key, &self.claims(doc, Some(key)).jwt_payload())),
            None => Value::Null,
        };
        // Where the dates are, so that typst converts just those instead of
        // walking the whole record (a third of a millisecond a document).
        let mut dates = Vec::new();
        date_paths(&data, &mut Vec::new(), &mut dates);
        data["$dates"] = Value::Array(dates);
        data["$paths"] = image_paths(&data);
        Ok(data)
    }

    /// [`Self::of`] as issue laid it out: tightened to `fits`' level for
    /// its id, if it was (see [`Fits`]).
    pub fn of_fitted(&self, doc: &Doc, key: Option<&ed25519_dalek::SigningKey>, fits: &Fits) -> Result<Value, String> {
        let mut data = self.of(doc, key)?;
        if let Some(fit) = fits.get(&doc.id) {
            data["fit"] = Value::from(*fit);
        }
        Ok(data)
    }

    /// What `doc`'s credential says; signed with `key`, with its holder
    /// as [`crate::credential::Subject`].
    pub fn claims(&self, doc: &Doc, key: Option<&ed25519_dalek::SigningKey>) -> crate::credential::Claims {
        let (name, _, _) = self.names(doc.holder);
        let title = format!("{} – {name}", doc.kind.title(self.lang));
        // A participation certificate's credential names the sessions
        // attended, as the certificate does.
        let attended = match self.holders {
            Holders::People(people) if doc.kind.lists_sessions() => Some(&people[doc.holder].attended[..]),
            _ => None,
        };
        let entry = self.entry(doc);
        // People are known by their e-mail address; organisations by their
        // organisation number, which is public.
        let subject = key.map(|k| {
            let email = (entry.holder_id.contains('@')).then_some(entry.holder_id.as_str());
            // A participant without an e-mail column is known by name.
            let who = if entry.holder_id.trim().is_empty() { &entry.holder } else { &entry.holder_id };
            crate::credential::Subject::new(&k.to_bytes(), who, email, &entry.id)
        });
        verify::claims(self.project, self.lang, doc.kind, &entry, &title, attended, subject)
    }

    /// `doc`'s register row, made from its holder when it is needed rather
    /// than kept for every document of a batch (the PDF's hash is filled in
    /// when it is made).
    pub fn entry(&self, doc: &Doc) -> Entry {
        let entry = match self.holders {
            Holders::People(people) => participant_entry(self.project, doc.kind, &people[doc.holder]),
            Holders::Organisations(orgs) => diploma::organisation_entry(&self.project.folder, &orgs[doc.holder]),
        };
        Entry { id: doc.id.clone(), file: doc.file_name.clone(), status_index: doc.status_index, ..entry }
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

/// The documents that were laid out tighter to fit their page, by id,
/// with how much (`data.fit`): what lays them out again (the combined
/// PDF, an emitted typst project) does it the same.
pub type Fits = std::collections::HashMap<String, u64>;

/// The data of a combined document, or of a part of one, holding the
/// `docs` records of a document of `count`, as JSON. Written record by
/// record: ten thousand records never exist as values at once. `fits`
/// holds, by id, the records laid out tighter to fit their page.
pub fn combined(data: &Data, docs: &[Doc], count: usize, fits: &Fits) -> Result<Vec<u8>, String> {
    let head = combined_head(data, count);
    let mut out = serde_json::to_vec(&head).map_err(|e| e.to_string())?;
    out.pop(); // the closing brace: the records follow
    out.extend_from_slice(br#","records":["#);
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        serde_json::to_writer(&mut out, &data.of_fitted(doc, None, fits)?).map_err(|e| e.to_string())?;
    }
    out.extend_from_slice(b"]}");
    Ok(out)
}

/// The language and PDF metadata of a combined document of `count` records.
pub fn combined_head(data: &Data, count: usize) -> Value {
    let (lang, folder) = (data.lang, &data.project.folder);
    let name = folder.name();
    let what = if matches!(folder, Folder::Diploma(_)) { "combined_diplomas" } else { "combined_certificates" };
    let count = locale::number(count as f64, 0, lang);
    let title = crate::locale::words::phrase(lang, what, &[("name", name), ("n", &count)]);
    let document = data::Document {
        title: title.clone(),
        author: data.project.common.issuer.name.clone(),
        subject: title,
        keywords: vec![name.to_owned()],
    };
    data::value(&data::Batch { lang: lang.code(), document })
}

/// Whether a template reads `path` of `data`: the path itself, a whole it
/// is part of (`participant.extra` reads every extra column), or a part of
/// it. `paths` are what the templates read; `None` (not known) reads all.
fn reads(paths: Option<&[String]>, path: &str) -> bool {
    paths.is_none_or(|paths| {
        paths.iter().any(|p| p == path || path.starts_with(&format!("{p}.")) || p.starts_with(&format!("{path}.")))
    })
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
