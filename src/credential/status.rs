//! Revocation a wallet can see: the W3C Bitstring Status List
//! (<https://www.w3.org/TR/vc-bitstring-status-list/>). Every signed
//! credential names its bit (`credentialStatus`, a
//! `BitstringStatusListEntry`) in a list the issuer's site publishes and
//! signs; `intyg publish` sets the bits of revoked and superseded
//! documents. A verifier fetches the list, checks its signature, unzips it
//! and reads the bit: set means the issuer no longer stands by the
//! document.

use std::io::{Read, Write};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::register::{Register, Status};

/// Where the status list is in the published site.
pub const PATH: &str = "status/revocation.jwt";

/// The fewest bits a list has (the specification's 16 KiB), so that a
/// list tells nobody how many documents there are or which are new.
const MIN_BITS: usize = 131_072;

/// The status list's address under the site `base`.
pub fn list_url(base: &str) -> String {
    format!("{}/{PATH}", base.trim_end_matches('/'))
}

/// A credential's `credentialStatus`: bit `index` of the site's list.
pub fn entry(base: &str, index: usize) -> Value {
    let list = list_url(base);
    json!({
        "id": format!("{list}#{index}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": list,
    })
}

/// The bits of the register's documents that the issuer no longer stands
/// by: revoked and superseded ones.
pub fn withdrawn(register: &Register) -> impl Iterator<Item = usize> + '_ {
    register.entries.iter().filter(|e| matches!(e.status, Status::Revoked | Status::Superseded)).map(|e| e.status_index)
}

/// `encodedList`: the bitstring with bits `set` (index 0 the leftmost bit
/// of the first byte), at least [`MIN_BITS`] long, gzipped and written as
/// multibase base64url (`u…`).
pub fn encode(set: impl IntoIterator<Item = usize>, len: usize) -> String {
    let bits = len.max(MIN_BITS).div_ceil(8) * 8;
    let mut bytes = vec![0u8; bits / 8];
    for i in set {
        if let Some(b) = bytes.get_mut(i / 8) {
            *b |= 0x80 >> (i % 8);
        }
    }
    // No file name and no time in the gzip header: the same register gives
    // the same list.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing into memory cannot fail.
    let _ = gz.write_all(&bytes);
    let zipped = gz.finish().unwrap_or_default();
    format!("u{}", URL_SAFE_NO_PAD.encode(zipped))
}

/// The bitstring of an `encodedList`.
pub fn decode(encoded: &str) -> Result<Vec<u8>, String> {
    let b64 = encoded.strip_prefix('u').ok_or("the list is not multibase base64url (it does not start with u)")?;
    let zipped = URL_SAFE_NO_PAD.decode(b64).map_err(|e| format!("the list is not base64url: {e}"))?;
    let mut bytes = Vec::new();
    // A list is 16 KiB and more for every 131 072 documents: a few
    // megabytes is more than any register, and bounds a hostile file.
    flate2::read::GzDecoder::new(&zipped[..])
        .take(64 << 20)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("the list is not gzip: {e}"))?;
    Ok(bytes)
}

/// Bit `index` of a bitstring, if it is that long.
pub fn bit(bits: &[u8], index: usize) -> Option<bool> {
    bits.get(index / 8).map(|b| b & (0x80 >> (index % 8)) != 0)
}

/// The payload of the status list credential of the site `base`, issued
/// by `issuer_id` (`issuer_name`) as of `on`, from the register: a
/// `BitstringStatusListCredential` as a VC-JWT payload.
pub fn credential(base: &str, issuer_id: &str, issuer_name: &str, register: &Register, on: NaiveDate) -> Value {
    let url = list_url(base);
    let len = register.entries.iter().map(|e| e.status_index + 1).max().unwrap_or(0);
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": { "id": issuer_id, "name": issuer_name },
        "validFrom": super::instant(on, false),
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(withdrawn(register), len),
        },
        "iss": issuer_id,
        "jti": url,
        "iat": super::epoch(on, false),
    })
}

/// A status list read from a file and checked: its address, and its bits.
#[derive(Debug, Clone)]
pub struct List {
    /// The list's own id: the address credentials point at.
    pub url: String,
    /// The bitstring.
    pub bits: Vec<u8>,
    /// The day it was made (`validFrom`).
    pub made: Option<NaiveDate>,
}

impl List {
    /// Reads a status list credential (a VC-JWT), checking its signature
    /// against `key` (else the key in its header).
    pub fn read(token: &str, key: Option<&ed25519_dalek::VerifyingKey>) -> Result<List, String> {
        let jws = super::keys::Jws::parse(token)?;
        let inner = jws.header_key();
        let key = key.or(inner.as_ref()).ok_or_else(|| {
            tr!("its header names no key to check the signature with", "dess huvud anger ingen nyckel för signaturen")
        })?;
        if !jws.verify(key) {
            return Err(tr!(
                "its signature does not match the issuer's key",
                "dess signatur stämmer inte med utfärdarens nyckel"
            ));
        }
        let c = &jws.payload;
        let subject = &c["credentialSubject"];
        if subject["type"] != "BitstringStatusList" || subject["statusPurpose"] != "revocation" {
            return Err(tr!("it is not a revocation status list", "den är ingen statuslista för återkallelser"));
        }
        let bits = decode(subject["encodedList"].as_str().unwrap_or_default())?;
        Ok(List {
            url: c["id"].as_str().unwrap_or_default().to_owned(),
            bits,
            made: c["validFrom"].as_str().and_then(super::day_of),
        })
    }

    /// What the list says about a credential's `credentialStatus`:
    /// `Some(true)` withdrawn, `Some(false)` in force, `None` when the
    /// entry points into another list or past this one's end.
    pub fn withdrawn(&self, status: &Value) -> Option<bool> {
        if status["statusListCredential"].as_str()? != self.url || status["statusPurpose"] != "revocation" {
            return None;
        }
        let index = status["statusListIndex"].as_str()?.parse().ok()?;
        bit(&self.bits, index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::register::Entry;

    #[test]
    fn set_bits_come_back_from_the_zipped_list_at_their_index() {
        let encoded = encode([0, 7, 8, 94_567], 10);
        let bits = decode(&encoded).unwrap();
        assert_eq!(bits.len() * 8, MIN_BITS, "never shorter than 16 KiB");
        assert_eq!(bits[0], 0b1000_0001, "index 0 is the leftmost bit");
        assert_eq!(bits[1], 0b1000_0000);
        for i in [0, 7, 8, 94_567] {
            assert_eq!(bit(&bits, i), Some(true), "{i}");
        }
        assert_eq!(bit(&bits, 1), Some(false));
        assert_eq!(bit(&bits, MIN_BITS), None);
        assert!(encoded.len() < 400, "an almost empty list zips small: {}", encoded.len());
        assert_eq!(decode(&encode([200_000], 200_001)).unwrap().len(), 25_001, "longer registers, longer lists");
    }

    #[test]
    fn a_signed_list_marks_revoked_and_superseded_documents() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let mut register = Register::default();
        for (i, status) in [Status::Valid, Status::Revoked, Status::Superseded, Status::Expired].into_iter().enumerate()
        {
            let mut e = Entry::example(&format!("D-{i}"), "mangfaldsdiplom", "D", "Förening", &format!("{i}"), day);
            e.status = status;
            e.status_index = 10 + i;
            register.entries.push(e);
        }
        let base = "https://intyg.kommun.se/verify";
        let payload = credential(base, "did:web:intyg.kommun.se", "Kommunen", &register, day);
        let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        let token = super::super::keys::sign(&key, &payload);
        let list = List::read(&token, Some(&key.verifying_key())).unwrap();
        let at = |i: usize| list.withdrawn(&entry(base, i));
        assert_eq!([at(10), at(11), at(12), at(13)], [Some(false), Some(true), Some(true), Some(false)]);
        assert_eq!(list.withdrawn(&entry("https://other.se", 11)), None, "another site's list");
        let other = ed25519_dalek::SigningKey::from_bytes(&[4; 32]).verifying_key();
        assert!(List::read(&token, Some(&other)).is_err(), "signed by someone else");
        assert_eq!(list.made, Some(day));
    }
}
