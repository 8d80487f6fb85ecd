//! The organisation's own mail server: where it is and how to reach it
//! (`--smtp`, `INTYG_SMTP_URL` or `[smtp]` in intyg.toml, the password from
//! the environment, a file, the app's page or the computer's credential
//! store), and sending one message at a time over one
//! connection, each SMTP step on its own, so that a refused recipient, a
//! server that is away and a message the server may or may not have are
//! told apart.

use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, SmtpConnection, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};

use crate::problem::Hinted;
use crate::project::Smtp;

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain first, then STARTTLS before anything is sent (port 587).
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No TLS: only to a server on this computer.
    None,
}

impl Security {
    fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// A mail server and how to use it.
pub struct Server {
    /// Its name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// TLS.
    pub security: Security,
    /// The login, if any.
    pub user: Option<String>,
    password: Option<String>,
    /// Whether the password came from the credential store or was typed
    /// in the app (which keeps it there): one the server refuses is
    /// forgotten there.
    kept: bool,
    /// PEM certificates to trust beside the system's.
    ca: Option<Vec<u8>>,
    /// Messages per minute at most.
    pub per_minute: u32,
    /// Tries after a failure to reach the server.
    pub retries: u32,
    /// The wait before the first retry; each next waits that much longer.
    pub retry_delay: Duration,
}

/// Where a server is and how to reach it, as its settings say.
pub struct Reach {
    /// Its name or address.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// TLS.
    pub security: Security,
    /// The login, if any.
    pub user: Option<String>,
    /// A password given in `--smtp`'s URL.
    url_password: Option<String>,
}

impl Reach {
    /// "smtp.exempel.se:587 (STARTTLS), as intyg@exempel.se".
    pub fn describe(&self) -> String {
        describe(&self.host, self.port, self.security, self.user.as_deref())
    }
}

/// Where the server settings come from, strongest first.
pub struct Sources<'a> {
    /// `--smtp URL`.
    pub arg: Option<&'a str>,
    /// `INTYG_SMTP_URL`.
    pub env_url: Option<String>,
    /// `INTYG_SMTP_PASSWORD`.
    pub env_password: Option<String>,
    /// Typed by the person in the app this time.
    pub given_password: Option<String>,
    /// `[smtp]` in intyg.toml.
    pub toml: Option<&'a Smtp>,
    /// The programme folder, which `password_file` and `ca_file` are relative to.
    pub dir: &'a Path,
}

impl Server {
    /// Where the sources say the server is and how to reach it, before any
    /// password: host, port, security, user, and a password in the URL.
    pub fn reach(s: &Sources) -> Result<Reach, Hinted> {
        let from_url = match (s.arg, &s.env_url) {
            (Some(url), _) => Some(parse_url(url, true)?),
            (None, Some(url)) if !url.trim().is_empty() => Some(parse_url(url, false)?),
            _ => None,
        };
        let toml = s.toml;
        let (host, port, security, user, url_password) = match (from_url, toml) {
            (Some(u), _) => u,
            (None, Some(t)) => {
                let security = match t.security.as_deref().map(str::trim) {
                    None => None,
                    Some("starttls") => Some(Security::StartTls),
                    Some("tls") => Some(Security::Tls),
                    Some("none") => Some(Security::None),
                    Some(other) => {
                        return Err(Hinted::new(
                            tr!(
                                "[smtp] security = \"{other}\" is not starttls, tls or none",
                                "[smtp] security = \"{other}\" är inte starttls, tls eller none"
                            ),
                            tr!(
                                "write security = \"starttls\" (port 587) or \"tls\" (port 465)",
                                "skriv security = \"starttls\" (port 587) eller \"tls\" (port 465)"
                            ),
                        ));
                    }
                };
                (t.host.trim().to_owned(), t.port, security, t.user.clone(), None)
            }
            (None, None) => {
                return Err(Hinted::new(
                    tr!("no mail server is set up", "ingen e-postserver är angiven"),
                    tr!(
                        "give the mail server under Settings, E-mail (in intyg.toml: host = \"smtp.example.se\" under [smtp]; on the command line: --smtp smtp://HOST:PORT)",
                        "ange e-postservern under Inställningar, E-post (i intyg.toml: host = \"smtp.exempel.se\" under [smtp]; på kommandoraden: --smtp smtp://VÄRD:PORT)"
                    ),
                ));
            }
        };
        let loopback = is_loopback(&host);
        let security = security.unwrap_or(if loopback { Security::None } else { Security::StartTls });
        if security == Security::None && !loopback {
            return Err(Hinted::new(
                tr!(
                    "intyg sends without TLS only to a server on this computer, and {host} is not one",
                    "intyg skickar utan TLS bara till en server på den här datorn, och {host} är ingen sådan"
                ),
                tr!(
                    "use STARTTLS (smtp://, security = \"starttls\", port 587) or TLS (smtps://, security = \"tls\", port 465)",
                    "använd STARTTLS (smtp://, security = \"starttls\", port 587) eller TLS (smtps://, security = \"tls\", port 465)"
                ),
            ));
        }
        let port = port.unwrap_or(security.default_port());
        let user = user.filter(|u| !u.trim().is_empty());
        Ok(Reach { host, port, security, user, url_password })
    }

    /// The server the sources name; also says, as warnings, what the user
    /// should know (a password file others can read).
    pub fn resolve(s: &Sources) -> Result<(Server, Vec<String>), Hinted> {
        let mut warnings = Vec::new();
        let Reach { host, port, security, user, url_password } = Server::reach(s)?;
        let toml = s.toml;
        let given = [&s.given_password, &s.env_password].into_iter().flatten().find(|p| !p.is_empty()).cloned();
        let mut password = match (url_password, given) {
            (Some(p), _) | (None, Some(p)) => Some(p),
            (None, None) => match toml.and_then(|t| t.password_file.as_ref()) {
                Some(file) => {
                    let path = s.dir.join(file);
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        let shown = path.display();
                        Hinted::new(
                            tr!("cannot read the password file {shown}: {e}", "lösenordsfilen {shown} kan inte läsas: {e}"),
                            tr!(
                                "password_file is relative to the programme folder; or give the password in INTYG_SMTP_PASSWORD",
                                "password_file är relativ till programmappen; eller ge lösenordet i INTYG_SMTP_PASSWORD"
                            ),
                        )
                    })?;
                    if crate::credential::keys::readable_by_others(&path) {
                        let shown = path.display();
                        warnings.push(tr!(
                            "the password file {shown} can be read by other users of this computer (chmod 600 {shown})",
                            "lösenordsfilen {shown} kan läsas av andra användare på den här datorn (chmod 600 {shown})"
                        ));
                    }
                    Some(text.lines().next().unwrap_or_default().to_owned())
                }
                None => None,
            },
        };
        let mut kept = s.given_password.as_ref().is_some_and(|g| password.as_ref() == Some(g));
        if let Some(u) = &user
            && password.is_none()
        {
            // Typed once in the app, kept by the operating system.
            let why = match super::password::stored(&host, u) {
                Ok(Some(p)) => {
                    (password, kept) = (Some(p), true);
                    None
                }
                Ok(None) => None,
                Err(why) => Some(why),
            };
            if password.is_none() {
                let store = why.map_or_else(String::new, |why| {
                    tr!(" (the computer's password store: {why})", " (datorns lösenordslager: {why})")
                });
                return Err(Hinted::new(
                    tr!(
                        "the mail server's user {u} has no password{store}",
                        "e-postserverns användare {u} saknar lösenord{store}"
                    ),
                    tr!(
                        "enter it on the Send page of intyg app, which keeps it in the computer's password store; \
                         or give it in the environment variable INTYG_SMTP_PASSWORD",
                        "skriv det på sidan Skicka i intyg app, som sparar det i datorns lösenordslager; \
                         eller ge det i miljövariabeln INTYG_SMTP_PASSWORD"
                    ),
                ));
            }
        }
        let ca = match toml.and_then(|t| t.ca_file.as_ref()) {
            Some(file) => {
                let path = s.dir.join(file);
                let pem = std::fs::read(&path).map_err(|e| {
                    let shown = path.display();
                    Hinted::new(
                        tr!("cannot read the CA file {shown}: {e}", "CA-filen {shown} kan inte läsas: {e}"),
                        tr!("ca_file is relative to the programme folder", "ca_file är relativ till programmappen"),
                    )
                })?;
                Certificate::from_pem(&pem).map_err(|e| {
                    let shown = path.display();
                    Hinted::new(
                        tr!("{shown} is not a PEM certificate: {e}", "{shown} är inget PEM-certifikat: {e}"),
                        tr!(
                            "give the CA certificate in PEM form (-----BEGIN CERTIFICATE-----)",
                            "ange CA-certifikatet i PEM-form (-----BEGIN CERTIFICATE-----)"
                        ),
                    )
                })?;
                Some(pem)
            }
            None => None,
        };
        let per_minute = toml.and_then(|t| t.per_minute).unwrap_or(30);
        if per_minute == 0 {
            return Err(Hinted::new(
                tr!("[smtp] per_minute = 0 sends nothing", "[smtp] per_minute = 0 skickar ingenting"),
                tr!(
                    "give the most messages a minute the server takes, e.g. per_minute = 30",
                    "ange hur många meddelanden i minuten servern tar emot, t.ex. per_minute = 30"
                ),
            ));
        }
        let server = Server {
            host,
            port,
            security,
            user,
            password,
            kept,
            ca,
            per_minute,
            retries: toml.and_then(|t| t.retries).unwrap_or(3),
            retry_delay: Duration::from_secs(toml.and_then(|t| t.retry_seconds).unwrap_or(5)),
        };
        Ok((server, warnings))
    }

    /// "smtp.exempel.se:587 (STARTTLS), as intyg@exempel.se".
    pub fn describe(&self) -> String {
        describe(&self.host, self.port, self.security, self.user.as_deref())
    }

    /// The time between two messages.
    pub fn interval(&self) -> Duration {
        Duration::from_secs(60) / self.per_minute
    }
}

/// `smtp://[user[:password]@]host[:port]` (STARTTLS, or plain to this
/// computer) or `smtps://…` (TLS). A password is taken from the
/// environment's URL only: on a command line, every user of the computer
/// can read it.
#[allow(clippy::type_complexity)]
fn parse_url(
    text: &str,
    on_command_line: bool,
) -> Result<(String, Option<u16>, Option<Security>, Option<String>, Option<String>), Hinted> {
    let bad = |why: String| {
        Hinted::new(
            tr!("\"{text}\" is not a mail server address: {why}", "\"{text}\" är ingen e-postserveradress: {why}"),
            tr!(
                "write smtp://HOST:587 (STARTTLS) or smtps://HOST:465 (TLS), e.g. smtp://smtp.example.se:587",
                "skriv smtp://VÄRD:587 (STARTTLS) eller smtps://VÄRD:465 (TLS), t.ex. smtp://smtp.exempel.se:587"
            ),
        )
    };
    let url = url::Url::parse(text.trim()).map_err(|e| bad(e.to_string()))?;
    let security = match url.scheme() {
        "smtp" => None,
        "smtps" => Some(Security::Tls),
        other => {
            return Err(bad(tr!("{other}:// is not smtp:// or smtps://", "{other}:// är inte smtp:// eller smtps://")));
        }
    };
    let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| bad(tr!("no host", "ingen värd")))?;
    let host = host.trim_start_matches('[').trim_end_matches(']').to_owned();
    let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
    let user = Some(decode(url.username())).filter(|u| !u.is_empty());
    let password = url.password().map(decode);
    if password.is_some() && on_command_line {
        return Err(Hinted::new(
            tr!(
                "--smtp holds a password, which every user of this computer can see while intyg runs",
                "--smtp innehåller ett lösenord, som varje användare av den här datorn kan se medan intyg kör"
            ),
            tr!(
                "leave it out of the address and give it in the environment variable INTYG_SMTP_PASSWORD",
                "ta bort det ur adressen och ge det i miljövariabeln INTYG_SMTP_PASSWORD"
            ),
        ));
    }
    // smtp:// to a remote server means STARTTLS, to this computer plain.
    let security = security.or(if is_loopback(&host) { Some(Security::None) } else { Some(Security::StartTls) });
    Ok((host, url.port(), security, user, password))
}

/// "smtp.exempel.se:587 (STARTTLS), as intyg@exempel.se".
fn describe(host: &str, port: u16, security: Security, user: Option<&str>) -> String {
    let how = match security {
        Security::StartTls => "STARTTLS".to_owned(),
        Security::Tls => "TLS".to_owned(),
        Security::None => tr!("no TLS", "utan TLS"),
    };
    let mut out = format!("{host}:{port} ({how})");
    if let Some(u) = user {
        out.push_str(&tr!(", as {u}", ", som {u}"));
    }
    out
}

/// Whether `host` is this computer.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost") || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// What became of one message.
#[derive(Debug)]
pub enum Answer {
    /// The server accepted it; its reply.
    Accepted(String),
    /// The server refused the recipient or the message for good; its reply.
    Rejected(String),
}

/// Why a message did not go, beyond its own refusal.
#[derive(Debug)]
pub enum Failure {
    /// The server could not be reached or said "not now" (4xx): nothing was
    /// taken, and trying again later may work.
    Again(String),
    /// The connection broke while the message was going: the server may or
    /// may not have it.
    Unknown(String),
    /// Trying again will not help: login refused, TLS refused, sender
    /// refused.
    Stop(Hinted),
    /// The step before the content (writing the log) failed.
    Local(std::io::Error),
}

/// One connection to a server, made when first needed and again after it
/// broke.
pub struct Client<'a> {
    server: &'a Server,
    conn: Option<SmtpConnection>,
    hello: ClientId,
}

const TIMEOUT: Duration = Duration::from_secs(60);

impl<'a> Client<'a> {
    /// A client of `server`, not yet connected.
    pub fn new(server: &'a Server) -> Client<'a> {
        Client { server, conn: None, hello: ClientId::default() }
    }

    fn tls(&self) -> Result<TlsParameters, Failure> {
        let mut builder = TlsParameters::builder(self.server.host.clone());
        if let Some(pem) = &self.server.ca {
            builder = builder.add_root_certificate(Certificate::from_pem(pem).map_err(|e| tls_stop(&e))?);
        }
        builder.build_rustls().map_err(|e| tls_stop(&e))
    }

    /// Connects, protects and logs in.
    fn connect(&mut self) -> Result<SmtpConnection, Failure> {
        let s = self.server;
        let implicit = if s.security == Security::Tls { Some(self.tls()?) } else { None };
        let mut conn =
            SmtpConnection::connect((s.host.as_str(), s.port), Some(TIMEOUT), &self.hello, implicit.as_ref(), None)
                .map_err(|e| if tls_failure(&e) { tls_stop(&e) } else { Failure::Again(reply(&e)) })?;
        if s.security == Security::StartTls {
            if !conn.server_info().supports_feature(Extension::StartTls) {
                conn.abort();
                let host = &s.host;
                return Err(Failure::Stop(Hinted::new(
                    tr!("{host} does not offer STARTTLS", "{host} erbjuder inte STARTTLS"),
                    tr!(
                        "ask the mail administrator for the port that does (often 587), or use TLS with smtps://HOST:465",
                        "fråga e-postadministratören efter porten som gör det (ofta 587), eller använd TLS med smtps://VÄRD:465"
                    ),
                )));
            }
            let tls = self.tls()?;
            conn.starttls(&tls, &self.hello)
                .map_err(|e| if tls_failure(&e) { tls_stop(&e) } else { Failure::Again(reply(&e)) })?;
        }
        if let (Some(user), Some(password)) = (&s.user, &s.password) {
            let credentials = Credentials::new(user.clone(), password.clone());
            if let Err(e) = conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials) {
                conn.abort();
                if e.is_transient() {
                    return Err(Failure::Again(reply(&e)));
                }
                let why = reply(&e);
                // A kept or typed password the server refuses is not
                // offered again.
                if s.kept {
                    super::password::forget(&s.host, user);
                }
                return Err(Failure::Stop(Hinted::new(
                    tr!(
                        "the mail server refused the login as {user}: {why}",
                        "e-postservern nekade inloggningen som {user}: {why}"
                    ),
                    tr!(
                        "check the user in the settings and enter the password again on the Send page",
                        "kontrollera användaren i inställningarna och skriv lösenordet igen på sidan Skicka"
                    ),
                )));
            }
        }
        Ok(conn)
    }

    /// Sends `message` to the envelope's recipient. `before_content` runs
    /// once the server has accepted sender and recipient, just before the
    /// content goes (the log's `sending`): from then on, until the server's
    /// reply, a broken connection leaves it unknown whether the message
    /// arrived.
    pub fn send(
        &mut self,
        envelope: &Envelope,
        message: &[u8],
        before_content: impl FnOnce() -> std::io::Result<()>,
    ) -> Result<Answer, Failure> {
        let mut conn = match self.conn.take() {
            Some(c) if !c.has_broken() => c,
            _ => self.connect()?,
        };
        let mut options = Vec::new();
        let non_ascii = envelope.from().into_iter().chain(envelope.to()).any(|a| !AsRef::<str>::as_ref(a).is_ascii());
        if non_ascii {
            if !conn.server_info().supports_feature(Extension::SmtpUtfEight) {
                self.conn = Some(conn);
                return Ok(Answer::Rejected(tr!(
                    "the server does not take addresses with letters such as å, ä and ö (no SMTPUTF8)",
                    "servern tar inte emot adresser med bokstäver som å, ä och ö (ingen SMTPUTF8)"
                )));
            }
            options.push(MailParameter::SmtpUtfEight);
        }
        if !message.is_ascii() && conn.server_info().supports_feature(Extension::EightBitMime) {
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        if let Err(e) = conn.command(Mail::new(envelope.from().cloned(), options)) {
            return Err(self.before(conn, &e, true));
        }
        for to in envelope.to() {
            if let Err(e) = conn.command(Rcpt::new(to.clone(), vec![])) {
                if e.is_permanent() {
                    // The transaction is dropped; the connection serves the next.
                    let _ = conn.command(Rset);
                    self.conn = Some(conn);
                    return Ok(Answer::Rejected(reply(&e)));
                }
                return Err(self.before(conn, &e, false));
            }
        }
        if let Err(e) = conn.command(Data) {
            return Err(self.before(conn, &e, false));
        }
        if let Err(e) = before_content() {
            conn.abort();
            return Err(Failure::Local(e));
        }
        match conn.message(message) {
            Ok(r) => {
                self.conn = Some(conn);
                Ok(Answer::Accepted(response(&r)))
            }
            Err(e) if e.is_permanent() => {
                self.conn = Some(conn);
                Ok(Answer::Rejected(reply(&e)))
            }
            Err(e) if e.is_transient() => {
                self.conn = Some(conn);
                Err(Failure::Again(reply(&e)))
            }
            Err(e) => {
                conn.abort();
                Err(Failure::Unknown(reply(&e)))
            }
        }
    }

    /// A failure before the content went: nothing was taken. A refused
    /// sender stops the run (every message has the same sender).
    fn before(&mut self, mut conn: SmtpConnection, e: &lettre::transport::smtp::Error, sender: bool) -> Failure {
        if e.is_permanent() && sender {
            conn.abort();
            let why = reply(e);
            return Failure::Stop(Hinted::new(
                tr!("the mail server refuses the sender: {why}", "e-postservern nekar avsändaren: {why}"),
                tr!(
                    "set [email] from to an address the server lets you send from",
                    "ange i [email] from en adress som servern låter dig skicka från"
                ),
            ));
        }
        if e.is_transient() || e.is_permanent() {
            let _ = conn.command(Rset);
            self.conn = Some(conn);
        } else {
            conn.abort();
        }
        Failure::Again(reply(e))
    }

    /// Says goodbye to the server.
    pub fn quit(&mut self) {
        if let Some(mut c) = self.conn.take() {
            let _ = c.quit();
        }
    }
}

/// Whether `e` is TLS refusing the server (its certificate, the
/// handshake), which trying again will not mend. lettre reports a refused
/// certificate as a network error, so its text decides too.
fn tls_failure(e: &lettre::transport::smtp::Error) -> bool {
    let text = e.to_string().to_lowercase();
    e.is_tls() || text.contains("certificate") || text.contains("handshake")
}

fn tls_stop(e: &dyn std::fmt::Display) -> Failure {
    Failure::Stop(Hinted::new(
        tr!("TLS with the mail server failed: {e}", "TLS mot e-postservern misslyckades: {e}"),
        tr!(
            "if the server's certificate is signed by your organisation's own CA, name its PEM file with ca_file in [smtp]",
            "om serverns certifikat är signerat av organisationens egen CA, ange dess PEM-fil med ca_file i [smtp]"
        ),
    ))
}

/// A server reply on one line: "250 2.0.0 Ok: queued as 4F2A".
fn response(r: &lettre::transport::smtp::response::Response) -> String {
    let lines: Vec<&str> = r.message().collect();
    format!("{} {}", r.code(), lines.join(" ")).trim().to_owned()
}

/// An error as one line, with the server's code where there was one.
fn reply(e: &lettre::transport::smtp::Error) -> String {
    let text = match e.status() {
        Some(code) => format!("{code} {}", std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default()),
        None => e.to_string(),
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources<'a>(arg: Option<&'a str>, toml: Option<&'a Smtp>) -> Sources<'a> {
        Sources { arg, env_url: None, env_password: None, given_password: None, toml, dir: Path::new(".") }
    }

    fn toml(text: &str) -> Smtp {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn urls_choose_tls_by_scheme_and_host() {
        let (s, _) = Server::resolve(&sources(Some("smtp://smtp.exempel.se"), None)).unwrap();
        assert_eq!((s.port, s.security), (587, Security::StartTls));
        let (s, _) = Server::resolve(&sources(Some("smtps://smtp.exempel.se"), None)).unwrap();
        assert_eq!((s.port, s.security), (465, Security::Tls));
        let (s, _) = Server::resolve(&sources(Some("smtp://127.0.0.1:2525"), None)).unwrap();
        assert_eq!((s.port, s.security), (2525, Security::None));
        let (s, _) = Server::resolve(&sources(Some("smtp://[::1]:2525"), None)).unwrap();
        assert_eq!((s.host.as_str(), s.security), ("::1", Security::None));
        assert!(Server::resolve(&sources(Some("http://smtp.exempel.se"), None)).is_err());
        assert!(Server::resolve(&sources(Some("inte en adress"), None)).is_err());
    }

    #[test]
    fn no_tls_only_to_this_computer() {
        let t = toml("host = \"smtp.exempel.se\"\nsecurity = \"none\"");
        let Hinted { message: msg, .. } = Server::resolve(&sources(None, Some(&t))).err().unwrap();
        assert!(msg.contains("smtp.exempel.se"), "{msg}");
        let t = toml("host = \"localhost\"\nport = 2525");
        let (s, _) = Server::resolve(&sources(None, Some(&t))).unwrap();
        assert_eq!(s.security, Security::None);
        let t = toml("host = \"smtp.exempel.se\"\nsecurity = \"ssl\"");
        assert!(Server::resolve(&sources(None, Some(&t))).is_err());
    }

    #[test]
    fn passwords_come_from_the_environment_or_a_file_never_the_command_line() {
        let Hinted { message: msg, hint } =
            Server::resolve(&sources(Some("smtp://u:hemligt@smtp.exempel.se"), None)).err().unwrap();
        assert!(msg.contains("password") || msg.contains("lösenord"), "{msg}");
        assert!(hint.contains("INTYG_SMTP_PASSWORD"), "{hint}");
        let env = Sources {
            env_url: Some("smtp://intyg%40exempel.se:hem%20ligt@smtp.exempel.se".into()),
            ..sources(None, None)
        };
        let (s, _) = Server::resolve(&env).unwrap();
        assert_eq!((s.user.as_deref(), s.password.as_deref()), (Some("intyg@exempel.se"), Some("hem ligt")));
        let t = toml("host = \"smtp.exempel.se\"\nuser = \"intyg\"");
        assert!(Server::resolve(&sources(None, Some(&t))).is_err(), "a user needs a password");
        let withenv = Sources { env_password: Some("hemligt".into()), ..sources(None, Some(&t)) };
        assert_eq!(Server::resolve(&withenv).unwrap().0.password.as_deref(), Some("hemligt"));
        let dir = tempfile::tempdir().unwrap();
        #[allow(clippy::disallowed_methods)]
        std::fs::write(dir.path().join("losen"), "från fil\n").unwrap();
        let t = toml("host = \"smtp.exempel.se\"\nuser = \"intyg\"\npassword_file = \"losen\"");
        let (s, warnings) = Server::resolve(&Sources { dir: dir.path(), ..sources(None, Some(&t)) }).unwrap();
        assert_eq!(s.password.as_deref(), Some("från fil"));
        assert_eq!(warnings.len(), usize::from(crate::credential::keys::readable_by_others(&dir.path().join("losen"))));
    }

    #[test]
    fn throttle_spaces_messages() {
        let t = toml("host = \"localhost\"\nper_minute = 120");
        assert_eq!(Server::resolve(&sources(None, Some(&t))).unwrap().0.interval(), Duration::from_millis(500));
        let t = toml("host = \"localhost\"\nper_minute = 0");
        assert!(Server::resolve(&sources(None, Some(&t))).is_err());
    }
}
