//! The publish job: the static verification site of a register.

use std::path::{Path, PathBuf};

use crate::batch::Stop;
use crate::credential::keys;
use crate::output::write_atomic;
use crate::problem::{Place, Problem};
use crate::project::{FILE_NAME, Project};
use crate::site::{self, Issuer};

/// A site written.
pub struct Published {
    /// How many documents have a page.
    pub pages: usize,
    /// The register published.
    pub register: PathBuf,
    /// The site folder.
    pub out: PathBuf,
    /// The address documents link to, if the programme has one.
    pub url: Option<String>,
    /// How many documents the signed status list names withdrawn; `None`
    /// without a status list.
    pub withdrawn: Option<usize>,
    /// Why there is no status list, when the site would want one.
    pub no_status_list: bool,
    /// Whether participants' names are left off the pages.
    pub names_hidden: bool,
    /// The key's DID document, when one was written: its file in the site
    /// folder and the web address verifiers fetch it from.
    pub did_document: Option<(String, String)>,
}

impl Published {
    /// What the person should know before handing the site on: that no
    /// document points to it.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.url.is_none() {
            out.push(tr!(
                "no document points to this site: the folder has no web address for checking (verify_url), so the documents have no QR code or link",
                "inget dokument pekar på den här webbplatsen: mappen har ingen webbadress för kontroll (verify_url), så dokumenten har ingen QR-kod eller länk"
            ));
        }
        out
    }

    /// What the web team is told, as text to pass on: what to upload
    /// where, and the one line that makes a missing page show 404.html.
    pub fn instructions(&self) -> Vec<String> {
        let Some(url) = &self.url else { return Vec::new() };
        let folder = self.out.display();
        let path = url::Url::parse(url).map(|u| u.path().trim_end_matches('/').to_owned()).unwrap_or_default();
        let mut out = vec![
            tr!(
                "Put everything in the folder {folder} on the web server so that {url}/ is its index.html, and {url}/ID/ the page ID/index.html of each document.",
                "Lägg allt i mappen {folder} på webbservern så att {url}/ är dess index.html och {url}/ID/ är sidan ID/index.html för varje dokument."
            ),
            tr!(
                "A page that is not there should show 404.html (it looks the id up). GitHub Pages, Netlify and Cloudflare Pages do this by themselves; Apache needs the line",
                "En sida som inte finns ska visa 404.html (den slår upp id:t). GitHub Pages, Netlify och Cloudflare Pages gör det av sig själva; Apache behöver raden"
            ),
            format!("    ErrorDocument 404 {path}/404.html"),
            tr!("and nginx the line", "och nginx raden"),
            format!("    error_page 404 {path}/404.html;"),
            tr!(
                "Replace the whole folder each time it is published: pages of revoked documents change.",
                "Byt ut hela mappen varje gång den publiceras: sidorna för återkallade dokument ändras."
            ),
        ];
        if let Some((file, web)) = &self.did_document {
            out.push(tr!(
                "The file {file} of the folder must also be at {web}: wallets fetch the issuer's key from there.",
                "Filen {file} i mappen måste också finnas på {web}: plånböcker hämtar utfärdarens nyckel därifrån."
            ));
        }
        out
    }

    /// What to tell the person, and the web team: where the site is, where
    /// to upload it, what it holds.
    pub fn lines(&self) -> Vec<String> {
        let (n, from, to) = (self.pages, self.register.display(), self.out.display());
        let mut out = vec![tr!(
            "Published {n} document pages from {from} in {to}",
            "Publicerade {n} dokumentsidor från {from} i {to}"
        )];
        if let Some(url) = &self.url {
            out.push(tr!(
                "Upload the folder so that {url}/ID opens ID/index.html",
                "Ladda upp mappen så att {url}/ID öppnar ID/index.html"
            ));
        }
        if let Some(withdrawn) = self.withdrawn {
            let path = crate::credential::status::PATH;
            out.push(tr!(
                "Status list for wallets: {path} ({withdrawn} documents revoked or replaced)",
                "Statuslista för plånböcker: {path} ({withdrawn} dokument återkallade eller ersatta)"
            ));
        } else if self.no_status_list {
            out.push(tr!(
                "No status list: signing it takes the secret key (signing_key in intyg.toml, or --key issuer.key)",
                "Ingen statuslista: den signeras med den hemliga nyckeln (signing_key i intyg.toml, eller --key issuer.key)"
            ));
        }
        if self.names_hidden {
            out.push(tr!(
                "Participants' names are not shown (set publish_names = true in intyg.toml to show them)",
                "Deltagarnas namn visas inte (ange publish_names = true i intyg.toml för att visa dem)"
            ));
        }
        out
    }
}

/// What a publish run is asked to do, as plain data: made once from the
/// command line ([`Job::from_args`]) or by another front end.
#[derive(Debug, Clone)]
pub struct Job {
    /// The register, or the folder whose register it is.
    pub register: PathBuf,
    /// The site folder to write.
    pub out: PathBuf,
    /// The secret key that signs the status list and whose public half is
    /// published.
    pub key: Option<PathBuf>,
    /// The day statuses are computed for.
    pub on: chrono::NaiveDate,
}

/// Writes the verification site `args` asks for, printing nothing.
pub fn publish(args: &Job) -> Result<Published, Stop> {
    let (register_path, project) = locate(&args.register).map_err(Stop::Problems)?;
    let hint = tr!(
        "run `intyg issue` first, or name the register.csv it wrote",
        "kör `intyg issue` först, eller ange den register.csv som den skrev"
    );
    let register = super::read_register(&register_path, &hint)?;
    let on = args.on;
    let public = args.key.as_deref().map(super::read_public_key).transpose()?;
    let verification = project.as_ref().map(Project::verification).unwrap_or_default();
    let mut issuer = Issuer {
        name: project.as_ref().map(|p| p.common.issuer.name.clone()).unwrap_or_default(),
        url: verification.url,
        people: verification.names,
        // Organisations are public unless their scheme says otherwise.
        organisations: match &project {
            Some(p) if p.kind() == crate::project::Kind::Diploma => verification.names,
            _ => true,
        },
        key: public.as_ref().map(keys::thumbprint),
        key_x: public.as_ref().map(|k| keys::jwk(k)["x"].as_str().unwrap_or_default().to_owned()),
        status_list: None,
        // The folder's language, as every message of the run.
        lang: project.as_ref().map_or_else(crate::locale::messages, |p| p.common.language),
        logo: project.as_ref().and_then(site_logo),
        achievements: project.as_ref().map(|p| achievements(p, &register)).unwrap_or_default(),
    };
    // Revocation as wallets see it: the signed status list every signed
    // credential points into.
    let status = match project.as_ref().zip(issuer.url.as_deref()) {
        Some((p, base)) => status_list(p, base, args.key.as_deref(), public.as_ref(), &register, on)?,
        None => None,
    };
    if status.is_some() {
        issuer.status_list = Some(crate::credential::status::PATH.into());
    }
    let mut files = match site::build(&register, &issuer, on) {
        Ok(f) => f,
        Err(site::SiteError::Id(msg)) => {
            let problem = Problem::error(Place::file(&register_path), msg)
                .hint(tr!("ids must be usable as folder names", "id måste kunna användas som mappnamn"));
            return Err(Stop::Problems(crate::problem::Problems(vec![problem])));
        }
        Err(e @ site::SiteError::Page(_)) => return Err(Stop::usage(e.to_string(), "")),
    };
    let mut did_document = None;
    if let Some(k) = &public {
        use ed25519_dalek::pkcs8::EncodePublicKey;
        use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
        let pem = k.to_public_key_pem(LineEnding::LF).map_err(|e| Stop::usage(e.to_string(), ""))?;
        files.insert("issuer.pub".into(), pem.into_bytes());
        // The key where verifiers look for it: the DID document that the
        // credentials' `kid` resolves to, and a JWKS.
        let did = project.as_ref().and_then(Project::issuer_did);
        if let Some(did) = &did
            && let Some(path) = crate::credential::did::document_path(did)
        {
            files.insert(path.into(), crate::output::json_bytes(&crate::credential::did::document(did, k)));
            let web = crate::credential::did::web_address(did).map(|w| format!("{}/{path}", w.trim_end_matches('/')));
            did_document = web.map(|w| (path.to_owned(), w));
        }
        files.insert(
            ".well-known/jwks.json".into(),
            crate::output::json_bytes(&crate::credential::did::jwks(did.as_deref(), k)),
        );
    }
    if let Some(token) = &status {
        files.insert(crate::credential::status::PATH.into(), format!("{token}\n").into_bytes());
    }
    for (rel, bytes) in &files {
        let path = args.out.join(rel);
        let written = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| write_atomic(&path, bytes));
        if let Err(e) = written {
            return Err(Stop::usage(super::cannot_write(&path.display(), &e), super::writable_folder("--out")));
        }
    }
    let withdrawn = status.is_some().then(|| crate::credential::status::withdrawn(&register).count());
    Ok(Published {
        pages: register.entries.len(),
        register: register_path,
        out: args.out.clone(),
        url: issuer.url.clone(),
        withdrawn,
        no_status_list: status.is_none()
            && project.as_ref().is_some_and(|p| p.verification().url.is_some())
            && public.is_some(),
        names_hidden: !issuer.people && register.entries.iter().any(|e| e.kind != "mangfaldsdiplom"),
        did_document: public.as_ref().and(did_document),
    })
}

/// The signed status list of the register's documents, when a secret key
/// is at hand to sign it: the programme's `signing_key`, or `--key` naming
/// a secret key file. It must be the pair of the key published beside it.
fn status_list(
    project: &Project,
    base: &str,
    key_arg: Option<&Path>,
    public: Option<&ed25519_dalek::VerifyingKey>,
    register: &crate::register::Register,
    on: chrono::NaiveDate,
) -> Result<Option<String>, Stop> {
    let secret = match project.verification().key {
        Some(file) => keys::read_secret(&file).map_err(|e| {
            Stop::usage(
                e.to_string(),
                tr!(
                    "signing_key names the secret key `intyg keygen` wrote",
                    "signing_key anger den hemliga nyckel som `intyg keygen` skrev"
                ),
            )
        })?,
        // `--key` may name the secret key (its public half is published).
        None => match key_arg.and_then(|k| keys::read_secret(k).ok()) {
            Some(k) => k,
            None => return Ok(None),
        },
    };
    if let Some(public) = public
        && *public != secret.verifying_key()
    {
        let (given, signing) = (keys::thumbprint(public), keys::thumbprint(&secret.verifying_key()));
        return Err(Stop::usage(
            tr!(
                "--key is another key ({given}) than the one the documents are signed with ({signing})",
                "--key är en annan nyckel ({given}) än den dokumenten signeras med ({signing})"
            ),
            tr!(
                "give the .pub file made together with signing_key",
                "ange den .pub-fil som skapades tillsammans med signing_key"
            ),
        ));
    }
    let issuer_id = crate::plan::verify::issuer_id(project);
    let payload = crate::credential::status::credential(base, &issuer_id, &project.common.issuer.name, register, on);
    Ok(Some(keys::sign(&secret, &payload)))
}

/// The achievements of the register's documents, each with its page, for
/// the credentials' achievement ids under the site (`verify_url`).
fn achievements(project: &Project, register: &crate::register::Register) -> Vec<site::Achievement> {
    if project.verification().url.is_none() {
        return Vec::new();
    }
    let lang = project.common.language;
    let mut seen = std::collections::BTreeSet::new();
    register
        .entries
        .iter()
        .filter_map(|e| Some((e.scheme_code.clone(), crate::plan::DocKind::from_name(&e.kind)?)))
        .filter(|(code, kind)| seen.insert((code.clone(), kind.name())))
        .map(|(code, kind)| {
            let (name, description, criteria) = crate::plan::verify::achievement(project, kind, lang);
            site::Achievement { path: crate::plan::verify::achievement_path(&code, kind), name, description, criteria }
        })
        .collect()
}

/// The issuer's logo as the site shows it: `logo.svg` (or .png, .jpg)
/// beside the pages. One that cannot be read is left out: `issue` has
/// checked it already.
fn site_logo(project: &Project) -> Option<(String, Vec<u8>)> {
    let logo = project.common.issuer.logo.as_ref()?;
    let ext = logo.extension()?.to_str()?.to_lowercase();
    let bytes = std::fs::read(project.dir.join(logo)).ok()?;
    Some((format!("logo.{ext}"), bytes))
}

/// The register to publish and the programme it belongs to: a folder is a
/// programme folder; a register file's programme is in its folder or the
/// one above (the default register lives in out/).
fn locate(arg: &Path) -> Result<(PathBuf, Option<Project>), crate::problem::Problems> {
    if arg.is_dir() {
        let project = Project::load(arg)?;
        let path = project.register_path(&arg.join("out"));
        return Ok((path, Some(project)));
    }
    match folder_of(arg) {
        Some(dir) => Ok((arg.to_path_buf(), Some(Project::load(&dir)?))),
        None => Ok((arg.to_path_buf(), None)),
    }
}

/// The programme folder of a register or folder named on the command
/// line: the folder itself, or the register's folder or the one above it
/// when it holds an intyg.toml.
pub fn folder_of(arg: &Path) -> Option<PathBuf> {
    if arg.is_dir() {
        return Some(arg.to_path_buf());
    }
    let dirs = arg.parent().into_iter().flat_map(|p| [Some(p.to_path_buf()), p.parent().map(Path::to_path_buf)]);
    dirs.flatten()
        .map(|dir| if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir })
        .find(|dir| dir.join(FILE_NAME).is_file())
}
