//! The programme file `intyg.toml`, read once into a typed [`Project`]:
//! what every folder has ([`Common`]) and what its kind has ([`Folder`]:
//! a course, a diploma scheme or a report). Paths in it are relative to the
//! folder it lives in.

pub mod course;
pub mod diploma;
mod file;
pub mod image;
pub mod look;
pub mod mail;
pub mod report;
pub mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

pub use course::{Course, DEFAULT_FILE_NAME, DEFAULT_ID, Session};
pub use diploma::{Criterion, Diploma, Revocation, Scheme};
pub use file::parse;
pub use look::{Frame, Look};
pub use mail::{EmailText, Smtp};
pub use report::Report;

pub use crate::kind::Kind;
use crate::locale::Lang;
use crate::problem::{Place, Problem, Problems};

/// The name of the programme file inside a programme folder.
pub const FILE_NAME: &str = "intyg.toml";

/// The largest programme file intyg reads: settings take a few kilobytes,
/// so more is a wrong file, not a programme.
pub const MAX_BYTES: u64 = 16 << 20;

/// A loaded and checked folder.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder, as the user named it.
    pub dir: PathBuf,
    /// What every kind of folder has.
    pub common: Common,
    /// What its kind has.
    pub folder: Folder,
    /// The programme file's text, for messages that point at a key in it.
    source: String,
    /// What was found that does not stop a run: tables of another kind of
    /// folder, which this one does not read.
    pub warnings: Problems,
}

/// What a folder of any kind has: its language, issuer and template, and
/// the settings of sending what it issues.
#[derive(Debug, Clone)]
pub struct Common {
    /// Language of the documents.
    pub language: Lang,
    /// The template: a built-in name or a `.typ` path [default: the
    /// kind's own].
    pub template: String,
    /// Who issues the documents.
    pub issuer: Issuer,
    /// One to three people who sign.
    pub signatories: Vec<Signatory>,
    /// The register file, relative to the folder [default: register.csv in
    /// the output folder].
    pub register: Option<PathBuf>,
    /// The e-mail that carries each document to its holder (`intyg send`).
    pub email: EmailText,
    /// The organisation's own mail server (`intyg send`).
    pub smtp: Option<Smtp>,
    /// The organisation's own look: colour, logo, frame, background.
    pub look: Look,
}

/// What a folder's kind has. A new kind of folder is a new variant and a
/// module beside `course` and `diploma`; the compiler lists every place
/// that must handle it.
#[derive(Debug, Clone)]
pub enum Folder {
    /// A training programme's course certificates (kursintyg).
    Course(Course),
    /// A scheme's diplomas for organisations (mångfaldsdiplom).
    Diploma(Diploma),
    /// An annual report drawn from other folders.
    Report(Report),
}

/// Where a folder's records are and how to read them.
#[derive(Debug, Clone)]
pub struct Records {
    /// The records file, relative to the folder.
    pub path: PathBuf,
    /// The sheet of a workbook [default: the first].
    pub sheet: Option<String>,
    /// The header row, as the spreadsheet numbers it [default: the first
    /// row naming a column intyg knows].
    pub header_row: Option<usize>,
    /// Headers intyg does not know, mapped to what they mean, and those
    /// it never uses.
    pub columns: Columns,
    /// Register ids whose holder's name was corrected, with the name as
    /// the records now have it.
    pub renamed: BTreeMap<String, String>,
    /// The time zone whose day a moment in the records falls on.
    pub zone: chrono_tz::Tz,
    /// What to do with rows a workbook hides or filters out.
    pub hidden_rows: HiddenRows,
}

/// `[columns]`: headers intyg does not know mapped to what they mean
/// (`name = "Deltagarens namn"`), and the columns it is never to use
/// (`unused = ["Kommentar"]`: not shown, checked or passed to a template).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Field key to header.
    pub mapped: BTreeMap<String, String>,
    /// Headers of columns left out.
    pub unused: Vec<String>,
}

/// The key of `[columns]` that lists the columns left out.
pub const UNUSED: &str = "unused";

impl<'de> serde::Deserialize<'de> for Columns {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Columns, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Header {
            One(String),
            Many(Vec<String>),
        }
        let mut columns = Columns::default();
        for (key, header) in BTreeMap::<String, Header>::deserialize(d)? {
            match (key.as_str(), header) {
                (UNUSED, Header::Many(list)) => columns.unused = list,
                (UNUSED, Header::One(one)) => columns.unused = vec![one],
                (_, Header::One(one)) => {
                    columns.mapped.insert(key, one);
                }
                (_, Header::Many(_)) => {
                    return Err(serde::de::Error::custom(tr!(
                        "[columns] {key} names one column; only unused takes a list",
                        "[columns] {key} anger en kolumn; bara unused tar en lista"
                    )));
                }
            }
        }
        Ok(columns)
    }
}

/// What to do with the rows a workbook hides or filters out (people a
/// coordinator hid after they cancelled, or a filter left on).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HiddenRows {
    /// An error naming them: intyg cannot tell whether they were hidden
    /// to leave them out.
    #[default]
    Refuse,
    /// Left out, as the sheet shows it.
    Skip,
    /// Read like any other row.
    Include,
}

/// The issuing organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Its name, e.g. "Sveriges Kommuner och Regioner".
    pub name: String,
    /// Logo (SVG or PNG), relative to the folder.
    pub logo: Option<PathBuf>,
    /// Its identity as the signer of credentials: a `did:web` DID, or the
    /// web address one is made from [default: the DID of `verify_url`].
    /// One `id` for all of an issuer's folders makes it one issuer.
    pub id: Option<String>,
}

impl Issuer {
    /// The issuer's `did:web` DID as `[issuer] id` gives it (a DID, or a
    /// web address made into one); none when it is not set.
    pub fn did(&self) -> Option<String> {
        let id = self.id.as_deref()?.trim();
        if id.starts_with("did:web:") { Some(id.to_owned()) } else { crate::credential::did::did_web(id) }
    }
}

/// Someone who signs the documents.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// Name.
    pub name: String,
    /// Title or role.
    #[serde(default)]
    pub title: String,
    /// A signature image (SVG or PNG), relative to the folder.
    pub signature: Option<PathBuf>,
}

/// Texts and patterns of a certificate or diploma, each a minijinja template.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateText {
    /// The sentence on a full certificate.
    pub text: Option<String>,
    /// The sentence on a participation certificate.
    pub participation_text: Option<String>,
    /// The issue date; the last session's date by default.
    #[serde(default, deserialize_with = "file::de_opt_date")]
    pub issued: Option<NaiveDate>,
    /// Pattern of certificate ids.
    pub id: Option<String>,
    /// Pattern of output file names.
    pub file_name: Option<String>,
}

/// How documents can be verified: `verify_url`, `signing_key` and
/// `publish_names` of the programme or scheme.
#[derive(Debug, Clone, Default)]
pub struct Verification {
    /// The base of verification links, without a trailing slash.
    pub url: Option<String>,
    /// The secret key file.
    pub key: Option<PathBuf>,
    /// Whether published pages name holders.
    pub names: bool,
}

/// The programme file and its text, to place a message at a key.
pub(crate) struct Keys<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Keys<'_> {
    /// Where `key` is set (the file itself when it is not).
    pub fn at(&self, key: &str) -> Place {
        key_place(self.path, self.text, key)
    }

    /// The file as a whole.
    pub fn file(&self) -> Place {
        Place::file(self.path)
    }
}

impl Folder {
    /// Its kind, as `kind =` names it.
    pub fn kind(&self) -> Kind {
        match self {
            Folder::Course(c) => c.kind,
            Folder::Diploma(_) => Kind::Diploma,
            Folder::Report(_) => Kind::Report,
        }
    }

    /// What its documents are about: the programme's or scheme's name,
    /// or the report's title.
    pub fn name(&self) -> &str {
        match self {
            Folder::Course(c) => &c.programme.name,
            Folder::Diploma(d) => &d.scheme.name,
            Folder::Report(r) => &r.settings.title,
        }
    }

    /// The programme's or scheme's code, which ids and register rows carry.
    pub fn code(&self) -> &str {
        match self {
            Folder::Course(c) => &c.programme.code,
            Folder::Diploma(d) => &d.scheme.code,
            Folder::Report(_) => "",
        }
    }

    /// The programme's or scheme's description.
    pub fn description(&self) -> &str {
        match self {
            Folder::Course(c) => &c.programme.description,
            Folder::Diploma(d) => &d.scheme.description,
            Folder::Report(r) => &r.settings.subtitle,
        }
    }

    /// The programme's sessions; other kinds of folder have none.
    pub fn sessions(&self) -> &[Session] {
        match self {
            Folder::Course(c) => &c.sessions,
            Folder::Diploma(_) | Folder::Report(_) => &[],
        }
    }

    /// Where its records are; a report folder has none of its own.
    pub fn records(&self) -> Option<&Records> {
        match self {
            Folder::Course(c) => Some(&c.records),
            Folder::Diploma(d) => Some(&d.records),
            Folder::Report(_) => None,
        }
    }
}

impl Project {
    /// Reads and checks `DIR/intyg.toml`. All problems found are returned.
    pub fn load(dir: &Path) -> Result<Project, Problems> {
        let path = dir.join(FILE_NAME);
        let text = read(dir, &path).map_err(|p| Problems(vec![p]))?;
        let written = file::parse(&text, &path)?;
        let keys = Keys { path: &path, text: &text };
        let mut problems = Problems::default();
        if written.kind.is_unsaid_conference(written.written_kind) {
            problems.push(unsaid_conference(&keys));
        }
        let (common, folder) = split(dir, written, &keys, &mut problems);
        common.validate(dir, &keys, &mut problems);
        let Some(folder) = folder else { return Err(problems) };
        problems.extend(other_kinds(&text, &keys, folder.kind()));
        let project =
            Project { dir: dir.to_path_buf(), common, folder, source: String::new(), warnings: Problems::default() };
        project.validate_verification(&keys, &mut problems);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(Project { source: text, warnings: problems, ..project })
    }

    /// Where `key` is set in the programme file, for a message about it
    /// (the file itself when it is not set).
    pub fn place(&self, key: &str) -> Place {
        key_place(&self.dir.join(FILE_NAME), &self.source, key)
    }

    /// The kind of folder.
    pub fn kind(&self) -> Kind {
        self.folder.kind()
    }

    /// The day documents are dated: `[certificate] issued` (`[diploma]`),
    /// or a course's last session.
    pub fn issued(&self) -> NaiveDate {
        match &self.folder {
            Folder::Course(c) => c.issued(),
            Folder::Diploma(d) => d.texts.issued.unwrap_or(NaiveDate::MIN),
            Folder::Report(_) => NaiveDate::MIN,
        }
    }

    /// The issue date intyg.toml writes (`[certificate] issued`), if any.
    pub fn issued_as_written(&self) -> Option<NaiveDate> {
        match &self.folder {
            Folder::Course(c) => c.texts.issued,
            Folder::Diploma(d) => d.texts.issued,
            Folder::Report(_) => None,
        }
    }

    /// How the folder's documents can be verified.
    pub fn verification(&self) -> Verification {
        let (url, key, names) = match &self.folder {
            Folder::Course(c) => {
                let p = &c.programme;
                (&p.verify_url, &p.signing_key, p.publish_names.unwrap_or(false))
            }
            Folder::Diploma(d) => {
                let s = &d.scheme;
                (&s.verify_url, &s.signing_key, s.publish_names.unwrap_or(true))
            }
            Folder::Report(_) => return Verification::default(),
        };
        Verification {
            url: url.as_ref().map(|u| u.trim().trim_end_matches('/').to_owned()).filter(|u| !u.is_empty()),
            key: key.as_ref().map(|k| self.dir.join(k)),
            names,
        }
    }

    /// The issuer's `did:web` DID: `[issuer] id`, else the DID of the site
    /// its verification links point at (`verify_url`); none without either.
    pub fn issuer_did(&self) -> Option<String> {
        self.common
            .issuer
            .did()
            .or_else(|| self.verification().url.as_deref().and_then(crate::credential::did::did_web))
    }

    /// The register file of a run writing to `out`.
    pub fn register_path(&self, out: &Path) -> PathBuf {
        match &self.common.register {
            Some(p) => self.dir.join(p),
            None => out.join("register.csv"),
        }
    }

    /// The verification link's base must be a web address, and the
    /// signing key must be there.
    fn validate_verification(&self, keys: &Keys, problems: &mut Problems) {
        let verification = self.verification();
        if let Some(url) = &verification.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            problems.push(
                Problem::error(
                    keys.at("verify_url"),
                    tr!("verify_url \"{url}\" is not a web address", "verify_url \"{url}\" är ingen webbadress"),
                )
                .hint(tr!(
                    "write the address where `intyg publish` pages will be, e.g. verify_url = \"https://intyg.pitea.exempel.se\"",
                    "skriv adressen där sidorna från `intyg publish` kommer att ligga, t.ex. verify_url = \"https://intyg.pitea.exempel.se\""
                )),
            );
        }
        // A secret key may live outside the folder (which may be shared), so
        // it is not held to the folder like images are.
        if let Some(key) = &verification.key
            && !key.is_file()
        {
            problems.push(
                Problem::error(keys.at("signing_key"), {
                    let key = key.display();
                    tr!("the signing key \"{key}\" is not there", "signeringsnyckeln \"{key}\" finns inte")
                })
                .hint(tr!(
                    "make one with `intyg keygen --out issuer`, or remove signing_key to issue unsigned documents",
                    "skapa en med `intyg keygen --out issuer`, eller ta bort signing_key för att utfärda osignerade dokument"
                )),
            );
        }
    }
}

/// The warning for a folder an earlier intyg wrote, which is a conference
/// by its programme of the day alone.
fn unsaid_conference(keys: &Keys) -> Problem {
    Problem::warning(
        keys.at("agenda"),
        tr!(
            "this folder has a programme of the day ([[agenda]]), so intyg reads it as a conference",
            "den här mappen har ett dagsprogram ([[agenda]]), så intyg läser den som en konferens"
        ),
    )
    .hint(tr!(
        "write kind = \"conference\" as the first line of intyg.toml; then this warning goes",
        "skriv kind = \"conference\" som första rad i intyg.toml; då försvinner varningen"
    ))
}

/// A warning for each table or key of `text` that a folder of `kind` does
/// not read: a `[scheme]` in a folder without `kind = "diploma"` is
/// most likely a forgotten `kind`, and is otherwise silently ignored.
fn other_kinds(text: &str, keys: &Keys, kind: Kind) -> Problems {
    let Ok(table) = text.parse::<toml::Table>() else { return Problems::default() };
    let mut out = Problems::default();
    for key in Kind::particular_keys() {
        let kinds = Kind::reading(key);
        if !table.contains_key(key) || kinds.contains(&kind) {
            continue;
        }
        let (this, other, set) = (kind.folder_noun(), kinds[0].folder_noun(), kinds[0].written());
        out.push(
            Problem::warning(
                keys.at(key),
                tr!(
                    "\"{key}\" belongs in a {other}; this is a {this}, which leaves it out",
                    "\"{key}\" hör hemma i en {other}; det här är en {this}, som lämnar den därhän"
                ),
            )
            .hint(tr!(
                "if this is a {other}, write kind = \"{set}\" at the top of intyg.toml; otherwise remove \"{key}\"",
                "om det här är en {other}, skriv kind = \"{set}\" överst i intyg.toml; annars ta bort \"{key}\""
            )),
        );
    }
    out
}

/// The file as written, checked, as what every folder has and what its
/// kind has; no kind when a table it needs is missing (a problem says so).
fn split(dir: &Path, w: file::Written, keys: &Keys, problems: &mut Problems) -> (Common, Option<Folder>) {
    let common = Common {
        language: w.language,
        template: w.template,
        issuer: w.issuer,
        signatories: w.signatories,
        register: w.register,
        email: w.email,
        smtp: w.smtp,
        look: w.look,
    };
    let records = Records {
        path: w.records,
        sheet: w.sheet,
        header_row: w.header_row,
        columns: w.columns,
        renamed: w.renamed,
        zone: w.time_zone.unwrap_or(crate::check::dates::DEFAULT_ZONE),
        hidden_rows: w.hidden_rows,
    };
    let folder = match w.kind {
        Kind::Course | Kind::Conference | Kind::Elearning => Folder::Course(Course {
            records,
            texts: w.certificate,
            programme: w.programme,
            sessions: w.sessions,
            attendance: w.attendance,
            issue_before_last_session: w.issue_before_last_session,
            eligibility: w.eligibility,
            participation_template: w.participation_template,
            kind: w.kind,
            agenda: w.agenda,
            venue: w.venue,
            organisers: w.organisers,
        }),
        Kind::Diploma => {
            let Some(scheme) = w.scheme else {
                problems.push(diploma::no_scheme(keys));
                return (common, None);
            };
            Folder::Diploma(Diploma {
                records,
                texts: w.certificate,
                scheme,
                criteria: w.criteria,
                revocations: w.revocations,
            })
        }
        Kind::Report => {
            if w.report.is_none() {
                problems.push(report::no_settings(keys));
            }
            // Without [report] the folder is refused; its other tables are
            // still checked so that one run lists every problem.
            Folder::Report(Report {
                settings: w.report.unwrap_or_default(),
                sections: w.sections,
                indicators: w.indicators,
                trainings: w.trainings,
                diplomas: w.diplomas,
            })
        }
    };
    match &folder {
        Folder::Course(c) => {
            c.validate(keys, problems);
            for logo in c.organisers.iter().filter_map(|o| o.logo.as_ref()) {
                if let Some(p) = check_image(dir, logo, keys.at("organisers"), false) {
                    problems.push(p);
                }
            }
        }
        Folder::Diploma(d) => d.validate(keys, problems),
        Folder::Report(r) => r.validate(dir, keys, problems),
    }
    (common, Some(folder))
}

impl Common {
    /// Checks what serde cannot: counts, names, and files that must exist.
    fn validate(&self, dir: &Path, keys: &Keys, problems: &mut Problems) {
        if self.signatories.len() > 3 {
            problems.push(
                Problem::error(keys.at("signatories"), {
                    let n = self.signatories.len();
                    tr!(
                        "{n} signatories; a certificate has room for at most three",
                        "{n} undertecknare; ett intyg har plats för högst tre"
                    )
                })
                .hint(tr!("keep one to three [[signatories]] tables", "behåll en till tre [[signatories]]-tabeller")),
            );
        }
        if let Some(smtp) = &self.smtp {
            smtp.validate(keys, problems);
        }
        self.look.validate(keys, problems);
        if self.issuer.name.trim().is_empty() {
            problems.push(Problem::error(keys.at("name"), tr!("the issuer has no name", "utfärdaren saknar namn")));
        }
        if let Some(id) = &self.issuer.id
            && self.issuer.did().is_none()
        {
            problems.push(
                Problem::error(
                    keys.at("id"),
                    tr!(
                        "the issuer's id \"{id}\" is neither a did:web DID nor an https address",
                        "utfärdarens id \"{id}\" är varken en did:web-DID eller en https-adress"
                    ),
                )
                .hint(tr!(
                    "write the address of the site where `intyg publish` pages will be, e.g. id = \"https://intyg.kommun.se\" (or id = \"did:web:intyg.kommun.se\")",
                    "skriv adressen till webbplatsen där sidorna från `intyg publish` kommer att ligga, t.ex. id = \"https://intyg.kommun.se\" (eller id = \"did:web:intyg.kommun.se\")"
                )),
            );
        }
        if let Some(reg) = &self.register
            && let Err(msg) = crate::files::inside(dir, reg)
        {
            problems.push(Problem::error(keys.at("register"), msg));
        }
        for (key, image) in self.images() {
            if let Some(p) = check_image(dir, image, keys.at(key), key == "background") {
                problems.push(p);
            }
        }
    }

    /// The logo, signature and background images, each with its key in
    /// intyg.toml.
    pub fn images(&self) -> impl Iterator<Item = (&'static str, &PathBuf)> {
        let logo = self.issuer.logo.iter().map(|l| ("logo", l));
        let background = self.look.background.iter().map(|b| ("background", b));
        logo.chain(self.signatories.iter().filter_map(|s| s.signature.as_ref()).map(|s| ("signature", s)))
            .chain(background)
    }
}

/// Whether `image` (relative to `dir`) is a picture intyg can print: in
/// the folder, there, SVG, PNG or JPEG (or, for a whole `page`, PDF), and
/// readable as one. The problem,
/// placed `at`, when it is not.
fn check_image(dir: &Path, image: &Path, at: Place, page: bool) -> Option<Problem> {
    if let Err(msg) = crate::files::inside(dir, image) {
        return Some(Problem::error(at, msg));
    }
    let full = dir.join(image);
    if !full.is_file() {
        let full = full.display();
        return Some(Problem::error(at, tr!("image \"{full}\" not found", "bilden \"{full}\" finns inte")).hint(tr!(
            "paths in intyg.toml are relative to the programme folder",
            "sökvägar i intyg.toml är relativa till programmappen"
        )));
    }
    let ext = image.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    // A background may be a page of a PDF (from the graphic profile).
    if ext == "pdf" && page {
        return image::check_page(&full, &image.display().to_string()).err().map(|hinted| hinted.at(at));
    }
    if !matches!(ext.as_str(), "svg" | "png" | "jpg" | "jpeg") {
        let image = image.display();
        let (message, hint) = if page {
            (
                tr!(
                    "background \"{image}\" is not PDF, SVG, PNG or JPEG",
                    "bakgrunden \"{image}\" är inte PDF, SVG, PNG eller JPEG"
                ),
                tr!("export the page as .pdf or .svg", "exportera sidan som .pdf eller .svg"),
            )
        } else {
            (
                tr!("image \"{image}\" is not SVG, PNG or JPEG", "bilden \"{image}\" är inte SVG, PNG eller JPEG"),
                tr!("save the image as .svg or .png", "spara bilden som .svg eller .png"),
            )
        };
        return Some(Problem::error(at, message).hint(hint));
    }
    let shown = image.display().to_string();
    image::check(&full, &shown).err().map(|hinted| hinted.at(at))
}

/// The programme file's text: at most [`MAX_BYTES`], UTF-8.
fn read(dir: &Path, path: &Path) -> Result<String, Problem> {
    match crate::files::read_at_most(path, MAX_BYTES) {
        Ok(None) => {
            let mb = MAX_BYTES >> 20;
            Err(Problem::error(
                Place::file(path),
                tr!("the programme file is larger than {mb} MB", "programfilen är större än {mb} MB"),
            )
            .hint(tr!(
                "it holds settings, a few kilobytes; participants and organisations go in the records file",
                "den innehåller inställningar, några kilobyte; deltagare och organisationer hör hemma i listan"
            )))
        }
        Ok(Some(bytes)) => String::from_utf8(bytes).map_err(|_| {
            Problem::error(
                Place::file(path),
                tr!("the programme file is not UTF-8 text", "programfilen är inte UTF-8-text"),
            )
            .hint(tr!("save it as UTF-8 in your text editor", "spara den som UTF-8 i din textredigerare"))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dir = dir.display();
            Err(Problem::error(Place::file(path), tr!("no programme file here", "här finns ingen programfil")).hint(
                tr!(
                    "a programme folder holds {FILE_NAME}; create one with `intyg init {dir}`, or name another folder",
                    "en programmapp innehåller {FILE_NAME}; skapa en med `intyg init {dir}`, eller ange en annan mapp"
                ),
            ))
        }
        Err(e) => Err(Problem::error(
            Place::file(path),
            tr!("cannot read the programme file: {e}", "programfilen kan inte läsas: {e}"),
        )),
    }
}

/// The language `DIR/intyg.toml` names, read before anything else so that
/// a run's messages can speak it; `None` when the file cannot tell (its
/// problems are reported when it is loaded).
pub fn language(dir: &Path) -> Option<Lang> {
    let text = read(dir, &dir.join(FILE_NAME)).ok()?;
    file::language(&text)
}

/// The first line where `key =` (or `[key]`, `[[key]]`) stands, for a located
/// error about a value serde already accepted.
pub fn key_place(path: &Path, text: &str, key: &str) -> Place {
    for (i, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let is_key = t.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with('='));
        let is_table = t.trim_start_matches('[').trim_end_matches(']') == key && t.starts_with('[');
        if is_key || is_table {
            return Place::line(path, i + 1, line.len() - t.len() + 1);
        }
    }
    Place::file(path)
}
