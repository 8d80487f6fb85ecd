//! Records straight from spreadsheets: .xlsx and .ods workbooks with title
//! rows above the header, blank rows, dates, sheets picked by name, and
//! headers mapped or misspelt.

#![allow(clippy::disallowed_methods)]

mod common;

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
        run.stderr().contains("kolumnen \"Emial (B)\": okänd kolumn \"Emial\" — menade du \"Email\"?"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("[columns] email = \"Emial\""), "{}", run.stderr());
    let run = f.run(&["check", "{dir}", "--lang", "en"]);
    assert!(
        run.stderr().contains("column \"Emial (B)\": unknown column \"Emial\" — did you mean \"Email\"?"),
        "{}",
        run.stderr()
    );

    f.write("intyg.toml", format!("{toml}\n[columns]\nname = \"Deltagare (fullständigt namnn)\"\n"));
    let run = f.run(&["check", "{dir}", "--lang", "en"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("did you mean \"Deltagare (fullständigt namn)\"?"), "{}", run.stderr());
}
