//! Records straight from spreadsheets: .xlsx and .ods workbooks with title
//! rows above the header, blank rows, dates, sheets picked by name, and
//! headers mapped or misspelt; and CSV files as coordinators' programs
//! export them (`tests/fixtures/exports`): Excel's CSV UTF-8, Excel for
//! Mac's MacRoman, Google Forms, pasted rows in another encoding, mixed
//! delimiters, title rows, dates typed as attendance headers.

use crate::common;

use common::{Fixture, read_pdf};

/// The fixture's workbooks hold two title rows, the header on row 3, a
/// blank row 6 and a participant below it.
fn issued_from(records: &str) {
    let f = Fixture::new("sheets");
    let run = f.run(&["issue", "{dir}", "--records", &format!("{{dir}}/{records}"), "--json"]);
    run.success();
    let json = run.json();
    let issued: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    // The row below the blank one is read, not dropped.
    assert_eq!(issued, ["Åsa Öberg", "Märta Lind"], "{records}");
    // Rows as the spreadsheet numbers them.
    assert_eq!(json["not_eligible"][0]["name"], "Per Ek");
    assert_eq!(json["not_eligible"][0]["row"], 5);
    let pdf = read_pdf(&f.out().join("GK-0002-marta-lind.pdf"));
    assert!(pdf.text.contains("Märta Lind"), "{}", pdf.text);
}

#[test]
fn xlsx_records_with_title_rows_and_a_blank_row() {
    issued_from("deltagare.xlsx");
}

#[test]
fn ods_records_with_title_rows_and_a_blank_row() {
    issued_from("deltagare.ods");
}

#[test]
fn a_named_header_row_and_a_named_sheet() {
    let f = Fixture::new("sheets");
    f.run(&["check", "{dir}", "--header-row", "3"]).success();
    let run = f.run(&["issue", "{dir}", "--sheet", "Reserv", "--json"]);
    run.success();
    assert_eq!(run.json()["issued"][0]["name"], "Nils Holm");
}

#[test]
fn a_misspelt_sheet_name_gets_a_suggestion() {
    let f = Fixture::new("sheets");
    // --lang en: messages in English, whatever the programme's language.
    let run = f.run(&["check", "{dir}", "--sheet", "Reserve", "--lang", "en"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("the workbook has no sheet \"Reserve\""), "{}", run.stderr());
    assert!(run.stderr().contains("did you mean --sheet \"Reserv\"?"), "{}", run.stderr());
}

#[test]
fn an_empty_header_row_is_an_error_that_names_the_row() {
    let f = Fixture::new("sheets");
    let run = f.run(&["check", "{dir}", "--header-row", "6"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("bladet \"Deltagare\", rad 6: --header-row 6: raden är tom"), "{}", run.stderr());
}

#[test]
fn a_misspelt_column_gets_a_suggestion_and_columns_map_unknown_headers() {
    let f = Fixture::new("tiny");
    f.write(
        "deltagare.csv",
        "Deltagare (fullständigt namn);Emial;Kommun;Dag 1;Dag 2\nÅsa Öberg;asa@exempel.se;Umeå kommun;X;X\n",
    );
    // Without a mapping, no column holds the names.
    let run = f.run(&["check", "{dir}", "--lang", "en"]);

    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("no name column"), "{}", run.stderr());

    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[columns]\nname = \"Deltagare (fullständigt namn)\"\n"));
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    assert_eq!(run.json()["issued"][0]["name"], "Åsa Öberg");
    // The programme is Swedish, and so are its messages.
    assert!(
        run.stderr().contains("kolumnen \"Emial (B)\": okänd kolumn \"Emial\" – menade du \"Email\"?"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("[columns] email = \"Emial\""), "{}", run.stderr());
    let run = f.run(&["check", "{dir}", "--lang", "en"]);
    assert!(
        run.stderr().contains("column \"Emial (B)\": unknown column \"Emial\" – did you mean \"Email\"?"),
        "{}",
        run.stderr()
    );

    f.write("intyg.toml", format!("{toml}\n[columns]\nname = \"Deltagare (fullständigt namnn)\"\n"));
    let run = f.run(&["check", "{dir}", "--lang", "en"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("did you mean \"Deltagare (fullständigt namn)\"?"), "{}", run.stderr());
}

/// Issues from `tests/fixtures/exports/FILE` and returns the run; every
/// export holds the same three people, one of whom missed the third day.
fn export(file: &str, command: &str) -> (Fixture, common::Run) {
    let f = Fixture::new("exports");
    let run = f.run(&[command, "{dir}", "--records", &format!("{{dir}}/{file}"), "--json"]);
    (f, run)
}

/// The names issued and the one participation certificate, exactly as the
/// cells hold them, read back from the PDFs.
fn issued_as_written(f: &Fixture, run: &common::Run) {
    run.success();
    let json = run.json();
    let names: Vec<(&str, &str)> = json["issued"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["name"].as_str().unwrap(), d["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [("Åsa Öberg", "kursintyg"), ("Zoë Lindahl", "deltagarintyg"), ("Anders Ångström", "kursintyg")],
        "{}",
        run.stderr()
    );
    let texts: Vec<String> = f.pdfs().iter().map(|p| common::read_pdf(p).text).collect();
    for name in ["Åsa Öberg", "Zoë Lindahl", "Anders Ångström"] {
        assert!(texts.iter().any(|t| t.contains(name)), "{name} in no PDF");
    }
}

#[test]
fn attendance_headed_by_dates_as_people_type_them() {
    // Excel's "CSV UTF-8": BOM, CR LF, headers "3 feb;4 feb;17 mars;21 april".
    let (f, run) = export("datumrubriker.csv", "issue");
    issued_as_written(&f, &run);
    // Told by dates in headers: issue shows how it read the file.
    assert!(run.stderr().contains("E  3 feb        → närvaro, tillfälle 1 (3 februari 2026)"), "{}", run.stderr());
    assert_eq!(run.json()["reading"]["columns"][6]["meaning"], "närvaro, tillfälle 3 (17 mars 2026)");
}

#[test]
fn a_google_forms_export_with_weekday_dates() {
    let (f, run) = export("google-forms.csv", "issue");
    issued_as_written(&f, &run);
    let reading = &run.json()["reading"];
    assert_eq!(reading["delimiter"], "komman (,)");
    // The form's Tidstämpel is left out, without a word.
    assert_eq!(reading["columns"][0]["meaning"], "används inte (formulärets egen kolumn)");
    assert_eq!(reading["columns"][1]["meaning"], "e-post");
}

#[test]
fn an_excel_for_mac_csv_in_macroman_with_cr_line_endings() {
    let (f, run) = export("mac-roman.csv", "issue");
    issued_as_written(&f, &run);
    assert!(run.stderr().contains("kodning MacRoman (Excel för Macs CSV (Macintosh))"), "{}", run.stderr());
}

#[test]
fn an_excel_for_mac_csv_utf8_with_english_month_abbreviations() {
    let (f, run) = export("mac-utf8.csv", "issue");
    issued_as_written(&f, &run);
    assert_eq!(run.json()["reading"]["columns"][5]["meaning"], "närvaro, tillfälle 3 (17 mars 2026)");
}

#[test]
fn a_libreoffice_sheet_whose_name_column_is_a_formula() {
    // Namn is =A2&" "&B2 and Antal dagar =COUNTIF(…): the values the
    // formulas last gave are read, as the sheet shows them.
    let (f, run) = export("libreoffice-formler.ods", "issue");
    issued_as_written(&f, &run);
    let reading = &run.json()["reading"];
    assert_eq!(reading["sheet"], "Deltagare");
    assert_eq!(reading["columns"][2]["meaning"], "namn");
}

#[test]
fn a_learning_platforms_completion_export() {
    // Comma-separated, quoted, BOM and CR LF; Status says who completed.
    let (f, run) = export("lms-slutforande.csv", "issue");
    run.success();
    let json = run.json();
    let issued: Vec<&str> = json["issued"].as_array().unwrap().iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(issued, ["Åsa Öberg", "Anders Ångström"]);
    // Only started: no certificate, and listed.
    assert_eq!(json["not_eligible"][0]["name"], "Zoë Lindahl");
    assert_eq!(json["not_eligible"][0]["row"], 3);
    assert_eq!(json["reading"]["columns"][3]["meaning"], "slutförande (Slutförd: alla tillfällen; annat: inget)");
    let text: String = f.pdfs().iter().map(|p| common::read_pdf(p).text).collect();
    assert!(text.contains("Anders Ångström") && !text.contains("Zoë"), "{text}");
    // A status intyg does not know is refused, not guessed.
    f.write("lms.csv", "Namn,Status\nÅsa Öberg,Avbokad\nPer Ek,Slutförd\n");
    let run = f.run(&["check", "{dir}", "--records", "{dir}/lms.csv"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("rad 2, kolumnen \"Status (B)\": okänd status \"Avbokad\""), "{}", run.stderr());
    // A status column of registrations (no one completed anything) is any
    // column, and the course then lacks its attendance.
    f.write("lms.csv", "Namn,Status\nÅsa Öberg,Avbokad\nPer Ek,Anmäld\n");
    let run = f.run(&["check", "{dir}", "--records", "{dir}/lms.csv"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("inga närvarokolumner"), "{}", run.stderr());
}

#[test]
fn a_microsoft_forms_export_without_sign_in() {
    // Forms' own columns (ID, Starttid, E-post = "anonymous", an empty Namn)
    // before the questions, and the coordinator's attendance columns.
    let (f, run) = export("microsoft-forms.xlsx", "issue");
    issued_as_written(&f, &run);
    let err = run.stderr();
    assert!(err.contains("D  E-post              → används inte (alla celler säger \"anonymous\")"), "{err}");
    assert!(err.contains("alla adresser är \"anonymous\" (ett formulär utan inloggning)"), "{err}");
    assert!(!err.contains("dubblett"), "{err}");
}

#[test]
fn placeholder_addresses_are_none_and_a_shared_mailbox_is_two_people() {
    let f = Fixture::new("exports");
    let csv = "Namn;E-post;Organisation;Dag 1;Dag 2;Dag 3;Dag 4\n\
        Åsa Öberg;kansliet@umea.exempel.se;Umeå kommun;X;X;X;X\n\
        Zoë Lindahl;-;Lunds kommun;X;X;X;X\n\
        Anders Ångström;kansliet@umea.exempel.se;Umeå kommun;X;X;X;X\n\
        Nils Holm;anonymous;Lunds kommun;X;X;X;X\n";
    f.write("lista.csv", csv);
    let run = f.run(&["issue", "{dir}", "--records", "{dir}/lista.csv", "--json"]);
    run.success();
    let err = run.stderr();
    assert!(
        err.contains(
            "rad 4, kolumnen \"E-post (B)\": kansliet@umea.exempel.se är också adressen till Åsa Öberg på rad 2"
        ),
        "{err}"
    );
    assert!(err.contains("2 celler säger \"anonymous\", \"-\" eller liknande"), "{err}");
    let issued = run.json()["issued"].as_array().unwrap().clone();
    assert_eq!(issued.len(), 4, "{err}");
    // Reordered rows: each keeps the id they had.
    let swapped = "Namn;E-post;Organisation;Dag 1;Dag 2;Dag 3;Dag 4\n\
        Anders Ångström;kansliet@umea.exempel.se;Umeå kommun;X;X;X;X\n\
        Nils Holm;anonymous;Lunds kommun;X;X;X;X\n\
        Zoë Lindahl;-;Lunds kommun;X;X;X;X\n\
        Åsa Öberg;kansliet@umea.exempel.se;Umeå kommun;X;X;X;X\n";
    f.write("lista.csv", swapped);
    let again = f.run(&["issue", "{dir}", "--records", "{dir}/lista.csv", "--json"]);
    again.success();
    let json = again.json();
    for d in json["issued"].as_array().unwrap() {
        let before = issued.iter().find(|b| b["name"] == d["name"]).unwrap();
        assert_eq!(before["id"], d["id"], "{}", d["name"]);
    }
    // Identical name and address twice is still one person twice.
    f.write("lista.csv", format!("{csv}Åsa Öberg;kansliet@umea.exempel.se;Umeå kommun;X;X;X;X\n"));
    let dup = f.run(&["check", "{dir}", "--records", "{dir}/lista.csv"]);
    assert_eq!(dup.code(), 1, "{}", dup.stderr());
    assert!(
        dup.stderr().contains("dubblett: e-postadressen kansliet@umea.exempel.se finns också på rad 2"),
        "{}",
        dup.stderr()
    );
}

#[test]
fn what_columns_maps_wins_over_a_header_with_the_same_meaning() {
    let f = Fixture::new("exports");
    // Namn is the form's login name; Deltagare is what goes on the certificate.
    f.write("lista.csv", "Namn;Deltagare;Dag 1;Dag 2;Dag 3;Dag 4\nasa.oberg;Åsa Öberg;X;X;X;X\n");
    let refused = f.run(&["check", "{dir}", "--records", "{dir}/lista.csv"]);
    assert_eq!(refused.code(), 1, "{}", refused.stderr());
    assert!(refused.stderr().contains("betyder samma sak som kolumnen \"Namn\""), "{}", refused.stderr());
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", format!("{toml}\n[columns]\nname = \"Deltagare\"\n"));
    let run = f.run(&["issue", "{dir}", "--records", "{dir}/lista.csv", "--json"]);
    run.success();
    assert_eq!(run.json()["issued"][0]["name"], "Åsa Öberg");
    assert_eq!(run.json()["reading"]["columns"][0]["meaning"], "står inte på intygen (en egen mall kan visa den)");
}

#[test]
fn title_rows_above_the_header_and_a_blank_line_are_counted() {
    let (f, run) = export("titelrader.csv", "issue");
    issued_as_written(&f, &run);
    assert!(run.stderr().contains("rubriker på rad 4 (2 titelrader ovanför lämnas utanför"), "{}", run.stderr());
    // The blank line is row 7, so Anders is on row 8, as the sheet shows.
    assert_eq!(run.json()["issued"][2]["row"], 8);
}

/// `check` and `issue` refuse the same file with the same words, write
/// nothing, and exit 1.
fn refused(file: &str, words: &[&str]) {
    let (f, check) = export(file, "check");
    assert_eq!(check.code(), 1, "{}", check.stderr());
    let (g, issue) = export(file, "issue");
    assert_eq!(issue.code(), 1, "{}", issue.stderr());
    for w in words {
        assert!(check.stderr().contains(w), "check on {file}: no {w:?} in\n{}", check.stderr());
        assert!(issue.stderr().contains(w), "issue on {file}: no {w:?} in\n{}", issue.stderr());
    }
    assert!(!f.out().exists() && !g.out().exists(), "{file}: something was written");
}

#[test]
fn a_utf8_file_with_a_row_pasted_from_windows_1252_is_refused_with_the_row() {
    refused("blandad.csv", &["filen är UTF-8, men rad 3 har tecken i en annan kodning", "spara som \"CSV UTF-8\""]);
}

#[test]
fn a_header_written_with_commas_over_rows_with_semicolons_is_refused() {
    refused("rubrik-komma.csv", &["rubrikraden är avgränsad med komman (,), men raderna med semikolon (;)"]);
}

#[test]
fn a_row_written_with_commas_in_a_semicolon_file_is_refused() {
    refused(
        "en-rad-komma.csv",
        &[
            "rad 4: 1 cell, men rubrikraden har 8 kolumner",
            "raden är avgränsad med komman (,) och filen med semikolon (;)",
        ],
    );
}

#[test]
fn a_misspelt_last_name_header_is_an_error_with_the_columns_line() {
    refused(
        "efternman.csv",
        &[
            "kolumnen \"Efternman\" läses inte som namn – menade du \"Efternamn\"?",
            "[columns] last_name = \"Efternman\"",
        ],
    );
}

#[test]
fn a_png_saved_as_csv_is_one_error_saying_what_it_is() {
    let (_, run) = export("bild.csv", "check");
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("listan är en PNG-bild, inte ett kalkylblad"), "{}", run.stderr());
    assert_eq!(run.stderr().matches("fel:").count(), 1, "{}", run.stderr());
}

#[test]
fn several_sessions_without_attendance_columns_are_refused_unless_everyone_attended() {
    refused(
        "utan-narvaro.csv",
        &["inga närvarokolumner: intyg kan inte avgöra vem som var med", "attendance = \"all\""],
    );
    let f = Fixture::new("exports");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write(
        "intyg.toml",
        toml.replace("records = \"datumrubriker.csv\"", "records = \"utan-narvaro.csv\"\nattendance = \"all\""),
    );
    let run = f.run(&["issue", "{dir}", "--json", "-v"]);
    run.success();
    assert_eq!(run.json()["issued"].as_array().unwrap().len(), 3);
    assert!(run.stderr().contains("alla anmälda räknas som närvarande"), "{}", run.stderr());
}

#[test]
fn a_column_the_template_prints_and_the_file_lacks_is_named() {
    let f = Fixture::new("exports");
    f.write("lista.csv", "Namn;Dag 1;Dag 2;Dag 3;Dag 4\nÅsa Öberg;X;X;X;X\n");
    let run = f.run(&["check", "{dir}", "--records", "{dir}/lista.csv"]);
    run.success();
    assert!(
        run.stderr().contains(
            "lista.csv, rad 1: mallen kursintyg skriver ut organisationen, som filen saknar kolumn för: det kommer att saknas på varje dokument"
        ),
        "{}",
        run.stderr()
    );
    // Said once, though both certificates print it.
    assert_eq!(run.stderr().matches("skriver ut organisationen").count(), 1, "{}", run.stderr());
}
