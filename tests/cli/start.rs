//! The first minutes of a new user: `intyg init` makes a folder that issues
//! at once, and `intyg preview` draws a document before anything is issued.

use crate::common;

use common::{Fixture, read_pdf};

fn png_size(path: &std::path::Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Every file in a folder with its contents.
fn files_in(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read(p).unwrap()))
        .collect();
    v.sort();
    v
}

#[test]
fn init_course_then_issue_gives_certificates_with_the_example_names() {
    let f = Fixture::empty();
    let run = f.run(&["init", "{dir}", "--kind", "course"]);
    run.success();
    assert!(run.stderr().contains("Nästa steg"), "{}", run.stderr());
    for file in ["intyg.toml", "deltagare.csv", "kursintyg.typ"] {
        assert!(f.dir().join(file).is_file(), "{file}");
    }
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    assert!(toml.contains("# Minsta antal tillfällen för kursintyg"), "keys are explained in Swedish");
    // Excel in Sweden opens it as UTF-8 and in columns only with a BOM and
    // ';', and saves the rows a coordinator adds in the same encoding.
    let csv = std::fs::read(f.dir().join("deltagare.csv")).unwrap();
    assert!(csv.starts_with("\u{feff}Förnamn;Efternamn;".as_bytes()), "{:?}", String::from_utf8_lossy(&csv[..40]));
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let json = run.json();
    let kinds: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["kursintyg", "kursintyg", "kursintyg", "deltagarintyg", "kursintyg", "kursintyg"]);
    let pdf = read_pdf(&f.out().join("GMR26-0001-asa-oberg.pdf"));
    assert!(pdf.text.contains("Åsa Öberg") && pdf.text.contains("Grundutbildning i mänskliga rättigheter"));
    assert_eq!(pdf.pages, 1);
}

#[test]
fn init_in_english_with_a_workbook_issues_english_certificates() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "course", "--lang", "en", "--xlsx"]).success();
    assert!(f.dir().join("participants.xlsx").is_file());
    assert!(!f.dir().join("participants.csv").exists());
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    assert!(toml.contains("records = \"participants.xlsx\"") && toml.contains("# The least number of sessions"));
    f.run(&["issue", "{dir}"]).success();
    let pdf = read_pdf(&f.out().join("HRF26-0002-mohammed-haddad.pdf"));
    assert!(pdf.text.contains("has completed every session of"), "{}", pdf.text);
}

#[test]
fn init_diploma_then_issue() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "diploma"]).success();
    let run = f.run(&["issue", "{dir}", "--json", "--on", "2026-11-23"]);
    run.success();
    assert_eq!(run.json()["issued"].as_array().unwrap().len(), 3);
    let pdf = read_pdf(&f.out().join("MDE-2026-002-kafe-stromsund-hb.pdf"));
    assert!(pdf.text.contains("Kafé Strömsund HB"), "{}", pdf.text);
}

#[test]
fn init_conference_then_sheets_badges_and_certificates_of_attendance() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "conference"]).success();
    let said = f.run(&["sheets", "{dir}"]).success().stderr();
    assert!(said.contains("(4 deltagare, 1 sida)"), "{said}");
    f.run(&["badges", "{dir}"]).success();
    let run = f.run(&["issue", "{dir}", "--json", "--on", "2026-11-30"]);
    assert_eq!(run.success().json()["issued"].as_array().unwrap().len(), 3, "three came");
    let pdf = read_pdf(&f.out().join("MRK26-001-asa-oberg.pdf"));
    let text = common::squash(&pdf.text);
    assert!(text.contains(&common::squash("INTYG OM DELTAGANDE Åsa Öberg")), "{}", pdf.text);
    assert!(text.contains(&common::squash("10.00 Mänskliga rättigheter i kommunal verksamhet")), "{}", pdf.text);
    assert!(!pdf.text.contains("Vegetarisk"), "dietary needs stay out");
}

#[test]
fn init_elearning_as_a_workbook_then_issue_dates_each_on_its_day() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "elearning", "--lang", "en", "--xlsx"]).success();
    assert!(f.dir().join("completions.xlsx").is_file());
    let run = f.run(&["issue", "{dir}", "--json", "--on", "2026-11-30"]);
    assert_eq!(run.success().json()["issued"].as_array().unwrap().len(), 2, "two completed");
    let pdf = read_pdf(&f.out().join("IS-0002-mohammed-haddad.pdf"));
    // Dated its day, once, at the foot; the length under the name.
    assert!(common::squash(&pdf.text).contains(&common::squash("45 minutes")), "{}", pdf.text);
    assert_eq!(pdf.text.matches("11 March 2026").count(), 1, "{}", pdf.text);
}

#[test]
fn init_report_then_report_counts_its_course_and_diploma_folders() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "report", "--lang", "en"]).success();
    assert!(f.dir().join("training/intyg.toml").is_file() && f.dir().join("diplomas/intyg.toml").is_file());
    f.run(&["report", "{dir}", "--on", "2026-11-23"]).success();
    let pdf = read_pdf(&f.out().join("mr-rapport-2026.pdf"));
    let text = common::squash(&pdf.text);
    // The course folder: six participants, five completed, of 40 staff.
    assert!(text.contains(&common::squash("Human Rights Foundation Course")), "{text}");
    assert!(text.contains("655of4012.5%"), "{text}");
    // The diploma folder: three active at year end, two of them new.
    assert!(text.contains(&common::squash("3 Active diplomas at year end 2 New diplomas")), "{text}");
}

#[test]
fn init_never_overwrites_a_folder_in_use() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}"]).success();
    f.write("deltagare.csv", "Namn\nMina egna\n");
    let run = f.run(&["init", "{dir}"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("har redan") && run.stderr().contains("intyg.toml"), "{}", run.stderr());
    assert_eq!(std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap(), "Namn\nMina egna\n");
}

#[test]
fn preview_writes_an_a4_png_of_the_chosen_record() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let before = files_in(&f.dir());
    let run = f.run(&["preview", "{dir}", "--name", "leila"]);
    run.success();
    assert!(run.stderr().contains("deltagarintyg för rad 6, Leila Haddad"), "{}", run.stderr());
    // A4 (595.28 × 841.89 pt) at 96 dpi.
    assert_eq!(png_size(&f.dir().join("preview.png")), (794, 1123));
    f.run(&["preview", "{dir}", "--record", "3", "--dpi", "150", "--out", "{tmp}/karin.png"]).success();
    assert_eq!(png_size(&f.tmp.path().join("karin.png")), (1240, 1754));
    // Nothing was issued: no output folder, and only the picture is new.
    assert!(!f.out().exists());
    let after: Vec<_> = files_in(&f.dir()).into_iter().filter(|(p, _)| !p.ends_with("preview.png")).collect();
    assert_eq!(after, before);
}

#[test]
fn preview_of_a_row_without_a_document_says_why() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}"]).success();
    f.write(
        "intyg.toml",
        std::fs::read_to_string(f.dir().join("intyg.toml"))
            .unwrap()
            .replace("participation_certificate = true", "participation_certificate = false"),
    );
    let run = f.run(&["preview", "{dir}", "--record", "5"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("rad 5 (Per-Olof Nyström) får inget dokument"), "{}", run.stderr());
}

#[test]
fn preview_all_writes_proof_sheets_of_twelve_and_frames_overflow() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}"]).success();
    // Fourteen participants: two sheets; one role so long the page runs over.
    let mut csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    for i in 0..8 {
        csv.push_str(&format!("Test{i};Testsson;t{i}@exempelstad.se;Förvaltning;Roll;X;X;X\n"));
    }
    std::fs::write(f.dir().join("deltagare.csv"), csv).unwrap();
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    // Long enough that no spacing the template can give up makes it fit.
    let long = "Ett mycket långt innehåll som upprepas. ".repeat(160);
    f.write(
        "intyg.toml",
        toml.replace("  \"Ett rättighetsbaserat arbetssätt i vardagen\",", &format!("  \"{long}\",")),
    );
    let run = f.run(&["preview", "{dir}", "--all"]);
    assert_eq!(run.code(), 1, "overflow is an error, as issue would say: {}", run.stderr());
    assert!(
        run.stderr().contains("den minsta text och de minsta mellanrum som mallen tillåter (det blir 2 sidor)"),
        "{}",
        run.stderr()
    );
    let proof = f.dir().join("proof");
    let (w1, h1) = png_size(&proof.join("proof-01.png"));
    let (w2, h2) = png_size(&proof.join("proof-02.png"));
    // Four small A4 pages across in three rows; then the two left over.
    assert_eq!((w1, w2), (4 * (298 + 24) + 24, 2 * (298 + 24) + 24));
    assert_eq!((h1, h2), (3 * (421 + 24) + 24, 421 + 2 * 24));
    assert!(!proof.join("proof-03.png").exists());
}

#[test]
fn preview_of_a_report_draws_the_page_asked_for() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "report"]).success();
    let run = f.run(&["preview", "{dir}", "--page", "2", "--on", "2026-11-23"]);
    run.success();
    assert!(run.stderr().contains("sida 2 av rapportens"), "{}", run.stderr());
    assert_eq!(png_size(&f.dir().join("preview.png")), (794, 1123));
    let run = f.run(&["preview", "{dir}", "--page", "99", "--lang", "en"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--page 99, but the document has"), "{}", run.stderr());
}

/// Waits up to twenty seconds for `done`, checking every 50 ms.
fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !done() {
        assert!(std::time::Instant::now() < until, "gave up waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn watch_draws_again_when_intyg_toml_changes_and_shows_errors_in_place() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}"]).success();
    let log = f.tmp.path().join("watch.log");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_intyg"))
        .args(["watch", &f.dir().to_string_lossy()])
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let stderr = || std::fs::read_to_string(&log).unwrap_or_default();
    let png = f.dir().join("preview.png");
    wait_for("the first preview", || stderr().contains("bevakar"));
    let first = std::fs::read(&png).unwrap();
    assert!(f.dir().join("preview.pdf").is_file());
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replace("Grundutbildning i mänskliga", "Fördjupning i mänskliga"));
    // The status line comes once both files are written.
    wait_for("a new preview", || stderr().matches("bevakar").count() == 2);
    assert_ne!(std::fs::read(&png).unwrap(), first);
    let pdf = read_pdf(&f.dir().join("preview.pdf"));
    assert!(pdf.text.contains("Fördjupning"), "{}", pdf.text);
    f.write("intyg.toml", format!("{toml}\nkind = \n"));
    wait_for("the error", || stderr().contains("inget ritat"));
    child.kill().unwrap();
    child.wait().unwrap();
    let log = stderr();
    assert!(log.contains("intyg.toml, rad"), "{log}");
    assert_eq!(log.matches("Skrev").count(), 2, "{log}");
}

#[test]
fn check_warns_about_a_name_set_on_two_lines_a_mostly_filled_column_and_a_stray_date_column() {
    let f = Fixture::empty();
    f.run(&["init", "{dir}"]).success();
    let csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    let mut lines: Vec<String> = csv.lines().map(|l| format!("{l};")).collect();
    lines[0] = lines[0].replace("Dag 3;", "Dag 3;2026-10-14");
    lines.push(
        "Anna-Karin Fredrika Margareta Elisabet;Johansson Lindqvist Björkman;akj@exempelstad.se;Socialförvaltningen;;X;X;X;"
            .into(),
    );
    lines.push("Ola;Ek;ola.ek@exempelstad;Socialförvaltningen;Kurator;X;X;X;".into());
    f.write("deltagare.csv", lines.join("\n") + "\n");
    let run = f.run(&["check", "{dir}", "--json"]);
    run.success();
    let json = run.json();
    let messages: Vec<String> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{} {}", p["place"]["row"], p["message"].as_str().unwrap()))
        .collect();
    let has = |row: &str, text: &str| messages.iter().any(|m| m.starts_with(row) && m.contains(text));
    assert!(has("1", "rubrik är ett datum som inte är något av programmets tillfällen"), "{messages:#?}");
    assert!(has("1", "tom på rad 8 men ifylld på övriga 7"), "{messages:#?}");
    assert!(has("9", "\"ola.ek@exempelstad\" är ingen e-postadress"), "{messages:#?}");
    assert!(
        has("8", "är för långt för en rad i kursintyg även med den minsta text mallen tillåter (16 pt)"),
        "{messages:#?}"
    );
    // And that the starter's people are invented, with no address for checking.
    assert!(messages.iter().any(|m| m.contains("påhittade mottagare")), "{messages:#?}");
    assert!(messages.iter().any(|m| m.contains("verify_url")), "{messages:#?}");
    assert_eq!(messages.len(), 6, "{messages:#?}");
    // issue says the same about the long name, once; in English, with --lang en.
    let run = f.run(&["issue", "{dir}", "--lang", "en"]);
    run.success();
    assert_eq!(run.stderr().matches("is too long for one line").count(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("write a middle name as its initial in the records"), "{}", run.stderr());
}
