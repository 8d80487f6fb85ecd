//! A one-day conference on the real binary: a Google Forms registration
//! export in, the door's attendance marked in it, and certificates of
//! attendance that show the day's programme out.

use crate::common::{Fixture, read_pdf, squash};

#[test]
fn a_conference_certifies_who_came_with_the_days_programme_and_nothing_of_their_diet() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    let run = f.run(&["issue", "{dir}", "--on", "2022-12-01"]);
    let said = run.success().stderr();
    assert!(said.contains("Utfärdade 52 dokument"), "{said}");
    assert!(said.contains("Uppfyller inte kraven: 8"), "{said}");
    let pdf = read_pdf(&f.out().join("MRK22-001-sofie-stenlund.pdf"));
    assert_eq!(pdf.pages, 1);
    let text = squash(&pdf.text);
    for expected in [
        "INTYG OM DELTAGANDE Sofie Stenlund Nordmalings kommun har deltagit i Mänskliga rättigheter i kommuner och regioner – regional konferens",
        "30 november 2022 · Scandic Plaza Umeå, Storgatan 40, Umeå · 5 timmar",
        "10.20 Mänskliga rättigheter i kommunal och regional verksamhet",
        "Elisabeth Norling, docent i offentlig rätt, Uppsala universitet",
        "15.00 Workshop: nästa steg i den egna organisationen",
        "Moderator: Karin Wennberg",
        "Umeå den 30 november 2022",
    ] {
        assert!(text.contains(&squash(expected)), "{expected}: {}", pdf.text);
    }
    // Breaks and lunch are not content of the day.
    assert!(!text.contains("Registrering och fika") && !text.contains("Lunch"), "{}", pdf.text);
    // Dietary needs were asked in the form; they reach no document and no register.
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(register.contains("Sofie Stenlund"));
    let all: String = crate::common::pdfs_in(&f.out()).iter().map(|p| read_pdf(p).text).collect();
    for diet in ["Nötallergi", "Glutenfri", "Vegetarisk"] {
        assert!(!register.contains(diet) && !all.contains(diet), "{diet} leaked");
    }
    let typst = f.tmp.path().join("typst");
    f.run(&["issue", "{dir}", "--on", "2022-12-01", "-q", "--emit-typst", typst.to_str().unwrap()]).success();
    let data: String =
        crate::common::files_under(&typst).iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    assert!(data.contains("Sofie Stenlund") && !data.contains("Nötallergi"), "the template's data holds no diet");
}

/// How many structure elements of each type a tagged PDF has.
fn structure_counts(path: &std::path::Path) -> std::collections::BTreeMap<String, usize> {
    let doc = lopdf::Document::load(path).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = catalog.get(b"StructTreeRoot").and_then(|o| o.as_reference()).unwrap();
    let mut counts = std::collections::BTreeMap::new();
    let mut stack = vec![lopdf::Object::Reference(root)];
    while let Some(o) = stack.pop() {
        let o = match o {
            lopdf::Object::Reference(r) => doc.get_object(r).unwrap().clone(),
            o => o,
        };
        match o {
            lopdf::Object::Dictionary(d) => {
                if let Ok(s) = d.get(b"S").and_then(|s| s.as_name()) {
                    *counts.entry(String::from_utf8_lossy(s).into_owned()).or_default() += 1;
                }
                if let Ok(k) = d.get(b"K") {
                    stack.push(k.clone());
                }
            }
            lopdf::Object::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    counts
}

#[test]
fn the_signing_sheet_is_a_tagged_table_by_surname_and_badges_fit_eight_a_page() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    let said = f.run(&["sheets", "{dir}"]).success().stderr();
    assert!(said.contains("(60 deltagare, 3 sidor)"), "{said}");
    let sheet = f.out().join("narvarolista.pdf");
    let pdf = read_pdf(&sheet);
    let text = squash(&pdf.text);
    // By surname in Swedish order, Å Ä Ö last, with the registration's
    // names exactly as written; ten blank rows after the 60.
    assert!(
        text.contains(&squash(
            "Nr Efternamn, förnamn Organisation Namnteckning 1 Al-Hassan, Lars Storumans kommun 2 Berglund, Sara"
        )),
        "{}",
        pdf.text
    );
    let at = |name: &str| text.find(&squash(name)).unwrap_or_else(|| panic!("{name}"));
    assert!(
        at("Bergström, Malin") < at("Stenlund, Sofie") && at("Stenlund, Sofie") < at("Åström, Sara"),
        "{}",
        pdf.text
    );
    assert!(at("Åström, Sara") < at("Öberg, José"), "Å before Ö: {}", pdf.text);
    assert!(text.contains(&squash("60 Öhman, Anna Örnsköldsviks kommun Efteranmälda 61")), "{}", pdf.text);
    assert!(text.contains(&squash("70")) && !text.contains(&squash(" 71 ")), "ten blank rows");
    assert!(!text.contains("Nötallergi"));
    // A table with a header row of four header cells, repeated on each of
    // the three pages, and a row per participant and blank row.
    let tags = structure_counts(&sheet);
    assert_eq!(tags.get("Table"), Some(&1), "{tags:?}");
    assert_eq!(tags.get("TH"), Some(&4), "{tags:?}");
    // A row of its own heads the blank rows for walk-ins.
    assert_eq!(tags.get("TD"), Some(&(70 * 4 + 1)), "{tags:?}");
    assert_eq!(tags.get("TR"), Some(&72), "{tags:?}");

    let said = f.run(&["badges", "{dir}"]).success().stderr();
    assert!(said.contains("(60 deltagare, 8 sidor)"), "{said}");
    let badges = read_pdf(&f.out().join("namnbrickor.pdf"));
    assert_eq!(badges.pages, 8, "60 badges, eight a page");
    assert!(squash(&badges.text).contains(&squash("Lars Lars Al-Hassan Storumans kommun")), "{}", badges.text);
    // Each badge carries the three organisers' logos, as figures named
    // for screen readers, in place of the issuer's one.
    let tags = structure_counts(&f.out().join("namnbrickor.pdf"));
    assert_eq!(tags.get("Figure"), Some(&(60 * 3)), "{tags:?}");
}

#[test]
fn a_conferences_report_counts_who_registered_and_who_came() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    f.run(&["report", "{dir}", "--on", "2022-12-01", "--out", "{tmp}/rapport.pdf", "-q"]).success();
    let pdf = read_pdf(&f.tmp.path().join("rapport.pdf"));
    let text = squash(&pdf.text);
    assert!(text.contains(&squash("Organisation Anmälda Deltog")), "{}", pdf.text);
    assert!(text.contains(&squash("Örnsköldsviks kommun 8 7")), "{}", pdf.text);
    assert!(text.contains(&squash("86,7 % Andel av de anmälda som deltog")), "{}", pdf.text);
}

/// A registration workbook as Microsoft Forms exports it with sign-in: its
/// own columns (`ID`, `Starttid`, `Sluttid`, `Senaste ändringstid` as
/// date-time cells, the account's `E-post` and `Namn`), then the questions,
/// among them a municipality beside the organisation and one about food,
/// and the coordinator's `Närvaro` column marked from the signing sheet.
fn microsoft_forms_workbook() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let people = [
        ("josé.oberg@umea.exempel.se", "José Öberg", "Socialtjänsten", "Umeå kommun", "Laktosfri", "X"),
        ("zoe.lindahl@umea.exempel.se", "Zoë Lindahl", "Kommunledningskontoret", "Umeå kommun", "", "X"),
        ("ak.ek@umea.exempel.se", "Anna-Karin Ek", "Fritid", "Umeå kommun", "", ""),
        ("l.alhassan@storuman.exempel.se", "Lars Al-Hassan", "Kommunstyrelsen", "Storumans kommun", "Vegetarisk", "X"),
        ("m.dsouza@rvn.exempel.se", "Maria D'Souza", "Hälso- och sjukvården", "Region Västerbotten", "", "X"),
        ("sara.nasstrom@rvn.exempel.se", "Sara Näsström", "Folktandvården", "Region Västerbotten", "Nötallergi", "x"),
    ];
    let mut book = Workbook::new();
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    let sheet = book.add_worksheet().set_name("Form1").unwrap();
    let headers = [
        "ID",
        "Starttid",
        "Sluttid",
        "E-post",
        "Namn",
        "Senaste ändringstid",
        "Organisation/förvaltning",
        "Kommun eller region",
        "Har du behov av specialkost eller allergier?",
        "Närvaro",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, (email, name, org, place, food, came)) in people.iter().enumerate() {
        let r = i as u32 + 1;
        let at = ExcelDateTime::from_ymd(2022, 10, 4 + i as u8).unwrap().and_hms(8, 10 + i as u8, 0).unwrap();
        sheet.write_number(r, 0, f64::from(r)).unwrap();
        sheet.write_datetime_with_format(r, 1, &at, &when).unwrap();
        sheet.write_datetime_with_format(r, 2, &at, &when).unwrap();
        for (c, text) in [(3, email), (4, name)] {
            sheet.write_string(r, c, *text).unwrap();
        }
        sheet.write_string(r, 6, *org).unwrap();
        sheet.write_string(r, 7, *place).unwrap();
        sheet.write_string(r, 8, *food).unwrap();
        sheet.write_string(r, 9, *came).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_microsoft_forms_workbook_gives_the_door_its_sheets_and_the_report_its_municipalities() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    f.write("anmalningar.xlsx", microsoft_forms_workbook());
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write("intyg.toml", toml.replace("records = \"anmalningar.csv\"", "records = \"anmalningar.xlsx\""));

    let said = f.run(&["sheets", "{dir}"]).success().stderr();
    assert!(said.contains("(6 deltagare, 1 sida)"), "{said}");
    let sheet = squash(&read_pdf(&f.out().join("narvarolista.pdf")).text);
    // By surname: Al-Hassan, D'Souza, Ek, Lindahl, Näsström, Öberg; each
    // name as the cell holds it, with the organisation the form asked for.
    assert!(
        sheet.contains(&squash(
            "1 Al-Hassan, Lars Kommunstyrelsen 2 D'Souza, Maria Hälso- och sjukvården 3 Ek, Anna-Karin Fritid \
             4 Lindahl, Zoë Kommunledningskontoret 5 Näsström, Sara Folktandvården 6 Öberg, José Socialtjänsten \
             Efteranmälda 7"
        )),
        "{sheet}"
    );
    f.run(&["badges", "{dir}"]).success();
    let badges = squash(&read_pdf(&f.out().join("namnbrickor.pdf")).text);
    assert!(badges.contains(&squash("Maria Maria D'Souza Hälso- och sjukvården")), "{badges}");

    let run = f.run(&["issue", "{dir}", "--on", "2022-12-01"]);
    let said = run.success().stderr();
    assert!(said.contains("Utfärdade 5 dokument"), "{said}");
    // The form's own columns and the food question are left out without a word.
    assert!(!said.contains("Starttid") && !said.contains("specialkost"), "{said}");
    // The only warnings: the fixture's people are invented, and it gives no
    // address to check the certificates at.
    assert_eq!(said.matches("varning:").count(), 2, "{said}");
    assert!(said.contains("påhittade mottagare") && said.contains("verify_url"), "{said}");
    let certificates: Vec<_> = crate::common::pdfs_in(&f.out())
        .into_iter()
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("MRK22-")))
        .collect();
    assert_eq!(certificates.len(), 5);
    let all: String = certificates.iter().map(|p| read_pdf(p).text).collect();
    for name in ["José Öberg", "Zoë Lindahl", "Lars Al-Hassan", "Maria D'Souza", "Sara Näsström"] {
        assert!(squash(&all).contains(&squash(name)), "{name} is printed as written");
    }
    assert!(!all.contains("Anna-Karin Ek"), "she did not come");
    for food in ["Laktosfri", "Vegetarisk", "Nötallergi"] {
        assert!(!all.contains(food), "{food} leaked");
    }

    f.run(&["report", "{dir}", "--on", "2022-12-01", "--out", "{tmp}/rapport.pdf", "-q"]).success();
    let report = squash(&read_pdf(&f.tmp.path().join("rapport.pdf")).text);
    for expected in [
        "Deltagare per kommun och region",
        "Kommun eller region Anmälda Deltog",
        "Umeå kommun 3 2",
        "Region Västerbotten 2 2",
        "Storumans kommun 1 1",
    ] {
        assert!(report.contains(&squash(expected)), "{expected}: {report}");
    }
}
