//! Records as the systems people use write them (`tests/fixtures/platforms`,
//! made by its `make.py`; its README says what each imitates): learning
//! platforms' completion times in UTC, Unix seconds and long date forms,
//! Microsoft Forms with and without sign-in, workbooks with hidden and
//! filtered rows, results formatted as percent, a sum row under the list,
//! and one sheet saved in two Unicode normal forms. Names and dates are
//! read back from the PDFs and the register.

use crate::common::{Fixture, read_pdf, squash};

const ON: &str = "2026-11-30";

/// An e-learning folder reading `file` of the platform fixtures, with
/// `extra` lines in `[programme]`.
fn elearning(file: &str, extra: &str) -> Fixture {
    let f = Fixture::new("platforms");
    f.write(
        "intyg.toml",
        format!(
            "kind = \"elearning\"\nrecords = \"{file}\"\n\n[issuer]\nname = \"Umeå kommun\"\n\n\
             [programme]\nname = \"Inkluderande bemötande\"\ncode = \"IB\"\nminutes = 45\n{extra}"
        ),
    );
    f
}

/// A course of the four sessions the attendance fixtures mark (Dag 1–4),
/// reading `file`, with `extra` lines at the top of intyg.toml.
fn course(file: &str, extra: &str) -> Fixture {
    let f = Fixture::new("platforms");
    f.write(
        "intyg.toml",
        format!(
            "records = \"{file}\"\n{extra}\n[issuer]\nname = \"Testkommunen\"\n\n\
             [programme]\nname = \"Utbildning för MR-strateger\"\ncode = \"MRS\"\nplace = \"Umeå\"\nhours = 28\n\n\
             [[sessions]]\ndate = 2026-02-03\n\n[[sessions]]\ndate = 2026-02-04\n\n\
             [[sessions]]\ndate = 2026-03-17\n\n[[sessions]]\ndate = 2026-04-21\n\n\
             [eligibility]\nparticipation_certificate = true\n"
        ),
    );
    f
}

/// The register's rows as (holder, awarded, file).
fn register(f: &Fixture) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(';').collect();
            (cells[4].to_owned(), cells[6].to_owned(), cells[13].to_owned())
        })
        .collect()
}

/// Each of `people` (name, day in the register, day as the PDF says it)
/// has one document, with the name as written and dated that day.
fn dated(f: &Fixture, people: &[(&str, &str, &str)]) {
    let rows = register(f);
    assert_eq!(rows.len(), people.len(), "{rows:?}");
    for (name, day, text) in people {
        let (_, awarded, file) = rows.iter().find(|r| r.0 == *name).unwrap_or_else(|| panic!("{name} in {rows:?}"));
        assert_eq!(awarded, day, "{name}");
        let pdf = read_pdf(&f.out().join(file));
        assert!(squash(&pdf.text).contains(&squash(name)), "{name}: {}", pdf.text);
        assert!(pdf.text.contains(text), "{name} dated {text}: {}", pdf.text);
    }
}

#[test]
fn moodles_long_swedish_dates_and_yes_no_completion() {
    // "onsdag, 4 mars 2026, 14:22"; Slutförd says Ja or Nej.
    let f = elearning("moodle-kursslutforande.csv", "");
    let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
    assert!(said.contains("Zoë Lindahl"), "{said}");
    dated(&f, &[("Åsa Öberg", "2026-03-04", "4 mars 2026"), ("Anders Ångström", "2026-01-01", "1 januari 2026")]);
}

#[test]
fn moodles_timecompleted_in_unix_seconds_is_the_swedish_day() {
    // 1767223800 is 2025-12-31T23:30:00Z: half past midnight on New Year's
    // Day in Umeå, not New Year's Eve.
    let f = elearning("moodle-timecompleted.csv", "");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    dated(&f, &[("Åsa Öberg", "2026-03-04", "4 mars 2026"), ("Anders Ångström", "2026-01-01", "1 januari 2026")]);
}

#[test]
fn a_canvas_export_in_utc_is_dated_by_the_day_in_sweden() {
    let f = elearning("canvas.csv", "pass_mark = 80\n");
    let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
    assert!(!said.contains("2025"), "{said}");
    dated(&f, &[("Åsa Öberg", "2026-03-04", "4 mars 2026"), ("Anders Ångström", "2026-01-01", "1 januari 2026")]);
    // Another time zone when intyg.toml says so: New Year's Eve in New York.
    let f = elearning("canvas.csv", "");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("time_zone = \"America/New_York\"\n{toml}"));
    f.run(&["issue", "{dir}", "--on", ON]).success();
    dated(&f, &[("Åsa Öberg", "2026-03-04", "4 mars 2026"), ("Anders Ångström", "2025-12-31", "31 december 2025")]);
}

#[test]
fn results_formatted_as_percent_are_the_percentages_shown() {
    // The cells hold 0.95, 0.4 and 0.8; the workbooks show 95 %, 40 %, 80 %.
    for file in ["procent.xlsx", "procent.ods"] {
        let f = elearning(file, "pass_mark = 80\n");
        let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
        assert!(!said.contains("0,9"), "{file}: {said}");
        dated(&f, &[("Åsa Öberg", "2026-03-04", "4 mars 2026"), ("Anders Ångström", "2026-03-05", "5 mars 2026")]);
    }
    // A column of plain numbers that cannot tell 0,85 from 85 is refused.
    let f = elearning("export.csv", "pass_mark = 80\n");
    f.write(
        "export.csv",
        "Namn;E-post;Status;Slutförd;Resultat\n\
         Åsa Öberg;asa@exempel.se;Slutförd;2026-03-04;0,95\n\
         Per Ek;per@exempel.se;Slutförd;2026-03-04;85\n\
         Eva Lind;eva@exempel.se;Slutförd;2026-03-04;17/20\n",
    );
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("rad 2 har resultat mellan 0 och 1 (\"0,95\"), men andra resultat i kolumnen är över 1: intyg kan inte avgöra om \"0,95\" betyder 95 %"),
        "{}",
        run.stderr()
    );
    assert!(f.pdfs().is_empty());
}

#[test]
fn microsoft_forms_with_sign_in_has_two_names_and_is_refused_until_one_is_named() {
    // Namn holds the account's display name, "Öberg Åsa (SOC)".
    let f = course("forms-inloggning.xlsx", "");
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(
        err.contains("två källor till namn som skiljer sig åt på rader 2, 3, 4: \"Namn\" säger \"Öberg Åsa (SOC)\" där \"Förnamn\" och \"Efternamn\" säger \"Åsa Öberg\""),
        "{err}"
    );
    assert!(err.contains("[columns] first_name = \"Förnamn\" och last_name = \"Efternamn\""), "{err}");
    assert!(f.pdfs().is_empty());
    // Named: the form's questions are the names, the display name an extra.
    let f = course("forms-inloggning.xlsx", "[columns]\nfirst_name = \"Förnamn\"\nlast_name = \"Efternamn\"\n");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let text: String = f.pdfs().iter().map(|p| read_pdf(p).text).collect();
    for name in ["Åsa Öberg", "Zoë Lindahl", "Anders Ångström"] {
        assert!(squash(&text).contains(&squash(name)), "{name}: {text}");
    }
    assert!(!text.contains("(SOC)"), "{text}");
}

#[test]
fn microsoft_forms_without_sign_in_never_prints_anonymous() {
    // Namn and E-post say "anonymous" on every row: the form's own columns.
    let f = course("forms-anonym.xlsx", "");
    let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
    run.success();
    let names: Vec<String> =
        run.json()["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names, ["Åsa Öberg", "Zoë Lindahl", "Anders Ångström"]);
    let text: String = f.pdfs().iter().map(|p| read_pdf(p).text).collect();
    assert!(!text.to_lowercase().contains("anonymous"), "{text}");
    // A name column that is the only one, with "anonymous" in it: that row
    // has no name.
    f.write("namn.csv", "Namn;Närvaro\nÅsa Öberg;X\nanonymous;X\n");
    f.write("intyg.toml", "records = \"namn.csv\"\n[issuer]\nname = \"K\"\n[programme]\nname = \"Dag\"\ncode = \"D\"\n[[sessions]]\ndate = 2026-03-04\n");
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("rad 3, kolumnen \"Namn (A)\": \"anonymous\" är inget namn"), "{}", run.stderr());
}

#[test]
fn hidden_and_filtered_rows_are_refused_named_skipped_or_read() {
    for file in ["dolda-rader.xlsx", "dolda-rader.ods"] {
        let f = course(file, "");
        let run = f.run(&["check", "{dir}", "--on", ON]);
        assert_eq!(run.code(), 1, "{file}: {}", run.stderr());
        let err = run.stderr();
        assert!(err.contains("rader 3, 5 är dolda eller bortfiltrerade i arbetsboken"), "{file}: {err}");
        assert!(err.contains("kolumnen \"Anteckning\" (J) är dold i arbetsboken"), "{file}: {err}");
        // issue refuses with the same words, and writes nothing.
        let run = f.run(&["issue", "{dir}", "--on", ON]);
        assert_eq!(run.code(), 1);
        assert!(run.stderr().contains("rader 3, 5 är dolda eller bortfiltrerade i arbetsboken"), "{file}");
        assert!(f.pdfs().is_empty());

        let f = course(file, "hidden_rows = \"skip\"");
        let run = f.run(&["issue", "{dir}", "--on", ON, "--json", "-v"]);
        run.success();
        let json = run.json();
        let names: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Åsa Öberg", "Zoë Lindahl", "Anders Ångström"], "{file}");
        let notes = json["reading"]["notes"].to_string();
        assert!(
            notes.contains("rader 3, 5, dolda eller bortfiltrerade i arbetsboken, lämnas utanför"),
            "{file}: {notes}"
        );

        let f = course(file, "hidden_rows = \"include\"");
        let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
        run.success();
        let json = run.json();
        let names: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
        assert!(names.contains(&"Märta Lind"), "{file}: {names:?}");
        assert_eq!(json["not_eligible"][0]["name"], "Per Ek", "{file}");
    }
}

#[test]
fn a_sum_row_under_the_list_is_one_message() {
    let f = course("summarad.xlsx", "");
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("rad 6: raden ser ut som en summering av listan (\"Totalt\"), inte en person"), "{err}");
    assert!(err.starts_with("Så läste") || err.contains("1 fel, 0 varningar"), "{err}");
}

#[test]
fn the_same_sheet_in_another_normal_form_changes_nothing() {
    // Saved by Numbers in NFD, then again by Excel in NFC: the same people,
    // ids and documents. Björn Åkesson has no address: he is known by his
    // name, which is where the normal form showed.
    let f = course("numbers-nfd.csv", "");
    f.run(&["issue", "{dir}", "--on", ON]).success();
    let first = register(&f);
    let text = read_pdf(&f.out().join(&first.iter().find(|r| r.0 == "Björn Åkesson").unwrap().2)).text;
    assert!(text.contains("Björn Åkesson"), "NFC in the PDF: {text}");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replace("numbers-nfd.csv", "excel-nfc.csv"));
    let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
    assert!(said.contains("0 nya, 0 ändrade, 4 oförändrade"), "{said}");
    assert!(!said.contains("namn "), "{said}");
    assert_eq!(register(&f), first);
}

#[test]
fn utc_times_of_a_completion_export_are_the_day_in_sweden() {
    let f = elearning("export.csv", "");
    f.write(
        "export.csv",
        "Namn,E-post,Slutförd\n\
         Åsa Öberg,asa@exempel.se,2025-12-31T23:30:00Z\n\
         Per Ek,per@exempel.se,2026-06-30T22:30:00+00:00\n\
         Eva Lind,eva@exempel.se,2026-06-30T21:30:00Z\n",
    );
    f.run(&["issue", "{dir}", "--on", ON]).success();
    dated(
        &f,
        &[
            ("Åsa Öberg", "2026-01-01", "1 januari 2026"),
            ("Per Ek", "2026-07-01", "1 juli 2026"),
            ("Eva Lind", "2026-06-30", "30 juni 2026"),
        ],
    );
}

#[test]
fn attendance_is_always_explicit() {
    let one_day = |records: &str, extra: &str| {
        let f = Fixture::new("platforms");
        f.write("anmalda.csv", records);
        f.write(
            "intyg.toml",
            format!(
                "kind = \"conference\"\nrecords = \"anmalda.csv\"\n{extra}\n[issuer]\nname = \"Umeå kommun\"\n\n\
                 [programme]\nname = \"MR-dagen\"\ncode = \"MRD\"\nhours = 6\n\n[[sessions]]\ndate = 2026-10-04\n"
            ),
        );
        f
    };
    // Närvarande, Incheckad, Deltog: attendance, and who did not come gets nothing.
    for header in ["Närvarande", "Incheckad", "Deltog", "Närvaro (X)", "Checked in"] {
        let f = one_day(&format!("Namn;E-post;{header}\nÅsa Öberg;asa@exempel.se;X\nPer Ek;per@exempel.se;\n"), "");
        let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
        run.success();
        let json = run.json();
        assert_eq!(json["issued"].as_array().unwrap().len(), 1, "{header}: {}", run.stderr());
        assert_eq!(json["issued"][0]["name"], "Åsa Öberg", "{header}");
    }
    // No attendance column: refused, not everyone certified.
    let f = one_day("Namn;E-post\nÅsa Öberg;asa@exempel.se\nPer Ek;per@exempel.se\n", "");
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("ingen närvarokolumn: intyg kan inte avgöra vilka av de anmälda som kom"),
        "{}",
        run.stderr()
    );
    assert!(f.pdfs().is_empty());
    // Unless intyg.toml says everyone came, and the summary says so.
    let f = one_day("Namn;E-post\nÅsa Öberg;asa@exempel.se\nPer Ek;per@exempel.se\n", "attendance = \"all\"");
    let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
    assert!(said.contains("Närvaro: attendance = \"all\" i intyg.toml räknar alla anmälda som närvarande"), "{said}");
    assert_eq!(f.pdfs().len(), 2);
}

#[test]
fn a_count_of_days_is_checked_against_the_days() {
    // Present on days 1, 2 and 4; Närvarodagar says 3: that agrees, and
    // day 3 is not credited. Per's count says 4 where 3 are marked.
    let f = course("narvaro.csv", "");
    f.write(
        "narvaro.csv",
        "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4;Närvarodagar\n\
         Åsa Öberg;asa@exempel.se;X;X;;X;3\n\
         Per Ek;per@exempel.se;X;X;X;;4\n",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(
        err.contains(
            "rad 3, kolumnen \"Närvarodagar (G)\": \"Närvarodagar\" säger 4, men 3 tillfällen är markerade på raden"
        ),
        "{err}"
    );
    assert!(!err.contains("rad 2,"), "{err}");
    // A count alone cannot say which days.
    f.write("narvaro.csv", "Namn;E-post;Närvarodagar\nÅsa Öberg;asa@exempel.se;3\n");
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("räknar hur många tillfällen var och en var med på, men inte vilka av de 4"),
        "{}",
        run.stderr()
    );
}

#[test]
fn date_headers_that_fit_two_ways_are_decided_by_the_file_or_refused() {
    // Sessions on 3 April and 4 March: "3/4/2026" is either.
    let f = Fixture::new("platforms");
    f.write(
        "intyg.toml",
        "records = \"d.csv\"\n[issuer]\nname = \"K\"\n[programme]\nname = \"Workshop\"\ncode = \"W\"\n\n\
         [[sessions]]\ndate = 2026-03-04\ntitle = \"Workshop A\"\n\n[[sessions]]\ndate = 2026-04-03\ntitle = \"Workshop B\"\n\n\
         [eligibility]\nmin_sessions = 1\n",
    );
    f.write("d.csv", "Namn;3/4/2026;4/3/2026\nÅsa Öberg;X;\nPer Ek;;X\n");
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "kolumnen \"3/4/2026\" kan vara tillfället 3 april 2026 (dag/månad) eller 4 mars 2026 (månad/dag)"
        ),
        "{}",
        run.stderr()
    );
    // A registration time in the same file that is month first decides.
    f.write("d.csv", "Namn;Registered;3/4/2026;4/3/2026\nÅsa Öberg;2/14/2026 9:10;X;\nPer Ek;2/15/2026 8:00;;X\n");
    let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
    run.success();
    let columns = &run.json()["reading"]["columns"];
    assert_eq!(columns[2]["meaning"], "närvaro, tillfälle 1 (4 mars 2026)", "{columns}");
    assert_eq!(columns[3]["meaning"], "närvaro, tillfälle 2 (3 april 2026)", "{columns}");
}

#[test]
fn a_session_after_the_run_date_cannot_have_been_attended() {
    let f = course("narvaro.csv", "");
    f.write(
        "narvaro.csv",
        "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4\nÅsa Öberg;asa@exempel.se;X;X;X;X\nPer Ek;per@exempel.se;X;X;X;\n",
    );
    let run = f.run(&["issue", "{dir}", "--on", "2026-04-20"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("tillfälle 4 (21 april 2026) är efter körningens datum (20 april 2026), men rad 2 är markerade som närvarande vid det"),
        "{}",
        run.stderr()
    );
    assert!(f.pdfs().is_empty());
    // A course that issues early leaves the session out, and says so.
    let f = course("narvaro.csv", "issue_before_last_session = true");
    f.write(
        "narvaro.csv",
        "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4\nÅsa Öberg;asa@exempel.se;X;X;X;X\nPer Ek;per@exempel.se;X;X;;\n",
    );
    let said = f.run(&["issue", "{dir}", "--on", "2026-04-20"]).success().stderr();
    assert!(said.contains("Dag 4 (21 april 2026) efter körningens datum (20 april 2026) lämnas utanför"), "{said}");
    let rows = register(&f);
    assert!(rows.iter().all(|r| r.1.as_str() <= "2026-04-20"), "nothing dated after the run: {rows:?}");
    let text = read_pdf(&f.out().join(&rows.iter().find(|r| r.0 == "Åsa Öberg").unwrap().2)).text;
    assert!(!text.contains("21 april"), "{text}");
    // The programme's 28 hours are of four days, not of the three held.
    assert!(!text.contains("28 timmar") && text.contains("17 mars 2026"), "{text}");
    assert!(said.contains("utan programmets längd i timmar"), "{said}");
}

#[test]
fn names_written_surname_first_are_printed_first_name_first() {
    let f = course("hr.csv", "");
    f.write(
        "hr.csv",
        "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4\n\
         \"Lindqvist, Anna\";anna@exempel.se;X;X;X;X\n\
         \"af Klinteberg, Carl-Johan\";cj@exempel.se;X;X;X;X\n",
    );
    let run = f.run(&["issue", "{dir}", "--on", ON, "--json"]);
    run.success();
    let json = run.json();
    let names: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Anna Lindqvist", "Carl-Johan af Klinteberg"]);
    assert!(
        json["reading"]["notes"].to_string().contains("alla namn i \\\"Namn\\\" är skrivna \\\"Efternamn, Förnamn\\\"")
    );
    let text: String = f.pdfs().iter().map(|p| read_pdf(p).text).collect();
    assert!(text.contains("Anna Lindqvist") && !text.contains("Lindqvist, Anna"), "{text}");
    // Some one way and some the other: refused, naming the rows.
    f.write(
        "hr.csv",
        "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4\n\"Lindqvist, Anna\";a@x.se;X;X;X;X\nPer Ek;p@x.se;X;X;X;X\n",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("namn skrivna på två sätt: rad 2 \"Efternamn, Förnamn\", rad 3 på annat sätt"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_stray_control_character_is_named_by_its_cell() {
    let f = course("narvaro.csv", "");
    f.write(
        "narvaro.csv",
        b"Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4\nAsa Oberg;asa@exempel.se;X;X;X;X\nPer\x00 Ek;per@exempel.se;X;X;X;X\nEva\tLind;eva@exempel.se;X;X;X;X\n",
    );
    let run = f.run(&["check", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("rad 3, kolumnen \"Namn (A)\": cellen innehåller ett styrtecken (U+0000)"), "{err}");
    assert!(!err.contains("binära data"), "{err}");
    // A tab prints as no space: the name is refused, as a line break is
    // (found by the sheet fuzz target).
    assert!(err.contains("rad 4, kolumnen \"Namn (A)\": namnet innehåller ett tabbtecken"), "{err}");
}

#[test]
fn an_issue_date_in_intyg_toml_after_the_run_date_is_refused() {
    let f = course("excel-nfc.csv", "");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[certificate]\nissued = 2026-12-24\n"));
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("issued = 24 december 2026 i intyg.toml är efter körningens datum (30 november 2026)"),
        "{}",
        run.stderr()
    );
    assert!(f.pdfs().is_empty());
}

#[test]
fn signing_sheets_and_badges_are_made_before_anyone_has_come() {
    // Registrations only, for a day after the run date: nothing to attend
    // yet, and the sheets and badges are for that day.
    let f = Fixture::new("platforms");
    f.write(
        "anmalda.csv",
        "Namn;E-post;Organisation\nÅsa Öberg;asa@exempel.se;Umeå kommun\nPer Ek;per@exempel.se;Lunds kommun\n",
    );
    f.write(
        "intyg.toml",
        "kind = \"conference\"\nrecords = \"anmalda.csv\"\n\n[issuer]\nname = \"Umeå kommun\"\n\n\
         [programme]\nname = \"MR-dagen\"\ncode = \"MRD\"\nhours = 6\n\n[[sessions]]\ndate = 2027-10-04\n",
    );
    for command in ["sheets", "badges"] {
        let run = f.run(&[command, "{dir}"]);
        run.success();
    }
    let text: String =
        crate::common::pdfs_in(&f.dir()).iter().chain(f.pdfs().iter()).map(|p| read_pdf(p).text).collect();
    assert!(squash(&text).contains(&squash("Öberg")), "{text}");
    // Issuing the same folder now is refused: nobody can have come yet.
    let run = f.run(&["issue", "{dir}"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
}
