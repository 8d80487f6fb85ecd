//! The static verification site: one small page per document id, a search
//! page, a `404.html` for ids that are not there, and `index.json`, as
//! plain files any web server can host. Pages speak the folder's language,
//! with the other language one link away. They are made with minijinja,
//! which escapes every value for HTML, so a holder's name is never markup.
//!
//! Holders who are people are named only when the programme allows it
//! (`publish_names = true`); organisations are public. Contact details and
//! holder ids never leave the register.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::{Environment, context};
use serde::Serialize;

use crate::locale::words::fill;
use crate::locale::{self, Lang};
use crate::plan::DocKind;
use crate::register::{Entry, Register, Status};

const STYLE: &str = include_str!("style.css");

/// The start page's "Check a PDF": checks a dropped PDF in the visitor's
/// browser (its signature, status list bit and checksum).
const CHECK_JS: &str = include_str!("check.js");

const TEMPLATES: [(&str, &str); 6] = [
    ("achievement", include_str!("achievement.html")),
    ("sentence", include_str!("sentence.html")),
    ("layout", include_str!("layout.html")),
    ("document", include_str!("document.html")),
    ("index", include_str!("index.html")),
    ("lookup", include_str!("lookup.html")),
];

/// The site's words, `[sv]` and `[en]`.
const WORDS: &str = include_str!("words.toml");

/// What the site says about its issuer.
#[derive(Debug, Clone)]
pub struct Issuer {
    /// The issuer's name, if known.
    pub name: String,
    /// The site's own address (`verify_url`), if known.
    pub url: Option<String>,
    /// Whether people's names are shown.
    pub people: bool,
    /// Whether organisations' names are shown.
    pub organisations: bool,
    /// Thumbprint of the published public key: the documents are signed
    /// with its secret half.
    pub key: Option<String>,
    /// The published public key as a JWK's `x` (base64url), for checking
    /// signatures in the browser.
    pub key_x: Option<String>,
    /// Where the signed status list is in the site, when there is one.
    pub status_list: Option<String>,
    /// The site's language (the folder's); the other one is a link away.
    pub lang: Lang,
    /// The issuer's logo: its file name in the site (`logo.svg`) and bytes.
    pub logo: Option<(String, Vec<u8>)>,
    /// The achievements credentials point at: each one's path in the site
    /// (`achievements/MRS19/kursintyg`) and what it is.
    pub achievements: Vec<Achievement>,
}

/// What a kind of document certifies, for its page in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Achievement {
    /// Its folder in the site: `achievements/MRS19/kursintyg`.
    pub path: String,
    /// "Kursintyg – Utbildning för MR-strateger 2019".
    pub name: String,
    /// A sentence about it.
    pub description: String,
    /// What a holder had to do.
    pub criteria: String,
}

impl Default for Issuer {
    fn default() -> Self {
        Issuer {
            name: String::new(),
            url: None,
            people: false,
            organisations: true,
            key: None,
            key_x: None,
            status_list: None,
            lang: Lang::SV,
            logo: None,
            achievements: Vec::new(),
        }
    }
}

/// One document as the site shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Published {
    /// Its id.
    pub id: String,
    /// kursintyg, deltagarintyg or mangfaldsdiplom.
    pub kind: String,
    /// Code of the programme or scheme.
    pub scheme_code: String,
    /// Name of the programme or scheme.
    pub scheme: String,
    /// The holder, where the site may name them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Awarded on.
    pub awarded: NaiveDate,
    /// Valid until.
    pub valid_until: Option<NaiveDate>,
    /// Status on the day the site was made.
    pub status: Status,
    /// The id of the replacing document.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub superseded_by: String,
    /// SHA-256 of the PDF as issued.
    pub sha256: String,
}

impl Published {
    fn new(e: &Entry, on: NaiveDate, issuer: &Issuer) -> Published {
        // Organisations are public; people only where the issuer says so.
        let public = if e.kind == "mangfaldsdiplom" { issuer.organisations } else { issuer.people };
        Published {
            id: e.id.clone(),
            kind: e.kind.clone(),
            scheme_code: e.scheme_code.clone(),
            scheme: e.scheme.clone(),
            holder: public.then(|| e.holder.clone()),
            awarded: e.awarded,
            valid_until: e.valid_until,
            status: e.status_on(on),
            superseded_by: e.superseded_by.clone(),
            sha256: e.sha256.clone(),
        }
    }
}

/// The files of a site: path relative to its folder, and contents.
pub type Files = BTreeMap<String, Vec<u8>>;

/// The languages of a site whose issuer writes `lang`, each with the name
/// of its page: the issuer's own at `index.html`, and Swedish, the
/// country's language, and English, for anyone abroad, beside it at
/// `sv.html` and `en.html` where they are not the issuer's.
fn languages(lang: Lang) -> Vec<(Lang, String)> {
    let mut out = vec![(lang, "index.html".to_owned())];
    out.extend([Lang::SV, Lang::EN].into_iter().filter(|l| *l != lang).map(|l| (l, format!("{}.html", l.code()))));
    out
}

/// A link to the page of another language, as the layout prints it.
#[derive(Debug, Serialize)]
struct Other {
    href: String,
    code: &'static str,
    /// Its label in its own language: "In English", "Suomeksi".
    label: String,
}

/// Links to every page of `pages` but the one of `lang`.
fn others(pages: &[(Lang, String)], lang: Lang) -> Vec<Other> {
    pages
        .iter()
        .filter(|(l, _)| *l != lang)
        .map(|(l, page)| Other { href: page.clone(), code: l.code(), label: words(*l)["this_lang"].clone() })
        .collect()
}

/// The site's words in `lang`, read from [`WORDS`] once: a site of ten
/// thousand documents asks for them four times a document.
fn words(lang: Lang) -> &'static BTreeMap<String, String> {
    type Table = BTreeMap<String, BTreeMap<String, String>>;
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    // The table is intyg's own, checked by the tests below: a fault in it
    // is a fault of the build, not of anyone's data.
    let table = TABLE.get_or_init(|| toml::from_str(WORDS).expect("site/words.toml is a table of tables of strings"));
    &table[lang.code()]
}

/// Why a site cannot be made.
#[derive(Debug)]
pub enum SiteError {
    /// An id that cannot be a folder name, and why.
    Id(String),
    /// A page of intyg's own that did not render (a bug in intyg).
    Page(String),
}

impl std::fmt::Display for SiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SiteError::Id(msg) | SiteError::Page(msg) => f.write_str(msg),
        }
    }
}

impl From<minijinja::Error> for SiteError {
    fn from(e: minijinja::Error) -> Self {
        SiteError::Page(format!("{e:#}"))
    }
}

/// Makes the site for `register` as of `on`. An id that cannot be a folder
/// name is an error naming it.
pub fn build(register: &Register, issuer: &Issuer, on: NaiveDate) -> Result<Files, SiteError> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    for (name, source) in TEMPLATES {
        env.add_template(name, source)?;
    }
    let render = |name: &str, ctx: minijinja::Value| env.get_template(name).and_then(|t| t.render(ctx));
    let mut files = Files::new();
    let docs: Vec<Published> = register.entries.iter().map(|e| Published::new(e, on, issuer)).collect();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let logo_file = issuer.logo.as_ref().map(|(name, _)| name.clone());
    let pages = languages(issuer.lang);
    // Each page's links to the others, made once for every document.
    let links: Vec<Vec<Other>> = pages.iter().map(|(lang, _)| others(&pages, *lang)).collect();
    for d in &docs {
        crate::output::safe_file_name(&d.id).map_err(|msg| {
            let id = &d.id;
            SiteError::Id(tr!(
                "the id {id} cannot be a page of the site: {msg}",
                "id {id} kan inte bli en sida på webbplatsen: {msg}"
            ))
        })?;
        for ((lang, page), links) in pages.iter().zip(&links) {
            let lang = *lang;
            let html = render(
                "document",
                context! {
                    lang => lang.code(),
                    w => words(lang),
                    t => texts(d, issuer, on, lang),
                    d => d,
                    superseded_href => crate::credential::url_segment(&d.superseded_by),
                    issuer => issuer.name,
                    logo => logo_file.as_ref().map(|f| format!("../{f}")),
                    key => issuer.key,
                    others => links,
                    style => STYLE,
                },
            )?;
            files.insert(format!("{}/{page}", d.id), html.into_bytes());
        }
    }
    let example = ids.first().copied().unwrap_or("MRS19-0001");
    let search = |lang: Lang, not_found: bool| {
        let w = words(lang);
        let count = locale::number(docs.len() as f64, 0, lang);
        let logo = if not_found {
            // Served at any depth: the logo travels inside the page.
            issuer.logo.as_ref().map(|(name, bytes)| data_uri(name, bytes))
        } else {
            logo_file.clone()
        };
        render(
            "index",
            context! {
                lang => lang.code(),
                id_hint => w["id_hint"].replace("{example}", &example.to_lowercase()),
                count_text => w["count"].replace("{count}", &count),
                checked => parts(&w["checked"].replace("{date}", &unbroken(DATE, &locale::date(on, lang)))),
                w => w,
                issuer => issuer.name,
                logo => logo,
                key => issuer.key,
                ids => ids,
                not_found => not_found,
                check_key => issuer.key_x,
                status_path => issuer.status_list,
                check_words => check_words(w, &issuer.name, issuer.key.is_some()),
                start_href => issuer.url.as_ref().map_or_else(|| "/".to_owned(), |u| format!("{u}/")),
                // The page for a missing address links to no other page.
                others => if not_found { Vec::new() } else { others(&pages, lang) },
                style => STYLE,
            },
        )
        .map(String::into_bytes)
    };
    for (lang, page) in &pages {
        files.insert(page.clone(), search(*lang, false)?);
    }
    files.insert("404.html".into(), search(issuer.lang, true)?);
    for a in &issuer.achievements {
        // Two levels down: achievements/CODE/kind/index.html.
        let html = render(
            "achievement",
            context! {
                lang => issuer.lang.code(),
                w => words(issuer.lang),
                a => a,
                issuer => issuer.name,
                logo => logo_file.as_ref().map(|f| format!("../../../{f}")),
                style => STYLE,
            },
        )?;
        files.insert(format!("{}/index.html", a.path), html.into_bytes());
    }
    if let Some((name, bytes)) = &issuer.logo {
        files.insert(name.clone(), bytes.clone());
    }
    files.insert("check.js".into(), CHECK_JS.as_bytes().to_vec());
    let json = serde_json::json!({
        "issuer": issuer.name,
        "url": issuer.url,
        "key_thumbprint": issuer.key,
        "status_on": on,
        "documents": docs,
    });
    files.insert("index.json".into(), crate::output::json_bytes(&json));
    Ok(files)
}

/// The words the start page's PDF check says, without their `check_`,
/// the issuer named in them; on a site without a key, none about
/// signatures.
fn check_words(w: &BTreeMap<String, String>, issuer: &str, signed: bool) -> BTreeMap<String, String> {
    let issuer = if issuer.trim().is_empty() { &w["check_issuer"] } else { issuer };
    w.iter()
        .filter(|(k, _)| signed || k.as_str() != "check_forged")
        .filter_map(|(k, v)| Some((k.strip_prefix("check_")?.to_owned(), v.replace("{issuer}", issuer))))
        .collect()
}

/// An image as a `data:` address, for a page that cannot know where the
/// site's files are.
fn data_uri(name: &str, bytes: &[u8]) -> String {
    use base64::Engine;
    let mime = if name.ends_with(".svg") {
        "image/svg+xml"
    } else if name.ends_with(".png") {
        "image/png"
    } else {
        "image/jpeg"
    };
    format!("data:{mime};base64,{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// A piece of a sentence: plain text, or an id or date that must not
/// break across lines (a phone's narrow screen broke `MDP-` from
/// `2024-001`).
#[derive(Serialize)]
struct Part {
    text: String,
    /// `id` or `date`, the class that keeps it on one line; none for text.
    class: Option<&'static str>,
}

/// Marks in a sentence around an id or a date, until [`parts`] splits it.
const ID: char = '\u{E000}';
const DATE: char = '\u{E001}';
const END: char = '\u{E002}';

/// `text` marked as one unbreakable `kind` ([`ID`] or [`DATE`]).
fn unbroken(kind: char, text: &str) -> String {
    format!("{kind}{text}{END}")
}

/// A sentence with marked ids and dates, as its parts.
fn parts(sentence: &str) -> Vec<Part> {
    let mut out = Vec::new();
    let mut rest = sentence;
    while let Some(start) = rest.find([ID, DATE]) {
        if start > 0 {
            out.push(Part { text: rest[..start].to_owned(), class: None });
        }
        let kind = rest[start..].chars().next().unwrap_or(ID);
        let after = &rest[start + kind.len_utf8()..];
        let end = after.find(END).unwrap_or(after.len());
        out.push(Part { text: after[..end].to_owned(), class: Some(if kind == ID { "id" } else { "date" }) });
        rest = after.get(end + END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Part { text: rest.to_owned(), class: None });
    }
    out
}

/// The sentences of one document's page in one language.
#[derive(Serialize)]
struct Texts {
    /// "Kursintyg".
    kind: &'static str,
    /// "Giltigt" or "Inte giltigt".
    verdict: String,
    /// A mark beside the verdict, for the eye (screen readers skip it).
    mark: &'static str,
    status_class: &'static str,
    /// "Kursintyget MRC27-0001 är giltigt."
    lead: Vec<Part>,
    /// "Det utfärdades av Umeå kommun den 21 april 2027 för utbildningen …"
    issued_sentence: Vec<Part>,
    awarded: String,
    valid_until: Option<String>,
    /// "Kontrollerat mot registret 30 november 2026."
    checked: Vec<Part>,
    /// What the signature is and how to check it.
    signed_text: String,
}

fn texts(d: &Published, issuer: &Issuer, on: NaiveDate, lang: Lang) -> Texts {
    let w = words(lang);
    let say = |key: &str, values: &[(&str, &str)]| fill(&w[key], values);
    let kind = DocKind::from_name(&d.kind);
    let title = match kind {
        Some(k) => k.title(lang),
        None => w["document"].as_str(),
    };
    // The document as a sentence about it starts: "Kursintyget".
    let the = &match kind {
        Some(k) => k.the(lang).to_owned(),
        None => w["the_document"].clone(),
    };
    let id = &unbroken(ID, &d.id);
    let day = |date: NaiveDate| locale::date(date, lang);
    let until = &unbroken(DATE, &d.valid_until.map(day).unwrap_or_default());
    let replaced = &unbroken(ID, &d.superseded_by);
    let lead_key = match d.status {
        Status::Valid => "lead_valid",
        Status::Revoked => "lead_revoked",
        Status::Superseded if !d.superseded_by.is_empty() => "lead_replaced_by",
        Status::Superseded => "lead_replaced",
        Status::Expired => "lead_expired",
    };
    let lead = say(lead_key, &[("the", the), ("id", id), ("replaced", replaced), ("until", until)]);
    let (scheme, awarded) = (&d.scheme, unbroken(DATE, &day(d.awarded)));
    let to = d.holder.as_ref().map_or(String::new(), |h| say("issued_to_holder", &[("holder", h)]));
    let by = if issuer.name.is_empty() { String::new() } else { say("issued_by_issuer", &[("issuer", &issuer.name)]) };
    let about = match kind {
        Some(k) => k.about(lang, scheme),
        None => say("about_scheme", &[("scheme", scheme)]),
    };
    let issued_sentence = say("issued_sentence", &[("to", &to), ("by", &by), ("awarded", &awarded), ("about", &about)]);
    let valid = d.status == Status::Valid;
    Texts {
        kind: title,
        verdict: w[if valid { "valid" } else { "invalid" }].clone(),
        mark: if valid { "✓" } else { "✗" },
        status_class: if valid { "valid" } else { "invalid" },
        lead: parts(&lead),
        issued_sentence: parts(&issued_sentence),
        awarded: day(d.awarded),
        valid_until: d.valid_until.map(day),
        checked: parts(&w["checked"].replace("{date}", &unbroken(DATE, &day(on)))),
        signed_text: say("signed_text", &[("command", &format!("intyg verify {}.pdf --key issuer.pub", w["a_file"]))]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, kind: &str, holder: &str) -> Entry {
        Entry {
            id: id.into(),
            kind: kind.into(),
            scheme_code: "X".into(),
            scheme: "Programmet".into(),
            holder: holder.into(),
            holder_id: "anna@example.se".into(),
            awarded: NaiveDate::from_ymd_opt(2019, 12, 12).unwrap(),
            valid_until: None,
            status: Status::Valid,
            superseded_by: String::new(),
            sha256: "ab".repeat(32),
            contact: "Kontakt Person".into(),
            email: "kontakt@example.se".into(),
            file: "x.pdf".into(),
            status_index: 0,
        }
    }

    #[test]
    fn people_stay_anonymous_and_markup_is_escaped() {
        let register = Register {
            entries: vec![
                entry("X-1", "kursintyg", "Anna Lindqvist"),
                entry("X-2", "mangfaldsdiplom", "<b>AB</b> & Co"),
            ],
        };
        let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let issuer = Issuer { name: "Kommunen".into(), organisations: true, ..Issuer::default() };
        let files = build(&register, &issuer, on).unwrap();
        let all: String = files.values().map(|b| String::from_utf8_lossy(b).into_owned()).collect();
        assert!(!all.contains("Anna Lindqvist"));
        assert!(!all.contains("example.se"));
        let org = String::from_utf8_lossy(&files["X-2/index.html"]).into_owned();
        assert!(org.contains("&lt;b&gt;AB&lt;&#x2f;b&gt; &amp; Co"), "{org}");
        assert!(org.contains("<html lang=\"sv\">") && org.contains("<a href=\"en.html\" lang=\"en\""), "{org}");
        let english = String::from_utf8_lossy(&files["X-2/en.html"]).into_owned();
        assert!(english.contains("<html lang=\"en\">") && english.contains(">På svenska</a>"), "{english}");
    }

    #[test]
    fn the_words_of_both_languages_have_the_same_keys() {
        let sv = words(Lang::SV);
        assert!(sv.len() > 20);
        for lang in Lang::all() {
            assert_eq!(sv.keys().collect::<Vec<_>>(), words(*lang).keys().collect::<Vec<_>>(), "[{lang}]");
        }
    }

    #[test]
    fn sentences_keep_ids_and_dates_on_one_line() {
        let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut e = entry("X-1", "mangfaldsdiplom", "AB");
        e.status = Status::Superseded;
        e.superseded_by = "X-9".into();
        let issuer = Issuer { name: "Piteå kommun".into(), ..Issuer::default() };
        let t = texts(&Published::new(&e, on, &issuer), &issuer, on, Lang::SV);
        let lead: Vec<(&str, Option<&str>)> = t.lead.iter().map(|p| (p.text.as_str(), p.class)).collect();
        assert_eq!(
            lead,
            [
                ("Mångfaldsdiplomet ", None),
                ("X-1", Some("id")),
                (" gäller inte längre: det har ersatts av ", None),
                ("X-9", Some("id")),
                (".", None)
            ]
        );
        let issued: String = t.issued_sentence.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(issued, "Det utfärdades till AB av Piteå kommun den 12 december 2019 inom Programmet.");
    }

    #[test]
    fn ids_that_are_not_names_are_refused() {
        let register = Register { entries: vec![entry("../x", "kursintyg", "A")] };
        let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert!(build(&register, &Issuer::default(), on).unwrap_err().to_string().contains("../x"));
    }
}
