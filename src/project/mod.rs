//! The programme file `intyg.toml`: issuer, programme, sessions, signatories,
//! texts and rules. Paths in it are relative to the folder it lives in.

pub mod image;
pub mod text;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

use crate::locale::Lang;
use crate::problem::{Place, Problem, Problems, line_col};

/// The name of the programme file inside a programme folder.
pub const FILE_NAME: &str = "intyg.toml";

/// A loaded programme folder.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder, as the user named it.
    pub dir: PathBuf,
    /// The parsed programme file.
    pub config: Config,
    /// The programme file's text, for messages that point at a key in it.
    source: String,
}

/// The programme file, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// What kind of document the folder issues.
    #[serde(default)]
    pub kind: Kind,
    /// Language of the documents.
    #[serde(default, deserialize_with = "de_lang")]
    pub language: Lang,
    /// Template for full certificates: a built-in name or a `.typ` path.
    #[serde(default = "default_template")]
    pub template: String,
    /// Template for participation certificates.
    #[serde(default = "default_participation_template")]
    pub participation_template: String,
    /// The records file, relative to the folder.
    #[serde(default = "default_records")]
    pub records: PathBuf,
    /// The sheet of a workbook records file [default: the first].
    pub sheet: Option<String>,
    /// The records' header row, as the spreadsheet numbers it [default:
    /// the first row naming a column intyg knows].
    pub header_row: Option<usize>,
    /// Where attendance comes from: the records' attendance columns, or
    /// `"all"` when everyone registered attended (a one-day conference
    /// without a list).
    #[serde(default)]
    pub attendance: Attendance,
    /// Headers intyg does not know, mapped to what they mean:
    /// `name = "Deltagarens namn"`.
    #[serde(default)]
    pub columns: std::collections::BTreeMap<String, String>,
    /// Register ids whose holder's name was corrected, with the name as
    /// the records now have it: `"MRS-2026-004" = "Anna Lind"`. Needed only
    /// where intyg cannot tell by itself which corrected row is whose.
    #[serde(default)]
    pub renamed: std::collections::BTreeMap<String, String>,
    /// Who issues the documents.
    pub issuer: Issuer,
    /// The register file, relative to the folder [default: register.csv in
    /// the output folder].
    pub register: Option<PathBuf>,
    /// The programme the documents are about (course certificates).
    #[serde(default)]
    pub programme: Programme,
    /// The programme's sessions, in order (course certificates).
    #[serde(default, rename = "sessions")]
    pub sessions: Vec<Session>,
    /// The diploma scheme (diplomas).
    pub scheme: Option<Scheme>,
    /// The scheme's criteria (diplomas).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// One to three people who sign.
    #[serde(default)]
    pub signatories: Vec<Signatory>,
    /// Texts and patterns of the certificate (`[diploma]` for diplomas).
    #[serde(default, alias = "diploma")]
    pub certificate: CertificateText,
    /// Who gets which document.
    #[serde(default)]
    pub eligibility: Eligibility,
    /// The report's title and year (`kind = "report"`).
    pub report: Option<ReportSettings>,
    /// The report's narrative sections, in order.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// The indicators file (CSV) of a report, relative to the folder.
    pub indicators: Option<PathBuf>,
    /// Training programme folders a report counts.
    #[serde(default)]
    pub trainings: Vec<TrainingSource>,
    /// Diploma scheme folders a report counts.
    #[serde(default)]
    pub diplomas: Vec<DiplomaSource>,
    /// The e-mail that carries each document to its holder (`intyg send`).
    #[serde(default)]
    pub email: EmailText,
    /// The organisation's own mail server (`intyg send`).
    pub smtp: Option<Smtp>,
}

/// What `intyg send` writes: sender, subject and body, each text a
/// minijinja template over the document's data.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailText {
    /// The sender: `Name <address>` or an address.
    pub from: Option<String>,
    /// Where replies go, if not to the sender.
    pub reply_to: Option<String>,
    /// The subject [default: by kind of document and language].
    pub subject: Option<String>,
    /// The plain-text body [default: by kind of document and language].
    pub body: Option<String>,
    /// An HTML body sent beside the plain one [default: none].
    pub html: Option<String>,
}

/// How to reach the mail server. The password is never here: it comes
/// from `INTYG_SMTP_PASSWORD` or from `password_file`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    /// The server's name or address.
    pub host: String,
    /// Its port [default: 587 with STARTTLS, 465 with TLS, 25 without].
    pub port: Option<u16>,
    /// `starttls`, `tls` (implicit, port 465) or `none` (loopback only)
    /// [default: starttls; none for a loopback address].
    pub security: Option<String>,
    /// The user name to log in with, if the server wants one.
    pub user: Option<String>,
    /// A file holding the password, relative to the folder.
    pub password_file: Option<PathBuf>,
    /// Refused with a located error: a password does not belong in a file
    /// that is copied, mailed and checked in.
    pub password: Option<toml::Value>,
    /// A PEM file of CA certificates to trust beside the system's (a
    /// municipality's own CA), relative to the folder.
    pub ca_file: Option<PathBuf>,
    /// Messages per minute at most [default: 30].
    pub per_minute: Option<u32>,
    /// Tries after a failure to reach the server [default: 3].
    pub retries: Option<u32>,
    /// Seconds before the first retry; each next waits that much longer
    /// [default: 5].
    pub retry_seconds: Option<u64>,
}

/// What an annual report is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Its title, e.g. "Rapport om arbetet med mänskliga rättigheter".
    pub title: String,
    /// The year it reports on.
    pub year: i32,
    /// A line under the title.
    #[serde(default)]
    pub subtitle: String,
}

/// A narrative section of a report: Markdown in intyg.toml or in a file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Its heading.
    pub title: String,
    /// Its text (Markdown).
    pub text: Option<String>,
    /// A Markdown file with its text, relative to the folder.
    pub file: Option<PathBuf>,
}

/// A training programme folder a report counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSource {
    /// The programme folder, relative to the report folder.
    pub folder: PathBuf,
    /// How many staff the training was meant for, for the share trained.
    pub staff: Option<u32>,
}

/// A diploma scheme folder a report counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiplomaSource {
    /// The scheme folder, relative to the report folder.
    pub folder: PathBuf,
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

/// The kind of documents a folder issues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Course certificates (kursintyg).
    #[default]
    Course,
    /// Diplomas for organisations (mångfaldsdiplom).
    Diploma,
    /// An annual report drawn from other folders.
    Report,
}

/// Where a course's attendance comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attendance {
    /// The records' attendance columns (`Dag 1`, a session's date or
    /// title) or a `Närvaro` list.
    #[default]
    Columns,
    /// Everyone registered attended every session.
    All,
}

/// A diploma scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// Its name, e.g. "Mångfaldsdiplomering – Ett Piteå för alla".
    pub name: String,
    /// A short code, used in ids.
    #[serde(default)]
    pub code: String,
    /// A sentence about the scheme.
    #[serde(default)]
    pub description: String,
    /// The least number of criteria an organisation must meet.
    #[serde(default = "default_min_criteria")]
    pub min_criteria: usize,
    /// Years a diploma is valid; 0 means it does not expire.
    #[serde(default = "default_validity")]
    pub validity_years: u32,
    /// Where the award is handed over (printed with the date).
    #[serde(default)]
    pub place: String,
    /// Where documents can be checked: each shows a QR code for
    /// `verify_url/ID` (the pages `intyg publish` writes).
    pub verify_url: Option<String>,
    /// The issuer's secret key (`intyg keygen`), relative to the folder:
    /// documents then carry a signed credential.
    pub signing_key: Option<PathBuf>,
    /// Whether `intyg publish` shows holders' names on the verification
    /// pages [default: yes for organisations, no for people].
    pub publish_names: Option<bool>,
}

fn default_min_criteria() -> usize {
    1
}

fn default_validity() -> u32 {
    3
}

/// One criterion of a scheme.
#[derive(Debug, Clone, PartialEq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Its code, as records list it (e.g. "A" or "1").
    pub code: String,
    /// What it requires.
    pub description: String,
}

/// The issuing organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Its name, e.g. "Sveriges Kommuner och Regioner".
    pub name: String,
    /// Logo (SVG or PNG), relative to the folder.
    pub logo: Option<PathBuf>,
}

/// The training programme.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// A short code, used in certificate ids.
    #[serde(default)]
    pub code: String,
    /// Where it was held.
    #[serde(default)]
    pub place: String,
    /// A description in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// What it covered, as bullet points.
    #[serde(default)]
    pub content: Vec<String>,
    /// Its length in hours.
    pub hours: Option<f64>,
    /// Where documents can be checked: each shows a QR code for
    /// `verify_url/ID` (the pages `intyg publish` writes).
    pub verify_url: Option<String>,
    /// The issuer's secret key (`intyg keygen`), relative to the folder:
    /// documents then carry a signed credential.
    pub signing_key: Option<PathBuf>,
    /// Whether `intyg publish` shows holders' names on the verification
    /// pages [default: yes for organisations, no for people].
    pub publish_names: Option<bool>,
}

/// One session (a day of a meeting).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// The day.
    #[serde(deserialize_with = "de_date")]
    pub date: NaiveDate,
    /// What it was about.
    #[serde(default)]
    pub title: String,
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

/// Texts and patterns, each a minijinja template.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificateText {
    /// The sentence on a full certificate.
    pub text: Option<String>,
    /// The sentence on a participation certificate.
    pub participation_text: Option<String>,
    /// The issue date; the last session's date by default.
    #[serde(default, deserialize_with = "de_opt_date")]
    pub issued: Option<NaiveDate>,
    /// Pattern of certificate ids.
    pub id: Option<String>,
    /// Pattern of output file names.
    pub file_name: Option<String>,
}

/// Who is eligible for a certificate.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    /// The least number of sessions attended; all sessions when absent.
    pub min_sessions: Option<usize>,
    /// Whether those who fall short get a participation certificate.
    #[serde(default)]
    pub participation_certificate: bool,
}

fn default_template() -> String {
    String::new()
}

fn default_participation_template() -> String {
    "deltagarintyg".into()
}

fn default_records() -> PathBuf {
    PathBuf::new()
}

/// Default pattern of certificate ids.
pub const DEFAULT_ID: &str = "{{ programme.code }}-{{ serial | pad(4) }}";
/// Default pattern of output file names.
pub const DEFAULT_FILE_NAME: &str = "{{ id }}-{{ participant.name | slug }}.pdf";

/// A date written as a TOML date (`2019-10-08`) or a string in that form.
fn de_date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Toml(toml::value::Datetime),
        Text(String),
    }
    let text = match Raw::deserialize(d)? {
        Raw::Toml(dt) => dt.to_string(),
        Raw::Text(s) => s,
    };
    crate::locale::parse_date(&text).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "\"{text}\" is not a date; write it as YYYY-MM-DD, e.g. 2019-10-08",
            "\"{text}\" är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2019-10-08"
        ))
    })
}

fn de_opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    de_date(d).map(Some)
}

fn de_lang<'de, D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
    let s = String::deserialize(d)?;
    Lang::parse(&s).ok_or_else(|| {
        serde::de::Error::custom(tr!(
            "unknown language \"{s}\"; use \"sv\" or \"en\"",
            "okänt språk \"{s}\"; använd \"sv\" eller \"en\""
        ))
    })
}

/// The largest programme file intyg reads: settings take a few kilobytes,
/// so more is a wrong file, not a programme.
pub const MAX_BYTES: u64 = 16 << 20;

impl Project {
    /// Reads and checks `DIR/intyg.toml`. All problems found are returned.
    pub fn load(dir: &Path) -> Result<Project, Problems> {
        let path = dir.join(FILE_NAME);
        let text = match crate::records::read_at_most(&path, MAX_BYTES) {
            Ok(None) => {
                let mb = MAX_BYTES >> 20;
                return Err(one(Problem::error(
                    Place::file(&path),
                    tr!("the programme file is larger than {mb} MB", "programfilen är större än {mb} MB"),
                )
                .hint(tr!(
                    "it holds settings, a few kilobytes; participants and organisations go in the records file",
                    "den innehåller inställningar, några kilobyte; deltagare och organisationer hör hemma i filen med poster"
                ))));
            }
            Ok(Some(bytes)) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(one(Problem::error(
                        Place::file(&path),
                        tr!("the programme file is not UTF-8 text", "programfilen är inte UTF-8-text"),
                    )
                    .hint(tr!("save it as UTF-8 in your text editor", "spara den som UTF-8 i din textredigerare"))));
                }
            },
            Err(e) => {
                let p = if e.kind() == std::io::ErrorKind::NotFound {
                    let dir = dir.display();
                    Problem::error(Place::file(&path), tr!("no programme file here", "här finns ingen programfil")).hint(
                        tr!(
                            "a programme folder holds {FILE_NAME}; create one with `intyg init {dir}`, or name another folder",
                            "en programmapp innehåller {FILE_NAME}; skapa en med `intyg init {dir}`, eller ange en annan mapp"
                        ),
                    )
                } else {
                    Problem::error(
                        Place::file(&path),
                        tr!("cannot read the programme file: {e}", "programfilen kan inte läsas: {e}"),
                    )
                };
                return Err(one(p));
            }
        };
        let config = parse(&text, &path)?;
        // From here on, messages speak the programme's language.
        crate::locale::set_messages(config.language);
        let project = Project { dir: dir.to_path_buf(), config, source: text };
        let problems = project.validate(&path, &project.source);
        if problems.has_errors() {
            return Err(problems);
        }
        Ok(project)
    }

    /// Where `key` is set in the programme file, for a message about it
    /// (the file itself when it is not set).
    pub fn place(&self, key: &str) -> Place {
        key_place(&self.dir.join(FILE_NAME), &self.source, key)
    }

    /// The day documents are dated: `[certificate] issued`, or the last session.
    pub fn issued(&self) -> NaiveDate {
        self.config
            .certificate
            .issued
            .unwrap_or_else(|| self.config.sessions.iter().map(|s| s.date).max().unwrap_or(NaiveDate::MIN))
    }

    /// The least number of sessions for a full certificate.
    pub fn min_sessions(&self) -> usize {
        self.config.eligibility.min_sessions.unwrap_or(self.config.sessions.len())
    }

    /// Checks what serde cannot: counts, ranges and files that must exist.
    fn validate(&self, path: &Path, text: &str) -> Problems {
        let mut problems = Problems::default();
        let c = &self.config;
        let at = |key: &str| key_place(path, text, key);
        if c.kind == Kind::Diploma {
            self.validate_diploma(path, text, &mut problems);
        } else if c.kind == Kind::Report {
            self.validate_report(path, text, &mut problems);
        } else if c.sessions.is_empty() {
            problems.push(
                Problem::error(
                    Place::file(path),
                    tr!("the programme has no sessions", "programmet har inga tillfällen"),
                )
                .hint(tr!(
                    "add one [[sessions]] table per day, with date = 2019-10-08 and title = \"…\"",
                    "lägg till en [[sessions]]-tabell per dag, med date = 2019-10-08 och title = \"…\""
                )),
            );
        }
        if c.signatories.len() > 3 {
            problems.push(
                Problem::error(at("signatories"), {
                    let n = c.signatories.len();
                    tr!(
                        "{n} signatories; a certificate has room for at most three",
                        "{n} undertecknare; ett intyg har plats för högst tre"
                    )
                })
                .hint(tr!("keep one to three [[signatories]] tables", "behåll en till tre [[signatories]]-tabeller")),
            );
        }
        if let Some(min) = c.eligibility.min_sessions
            && (min == 0 || min > c.sessions.len())
        {
            {
                problems.push(
                    Problem::error(at("min_sessions"), {
                        let n = c.sessions.len();
                        tr!(
                            "min_sessions = {min}, but the programme has {n} sessions",
                            "min_sessions = {min}, men programmet har {n} tillfällen"
                        )
                    })
                    .hint(tr!(
                        "use a number from 1 to the number of sessions, or leave it out to require all",
                        "ange ett tal från 1 till antalet tillfällen, eller utelämna det för att kräva alla"
                    )),
                );
            }
        }
        if let Some(smtp) = &c.smtp
            && smtp.password.is_some()
        {
            problems.push(
                Problem::error(
                    at("password"),
                    tr!(
                        "the mail server's password may not be written in intyg.toml",
                        "e-postserverns lösenord får inte skrivas i intyg.toml"
                    ),
                )
                .hint(tr!(
                    "remove the line; give the password in the environment variable INTYG_SMTP_PASSWORD, \
                     or put it alone in a file that only you can read and name it with password_file = \"…\"",
                    "ta bort raden; ge lösenordet i miljövariabeln INTYG_SMTP_PASSWORD, \
                     eller lägg det ensamt i en fil som bara du kan läsa och ange den med password_file = \"…\""
                )),
            );
        }
        if c.issuer.name.trim().is_empty() {
            problems.push(Problem::error(at("name"), tr!("the issuer has no name", "utfärdaren saknar namn")));
        }
        if c.kind == Kind::Course && c.programme.name.trim().is_empty() {
            problems.push(Problem::error(at("name"), tr!("the programme has no name", "programmet saknar namn")));
        }
        if let Some(reg) = &c.register
            && let Err(msg) = crate::output::inside(&self.dir, reg)
        {
            problems.push(Problem::error(at("register"), msg));
        }
        let verification = self.verification();
        if let Some(url) = &verification.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            problems.push(
                Problem::error(
                    at("verify_url"),
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
                Problem::error(at("signing_key"), {
                    let key = key.display();
                    tr!("the signing key \"{key}\" is not there", "signeringsnyckeln \"{key}\" finns inte")
                })
                .hint(tr!(
                    "make one with `intyg keygen --out issuer`, or remove signing_key to issue unsigned documents",
                    "skapa en med `intyg keygen --out issuer`, eller ta bort signing_key för att utfärda osignerade dokument"
                )),
            );
        }
        let mut images: Vec<(&str, &Path)> = Vec::new();
        if let Some(logo) = &c.issuer.logo {
            images.push(("logo", logo));
        }
        for s in &c.signatories {
            if let Some(sig) = &s.signature {
                images.push(("signature", sig));
            }
        }
        for (key, image) in images {
            if let Err(msg) = crate::output::inside(&self.dir, image) {
                problems.push(Problem::error(at(key), msg));
                continue;
            }
            let full = self.dir.join(image);
            if !full.is_file() {
                let full = full.display();
                problems.push(
                    Problem::error(at(key), tr!("image \"{full}\" not found", "bilden \"{full}\" finns inte")).hint(
                        tr!(
                            "paths in intyg.toml are relative to the programme folder",
                            "sökvägar i intyg.toml är relativa till programmappen"
                        ),
                    ),
                );
                continue;
            }
            let ext = image.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
            if !matches!(ext.as_str(), "svg" | "png" | "jpg" | "jpeg") {
                let image = image.display();
                problems.push(
                    Problem::error(
                        at(key),
                        tr!(
                            "image \"{image}\" is not SVG, PNG or JPEG",
                            "bilden \"{image}\" är inte SVG, PNG eller JPEG"
                        ),
                    )
                    .hint(tr!("save the image as .svg or .png", "spara bilden som .svg eller .png")),
                );
                continue;
            }
            if let Err((message, hint)) = image::check(&full, &image.display().to_string()) {
                problems.push(Problem::error(at(key), message).hint(hint));
            }
        }
        problems
    }
}

impl Project {
    fn validate_diploma(&self, path: &Path, text: &str, problems: &mut Problems) {
        let c = &self.config;
        let at = |key: &str| key_place(path, text, key);
        let Some(scheme) = &c.scheme else {
            problems.push(
                Problem::error(
                    Place::file(path),
                    tr!("a diploma folder needs a [scheme] table", "en diplommapp behöver en [scheme]-tabell"),
                )
                .hint(tr!(
                    "add [scheme] with name, code, min_criteria and validity_years",
                    "lägg till [scheme] med name, code, min_criteria och validity_years"
                )),
            );
            return;
        };
        if c.criteria.is_empty() {
            problems.push(
                Problem::error(Place::file(path), tr!("the scheme has no criteria", "diplomet har inga kriterier"))
                    .hint(tr!(
                        "add one [[criteria]] table per criterion, with code and description",
                        "lägg till en [[criteria]]-tabell per kriterium, med code och description"
                    )),
            );
        }
        let mut codes = std::collections::HashSet::new();
        for cr in &c.criteria {
            if !codes.insert(cr.code.trim().to_lowercase()) {
                let code = &cr.code;
                problems.push(Problem::error(
                    at("code"),
                    tr!("the criterion code \"{code}\" is used twice", "kriteriekoden \"{code}\" används två gånger"),
                ));
            }
        }
        if scheme.min_criteria == 0 || scheme.min_criteria > c.criteria.len().max(1) {
            problems.push(
                Problem::error(at("min_criteria"), {
                    let (min, n) = (scheme.min_criteria, c.criteria.len());
                    tr!(
                        "min_criteria = {min}, but the scheme has {n} criteria",
                        "min_criteria = {min}, men diplomet har {n} kriterier"
                    )
                })
                .hint(tr!(
                    "use a number from 1 to the number of criteria",
                    "ange ett tal från 1 till antalet kriterier"
                )),
            );
        }
    }

    /// How the folder's documents can be verified.
    pub fn verification(&self) -> Verification {
        let c = &self.config;
        let (url, key, names) = match &c.scheme {
            Some(s) if c.kind == Kind::Diploma => (&s.verify_url, &s.signing_key, s.publish_names.unwrap_or(true)),
            _ => (&c.programme.verify_url, &c.programme.signing_key, c.programme.publish_names.unwrap_or(false)),
        };
        Verification {
            url: url.as_ref().map(|u| u.trim().trim_end_matches('/').to_owned()).filter(|u| !u.is_empty()),
            key: key.as_ref().map(|k| self.dir.join(k)),
            names,
        }
    }

    fn validate_report(&self, path: &Path, text: &str, problems: &mut Problems) {
        let c = &self.config;
        let at = |key: &str| key_place(path, text, key);
        if c.report.is_none() {
            problems.push(
                Problem::error(
                    Place::file(path),
                    tr!("a report folder needs a [report] table", "en rapportmapp behöver en [report]-tabell"),
                )
                .hint(tr!(
                    "add [report] with title = \"…\" and year = 2026",
                    "lägg till [report] med title = \"…\" och year = 2026"
                )),
            );
        }
        for s in &c.sections {
            match (&s.text, &s.file) {
                (Some(_), Some(_)) | (None, None) => problems.push({
                    let title = &s.title;
                    Problem::error(
                        at("title"),
                        tr!(
                            "the section \"{title}\" needs either text or file",
                            "avsnittet \"{title}\" behöver antingen text eller file"
                        ),
                    )
                    .hint(tr!(
                        "write text = \"\"\"…\"\"\" or file = \"avsnitt.md\", not both",
                        "skriv text = \"\"\"…\"\"\" eller file = \"avsnitt.md\", inte båda"
                    ))
                }),
                (None, Some(f)) if !self.dir.join(f).is_file() => problems.push({
                    let f = f.display();
                    Problem::error(
                        at("file"),
                        tr!("the section file \"{f}\" is not there", "avsnittsfilen \"{f}\" finns inte"),
                    )
                    .hint(relative_to_report())
                }),
                _ => {}
            }
        }
        if let Some(ind) = &c.indicators
            && !self.dir.join(ind).is_file()
        {
            problems.push(
                Problem::error(at("indicators"), {
                    let ind = ind.display();
                    tr!("the indicators file \"{ind}\" is not there", "indikatorfilen \"{ind}\" finns inte")
                })
                .hint(relative_to_report()),
            );
        }
        let folders = c.trainings.iter().map(|t| &t.folder).chain(c.diplomas.iter().map(|d| &d.folder));
        for folder in folders {
            if !self.dir.join(folder).join(FILE_NAME).is_file() {
                problems.push(
                    Problem::error(at("folder"), {
                        let folder = folder.display();
                        tr!(
                            "\"{folder}\" is not a folder with an {FILE_NAME}",
                            "\"{folder}\" är ingen mapp med en {FILE_NAME}"
                        )
                    })
                    .hint(tr!(
                        "name a programme or diploma folder, relative to the report folder",
                        "ange en program- eller diplommapp, relativt till rapportmappen"
                    )),
                );
            }
        }
    }

    /// The register file of a run writing to `out`.
    pub fn register_path(&self, out: &Path) -> PathBuf {
        match &self.config.register {
            Some(p) => self.dir.join(p),
            None => out.join("register.csv"),
        }
    }
}

/// The hint for a path the report folder does not hold.
fn relative_to_report() -> String {
    tr!("paths in intyg.toml are relative to the report folder", "sökvägar i intyg.toml är relativa till rapportmappen")
}

fn one(p: Problem) -> Problems {
    Problems(vec![p])
}

/// Parses the programme file, turning serde's complaint into a located problem.
pub fn parse(text: &str, path: &Path) -> Result<Config, Problems> {
    let mut config = parse_raw(text, path)?;
    // Defaults that depend on the kind of folder.
    if config.template.is_empty() {
        config.template = match config.kind {
            Kind::Course => "kursintyg",
            Kind::Diploma => "mangfaldsdiplom",
            Kind::Report => "arsrapport",
        }
        .into();
    }
    if config.records.as_os_str().is_empty() {
        config.records = match config.kind {
            Kind::Course => "deltagare.csv",
            Kind::Diploma => "organisationer.csv",
            Kind::Report => "",
        }
        .into();
    }
    Ok(config)
}

fn parse_raw(text: &str, path: &Path) -> Result<Config, Problems> {
    toml::from_str::<Config>(text).map_err(|e| {
        let place = match e.span() {
            Some(span) => {
                let (line, col) = line_col(text, span.start);
                Place::line(path, line, col)
            }
            None => Place::file(path),
        };
        let message = e.message().trim().replace('`', "\"");
        let hint = if message.starts_with("unknown field") {
            tr!(
                "check the spelling of the key; `intyg templates` and the README list every key",
                "kontrollera stavningen av nyckeln; `intyg templates` och README visar alla nycklar"
            )
        } else if message.starts_with("missing field") {
            tr!("add the key to the table named above", "lägg till nyckeln i tabellen som nämns ovan")
        } else {
            tr!(
                "`intyg init NEW-FOLDER` writes an intyg.toml with every key explained, to compare with",
                "`intyg init NY-MAPP` skriver en intyg.toml där varje nyckel förklaras, att jämföra med"
            )
        };

        Problems(vec![Problem::error(place, message).hint(hint)])
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: &str = r#"
[issuer]
name = "Kommunen"
[programme]
name = "Kurs"
[[sessions]]
date = 2019-10-08
"#;

    #[test]
    fn minimal_file_parses_with_defaults() {
        let c = parse(MIN, Path::new("intyg.toml")).unwrap();
        assert_eq!(c.template, "kursintyg");
        assert_eq!(c.language, Lang::Sv);
        assert_eq!(c.sessions[0].date, NaiveDate::from_ymd_opt(2019, 10, 8).unwrap());
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = MIN.replace("name = \"Kurs\"", "name = \"Kurs\"\nplase = \"Umeå\"");
        let err = parse(&text, Path::new("intyg.toml")).unwrap_err();
        let p = &err.0[0];
        assert!(p.message.contains("unknown field \"plase\""), "{}", p.message);
        assert_eq!(p.place.row, Some(6));
    }

    #[test]
    fn session_date_as_string_or_bad() {
        let ok = MIN.replace("2019-10-08", "\"2019-10-08\"");
        assert!(parse(&ok, Path::new("x")).is_ok());
        let bad = MIN.replace("2019-10-08", "\"2019-02-30\"");
        let err = parse(&bad, Path::new("x")).unwrap_err();
        assert!(err.0[0].message.contains("not a date"), "{}", err.0[0].message);
    }
}
