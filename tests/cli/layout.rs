//! Every page holds what people bring: every document kind and report,
//! issued from the stress corpus (`tests/fixtures/stress`: the longest
//! names, organisations, titles, agendas and tables) and from the bundled
//! samples, in Swedish and English, with no word printed over another or
//! off the page (`common::layout`, poppler's word boxes).

use std::path::PathBuf;

use crate::common::{self, Fixture, layout, pdfs_in, read_pdf, squash};

/// The stress corpus, with 27 small trainings added beside the three it
/// has, so that the annual report lists 30.
fn stress() -> Fixture {
    let f = Fixture::new("stress");
    let mut toml = std::fs::read_to_string(f.dir().join("rapport/intyg.toml")).unwrap();
    for n in 1..=27 {
        let dir = f.dir().join(format!("utbildning-{n:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("intyg.toml"),
            format!(
                "language = \"sv\"\nrecords = \"deltagare.csv\"\n[issuer]\nname = \"Skellefteå kommun\"\n\
                 [programme]\nname = \"Fördjupning {n}: barnets rättigheter, nationella minoriteter och tillgänglighet\"\n\
                 code = \"F{n}\"\nhours = 3\n[[sessions]]\ndate = 2026-0{}-1{}\n",
                n % 9 + 1,
                n % 10
            ),
        )
        .unwrap();
        std::fs::write(dir.join("deltagare.csv"), "Namn;Närvaro\nÅsa Öberg;X\nBo Ek;\n").unwrap();
        toml.push_str(&format!("\n[[trainings]]\nfolder = \"../utbildning-{n:02}\"\nstaff = {}\n", 100 + n));
    }
    std::fs::write(f.dir().join("rapport/intyg.toml"), toml).unwrap();
    f
}

/// Issues every document of the corpus in `lang` (the folders' own
/// language when `None`) into `{tmp}/LANG/`, with every sheet and report,
/// and returns the PDFs.
fn everything(f: &Fixture, lang: &str) -> Vec<PathBuf> {
    let out = f.tmp.path().join(lang);
    let l = ["--lang", lang];
    for folder in ["kurs", "kurs-8", "konferens", "webb", "diplom"] {
        let dir = format!("{{dir}}/{folder}");
        let to = format!("{{tmp}}/{lang}/{folder}");
        f.run(&[&["issue", &dir, "--on", "2026-12-01", "--out", &to][..], &l].concat()).success();
    }
    for folder in ["kurs", "kurs-8", "konferens", "webb"] {
        let dir = format!("{{dir}}/{folder}");
        let to = format!("{{tmp}}/{lang}/reports/{folder}.pdf");
        f.run(&[&["report", &dir, "--out", &to][..], &l].concat()).success();
    }
    let to = format!("{{tmp}}/{lang}/reports/rapport.pdf");
    f.run(&[&["report", "{dir}/rapport", "--on", "2026-12-01", "--out", &to][..], &l].concat()).success();
    for (door, file) in [("sheets", "narvarolista"), ("badges", "namnbrickor")] {
        let to = format!("{{tmp}}/{lang}/door/{file}.pdf");
        f.run(&[&[door, "{dir}/konferens", "--out", &to][..], &l].concat()).success();
    }
    ["kurs", "kurs-8", "konferens", "webb", "diplom", "reports", "door"]
        .iter()
        .flat_map(|d| pdfs_in(&out.join(d)))
        .collect()
}

#[test]
fn stress_corpus_every_page_is_readable_in_swedish() {
    let f = stress();
    let pdfs = everything(&f, "sv");
    assert!(pdfs.len() >= 40, "{pdfs:?}");
    layout::assert_readable(&pdfs);
}

#[test]
fn stress_corpus_every_page_is_readable_in_english() {
    let f = stress();
    let pdfs = everything(&f, "en");
    layout::assert_readable(&pdfs);
}

#[test]
fn samples_every_page_is_readable() {
    let f = Fixture::new("samples/mr-rapport-2026")
        .with_sibling("mangfaldsdiplom-pitea")
        .with_sibling("webbutbildning-inkluderande-bemotande")
        .with_sibling("mr-strateger-2019")
        .with_sibling("mr-konferens-umea-2022");
    let mut pdfs = Vec::new();
    for s in [
        "mangfaldsdiplom-pitea",
        "webbutbildning-inkluderande-bemotande",
        "mr-strateger-2019",
        "mr-konferens-umea-2022",
    ] {
        let dir = format!("{{tmp}}/{s}");
        let out = format!("{{tmp}}/out/{s}");
        f.run(&["issue", &dir, "--on", "2026-11-23", "--out", &out]).success();
        pdfs.extend(pdfs_in(&f.tmp.path().join("out").join(s)));
    }
    f.run(&["report", "{tmp}/mr-strateger-2019", "--out", "{tmp}/reports/programrapport.pdf"]).success();
    f.run(&["report", "{dir}", "--on", "2026-11-23", "--out", "{tmp}/reports/mr-rapport.pdf"]).success();
    f.run(&["sheets", "{tmp}/mr-konferens-umea-2022", "--out", "{tmp}/reports/narvarolista.pdf"]).success();
    f.run(&["badges", "{tmp}/mr-konferens-umea-2022", "--out", "{tmp}/reports/namnbrickor.pdf"]).success();
    pdfs.extend(pdfs_in(&f.tmp.path().join("reports")));
    assert!(pdfs.len() > 60, "{}", pdfs.len());
    layout::assert_readable(&pdfs);
}
