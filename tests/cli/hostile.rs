//! Hostile and broken input on the real binary (issue 8): what others open
//! stays inert, oversized or corrupt input gets a clear error before any
//! output is written, and a killed or starved run loses nothing.

use crate::common;

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

/// Reads CSV as intyg writes it (`;` and a BOM in Swedish, `,` in
/// English) into rows of cells.
fn csv_cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let delimiter = if header.contains(&b';') { b';' } else { b',' };
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
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
    for page in common::files_under(&site).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(
            !html.contains("<script>alert") && !html.contains("<img src=x"),
            "{}: live markup\n{html}",
            page.display()
        );
        if html.contains("&lt;script&gt;") {
            pages += 1;
            assert!(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; Co"), "{html}");
        }
    }
    // The diploma's own page, in Swedish and in English (the search pages
    // name no holder).
    assert_eq!(pages, 2);
}

/// Runs `issue` in English and expects it to stop with `expected` in its
/// message, having written nothing.
#[track_caller]
fn refused(f: &Fixture, env: &[(&str, &str)], args: &[&str], expected: &str) {
    let mut all = vec!["issue", "{dir}", "--lang", "en", "--on", ON];
    all.extend_from_slice(args);
    let run = f.run_env(env, &all);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains(expected), "expected {expected:?} in:\n{}", run.stderr());
    assert!(run.stderr().contains("nothing was written"), "{}", run.stderr());
    assert!(f.pdfs().is_empty(), "PDFs written");
    let left: Vec<_> = std::fs::read_dir(f.out())
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(left.iter().all(|n| n == ".register.csv.lock"), "left behind: {left:?}");
    assert!(!f.dir().join("register.csv").exists(), "a register was written");
}

#[test]
fn oversized_records_are_refused_with_where_and_why() {
    let f = Fixture::new("tiny");
    let header = "Namn;E-post;Dag 1;Dag 2\n";
    // A line with no newline for 100 MB.
    let mut long = header.as_bytes().to_vec();
    long.resize(long.len() + (100 << 20), b'x');
    f.write("lang.csv", long);
    refused(
        &f,
        &[],
        &["--records", "p/lang.csv"],
        "lang.csv, line 2: the line is 100.0 MB long; a record's line holds at most 1 MB",
    );
    // Twenty thousand columns in a header that fits a line.
    f.write("bred.csv", format!("Namn;E-post;Dag 1;Dag 2{}\nÅsa;a@b.se;X;X\n", ";k".repeat(20_000)));
    refused(&f, &[], &["--records", "p/bred.csv"], "bred.csv, row 1: 20,004 columns; intyg reads at most 16,384");
    // A cell past a spreadsheet's 32 767 characters, in CSV and in JSON.
    f.write("cell.csv", format!("{header}Per Ek;per@exempel.se;X;X\n{};a@b.se;X;X\n", "Åsa".repeat(11_000)));
    refused(
        &f,
        &[],
        &["--records", "p/cell.csv"],
        "cell.csv, row 3, column \"Namn (A)\": the cell has 33,000 characters; a cell holds at most 32,767",
    );
    let json = serde_json::json!([{"namn": "Åsa", "e-post": "a@b.se", "dag 1": "X", "dag 2": "X", "kommentar": "y".repeat(40_000)}]);
    f.write("cell.json", json.to_string());
    refused(
        &f,
        &[],
        &["--records", "p/cell.json"],
        "cell.json, entry 1, column \"kommentar\": the cell has 40,000 characters",
    );
    // A file larger than intyg reads, refused by its size without reading it.
    std::fs::File::create(f.dir().join("stor.csv")).unwrap().set_len(600 << 20).unwrap();
    refused(&f, &[], &["--records", "p/stor.csv"], "stor.csv: the records file is larger than 512 MB");
}

#[test]
fn an_oversized_programme_file_is_refused_without_reading_it() {
    let f = Fixture::new("tiny");
    // Padded with zeros to 17 MB, as a file written over by something else.
    std::fs::OpenOptions::new().write(true).open(f.dir().join("intyg.toml")).unwrap().set_len(17 << 20).unwrap();
    refused(&f, &[], &[], "intyg.toml: the programme file is larger than 16 MB");
}

/// `xlsx` with the unpacked size its zip gives `entry` set to `size`, in
/// the entry's local header and in the central directory alike.
fn declared_size(xlsx: &[u8], entry: &str, size: u32) -> Vec<u8> {
    let mut out = xlsx.to_vec();
    let name = entry.as_bytes();
    let mut patched = 0;
    for at in 0..out.len().saturating_sub(46) {
        // Local header: name at 30, size at 22. Central: name at 46, size at 24.
        let (name_at, size_at) = match &out[at..at + 4] {
            b"PK\x03\x04" => (30, 22),
            b"PK\x01\x02" => (46, 24),
            _ => continue,
        };
        if out[at + name_at..].starts_with(name) {
            out[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
    }
    assert_eq!(patched, 2, "{entry} not found in both headers");
    out
}

#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused() {
    let f = Fixture::new("sheets");
    let xlsx = std::fs::read(f.dir().join("deltagare.xlsx")).unwrap();
    // A sheet of 3 GB packed into a few hundred bytes: refused by what the
    // zip says before anything is unpacked.
    f.write("bomb.xlsx", declared_size(&xlsx, "xl/worksheets/sheet1.xml", 3 << 30));
    refused(
        &f,
        &[],
        &["--records", "p/bomb.xlsx"],
        "bomb.xlsx: the workbook unpacks to more than 512 MB: it is damaged, or made to fill the computer's memory",
    );
    // One that says less than it holds is stopped where its word ends.
    f.write("liar.xlsx", declared_size(&xlsx, "xl/worksheets/sheet1.xml", 100));
    refused(
        &f,
        &[],
        &["--records", "p/liar.xlsx"],
        "liar.xlsx: sheet \"Deltagare\" cannot be read: Xlsx error: Xml error: I/O error: File is larger than its declared uncompressed size",
    );
}

/// A grey PNG of `w` × `h` pixels, one bit a pixel.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&vec![0xff; w.div_ceil(8) as usize * h as usize]).unwrap();
    writer.finish().unwrap();
    out
}

#[test]
fn broken_huge_or_foreign_images_are_refused_before_any_output() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    let with_logo =
        |name: &str| f.write("intyg.toml", toml.replace("logo = \"logotyp.svg\"", &format!("logo = \"{name}\"")));
    let good = png(64, 64);
    f.write("enorm.png", png(20_000, 20_000));
    f.write("avklippt.png", &good[..40]);
    f.write("skräp.png", "det här är ingen bild ".repeat(20));
    f.write("gif.png", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;");
    f.write("fel-namn.jpg", &good);
    let svg = |href: &str| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><image href=\"{href}\" width=\"5\" height=\"5\"/></svg>"
        )
    };
    f.write("etc.svg", svg("/etc/passwd"));
    f.write("upp.svg", svg("../../hemlig.png"));
    f.write("webb.svg", svg("http://evil.example/spårning.png"));
    f.write("trasig.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect");
    let cases = [
        ("enorm.png", "image \"enorm.png\" is 20,000 × 20,000 pixels; intyg takes at most 10,000 on a side"),
        ("avklippt.png", "image \"avklippt.png\" cannot be decoded"),
        ("skräp.png", "image \"skräp.png\" is not an SVG, PNG or JPEG image"),
        ("gif.png", "image \"gif.png\" is a GIF image"),
        ("fel-namn.jpg", "image \"fel-namn.jpg\" is named as JPEG but is a PNG image"),
        ("etc.svg", "failed to load linked image /etc/passwd in SVG (absolute paths are not allowed)"),
        ("upp.svg", "would escape the project root"),
        ("webb.svg", "(URLs are not allowed)"),
        ("trasig.svg", "failed to parse SVG"),
    ];
    for (name, expected) in cases {
        with_logo(name);
        refused(&f, &[], &[], expected);
    }
    // A template's own image is held to the same bounds.
    with_logo("logotyp.svg");
    f.write("egen.typ", "#let certificate(data) = image(\"enorm.png\")\n");
    refused(&f, &[], &["--template", "egen.typ"], "the image is 20,000 × 20,000 pixels");
}

#[test]
fn a_template_that_never_ends_or_grows_without_end_is_stopped() {
    let f = Fixture::new("tiny");
    // About ten billion steps in little memory, and a string doubled forty
    // times: a terabyte.
    f.write(
        "evig.typ",
        "#let certificate(data) = { let n = 0; for i in range(100000) { for j in range(100000) { n += 1 } }; [#n] }\n",
    );
    f.write("väx.typ", "#let certificate(data) = { let s = \"x\"; for i in range(40) { s = s + s }; [#s.len()] }\n");
    refused(
        &f,
        &[("INTYG_LAYOUT_TIMEOUT", "1")],
        &["--template", "evig.typ"],
        "laying out GK-0001 took longer than 1 s, and was stopped",
    );
    refused(
        &f,
        &[("INTYG_LAYOUT_MEMORY", "500")],
        &["--template", "väx.typ"],
        "laying out GK-0001 took more than 500 MB of memory, and was stopped",
    );
}

/// The tiny programme with `n` invented participants, all of whom attended.
fn batch(n: usize) -> Fixture {
    let f = Fixture::new("tiny");
    let mut csv = String::from("Namn;E-post;Kommun;Dag 1;Dag 2\n");
    for i in 1..=n {
        csv.push_str(&format!("Deltagare {i} Öberg;d{i}@exempel.se;Umeå kommun;X;X\n"));
    }
    f.write("deltagare.csv", csv);
    f
}

/// The files in a folder by name, with their bytes; hidden ones apart.
fn files(dir: &Path) -> (std::collections::BTreeMap<String, Vec<u8>>, Vec<String>) {
    let mut shown = std::collections::BTreeMap::new();
    let mut hidden = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            hidden.push(name);
        } else {
            shown.insert(name, std::fs::read(entry.path()).unwrap());
        }
    }
    (shown, hidden)
}

#[test]
fn a_batch_killed_at_any_point_loses_nothing_and_a_rerun_completes_it() {
    const N: usize = 600;
    let whole = batch(N);
    whole.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let (expected, _) = files(&whole.out());
    // The PDFs, and the register as CSV and JSON.
    assert_eq!(expected.len(), N + 2);
    assert!(expected.contains_key("register.csv") && expected.contains_key("register.json"));

    let f = batch(N);
    let staged = |out: &Path| -> usize {
        std::fs::read_dir(out)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".intyg-staging-"))
            .map(|e| std::fs::read_dir(e.path()).map_or(0, Iterator::count))
            .sum()
    };
    // Where to kill: as soon as it starts, after a few documents are staged,
    // half-way, with everything staged, once documents reach the output
    // folder, and at moments in between.
    type Point<'a> = (&'a str, Box<dyn Fn(&Path) -> bool>);
    let points: Vec<Point> = vec![
        ("at once", Box::new(|_: &Path| true)),
        ("10 staged", Box::new(move |out: &Path| staged(out) >= 10)),
        ("half staged", Box::new(move |out: &Path| staged(out) >= N / 2)),
        ("all staged", Box::new(move |out: &Path| staged(out) >= N)),
        ("first in place", Box::new(|out: &Path| !common::pdfs_in(out).is_empty())),
    ];
    let mut killed = 0;
    for (what, ready) in &points {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_intyg"))
            .args(["issue", f.dir().to_str().unwrap(), "--on", ON, "-q"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        while !ready(&f.out()) && started.elapsed() < std::time::Duration::from_secs(30) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        // SIGKILL: no handler runs, no destructor, nothing is flushed.
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            killed += 1;
        }
        child.wait().unwrap();
        // Whatever is in place is whole: each PDF, and the register once
        // it is there, is the one an uninterrupted run writes, byte for byte.
        let (present, _) = files(&f.out());
        for (name, bytes) in &present {
            assert!(expected.get(name) == Some(bytes), "{what}: {name} is partial or foreign");
        }
    }
    assert!(killed >= 3, "the batch finished before it could be killed");

    // A rerun completes the batch, and removes what the killed runs staged.
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let (present, hidden) = files(&f.out());
    assert!(present == expected, "the rerun's PDFs or register differ from an uninterrupted run's");
    assert_eq!(hidden, [".register.csv.lock"], "left over");
}

/// Checks that a run that could not write stopped cleanly: exit 1, the
/// reason and the hint in its message, and the output folder as before.
#[track_caller]
fn stopped_and_kept(run: &common::Run, out: &Path, before: &std::collections::BTreeMap<String, Vec<u8>>, why: &str) {
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains(why), "{}", run.stderr());
    assert!(run.stderr().contains("check free space and permissions"), "{}", run.stderr());
    let (after, hidden) = files(out);
    assert!(after == *before, "earlier output changed");
    assert_eq!(hidden, [".register.csv.lock"], "left over");
}

#[test]
fn a_full_disk_stops_the_run_and_keeps_earlier_output() {
    let f = batch(3);
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let (before, _) = files(&f.out());
    let csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    f.write("deltagare.csv", format!("{csv}Ny Deltagare;ny@exempel.se;Umeå kommun;X;X\n"));

    // Files limited to 16 kB, smaller than a certificate: every write fails
    // as on a full disk (EFBIG, with the signal that would kill it ignored).
    let script = "ulimit -f 16; trap '' XFSZ; exec \"$0\" \"$@\"";
    let output = std::process::Command::new("sh")
        .args([
            "-c",
            script,
            env!("CARGO_BIN_EXE_intyg"),
            "issue",
            f.dir().to_str().unwrap(),
            "--on",
            ON,
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    let run = common::Run::from(output, f.tmp.path());
    stopped_and_kept(&run, &f.out(), &before, "File too large");

    // A real full disk, where the machine lets a test mount one: a 1 MB
    // file system that holds the first run's documents but not the second's.
    let mount = f.tmp.path().join("liten");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.to_str().unwrap()])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("no tmpfs could be mounted here: the full disk was tried with a file size limit only");
        return;
    }
    let out = mount.join("ut");
    let small = batch(10);
    small.run(&["issue", "{dir}", "--on", ON, "--out", out.to_str().unwrap(), "-q"]).success();
    let (before, _) = files(&out);
    let big = batch(80);
    let run = big.run(&["issue", "{dir}", "--on", ON, "--out", out.to_str().unwrap(), "--lang", "en"]);
    let kept = std::panic::catch_unwind(|| stopped_and_kept(&run, &out, &before, "No space left on device"));
    let _ = std::process::Command::new("umount").arg(&mount).status();
    if let Err(e) = kept {
        std::panic::resume_unwind(e);
    }
}

/// The tiny programme with one participant named `name`, written as a
/// spreadsheet writes CSV (quoted where needed).
fn named(f: &Fixture, name: &str) {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    w.write_record(["Namn", "E-post", "Kommun", "Dag 1", "Dag 2"]).unwrap();
    w.write_record([name, "a@exempel.se", "Umeå kommun", "X", "X"]).unwrap();
    f.write("deltagare.csv", w.into_inner().unwrap());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// typst markup, code and escapes in a name are printed as they are.
    #[test]
    fn any_markup_in_a_name_is_printed_literally(name in r#"[A-Za-zÅÄÖåäö]{1,3}[#*_$\[\]\\<>@=`~/"'(){}:;,.+A-Za-zÅÄÖåäö0-9 -]{1,30}"#) {
        let f = Fixture::new("tiny");
        named(&f, &name);
        let run = f.run(&["issue", "{dir}", "--on", ON, "-q", "--lang", "en"]);
        proptest::prop_assert_eq!(run.code(), 0, "{}", run.stderr());
        let pdfs = f.pdfs();
        proptest::prop_assert_eq!(pdfs.len(), 1);
        let text = common::squash(&common::read_pdf(&pdfs[0]).text);
        // "Lindqvist, Anna" is a name written surname first, printed "Anna Lindqvist".
        let printed = match name.split_once(',') {
            Some((last, first))
                if !first.contains(',')
                    && [last, first].iter().all(|p| {
                        let p = p.trim();
                        p.chars().next().is_some_and(char::is_alphabetic)
                            && p.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '.'))
                    }) =>
            {
                format!("{} {}", first.trim(), last.trim())
            }
            _ => name.clone(),
        };
        proptest::prop_assert!(text.contains(&common::squash(&printed)), "{:?} not in {:?}", printed, text);
    }

    /// The same in a diploma's citation, a paragraph of its own.
    #[test]
    fn any_markup_in_a_citation_is_printed_literally(citation in r#"[A-Za-zÅÄÖåäö]{1,3}[#*_$\[\]\\<>@=`~/"'(){}:;,.+A-Za-zÅÄÖåäö0-9 -]{1,60}"#) {
        // `\n` typed in a cell is a line break on purpose (a cell cannot
        // hold a blank line in every spreadsheet): the one escape a
        // citation has.
        proptest::prop_assume!(!citation.contains("\\n"));
        let f = Fixture::new("samples/mangfaldsdiplom-pitea");
        let csv = std::fs::read_to_string(f.dir().join("organisationer.csv")).unwrap();
        let last = "nyanlända ungdomar.\"";
        let (start, end) = (csv.find("\"Företaget har").unwrap(), csv.find(last).unwrap() + last.len());
        f.write("organisationer.csv", format!("{}\"{}\"{}", &csv[..start], citation.replace('"', "\"\""), &csv[end..]));
        let run = f.run(&["issue", "{dir}", "--on", ON, "-q", "--lang", "en"]);
        proptest::prop_assert_eq!(run.code(), 0, "{}", run.stderr());
        let pdf = f.out().join("MDP-2024-001-norrbottens-rorservice-ab.pdf");
        let text = common::squash(&common::read_pdf(&pdf).text);
        proptest::prop_assert!(text.contains(&common::squash(&citation)), "{:?} not in {:?}", citation, text);
    }

    /// Any text at all as a name is issued or refused with a message that
    /// says where: never a crash.
    #[test]
    fn any_unicode_name_is_issued_or_refused_clearly(name in proptest::prelude::any::<String>()) {
        let f = Fixture::new("tiny");
        named(&f, &name);
        let run = f.run(&["issue", "{dir}", "--on", ON, "-q", "--lang", "en"]);
        let stderr = run.stderr();
        proptest::prop_assert!(!stderr.contains("panicked"), "{}", stderr);
        match run.code() {
            0 => proptest::prop_assert_eq!(f.pdfs().len(), 1),
            1 => {
                proptest::prop_assert!(stderr.contains("error: ") && stderr.contains("row 2"), "{}", stderr);
                proptest::prop_assert!(f.pdfs().is_empty());
            }
            code => proptest::prop_assert!(false, "exit {}: {}", code, stderr),
        }
    }
}
