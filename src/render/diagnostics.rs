//! Template errors shown as typst shows them: file, line and column, the
//! source line, and a marker under the span.

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::FileId;

use super::world::{BUILTIN_DIR, RecordWorld};
use crate::problem::{Hinted, Place, Problem, Problems, Span};

/// How a file is named in messages: its path on disk, or the built-in
/// template it is.
pub fn file_label(world: &RecordWorld, id: FileId) -> String {
    if let typst::syntax::VirtualRoot::Package(spec) = id.root() {
        return format!("@{spec}{} (built-in)", id.vpath().get_with_slash());
    }
    match world.batch().real_path(id) {
        Some(p) => p.display().to_string(),
        None => {
            let v = id.vpath().get_with_slash();
            match v.strip_prefix(BUILTIN_DIR) {
                Some(name) if name.ends_with(".json") => "the record data".to_owned(),
                Some(name) if name.starts_with("main") => "intyg's main file".to_owned(),
                Some(name) => format!("templates/{name} (built-in)"),
                None => v.to_owned(),
            }
        }
    }
}

/// typst's diagnostics as problems, one each, kept as data until they are
/// printed: the message (in the user's words where intyg knows better
/// ones), the span in the template, the calls that led there, and a hint.
pub fn problems(world: &RecordWorld, diagnostics: &[SourceDiagnostic]) -> Problems {
    Problems(diagnostics.iter().map(|d| problem(world, d)).collect())
}

fn problem(world: &RecordWorld, d: &SourceDiagnostic) -> Problem {
    let (message, hint) = match explain(&d.message) {
        Some(h) => (h.message, Some(h.hint)),
        None => {
            let hints: Vec<&str> = d.hints.iter().map(|h| h.v.as_str()).collect();
            (d.message.to_string(), (!hints.is_empty()).then(|| hints.join("; ")))
        }
    };
    let mut p = match d.severity {
        Severity::Error => Problem::error(Place::default(), message),
        Severity::Warning => Problem::warning(Place::default(), message),
    };
    p.hint = hint;
    p.span = d.span.id().map(|id| Box::new(span(world, id, world.range(d.span))));
    for point in &d.trace {
        let Some(id) = point.span.id() else { continue };
        // intyg's own main file calls every template: naming it helps nobody.
        if id.vpath().get_with_slash().starts_with(&format!("{BUILTIN_DIR}main")) {
            continue;
        }
        let mut step = point.v.to_string();
        if let (Some(range), Ok(src)) = (world.range(point.span), world.source(id))
            && let Some((line, col)) = src.lines().byte_to_line_column(range.start)
        {
            step.push_str(&format!(" at {}:{}:{}", file_label(world, id), line + 1, col + 1));
        }
        p.trace.push(step);
    }
    p
}

/// Typst's words for what the people who write intyg's templates can fix,
/// in their language and with a hint that fits: a message and a hint.
fn explain(message: &str) -> Option<Hinted> {
    if let Some(rest) = message.strip_prefix("dictionary does not contain key ") {
        // `"Kurskod"` or `"Kurskod" and no default value was specified`.
        let key = rest.split(" and no default").next().unwrap_or(rest).trim_matches('"');
        let mut hint = tr!(
            "correct the name in the template (intyg templates lists the fields), or, for a column of the records file, add a column headed \"{key}\"; .at(\"{key}\", default: \"\") lets a template go without it",
            "rätta namnet i mallen (intyg templates visar fälten), eller, för en kolumn i deltagarfilen, lägg till en kolumn med rubriken \"{key}\"; .at(\"{key}\", default: \"\") låter en mall klara sig utan den"
        );
        if let Some(near) = crate::suggest::closest(key, crate::contract::names()) {
            hint = tr!("did you mean {near}? {hint}", "menade du {near}? {hint}");
        }
        return Some(Hinted::new(
            tr!(
                "the template reads \"{key}\", which the data does not have",
                "mallen läser \"{key}\", som inte finns i data"
            ),
            hint,
        ));
    }
    if message.contains("could not be displayed with") {
        let text = message.split('`').nth(1).unwrap_or("");
        return Some(Hinted::new(
            tr!(
                "a character of the text {text} is in none of intyg's fonts",
                "ett tecken i texten {text} finns inte i något av de typsnitt som intyg har med sig"
            ),
            tr!(
                "replace the character with a similar letter in the records file or intyg.toml, or remove it; intyg never prints a box in its place",
                "ersätt tecknet med en liknande bokstav i deltagarfilen eller intyg.toml, eller ta bort det; intyg skriver aldrig en ruta i dess ställe"
            ),
        ));
    }
    if message.contains("missing a CMYK profile") {
        return Some(Hinted::new(
            tr!(
                "the template uses a CMYK colour, which an archivable PDF (PDF/A) cannot hold without a colour profile",
                "mallen använder en CMYK-färg, som en arkivbeständig PDF (PDF/A) inte kan hålla utan en färgprofil"
            ),
            tr!(
                "write the colour as rgb(\"#…\") in the template: the graphic profile gives each colour in RGB (or hex) beside CMYK",
                "skriv färgen som rgb(\"#…\") i mallen: den grafiska profilen anger varje färg i RGB (eller hex) bredvid CMYK"
            ),
        ));
    }
    None
}

/// The span `range` of file `id`: its line and column, the line, and how
/// much of it is marked; only the file when the range is not known.
fn span(world: &RecordWorld, id: FileId, range: Option<std::ops::Range<usize>>) -> Span {
    let file = file_label(world, id);
    let only_file = |file| Span { file, line: 0, column: 0, text: String::new(), width: 0 };
    let (Some(range), Ok(source)) = (range, world.source(id)) else { return only_file(file) };
    let lines = source.lines();
    let Some((line, col)) = lines.byte_to_line_column(range.start) else { return only_file(file) };
    let text = source.text();
    let start = lines.line_to_byte(line).unwrap_or(0);
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let width = text[range.start..range.end.min(end).max(range.start)].chars().count().max(1);
    Span { file, line: line + 1, column: col + 1, text: text[start..end].to_owned(), width }
}
