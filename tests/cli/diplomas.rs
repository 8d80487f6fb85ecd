//! Diversity diplomas, the register and `intyg expiring`, on the real binary.

use crate::common;

use common::{Fixture, read_pdf, squash};

const ON: &str = "2026-11-23";

/// Replaces the sample's organisations with `rows` (its first twelve
/// columns; the rest, `Återkallad den`, left empty), keeping its header row.
fn with_rows(f: &Fixture, rows: &str) {
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    let rows: String = rows.lines().map(|r| format!("{r};\n")).collect();
    f.write("organisationer.csv", format!("{header}\n{rows}"));
}

fn register(f: &Fixture) -> String {
    std::fs::read_to_string(f.dir().join("register.csv")).expect("register.csv")
}

#[test]
fn sample_scheme_issues_one_diploma_per_decided_organisation() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
    run.success();
    let issued = run.json()["issued"].as_array().unwrap().len();
    assert_eq!(issued, 11, "twelve records, one revoked");
    assert_eq!(f.pdfs().len(), 11);
    assert!(!f.pdfs().iter().any(|p| p.to_string_lossy().contains("motesplats")), "the revoked one gets no diploma");
    let pdf = read_pdf(&f.out().join("MDP-2025-005-idrottsforeningen-norrstjarnan.pdf"));
    assert_eq!(pdf.pages, 1);
    // The diploma says what it is, whatever the scheme is called; its
    // decision's case reference is under the dates.
    assert!(pdf.text.contains("MÅNGFALDSDIPLOM"), "{}", pdf.text);
    assert!(pdf.text.contains("Dnr KS 2025/019"), "{}", pdf.text);
    assert!(pdf.text.contains("Idrottsföreningen Norrstjärnan"));
    assert!(pdf.text.contains("org.nr 802466-9239"));
    assert!(squash(&pdf.text).contains(&squash("Avgiftsfria prova-på-dagar och utrustningsbank")), "{}", pdf.text);
    assert!(pdf.text.contains("Piteå den 3 februari 2025"));
    assert!(pdf.text.contains("Diplomet gäller till och med 3 februari 2028"));
    assert!(pdf.text.contains("Mångfaldsdiplomering – Ett Piteå för alla"));
    assert!(squash(&pdf.text).contains(&squash("Det finns en plan mot diskriminering och trakasserier")));
    assert_eq!(
        pdf.title,
        "Mångfaldsdiplom – Idrottsföreningen Norrstjärnan – Mångfaldsdiplomering – Ett Piteå för alla"
    );
}

#[test]
fn renewal_supersedes_and_revocation_is_registered() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let reg = register(&f);
    let row =
        |id: &str| reg.lines().find(|l| l.starts_with(id)).unwrap_or_else(|| panic!("{id} not in\n{reg}")).to_owned();
    assert!(row("MDP-2021-003").contains(";ersatt;MDP-2024-004;"), "{}", row("MDP-2021-003"));
    assert!(row("MDP-2024-004").contains(";giltigt;;"));
    assert!(row("MDP-2022-007").contains(";återkallat;"));
    assert!(row("MDP-2023-006").contains(";utgånget;"), "expired as of the run date");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(f.dir().join("register.json")).unwrap()).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 12);
    // The PDF's hash is in the register.
    let pdf = std::fs::read(f.out().join("MDP-2024-004-pitea-bygg-montage-ab.pdf")).unwrap();
    assert!(row("MDP-2024-004").contains(&intyg::register::sha256_hex(&pdf)));
}

#[test]
fn rerunning_the_same_input_leaves_the_register_byte_identical() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let first = (register(&f), std::fs::read(f.dir().join("register.json")).unwrap());
    f.run(&["issue", "{dir}", "--on", ON]).success();
    assert_eq!(first, (register(&f), std::fs::read(f.dir().join("register.json")).unwrap()));
}

#[test]
fn later_runs_never_lose_a_row_and_keep_ids() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let before = register(&f);
    // A later run with only a new organisation: earlier rows stay, ids are not reused.
    with_rows(
        &f,
        "Nya Föreningen Sörbyn;802531-4520;Ideell förening;ideell;Kim Lund;kim@sorbyn.exempel.se;2026-11-20;;A|B|C;Ny motivering.;KS 2026/300;\n",
    );
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let after = register(&f);
    for line in before.lines() {
        assert!(after.contains(line), "lost or changed: {line}");
    }
    let new_row = after.lines().last().unwrap();
    assert!(new_row.starts_with("MDP-2026-013;"), "{new_row}");
}

#[test]
fn bad_organisation_numbers_are_rejected_with_their_rows() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    let csv = csv.replace("559214-7317", "559214-7318").replace("969731-4426", "811218-9876").replace(
        "802466-9239;Ideell förening;ideell;Ali Hassan;ordforande@norrstjarnan.exempel.se;2025-02-03;;A|B|C|D",
        "802466-9239;Ideell förening;ideell;Ali Hassan;ordforande@norrstjarnan.exempel.se;2025-02-03;;A|X",
    );
    f.write("organisationer.csv", csv);
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stderr());
    assert!(!f.out().exists() || f.pdfs().is_empty());
    assert!(!f.dir().join("register.csv").exists());
}

#[test]
fn overlapping_validity_and_impossible_dates_are_errors() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    with_rows(
        &f,
        "A AB;559214-7317;;näringsliv;;;2024-03-12;;A|B|C;;;\nA AB;559214-7317;;näringsliv;;;2025-03-12;;A|B|C;;;\nB AB;969731-4426;;näringsliv;;;2025-02-30;;A|B|C;;;\nC AB;559031-8472;;näringsliv;;;2025-02-01;2024-01-01;A|B|C;;;\n",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("rad 3, kolumnen \"Organisationsnummer (B)\": 559214-7317 har också ett diplom på rad 2"),
        "{err}"
    );
    assert!(err.contains("rad 4, kolumnen \"Diplomerad (G)\": \"2025-02-30\" är inget datum"), "{err}");
    assert!(
        err.contains("rad 5, kolumnen \"Giltig till (H)\": giltigt till 2024-01-01 är före diplomeringen 2025-02-01"),
        "{err}"
    );
}

#[test]
fn expiring_lists_exactly_the_right_rows() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let run = f.run(&["expiring", "{dir}/register.csv", "--within", "90d", "--on", ON, "--json"]);
    run.success();
    let rows: Vec<(String, String)> = run
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_owned(), r["state"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        rows,
        [("MDP-2023-006".to_owned(), "expired".to_owned()), ("MDP-2024-002".to_owned(), "expires".to_owned())]
    );
    let run = f.run(&["expiring", "{dir}/register.csv", "--within", "1y", "--on", ON, "--csv"]);
    run.success();
    let out = run.stdout();
    assert_eq!(out.lines().count(), 1 + 5, "{out}");
    assert!(!out.contains("MDP-2021-003"), "a renewed diploma is not listed");
    assert!(!out.contains("MDP-2022-007"), "a revoked diploma is not listed");
    assert!(out.starts_with("\u{feff}läge;giltigt_till;dagar;"), "Swedish folder, Swedish Excel: {out}");
    assert!(out.contains("\nhar upphört;2026-"), "{out}");
    assert!(out.contains("Jonas Öhman;jonas@kafestromsund.exempel.se"));
    let table = f.run(&["expiring", "{dir}/register.csv", "--on", ON, "--lang", "en"]);
    assert!(table.stdout().contains("2 diplomas to renew"), "{}", table.stdout());
    let english = f.run(&["expiring", "{dir}/register.csv", "--within", "1y", "--on", ON, "--csv", "--lang", "en"]);
    assert!(english.stdout().starts_with("state,valid_until,"), "{}", english.stdout());
    // The folder itself names its register.
    let by_folder = f.run(&["expiring", "{dir}", "--within", "1y", "--on", ON, "--csv"]);
    assert_eq!(by_folder.success().stdout(), out);
}

#[test]
fn register_cells_are_safe_in_a_spreadsheet() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    with_rows(&f, "\"=HYPERLINK(\"\"http://x\"\")\";559214-7317;;näringsliv;@kontakt;+46@x.se;2026-03-12;;A|B|C;;;\n");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let reg = register(&f);
    assert!(reg.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{reg}");
    assert!(reg.contains(";'@kontakt;'+46@x.se;"), "{reg}");
}

#[test]
fn course_certificates_write_the_same_register() {
    let f = Fixture::new("tiny");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let reg = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    // A Swedish folder: what Excel in a Swedish locale opens by double-click.
    // In Swedish words.
    assert!(
        reg.starts_with("\u{feff}id;dokument;kod;program;innehavare;innehavarens_id;utfärdat;giltigt_till;status;"),
        "{reg}"
    );
    assert!(
        reg.contains(
            "GK-0001;kursintyg;GK;Grundkurs i mänskliga rättigheter;Åsa Öberg;asa@exempel.se;2026-03-04;;giltigt;"
        ),
        "{reg}"
    );
    // A participant who later completes the programme: the same id is never given to another person.
    f.write("deltagare.csv", "Namn;E-post;Kommun;Dag 1;Dag 2\nNy Person;ny@exempel.se;Umeå kommun;X;X\nÅsa Öberg;asa@exempel.se;Umeå kommun;X;X\n");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let reg = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(reg.contains("GK-0001;kursintyg;GK;Grundkurs i mänskliga rättigheter;Åsa Öberg;"), "{reg}");
    assert!(reg.contains("GK-0003;kursintyg;GK;Grundkurs i mänskliga rättigheter;Ny Person;"), "{reg}");
    // In English the same register is `,`-separated without a BOM, and is
    // read back whichever it was: the ids stay.
    f.run(&["issue", "{dir}", "--on", ON, "--lang", "en"]).success();
    let reg = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(reg.starts_with("id,kind,scheme_code,"), "{reg}");
    assert!(reg.contains(",valid,"), "{reg}");
    assert!(reg.contains("GK-0003,kursintyg,GK,Grundkurs i mänskliga rättigheter,Ny Person,"), "{reg}");
    assert_eq!(reg.lines().count(), 4, "{reg}");
}

/// A municipality's own register, with the headers its case system
/// exports: `Organisationsnamn`, `Org.nr`, `Uppfyllda kriterier`, and two
/// dates that could each be the award date.
const OWN_HEADERS: &str = "Organisationsnamn;Org.nr;Beslutsdatum;Diplomdatum;Uppfyllda kriterier;Motivering\n\
    Norrbottens Rörservice AB;559214-7317;2024-02-20;2024-03-12;A|B|C;Företaget har gått från ord till handling.\n";

#[test]
fn two_award_date_columns_are_an_error_naming_both() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.write("organisationer.csv", OWN_HEADERS);
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("kolumnen \"Diplomdatum (D)\": betyder samma sak som kolumnen \"Beslutsdatum\""), "{err}");
    assert!(err.contains("[columns] awarded = \"Diplomdatum\""), "{err}");
    // The same words from issue, and nothing written.
    let issue = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(issue.code(), 1);
    assert!(issue.stderr().contains("betyder samma sak som kolumnen \"Beslutsdatum\""), "{}", issue.stderr());
    assert!(f.pdfs().is_empty());
}

#[test]
fn headers_a_case_system_exports_are_read_and_columns_says_which_date() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.write("organisationer.csv", OWN_HEADERS);
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[columns]\nawarded = \"Diplomdatum\"\n"));
    let check = f.run(&["check", "{dir}", "--on", ON]);
    check.success();
    // How the file was read: every column and what it was taken to mean.
    let out = check.stdout() + &check.stderr();
    for line in [
        "A  Organisationsnamn   → organisationens namn",
        "B  Org.nr              → organisationsnummer",
        "C  Beslutsdatum        → står inte på diplomen (en egen mall kan visa den) ([columns] i intyg.toml anger en annan kolumn för dess fält)",
        "D  Diplomdatum         → diplomeringsdatum ([columns] i intyg.toml)",
        "E  Uppfyllda kriterier → uppfyllda kriterier",
        "F  Motivering          → motivering",
    ] {
        assert!(out.contains(line), "{line}\n{out}");
    }
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let pdf = read_pdf(&f.out().join("MDP-2024-001-norrbottens-rorservice-ab.pdf"));
    assert!(pdf.text.contains("Norrbottens Rörservice AB"), "{}", pdf.text);
    assert!(pdf.text.contains("org.nr 559214-7317"), "{}", pdf.text);
    // The date the coordinator named, not the decision's.
    assert!(pdf.text.contains("Piteå den 12 mars 2024"), "{}", pdf.text);
}

#[test]
fn a_corrected_organisation_name_replaces_its_diploma() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    assert!(f.out().join("MDP-2025-005-idrottsforeningen-norrstjarnan.pdf").exists());
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    f.write("organisationer.csv", csv.replace("Idrottsföreningen Norrstjärnan", "IF Norrstjärnan"));
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    run.success();
    assert!(
        run.stderr().contains("namn Idrottsföreningen Norrstjärnan → IF Norrstjärnan; ersätter MDP-2025-005-idrottsforeningen-norrstjarnan.pdf"),
        "{}",
        run.stderr()
    );
    assert!(!f.out().join("MDP-2025-005-idrottsforeningen-norrstjarnan.pdf").exists());
    let pdf = read_pdf(&f.out().join("MDP-2025-005-if-norrstjarnan.pdf"));
    assert!(pdf.text.contains("IF Norrstjärnan"), "{}", pdf.text);
    assert_eq!(f.pdfs().len(), 11);
}

/// A PDF's creation date as its Info dictionary and its XMP give it.
fn created(path: &std::path::Path) -> (String, String) {
    let bytes = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let between = |start: &str, end: char| {
        let at = text.find(start).unwrap_or_else(|| panic!("{start} in {}", path.display())) + start.len();
        text[at..].split(end).next().unwrap().to_owned()
    };
    (between("/CreationDate(", ')'), between("<xmp:CreateDate>", '<'))
}

#[test]
fn a_diploma_is_dated_its_award_and_a_report_the_day_it_is_made() {
    // Every diploma said 2000-01-01, which an archive reads as the date of
    // the document; the annual report said the last day of its year.
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", "2026-11-23", "--combined", "{tmp}/alla.pdf", "-q"]).success();
    let (info, xmp) = created(&f.out().join("MDP-2021-003-pitea-bygg-montage-ab.pdf"));
    assert_eq!((info.as_str(), xmp.as_str()), ("D:20210520000000Z", "2021-05-20T00:00:00+00:00"));
    let (info, _) = created(&f.out().join("MDP-2026-012-hemtjanst-norr-omsorg-ab.pdf"));
    assert_eq!(info, "D:20260909000000Z");
    // All of them in one PDF: the newest award's date, not 2000-01-01.
    let (info, _) = created(&f.tmp.path().join("alla.pdf"));
    assert_eq!(info, "D:20260909000000Z");

    let r = Fixture::new("samples/mr-rapport-2026")
        .with_sibling("mangfaldsdiplom-pitea")
        .with_sibling("webbutbildning-inkluderande-bemotande");
    r.run(&["report", "{dir}", "--on", "2026-11-30", "--out", "{tmp}/mr.pdf", "-q"]).success();
    let (info, _) = created(&r.tmp.path().join("mr.pdf"));
    assert_eq!(info, "D:20261130000000Z", "the run's day, not 31 December");
    // SOURCE_DATE_EPOCH, for reproducible builds, wins.
    r.run_env(
        &[("SOURCE_DATE_EPOCH", "1767225600")],
        &["report", "{dir}", "--on", "2026-11-30", "--out", "{tmp}/mr.pdf", "-q"],
    )
    .success();
    let (info, _) = created(&r.tmp.path().join("mr.pdf"));
    assert_eq!(info, "D:20260101000000Z");
}

#[test]
fn an_english_excels_month_first_dates_are_read_as_the_register_shows_or_refused() {
    // Excel in English writes 3/12/2024 for 12 March; 12/20/2023 can only
    // be month first, so the register's dates are read that way.
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    with_rows(
        &f,
        "A AB;559214-7317;;näringsliv;;;3/12/2024;;A|B|C;;;\nB AB;969731-4426;;näringsliv;;;12/20/2023;;A|B|C;;;\n",
    );
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let register = register(&f);
    assert!(register.contains(";2024-03-12;"), "{register}");
    assert!(register.contains(";2023-12-20;"), "{register}");
    // Dates that could be either, with none to tell: refused, not guessed.
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    with_rows(
        &f,
        "A AB;559214-7317;;näringsliv;;;3/12/2024;;A|B|C;;;\nB AB;969731-4426;;näringsliv;;;5/6/2023;;A|B|C;;;\n",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("rad 2, kolumnen \"Diplomerad (G)\": \"3/12/2024\" kan vara 3/12 eller 12/3 (dag/månad)"),
        "{err}"
    );
    assert!(err.contains("skriv datum som ÅÅÅÅ-MM-DD"), "{err}");
    assert!(f.pdfs().is_empty());
}

#[test]
fn a_spreadsheets_short_year_is_refused_not_read_as_the_year_3() {
    // LibreOffice in English saves 03/12/24 for a date: with two digits
    // the year is not intyg's to guess, and no diploma of the year 3 is made.
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    with_rows(&f, "A AB;559214-7317;;näringsliv;;;03/12/24;;A|B|C;;;\n");
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("rad 2, kolumnen \"Diplomerad (G)\": \"03/12/24\" är inget datum"), "{err}");
    assert!(err.contains("skriv datum som ÅÅÅÅ-MM-DD"), "{err}");
    assert!(f.pdfs().is_empty());
}

#[test]
fn an_organisation_or_contact_name_with_a_line_break_is_refused_at_its_cell() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    // A separator a web form pastes (U+2028), and a line break in a quoted cell.
    with_rows(
        &f,
        "Kafé\u{2028}Strömsund HB;969731-4426;;näringsliv;Jonas Öhman;jonas@kafe.se;2026-01-15;;A|C|D;;;\n\
         Rörservice AB;559214-7317;;näringsliv;\"Eva\nLundmark\";eva@ror.se;2025-03-12;;A|B|C;;;",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("rad 2, kolumnen \"Organisation (A)\": namnet innehåller en radbrytning"), "{err}");
    assert!(err.contains("rad 3, kolumnen \"Kontaktperson (E)\": namnet innehåller en radbrytning"), "{err}");
    // issue refuses the same, and writes nothing.
    assert_eq!(f.run(&["issue", "{dir}", "--on", ON]).code(), 1);
    assert!(f.pdfs().is_empty());
}
