//! Each kind of folder is itself: for every bundled sample, what a person
//! reads of its documents, its run, its register, its e-mail and its report
//! is in the kind's own words — no "kursintyg" on a conference's
//! certificate of attendance — and every document is dated its issue day.

use crate::common::{Fixture, read_pdf, squash};

/// A sample issued on `on`: the run's words, and each PDF with its
/// register row.
struct Issued {
    f: Fixture,
    said: String,
    register: Vec<Vec<String>>,
}

fn issue(sample: &str, on: &str) -> Issued {
    let f = Fixture::new(&format!("samples/{sample}"));
    let run = f.run(&["issue", "{dir}", "--on", on]);
    let said = run.success().stderr();
    // In the output folder, or where intyg.toml keeps it (a diploma scheme's).
    let path = [f.out().join("register.csv"), f.dir().join("register.csv")].into_iter().find(|p| p.is_file());
    let text = std::fs::read_to_string(path.expect("a register")).unwrap();
    // As Excel in Swedish reads it: semicolons, after a byte-order mark.
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let mut register = vec![headers];
    register.extend(reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>()));
    Issued { f, said, register }
}

impl Issued {
    /// The register's column `name`, row by row.
    fn column(&self, name: &str) -> Vec<&str> {
        // A Swedish folder's register names its columns in Swedish.
        let swedish = match name {
            "kind" => "dokument",
            "awarded" => "utfärdat",
            "file" => "fil",
            other => other,
        };
        let i = self.register[0]
            .iter()
            .position(|h| h == name || h == swedish)
            .unwrap_or_else(|| panic!("no column {name}"));
        self.register[1..].iter().map(|r| r[i].as_str()).collect()
    }

    /// Every PDF the run wrote, with its register row's file, kind and
    /// award date, checked as a person reading it would: title and subject
    /// name the kind, the PDF is dated the day it was awarded.
    fn documents_say(&self, title: &str, not: &[&str]) -> usize {
        let (files, kinds, awarded) = (self.column("file"), self.column("kind"), self.column("awarded"));
        let mut n = 0;
        for ((file, kind), day) in files.iter().zip(&kinds).zip(&awarded) {
            // A revoked award has a row and no document.
            if file.is_empty() {
                continue;
            }
            n += 1;
            let pdf = read_pdf(&self.f.out().join(file));
            assert!(pdf.title.starts_with(&format!("{title} – ")), "{file}: title {:?}", pdf.title);
            assert!(pdf.subject.starts_with(title), "{file}: subject {:?}", pdf.subject);
            let stamp = format!("D:{}", day.replace('-', ""));
            assert!(pdf.created.starts_with(&stamp), "{file}: created {:?}, awarded {day}", pdf.created);
            let seen = format!("{} {} {} {}", pdf.title, pdf.subject, pdf.text, kind).to_lowercase();
            for word in not {
                assert!(!seen.contains(&word.to_lowercase()), "{file} says {word:?}: {seen}");
            }
        }
        n
    }

    /// The first message a dry run of `intyg send` would send: its subject
    /// line and its text as the recipient reads it.
    fn first_message(&self) -> (String, String) {
        let toml = std::fs::read_to_string(self.f.dir().join("intyg.toml")).unwrap();
        if !toml.contains("[email]") {
            self.f.write("intyg.toml", format!("{toml}\n[email]\nfrom = \"Kommunen <intyg@exempel.se>\"\n"));
        }
        self.f.run(&["send", "{dir}", "--dry-run"]).success();
        let eml = crate::common::files_under(&self.f.out().join("outbox")).into_iter().min().expect("a message");
        // Read as a mail program reads it: Python's own e-mail package.
        let read = "import email, sys\nfrom email import policy\n\
                    m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)\n\
                    print(m['subject'])\nprint(m.get_body(preferencelist=('plain',)).get_content())";
        let out = std::process::Command::new("python3").args(["-c", read]).arg(&eml).output().expect("python3 runs");
        let text = String::from_utf8(out.stdout).unwrap();
        let (subject, body) = text.split_once('\n').unwrap_or((&text, ""));
        (subject.to_owned(), body.to_owned())
    }

    /// The programme report's text, and its figures.
    fn report(&self) -> (String, serde_json::Value) {
        let (pdf, figures) = (self.f.tmp.path().join("rapport.pdf"), self.f.tmp.path().join("siffror.json"));
        self.f
            .run(&["report", "{dir}", "--out", pdf.to_str().unwrap(), "--figures", figures.to_str().unwrap()])
            .success();
        let text = read_pdf(&pdf).text;
        (text, serde_json::from_str(&std::fs::read_to_string(figures).unwrap()).unwrap())
    }
}

#[test]
fn a_conference_is_a_conference_in_every_word_it_prints() {
    let issued = issue("mr-konferens-umea-2022", "2022-12-01");
    assert!(issued.said.contains("Utfärdade 52 dokument (52 intyg om deltagande)"), "{}", issued.said);
    assert!(!issued.said.to_lowercase().contains("kursintyg"), "{}", issued.said);
    assert!(issued.column("kind").iter().all(|k| *k == "konferensintyg"));
    assert_eq!(issued.documents_say("Intyg om deltagande", &["kursintyg", "utbildningstillfälle"]), 52);
    let (subject, body) = issued.first_message();
    assert!(subject.starts_with("Intyg om deltagande: Mänskliga rättigheter"), "{subject}");
    assert!(body.contains("Här kommer ditt intyg om deltagande från"), "{body}");
    let (report, figures) = issued.report();
    let report = squash(&report);
    for words in [
        "Anmälda",
        "Deltog",
        "Andel av de anmälda som deltog",
        "Intyg om deltagande",
        "Anmälda som inte deltog",
        "Om siffrorna",
    ] {
        assert!(report.contains(&squash(words)), "{words}: {report}");
    }
    for not in ["Kursintyg", "Närvaro per utbildningstillfälle", "Missade tillfällen", "Konferensdagen"] {
        assert!(!report.contains(&squash(not)), "{not}: {report}");
    }
    assert_eq!(figures["konferensintyg"], 52);
    assert!(figures.get("kursintyg").is_none() && figures.get("sessions").is_none(), "{figures}");
}

#[test]
fn an_e_learning_course_counts_who_started_and_dates_each_certificate_its_day() {
    let issued = issue("webbutbildning-inkluderande-bemotande", "2026-11-30");
    let awarded = issued.column("awarded");
    let first = awarded.iter().min().unwrap();
    assert_ne!(first, awarded.iter().max().unwrap(), "each on their own day");
    let n = issued.documents_say("Kursintyg", &["utbildningstillfälle"]);
    assert!(issued.said.contains(&format!("({n} kursintyg)")), "{}", issued.said);
    let (_, body) = issued.first_message();
    assert!(body.contains("Här kommer ditt kursintyg från Inkluderande bemötande"), "{body}");
    let (report, figures) = issued.report();
    let report = squash(&report);
    for words in ["Påbörjade", "Slutförde", "Ej påbörjade", "Slutförda per månad", "Status", "Om siffrorna"] {
        assert!(report.contains(&squash(words)), "{words}: {report}");
    }
    for not in ["Närvaro per utbildningstillfälle", "Missade tillfällen", "Tillfälle"] {
        assert!(!report.contains(&squash(not)), "{not}: {report}");
    }
    // The cover has the period the certificates were earned in.
    let (y, m, d) = (&first[..4], &first[5..7], &first[8..10]);
    let months = "januari februari mars april maj juni juli augusti september oktober november december";
    let month = months.split(' ').nth(m.parse::<usize>().unwrap() - 1).unwrap();
    assert!(report.contains(&squash(&format!("{} {month} {y}–", d.trim_start_matches('0')))), "{report}");
    // Who never started is no participant.
    let records = std::fs::read_to_string(issued.f.dir().join("slutforda.csv")).unwrap();
    let never = records.lines().filter(|l| l.contains(";Ej påbörjad;")).count();
    let all = records.lines().count() - 1;
    assert!(never > 0);
    assert_eq!(figures["participants"], all - never, "{figures}");
    assert_eq!(figures["not_started"], never, "{figures}");
}

#[test]
fn a_course_and_a_diploma_keep_their_own_words() {
    let course = issue("mr-strateger-2019", "2019-12-13");
    assert!(course.said.contains("kursintyg") && course.said.contains("deltagarintyg"), "{}", course.said);
    assert!(course.column("kind").iter().all(|k| *k == "kursintyg" || *k == "deltagarintyg"));
    for (file, kind) in course.column("file").iter().zip(course.column("kind")) {
        let title = if kind == "kursintyg" { "Kursintyg" } else { "Deltagarintyg" };
        let pdf = read_pdf(&course.f.out().join(file));
        assert!(pdf.title.starts_with(title) && pdf.subject.starts_with(title), "{file}: {}", pdf.title);
        // Dated the last session's day.
        assert!(pdf.created.starts_with("D:20191212"), "{file}: {}", pdf.created);
    }
    let (subject, body) = course.first_message();
    assert!(subject.starts_with("Kursintyg: ") || subject.starts_with("Deltagarintyg: "), "{subject}");
    assert!(body.contains("Här kommer ditt kursintyg från") || body.contains("ditt deltagarintyg"), "{body}");
    let (report, _) = course.report();
    let report = squash(&report);
    // Everyone got a document: no "0 Utan intyg" card.
    assert!(!report.contains(&squash("0 Utan intyg")), "{report}");
    for words in ["Närvaro per utbildningstillfälle", "Fullföljde", "Om siffrorna"] {
        assert!(report.contains(&squash(words)), "{words}: {report}");
    }

    let diplomas = issue("mangfaldsdiplom-pitea", "2024-12-31");
    assert!(diplomas.said.contains("mångfaldsdiplom"), "{}", diplomas.said);
    assert!(!diplomas.said.to_lowercase().contains("kursintyg"), "{}", diplomas.said);
    assert!(diplomas.column("kind").iter().all(|k| *k == "mangfaldsdiplom"));
    assert!(diplomas.documents_say("Mångfaldsdiplom", &["kursintyg", "utbildningstillfälle", "deltagarintyg"]) > 0);
    let (_, body) = diplomas.first_message();
    assert!(body.contains("har tilldelats Piteå kommuns mångfaldsdiplom 2024"), "{body}");
}

#[test]
fn an_older_conference_folder_is_read_as_one_and_told_to_say_so() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replacen("kind = \"conference\"\n", "", 1));
    // A register from before conferences were a kind: their certificates
    // were registered as kursintyg. They keep their ids.
    let run = f.run(&["issue", "{dir}", "--on", "2022-12-01"]);
    let said = run.success().stderr();
    assert!(said.contains("kind = \"conference\""), "{said}");
    assert!(said.contains("intyg om deltagande"), "{said}");
    let register = f.out().join("register.csv");
    let before = std::fs::read_to_string(&register).unwrap();
    std::fs::write(&register, before.replace(",konferensintyg,", ",kursintyg,")).unwrap();
    let again = f.run(&["issue", "{dir}", "--on", "2022-12-01"]);
    again.success();
    let after = std::fs::read_to_string(&register).unwrap();
    assert_eq!(after, before, "the same ids, named anew: {}", again.stderr());
}

/// The hand-made report folder: its figures, and its trainings' reports.
fn by_hand(year: i32) -> (Fixture, serde_json::Value) {
    let f = Fixture::new("report-by-hand");
    if year != 2026 {
        let toml = std::fs::read_to_string(f.dir().join("p/intyg.toml")).unwrap();
        f.write("p/intyg.toml", toml.replace("year = 2026", &format!("year = {year}")));
    }
    let (pdf, figures) = (f.tmp.path().join("mr.pdf"), f.tmp.path().join("mr.json"));
    f.run(&["report", "{dir}/p", "--out", pdf.to_str().unwrap(), "--figures", figures.to_str().unwrap()]).success();
    let json = serde_json::from_str(&std::fs::read_to_string(figures).unwrap()).unwrap();
    (f, json)
}

#[test]
fn report_figures_equal_a_table_computed_by_hand() {
    // Kurs A (2026, for 6 staff): Anna and Berit attended both days, Cesar
    // one. Kurs B (2026, for 5 staff, overlapping A's): Berit again (her
    // address in other letters) and David. Webbkurs C: Eva and Filip
    // completed it, Gun started, Hans never did. The organisation has 10
    // staff in all.
    let (f, fig) = by_hand(2026);
    let trained = &fig["trained"];
    // Anna, Berit, David, Eva, Filip: Berit once.
    assert_eq!(trained["people"], 5, "{fig}");
    assert_eq!(trained["completions"], 6, "{fig}");
    // 5 of the 10 staff, not (2 + 2) of (6 + 5).
    assert_eq!(trained["staff"], 10, "{fig}");
    assert_eq!(trained["share_of_staff_percent"], 50.0, "{fig}");
    let trainings = fig["trainings"].as_array().unwrap();
    let row = |name: &str| trainings.iter().find(|t| t["name"] == name).unwrap_or_else(|| panic!("{name}: {fig}"));
    assert_eq!((row("Kurs A")["participants"].as_u64(), row("Kurs A")["completed"].as_u64()), (Some(3), Some(2)));
    assert_eq!((row("Kurs B")["participants"].as_u64(), row("Kurs B")["completed"].as_u64()), (Some(2), Some(2)));
    // Hans, assigned and never started, is no participant.
    assert_eq!(
        (row("Webbkurs C")["participants"].as_u64(), row("Webbkurs C")["completed"].as_u64()),
        (Some(3), Some(2))
    );
    // Handbolaget from May 2024; Föreningen Hand from June 2024 until it
    // was revoked in March 2025, its second year.
    let years: Vec<(u64, u64)> = fig["diplomas"]["active_by_year"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_u64().unwrap(), y["active"].as_u64().unwrap()))
        .collect();
    assert_eq!(years, [(2024, 2), (2025, 1), (2026, 1)], "{fig}");
    assert_eq!(fig["diplomas"]["active"], 1);
    let text = squash(&read_pdf(&f.tmp.path().join("mr.pdf")).text);
    for words in ["5 Utbildade under året", "50,0 % Andel av målgruppen som utbildats", "Om siffrorna"] {
        assert!(text.contains(&squash(words)), "{words}: {text}");
    }

    let (_, fig) = by_hand(2025);
    assert_eq!((fig["diplomas"]["active"].as_u64(), fig["diplomas"]["revoked"].as_u64()), (Some(1), Some(1)), "{fig}");

    // Without the organisation's staff, two trainings' target groups that
    // may overlap are not added up: no share at all.
    let toml = std::fs::read_to_string(f.dir().join("p/intyg.toml")).unwrap();
    f.write("p/intyg.toml", toml.replace("staff = 10\n", ""));
    let figures = f.tmp.path().join("utan.json");
    f.run(&["report", "{dir}/p", "--out", "{tmp}/utan.pdf", "--figures", figures.to_str().unwrap()]).success();
    let fig: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(figures).unwrap()).unwrap();
    assert!(fig["trained"]["share_of_staff_percent"].is_null(), "{fig}");
    let text = squash(&read_pdf(&f.tmp.path().join("utan.pdf")).text);
    assert!(!text.contains(&squash("Andel av målgruppen som utbildats")), "{text}");

    // The e-learning course's own report: who started, who completed, who
    // never did.
    let (_, web) = {
        let figures = f.tmp.path().join("webb.json");
        f.run(&["report", "{dir}/webb", "--out", "{tmp}/webb.pdf", "--figures", figures.to_str().unwrap()]).success();
        ((), serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(figures).unwrap()).unwrap())
    };
    assert_eq!(
        (web["participants"].as_u64(), web["completed"].as_u64(), web["not_started"].as_u64()),
        (Some(3), Some(2), Some(1))
    );
}

#[test]
fn no_report_prints_a_table_or_chart_without_data() {
    let (mut reports, mut kept) = (Vec::new(), Vec::new());
    for sample in ["mr-strateger-2019", "mr-konferens-umea-2022", "webbutbildning-inkluderande-bemotande"] {
        let f = Fixture::new(&format!("samples/{sample}"));
        for lang in ["sv", "en"] {
            let pdf = f.tmp.path().join(format!("{lang}.pdf"));
            f.run(&["report", "{dir}", "--lang", lang, "--out", pdf.to_str().unwrap()]).success();
            reports.push((format!("{sample} ({lang})"), pdf));
        }
        kept.push(f);
    }
    let f = Fixture::new("report-by-hand");
    for folder in ["p", "kurs-a", "kurs-b", "webb"] {
        let pdf = f.tmp.path().join(format!("{folder}.pdf"));
        f.run(&["report", &format!("{{dir}}/{folder}"), "--out", pdf.to_str().unwrap()]).success();
        reports.push((format!("report-by-hand/{folder}"), pdf));
    }
    // A conference that nobody came to, and an e-learning course nobody
    // completed: their reports leave out what has no rows.
    let nobody = Fixture::new("samples/mr-konferens-umea-2022");
    let csv = std::fs::read_to_string(nobody.dir().join("anmalningar.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",Närvaro"), "{header}");
    let rows: Vec<String> =
        csv.lines().skip(1).map(|l| l.strip_suffix(",X").map_or_else(|| l.to_owned(), |s| format!("{s},"))).collect();
    nobody.write("anmalningar.csv", format!("{header}\n{}\n", rows.join("\n")));
    let pdf = nobody.tmp.path().join("ingen.pdf");
    nobody.run(&["report", "{dir}", "--out", pdf.to_str().unwrap()]).success();
    reports.push(("a conference nobody came to".into(), pdf));
    for (name, pdf) in &reports {
        let empty = crate::common::empty_tables_and_charts(pdf);
        assert!(empty.is_empty(), "{name}: {empty:?}");
    }
    assert!(reports.len() >= 11);

    // The check itself sees what a report made before this did print: a
    // chart of no sessions, and a table of its header alone.
    nobody.write(
        "tom.typ",
        "#import \"@local/intyg:0.1.0\": setup, bar-chart\n\
         #let report(data) = {\n  show: setup.with(data)\n  heading(level: 1, \"Närvaro\")\n  \
         bar-chart((), alt: \"Stapeldiagram över närvaron: .\", caption: \"Närvaro.\")\n  \
         table(columns: 2, table.header[Tillfälle][Närvarande])\n}\n",
    );
    let pdf = nobody.tmp.path().join("tom.pdf");
    nobody.run(&["report", "{dir}", "--template", "tom.typ", "--out", pdf.to_str().unwrap()]).success();
    assert_eq!(crate::common::empty_tables_and_charts(&pdf).len(), 2);
}
