//! What a user reads when something is wrong, and proof that a failed run
//! writes nothing and leaves earlier output alone.

use crate::common;

use common::Fixture;

#[test]
fn unknown_attendance_mark_and_other_bad_rows_are_all_reported() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.csv",
        "Namn;E-post;Kommun;Dag 1;Dag 2\nÅsa Öberg;asa@exempel.se;Umeå kommun;X;kanske\n;;Vännäs kommun;x;x\nÅsa Öberg;ASA@exempel.se;Umeå kommun;x;x\nEva Ek;eva@exempel.se;Umeå kommun;x;?\n",
    );
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
    assert!(!f.out().exists() || common::pdfs_in(&f.out()).is_empty());
}

#[test]
fn unknown_key_in_programme_file_names_key_and_line() {
    let f = Fixture::new("tiny");
    let toml =
        std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap().replace("place = \"Umeå\"", "plats = \"Umeå\"");
    f.write("intyg.toml", toml);
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
}

#[test]
fn unknown_session_column_is_an_error() {
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", "Namn;Dag 1;Dag 2;Dag 3\nÅsa;x;x;x\n");
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("kolumnen \"Dag 3 (D)\": kolumnen \"Dag 3\" anger tillfälle 3, men programmet har 2 tillfällen"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_character_no_font_has_names_row_column_and_character() {
    let f = Fixture::new("tiny");
    // Anteckning is read by no template: it may hold any script.
    f.write(
        "deltagare.csv",
        "Namn;Kommun;Anteckning;Dag 1;Dag 2\nÅsa Öberg;Umeå 漢;;x;x\nPer Ek 🎓🎉;Umeå;;x;x\nEva Berg;Umeå;王秀英 ✈;x;x\n",
    );
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
    // The same words from check.
    let check = f.run(&["check", "{dir}"]);
    assert!(
        check.stderr().contains("tecknen \"🎓\" (U+1F393), \"🎉\" (U+1F389) i Namn finns inte"),
        "{}",
        check.stderr()
    );
    assert!(!check.stderr().contains("\"Anteckning (C)\":"), "{}", check.stderr());
}

#[test]
fn sami_and_vietnamese_names_print() {
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", "Namn;Dag 1;Dag 2\nÁilu Ŋuolja Čáhppes-Đŧžš;x;x\nNguyễn Thị Phương Thảo;x;x\n");
    f.run(&["issue", "{dir}"]).success();
    let text: String = f.pdfs().iter().map(|p| common::read_pdf(p).text).collect();
    assert!(text.contains("Áilu Ŋuolja Čáhppes-Đŧžš"), "{text}");
    assert!(text.contains("Nguyễn Thị Phương Thảo"), "{text}");
}

#[test]
fn template_errors_show_file_line_and_column() {
    let f = Fixture::new("tiny");
    f.write("trasig.typ", "#let certificate(data) = {\n  [Hej #data.participant.nam]\n}\n");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("template = \"trasig.typ\"\n{toml}"));
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
    // The same as data: the span and what led to it, not a block of text.
    let run = f.run(&["check", "{dir}", "--json"]);
    assert_eq!(run.code(), 1);
    let json = run.json();
    let problem = json["problems"].as_array().unwrap().iter().find(|p| p["severity"] == "error").unwrap();
    assert_eq!(problem["message"], "mallen läser \"nam\", som inte finns i data");
    assert_eq!(problem["span"]["line"], 2);
    assert_eq!(problem["span"]["column"], 26);
    assert_eq!(problem["span"]["width"], 3);
    assert_eq!(problem["span"]["text"], "  [Hej #data.participant.nam]");
    assert!(problem["span"]["file"].as_str().unwrap().ends_with("trasig.typ"), "{problem}");
    assert!(problem["trace"][0].as_str().unwrap().starts_with("när rad 2 (Åsa Öberg)"), "{problem}");
    assert!(problem["hint"].as_str().unwrap().starts_with("menade du name?"), "{problem}");
}

#[test]
fn templates_cannot_read_outside_the_programme_folder() {
    let f = Fixture::new("tiny");
    f.write("../hemlig.txt", "hemligt");
    for (name, body) in [
        ("abs.typ", r#"#read("/etc/passwd")"#),
        ("up.typ", r#"#read("../hemlig.txt")"#),
        ("img.typ", r#"#image("../../../../etc/passwd")"#),
    ] {
        f.write(name, format!("#let certificate(data) = [{body}]\n"));
        let run = f.run(&["issue", "{dir}", "--template", &format!("{{dir}}/{name}")]);
        assert_eq!(run.code(), 1, "{name}: {}", run.stderr());
        assert!(!run.stderr().contains("root:"), "{name}");
        assert!(!run.stderr().contains("hemligt"), "{name}");
        assert!(run.stderr().contains(&format!("{name}:1:")), "{name}: {}", run.stderr());
    }
    // A symbolic link inside the folder that points out of it is refused too.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/passwd", f.dir().join("lank.txt")).unwrap();
        f.write("link.typ", "#let certificate(data) = [#read(\"lank.txt\")]\n");
        let run = f.run(&["issue", "{dir}", "--template", "{dir}/link.typ"]);
        assert_eq!(run.code(), 1);
        assert!(run.stderr().contains("access denied"), "{}", run.stderr());
    }
}

#[test]
fn a_failed_run_leaves_earlier_output_untouched() {
    let f = Fixture::new("tiny");
    f.run(&["issue", "{dir}"]).success();
    let before: Vec<(std::path::PathBuf, Vec<u8>)> =
        f.pdfs().into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    assert_eq!(before.len(), 2);
    f.write("deltagare.csv", "Namn;Dag 1;Dag 2\nÅsa Öberg;x;x\nNy Person;x;oklart\n");
    assert_eq!(f.run(&["issue", "{dir}"]).code(), 1);
    let after: Vec<(std::path::PathBuf, Vec<u8>)> =
        f.pdfs().into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect();
    assert_eq!(before, after);
    let leftovers: Vec<_> = std::fs::read_dir(f.out())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        // The register's lock file stays, holding nothing between runs.
        .filter(|name| name.starts_with('.') && name != ".register.csv.lock")
        .collect();
    assert!(leftovers.is_empty(), "staging files left behind: {leftovers:?}");
}

#[test]
fn a_second_run_on_a_folder_being_written_stops_and_changes_nothing() {
    let f = Fixture::new("tiny");
    f.run(&["issue", "{dir}"]).success();
    let register = std::fs::read(f.out().join("register.csv")).unwrap();
    let pdfs = f.pdfs();
    // Another intyg holds the register: this test process stands in for it.
    let held = std::fs::OpenOptions::new().write(true).open(f.out().join(".register.csv.lock")).unwrap();
    held.try_lock().unwrap();
    f.write("deltagare.csv", "Namn;Dag 1;Dag 2\nÅsa Öberg;x;x\nNy Person;x;x\n");
    let run = f.run(&["issue", "{dir}", "--lang", "en"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("error: another intyg is writing here: [TMP]/p/out/register.csv is held by process"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("hint: another window or program is issuing to this folder: wait until it is done"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read(f.out().join("register.csv")).unwrap(), register);
    assert_eq!(f.pdfs(), pdfs, "no new certificate");
    // check writes nothing, so it does not wait for the lock.
    f.run(&["check", "{dir}"]).success();
    // Once the other run ends, the lock ends with it.
    drop(held);
    f.run(&["issue", "{dir}"]).success();
    assert!(f.pdfs().len() > pdfs.len());
    // Shards write registers of their own, so they may run side by side.
    let shard = std::fs::OpenOptions::new().write(true).open(f.out().join(".register.csv.lock")).unwrap();
    shard.try_lock().unwrap();
    f.run(&["issue", "{dir}", "--shard", "1/2"]).success();
}

#[test]
fn file_name_patterns_cannot_escape_the_output_folder() {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[certificate]\nfile_name = \"../{{{{ participant.name }}}}.pdf\"\n"));
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("innehåller ett mappavgränsningstecken"), "{}", run.stderr());
    assert!(!f.dir().join("Åsa Öberg.pdf").exists());
}

#[test]
fn a_typo_in_a_pattern_is_reported_once() {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[certificate]\ntext = \"{{{{ participant.nmae }}}} har deltagit\"\n"));
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert_eq!(run.stderr().matches("[certificate] text").count(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("undefined"), "{}", run.stderr());
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new("tiny");
    let run = f.run(&["issue", "{tmp}/finns-inte"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("is not a folder"));
    assert_eq!(f.run(&["issue", "{dir}", "--lang", "xx"]).code(), 2);
    assert_eq!(f.run(&["issue"]).code(), 2);
}

#[test]
fn empty_and_unreadable_records_files() {
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", "");
    let run = f.run(&["check", "{dir}", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("the records file is empty"), "{}", run.stderr());
    f.write("deltagare.csv", "Namn;Dag 1;Dag 2\n");
    assert!(f.run(&["check", "{dir}", "--lang", "en"]).stderr().contains("has a header but no records"));
    let run = f.run(&["check", "{dir}", "--records", "{dir}/saknas.csv", "--lang", "en"]);
    assert!(run.stderr().contains("records file not found"), "{}", run.stderr());
    // A broken workbook.
    f.write("d.xlsx", "PK");
    let run = f.run(&["check", "{dir}", "--records", "{dir}/d.xlsx", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("d.xlsx: the workbook cannot be read"), "{}", run.stderr());
    assert!(run.stderr().contains("or save the sheet as CSV UTF-8"), "{}", run.stderr());
}

#[test]
fn personnummer_column_gets_a_warning_and_never_reaches_the_pdf() {
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", "Namn;Personnummer;Dag 1;Dag 2\nÅsa Öberg;19811218-9876;x;x\n");
    let run = f.run(&["issue", "{dir}"]);
    run.success();
    assert!(run.stderr().contains("varning:"), "{}", run.stderr());
    assert!(run.stderr().contains("ser ut att vara personnummer; kolumnen lämnas utanför"), "{}", run.stderr());

    let pdf = common::read_pdf(&f.pdfs()[0]);
    assert!(!pdf.text.contains("9876"));
}

#[test]
fn verification_settings_are_checked() {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap().replace(
        "hours = 7.5\n",
        "hours = 7.5\nverify_url = \"intyg.testkommunen.exempel.se\"\nsigning_key = \"nycklar/issuer.key\"\n",
    );
    f.write("intyg.toml", toml);
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
}

#[test]
fn messages_speak_the_programmes_language_unless_lang_says_otherwise() {
    let bad_row = |f: &Fixture, file: &str| {
        let mut csv = std::fs::read_to_string(f.dir().join(file)).unwrap();
        csv.push_str("Ola,Ek,ola@exampleton.org,Social Services,Case officer,X,maybe,X\n");
        f.write(file, csv.replace(',', if file == "deltagare.csv" { ";" } else { "," }));
    };
    // An English programme: English messages, labels and summary.
    let en = Fixture::empty();
    en.run(&["init", "{dir}", "--lang", "en"]).success();
    bad_row(&en, "participants.csv");
    let run = en.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("error: [TMP]/p/participants.csv, row 8, column \"Day 2 (G)\": unknown attendance mark \"maybe\""),
        "{err}"
    );
    assert!(err.contains("  hint: mark attendance with X"), "{err}");
    // A starter's people are invented, and it has no address for checking.
    assert!(err.ends_with("1 error, 2 warnings: nothing was written\n"), "{err}");

    // A Swedish one: Swedish, as git words its labels.
    let sv = Fixture::empty();
    sv.run(&["init", "{dir}", "--lang", "sv"]).success();
    bad_row(&sv, "deltagare.csv");
    let run = sv.run(&["check", "{dir}"]);
    let err = run.stderr();
    assert!(
        err.contains("fel: [TMP]/p/deltagare.csv, rad 8, kolumnen \"Dag 2 (G)\": okänd närvaromarkering \"maybe\""),
        "{err}"
    );
    assert!(err.contains("  tips: markera närvaro med X"), "{err}");
    assert!(err.ends_with("1 fel, 2 varningar: ingenting skrevs\n"), "{err}");
    // --lang chooses for the whole run, the programme's own errors included.
    let run = sv.run(&["check", "{dir}", "--lang", "en"]);
    assert!(run.stderr().contains("row 8, column \"Dag 2 (G)\": unknown attendance mark"), "{}", run.stderr());

    // Before a programme is read, the locale chooses.
    sv.write("intyg.toml", "kind = \"course\"\n[programme\n");
    let run = sv.run_env(&[("LANG", "sv_SE.UTF-8")], &["check", "{dir}"]);
    assert!(run.stderr().starts_with("fel: [TMP]/p/intyg.toml, rad 2"), "{}", run.stderr());
    let run = sv.run(&["check", "{dir}"]);
    assert!(run.stderr().starts_with("error: [TMP]/p/intyg.toml, line 2"), "{}", run.stderr());

    // A file that names its language speaks it from the first message,
    // even about a key it cannot read.
    sv.write("intyg.toml", "language = \"en\"\n[issuer]\nname = \"K\"\nnamn = \"K\"\n");
    let run = sv.run_env(&[("LANG", "sv_SE.UTF-8")], &["check", "{dir}"]);
    assert!(run.stderr().starts_with("error: [TMP]/p/intyg.toml, line 4"), "{}", run.stderr());
    assert!(run.stderr().contains("unknown key \"namn\" in [issuer]\n  hint: did you mean name?"), "{}", run.stderr());
}

#[test]
fn a_template_reading_a_column_the_file_lacks_names_it_in_swedish() {
    let f = Fixture::new("tiny");
    f.write("eget.typ", "#let certificate(data) = {\n  [Intyg för #data.participant.name, kurskod #data.participant.extra.Kurskod]\n}\n");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("template = \"eget.typ\"\n{toml}"));
    for command in ["check", "issue"] {
        let run = f.run(&[command, "{dir}"]);
        assert_eq!(run.code(), 1, "{}", run.stderr());
        let err = run.stderr();
        assert!(err.contains("varning: [TMP]/p/deltagare.csv, rad 1: mallen eget.typ skriver ut \"Kurskod\", som filen saknar kolumn för"), "{err}");
        assert!(err.contains("fel: mallen läser \"Kurskod\", som inte finns i data"), "{err}");
        assert!(err.contains("lägg till en kolumn med rubriken \"Kurskod\""), "{err}");
        assert!(err.contains("eget.typ:2:70"), "{err}");
        assert!(err.contains("= när rad 2 (Åsa Öberg)"), "{err}");
        assert!(!err.contains("dictionary does not contain"), "{err}");
    }
    // With the column, the certificate says it.
    f.write("deltagare.csv", "Namn;Kurskod;Dag 1;Dag 2\nÅsa Öberg;MR-101;x;x\n");
    f.run(&["issue", "{dir}"]).success();
    assert!(common::read_pdf(&f.out().join("GK-0001-asa-oberg.pdf")).text.contains("kurskod MR-101"));
}

#[test]
fn a_table_of_another_kind_of_folder_is_a_warning_naming_the_kind() {
    // A diploma's [scheme] in a folder without kind = "diploma": most
    // likely a forgotten kind; it used to be left out without a word.
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[scheme]\nname = \"Mångfaldsdiplom\"\n"));
    let run = f.run(&["check", "{dir}"]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains("varning: [TMP]/p/intyg.toml, rad 20, kolumn 1: \"scheme\" hör hemma i en diplommapp; det här är en programmapp, som lämnar den därhän"),
        "{err}"
    );
    assert!(err.contains("tips: om det här är en diplommapp, skriv kind = \"diploma\" överst i intyg.toml"), "{err}");

    // And the other way: sessions in a diploma folder, in English.
    let d = Fixture::new("samples/mangfaldsdiplom-pitea");
    let toml = std::fs::read_to_string(d.dir().join("intyg.toml")).unwrap();
    d.write("intyg.toml", format!("{toml}\n[[sessions]]\ndate = 2026-03-03\n"));
    let run = d.run(&["check", "{dir}", "--lang", "en", "--on", "2026-11-23"]);
    run.success();
    assert!(
        run.stderr().contains("\"sessions\" belongs in a programme folder; this is a diploma folder"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_column_marked_unused_reaches_no_template_and_no_page() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.csv",
        "Namn;E-post;Kommun;Dag 1;Dag 2;Kommentar\nÅsa Öberg;asa@exempel.se;Umeå kommun;X;X;diabetes, insulin\n",
    );
    f.write("visa.typ", "#let certificate(data) = {\n  [Extra: #repr(data.participant.extra)]\n}\n");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("template = \"visa.typ\"\n{toml}"));
    // Unmarked, an unknown column goes to the template.
    f.run(&["issue", "{dir}", "-q"]).success();
    let text: String = f.pdfs().iter().map(|p| common::read_pdf(p).text).collect();
    assert!(text.contains("diabetes"), "{text}");
    // Marked unused, it goes nowhere, and the reading says so.
    f.write("intyg.toml", format!("template = \"visa.typ\"\n{toml}\n[columns]\nunused = [\"Kommentar\"]\n"));
    f.run(&["issue", "{dir}", "-q"]).success();
    let text: String = f.pdfs().iter().map(|p| common::read_pdf(p).text).collect();
    assert!(!text.contains("diabetes") && text.contains("Extra"), "{text}");
    let json = f.run(&["check", "{dir}", "--json"]).json();
    assert_eq!(json["reading"]["columns"][5]["meaning"], "används inte (så valt)", "{json}");
    // One column only, where a list is not taken.
    f.write("intyg.toml", format!("template = \"visa.typ\"\n{toml}\n[columns]\nname = [\"Namn\"]\n"));
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("bara unused tar en lista"), "{}", run.stderr());
}
