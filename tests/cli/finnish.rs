//! Finnish, a national minority language in Sweden, which a municipality in
//! the Finnish administrative area must be able to serve people in: a
//! folder with `language = "fi"` writes every kind's documents, its
//! reports, its e-mails and its verification site in Finnish — dates as
//! `10. marraskuuta 2026`, numbers as `1 000` and `75 %` — and not one word
//! of the Swedish table. Each folder is the Finnish starter `intyg init
//! --lang fi` writes, as a new user would begin.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{Fixture, files_under, read_pdf, repo};

/// The words of the Swedish tables (documents and site) that Finnish does
/// not share, lowercased: what no Finnish page may print.
fn swedish_words() -> BTreeSet<String> {
    // Keys that say how the language is named and written, not words it prints.
    const NOT_PRINTED: [&str; 10] = [
        "language_names",
        "messages_in",
        "day",
        "decimal_point",
        "thousands",
        "minus",
        "percent",
        "time",
        "csv_delimiter",
        "first_sheet",
    ];
    let mut sv = BTreeSet::new();
    let mut fi = BTreeSet::new();
    for table in ["templates/intyg/words.toml", "src/site/words.toml"] {
        let text = std::fs::read_to_string(repo().join(table)).unwrap();
        let t: toml::Table = text.parse().unwrap();
        for (lang, into) in [("sv", &mut sv), ("fi", &mut fi)] {
            let words = t[lang].as_table().unwrap();
            for (key, value) in words.iter().filter(|(k, _)| !NOT_PRINTED.contains(&k.as_str())) {
                // `this_lang` is the link to a language's pages in that language.
                if key == "this_lang" {
                    continue;
                }
                into.extend(tokens(value.as_str().unwrap()));
            }
        }
    }
    // The tool's name, in the command that checks a signature.
    fi.insert("intyg".to_owned());
    sv.difference(&fi).cloned().collect()
}

/// The words of `text`: runs of letters, lowercased, of two letters or more.
fn tokens(text: &str) -> BTreeSet<String> {
    // Words are what white space and punctuation part; one with a digit
    // (an id, a checksum whose hex may hold "de") is no word of a language.
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2 && !w.chars().any(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// The Swedish words in `text`, which `what` printed.
fn swedish_in(text: &str, swedish: &BTreeSet<String>) -> Vec<String> {
    tokens(text).intersection(swedish).cloned().collect()
}

/// The text a reader sees of a page of the site: no style, no script, no
/// tags, and no link to another language's pages (it is in that language).
fn page_text(html: &str) -> String {
    let mut text = html.to_owned();
    for (open, close) in [("<style", "</style>"), ("<script", "</script>"), ("<p class=\"lang\"", "</p>")] {
        while let Some(a) = text.find(open) {
            let b = text[a..].find(close).map_or(text.len(), |b| a + b + close.len());
            text.replace_range(a..b, " ");
        }
    }
    let mut out = String::new();
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// A Finnish starter folder of `kind`, made by `intyg init`.
fn starter(kind: &str) -> Fixture {
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", kind, "--lang", "fi"]).success();
    f
}

/// The first e-mail a dry run of `intyg send` writes: its subject and text,
/// as Python's own e-mail package reads them.
fn first_message(f: &Fixture) -> String {
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    if !toml.contains("\n[email]") {
        f.write("intyg.toml", format!("{toml}\n[email]\nfrom = \"Esimerkkilän kunta <intyg@exempel.se>\"\n"));
    }
    f.run(&["send", "{dir}", "--dry-run"]).success();
    let eml = files_under(&f.out().join("outbox")).into_iter().min().expect("a message");
    let read = "import email, sys\nfrom email import policy\n\
                m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)\n\
                print(m['subject'])\nprint(m.get_body(preferencelist=('plain',)).get_content())";
    let out = std::process::Command::new("python3").args(["-c", read]).arg(&eml).output().expect("python3 runs");
    String::from_utf8(out.stdout).unwrap()
}

/// What a PDF says: its title, subject and text, checked for its language.
fn pdf_says(path: &Path) -> String {
    let pdf = read_pdf(path);
    assert_eq!(pdf.lang, "fi", "{}: /Lang", path.display());
    format!("{}\n{}\n{}", pdf.title, pdf.subject, pdf.text)
}

#[test]
fn a_finnish_folder_of_every_kind_prints_no_swedish_word() {
    let swedish = swedish_words();
    // The table holds what a Finnish page must not say.
    for word in ["kursintyg", "deltagarintyg", "utbildningstillfällen", "oktober", "och", "giltigt"] {
        assert!(swedish.contains(word), "{word} is a Swedish word of the tables");
    }
    let mut seen: Vec<(String, String)> = Vec::new();
    for kind in ["course", "conference", "elearning", "diploma"] {
        let f = starter(kind);
        f.run(&["issue", "{dir}"]).success();
        // A diploma scheme keeps its register beside intyg.toml.
        let register = [f.out().join("register.csv"), f.dir().join("register.csv")].into_iter().find(|p| p.is_file());
        let register = std::fs::read_to_string(register.expect("a register")).unwrap();
        // Written as a spreadsheet in Finland reads it.
        assert!(register.trim_start_matches('\u{feff}').lines().next().unwrap().contains(';'), "{kind}: {register}");
        let pdfs = crate::common::pdfs_in(&f.out());
        assert!(!pdfs.is_empty(), "{kind}: no documents");
        for pdf in pdfs {
            seen.push((pdf.display().to_string(), pdf_says(&pdf)));
        }
        seen.push((format!("{kind}: e-mail"), first_message(&f)));
        if kind != "diploma" {
            let report = f.tmp.path().join("raportti.pdf");
            f.run(&["report", "{dir}", "--out", report.to_str().unwrap()]).success();
            seen.push((format!("{kind}: programme report"), pdf_says(&report)));
        }
        if kind == "conference" {
            f.run(&["sheets", "{dir}"]).success();
            f.run(&["badges", "{dir}"]).success();
            for sheet in ["narvarolista.pdf", "namnbrickor.pdf"] {
                seen.push((sheet.to_owned(), pdf_says(&f.out().join(sheet))));
            }
        }
        if kind == "course" {
            let site = f.tmp.path().join("sivusto");
            f.run(&["publish", "{dir}", "--out", site.to_str().unwrap()]).success();
            for page in files_under(&site).into_iter().filter(|p| p.file_name().is_some_and(|n| n == "index.html")) {
                let html = std::fs::read_to_string(&page).unwrap();
                assert!(html.contains("<html lang=\"fi\">"), "{}", page.display());
                seen.push((page.display().to_string(), page_text(&html)));
            }
        }
    }
    let report = starter("report");
    report.run(&["report", "{dir}"]).success();
    for pdf in crate::common::pdfs_in(&report.out()) {
        seen.push((pdf.display().to_string(), pdf_says(&pdf)));
    }

    let all: String = seen.iter().map(|(_, text)| text.as_str()).collect::<Vec<_>>().join("\n");
    // Finnish dates, numbers and words of each kind.
    for finnish in ["marraskuuta 2026", "Kurssitodistus", "Osallistumistodistus", "Todistus osallistumisesta"] {
        assert!(all.contains(finnish), "no {finnish:?} in what the Finnish folders wrote");
    }
    for finnish in ["Monimuotoisuusdiplomi", "Tietoa luvuista", "Voimassa", "Hei "] {
        assert!(all.contains(finnish), "no {finnish:?} in what the Finnish folders wrote");
    }
    let said: Vec<String> = seen
        .iter()
        .filter_map(|(what, text)| {
            let found = swedish_in(text, &swedish);
            (!found.is_empty()).then(|| format!("{what}: {found:?}"))
        })
        .collect();
    assert!(said.is_empty(), "Swedish words in Finnish output:\n{}", said.join("\n"));
}

#[test]
fn the_swedish_words_test_finds_a_swedish_word() {
    // The negative control: a Swedish certificate's words are found.
    let swedish = swedish_words();
    let f = Fixture::empty();
    f.run(&["init", "{dir}", "--kind", "course", "--lang", "sv"]).success();
    f.run(&["issue", "{dir}"]).success();
    let pdf = crate::common::pdfs_in(&f.out()).into_iter().next().unwrap();
    let found = swedish_in(&read_pdf(&pdf).text, &swedish);
    assert!(found.contains(&"kursintyg".to_owned()) || found.contains(&"deltagarintyg".to_owned()), "{found:?}");
}
