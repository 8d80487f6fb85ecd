//! What a document carries so that anyone can check it: the verification
//! link and QR code its template prints, and the claims of its credential.

use serde_json::{Value, json};

use super::DocKind;
use crate::credential::{self, Claims};
use crate::locale::Lang;
use crate::project::Project;
use crate::project::text::slug;
use crate::register::Entry;

/// The `verify` field of a document's data: the link, the link without
/// `https://` (to print), and the QR code as the bytes of a PNG image (an
/// array of numbers in JSON: typst turns it into bytes); `null` without a
/// `verify_url`.
pub fn verify_value(project: &Project, id: &str) -> Result<Value, String> {
    let Some(base) = project.verification().url else { return Ok(Value::Null) };
    let url = credential::verify_link(&base, id);
    let short = url.trim_start_matches("https://").trim_start_matches("http://").to_owned();
    Ok(json!({ "url": url, "short": short, "qr": credential::qr_png(&url)? }))
}

/// The claims of the credential of a document of `kind` for `entry`, in `lang`.
pub fn claims(project: &Project, lang: Lang, kind: DocKind, entry: &Entry, title: &str) -> Claims {
    let c = &project.config;
    let sv = lang == Lang::Sv;
    let base = project.verification().url;
    let issuer_id = base.clone().unwrap_or_else(|| format!("urn:intyg:issuer:{}", slug(&c.issuer.name)));
    let (about, description) = match &c.scheme {
        Some(s) => (&s.name, &s.description),
        None => (&c.programme.name, &c.programme.description),
    };
    let kind_title = kind.title(lang);
    Claims {
        id: credential::credential_uri(base.as_deref(), &entry.id),
        name: title.to_owned(),
        issuer_id,
        issuer_name: c.issuer.name.clone(),
        achievement_id: format!("urn:intyg:achievement:{}:{}", credential_segment(&entry.scheme_code), kind.name()),
        achievement_name: format!("{kind_title} – {about}"),
        description: if description.trim().is_empty() { about.clone() } else { description.clone() },
        criteria: criteria(project, kind, sv),
        holder: entry.holder.clone(),
        valid_from: entry.awarded,
        valid_until: entry.valid_until,
    }
}

fn credential_segment(code: &str) -> String {
    if code.is_empty() { "-".into() } else { slug(code) }
}

/// What a holder had to do, in a sentence or two.
fn criteria(project: &Project, kind: DocKind, sv: bool) -> String {
    let c = &project.config;
    let n = c.sessions.len();
    let min = project.min_sessions();
    match kind {
        DocKind::Kursintyg if min == n && sv => format!("Deltagit i samtliga {n} utbildningstillfällen."),
        DocKind::Kursintyg if min == n => format!("Attended all {n} sessions."),
        DocKind::Kursintyg if sv => format!("Deltagit i minst {min} av {n} utbildningstillfällen."),
        DocKind::Kursintyg => format!("Attended at least {min} of {n} sessions."),
        DocKind::Deltagarintyg if sv => {
            format!("Deltagit i en del av de {n} utbildningstillfällena; intyget anger vilka.")
        }
        DocKind::Deltagarintyg => format!("Attended some of the {n} sessions; the certificate lists which."),
        DocKind::Mangfaldsdiplom => {
            let min = c.scheme.as_ref().map_or(1, |s| s.min_criteria);
            let all: Vec<String> = c.criteria.iter().map(|cr| format!("{}. {}", cr.code, cr.description)).collect();
            if sv {
                format!("Uppfyller minst {min} av {} kriterier: {}", all.len(), all.join(" "))
            } else {
                format!("Meets at least {min} of {} criteria: {}", all.len(), all.join(" "))
            }
        }
    }
}
