//! Checking a document years after it was issued: is it intyg's, is its
//! signed credential intact and made with the issuer's key, does it belong
//! to this very PDF, and what does the register say about it today.
//!
//! Two things can vouch for a document: the issuer's signature (checked
//! with a public key the verifier trusts) and the register's SHA-256 of the
//! file as issued. The signature survives without the register; the
//! checksum also catches a PDF whose visible text was edited.

use chrono::NaiveDate;
use ed25519_dalek::VerifyingKey;
use serde::Serialize;
use serde_json::Value;

use crate::credential::{self, ATTACHMENT, keys};
use crate::register::{Register, Status, sha256_hex};

/// What a check concluded, from worst to best (the order is the derived one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Not a PDF intyg made.
    NotIntyg,
    /// Changed after issue: the signature or the checksum does not match.
    Tampered,
    /// The register has no document with this id.
    UnknownId,
    /// Withdrawn by the issuer.
    Revoked,
    /// Replaced by a newer document.
    Superseded,
    /// Past its valid-until date.
    Expired,
    /// Signed, and intact, but no trusted key or register confirmed the issuer.
    Unconfirmed,
    /// No credential to check, and no register to compare with.
    Unsigned,
    /// Intact, issued by the key or register given, in force.
    Valid,
}

impl Outcome {
    /// The word a person reads.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NotIntyg => "not an intyg document",
            Outcome::Tampered => "signature invalid (tampered)",
            Outcome::UnknownId => "unknown id",
            Outcome::Revoked => "revoked",
            Outcome::Superseded => "superseded",
            Outcome::Expired => "expired",
            Outcome::Unconfirmed => "signature intact, issuer not confirmed",
            Outcome::Unsigned => "unsigned",
            Outcome::Valid => "valid",
        }
    }
}

/// What to check against.
pub struct Trust<'a> {
    /// The issuer's public key.
    pub key: Option<&'a VerifyingKey>,
    /// The register.
    pub register: Option<&'a Register>,
    /// The day validity is checked on.
    pub on: NaiveDate,
}

/// The result of checking one file.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The conclusion.
    pub outcome: Outcome,
    /// Why, one sentence each.
    pub reasons: Vec<String>,
    /// The document's id.
    pub id: Option<String>,
    /// SHA-256 of the file.
    pub sha256: String,
    /// Whether it carries a signed credential.
    pub signed: bool,
    /// Thumbprint of the key that signed it, as its header says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    /// The credential's claims, as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<Value>,
}

impl Verdict {
    fn new(outcome: Outcome, sha256: String) -> Verdict {
        Verdict { outcome, reasons: Vec::new(), id: None, sha256, signed: false, signed_by: None, credential: None }
    }

    /// Keeps the worse outcome, and says why.
    fn fail(&mut self, outcome: Outcome, reason: String) {
        self.outcome = self.outcome.min(outcome);
        self.reasons.push(reason);
    }
}

/// Checks one PDF file's bytes.
pub fn check(bytes: &[u8], trust: &Trust) -> Verdict {
    let sha = sha256_hex(bytes);
    let mut report = Verdict::new(Outcome::Valid, sha.clone());
    let facts = match crate::pdf::read::read(bytes) {
        Ok(f) => f,
        Err(msg) => {
            report.fail(Outcome::NotIntyg, msg);
            return report;
        }
    };
    let token = facts.attachment(ATTACHMENT).map(|b| String::from_utf8_lossy(b).into_owned());
    if !facts.from_intyg() && token.is_none() {
        let by = if facts.creator.is_empty() { "an unknown program".to_owned() } else { facts.creator.clone() };
        report.fail(Outcome::NotIntyg, format!("the PDF was made by {by}, not by intyg"));
        return report;
    }
    report.id = facts.id().map(str::to_owned);
    let mut confirmed = false;
    let mut credential_until = None;
    if let Some(token) = token {
        report.signed = true;
        credential_until = check_credential(&token, &facts, trust, &mut report, &mut confirmed);
    }
    if report.outcome == Outcome::Tampered {
        return report;
    }
    match trust.register {
        Some(register) => check_register(register, trust.on, &sha, &mut report, &mut confirmed),
        None => {
            if let Some(until) = credential_until
                && until < trust.on
            {
                report.fail(Outcome::Expired, format!("it was valid until {until}"));
            }
        }
    }
    if report.outcome == Outcome::Valid && !confirmed {
        if report.signed {
            report.fail(
                Outcome::Unconfirmed,
                "the signature matches the key inside the document, but no key or register was given to confirm that \
                 the key is the issuer's: pass --key with the issuer's public key, or --register"
                    .into(),
            );
        } else {
            report.fail(
                Outcome::Unsigned,
                "the document carries no signed credential; pass --register to compare it with the issuer's register"
                    .into(),
            );
        }
    }
    report
}

/// Checks the signed credential: its signature, and that it belongs to this
/// PDF. Returns its valid-until day.
fn check_credential(
    token: &str,
    facts: &crate::pdf::read::Facts,
    trust: &Trust,
    report: &mut Verdict,
    confirmed: &mut bool,
) -> Option<NaiveDate> {
    let jws = match keys::Jws::parse(token) {
        Ok(j) => j,
        Err(msg) => {
            report.fail(Outcome::Tampered, format!("the attached credential cannot be read: {msg}"));
            return None;
        }
    };
    let inner = jws.header_key();
    report.signed_by = inner.as_ref().map(keys::thumbprint);
    report.credential = Some(jws.payload.clone());
    match trust.key.or(inner.as_ref()) {
        Some(key) if jws.verify(key) => *confirmed |= trust.key.is_some(),
        Some(key) => {
            let why = match (&inner, trust.key) {
                (Some(inner), Some(given)) if inner != given && jws.verify(inner) => format!(
                    "it was signed with another key ({}), not the issuer's ({})",
                    keys::thumbprint(inner),
                    keys::thumbprint(key)
                ),
                _ => "the credential was changed after it was signed: its signature does not match".to_owned(),
            };
            report.fail(Outcome::Tampered, why);
            return None;
        }
        None => {
            report.fail(Outcome::Tampered, "the credential's header names no key to check its signature with".into());
            return None;
        }
    }
    let claims = &jws.payload;
    if let Err(msg) = credential::check_shape(claims) {
        report.fail(Outcome::Tampered, msg);
        return None;
    }
    let claimed_id = claims["id"].as_str().and_then(credential::document_id);
    match (&claimed_id, facts.id()) {
        (Some(c), Some(m)) if c == m => {}
        (c, m) => report.fail(
            Outcome::Tampered,
            format!(
                "the credential is for document {}, but this PDF is {}: it was taken from another document",
                c.as_deref().unwrap_or("(none)"),
                m.unwrap_or("(no id)")
            ),
        ),
    }
    if let Some(name) = claims["name"].as_str()
        && !facts.title.starts_with(name)
    {
        report.fail(Outcome::Tampered, format!("the credential names \"{name}\", the PDF \"{}\"", facts.title));
    }
    report.id = claimed_id.or(report.id.take());
    claims["validUntil"].as_str().and_then(credential::day_of)
}

/// Finds the document in the register: its checksum and status.
fn check_register(register: &Register, on: NaiveDate, sha: &str, report: &mut Verdict, confirmed: &mut bool) {
    let by_id = report.id.as_deref().and_then(|id| register.entries.iter().find(|e| e.id == id));
    let Some(entry) = by_id.or_else(|| register.entries.iter().find(|e| e.sha256 == sha)) else {
        let id = report.id.clone().unwrap_or_else(|| "(none)".into());
        report.fail(Outcome::UnknownId, format!("the register has no document {id}"));
        return;
    };
    report.id = Some(entry.id.clone());
    if entry.sha256.is_empty() {
        report.reasons.push("the register has no checksum for it".into());
    } else if entry.sha256 != sha {
        report.fail(
            Outcome::Tampered,
            format!(
                "the file is not the one issued as {}: its SHA-256 differs from the register's (edited after issue?)",
                entry.id
            ),
        );
        return;
    } else {
        *confirmed = true;
    }
    match entry.status_on(on) {
        Status::Revoked => report.fail(Outcome::Revoked, format!("{} was revoked by the issuer", entry.id)),
        Status::Superseded => {
            let by =
                if entry.superseded_by.is_empty() { String::new() } else { format!(" by {}", entry.superseded_by) };
            report.fail(Outcome::Superseded, format!("{} was replaced{by}", entry.id))
        }
        Status::Expired => report.fail(
            Outcome::Expired,
            format!("{} was valid until {}", entry.id, entry.valid_until.map(|d| d.to_string()).unwrap_or_default()),
        ),
        Status::Valid => {}
    }
}
