//! The static verification site: one small page per document id, an index
//! page and `index.json`, in Swedish and English, as plain files any web
//! server can host. Pages are made with minijinja, which escapes every
//! value for HTML, so a holder's name is never markup.
//!
//! Holders who are people are named only when the programme allows it
//! (`publish_names = true`); organisations are public. Contact details and
//! holder ids never leave the register.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use minijinja::{Environment, context};
use serde::Serialize;

use crate::locale::{self, Lang};
use crate::plan::DocKind;
use crate::register::{Entry, Register, Status};

const STYLE: &str = include_str!("style.css");

const DOCUMENT_PAGE: &str = include_str!("document.html");

const INDEX_PAGE: &str = include_str!("index.html");

/// What the site says about its issuer.
#[derive(Debug, Clone, Default)]
pub struct Issuer {
    /// The issuer's name, if known.
    pub name: String,
    /// The site's own address (`verify_url`), if known.
    pub url: Option<String>,
    /// Whether people's names are shown.
    pub people: bool,
    /// Whether organisations' names are shown.
    pub organisations: bool,
    /// Thumbprint of the published public key.
    pub key: Option<String>,
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

/// Makes the site for `register` as of `on`. An id that cannot be a folder
/// name is an error naming it.
pub fn build(register: &Register, issuer: &Issuer, on: NaiveDate) -> Result<Files, String> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("document", DOCUMENT_PAGE).map_err(|e| e.to_string())?;
    env.add_template("index", INDEX_PAGE).map_err(|e| e.to_string())?;
    let mut files = Files::new();
    let docs: Vec<Published> = register.entries.iter().map(|e| Published::new(e, on, issuer)).collect();
    for d in &docs {
        crate::output::safe_file_name(&d.id)
            .map_err(|msg| format!("the id {} cannot be a page of the site: {msg}", d.id))?;
        let page = env
            .get_template("document")
            .and_then(|t| {
                t.render(context! {
                    d => d,
                    superseded_href => crate::credential::url_segment(&d.superseded_by),
                    issuer => issuer.name,
                    key => issuer.key,
                    style => STYLE,
                    sv => texts(d, on, Lang::Sv),
                    en => texts(d, on, Lang::En),
                })
            })
            .map_err(|e| e.to_string())?;
        files.insert(format!("{}/index.html", d.id), page.into_bytes());
    }
    let index = env
        .get_template("index")
        .and_then(|t| {
            t.render(context! {
                issuer => issuer.name,
                key => issuer.key,
                count => docs.len(),
                on_sv => locale::date(on, Lang::Sv),
                on_en => locale::date(on, Lang::En),
                style => STYLE,
            })
        })
        .map_err(|e| e.to_string())?;
    files.insert("index.html".into(), index.into_bytes());
    let json = serde_json::json!({
        "issuer": issuer.name,
        "url": issuer.url,
        "key_thumbprint": issuer.key,
        "status_on": on,
        "documents": docs,
    });
    let mut bytes = serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    files.insert("index.json".into(), bytes);
    Ok(files)
}

/// The words of one page in one language.
#[derive(Serialize)]
struct Texts {
    kind: &'static str,
    status: &'static str,
    status_class: &'static str,
    awarded: String,
    valid_until: Option<String>,
    on: String,
}

fn texts(d: &Published, on: NaiveDate, lang: Lang) -> Texts {
    let sv = lang == Lang::Sv;
    let kind = match DocKind::from_name(&d.kind) {
        Some(k) => k.title(lang),
        None if sv => "Dokument",
        None => "Document",
    };
    let (status, status_class) = match (d.status, sv) {
        (Status::Valid, true) => ("Giltigt", "valid"),
        (Status::Valid, false) => ("Valid", "valid"),
        (Status::Revoked, true) => ("Återkallat av utfärdaren", "invalid"),
        (Status::Revoked, false) => ("Revoked by the issuer", "invalid"),
        (Status::Superseded, true) => ("Ersatt av ett nyare", "invalid"),
        (Status::Superseded, false) => ("Replaced by a newer one", "invalid"),
        (Status::Expired, true) => ("Giltighetstiden har gått ut", "invalid"),
        (Status::Expired, false) => ("Expired", "invalid"),
    };
    Texts {
        kind,
        status,
        status_class,
        awarded: locale::date(d.awarded, lang),
        valid_until: d.valid_until.map(|u| locale::date(u, lang)),
        on: locale::date(on, lang),
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
        assert!(org.contains("lang=\"sv\"") && org.contains("lang=\"en\""));
    }

    #[test]
    fn ids_that_are_not_names_are_refused() {
        let register = Register { entries: vec![entry("../x", "kursintyg", "A")] };
        let on = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert!(build(&register, &Issuer::default(), on).unwrap_err().contains("../x"));
    }
}
