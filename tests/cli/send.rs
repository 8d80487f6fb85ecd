//! `intyg send` against a real SMTP server on loopback: Python's aiosmtpd,
//! started by each test (`tests/smtp_server.py`; `.ci/run` installs it).
//! Messages are read back as the server received them, parsed by Python's
//! own e-mail package: recipients, subjects, bodies and attachments.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{Fixture, Run, repo};
use serde_json::Value;

/// A running test mail server and the folder it writes what it accepts to.
pub(crate) struct MailServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl MailServer {
    pub(crate) fn start(maildir: &Path, args: &[&str]) -> MailServer {
        let mut child = Command::new("python3")
            .arg(repo().join("tests/smtp_server.py"))
            .arg(maildir)
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("read port");
        let port = line.strip_prefix("PORT ").and_then(|p| p.trim().parse().ok()).unwrap_or_else(|| {
            let _ = child.kill();
            panic!("the e-mail tests need Python 3 with aiosmtpd (pip install aiosmtpd; .ci/run does)")
        });
        MailServer { child, port, maildir: maildir.to_path_buf() }
    }

    pub(crate) fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What the server accepted, in order.
    pub(crate) fn received(&self) -> Vec<Value> {
        received(&self.maildir)
    }
}

impl Drop for MailServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn received(maildir: &Path) -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(maildir)
        .map(|r| r.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "json")).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap()).collect()
}

/// Recipients of what the server accepted, sorted.
fn recipients(messages: &[Value]) -> Vec<String> {
    let mut to: Vec<String> = messages
        .iter()
        .flat_map(|m| m["rcpt_tos"].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_owned()))
        .collect();
    to.sort();
    to
}

const EMAIL: &str = "\n[email]\nfrom = \"Testkommunen <kurser@exempel.se>\"\n";

/// The tiny course with a sender, issued.
fn issued(extra_toml: &str) -> Fixture {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}{EMAIL}{extra_toml}"));
    f.run(&["issue", "{dir}"]).success();
    f
}

fn send(f: &Fixture, server: &MailServer, more: &[&str]) -> Run {
    let url = server.url();
    let mut args = vec!["send", "{dir}", "--smtp", url.as_str(), "--yes"];
    args.extend_from_slice(more);
    f.run(&args)
}

fn log_lines(f: &Fixture, status: &str) -> usize {
    std::fs::read_to_string(f.out().join("delivery.csv"))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.split(',').nth(4) == Some(status))
        .count()
}

fn sha256_hex(path: &Path) -> String {
    use std::fmt::Write;
    let digest = <sha2::Sha256 as sha2::Digest>::digest(std::fs::read(path).unwrap());
    digest.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[test]
fn dry_run_shows_every_message_writes_eml_and_sends_nothing() {
    let f = issued("");
    let run = f.run(&["send", "{dir}", "--dry-run"]);
    run.success();
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0]
            .starts_with("GK-0001\tÅsa Öberg <asa@exempel.se>\tKursintyg: Grundkurs i mänskliga rättigheter\tGK-0001-"),
        "{out}"
    );
    assert!(
        run.stderr().contains("Provkörning: 2 meddelanden skulle skickas; ingenting skickades"),
        "{}",
        run.stderr()
    );
    let eml: Vec<PathBuf> = common::files_under(&f.out().join("outbox"));
    assert_eq!(eml.len(), 2, "{eml:?}");
    let first = std::fs::read_to_string(eml.iter().min().unwrap()).unwrap();
    assert!(first.contains("To: =?utf-8?b?"), "{first}");
    assert!(first.contains("Content-Type: application/pdf"), "{first}");
    assert!(first.contains("From: Testkommunen <kurser@exempel.se>"), "{first}");
    assert!(!f.out().join("delivery.csv").exists(), "a dry run logs nothing");
    // The summary for scripts.
    let json = f.run(&["send", "{dir}", "--dry-run", "--json"]).json();
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["sent"].as_array().unwrap().len(), 2);
    assert_eq!(json["sent"][1]["recipient"], "marta@exempel.se");
}

#[test]
fn messages_arrive_with_their_recipient_subject_body_and_pdf_and_a_rerun_sends_nothing() {
    let f = issued("");
    let tmp = f.tmp.path().to_path_buf();
    let server = MailServer::start(&tmp.join("mail"), &[]);
    let run = send(&f, &server, &[]);
    run.success();
    let got = server.received();
    assert_eq!(recipients(&got), ["asa@exempel.se", "marta@exempel.se"]);
    let asa = got.iter().find(|m| m["rcpt_tos"][0] == "asa@exempel.se").unwrap();
    assert_eq!(asa["mail_from"], "kurser@exempel.se");
    assert_eq!(asa["from"], "Testkommunen <kurser@exempel.se>");
    assert_eq!(asa["to"], "Åsa Öberg <asa@exempel.se>");
    assert_eq!(asa["subject"], "Kursintyg: Grundkurs i mänskliga rättigheter");
    let body = asa["body"].as_str().unwrap().replace("\r\n", "\n");
    // The records have one name column: the greeting uses it whole.
    assert!(
        body.starts_with("Hej Åsa!\n\nHär kommer ditt kursintyg från Grundkurs i mänskliga rättigheter."),
        "{body}"
    );
    assert!(body.contains("Testkommunen"), "{body}");
    let attachments = asa["attachments"].as_array().unwrap();
    assert_eq!(attachments.len(), 1);
    let file = attachments[0]["filename"].as_str().unwrap();
    assert!(file.starts_with("GK-0001-") && file.ends_with(".pdf"), "{file}");
    assert_eq!(attachments[0]["content_type"], "application/pdf");
    assert_eq!(attachments[0]["sha256"], sha256_hex(&f.out().join(file)), "the PDF arrives byte for byte");
    assert!(run.stderr().contains("Skickade 2 meddelanden via 127.0.0.1"), "{}", run.stderr());
    assert_eq!(log_lines(&f, "sent"), 2);
    assert_eq!(log_lines(&f, "sending"), 2);

    let again = send(&f, &server, &[]);
    again.success();
    assert!(again.stderr().contains("Skickade tidigare (enligt loggen): 2"), "{}", again.stderr());
    assert_eq!(server.received().len(), 2, "a rerun sends nothing twice");

    // On purpose, one again: a new message with a new Message-ID.
    send(&f, &server, &["--resend", "--only", "GK-0001"]).success();
    let got = server.received();
    assert_eq!(recipients(&got), ["asa@exempel.se", "asa@exempel.se", "marta@exempel.se"]);
    assert_ne!(got[0]["message_id"], got[2]["message_id"]);
}

#[test]
fn a_refused_recipient_is_reported_and_the_others_arrive() {
    let f = issued("");
    let csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    f.write("deltagare.csv", format!("{csv}\nUtan Adress;;Umeå kommun;X;X\nFel Adress;fel.adress@;Umeå kommun;X;X\n"));
    f.run(&["issue", "{dir}"]).success();
    let server = MailServer::start(&f.tmp.path().join("mail"), &["--reject", "asa@exempel.se"]);
    let run = send(&f, &server, &["--json"]);
    assert_eq!(run.code(), 1, "not everyone got theirs: {}", run.stderr());
    assert_eq!(recipients(&server.received()), ["marta@exempel.se"]);
    let err = run.stderr();
    assert!(err.contains("nekat av servern: GK-0001 till asa@exempel.se: 550"), "{err}");
    assert!(err.contains("Utan Adress (GK-0003) skickas inte: ingen e-postadress"), "{err}");
    assert!(err.contains("\"fel.adress@\" är ingen e-postadress"), "{err}");
    let json = run.json();
    assert_eq!(json["rejected"][0]["id"], "GK-0001");
    assert_eq!(json["skipped"].as_array().unwrap().len(), 2);
    assert_eq!(log_lines(&f, "rejected"), 1);
}

#[test]
fn killed_mid_batch_and_run_again_every_recipient_gets_exactly_one() {
    let mut csv = String::from("Namn;E-post;Kommun;Dag 1;Dag 2\n");
    for i in 1..=12 {
        csv.push_str(&format!("Deltagare {i};d{i}@exempel.se;Umeå kommun;X;X\n"));
    }
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", csv);
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    // 300 a minute: 200 ms between messages, while the test watches the log.
    f.write("intyg.toml", format!("{toml}{EMAIL}\n[smtp]\nhost = \"127.0.0.1\"\nper_minute = 300\n"));
    f.run(&["issue", "{dir}"]).success();
    let server = MailServer::start(&f.tmp.path().join("mail"), &[]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_intyg"))
        .args(["send", "p", "--smtp", &server.url(), "--yes", "-q"])
        .current_dir(f.tmp.path())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while log_lines(&f, "sent") < 4 {
        assert!(started.elapsed() < Duration::from_secs(30), "no progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let before = server.received().len();
    assert!((4..12).contains(&before), "killed mid-batch, after {before}");
    let run = f.run(&["send", "p", "--smtp", &server.url(), "--yes"]);
    run.success();
    let got = server.received();
    let expected: Vec<String> = {
        let mut v: Vec<String> = (1..=12).map(|i| format!("d{i}@exempel.se")).collect();
        v.sort();
        v
    };
    assert_eq!(recipients(&got), expected, "each exactly once");
    assert!(run.stderr().contains(&format!("Skickade tidigare (enligt loggen): {before}")), "{}", run.stderr());
}

#[test]
fn a_server_that_goes_down_stops_the_run_clearly_and_a_rerun_sends_the_rest() {
    let f = issued("\n[smtp]\nhost = \"127.0.0.1\"\nretries = 1\nretry_seconds = 0\n");
    let maildir = f.tmp.path().join("mail");
    let server = MailServer::start(&maildir, &["--stop-after", "1"]);
    let run = send(&f, &server, &[]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("fel: e-postservern 127.0.0.1:"), "{err}");
    assert!(err.contains("tog inte emot meddelandet efter 2 försök"), "{err}");
    assert!(err.contains("1 meddelande skickades före avbrottet"), "{err}");
    assert_eq!(log_lines(&f, "sent"), 1);
    drop(server);
    let server = MailServer::start(&maildir, &[]);
    send(&f, &server, &[]).success();
    assert_eq!(recipients(&server.received()), ["asa@exempel.se", "marta@exempel.se"]);
}

#[test]
fn nothing_is_sent_without_a_yes() {
    let f = issued("");
    let server = MailServer::start(&f.tmp.path().join("mail"), &[]);
    let url = server.url();
    let run = f.run(&["send", "{dir}", "--smtp", &url]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("intyg frågar innan 2 meddelanden skickas"), "{}", run.stderr());
    assert!(run.stderr().contains("--yes"), "{}", run.stderr());
    assert!(server.received().is_empty());
}

#[test]
fn login_with_the_password_from_the_environment() {
    let f = issued("\n[smtp]\nhost = \"127.0.0.1\"\nuser = \"kurser\"\n");
    let server = MailServer::start(&f.tmp.path().join("mail"), &["--user", "kurser", "--password", "rätt lösen"]);
    let url = format!("smtp://kurser@127.0.0.1:{}", server.port);
    let no_password = f.run(&["send", "{dir}", "--smtp", &url, "--yes"]);
    assert_eq!(no_password.code(), 2);
    assert!(no_password.stderr().contains("INTYG_SMTP_PASSWORD"), "{}", no_password.stderr());
    let wrong = f.run_env(&[("INTYG_SMTP_PASSWORD", "fel")], &["send", "{dir}", "--smtp", &url, "--yes"]);
    assert_eq!(wrong.code(), 1);
    assert!(wrong.stderr().contains("e-postservern nekade inloggningen som kurser: 535"), "{}", wrong.stderr());
    assert!(server.received().is_empty());
    f.run_env(&[("INTYG_SMTP_PASSWORD", "rätt lösen")], &["send", "{dir}", "--smtp", &url, "--yes"]).success();
    assert_eq!(server.received().len(), 2);
}

#[test]
fn unsafe_settings_are_refused_before_anything_is_sent() {
    let f = issued("\n[smtp]\nhost = \"smtp.exempel.se\"\nuser = \"kurser\"\n");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}password = \"hemligt\"\n"));
    let run = f.run(&["send", "{dir}", "--dry-run"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("e-postserverns lösenord får inte skrivas i intyg.toml"), "{}", run.stderr());
    assert!(run.stderr().contains("intyg.toml, rad "), "{}", run.stderr());

    let f = issued("\n[smtp]\nhost = \"smtp.exempel.se\"\nsecurity = \"none\"\n");
    let plain = f.run(&["send", "{dir}", "--yes"]);
    assert_eq!(plain.code(), 2);
    let on_command_line = f.run(&["send", "{dir}", "--smtp", "smtp://kurser:hemligt@smtp.exempel.se", "--yes"]);
    assert_eq!(on_command_line.code(), 2);
    assert!(on_command_line.stderr().contains("INTYG_SMTP_PASSWORD"), "{}", on_command_line.stderr());
    let plain_err = plain.stderr();
    assert!(plain_err.contains("utan TLS bara till en server på den här datorn"), "{plain_err}");
}

#[test]
fn documents_not_issued_are_listed_before_anything_is_sent() {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}{EMAIL}"));
    let run = f.run(&["send", "{dir}", "--dry-run"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("GK-0001 finns inte i registret"), "{err}");
    assert!(err.contains("GK-0002 finns inte i registret"), "{err}");
    assert!(err.contains("intyg issue"), "{err}");
    let unknown = f.run(&["send", "{dir}", "--dry-run", "--only", "GK-9999"]);
    assert_eq!(unknown.code(), 2, "{}", unknown.stderr());
}

#[test]
fn diplomas_go_to_the_contact_and_replaced_or_expired_ones_stay_unless_named() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}"]).success();
    let run = f.run(&["send", "{dir}", "--dry-run", "--json", "--on", "2026-11-23"]);
    run.success();
    let json = run.json();
    let expired = json["expired"].as_array().unwrap();
    let reasons: Vec<(&str, &str)> =
        expired.iter().map(|e| (e["id"].as_str().unwrap(), e["reason"].as_str().unwrap())).collect();
    assert_eq!(reasons, [("MDP-2021-003", "ersatt av MDP-2024-004"), ("MDP-2023-006", "gick ut 28 september 2026")]);
    let first = &json["sent"][0];
    assert_eq!(first["recipient"], "eva.lundmark@rorservice.exempel.se");
    assert_eq!(first["subject"], "Mångfaldsdiplom 2024 till Norrbottens Rörservice AB");
    let eml = std::fs::read_to_string(f.out().join("outbox/MDP-2024-001-norrbottens-rorservice-ab.eml")).unwrap();
    assert!(eml.contains("To: \"Eva Lundmark\" <eva.lundmark@rorservice.exempel.se>"), "{eml}");
    // Named on purpose, an expired one goes.
    let named = f.run(&["send", "{dir}", "--dry-run", "--json", "--on", "2026-11-23", "--only", "MDP-2023-006"]).json();
    assert_eq!(named["sent"][0]["id"], "MDP-2023-006");
}

/// A CA and a certificate for localhost signed by it, made with openssl.
fn certificates(dir: &Path) {
    let openssl = |args: &[&str]| {
        let ok = Command::new("openssl").args(args).current_dir(dir).stderr(Stdio::null()).status();
        assert!(ok.is_ok_and(|s| s.success()), "openssl {args:?} (the TLS test needs the openssl command)");
    };
    openssl(
        &["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2"]
            .into_iter()
            .chain(["-subj", "/CN=Testkommunens CA", "-addext", "basicConstraints=critical,CA:TRUE"])
            .chain(["-addext", "keyUsage=critical,keyCertSign"])
            .collect::<Vec<_>>(),
    );
    openssl(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "srv.key",
        "-out",
        "srv.csr",
        "-subj",
        "/CN=localhost",
    ]);
    std::fs::write(dir.join("ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
        .unwrap();
    openssl(
        &["x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial"]
            .into_iter()
            .chain(["-out", "srv.pem", "-days", "2", "-extfile", "ext"])
            .collect::<Vec<_>>(),
    );
}

#[test]
fn starttls_with_the_organisations_own_ca_and_a_login() {
    let certs = tempfile::tempdir().unwrap();
    certificates(certs.path());
    let (cert, key) = (certs.path().join("srv.pem"), certs.path().join("srv.key"));
    let f = issued("");
    let server = MailServer::start(
        &f.tmp.path().join("mail"),
        &[
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
            "--user",
            "kurser",
            "--password",
            "hemligt",
        ],
    );
    let smtp =
        format!("\n[smtp]\nhost = \"localhost\"\nport = {}\nsecurity = \"starttls\"\nuser = \"kurser\"\n", server.port);
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}{smtp}"));
    let password = [("INTYG_SMTP_PASSWORD", "hemligt")];
    // Without the CA, the server's certificate is refused at once, not retried.
    let refused = f.run_env(&password, &["send", "{dir}", "--yes"]);
    assert_eq!(refused.code(), 1);
    let err = refused.stderr();
    assert!(err.contains("TLS mot e-postservern misslyckades") && err.contains("ca_file"), "{err}");
    assert!(!err.contains("försöker igen"), "{err}");
    assert!(server.received().is_empty());
    std::fs::copy(certs.path().join("ca.pem"), f.dir().join("ca.pem")).unwrap();
    f.write("intyg.toml", format!("{toml}{smtp}ca_file = \"ca.pem\"\n"));
    let run = f.run_env(&password, &["send", "{dir}", "--yes"]);
    run.success();
    assert!(run.stderr().contains("(STARTTLS), som kurser"), "{}", run.stderr());
    assert_eq!(recipients(&server.received()), ["asa@exempel.se", "marta@exempel.se"]);
}
