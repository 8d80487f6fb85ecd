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
    /// The words a person reads, in the messages' language.
    pub fn label(self) -> String {
        match self {
            Outcome::NotIntyg => tr!("not an intyg document", "inget dokument från intyg"),
            Outcome::Tampered => tr!("signature invalid (tampered)", "ogiltig signatur (ändrat)"),
            Outcome::UnknownId => tr!("unknown id", "okänt id"),
            Outcome::Revoked => tr!("revoked", "återkallat"),
            Outcome::Superseded => tr!("superseded", "ersatt"),
            Outcome::Expired => tr!("expired", "upphört"),
            Outcome::Unconfirmed => {
                tr!("signature intact, issuer not confirmed", "signaturen är hel, utfärdaren inte bekräftad")
            }
            Outcome::Unsigned => tr!("unsigned", "osignerat"),
            Outcome::Valid => tr!("valid", "giltigt"),
        }
    }
}

/// What to check against.
pub struct Trust<'a> {
    /// The issuer's public key.
    pub key: Option<&'a VerifyingKey>,
    /// The register.
    pub register: Option<&'a Register>,
    /// The issuer's published status list.
    pub status: Option<&'a credential::status::List>,
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

    /// What the document says of itself, label and value, in the order a
    /// person reads them: its id, and its credential's holder (as a
    /// hash), what it is for, its issuer, its validity, and the key that
    /// signed it.
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(id) = &self.id {
            out.push(("id".to_owned(), id.clone()));
        }
        if let Some(c) = &self.credential {
            let subject = &c["credentialSubject"];
            let mut field = |label: String, v: &Value| {
                if let Some(s) = v.as_str() {
                    out.push((label, s.to_owned()));
                }
            };
            let day = |v: &Value| serde_json::json!(v.as_str().and_then(|s| s.get(..10)));
            field(tr!("holder", "innehavare"), &subject["identifier"][0]["identityHash"]);
            field(tr!("for", "för"), &subject["achievement"]["name"]);
            field(tr!("issuer", "utfärdare"), &c["issuer"]["name"]);
            field(tr!("from", "från"), &day(&c["validFrom"]));
            field(tr!("until", "till och med"), &day(&c["validUntil"]));
        }
        if let Some(k) = &self.signed_by {
            out.push((tr!("key", "nyckel"), k.clone()));
        }
        out
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
        let by = if facts.creator.is_empty() {
            tr!("an unknown program", "ett okänt program")
        } else {
            facts.creator.clone()
        };
        report.fail(
            Outcome::NotIntyg,
            tr!("the PDF was made by {by}, not by intyg", "PDF-filen gjordes av {by}, inte av intyg"),
        );
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
                report
                    .fail(Outcome::Expired, tr!("it was valid until {until}", "det var giltigt till och med {until}"));
            }
        }
    }
    if report.outcome == Outcome::Valid && !confirmed {
        if report.signed {
            report.fail(
                Outcome::Unconfirmed,
                tr!(
                    "the signature matches the key inside the document, but no register of the issuer's or key \
                     confirms that the key is the issuer's: check it in the folder that issued it (or give --key \
                     with the issuer's public key, or --register)",
                    "signaturen stämmer med nyckeln i dokumentet, men inget av utfärdarens register och ingen nyckel \
                     bekräftar att nyckeln är utfärdarens: kontrollera det i mappen som utfärdade det (eller ange \
                     --key med utfärdarens öppna nyckel, eller --register)"
                ),
            );
        } else {
            report.fail(
                Outcome::Unsigned,
                tr!(
                    "the document carries no signed credential, and no register of the issuer's lists it: check it \
                     in the folder that issued it (or give --register)",
                    "dokumentet har ingen signerad digital kopia, och inget av utfärdarens register tar upp det: \
                     kontrollera det i mappen som utfärdade det (eller ange --register)"
                ),
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
            report.fail(
                Outcome::Tampered,
                tr!(
                    "the attached credential cannot be read: {msg}",
                    "den bifogade signerade kopian kan inte läsas: {msg}"
                ),
            );
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
                (Some(inner), Some(given)) if inner != given && jws.verify(inner) => {
                    let (other, issuer) = (keys::thumbprint(inner), keys::thumbprint(key));
                    tr!(
                        "it was signed with another key ({other}), not the issuer's ({issuer})",
                        "det signerades med en annan nyckel ({other}), inte utfärdarens ({issuer})"
                    )
                }
                _ => tr!(
                    "the credential was changed after it was signed: its signature does not match",
                    "den signerade kopian ändrades efter att den signerades: signaturen stämmer inte"
                ),
            };
            report.fail(Outcome::Tampered, why);
            return None;
        }
        None => {
            report.fail(
                Outcome::Tampered,
                tr!(
                    "the credential's header names no key to check its signature with",
                    "den signerade kopians huvud anger ingen nyckel att kontrollera signaturen med"
                ),
            );
            return None;
        }
    }
    let claims = &jws.payload;
    if let Err(msg) = credential::check_shape(claims) {
        report.fail(Outcome::Tampered, msg);
        return None;
    }
    if let Some(list) = trust.status {
        check_status(list, &claims["credentialStatus"], trust.register.is_some(), report);
    }
    let claimed_id = claims["id"].as_str().and_then(credential::document_id);
    match (&claimed_id, facts.id()) {
        (Some(c), Some(m)) if c == m => {}
        (c, m) => {
            let none = tr!("(none)", "(inget)");
            let (c, m) = (c.as_deref().unwrap_or(&none), m.unwrap_or(&none));
            report.fail(
                Outcome::Tampered,
                tr!(
                    "the credential is for document {c}, but this PDF is {m}: it was taken from another document",
                    "den signerade kopian gäller dokument {c}, men den här PDF-filen är {m}: den togs från ett annat dokument"
                ),
            );
        }
    }
    if let Some(name) = claims["name"].as_str()
        && !facts.title.starts_with(name)
    {
        let title = &facts.title;
        report.fail(
            Outcome::Tampered,
            tr!(
                "the credential names \"{name}\", the PDF \"{title}\"",
                "den signerade kopian anger \"{name}\", PDF-filen \"{title}\""
            ),
        );
    }
    report.id = claimed_id.or(report.id.take());
    claims["validUntil"].as_str().and_then(credential::day_of)
}

/// What the issuer's status list says about a credential's
/// `credentialStatus`. A set bit means revoked or replaced (the list does
/// not tell which); with the register at hand, the register says which.
fn check_status(list: &credential::status::List, status: &Value, register: bool, report: &mut Verdict) {
    let url = &list.url;
    match list.withdrawn(status) {
        Some(true) if register => {}
        Some(true) => report.fail(
            Outcome::Revoked,
            tr!(
                "the issuer's status list marks it as revoked or replaced",
                "utfärdarens statuslista anger att det är återkallat eller ersatt"
            ),
        ),
        Some(false) => {}
        None if status.is_null() => report.reasons.push(tr!(
            "the credential points into no status list (it was issued before intyg made them)",
            "den signerade kopian pekar inte in i någon statuslista (den utfärdades innan intyg gjorde sådana)"
        )),
        None => report.reasons.push(tr!(
            "the status list given ({url}) is not the one the credential points into",
            "den angivna statuslistan ({url}) är inte den som den signerade kopian pekar in i"
        )),
    }
}

/// Finds the document in the register: its checksum and status.
fn check_register(register: &Register, on: NaiveDate, sha: &str, report: &mut Verdict, confirmed: &mut bool) {
    let by_id = report.id.as_deref().and_then(|id| register.entries.iter().find(|e| e.id == id));
    let Some(entry) = by_id.or_else(|| register.entries.iter().find(|e| e.sha256 == sha)) else {
        let id = report.id.clone().unwrap_or_else(|| tr!("(none)", "(inget)"));
        report.fail(Outcome::UnknownId, tr!("the register has no document {id}", "registret har inget dokument {id}"));
        return;
    };
    report.id = Some(entry.id.clone());
    if entry.sha256.is_empty() {
        report.reasons.push(tr!("the register has no checksum for it", "registret har ingen kontrollsumma för det"));
    } else if entry.sha256 != sha {
        report.fail(Outcome::Tampered, {
            let id = &entry.id;
            tr!(
                "the file is not the one issued as {id}: it was changed after it was issued (its checksum differs from the register's)",
                "filen är inte den som utfärdades som {id}: den har ändrats efter utfärdandet (kontrollsumman skiljer sig från registrets)"
            )
        });
        return;
    } else {
        *confirmed = true;
    }
    let id = &entry.id;
    match entry.status_on(on) {
        Status::Revoked => {
            report.fail(Outcome::Revoked, tr!("{id} was revoked by the issuer", "{id} återkallades av utfärdaren"));
        }
        Status::Superseded => {
            let by = &entry.superseded_by;
            let why = if by.is_empty() {
                tr!("{id} was replaced", "{id} har ersatts")
            } else {
                tr!("{id} was replaced by {by}", "{id} har ersatts av {by}")
            };
            report.fail(Outcome::Superseded, why);
        }
        Status::Expired => {
            let until = entry.valid_until.map(|d| d.to_string()).unwrap_or_default();
            report.fail(Outcome::Expired, tr!("{id} was valid until {until}", "{id} var giltigt till och med {until}"));
        }
        Status::Valid => {}
    }
}
