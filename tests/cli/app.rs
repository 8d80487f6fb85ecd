//! `intyg app` on the real binary: the server it starts refuses what it
//! must (no token, a foreign Host, a foreign Origin, no CSRF token, a path
//! out of the folder), and a coordinator's whole job in headless Chromium
//! (`tests/browser/app.py`): a new folder and its settings, a Windows-1252
//! sheet uploaded, a column mapped and one left out, a problem fixed, a
//! preview, issue, the ZIP, the mail server set up and a test message, the
//! certificates sent, the site published, a conference's signing sheet and
//! badges, a check.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::common::{Fixture, repo};

/// A running `intyg app`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    token: String,
    url: String,
}

impl Server {
    /// Starts `intyg app --no-browser` on `folders`, keeping its recent
    /// folders in `state`.
    fn start(folders: &[&std::path::Path], state: &std::path::Path) -> Server {
        Server::start_idle(folders, state, 120)
    }

    /// As [`Server::start`], stopping after `idle` seconds with no page open.
    fn start_idle(folders: &[&std::path::Path], state: &std::path::Path, idle: u64) -> Server {
        Server::start_with(folders, state, idle, &[])
    }

    /// As [`Server::start_idle`], with environment variables set.
    fn start_with(folders: &[&std::path::Path], state: &std::path::Path, idle: u64, env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_intyg"))
            .args(["app", "--no-browser", "--lang", "sv", "--idle", &idle.to_string()])
            .args(folders)
            .env("INTYG_APP_STATE", state)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start intyg app");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("the app prints its address");
        let url = line.trim().to_owned();
        let rest = url.strip_prefix("http://127.0.0.1:").unwrap_or_else(|| panic!("an address on 127.0.0.1: {url}"));
        let port = rest.split('/').next().unwrap().parse().unwrap();
        let token = url.split("token=").nth(1).unwrap().to_owned();
        Server { child, port, token, url }
    }

    /// Sends `request` (with `{port}` and `{token}` filled in) and returns
    /// the status code and the whole response.
    fn send(&self, request: &str) -> (u16, String) {
        let request = request.replace("{port}", &self.port.to_string()).replace("{token}", &self.token);
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        (status, response)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A GET of `path` with `headers`.
fn get(path: &str, headers: &str) -> String {
    format!("GET {path} HTTP/1.1\r\n{headers}Connection: close\r\n\r\n")
}

/// A form POST of `body` to `path` with `headers`.
fn post(path: &str, headers: &str, body: &str) -> String {
    format!(
        "POST {path} HTTP/1.1\r\n{headers}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn the_app_refuses_other_programs_other_sites_and_paths_out_of_the_folder() {
    let f = Fixture::new("samples/mr-strateger-2019");
    std::fs::write(f.tmp.path().join("hemlig.txt"), "personnummer").unwrap();
    let server = Server::start(&[&f.dir()], &f.tmp.path().join("recent.txt"));
    let host = "Host: 127.0.0.1:{port}\r\n";
    let cookie = "Cookie: intyg_app={token}\r\n";
    let ours = format!("{host}{cookie}");

    // The address it printed sets the cookie and leaves the token out of
    // the address bar.
    let (status, response) = server.send(&get(&format!("/f/0?token={}", server.token), host));
    assert_eq!(status, 303, "{response}");
    assert!(
        response.contains("set-cookie: intyg_app=") && response.contains("HttpOnly; SameSite=Strict"),
        "{response}"
    );
    let (status, page) = server.send(&get("/f/0", &ours));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Så läste intyg filen") && page.contains("Windows-1252"), "{page}");
    assert!(page.contains("content-security-policy: default-src 'self'"), "{page}");

    // Another program or user of the computer, without the token.
    let (status, said) = server.send(&get("/f/0", host));
    assert_eq!(status, 403, "{said}");
    assert!(!said.contains("Lindqvist"), "{said}");
    let (status, _) = server.send(&get("/f/0?token=0000", host));
    assert_eq!(status, 403);
    let (status, said) = server.send(&get("/browse?dir=%2F", host));
    assert_eq!(status, 403, "the folder picker lists folders only for the app's own page: {said}");
    let (status, _) = server.send(&get("/f/0", &format!("{host}Cookie: intyg_app=0000\r\n")));
    assert_eq!(status, 403);

    // DNS rebinding: a page of another site whose name now points here.
    let (status, said) = server.send(&get("/f/0", &format!("Host: evil.example:{}\r\n{cookie}", server.port)));
    assert_eq!(status, 421, "{said}");
    assert!(said.contains("adressen är inte appens"), "{said}");
    let (status, _) = server.send(&get("/f/0", cookie));
    assert_eq!(status, 421, "no Host at all");

    // Another site's form posting to the app, and one without the CSRF token.
    let body = format!("path={}", f.dir().display());
    let evil = format!("{ours}Origin: http://evil.example\r\n");
    let (status, said) = server.send(&post("/open?csrf=x", &evil, &body));
    assert_eq!(status, 403, "{said}");
    assert!(said.contains("en ändring måste komma från appens egen sida"), "{said}");
    let own = format!("{ours}Origin: http://127.0.0.1:{}\r\n", server.port);
    let (status, said) = server.send(&post("/open", &own, &body));
    assert_eq!(status, 403, "{said}");
    assert!(said.contains("sidan är inaktuell"), "{said}");
    let (status, _) = server.send(&post("/f/0/issue", &own, ""));
    assert_eq!(status, 403, "issuing needs the CSRF token too");
    assert!(!f.out().exists(), "nothing was issued");
    // With the page's own token it goes through.
    let csrf = page.split("data-csrf=\"").nth(1).unwrap().split('"').next().unwrap();
    let (status, said) = server.send(&post(&format!("/open?csrf={csrf}"), &own, &body));
    assert_eq!(status, 303, "{said}");

    // Paths that leave the folder's output, and folders never opened.
    for path in ["/f/0/out/..%2F..%2Fhemlig.txt", "/f/0/out/..%2Fintyg.toml", "/f/0/out/%2Fetc%2Fpasswd", "/f/7"] {
        let (status, said) = server.send(&get(path, &ours));
        assert_eq!(status, 404, "{path}: {said}");
        assert!(!said.contains("personnummer") && !said.contains("[issuer]"), "{path}: {said}");
    }
    let (status, _) = server.send(&post(&format!("/f/0/columns?csrf={csrf}"), &own, "header=x&field=template"));
    assert_eq!(status, 200, "the page says the field is unknown");
    assert!(!std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap().contains("template = \"x\""));
}

#[test]
fn the_app_stops_by_itself_once_no_page_is_open() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let mut server = Server::start_idle(&[&f.dir()], &f.tmp.path().join("recent.txt"), 1);
    // A page held open (its event stream) keeps it running past the idle time.
    let mut page = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let request = get("/alive", &format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token));
    page.write_all(request.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    assert!(server.child.try_wait().unwrap().is_none(), "it stopped with a page open");
    drop(page);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while server.child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "it still runs with no page open");
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut said = String::new();
    server.child.stderr.take().unwrap().read_to_string(&mut said).unwrap();
    assert!(said.contains("Ingen sida av appen är öppen: intyg app avslutades."), "{said}");
    assert!(server.child.wait().unwrap().success());
}

#[test]
fn the_app_makes_the_report_and_sends_only_what_the_person_was_shown() {
    let f = Fixture::new("samples/mr-strateger-2019");
    // The sample's server sends 30 a minute; the test's takes them at once.
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replace("per_minute = 30", "per_minute = 6000"));
    f.run(&["issue", "{dir}", "-q"]).success();
    let mail = crate::send::MailServer::start(&f.tmp.path().join("mail"), &[]);
    let url = mail.url();
    let server =
        Server::start_with(&[&f.dir()], &f.tmp.path().join("recent.txt"), 120, &[("INTYG_SMTP_URL", url.as_str())]);
    let ours = format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token);
    let own = format!("{ours}Origin: http://127.0.0.1:{}\r\n", server.port);
    let (_, page) = server.send(&get("/f/0/report", &ours));
    let csrf = page.split("data-csrf=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();

    let (status, page) = server.send(&post(&format!("/f/0/report?csrf={csrf}"), &own, ""));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Rapporten är klar") && page.contains("programrapport.pdf"), "{page}");
    assert!(f.out().join("programrapport.pdf").is_file());

    // The dry run: every message shown, each written to the outbox, none sent.
    let (status, page) = server.send(&get("/f/0/send", &ours));
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("25 meddelanden att skicka"), "{page}");
    assert!(page.contains("mohammed.al-rashid@malmo.exempel.se"), "{page}");
    // Who it is from, and each message's text as the recipient reads it.
    assert!(
        page.contains("Från: <strong>Rättighetsakademin &lt;utbildning@rattighetsakademin.exempel.se&gt;"),
        "{page}"
    );
    assert!(page.contains("<pre class=\"letter\">Hej Mohammed!"), "{page}");
    assert!(f.out().join("outbox/MRS19-0002-mohammed-al-rashid.eml").is_file());
    assert!(mail.received().is_empty(), "a dry run sends nothing");
    // The page carries a checksum of every message it showed.
    let digest = page.split("name=\"digest\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    // Without the tick nothing goes.
    let (_, page) = server.send(&post(&format!("/f/0/send?csrf={csrf}"), &own, &format!("digest={digest}")));
    assert!(page.contains("ingenting skickades: kryssa i rutan först"), "{page}");
    // An address changed in the sheet after the page showed the messages:
    // the same count, another message, so nothing is sent.
    let sheet = f.dir().join("deltagare.csv");
    let before = std::fs::read(&sheet).unwrap();
    // The sheet is Windows-1252: the address is changed byte for byte.
    let (old, new) = (b"mohammed.al-rashid@malmo".as_slice(), b"m.rashid@malmo".as_slice());
    let at = before.windows(old.len()).position(|w| w == old).unwrap();
    std::fs::write(&sheet, [&before[..at], new, &before[at + old.len()..]].concat()).unwrap();
    let confirmed = format!("digest={digest}&confirm=yes");
    let (status, said) = server.send(&post(&format!("/f/0/send?csrf={csrf}"), &own, &confirmed));
    assert_eq!(status, 303, "{said}");
    let page = sent_page(&server, &ours);
    assert!(page.contains("meddelandena har ändrats sedan sidan visade dem"), "{page}");
    assert!(mail.received().is_empty());
    std::fs::write(&sheet, &before).unwrap();
    // Confirmed as shown: all 25, each once, sent in the background while
    // the run page shows the count.
    let (status, said) = server.send(&post(&format!("/f/0/send?csrf={csrf}"), &own, &confirmed));
    assert_eq!(status, 303, "{said}");
    assert!(said.contains("location: /f/0/send/run"), "{said}");
    let (_, events) = server.send(&get("/f/0/send/events", &ours));
    assert!(events.contains("event: done"), "{events}");
    let page = sent_page(&server, &ours);
    assert!(page.contains("Skickade: 25"), "{page}");
    assert_eq!(mail.received().len(), 25);

    // The verification site, with the lines for the web team.
    let (status, page) = server.send(&post(&format!("/f/0/publish?csrf={csrf}"), &own, ""));
    assert_eq!(status, 200, "{page}");
    // minijinja escapes "/" in HTML.
    let page = page.replace("&#x2f;", "/");
    assert!(page.contains("Publicerade 25 dokumentsidor"), "{page}");
    assert!(page.contains("Ladda upp mappen så att https://intyg.rattighetsakademin.exempel.se/mrs19/ID"), "{page}");
    assert!(f.dir().join("site/index.html").is_file());
}

/// The send run's page once the run has finished.
fn sent_page(server: &Server, headers: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let (status, page) = server.send(&get("/f/0/send/run", headers));
        assert_eq!(status, 200, "{page}");
        if !page.contains("data-events=") {
            return page;
        }
        assert!(std::time::Instant::now() < deadline, "the sending did not finish: {page}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// axe-core's browser script, as `tests/cli/site.rs` finds it.
fn axe_js() -> std::path::PathBuf {
    std::env::var_os("INTYG_AXE_JS")
        .map_or_else(|| repo().join("target/axe/package/axe.min.js"), std::path::PathBuf::from)
}

#[test]
fn a_coordinator_issues_the_sample_from_the_browser_in_chromium() {
    let f = Fixture::empty().with_sibling("mr-strateger-2019").with_sibling("mangfaldsdiplom-pitea");
    let sample = f.tmp.path().join("mr-strateger-2019");
    // The password typed in the page is kept in a store of the process's
    // own: a test machine has no credential store.
    let server = Server::start_with(&[], &f.tmp.path().join("recent.txt"), 120, &[("INTYG_KEYRING", "mock")]);
    let shots = repo().join("target/app-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let run = Command::new("python3")
        .arg(repo().join("tests/browser/app.py"))
        .arg(&server.url)
        .arg(axe_js())
        .arg(f.tmp.path())
        .arg(&sample)
        .arg(&shots)
        .output()
        .expect("python3");
    assert!(
        run.status.success(),
        "app.py in Chromium:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
    // What the browser issued is on disk, as `intyg issue` writes it.
    let register = std::fs::read_to_string(sample.join("out/register.csv")).unwrap();
    assert!(register.contains("Mohammed Al-Rashid"), "{register}");
}

#[test]
fn a_diploma_folders_unknown_column_is_mapped_from_its_drop_down() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    f.write("organisationer.csv", csv.replacen("Organisation;", "Föreningens namn;", 1));
    let server = Server::start(&[&f.dir()], &f.tmp.path().join("recent.txt"));
    let ours = format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token);
    let own = format!("{ours}Origin: http://127.0.0.1:{}\r\n", server.port);
    let (status, page) = server.send(&get("/f/0", &ours));
    assert_eq!(status, 200, "{page}");
    let csrf = page.split("data-csrf=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    // The column is offered the diploma's fields, in the words of the
    // report of how the file was read; a course's are not among them.
    let row = page.split("<th scope=\"row\">Föreningens namn</th>").nth(1).expect(&page);
    let row = row.split("</tr>").next().unwrap();
    assert!(row.contains("<option value=\"name\">organisationens namn</option>"), "{row}");
    assert!(row.contains("<option value=\"citation\">motivering</option>"), "{row}");
    assert!(!row.contains("value=\"first_name\""), "{row}");
    assert!(page.contains("Inte klart att utfärda"), "{page}");

    let body = "header=F%C3%B6reningens+namn&field=name";
    let (status, said) = server.send(&post(&format!("/f/0/columns?csrf={csrf}"), &own, body));
    assert_eq!(status, 303, "{said}");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    assert!(toml.contains("[columns]\nname = \"Föreningens namn\""), "{toml}");
    let (_, page) = server.send(&get("/f/0", &ours));
    assert!(!page.contains("Inte klart att utfärda"), "{page}");
    let row = page.split("<th scope=\"row\">Föreningens namn</th>").nth(1).expect(&page);
    let row = row.split("</tr>").next().unwrap();
    assert!(row.contains("<td>organisationens namn</td>") && !row.contains("<select"), "{row}");
    // A course's field is refused in a diploma folder.
    let (_, said) = server.send(&post(&format!("/f/0/columns?csrf={csrf}"), &own, "header=Sektor&field=session1"));
    assert!(said.contains("okänt fält &quot;session1&quot;"), "{said}");
}

#[test]
fn each_folders_pages_speak_of_its_kind_and_hide_what_intyg_never_reads() {
    // A diploma scheme's records are its organisations, and it has no
    // programme report.
    let diplomas = Fixture::new("samples/mangfaldsdiplom-pitea");
    let conference = Fixture::new("samples/mr-konferens-umea-2022");
    let server = Server::start(&[&diplomas.dir(), &conference.dir()], &diplomas.tmp.path().join("recent.txt"));
    let ours = format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token);
    let (status, page) = server.send(&get("/f/0", &ours));
    assert_eq!(status, 200, "{page}");
    let tabs = page.split("<nav class=\"tabs\"").nth(1).unwrap().split("</nav>").next().unwrap();
    assert!(tabs.contains(">Organisationer</a>") && !tabs.contains(">Deltagare</a>"), "{tabs}");
    assert!(!tabs.contains("/report\""), "{tabs}");
    assert!(page.contains("Byt fil med organisationer"), "{page}");
    // A conference's settings name the conference and its certificate of
    // attendance, and its day.
    let (_, page) = server.send(&get("/f/1/settings", &ours));
    assert!(page.contains("Konferensens namn") && page.contains("Texten på intyget om deltagande"), "{page}");
    assert!(page.contains("Konferensdagen") && !page.contains("Texten på kursintyget"), "{page}");
    // The registrations' question on food and allergies is never read, and
    // never shown.
    let (_, page) = server.send(&get("/f/1", &ours));
    let table = page.split("<tbody>").last().unwrap();
    assert!(table.contains("Sofie Stenlund") && table.contains("(visas inte)"), "{table}");
    for diet in ["Nötallergi", "Glutenfri", "Vegetarisk"] {
        assert!(!table.contains(diet), "{diet} shown: {table}");
    }
}

#[test]
fn a_diploma_is_revoked_from_the_register_page_with_its_reason() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", "2026-11-30", "-q"]).success();
    let pdf = f.out().join("MDP-2024-001-norrbottens-rorservice-ab.pdf");
    assert!(pdf.is_file());
    let server = Server::start(&[&f.dir()], &f.tmp.path().join("recent.txt"));
    let ours = format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token);
    let own = format!("{ours}Origin: http://127.0.0.1:{}\r\n", server.port);
    let (status, page) = server.send(&get("/f/0/register", &ours));
    assert_eq!(status, 200, "{page}");
    let csrf = page.split("data-csrf=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    // What to renew, as `intyg expiring` lists it, and every diploma.
    assert!(page.contains("Att förnya: upphör inom 90 dagar"), "{page}");
    assert!(page.contains("Alla diplom: 12"), "{page}");
    assert!(page.contains("<td>återkallat</td>") || page.contains("<td>återkallat"), "{page}");
    // A revocation without a reason is refused, and nothing changes.
    let before = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    let (_, said) = server.send(&post(&format!("/f/0/register/revoke?csrf={csrf}"), &own, "id=MDP-2024-001&reason=+"));
    assert!(said.contains("ange varför diplomet återkallas"), "{said}");
    assert_eq!(std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap(), before);
    // With one: intyg.toml keeps it, the register says so, the PDF is gone.
    let body = "id=MDP-2024-001&reason=F%C3%B6retaget+har+upph%C3%B6rt";
    let (status, said) = server.send(&post(&format!("/f/0/register/revoke?csrf={csrf}"), &own, body));
    assert_eq!(status, 200, "{said}");
    assert!(said.contains("Återkallat och registret uppdaterat: MDP-2024-001"), "{said}");
    assert!(said.contains("Företaget har upphört"), "{said}");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    assert!(toml.contains("[revocations]\nMDP-2024-001 = { on = "), "{toml}");
    let register = std::fs::read_to_string(f.dir().join("register.csv")).unwrap();
    let row = register.lines().find(|l| l.starts_with("MDP-2024-001;")).unwrap();
    assert!(row.contains(";återkallat;"), "{row}");
    assert!(!pdf.exists(), "the revoked diploma's PDF is still there");
    // The command line reads the same revocation: a rerun keeps it.
    f.run(&["issue", "{dir}", "-q"]).success();
    let register = std::fs::read_to_string(f.dir().join("register.csv")).unwrap();
    assert!(register.lines().any(|l| l.starts_with("MDP-2024-001;") && l.contains(";återkallat;")), "{register}");
    assert!(!pdf.exists());

    // A renewal: a new row for the organisation, awarded the day after the
    // old one ends, its old validity and case reference left out; issued,
    // it replaces the old.
    let before = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    let (status, said) = server.send(&post(&format!("/f/0/register/renew?csrf={csrf}"), &own, "id=MDP-2024-002"));
    assert_eq!(status, 200, "{said}");
    assert!(said.contains("En ny rad för MDP-2024-002:s organisation lades sist i listan"), "{said}");
    let after = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    assert!(after.starts_with(&before), "the list's rows are kept as they were");
    let added = after[before.len()..].trim_end();
    // The app dates by the clock: after 15 January 2027 it is today.
    let day_after = chrono::NaiveDate::from_ymd_opt(2027, 1, 16).unwrap();
    let from = day_after.max(chrono::Local::now().date_naive());
    assert!(added.starts_with("Kafé Strömsund HB;969731-4426;") && added.contains(&format!(";{from};")), "{added}");
    assert!(!added.contains("KS 2025/412"), "the old case reference was carried over: {added}");
    f.run(&["issue", "{dir}", "-q"]).success();
    let register = std::fs::read_to_string(f.dir().join("register.csv")).unwrap();
    let old = register.lines().find(|l| l.starts_with("MDP-2024-002;")).unwrap();
    assert!(old.contains(&format!(";ersatt;MDP-{}-", from.format("%Y"))), "{old}");
}

#[test]
fn an_upload_and_a_column_mapped_at_once_both_stay_in_intyg_toml() {
    let f = Fixture::new("tiny");
    let server = Server::start(&[&f.dir()], &f.tmp.path().join("recent.txt"));
    let ours = format!("Host: 127.0.0.1:{}\r\nCookie: intyg_app={}\r\n", server.port, server.token);
    let own = format!("{ours}Origin: http://127.0.0.1:{}\r\n", server.port);
    let (_, page) = server.send(&get("/f/0", &ours));
    let csrf = page.split("data-csrf=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    let csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    let server = std::sync::Arc::new(server);
    for i in 0..20 {
        let boundary = "----intyg";
        let body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lista-{i}.csv\"\r\n\
             Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
        );
        let upload = format!(
            "POST /f/0/records?csrf={csrf} HTTP/1.1\r\n{own}Content-Type: multipart/form-data; boundary={boundary}\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mapping = post(&format!("/f/0/columns?csrf={csrf}"), &own, &format!("header=Titel-{i}&field=role"));
        let (a, b) = (server.clone(), server.clone());
        let first = std::thread::spawn(move || a.send(&upload).0);
        let second = std::thread::spawn(move || b.send(&mapping).0);
        let (up, mapped) = (first.join().unwrap(), second.join().unwrap());
        assert!(up == 303 && (mapped == 303 || mapped == 200), "{up} {mapped}");
        let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
        assert!(toml.contains(&format!("records = \"lista-{i}.csv\"")), "try {i}: the upload is gone:\n{toml}");
        assert!(toml.contains(&format!("role = \"Titel-{i}\"")), "try {i}: the mapping is gone:\n{toml}");
    }
}
