//! What `intyg send` reads from intyg.toml: the e-mail's texts and the
//! organisation's own mail server.

use std::path::PathBuf;

use serde::Deserialize;

use super::Keys;
use crate::problem::{Problem, Problems};

/// What `intyg send` writes: sender, subject and body, each text a
/// minijinja template over the document's data.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailText {
    /// The sender: `Name <address>` or an address.
    pub from: Option<String>,
    /// Where replies go, if not to the sender.
    pub reply_to: Option<String>,
    /// The subject [default: by kind of document and language].
    pub subject: Option<String>,
    /// The plain-text body [default: by kind of document and language].
    pub body: Option<String>,
    /// An HTML body sent beside the plain one [default: none].
    pub html: Option<String>,
}

/// How to reach the mail server. The password is never here: it comes
/// from `INTYG_SMTP_PASSWORD` or from `password_file`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Smtp {
    /// The server's name or address.
    pub host: String,
    /// Its port [default: 587 with STARTTLS, 465 with TLS, 25 without].
    pub port: Option<u16>,
    /// `starttls`, `tls` (implicit, port 465) or `none` (loopback only)
    /// [default: starttls; none for a loopback address].
    pub security: Option<String>,
    /// The user name to log in with, if the server wants one.
    pub user: Option<String>,
    /// A file holding the password, relative to the folder.
    pub password_file: Option<PathBuf>,
    /// Refused with a located error: a password does not belong in a file
    /// that is copied, mailed and checked in.
    pub password: Option<toml::Value>,
    /// A PEM file of CA certificates to trust beside the system's (a
    /// municipality's own CA), relative to the folder.
    pub ca_file: Option<PathBuf>,
    /// Messages per minute at most [default: 30].
    pub per_minute: Option<u32>,
    /// Tries after a failure to reach the server [default: 3].
    pub retries: Option<u32>,
    /// Seconds before the first retry; each next waits that much longer
    /// [default: 5].
    pub retry_seconds: Option<u64>,
}

impl Smtp {
    /// Checks what serde cannot: no password in the file.
    pub(super) fn validate(&self, keys: &Keys, problems: &mut Problems) {
        if self.password.is_some() {
            problems.push(
                Problem::error(
                    keys.at("password"),
                    tr!(
                        "the mail server's password may not be written in intyg.toml",
                        "e-postserverns lösenord får inte skrivas i intyg.toml"
                    ),
                )
                .hint(tr!(
                    "remove the line; give the password in the environment variable INTYG_SMTP_PASSWORD, \
                     or put it alone in a file that only you can read and name it with password_file = \"…\"",
                    "ta bort raden; ge lösenordet i miljövariabeln INTYG_SMTP_PASSWORD, \
                     eller lägg det ensamt i en fil som bara du kan läsa och ange den med password_file = \"…\""
                )),
            );
        }
    }
}
