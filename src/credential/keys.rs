//! The issuer's Ed25519 key pair and compact JWS (RFC 7515) signed with it.
//!
//! Keys are PEM files any crypto tool reads: the secret key as PKCS#8
//! (`openssl pkey -in issuer.key -text`), the public key as SPKI. A key's
//! fingerprint is its JWK thumbprint (RFC 7638), which the JWS header, the
//! verification pages and `intyg verify` all show.

use std::path::{Path, PathBuf};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// What can go wrong with key files. Displayed in the messages' language.
#[derive(Debug)]
pub enum KeyError {
    /// The file cannot be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a key of the expected kind.
    Format {
        /// The file.
        path: PathBuf,
        /// What it should have been.
        what: KeyKind,
    },
    /// A key file is already there.
    Exists(PathBuf),
    /// The system gave no randomness.
    Random(String),
}

/// The kinds of key file.
#[derive(Debug, Clone, Copy)]
pub enum KeyKind {
    /// A secret key as `keygen` writes it.
    Secret,
    /// A public key as `keygen` writes it.
    Public,
}

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            KeyError::Io { path, source } => format!("{}: {source}", path.display()),
            KeyError::Format { path, what } => {
                let path = path.display();
                match what {
                    KeyKind::Secret => tr!(
                        "{path} is not an Ed25519 secret key (PKCS#8 PEM)",
                        "{path} är ingen hemlig Ed25519-nyckel (PKCS#8 PEM)"
                    ),
                    KeyKind::Public => {
                        tr!("{path} is not an Ed25519 public key (PEM)", "{path} är ingen öppen Ed25519-nyckel (PEM)")
                    }
                }
            }
            KeyError::Exists(path) => {
                let path = path.display();
                tr!(
                    "{path} already exists; intyg never overwrites a key",
                    "{path} finns redan; intyg skriver aldrig över en nyckel"
                )
            }
            KeyError::Random(e) => {
                tr!("no random numbers from the system: {e}", "inga slumptal från systemet: {e}")
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for KeyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            KeyError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Makes a new key pair from the system's random numbers.
pub fn generate() -> Result<SigningKey, KeyError> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(SigningKey::from_bytes(&seed))
}

/// Writes `BASE.key` (secret, readable by the owner only) and `BASE.pub`,
/// refusing to replace either. Returns both paths.
pub fn write_pair(key: &SigningKey, base: &Path) -> Result<(PathBuf, PathBuf), KeyError> {
    let secret_path = base.with_extension("key");
    let public_path = base.with_extension("pub");
    for p in [&secret_path, &public_path] {
        if p.exists() {
            return Err(KeyError::Exists(p.clone()));
        }
    }
    let secret = key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(|_| KeyError::Format { path: secret_path.clone(), what: KeyKind::Secret })?;
    let public = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .map_err(|_| KeyError::Format { path: public_path.clone(), what: KeyKind::Public })?;
    write_new(&secret_path, secret.as_bytes(), true)?;
    write_new(&public_path, public.as_bytes(), false)?;
    Ok((secret_path, public_path))
}

/// Creates a file that must not exist yet; a secret one gets mode 0600
/// from the start, so it is never readable by others, not even briefly.
fn write_new(path: &Path, bytes: &[u8], secret: bool) -> Result<(), KeyError> {
    use std::io::Write;
    let io = |source| KeyError::Io { path: path.to_path_buf(), source };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(if secret { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = secret;
    let mut file = options.open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

/// Reads a secret key (PKCS#8 PEM, as `intyg keygen` writes it).
pub fn read_secret(path: &Path) -> Result<SigningKey, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io { path: path.to_path_buf(), source })?;
    SigningKey::from_pkcs8_pem(&text).map_err(|_| KeyError::Format { path: path.to_path_buf(), what: KeyKind::Secret })
}

/// Whether a secret key file can be read by others than its owner.
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Reads a public key: an SPKI PEM file (`issuer.pub`), or a secret key
/// file, whose public half is taken.
pub fn read_public(path: &Path) -> Result<VerifyingKey, KeyError> {
    let text = std::fs::read_to_string(path).map_err(|source| KeyError::Io { path: path.to_path_buf(), source })?;
    if let Ok(key) = VerifyingKey::from_public_key_pem(&text) {
        return Ok(key);
    }
    SigningKey::from_pkcs8_pem(&text)
        .map(|k| k.verifying_key())
        .map_err(|_| KeyError::Format { path: path.to_path_buf(), what: KeyKind::Public })
}

/// The key as a JSON Web Key.
pub fn jwk(key: &VerifyingKey) -> Value {
    json!({ "kty": "OKP", "crv": "Ed25519", "x": URL_SAFE_NO_PAD.encode(key.as_bytes()) })
}

/// The key's JWK thumbprint (RFC 7638): SHA-256 of its members in a fixed
/// order, base64url. Short enough to read aloud, long enough to trust.
pub fn thumbprint(key: &VerifyingKey) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#, URL_SAFE_NO_PAD.encode(key.as_bytes()));
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// Signs `payload` as a compact JWS with EdDSA. The header names the key
/// and carries it, so a wallet can check the signature. An issuer that is
/// a `did:web` DID (the payload's `iss`) names the key by its DID URL,
/// which a verifier resolves through the published DID document to learn
/// that the key is the issuer's; any other issuer by the key's thumbprint.
pub fn sign(key: &SigningKey, payload: &Value) -> String {
    let public = key.verifying_key();
    let kid = match payload["iss"].as_str() {
        Some(did) if did.starts_with("did:web:") => super::did::key_id(did),
        _ => thumbprint(&public),
    };
    let header = json!({ "alg": "EdDSA", "typ": "JWT", "kid": kid, "jwk": jwk(&public) });
    let input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(payload.to_string()));
    let signature = key.sign(input.as_bytes());
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
}

/// A compact JWS taken apart.
#[derive(Debug, Clone)]
pub struct Jws {
    /// The protected header.
    pub header: Value,
    /// The payload.
    pub payload: Value,
    input: String,
    signature: Signature,
}

impl Jws {
    /// Splits and decodes a compact JWS; says what is wrong with one that
    /// is not.
    pub fn parse(token: &str) -> Result<Jws, String> {
        let parts: Vec<&str> = token.trim().split('.').collect();
        let [header, payload, signature] = parts[..] else {
            return Err(format!("a compact JWS has three parts, this has {}", parts.len()));
        };
        let json = |part: &str, what: &str| -> Result<Value, String> {
            let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|e| format!("the {what} is not base64url: {e}"))?;
            serde_json::from_slice(&bytes).map_err(|e| format!("the {what} is not JSON: {e}"))
        };
        let header_value = json(header, "header")?;
        if header_value["alg"] != "EdDSA" {
            return Err(format!("the signature algorithm is {}, not EdDSA", header_value["alg"]));
        }
        let sig = URL_SAFE_NO_PAD.decode(signature).map_err(|e| format!("the signature is not base64url: {e}"))?;
        let signature = Signature::from_slice(&sig).map_err(|_| "the signature is not 64 bytes".to_owned())?;
        Ok(Jws {
            header: header_value,
            payload: json(payload, "payload")?,
            input: format!("{header}.{payload}"),
            signature,
        })
    }

    /// Whether `key` made the signature.
    pub fn verify(&self, key: &VerifyingKey) -> bool {
        key.verify_strict(self.input.as_bytes(), &self.signature).is_ok()
    }

    /// The key the header carries, if any.
    pub fn header_key(&self) -> Option<VerifyingKey> {
        let x = self.header["jwk"]["x"].as_str()?;
        let bytes: [u8; 32] = URL_SAFE_NO_PAD.decode(x).ok()?.try_into().ok()?;
        VerifyingKey::from_bytes(&bytes).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    #[test]
    fn signed_tokens_verify_with_their_key_only() {
        let token = sign(&key(1), &json!({ "name": "Åsa" }));
        let jws = Jws::parse(&token).unwrap();
        assert_eq!(jws.payload["name"], "Åsa");
        assert!(jws.verify(&key(1).verifying_key()));
        assert!(!jws.verify(&key(2).verifying_key()));
        assert_eq!(jws.header_key(), Some(key(1).verifying_key()));
        assert_eq!(jws.header["kid"], thumbprint(&key(1).verifying_key()));
    }

    #[test]
    fn a_changed_payload_fails() {
        let token = sign(&key(1), &json!({ "name": "Åsa" }));
        let parts: Vec<&str> = token.split('.').collect();
        let forged = format!("{}.{}.{}", parts[0], URL_SAFE_NO_PAD.encode(r#"{"name":"Åse"}"#), parts[2]);
        assert!(!Jws::parse(&forged).unwrap().verify(&key(1).verifying_key()));
    }

    #[test]
    fn malformed_tokens_say_why() {
        assert!(Jws::parse("a.b").unwrap_err().contains("three parts"));
        assert!(Jws::parse("!!.e30.AA").unwrap_err().contains("base64url"));
    }

    #[test]
    fn thumbprint_follows_rfc_8037_example() {
        // RFC 8037 appendix A.3: the thumbprint of the example Ed25519 key.
        let x = URL_SAFE_NO_PAD.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo").unwrap();
        let key = VerifyingKey::from_bytes(&x.try_into().unwrap()).unwrap();
        assert_eq!(thumbprint(&key), "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    }

    #[test]
    fn pem_files_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("issuer");
        let (secret, public) = write_pair(&key(7), &base).unwrap();
        assert_eq!(read_secret(&secret).unwrap().to_bytes(), key(7).to_bytes());
        assert_eq!(read_public(&public).unwrap(), key(7).verifying_key());
        assert_eq!(read_public(&secret).unwrap(), key(7).verifying_key());
        assert!(!readable_by_others(&secret));
        assert!(matches!(write_pair(&key(8), &base), Err(KeyError::Exists(_))));
        assert!(matches!(read_secret(&public), Err(KeyError::Format { .. })));
    }
}
