//! What a document carries so that anyone can check it: the verification
//! link and QR code its template prints, and the claims of its credential.

use serde_json::Value;

use super::DocKind;
use crate::credential::{self, Claims};
use crate::locale::{Lang, few};
use crate::project::text::slug;
use crate::project::{Folder, Project};
use crate::register::Entry;

/// The `verify` field of a document's data: the link, the link without
/// `https://` (to print), and the QR code as the bytes of a PNG image (an
/// array of numbers in JSON: typst turns it into bytes); `null` without a
/// `verify_url`. The PNG is made only when `png` (a template reads it).
pub fn verify_value(project: &Project, id: &str, png: bool) -> Result<Value, String> {
    let Some(base) = project.verification().url else { return Ok(Value::Null) };
    let url = credential::verify_link(&base, id);
    let short = url.trim_start_matches("https://").trim_start_matches("http://").to_owned();
    let qr = if png { Some(credential::qr_png(&url)?) } else { None };
    let qr_svg = credential::qr_svg(&url)?;
    Ok(super::data::value(&super::data::Verify { url, short, qr, qr_svg }))
}

/// The claims of the credential of a document of `kind` for `entry`, in `lang`.
pub fn claims(
    project: &Project,
    lang: Lang,
    kind: DocKind,
    entry: &Entry,
    title: &str,
    attended: Option<&[bool]>,
    subject: Option<credential::Subject>,
) -> Claims {
    let issuer = &project.common.issuer.name;
    let base = project.verification().url;
    let issuer_id = issuer_id(project);
    let (achievement_name, description) = name_and_description(project, kind, lang);
    Claims {
        id: credential::credential_uri(base.as_deref(), &entry.id),
        name: title.to_owned(),
        issuer_id,
        issuer_name: issuer.clone(),
        achievement_id: achievement_id(base.as_deref(), &entry.scheme_code, kind),
        status: base.as_deref().map(|b| credential::status::entry(b, entry.status_index)),
        achievement_name,
        description,
        criteria: criteria(&project.folder, kind, lang, attended),
        holder: entry.holder.clone(),
        subject,
        valid_from: entry.awarded,
        valid_until: entry.valid_until,
    }
}

/// The issuer's identity in credentials: `[issuer] id`, else the did:web
/// DID of the site its verification links point at, else a name of its own.
pub fn issuer_id(project: &Project) -> String {
    project.issuer_did().unwrap_or_else(|| format!("urn:intyg:issuer:{}", slug(&project.common.issuer.name)))
}

/// Where an achievement's page is in the published site:
/// `achievements/MRS19/kursintyg`.
pub fn achievement_path(code: &str, kind: DocKind) -> String {
    format!("achievements/{}/{}", credential_segment(code), kind.name())
}

/// An achievement's id: its page under the issuer's site when there is
/// one (`https://…/achievements/MRS19/kursintyg`), else a URN.
pub fn achievement_id(base: Option<&str>, code: &str, kind: DocKind) -> String {
    match base {
        Some(base) => format!("{}/{}", base.trim_end_matches('/'), achievement_path(code, kind)),
        None => format!("urn:intyg:achievement:{}:{}", credential_segment(code), kind.name()),
    }
}

/// What an achievement is, for its page: its name, description and
/// criteria (a participation certificate's in general; each credential
/// names the sessions its holder attended).
pub fn achievement(project: &Project, kind: DocKind, lang: Lang) -> (String, String, String) {
    let (name, description) = name_and_description(project, kind, lang);
    (name, description, criteria(&project.folder, kind, lang, None))
}

/// An achievement's name ("Kursintyg – Utbildning för MR-strateger 2019")
/// and description (the folder's, else its name).
fn name_and_description(project: &Project, kind: DocKind, lang: Lang) -> (String, String) {
    let (about, description) = (project.folder.name(), project.folder.description());
    let name = format!("{} – {about}", kind.title(lang));
    let description = if description.trim().is_empty() { about.to_owned() } else { description.to_owned() };
    (name, description)
}

fn credential_segment(code: &str) -> String {
    if code.is_empty() { "-".into() } else { slug(code) }
}

/// What a holder of a document of `kind` from `folder` had to do, in a
/// sentence or two; for a participation certificate, the sessions the
/// holder `attended`, as the certificate lists them.
fn criteria(folder: &Folder, kind: DocKind, lang: Lang, attended: Option<&[bool]>) -> String {
    use crate::locale::words::phrase;
    match folder {
        // A conference is attended on its day; an e-learning course is
        // completed, at its pass mark when it has one.
        Folder::Course(c) if kind == DocKind::Konferensintyg => {
            let day = c.sessions.first().map(|s| crate::locale::date(s.date, lang)).unwrap_or_default();
            crate::locale::words::phrase(lang, "criteria_conference", &[("date", &day)])
        }
        Folder::Course(c) if c.kind.by_completion() => match c.programme.pass_mark {
            Some(mark) => crate::locale::words::phrase(
                lang,
                "criteria_elearning_pass",
                &[("mark", &crate::locale::number(mark, 1, lang))],
            ),
            None => crate::locale::words::word(lang, "criteria_elearning").to_owned(),
        },
        Folder::Course(c) => {
            let (n, min) = (c.sessions.len(), c.min_sessions());
            let sessions = || -> String {
                let were = attended.unwrap_or(&[]);
                let list: Vec<String> = c
                    .sessions
                    .iter()
                    .zip(were)
                    .filter(|(_, was)| **was)
                    .map(|(s, _)| {
                        let day = crate::locale::date(s.date, lang);
                        if s.title.is_empty() { day } else { format!("{day} ({})", s.title) }
                    })
                    .collect();
                let k = few(list.len(), lang);
                phrase(lang, "criteria_course_attended", &[("k", &k), ("n", &few(n, lang)), ("list", &list.join("; "))])
            };
            // In words up to twelve, as running text writes them.
            let (n, min) = (few(n, lang), few(min, lang));
            match (kind == DocKind::Kursintyg, n == min) {
                (true, true) => phrase(lang, "criteria_course_all", &[("n", &n)]),
                (true, false) => phrase(lang, "criteria_course_at_least", &[("min", &min), ("n", &n)]),
                (false, _) if attended.is_none() => phrase(lang, "criteria_course_some", &[("n", &n)]),
                (false, _) => sessions(),
            }
        }
        Folder::Diploma(d) => {
            let min = d.scheme.min_criteria;
            let all: Vec<String> = d.criteria.iter().map(|cr| format!("{}. {}", cr.code, cr.description)).collect();
            let (min, n) = (min.to_string(), all.len().to_string());
            phrase(lang, "criteria_diploma", &[("min", &min), ("n", &n), ("list", &all.join(" "))])
        }
        Folder::Report(_) => String::new(),
    }
}
