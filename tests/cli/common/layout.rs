//! Text a reader cannot read, found from the words' boxes on each page:
//! words printed over other words (a table row that overflows, a long name
//! over the next row) and words outside the page or within 3 mm of its
//! edge (a clipped title). The rules of `../shared/tools/layoutcheck`,
//! here so that the tests need nothing beside the repository but poppler's
//! `pdftotext` (tests/prepare installs it), and one more: words on one
//! line count when one is printed over a third of the other (a table's
//! figure run into the next column), which that tool lets pass.

use std::path::Path;

/// 3 mm in points: closer than this to the page's edge counts as off it.
const MARGIN: f64 = 3.0 * 72.0 / 25.4;
/// The share of the smaller box two words must share to be overprinted.
const SHARE: f64 = 0.25;

/// One word's box on a page, in points from the top left.
#[derive(Debug, Clone)]
struct Word {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

/// Every problem on every page of `pdf`, as `p.N OVERLAP "a" x "b"` or
/// `p.N OFFPAGE "word"`; empty when every word can be read.
pub fn problems(pdf: &Path) -> Vec<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (poppler-utils, installed by tests/prepare): {e}"));
    assert!(out.status.success(), "pdftotext {}: {}", pdf.display(), String::from_utf8_lossy(&out.stderr));
    let xml = String::from_utf8_lossy(&out.stdout);
    let mut found = Vec::new();
    for (n, page) in xml.split("<page ").skip(1).enumerate() {
        let n = n + 1;
        let (w, h) = (attr(page, "width"), attr(page, "height"));
        let mut words: Vec<Word> = page
            .split("<word ")
            .skip(1)
            .map(|s| {
                let text = s.split_once('>').map_or("", |x| x.1).split("</word>").next().unwrap_or("");
                Word {
                    x0: attr(s, "xMin"),
                    y0: attr(s, "yMin"),
                    x1: attr(s, "xMax"),
                    y1: attr(s, "yMax"),
                    text: unescape(text),
                }
            })
            .filter(|w| !w.text.trim().is_empty())
            .collect();
        for x in &words {
            if x.x0 < MARGIN || x.y0 < MARGIN || x.x1 > w - MARGIN || x.y1 > h - MARGIN {
                found.push(format!(
                    "p.{n} OFFPAGE \"{}\" at ({:.0},{:.0})-({:.0},{:.0})",
                    x.text, x.x0, x.y0, x.x1, x.y1
                ));
            }
        }
        words.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                if b.y0 >= a.y1 {
                    break;
                }
                // On one line, kerned letters may touch: there it takes
                // a third of the narrower word printed over (a table's
                // figure run into the next column's), not a touch.
                let same_line = (a.y1 - b.y1).abs() < 0.5 && (a.y0 - b.y0).abs() < 0.5;
                let across = a.x1.min(b.x1) - a.x0.max(b.x0);
                let narrower = (a.x1 - a.x0).min(b.x1 - b.x0);
                let overprinted =
                    if same_line { across > 2.0 && across > narrower / 3.0 } else { overlap(a, b) > SHARE };
                if overprinted {
                    found.push(format!(
                        "p.{n} OVERLAP \"{}\" x \"{}\" at ({:.0},{:.0}) and ({:.0},{:.0})",
                        a.text, b.text, a.x0, a.y0, b.x0, b.y0
                    ));
                }
            }
        }
    }
    found
}

/// Panics with every problem of every file in `pdfs`, naming the file.
pub fn assert_readable(pdfs: &[std::path::PathBuf]) {
    assert!(!pdfs.is_empty(), "no PDF to check");
    let all: Vec<String> = pdfs
        .iter()
        .flat_map(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            problems(p).into_iter().map(move |x| format!("{name} {x}"))
        })
        .collect();
    assert!(all.is_empty(), "{} layout problem(s):\n{}", all.len(), all.join("\n"));
}

/// The share of the smaller box that two boxes share.
fn overlap(a: &Word, b: &Word) -> f64 {
    let ix = a.x1.min(b.x1) - a.x0.max(b.x0);
    let iy = a.y1.min(b.y1) - a.y0.max(b.y0);
    if ix <= 0.0 || iy <= 0.0 {
        return 0.0;
    }
    let small = ((a.x1 - a.x0) * (a.y1 - a.y0)).min((b.x1 - b.x0) * (b.y1 - b.y0)).max(1e-9);
    ix * iy / small
}

/// The number in `name="…"` of the tag that `s` starts inside.
fn attr(s: &str, name: &str) -> f64 {
    let tag = s.split('>').next().unwrap_or("");
    tag.split(&format!("{name}=\""))
        .nth(1)
        .and_then(|v| v.split('"').next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

#[test]
fn an_overprinted_word_and_a_word_off_the_page_are_found() {
    let a = Word { x0: 100.0, y0: 100.0, x1: 150.0, y1: 112.0, text: "a".into() };
    let b = Word { x0: 110.0, y0: 104.0, x1: 160.0, y1: 116.0, text: "b".into() };
    assert!(overlap(&a, &b) > SHARE);
    let c = Word { x0: 160.0, ..a.clone() };
    assert_eq!(overlap(&a, &c), 0.0);
    assert_eq!(attr(r#"width="595.3" height="841.9">"#, "height"), 841.9);
    assert_eq!(attr(r#"xMin="1.5" yMin="2">x</word>"#, "xMin"), 1.5);
}
