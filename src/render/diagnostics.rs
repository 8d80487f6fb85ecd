//! Template errors shown as typst shows them: file, line and column, the
//! source line, and a marker under the span.

use std::fmt::Write;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::syntax::FileId;

use super::world::{BUILTIN_DIR, RecordWorld};

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

/// Formats diagnostics, each with its place and the source line marked.
pub fn format(world: &RecordWorld, diagnostics: &[SourceDiagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let label = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let explained = explain(&d.message);
        let message = explained.as_ref().map_or(d.message.as_str(), |(m, _)| m.as_str());
        let _ = writeln!(out, "{label}: {message}");
        if let Some(id) = d.span.id() {
            location(&mut out, world, id, world.range(d.span));
        }
        for point in &d.trace {
            let Some(id) = point.span.id() else { continue };
            // intyg's own main file calls every template: naming it helps nobody.
            if id.vpath().get_with_slash().starts_with(&format!("{BUILTIN_DIR}main")) {
                continue;
            }
            let _ = write!(out, "  = {}", point.v);
            if let (Some(range), Ok(src)) = (world.range(point.span), world.source(id))
                && let Some((line, col)) = src.lines().byte_to_line_column(range.start)
            {
                let _ = write!(out, " at {}:{}:{}", file_label(world, id), line + 1, col + 1);
            }
            out.push('\n');
        }
        let word = tr!("hint", "tips");
        match &explained {
            Some((_, hint)) => {
                let _ = writeln!(out, "  {word}: {hint}");
            }
            None => {
                for hint in &d.hints {
                    let _ = writeln!(out, "  {word}: {}", hint.v);
                }
            }
        }
    }
    out
}

/// Typst's words for what the people who write intyg's templates can fix,
/// in their language and with a hint that fits: a message and a hint.
fn explain(message: &str) -> Option<(String, String)> {
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
        return Some((
            tr!(
                "the template reads \"{key}\", which the data does not have",
                "mallen läser \"{key}\", som inte finns i data"
            ),
            hint,
        ));
    }
    if message.contains("could not be displayed with") {
        let text = message.split('`').nth(1).unwrap_or("");
        return Some((
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
        return Some((
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

fn location(out: &mut String, world: &RecordWorld, id: FileId, range: Option<std::ops::Range<usize>>) {
    let name = file_label(world, id);
    let Some(range) = range else {
        let _ = writeln!(out, "  --> {name}");
        return;
    };
    let Ok(source) = world.source(id) else {
        let _ = writeln!(out, "  --> {name}");
        return;
    };
    let lines = source.lines();
    let Some((line, col)) = lines.byte_to_line_column(range.start) else {
        let _ = writeln!(out, "  --> {name}");
        return;
    };
    let _ = writeln!(out, "  --> {name}:{}:{}", line + 1, col + 1);
    let text = source.text();
    let start = lines.line_to_byte(line).unwrap_or(0);
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let src_line = &text[start..end];
    let width = (line + 1).to_string().len();
    let marked = text[range.start..range.end.min(end).max(range.start)].chars().count().max(1);
    let _ = writeln!(out, "{:width$} |", "");
    let _ = writeln!(out, "{} | {}", line + 1, src_line.trim_end());
    let _ = writeln!(out, "{:width$} | {}{}", "", " ".repeat(col), "^".repeat(marked));
}
