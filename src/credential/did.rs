//! The issuer's identity as a `did:web` DID, which any verifier resolves to
//! the issuer's public key over the web, from the files `intyg publish`
//! writes: `did.json` (the DID document) and `.well-known/jwks.json`.
//!
//! A `did:web` DID names a web address: `did:web:intyg.kommun.se` is
//! resolved at `https://intyg.kommun.se/.well-known/did.json`, and
//! `did:web:intyg.kommun.se:mrs19` at `https://intyg.kommun.se/mrs19/did.json`
//! (the did:web method, W3C CCG, section 3.2).

use ed25519_dalek::VerifyingKey;
use serde_json::{Value, json};

use super::keys::jwk;

/// The fragment naming the issuer's signing key in its DID document.
pub const KEY_FRAGMENT: &str = "key-1";

/// The `did:web` DID of a site at `url` (`https://host[:port][/path]`):
/// `did:web:host` or `did:web:host%3Aport:path:segments`. None for an
/// address that is not https, or has a query or fragment.
pub fn did_web(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://")?;
    if rest.contains(['?', '#']) {
        return None;
    }
    let mut parts = rest.trim_end_matches('/').split('/');
    let host = parts.next().filter(|h| !h.is_empty())?;
    let mut did = format!("did:web:{}", host.to_lowercase().replace(':', "%3A"));
    for segment in parts {
        if segment.is_empty() {
            return None;
        }
        did.push(':');
        did.push_str(segment);
    }
    Some(did)
}

/// Where the DID document of `did` lives, relative to the web address the
/// DID names: `.well-known/did.json` for a bare host, `did.json` under a
/// path. A site published at that address holds it at this path.
pub fn document_path(did: &str) -> Option<&'static str> {
    let rest = did.strip_prefix("did:web:")?;
    Some(if rest.contains(':') { "did.json" } else { ".well-known/did.json" })
}

/// The web address a `did:web` DID names (the reverse of [`did_web`]):
/// what verifiers compute, and where its DID document is fetched from
/// (with [`document_path`]'s file name).
pub fn web_address(did: &str) -> Option<String> {
    let rest = did.strip_prefix("did:web:")?;
    let mut parts = rest.split(':');
    let host = percent_encoding::percent_decode_str(parts.next()?).decode_utf8().ok()?.into_owned();
    let path: Vec<&str> = parts.collect();
    Some(if path.is_empty() { format!("https://{host}") } else { format!("https://{host}/{}", path.join("/")) })
}

/// The DID URL of the issuer's signing key: what a credential's `kid` says.
pub fn key_id(did: &str) -> String {
    format!("{did}#{KEY_FRAGMENT}")
}

/// The DID document of `did`, with `key` as its one verification method,
/// usable to sign credentials (assertionMethod).
pub fn document(did: &str, key: &VerifyingKey) -> Value {
    let id = key_id(did);
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
        "id": did,
        "verificationMethod": [{
            "id": id,
            "type": "JsonWebKey",
            "controller": did,
            "publicKeyJwk": jwk(key),
        }],
        "assertionMethod": [id],
        "authentication": [id],
    })
}

/// The issuer's key as a JSON Web Key Set, for verifiers that fetch
/// `/.well-known/jwks.json` rather than resolve DIDs.
pub fn jwks(did: Option<&str>, key: &VerifyingKey) -> Value {
    let mut k = jwk(key);
    k["alg"] = json!("EdDSA");
    k["use"] = json!("sig");
    k["kid"] = json!(did.map_or_else(|| super::keys::thumbprint(key), key_id));
    json!({ "keys": [k] })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_become_did_web_and_back() {
        assert_eq!(did_web("https://intyg.Kommun.se").as_deref(), Some("did:web:intyg.kommun.se"));
        assert_eq!(did_web("https://intyg.kommun.se/mrs19/").as_deref(), Some("did:web:intyg.kommun.se:mrs19"));
        assert_eq!(did_web("https://localhost:8443/a/b").as_deref(), Some("did:web:localhost%3A8443:a:b"));
        assert_eq!(did_web("http://intyg.kommun.se"), None, "did:web is https only");
        assert_eq!(did_web("https://x.se/a?b"), None);
        assert_eq!(document_path("did:web:intyg.kommun.se"), Some(".well-known/did.json"));
        assert_eq!(document_path("did:web:intyg.kommun.se:mrs19"), Some("did.json"));
        assert_eq!(web_address("did:web:localhost%3A8443:a:b").as_deref(), Some("https://localhost:8443/a/b"));
        assert_eq!(web_address("did:web:intyg.kommun.se").as_deref(), Some("https://intyg.kommun.se"));
    }

    #[test]
    fn the_document_names_the_key_the_credentials_name() {
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]).verifying_key();
        let doc = document("did:web:x.se", &key);
        assert_eq!(doc["verificationMethod"][0]["id"], "did:web:x.se#key-1");
        assert_eq!(doc["assertionMethod"][0], "did:web:x.se#key-1");
        assert_eq!(doc["verificationMethod"][0]["publicKeyJwk"], jwk(&key));
        assert_eq!(jwks(Some("did:web:x.se"), &key)["keys"][0]["kid"], "did:web:x.se#key-1");
    }
}
