//! The real binary on fixture folders, with the PDFs read back.

use crate::common;

use common::{Fixture, read_pdf, squash};

#[test]
fn sample_programme_issues_one_certificate_per_eligible_participant() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let json = run.json();
    let issued = json["issued"].as_array().unwrap();
    assert_eq!(issued.len(), 25);
    assert_eq!(f.pdfs().len(), 25);
    let partial: Vec<(&str, &str)> = issued
        .iter()
        .filter(|d| d["kind"] == "deltagarintyg")
        .map(|d| (d["name"].as_str().unwrap(), d["missed"][0].as_str().unwrap()))
        .collect();
    assert_eq!(
        partial,
        [
            ("Leila Haddad", "Dag 3: Diskrimineringslagen och aktiva åtgärder (11 december 2019)"),
            ("Fatima Yusuf", "Dag 2: Rättighetsbaserat arbetssätt och styrning (9 oktober 2019)"),
            ("Gustav Hellström", "Dag 4: Uppföljning, analys och rapportering (12 december 2019)"),
        ]
    );
    let pdf = read_pdf(&f.out().join("MRS19-0003-karin-oberg.pdf"));
    assert_eq!(pdf.pages, 1);
    assert!(pdf.text.contains("Karin Öberg"), "{}", pdf.text);
    assert!(pdf.text.contains("KURSINTYG"));
    assert!(pdf.text.contains("Utbildning för MR-strateger 2019"));
    assert!(pdf.text.contains("8–9 oktober och 11–12 december 2019"));
    assert!(pdf.text.contains("Intygs-id: MRS19-0003"));
    assert_eq!(pdf.title, "Kursintyg – Karin Öberg – Utbildning för MR-strateger 2019");
    assert_eq!(pdf.lang, "sv");
    let partial = read_pdf(&f.out().join("MRS19-0005-leila-haddad.pdf"));
    assert!(partial.text.contains("DELTAGARINTYG"));
    assert!(partial.text.contains("har deltagit i tre av fyra utbildningstillfällen i"));
    assert!(partial.text.contains("9 oktober 2019 – Dag 2"));
    assert!(!partial.text.contains("Dag 3"), "a missed session is not listed as attended");
}

#[test]
fn pdfs_declare_pdf_a_2a_and_pdf_ua_1() {
    let f = Fixture::new("tiny");
    f.run(&["issue", "{dir}"]).success();
    let pdf = read_pdf(&f.pdfs()[0]);
    assert!(pdf.xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{}", pdf.xmp);
    assert!(pdf.xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(pdf.xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(pdf.xmp.contains("<dc:language><rdf:Bag><rdf:li>sv</rdf:li>"));
}

#[test]
fn english_certificates_with_lang_en() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--lang", "en"]).success();
    let pdf = read_pdf(&f.out().join("MRS19-0001-anna-lindqvist.pdf"));
    assert!(pdf.text.contains("COURSE CERTIFICATE"), "{}", pdf.text);
    assert!(pdf.text.contains("8–9 October and 11–12 December 2019"));
    assert!(pdf.text.contains("Stockholm, 12 December 2019"));
    assert_eq!(pdf.lang, "en");
}

#[test]
fn two_runs_give_byte_identical_pdfs() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--out", "{tmp}/a"]).success();
    f.run(&["issue", "{dir}", "--out", "{tmp}/b"]).success();
    let a = common::pdfs_in(&f.tmp.path().join("a"));
    let b = common::pdfs_in(&f.tmp.path().join("b"));
    assert_eq!(a.len(), 25);
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.file_name(), y.file_name());
        assert!(std::fs::read(x).unwrap() == std::fs::read(y).unwrap(), "{} differs between runs", x.display());
    }
    // Every certificate has its own PDF /ID.
    let ids: std::collections::HashSet<Vec<u8>> = a
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            let doc = lopdf::Document::load_mem(&bytes).unwrap();
            format!("{:?}", doc.trailer.get(b"ID").unwrap()).into_bytes()
        })
        .collect();
    assert_eq!(ids.len(), 25);
}

#[test]
fn windows_1252_gives_the_same_certificates_as_utf8() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let cp1252 = std::fs::read(f.dir().join("deltagare.csv")).unwrap();
    assert!(std::str::from_utf8(&cp1252).is_err(), "the sample is saved as Swedish Excel saves CSV");
    let (utf8, _, _) = encoding_rs::WINDOWS_1252.decode(&cp1252);
    f.write("deltagare-utf8.csv", format!("\u{feff}{utf8}"));
    f.run(&["issue", "{dir}", "--out", "{tmp}/cp1252"]).success();
    f.run(&["issue", "{dir}", "--records", "{dir}/deltagare-utf8.csv", "--out", "{tmp}/utf8"]).success();
    let a = common::pdfs_in(&f.tmp.path().join("cp1252"));
    let b = common::pdfs_in(&f.tmp.path().join("utf8"));
    assert_eq!(a.len(), 25);
    assert_eq!(
        a.iter().map(|p| p.file_name()).collect::<Vec<_>>(),
        b.iter().map(|p| p.file_name()).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        assert!(std::fs::read(x).unwrap() == std::fs::read(y).unwrap(), "{} differs", x.display());
    }
}

#[test]
fn markup_in_names_is_printed_literally() {
    let names = [
        r#"#read("/etc/passwd")"#,
        "*Fet*",
        "$x^2$",
        "] #set page(width: 1pt) [",
        "<label>",
        "@ref",
        "// x",
        "\\",
        "_Åsa_ `kod` #emph[x]",
    ];
    let mut csv = String::from("Namn,Dag 1,Dag 2\n");
    for n in names {
        csv.push_str(&format!("\"{}\",x,x\n", n.replace('"', "\"\"")));
    }
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", csv);
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let pdfs = f.pdfs();
    assert_eq!(pdfs.len(), names.len());
    for (i, name) in names.iter().enumerate() {
        let id = format!("GK-{:04}", i + 1);
        let file = pdfs.iter().find(|p| p.file_name().unwrap().to_string_lossy().starts_with(&id)).unwrap();
        let pdf = read_pdf(file);
        assert_eq!(pdf.pages, 1, "{name}");
        assert!(squash(&pdf.text).contains(&squash(name)), "{name:?} not printed literally in:\n{}", pdf.text);
        assert!(!pdf.text.contains("root:"), "a name was evaluated as code");
    }
}

#[test]
fn long_names_shrink_to_one_page() {
    let long = "Anna-Karin Maria Elisabeth Charlotta Gustafsdotter von Löwenhielm-Ångström af Wetterstedt";
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", format!("Namn;Dag 1;Dag 2\n{long};x;x\n"));
    f.run(&["issue", "{dir}"]).success();
    let pdf = read_pdf(&f.pdfs()[0]);
    assert_eq!(pdf.pages, 1);
    assert!(squash(&pdf.text).contains(&squash(long)));
}

#[test]
fn combined_pdf_has_one_page_per_certificate_in_record_order() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--combined", "{tmp}/alla.pdf"]).success();
    let pdf = read_pdf(&f.tmp.path().join("alla.pdf"));
    assert_eq!(pdf.pages, 25);
    let anna = pdf.text.find("Anna Lindqvist").unwrap();
    let tove = pdf.text.find("Tove Engström").unwrap();
    assert!(anna < tove);
}

#[test]
fn not_eligible_participants_are_listed_with_sessions_missed() {
    let f = Fixture::new("tiny");
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let json = run.json();
    assert_eq!(json["issued"].as_array().unwrap().len(), 2);
    assert_eq!(json["not_eligible"][0]["name"], "Per Ek");
    assert_eq!(json["not_eligible"][0]["row"], 3);
    assert_eq!(json["not_eligible"][0]["missed"][0], "Eftermiddag (4 mars 2026)");
    // Each person first, then the totals: the summary is what a long run
    // leaves last on the screen.
    let stderr = run.stderr();
    let listed =
        stderr.find("  uppfyller inte kraven: rad 3, Per Ek (Skellefteå kommun): missade Eftermiddag (4 mars 2026)\n");
    let counted = stderr.find("Uppfyller inte kraven: 1 (se listan ovan)");
    assert!(listed.is_some() && counted.is_some() && listed < counted, "{stderr}");
    let pdf = read_pdf(&f.out().join("GK-0001-asa-oberg.pdf"));
    assert!(pdf.text.contains("7,5 timmar"), "{}", pdf.text);
    assert!(pdf.text.contains("3–4 mars 2026"));
}

#[test]
fn toml_and_json_records_work_like_csv() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.toml",
        "[[participant]]\nname = \"Åsa Öberg\"\nemail = \"asa@exempel.se\"\nattended = [1, 2]\n\n[[participant]]\nfirst_name = \"Per\"\nlast_name = \"Ek\"\nday_1 = true\nday_2 = true\n",
    );
    f.write(
        "deltagare.json",
        r#"[{"Namn": "Åsa Öberg", "Dag 1": "x", "Dag 2": "x"}, {"name": "Per Ek", "närvaro": "1|2"}]"#,
    );
    for file in ["deltagare.toml", "deltagare.json"] {
        let run = f.run(&["check", "{dir}", "--records", &format!("{{dir}}/{file}"), "--json"]);
        run.success();
        let names: Vec<String> =
            run.json()["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["Åsa Öberg", "Per Ek"], "{file}");
    }
}

#[test]
fn check_validates_and_writes_nothing() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let run = f.run(&["check", "{dir}"]);
    run.success();
    assert!(run.stderr().contains("OK: 25 deltagare"), "{}", run.stderr());

    assert!(run.stderr().contains("kodning Windows-1252 (Excels CSV i Windows)"), "{}", run.stderr());
    assert!(!f.out().exists());
}

#[test]
fn a_users_own_template_and_its_images_work() {
    let f = Fixture::new("tiny");
    std::fs::create_dir_all(f.dir().join("mall")).unwrap();
    f.write(
        "mall/bild.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>"#,
    );
    f.write(
        "mall/eget.typ",
        "#let certificate(data) = {\n  set page(paper: \"a5\")\n  image(\"bild.svg\", width: 1cm, alt: \"ruta\")\n  [Eget intyg för #data.participant.name, #data.programme.dates_text]\n}\n",
    );
    f.run(&["issue", "{dir}", "--template", "{dir}/mall/eget.typ"]).success();
    let pdf = read_pdf(&f.out().join("GK-0001-asa-oberg.pdf"));
    assert!(pdf.text.contains("Eget intyg för Åsa Öberg, 3–4 mars 2026"), "{}", pdf.text);
}

#[test]
fn templates_lists_builtins_with_their_fields_and_show_writes_a_copy() {
    let f = Fixture::new("tiny");
    let run = f.run(&["templates"]);
    run.success();
    let out = run.stdout();
    // Each template is followed by the fields it reads.
    let diploma = &out[out.find("mangfaldsdiplom ").unwrap()..out.find("programrapport ").unwrap()];
    assert!(diploma.contains("organisation.name") && !diploma.contains("participant.name"), "{diploma}");
    let course = &out[out.find("kursintyg ").unwrap()..out.find("deltagarintyg ").unwrap()];
    assert!(course.contains("participant.name") && course.contains("programme.content"), "{course}");
    // show writes a copy, which issues as the built-in does.
    f.run(&["templates", "show", "kursintyg", "--out", "{dir}/mitt-intyg.typ"]).success();
    let copy = std::fs::read_to_string(f.dir().join("mitt-intyg.typ")).unwrap();
    assert!(copy.contains("#let certificate(data)"));
    f.run(&["issue", "{dir}", "--template", "mitt-intyg.typ"]).success();
    // Never over a file that is there; `--out -` prints.
    assert_eq!(f.run(&["templates", "show", "kursintyg", "--out", "{dir}/mitt-intyg.typ"]).code(), 2);
    assert!(f.run(&["templates", "show", "kursintyg", "--out", "-"]).stdout().contains("#let certificate(data)"));
    let run = f.run(&["templates", "show", "kursintgy"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("did you mean kursintyg?"), "{}", run.stderr());
}

/// A batch of many rounds (see `ROUND` in cmd/issue.rs) on all threads. When
/// every thread evicted typst's cache after each record, a 1 000-record batch
/// overflowed a worker's stack; every record must come out.
#[test]
fn a_batch_of_many_rounds_issues_every_record() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let bytes = std::fs::read(f.dir().join("deltagare.csv")).unwrap();
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let mut csv = format!("{header}\n");
    for n in 0..12 {
        for r in &rows {
            let mut cells: Vec<String> = r.split(';').map(str::to_owned).collect();
            cells[1] = format!("{} {n}", cells[1]);
            cells[2] = format!("{n}.{}", cells[2]);
            csv.push_str(&cells.join(";"));
            csv.push('\n');
        }
    }
    f.write("deltagare.csv", csv);
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    assert_eq!(run.json()["issued"].as_array().unwrap().len(), 300);
    assert_eq!(f.pdfs().len(), 300);
}

#[test]
fn source_date_epoch_sets_the_pdf_dates() {
    let f = Fixture::new("tiny");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_intyg"))
        .args(["issue", &f.dir().to_string_lossy(), "-q"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    let pdf = read_pdf(&f.pdfs()[0]);
    assert!(pdf.xmp.contains("<xmp:CreateDate>2023-11-14T22:13:20+00:00</xmp:CreateDate>"), "{}", pdf.xmp);
    // Without it, the programme's issue date (the last session) is used.
    f.run(&["issue", "{dir}", "--out", "{tmp}/b"]).success();
    let pdf = read_pdf(&common::pdfs_in(&f.tmp.path().join("b"))[0]);
    assert!(pdf.xmp.contains("<xmp:CreateDate>2026-03-04T00:00:00+00:00</xmp:CreateDate>"), "{}", pdf.xmp);
}

/// The tiny programme's participants, one per line, header first.
const TINY: &str = "Namn;E-post;Kommun;Dag 1;Dag 2\n";

#[test]
fn a_corrected_name_replaces_the_old_certificate_under_the_same_id() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.csv",
        format!("{TINY}Ana Lind;ana.lind@exempel.se;Umeå kommun;X;X\nPer Ek;per@exempel.se;Umeå kommun;X;X\n"),
    );
    f.run(&["issue", "{dir}"]).success();
    // The address was typed from the misspelt name: both are corrected.
    f.write(
        "deltagare.csv",
        format!("{TINY}Anna Lind;anna.lind@exempel.se;Umeå kommun;X;X\nPer Ek;per@exempel.se;Umeå kommun;X;X\n"),
    );
    let check = f.run(&["check", "{dir}"]);
    check.success();
    assert!(
        check.stderr().contains("ändrat: rad 2, GK-0001 Anna Lind: namn Ana Lind → Anna Lind"),
        "{}",
        check.stderr()
    );
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let names: Vec<String> = f.pdfs().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["GK-0001-anna-lind.pdf", "GK-0002-per-ek.pdf"], "the misspelt one is gone");
    assert!(read_pdf(&f.out().join("GK-0001-anna-lind.pdf")).text.contains("Anna Lind"));
    let changes = &run.json()["changes"];
    assert_eq!(changes["changed"][0]["replaces"], "GK-0001-ana-lind.pdf");
    assert_eq!(changes["unchanged"], 1);
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert_eq!(register.lines().count(), 3, "{register}");
    assert!(
        register.contains("GK-0001;kursintyg;GK;Grundkurs i mänskliga rättigheter;Anna Lind;anna.lind@exempel.se;")
    );
    assert!(register.contains("GK-0001-anna-lind.pdf"));
    assert!(!register.contains("Ana Lind"));
    // The register's checksum is the new file's.
    use sha2::Digest;
    let digest = sha2::Sha256::digest(std::fs::read(f.out().join("GK-0001-anna-lind.pdf")).unwrap());
    let sha: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert!(register.contains(&sha), "{register}");
}

#[test]
fn a_rerun_says_who_is_no_longer_in_the_records() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.csv",
        format!("{TINY}Ana Lind;ana@exempel.se;Umeå kommun;X;X\nPer Ek;per@exempel.se;Umeå kommun;X;X\n"),
    );
    f.run(&["issue", "{dir}"]).success();
    f.write(
        "deltagare.csv",
        format!("{TINY}Per Ek;per@exempel.se;Umeå kommun;X;X\nEva Berg;eva@exempel.se;Umeå kommun;X;X\n"),
    );
    let run = f.run(&["issue", "{dir}"]);
    run.success();
    let err = run.stderr();
    assert!(err.contains("utfärdas inte nu: GK-0001 Ana Lind (kursintyg), inte längre i listan"), "{err}");
    assert!(
        err.contains("Sedan förra körningen: 1 nytt, 0 ändrade, 1 oförändrat, 1 i registret men inte utfärdade nu"),
        "{err}"
    );
    // Kept as issued: the register and the file stay.
    assert!(f.out().join("GK-0001-ana-lind.pdf").exists());
    assert!(f.out().join("GK-0003-eva-berg.pdf").exists());
}

#[test]
fn two_rows_that_could_each_be_the_corrected_holder_stop_the_run_until_renamed_says_who() {
    let f = Fixture::new("tiny");
    f.write("deltagare.csv", format!("{TINY}Märta Lind;;Vännäs kommun;X;X\n"));
    f.run(&["issue", "{dir}"]).success();
    let rows = format!("{TINY}Märta Lindh;;Vännäs kommun;X;X\nMärta Lindt;;Vännäs kommun;X;X\n");
    f.write("deltagare.csv", &rows);
    for command in ["check", "issue"] {
        let run = f.run(&[command, "{dir}"]);
        assert_eq!(run.code(), 1, "{}", run.stderr());
        let err = run.stderr();
        assert!(
            err.contains(
                "rad 2: Märta Lindh är ny i listan och kan vara det rättade namnet på Märta Lind (GK-0001) i registret"
            ),
            "{err}"
        );
        assert!(err.contains("rad 3: Märta Lindt är ny i listan"), "{err}");
        assert!(err.contains("[renamed] \"GK-0001\" = \"Märta Lindh\""), "{err}");
    }
    assert_eq!(f.pdfs().len(), 1, "nothing written");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[renamed]\n\"GK-0001\" = \"Märta Lindt\"\n"));
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    let issued = run.json()["issued"].clone();
    assert_eq!(issued[0]["name"], "Märta Lindh");
    assert_eq!(issued[0]["id"], "GK-0002");
    assert_eq!(issued[1]["name"], "Märta Lindt");
    assert_eq!(issued[1]["id"], "GK-0001");
    let names: Vec<String> = f.pdfs().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["GK-0001-marta-lindt.pdf", "GK-0002-marta-lindh.pdf"]);
    // An id whose holder is still in the records stays theirs.
    f.write("intyg.toml", format!("{toml}\n[renamed]\n\"GK-0002\" = \"Märta Lindt\"\n"));
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains(
            "intyg.toml, rad 21, kolumn 1: [renamed] \"GK-0002\": Märta Lindh har fortfarande det id:t i deltagarlistan"
        ),
        "{}",
        run.stderr()
    );
    // A [renamed] id the register does not have is an error.
    f.write("intyg.toml", format!("{toml}\n[renamed]\n\"GK-0009\" = \"Märta Lindt\"\n"));
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("[renamed] \"GK-0009\": registret har inget sådant id"), "{}", run.stderr());
}

/// Whether any image or colour in the PDF at `path` is CMYK.
fn has_cmyk(path: &std::path::Path) -> bool {
    let doc = lopdf::Document::load(path).unwrap();
    doc.objects.values().any(|o| {
        let dict = match o {
            lopdf::Object::Stream(s) => &s.dict,
            lopdf::Object::Dictionary(d) => d,
            _ => return false,
        };
        matches!(dict.get(b"ColorSpace"), Ok(lopdf::Object::Name(n)) if n == b"DeviceCMYK")
    })
}

#[test]
fn a_print_offices_cmyk_or_ycck_jpeg_logo_is_issued_in_srgb() {
    for logo in ["tryckeriets-logotyp-cmyk.jpg", "tryckeriets-logotyp-ycck.jpg"] {
        let f = Fixture::new("tiny");
        f.write(logo, std::fs::read(common::repo().join("tests/fixtures/images").join(logo)).unwrap());
        let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
        f.write("intyg.toml", toml.replace("[issuer]", &format!("[issuer]\nlogo = \"{logo}\"")));
        f.run(&["check", "{dir}"]).success();
        f.run(&["issue", "{dir}"]).success();
        let pdf = f.out().join("GK-0001-asa-oberg.pdf");
        assert!(!has_cmyk(&pdf), "{logo}: CMYK left in the PDF");
        assert!(read_pdf(&pdf).text.contains("Åsa Öberg"));
    }
}

#[test]
fn a_cmyk_colour_in_a_template_is_refused_by_check_in_the_words_of_issue() {
    let f = Fixture::new("tiny");
    f.write(
        "eget.typ",
        "#let certificate(data) = {\n  text(fill: cmyk(0%, 60%, 100%, 0%))[Intyg för #data.participant.name]\n}\n",
    );
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("template = \"eget.typ\"\n{toml}"));
    let words = "mallen använder en CMYK-färg, som en arkivbeständig PDF (PDF/A) inte kan hålla utan en färgprofil";
    for command in ["check", "issue"] {
        let run = f.run(&[command, "{dir}"]);
        assert_eq!(run.code(), 1, "{command}: {}", run.stderr());
        assert!(run.stderr().contains(words), "{command}: {}", run.stderr());
        assert!(run.stderr().contains("tips: skriv färgen som rgb(\"#…\") i mallen"), "{}", run.stderr());
    }
    assert!(f.pdfs().is_empty());
}

#[test]
fn corrected_attendance_replaces_a_kursintyg_with_a_deltagarintyg() {
    let f = Fixture::new("tiny");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[eligibility]\nparticipation_certificate = true\n"));
    // Per was marked present at both sessions by mistake.
    f.write(
        "deltagare.csv",
        format!("{TINY}Åsa Öberg;asa@exempel.se;Umeå kommun;X;X\nPer Ek;per@exempel.se;Umeå kommun;X;X\n"),
    );
    f.run(&["issue", "{dir}"]).success();
    f.write(
        "deltagare.csv",
        format!("{TINY}Åsa Öberg;asa@exempel.se;Umeå kommun;X;X\nPer Ek;per@exempel.se;Umeå kommun;X;\n"),
    );
    let run = f.run(&["issue", "{dir}"]);
    run.success();
    assert!(
        run.stderr().contains("ersatt: GK-0002 Per Ek (kursintyg) av GK-0003 (deltagarintyg) på rad 3"),
        "{}",
        run.stderr()
    );
    let names: Vec<String> = f.pdfs().iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["GK-0001-asa-oberg.pdf", "GK-0003-per-ek.pdf"], "the wrong kursintyg is gone");
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(
        register.contains(
            "GK-0002;kursintyg;GK;Grundkurs i mänskliga rättigheter;Per Ek;per@exempel.se;2026-03-04;;ersatt;GK-0003;"
        ),
        "{register}"
    );
}

#[test]
fn an_svg_logo_with_text_is_checked_against_intygs_fonts_by_name() {
    let f = Fixture::new("tiny");
    let svg = |text: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"80\"><rect width=\"300\" height=\"80\" fill=\"#005a9c\"/>\
             <text x=\"20\" y=\"50\" font-family=\"Arial, Helvetica\" font-size=\"30\" fill=\"white\">{text}</text></svg>"
        )
    };
    f.write("logga.svg", svg("Umeå kommun 漢"));
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replace("[issuer]", "[issuer]\nlogo = \"logga.svg\""));
    for command in ["check", "issue"] {
        let run = f.run(&[command, "{dir}"]);
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert!(
            run.stderr().contains("intyg.toml, rad 4, kolumn 1: bilden \"logga.svg\" har text med tecken som saknas i de typsnitt som intyg har med sig: \"漢\" (U+6F22)"),
            "{}",
            run.stderr()
        );
    }
    // Letters intyg has work, in its own font, with a warning.
    f.write("logga.svg", svg("Umeå kommun"));
    let run = f.run(&["issue", "{dir}"]);
    run.success();
    assert!(run.stderr().contains("sätter sin text i Arial, Helvetica, som intyg inte har"), "{}", run.stderr());
}

#[test]
fn an_own_template_imports_intygs_package_and_an_older_one_its_parts_path() {
    // The README's example: the package, its words and parts, offline.
    let f = Fixture::new("samples/mr-strateger-2019");
    f.write(
        "mitt.typ",
        r##"#import "@local/intyg:0.1.0": accent-of, certificate-head, dated, foot, page-background, words, phrase
#let certificate(data) = {
  let w = words(data.lang)
  let accent = accent-of(data, rgb("#1f4e79"))
  set page(paper: "a4", background: page-background(data, accent))
  certificate-head(data, w.kursintyg, accent)
  [#phrase(w.valid_until, date: "{date} " + data.programme.code)]
  foot(data, dated(data.lang, data.programme.place, data.issued_text))
}
"##,
    );
    // A template copied from intyg before the package: its import path and
    // `labels` still work.
    f.write(
        "gammal.typ",
        r##"#import "/.intyg/parts.typ": certificate-head, foot, labels
#let certificate(data) = {
  let t = labels(data.lang)
  certificate-head(data, t.kursintyg, rgb("#1f4e79"))
  foot(data, text((t.dated)(data.programme.place, data.issued_text)))
}
"##,
    );
    for (template, lang, words) in [
        (
            "mitt.typ",
            "sv",
            ["KURSINTYG", "Diplomet gäller till och med {date} MRS19", "Stockholm den 12 december 2019"],
        ),
        ("mitt.typ", "en", ["COURSE CERTIFICATE", "Valid until {date} MRS19", "Stockholm, 12 December 2019"]),
        ("gammal.typ", "sv", ["KURSINTYG", "Anna Lindqvist", "Stockholm den 12 december 2019"]),
    ] {
        let out = format!("{{tmp}}/{template}-{lang}");
        let run = f.run(&[
            "issue",
            "{dir}",
            "--template",
            &format!("{{dir}}/{template}"),
            "--lang",
            lang,
            "--out",
            &out,
            "-q",
        ]);
        run.success();
        let pdf = read_pdf(&f.tmp.path().join(format!("{template}-{lang}/MRS19-0001-anna-lindqvist.pdf")));
        for word in words {
            assert!(squash(&pdf.text).contains(&squash(word)), "{template} {lang}: {word} in {}", pdf.text);
        }
    }
}

#[cfg(unix)]
#[test]
fn reports_combined_files_and_starter_files_are_as_readable_as_certificates() {
    // They were written private (0600) through a temporary file, where a
    // colleague on a shared drive could open the certificates but not the
    // report beside them.
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--combined", "{dir}/alla.pdf", "-q"]).success();
    f.run(&["report", "{dir}", "-q"]).success();
    f.run(&["init", "{tmp}/ny"]).success();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let certificate = mode(&f.out().join("MRS19-0001-anna-lindqvist.pdf"));
    assert_ne!(certificate & 0o044, 0, "the test expects a umask that lets others read, got {certificate:o}");
    for file in [
        f.dir().join("alla.pdf"),
        f.out().join("programrapport.pdf"),
        f.out().join("register.csv"),
        f.tmp.path().join("ny/intyg.toml"),
    ] {
        assert_eq!(mode(&file), certificate, "{}", file.display());
    }
}

/// How many pixels of a PNG are within a few steps of `rgb`.
fn pixels_of(path: &std::path::Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    buf[..info.buffer_size()].chunks(step).filter(|p| p.iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 6)).count()
}

#[test]
fn a_folders_look_is_on_every_document_and_a_wrong_value_is_named() {
    let f = Fixture::new("samples/mr-strateger-2019");
    // A PDF page as the background: one of intyg's own certificates.
    f.run(&["issue", "{dir}", "-q"]).success();
    std::fs::copy(f.out().join("MRS19-0001-anna-lindqvist.pdf"), f.dir().join("bakgrund.pdf")).unwrap();
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    let look = "\n[look]\naccent = \"#C8102E\"\nlogo_height_mm = 14\nissuer_name = false\nframe = \"thin\"\nbackground = \"bakgrund.pdf\"\n";
    f.write("intyg.toml", format!("{toml}{look}"));
    f.run(&["issue", "{dir}", "-q"]).success();
    let pdf = read_pdf(&f.out().join("MRS19-0002-mohammed-al-rashid.pdf"));
    assert_eq!(pdf.pages, 1);
    assert!(pdf.text.contains("KURSINTYG") && pdf.text.contains("Mohammed Al-Rashid"), "{}", pdf.text);
    // The logo holds the name: it is not printed under it.
    assert!(!pdf.text.to_uppercase().contains("RÄTTIGHETSAKADEMIN FÖR"), "{}", pdf.text);
    // The background's page is drawn, as shapes: none of its text is text.
    assert!(!pdf.text.contains("Anna Lindqvist"), "{}", pdf.text);
    // The accent colours the kursintyg and the deltagarintyg alike.
    let red = [0xC8, 0x10, 0x2E];
    for (row, png) in [("2", "kurs.png"), ("6", "deltagar.png")] {
        f.run(&["preview", "{dir}", "--record", row, "--out", &format!("{{tmp}}/{png}")]).success();
        let n = pixels_of(&f.tmp.path().join(png), red);
        assert!(n > 500, "{png}: {n} pixels in the accent colour");
    }

    // What is wrong is named at its line, in the user's words.
    let wrong = "\n[look]\naccent = \"blå\"\nlogo_height_mm = 100\nframe = \"tunn\"\nbackground = \"deltagare.csv\"\n";
    f.write("intyg.toml", format!("{toml}{wrong}"));
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("frame kan inte vara \"tunn\""), "{}", run.stderr());
    assert!(run.stderr().contains("menade du \"thin\"?"), "{}", run.stderr());
    f.write("intyg.toml", format!("{toml}{}", wrong.replace("frame = \"tunn\"\n", "")));
    let err = f.run(&["check", "{dir}"]).stderr();
    assert!(err.contains("accentfärgen \"blå\" är ingen färg i hex"), "{err}");
    assert!(err.contains("en logotyp som är 100 mm hög får inte plats på sidan"), "{err}");
    assert!(err.contains("bakgrunden \"deltagare.csv\" är inte PDF, SVG, PNG eller JPEG"), "{err}");
}
