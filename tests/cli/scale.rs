//! Batches split and measured: shards, their merged register, the typst
//! project for the typst CLI, and the benchmark command.

use std::path::PathBuf;

use crate::common;

use common::{Fixture, pdfs_in, read_pdf};

const ON: &str = "2026-11-23";

#[test]
fn sharded_runs_merge_into_the_register_of_one_run() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let sharded = f.dir().join("sharded");
    let out = sharded.to_str().unwrap();
    for k in 1..=3 {
        f.run(&["issue", "{dir}", "--out", out, "--shard", &format!("{k}/3"), "--on", ON, "-q"]).success();
    }
    // Slices of 8, 8 and 9 documents, each with a register of its own.
    let shards: Vec<String> =
        (1..=3).map(|k| sharded.join(format!("register.shard-{k}-of-3.csv")).display().to_string()).collect();
    assert!(!sharded.join("register.csv").exists());
    // Listed out of order on purpose: rows come in slice order all the same.
    f.run(&["register", "merge", &shards[2], &shards[0], &shards[1], "--on", ON]).success();
    let one = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    let merged = std::fs::read_to_string(sharded.join("register.csv")).unwrap();
    assert_eq!(one.lines().count(), 26);
    assert_eq!(merged, one);
    // Same ids, same names, same bytes.
    let names =
        |dir: &std::path::Path| pdfs_in(dir).iter().map(|p| p.file_name().unwrap().to_owned()).collect::<Vec<_>>();
    assert_eq!(names(&sharded), names(&f.out()));
    for pdf in pdfs_in(&f.out()) {
        assert_eq!(std::fs::read(&pdf).unwrap(), std::fs::read(sharded.join(pdf.file_name().unwrap())).unwrap());
    }
}

#[test]
fn registers_of_different_batches_do_not_merge() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--shard", "1/2", "--on", ON, "-q"]).success();
    let first = f.out().join("register.shard-1-of-2.csv");
    let text = std::fs::read_to_string(&first).unwrap().replace("Anna Lindqvist", "Anna Lindgren");
    f.write("other.shard-2-of-2.csv", text);
    let run = f.run(&["register", "merge", first.to_str().unwrap(), "{dir}/other.shard-2-of-2.csv", "--on", ON]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("MRS19-0001 är Anna Lindgren"), "{}", run.stderr());
    assert!(run.stderr().contains("tips: slå ihop delarna av en och samma körning"), "{}", run.stderr());
    assert!(!f.out().join("register.csv").exists());
}

#[test]
fn a_shard_must_be_one_of_n() {
    let f = Fixture::new("samples/mr-strateger-2019");
    for bad in ["3/2", "0/2", "2", "a/b"] {
        let run = f.run(&["issue", "{dir}", "--shard", bad, "--on", ON]);
        assert_eq!(run.code(), 2, "{bad}: {}", run.stderr());
        // The programme is Swedish, so every message of the run is too.
        assert!(run.stderr().contains("tips: skriv --shard K/N"), "{}", run.stderr());
    }
    assert!(!f.out().exists());
}

#[test]
fn emitted_typst_project_holds_template_images_fonts_and_one_json_per_record() {
    let f = Fixture::new("samples/mr-strateger-2019");
    f.run(&["issue", "{dir}", "--emit-typst", "{dir}/typst", "--on", ON, "-q"]).success();
    let dir = f.dir().join("typst");
    for file in [
        "one.typ",
        "all.typ",
        ".intyg/data.typ",
        ".intyg/kursintyg.typ",
        "packages/local/intyg/0.1.0/typst.toml",
        "packages/local/intyg/0.1.0/lib.typ",
        "packages/local/intyg/0.1.0/words.toml",
        ".intyg/deltagarintyg.typ",
        "logotyp.svg",
        "signatur-berglund.svg",
        "fonts/NotoSerif-Bold.ttf",
        "fonts/OFL.txt",
        "data/batch.json",
        "data/0001.json",
        "data/0025.json",
    ] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    assert!(!dir.join("data/0026.json").exists());
    let first: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("data/0001.json")).unwrap()).unwrap();
    assert_eq!(first["participant"]["name"], "Anna Lindqvist");
    assert_eq!(first["id"], "MRS19-0001");
    assert_eq!(first["issuer"]["logo"], "/logotyp.svg");
    assert!(first["$dates"].as_array().unwrap().contains(&serde_json::json!(["issued"])));
    let one = std::fs::read_to_string(dir.join("one.typ")).unwrap();
    assert!(one.contains(r#"sys.inputs.at("record", default: "data/0001.json")"#), "{one}");
    assert!(one.contains("typst compile --package-path packages --font-path fonts one.typ"), "{one}");
    // Every import of every typst file resolves: a project path to a file
    // in the project, the package to packages/, its files to its folder.
    let package = dir.join("packages/local/intyg/0.1.0");
    let manifest = std::fs::read_to_string(package.join("typst.toml")).unwrap();
    assert!(manifest.contains("entrypoint = \"lib.typ\""), "{manifest}");
    let typ: Vec<PathBuf> = ["one.typ", "all.typ", ".intyg/kursintyg.typ", ".intyg/deltagarintyg.typ"]
        .iter()
        .map(|f| dir.join(f))
        .chain(std::fs::read_dir(&package).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "typ"))
        .collect();
    for file in typ {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines().filter_map(|l| l.trim().strip_prefix("#import \"")) {
            let target = line.split('"').next().unwrap();
            let resolved = match target {
                "@local/intyg:0.1.0" => package.join("lib.typ"),
                t if t.starts_with('/') => dir.join(&t[1..]),
                t => file.parent().unwrap().join(t),
            };
            assert!(resolved.is_file(), "{}: {target} does not resolve", file.display());
        }
    }
    let all = std::fs::read_to_string(dir.join("all.typ")).unwrap();
    assert!(all.contains("range(1, 25 + 1)"), "{all}");
    // Record text is data in the JSON files, never in the typst sources.
    assert!(!one.contains("Lindqvist") && !all.contains("Lindqvist"));
}

#[test]
fn bench_issues_invented_participants_and_prints_figures() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let run = f.run(&["bench", "--records", "24", "--keep", "{dir}/bench", "--json"]);
    run.success();
    let figures = run.json();
    assert_eq!(figures["records"], 24);
    // Every twelfth invented participant missed a day: 22 + 2, all issued.
    assert_eq!(figures["documents"], 24);
    assert!(figures["per_second"].as_f64().unwrap() > 0.0);
    assert!(figures["compile_ms"].as_f64().unwrap() > 0.0);
    assert!(figures["pdf_bytes"].as_u64().unwrap() > 10_000);
    assert_eq!(pdfs_in(&f.dir().join("bench/out")).len(), 24);
    let csv = std::fs::read_to_string(f.dir().join("bench/deltagare.csv")).unwrap();
    assert!(csv.contains("Åsa;Lindqvist"), "{csv}");
}

/// A combined document of more certificates than typst lays out at once
/// (500) is joined from parts: one page per certificate in record order,
/// one structure tree whose marked-content keys stay unique, metadata that
/// counts every page, and the same bytes on a rerun.
#[test]
fn combined_document_laid_out_in_parts_is_one_tagged_pdf() {
    let f = Fixture::new("samples/mr-strateger-2019");
    for run in ["a", "b"] {
        f.run(&["bench", "--records", "501", "--combined", "--keep", &format!("{{dir}}/{run}"), "--json"]).success();
    }
    let path = f.dir().join("a/alla.pdf");
    let pdf = read_pdf(&path);
    assert_eq!(pdf.pages, 501);
    assert!(pdf.title.contains("(501 st.)"), "{}", pdf.title);
    assert!(pdf.xmp.contains("<xmpTPg:NPages>501</xmpTPg:NPages>"), "{}", pdf.xmp);
    // The first and the last record, in order; the last is in the second part.
    let csv = std::fs::read_to_string(f.dir().join("a/deltagare.csv")).unwrap();
    let name = |line: &str| {
        let cells: Vec<&str> = line.split(';').collect();
        format!("{} {}", cells[0], cells[1])
    };
    let lines: Vec<&str> = csv.lines().collect();
    let (first, last) = (name(lines[1]), name(lines[501]));
    let at_first = pdf.text.find(&first).unwrap_or_else(|| panic!("{first} missing"));
    assert!(pdf.text.rfind(&last).unwrap() > at_first, "{last} is not after {first}");

    let doc = lopdf::Document::load(&path).unwrap();
    let catalog = doc.catalog().unwrap();
    let root = doc.get_dictionary(catalog.get(b"StructTreeRoot").unwrap().as_reference().unwrap()).unwrap();
    let top = root.get(b"K").unwrap().as_array().unwrap();
    assert_eq!(top.len(), 1, "one Document element");
    let document = top[0].as_reference().unwrap();
    let elements = doc.get_dictionary(document).unwrap().get(b"K").unwrap().as_array().unwrap();
    for e in elements {
        let parent = doc.get_dictionary(e.as_reference().unwrap()).unwrap().get(b"P").unwrap();
        assert_eq!(parent.as_reference().unwrap(), document);
    }
    let tree = doc.get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap()).unwrap();
    let nums = tree.get(b"Nums").unwrap().as_array().unwrap();
    let keys: Vec<i64> = nums.iter().step_by(2).map(|k| k.as_i64().unwrap()).collect();
    // One key a page and one a link annotation (the verification link),
    // each part's moved past the parts before it.
    let mut parents: Vec<i64> = doc
        .get_pages()
        .values()
        .map(|&p| doc.get_dictionary(p).unwrap().get(b"StructParents").unwrap().as_i64().unwrap())
        .collect();
    assert_eq!(parents.len(), 501);
    parents.extend(
        doc.objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Subtype").and_then(|s| s.as_name()).is_ok_and(|n| n == b"Link"))
            .map(|d| d.get(b"StructParent").unwrap().as_i64().unwrap()),
    );
    parents.sort_unstable();
    let all = parents.len() as i64;
    assert_eq!(keys, (0..all).collect::<Vec<i64>>());
    assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), all);
    assert_eq!(parents, keys);
    // Each page's marked content belongs to elements on that page.
    let last_page = *doc.get_pages().values().last().unwrap();
    let key = doc.get_dictionary(last_page).unwrap().get(b"StructParents").unwrap().as_i64().unwrap() as usize;
    let (_, value) = doc.dereference(&nums[2 * key + 1]).unwrap();
    for e in value.as_array().unwrap() {
        let page = doc.get_dictionary(e.as_reference().unwrap()).unwrap().get(b"Pg");
        if let Ok(page) = page {
            assert_eq!(page.as_reference().unwrap(), last_page);
        }
    }

    assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(f.dir().join("b/alla.pdf")).unwrap());
}
