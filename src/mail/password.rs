//! The mail server's password, kept in the operating system's own
//! credential store: Windows Credential Manager, the macOS Keychain, the
//! Secret Service (GNOME Keyring, KWallet) on Linux. A coordinator types
//! it once in the app; `intyg send` finds it there too. It is never written
//! into intyg.toml, which is copied, mailed and checked in.
//!
//! `INTYG_KEYRING=mock` keeps passwords in memory for the life of the
//! process instead (the tests': a test machine has no credential store).

use std::sync::OnceLock;

/// The service every password of intyg is kept under.
const SERVICE: &str = "intyg";

/// The store, set up once: `Err` says why there is none (a Linux machine
/// with no Secret Service running).
fn store() -> Result<(), String> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    READY
        .get_or_init(|| {
            if cfg!(test) || std::env::var("INTYG_KEYRING").is_ok_and(|v| v == "mock") {
                keyring_core::set_default_store(keyring_core::mock::Store::new().map_err(|e| e.to_string())?);
                return Ok(());
            }
            platform()
        })
        .clone()
}

#[cfg(windows)]
fn platform() -> Result<(), String> {
    keyring_core::set_default_store(windows_native_keyring_store::Store::new().map_err(|e| e.to_string())?);
    Ok(())
}

#[cfg(target_os = "macos")]
fn platform() -> Result<(), String> {
    keyring_core::set_default_store(apple_native_keyring_store::keychain::Store::new().map_err(|e| e.to_string())?);
    Ok(())
}

#[cfg(all(unix, not(target_os = "macos")))]
fn platform() -> Result<(), String> {
    keyring_core::set_default_store(zbus_secret_service_keyring_store::Store::new().map_err(|e| e.to_string())?);
    Ok(())
}

#[cfg(not(any(windows, unix)))]
fn platform() -> Result<(), String> {
    Err("no credential store on this system".to_owned())
}

/// The entry of `user` on the server `host`.
fn entry(host: &str, user: &str) -> Result<keyring_core::Entry, String> {
    store()?;
    keyring_core::Entry::new(SERVICE, &format!("smtp:{user}@{}", host.trim().to_lowercase())).map_err(|e| e.to_string())
}

/// The password kept for `user` on `host`: `Ok(None)` when none is kept,
/// `Err` when the store cannot be asked.
pub fn stored(host: &str, user: &str) -> Result<Option<String>, String> {
    match entry(host, user)?.get_password() {
        Ok(p) => Ok(Some(p)),
        Err(keyring_core::Error::NoEntry) => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Keeps `password` for `user` on `host`, replacing one kept before.
pub fn keep(host: &str, user: &str, password: &str) -> Result<(), String> {
    entry(host, user)?.set_password(password).map_err(|e| e.to_string())
}

/// Forgets the password of `user` on `host` (one that the server refused).
pub fn forget(host: &str, user: &str) {
    if let Ok(e) = entry(host, user) {
        let _ = e.delete_credential();
    }
}

/// Why a password cannot be kept, in the user's words.
pub fn cannot_keep(why: &str) -> String {
    tr!(
        "the password cannot be kept on this computer ({why}): it is used for this time only",
        "lösenordet kan inte sparas på den här datorn ({why}): det används bara den här gången"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_is_kept_by_server_and_user() {
        assert_eq!(stored("smtp.exempel.se", "ada"), Ok(None));
        keep("SMTP.exempel.se ", "ada", "hemligt åäö").unwrap();
        assert_eq!(stored("smtp.exempel.se", "ada").unwrap().as_deref(), Some("hemligt åäö"));
        assert_eq!(stored("smtp.exempel.se", "bo"), Ok(None));
        forget("smtp.exempel.se", "ada");
        assert_eq!(stored("smtp.exempel.se", "ada"), Ok(None));
    }
}
