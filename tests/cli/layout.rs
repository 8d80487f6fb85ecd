//! Every page holds what people bring: every document kind and report,
//! issued from the stress corpus (`tests/fixtures/stress`: the longest
//! names, organisations, titles, agendas and tables) and from the bundled
//! samples, in Swedish and English, with no word printed over another or
//! off the page (`common::layout`, poppler's word boxes).

use std::path::PathBuf;

use crate::common::{Fixture, layout, pdfs_in, read_pdf, squash};

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
    // Every name as the cell holds it, however long.
    let text = |p: &str| squash(&read_pdf(&f.tmp.path().join("sv").join(p)).text);
    let long = "Maria Magdalena Fredrika Charlotta af Johansson-Östlund af Klinteberg-Wachtmeister";
    assert!(text("kurs/GMR26-0001.pdf").contains(&squash(long)));
    // The diploma with the longest name, five criteria, a long citation and
    // three signatories without images fits its page: the empty signature
    // band and the spacing gave way first.
    let diploma = pdfs.iter().find(|p| p.to_string_lossy().contains("MDS-2026-001")).expect("the long diploma");
    assert_eq!(read_pdf(diploma).pages, 1);
    // A typst project emitted from the run lays the tightened document
    // out as issue did.
    f.run(&["issue", "{dir}/kurs", "--out", "{tmp}/emitted", "--emit-typst", "{tmp}/typst", "-q"]).success();
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(f.tmp.path().join("typst/data/0001.json")).unwrap()).unwrap();
    assert!(record["fit"].as_u64().is_some_and(|fit| fit >= 1), "{}", record["fit"]);
    // The signing sheet by surname, as "Efternamn, Förnamn"; von Rosen under R.
    let sheet = text("door/narvarolista.pdf");
    let order = ["binti Abdullah", "Ek, Bo", "af Johansson-Östlund", "von Rosen-Bernadotte", "Öberg, Åsa"]
        .map(|n| sheet.find(&squash(n)).unwrap_or_else(|| panic!("{n} in {sheet}")));
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn a_diploma_that_cannot_fit_at_the_smallest_sizes_is_refused_naming_its_longest_part() {
    let f = Fixture::new("stress");
    let toml = std::fs::read_to_string(f.dir().join("diplom/intyg.toml")).unwrap();
    let criterion = "Verksamheten har antagit och förankrat värderingar om mångfald, inkludering och allas lika \
                     värde hos ledning, medarbetare, medlemmar, förtroendevalda, volontärer och besökare.";
    let more: String =
        (0..14).map(|k| format!("\n[[criteria]]\ncode = \"X{k}\"\ndescription = \"{criterion}\"\n")).collect();
    f.write("diplom/intyg.toml", toml + &more);
    let csv = std::fs::read_to_string(f.dir().join("diplom/organisationer.csv")).unwrap();
    let all: String = (0..14).map(|k| format!("|X{k}")).collect();
    f.write("diplom/organisationer.csv", csv.replacen("A|B|C|D|E", &format!("A|B|C|D|E{all}"), 1));
    let run = f.run(&["issue", "{dir}/diplom", "--out", "{tmp}/ut"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("får inte plats på en sida") && err.contains("de uppfyllda kriterierna (19"), "{err}");
    assert!(pdfs_in(&f.tmp.path().join("ut")).is_empty(), "nothing written");
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
    for s in ["mr-strateger-2019", "mr-konferens-umea-2022", "webbutbildning-inkluderande-bemotande"] {
        let out = format!("{{tmp}}/reports/{s}.pdf");
        f.run(&["report", &format!("{{tmp}}/{s}"), "--on", "2026-11-23", "--out", &out]).success();
    }
    f.run(&["report", "{dir}", "--on", "2026-11-23", "--out", "{tmp}/reports/mr-rapport.pdf"]).success();
    f.run(&["sheets", "{tmp}/mr-konferens-umea-2022", "--out", "{tmp}/reports/narvarolista.pdf"]).success();
    f.run(&["badges", "{tmp}/mr-konferens-umea-2022", "--out", "{tmp}/reports/namnbrickor.pdf"]).success();
    pdfs.extend(pdfs_in(&f.tmp.path().join("reports")));
    assert!(pdfs.len() > 60, "{}", pdfs.len());
    layout::assert_readable(&pdfs);
}

#[test]
fn layout_check_finds_a_name_printed_over_the_next_line_and_off_the_page() {
    // The check itself, on a template that does what a broken layout does.
    let f = Fixture::new("stress");
    f.write(
        "kurs/trasig.typ",
        "#let certificate(data) = {\n  set page(paper: \"a4\")\n  set text(font: \"Noto Sans\")\n  \
         text(size: 20pt, data.participant.name)\n  v(-18pt)\n  text(size: 20pt, data.programme.name)\n  \
         place(top + left, dx: 17.6cm, text(size: 20pt, [utanför]))\n}\n",
    );
    f.run(&["issue", "{dir}/kurs", "--template", "trasig.typ", "--out", "{tmp}/trasig"]).success();
    let pdfs = pdfs_in(&f.tmp.path().join("trasig"));
    let found = layout::problems(&pdfs[0]);
    assert!(found.iter().any(|p| p.contains("OVERLAP")), "{found:?}");
    assert!(found.iter().any(|p| p.contains("OFFPAGE")), "{found:?}");
}
