//! `intyg report` on the real binary: the programme report and the annual
//! MR report, read back from the PDF and compared with `--figures`.

use crate::common;

use common::{Fixture, read_pdf, squash};
use serde_json::Value;

const ON: &str = "2026-11-23";

fn annual() -> Fixture {
    Fixture::new("samples/mr-rapport-2026")
        .with_sibling("mangfaldsdiplom-pitea")
        .with_sibling("webbutbildning-inkluderande-bemotande")
}

fn figures(f: &Fixture, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(f.tmp.path().join(name)).unwrap()).unwrap()
}

#[test]
fn programme_report_has_the_programmes_figures() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["report", "{dir}", "--out", "{tmp}/rapport.pdf", "--figures", "{tmp}/siffror.json"]).success();
    let fig = figures(&f, "siffror.json");
    assert_eq!(fig["participants"], 25);
    assert_eq!(fig["completed"], 22);
    assert_eq!(fig["deltagarintyg"], 3);
    assert_eq!(fig["completion_rate_percent"], 88.0);
    assert_eq!(fig["municipalities"], 21);
    assert_eq!(fig["regions"], 4);
    assert_eq!(fig["sessions"][1]["attended"], 24);

    let pdf = read_pdf(&f.tmp.path().join("rapport.pdf"));
    let text = squash(&pdf.text);
    assert!(pdf.pages >= 3, "title page, contents, report");
    assert!(text.contains("Innehåll"), "a table of contents");
    assert!(text.contains(&squash("25 Deltagare")), "{}", pdf.text);
    assert!(text.contains(&squash("88,0 % Fullföljde hela utbildningen")), "{}", pdf.text);
    assert!(text.contains(&squash("Närvaro per utbildningstillfälle")));
    assert!(text.contains(&squash("24 (96,0 %)")), "values beside the bars: {}", pdf.text);
    assert!(text.contains(&squash("MRS19-0001 Anna Lindqvist Umeå kommun Kursintyg")), "{}", pdf.text);
    assert!(text.contains(&squash("Leila Haddad")));
    assert_eq!(pdf.title, "Programrapport – Utbildning för MR-strateger 2019");
    assert_eq!(pdf.lang, "sv");
    assert!(pdf.xmp.contains("<pdfaid:part>2</pdfaid:part>") && pdf.xmp.contains("pdfuaid:part>1<"));
    // The chart states its figures in words for screen readers.
    let raw = String::from_utf8_lossy(&std::fs::read(f.tmp.path().join("rapport.pdf")).unwrap()).into_owned();
    assert!(raw.contains("/Alt"), "charts carry a text alternative");
}

#[test]
fn annual_report_counts_diplomas_trainings_and_indicators() {
    let f = annual();
    f.run(&["report", "{dir}", "--on", ON, "--out", "{tmp}/mr.pdf", "--figures", "{tmp}/siffror.json"]).success();
    let fig = figures(&f, "siffror.json");
    let d = &fig["diplomas"];
    assert_eq!((d["active"].as_u64(), d["new"].as_u64(), d["expired"].as_u64()), (Some(9), Some(2), Some(1)));
    let sectors: Vec<(String, u64)> = d["by_sector"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_owned(), s["active"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        sectors,
        [("Ideell sektor".to_owned(), 2), ("Näringsliv".to_owned(), 4), ("Offentlig sektor".to_owned(), 3)]
    );
    assert_eq!(fig["trainings"][0]["completed"], 1000);
    assert_eq!(fig["trainings"][0]["staff"], 1300);
    assert_eq!(fig["trainings"][0]["share_of_staff_percent"], 76.9);
    // The e-learning course, a training a year by each one's completion day.
    let web: Vec<(u64, u64)> = fig["trainings"].as_array().unwrap()[1..]
        .iter()
        .map(|t| (t["year"].as_u64().unwrap(), t["completed"].as_u64().unwrap()))
        .collect();
    assert_eq!(web, [(2025, 69), (2026, 166)]);
    assert_eq!(fig["indicators"].as_array().unwrap().len(), 15);

    let pdf = read_pdf(&f.tmp.path().join("mr.pdf"));
    let text = squash(&pdf.text);
    assert!(text.contains(&squash("76,9 % Andel av målgruppen som utbildats")), "{}", pdf.text);
    assert!(text.contains(&squash("1 000 av 1 300")), "{}", pdf.text);
    assert!(text.contains(&squash("Inkluderande bemötande webbutbildning, slutförd 2026 231 166 – –")), "{}", pdf.text);
    assert!(text.contains(&squash("9 av 15 Indikatorer som nått målet")));
    assert!(text.contains(&squash("Näringsliv 4 1 0 0 0")), "diplomas by sector: {}", pdf.text);
    assert!(text.contains(&squash("Totalt 9 2 0 1 0")));
    // Indicators against target and last year, with the split by sex.
    // Targets as people write them, changes of shares in percentage
    // points, with a minus as long as the plus.
    assert!(
        text.contains(&squash("79,1 % 72,3 % 76,9 % minst 75 % Uppnått 39,4 % +37,5 procentenheter")),
        "{}",
        pdf.text
    );
    assert!(text.contains(&squash("högst 6,5 %")));
    assert!(text.contains(&squash("6,9 % –0,5 procentenheter")), "{}", pdf.text);
    // Thousands with a narrow no-break space, which never breaks a number.
    assert!(pdf.text.contains("1\u{202f}000 av 1\u{202f}300"), "{}", pdf.text);
    // The narrative sections in order, after the contents.
    let order = ["Innehåll", "Sammanfattning", "Uppdragochstyrning", "Resultat", "Dialogochdelaktighet", "Åtgärder"];
    let at: Vec<usize> = order.iter().map(|h| text.rfind(h).unwrap_or_else(|| panic!("{h}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    assert!(pdf.xmp.contains("<pdfaid:part>2</pdfaid:part>") && pdf.xmp.contains("pdfuaid:part>1<"));

    let run = f.run(&["report", "{dir}", "--on", ON, "--lang", "en", "--out", "{tmp}/mr-en.pdf"]);
    run.success();
    let en = squash(&read_pdf(&f.tmp.path().join("mr-en.pdf")).text);
    assert!(en.contains(&squash("76.9% Share of the target group trained")), "{en}");
    assert!(en.contains(&squash("1,000 of 1,300")));
}

#[test]
fn figures_as_csv_match_the_json() {
    let f = annual();
    f.run(&["report", "{dir}", "--on", ON, "--out", "{tmp}/mr.pdf", "--figures", "{tmp}/siffror.csv"]).success();
    let csv = std::fs::read_to_string(f.tmp.path().join("siffror.csv")).unwrap();
    // A Swedish report: `;`, a BOM and decimal commas, for Swedish Excel.
    assert!(csv.starts_with("\u{feff}figure;value\r\n"));
    assert!(csv.contains("diplomas/active;9\r\n"), "{csv}");
    assert!(csv.contains("diplomas/by_sector/Näringsliv/active;4\r\n"));
    assert!(
        csv.contains(
            "trainings/Grundutbildning i mänskliga rättigheter för medarbetare/share_of_staff_percent;76,9\r\n"
        )
    );
}

#[test]
fn section_text_is_never_typst_code() {
    let f = annual();
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write(
        "intyg.toml",
        format!(
            "{toml}\n[[sections]]\ntitle = \"Bilaga #1 [utkast]\"\ntext = '''\nKostnaden var $5 #read(\"/etc/passwd\") och #set page(width: 1cm) ] och 3 \\* 4.\n'''\n"
        ),
    );
    f.run(&["report", "{dir}", "--on", ON, "--out", "{tmp}/mr.pdf"]).success();
    let pdf = read_pdf(&f.tmp.path().join("mr.pdf"));
    let text = squash(&pdf.text);
    assert!(text.contains(&squash("Bilaga #1 [utkast]")), "{}", pdf.text);
    assert!(
        text.contains(&squash("Kostnaden var $5 #read(\"/etc/passwd\") och #set page(width: 1cm) ] och 3 * 4.")),
        "{}",
        pdf.text
    );
}

#[test]
fn bad_indicators_are_reported_with_row_and_column() {
    let f = annual();
    let csv = std::fs::read_to_string(f.dir().join("indikatorer.csv")).unwrap();
    f.write(
        "indikatorer.csv",
        csv.replacen(";79,1;", ";79 komma 1;", 1).replacen("2025;Utbildning", "tjugo;Utbildning", 1),
    );
    let run = f.run(&["report", "{dir}", "--on", ON, "--out", "{tmp}/mr.pdf"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("indikatorer.csv, rad 3, kolumnen \"Kvinnor (D)\": \"79 komma 1\" är inget tal"), "{err}");
    assert!(err.contains("rad 8, kolumnen \"År (A)\": \"tjugo\" är inget årtal"), "{err}");

    assert!(!f.tmp.path().join("mr.pdf").exists(), "nothing written");
}

#[test]
fn a_diploma_folder_is_reported_through_a_report_folder() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let run = f.run(&["report", "{dir}"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("[[diplomas]]"), "{}", run.stderr());
}

#[test]
fn a_folder_under_the_wrong_key_is_an_error_not_a_miscount() {
    // A diploma folder named as a training was counted as a programme
    // with no name and one participant per organisation.
    let f = annual();
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write(
        "intyg.toml",
        toml.replace("folder = \"personalutbildning\"", "folder = \"../mangfaldsdiplom-pitea\"")
            .replace("folder = \"../mangfaldsdiplom-pitea\"\n\n", "folder = \"personalutbildning\"\n\n"),
    );
    let run = f.run(&["report", "{dir}", "--on", ON, "--out", "{tmp}/mr.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("\"../mangfaldsdiplom-pitea\" är en diplommapp; [[trainings]] anger programmappar"), "{err}");
    assert!(err.contains("\"personalutbildning\" är en programmapp; [[diplomas]] anger diplommappar"), "{err}");
    assert!(err.contains("intyg.toml, rad 28"), "{err}");
    assert!(!f.tmp.path().join("mr.pdf").exists(), "nothing written");
}
