//! Hostile and broken input on the real binary (issue 8): what others open
//! stays inert, oversized or corrupt input gets a clear error before any
//! output is written, and a killed or starved run loses nothing.

#![allow(clippy::disallowed_methods)]

mod common;

use std::path::Path;

use common::Fixture;

const ON: &str = "2026-11-23";

/// Cells a spreadsheet would run as formulas, as a diploma's holder,
/// contact and e-mail.
const FORMULAS: [(&str, &str); 5] = [
    ("Norrbottens Rörservice AB", "=HYPERLINK(\"http://evil.example\",\"Klicka här\")"),
    ("Eva Lundmark", "+46 70 123 45 67"),
    ("Kafé Strömsund HB", "@SUM(1+1)*cmd|' /C calc'!A0"),
    ("Jonas Öhman", "-2+3+cmd|' /C calc'!A0"),
    ("jonas@kafestromsund.exempel.se", "=1+1@kafestromsund.exempel.se"),
];

/// Reads CSV (comma-separated, as intyg writes it) into rows of cells.
fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.expect("CSV that intyg wrote").iter().map(str::to_owned).collect())
        .collect()
}

/// Fails on any cell a spreadsheet would evaluate: one starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return, unless it is a plain number.
#[track_caller]
fn assert_inert(what: &str, bytes: &[u8]) {
    let rows = csv_cells(bytes);
    assert!(rows.len() > 1, "{what}: no rows");
    for row in &rows {
        for cell in row {
            let number = cell.parse::<f64>().is_ok() && !cell.starts_with('+');
            assert!(number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{what}: live cell {cell:?}");
        }
    }
}

fn hostile_diplomas() -> Fixture {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let mut csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    for (from, to) in FORMULAS {
        // Quoted, as a spreadsheet exports a cell with quotes in it.
        csv = csv.replace(from, &format!("\"{}\"", to.replace('"', "\"\"")));
    }
    // A cell that starts with a tab: the reader trims the tab, and what is
    // left starts with `=`.
    csv = csv.replace("Föreningen Mötesplats Öjebyn", "\"\t=1+2 Mötesplats\"");
    f.write("organisationer.csv", csv);
    f
}

#[test]
fn every_csv_intyg_writes_is_inert_in_a_spreadsheet() {
    let f = hostile_diplomas();
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let register = std::fs::read(f.dir().join("register.csv")).unwrap();
    assert_eq!(csv_cells(&register).len(), 13, "a header and 12 diplomas");
    assert_inert("register.csv", &register);
    // The formulas are there, as text: a leading apostrophe, which a
    // spreadsheet shows as nothing and intyg reads back.
    let text = String::from_utf8_lossy(&register);
    assert!(text.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Klicka här\"\")\""), "{text}");
    assert!(text.contains("'@SUM(1+1)") && text.contains("'+46 70 123 45 67"), "{text}");

    // A rerun reads the register back: the same holders, nothing doubled.
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    assert_eq!(std::fs::read(f.dir().join("register.csv")).unwrap(), register);

    let expiring = f.run(&["expiring", "p/register.csv", "--within", "10y", "--on", ON, "--csv"]);
    expiring.success();
    assert_inert("expiring --csv", expiring.stdout().as_bytes());
    assert!(expiring.stdout().contains("'=HYPERLINK"), "{}", expiring.stdout());

    for k in 1..=2 {
        f.run(&["issue", "{dir}", "--on", ON, "--out", "{tmp}/shards", "--shard", &format!("{k}/2"), "-q"]).success();
    }
    let shards: Vec<String> = (1..=2).map(|k| format!("p/register.shard-{k}-of-2.csv")).collect();
    f.run(&["register", "merge", &shards[0], &shards[1], "--out", "merged.csv", "--on", ON]).success();
    for shard in &shards {
        assert_inert(shard, &std::fs::read(f.tmp.path().join(shard)).unwrap());
    }
    assert_inert("register merge", &std::fs::read(f.tmp.path().join("merged.csv")).unwrap());
}

#[test]
fn the_published_site_escapes_what_it_shows() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
    let evil = "<script>alert('x')</script>\"><img src=x onerror=alert(1)> & Co";
    f.write(
        "organisationer.csv",
        csv.replace("Norrbottens Rörservice AB", &format!("\"{}\"", evil.replace('"', "\"\""))),
    );
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let site = f.tmp.path().join("site");
    f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON]).success();
    let mut pages = 0;
    for page in html_files(&site) {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(!html.contains("<script>alert") && !html.contains("<img"), "{}: live markup\n{html}", page.display());
        if html.contains("&lt;script&gt;") {
            pages += 1;
            assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co"), "{html}");
        }
    }
    // The diploma's own page (the index names no holder).
    assert_eq!(pages, 1);
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            files.push(path);
        }
    }
    files
}
