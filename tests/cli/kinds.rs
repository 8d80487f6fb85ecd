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
        let i = self.register[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"));
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
    for words in
        ["Anmälda", "Kom", "Andel av de anmälda som kom", "Intyg om deltagande", "Anmälda som inte kom", "Om siffrorna"]
    {
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
    let month = [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ][m.parse::<usize>().unwrap() - 1];
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
    for words in ["Närvaro per utbildningstillfälle", "Fullföljde", "Utan intyg", "Om siffrorna"] {
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
