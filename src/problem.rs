//! Problems found in user input, each with where it is and how to fix it.
//!
//! Every stage collects problems instead of stopping at the first one, so a
//! batch with several bad rows reports all of them in one run.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::locale::Lang;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The run writes nothing.
    Error,
    /// Reported, output is still written.
    Warning,
}

/// What the row number of a place counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RowWord {
    /// A row of a spreadsheet or CSV file.
    #[default]
    Row,
    /// A line of a text file.
    Line,
    /// An entry in a TOML or JSON list.
    Entry,
}

impl RowWord {
    /// The word for one, in the language of messages: "row" / "rad".
    pub fn one(self) -> &'static str {
        match (self, crate::locale::messages() == Lang::SV) {
            (RowWord::Row | RowWord::Line, true) => "rad",
            (RowWord::Entry, true) => "post",
            (RowWord::Row, false) => "row",
            (RowWord::Line, false) => "line",
            (RowWord::Entry, false) => "entry",
        }
    }

    /// The word for several: "rows" / "rader".
    pub fn many(self) -> &'static str {
        match (self, crate::locale::messages() == Lang::SV) {
            (RowWord::Row | RowWord::Line, true) => "rader",
            (RowWord::Entry, true) => "poster",
            (RowWord::Row, false) => "rows",
            (RowWord::Line, false) => "lines",
            (RowWord::Entry, false) => "entries",
        }
    }

    /// `one` or `many` as `n` asks.
    pub fn count(self, n: usize) -> &'static str {
        if n == 1 { self.one() } else { self.many() }
    }
}

impl fmt::Display for RowWord {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.one())
    }
}

/// Row numbers for a message: the first eight, then how many more
/// (`2, 5, 9, and 3 more`).
pub fn numbers(rows: &[usize]) -> String {
    const SHOWN: usize = 8;
    let mut list: Vec<String> = rows.iter().take(SHOWN).map(usize::to_string).collect();
    if rows.len() > SHOWN {
        let more = rows.len() - SHOWN;
        list.push(tr!("and {more} more", "och {more} till"));
    }
    list.join(", ")
}

/// Where in the user's files a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file, as the user named it.
    pub file: Option<PathBuf>,
    /// The sheet of a workbook (.xlsx, .ods).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The row as a spreadsheet numbers it (header = 1), or the entry number
    /// in a TOML/JSON list, or the line in a text file.
    pub row: Option<usize>,
    /// The column in that line of a text file.
    pub col: Option<usize>,
    /// The column name (header) in a table.
    pub column: Option<String>,
    /// What `row` counts.
    #[serde(skip)]
    pub row_word: RowWord,
}

impl Place {
    /// A whole file.
    pub fn file(path: &Path) -> Place {
        Place { file: Some(path.to_path_buf()), ..Place::default() }
    }

    /// A line and column in a text file (TOML, templates).
    pub fn line(path: &Path, line: usize, col: usize) -> Place {
        Place {
            file: Some(path.to_path_buf()),
            row: Some(line),
            col: Some(col),
            row_word: RowWord::Line,
            ..Place::default()
        }
    }

    /// A row of a table.
    pub fn row(path: &Path, row: usize, row_word: RowWord) -> Place {
        Place { file: Some(path.to_path_buf()), row: Some(row), row_word, ..Place::default() }
    }

    /// The same place, narrowed to a column.
    pub fn column(mut self, column: impl Into<String>) -> Place {
        self.column = Some(column.into());
        self
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        let row_word = self.row_word;
        if let Some(file) = &self.file {
            parts.push(file.display().to_string());
        }
        if let Some(sheet) = &self.sheet {
            parts.push(tr!("sheet \"{sheet}\"", "bladet \"{sheet}\""));
        }
        match (self.row, self.col) {
            (Some(row), Some(col)) => {
                parts.push(tr!("{row_word} {row}, column {col}", "{row_word} {row}, kolumn {col}"))
            }
            (Some(row), None) => parts.push(format!("{row_word} {row}")),
            _ => {}
        }
        if let Some(column) = &self.column {
            parts.push(tr!("column \"{column}\"", "kolumnen \"{column}\""));
        }
        f.write_str(&parts.join(", "))
    }
}

/// One problem with the user's input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is.
    pub place: Place,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where a hint helps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// The part of a template it is about (template errors), shown as
    /// typst shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Box<Span>>,
    /// What led to it, innermost first: the template's calls, then the
    /// record being laid out.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<String>,
}

/// A span of a template's source: file, line and column, the line itself
/// and how much of it is marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The file as messages name it: its path, or the built-in it is.
    pub file: String,
    /// The line, from 1; 0 when only the file is known.
    pub line: usize,
    /// The column, from 1.
    pub column: usize,
    /// The source line.
    pub text: String,
    /// How many characters from the column are marked.
    pub width: usize,
}

impl fmt::Display for Span {
    /// `--> file:line:column`, the line numbered, and `^^^` under the span.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.line == 0 {
            return write!(f, "  --> {}", self.file);
        }
        let (line, column) = (self.line, self.column);
        let width = line.to_string().len();
        writeln!(f, "  --> {}:{line}:{column}", self.file)?;
        writeln!(f, "{:width$} |", "")?;
        writeln!(f, "{line} | {}", self.text.trim_end())?;
        write!(f, "{:width$} | {}{}", "", " ".repeat(column - 1), "^".repeat(self.width.max(1)))
    }
}

impl Problem {
    /// An error at a place.
    pub fn error(place: Place, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, place, message: message.into(), hint: None, span: None, trace: Vec::new() }
    }

    /// A warning at a place.
    pub fn warning(place: Place, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            place,
            message: message.into(),
            hint: None,
            span: None,
            trace: Vec::new(),
        }
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this stops the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Problem {
    /// Adds what led to it, after what is there.
    pub fn trace(mut self, step: impl Into<String>) -> Problem {
        self.trace.push(step.into());
        self
    }

    /// Writes it as people read it, the labels coloured when `paint`.
    fn write(&self, f: &mut fmt::Formatter, paint: bool) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => Label::Error,
            Severity::Warning => Label::Warning,
        };
        label.write(f, paint)?;
        let place = self.place.to_string();
        if place.is_empty() {
            write!(f, " {}", self.message)?;
        } else {
            write!(f, " {place}: {}", self.message)?;
        }
        if let Some(span) = &self.span {
            write!(f, "\n{span}")?;
        }
        for step in &self.trace {
            write!(f, "\n  = {step}")?;
        }
        if let Some(hint) = &self.hint {
            f.write_str("\n  ")?;
            Label::Hint.write(f, paint)?;
            write!(f, " {hint}")?;
        }
        Ok(())
    }

    /// As [`fmt::Display`] writes it, with its labels coloured for a
    /// terminal (anstream drops the colours where there is none).
    pub fn painted(&self) -> impl fmt::Display + '_ {
        Painted(self)
    }
}

struct Painted<'a>(&'a Problem);

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.write(f, true)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.write(f, false)
    }
}

/// The label at the start of a message line, in the language of messages
/// (Swedish as git words them: `fel:`, `varning:`, `tips:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// `error:` / `fel:`.
    Error,
    /// `warning:` / `varning:`.
    Warning,
    /// `hint:` / `tips:`.
    Hint,
    /// `note:` / `obs:`.
    Note,
}

impl Label {
    const ALL: [Label; 4] = [Label::Error, Label::Warning, Label::Hint, Label::Note];

    /// The label with its colon, in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang == Lang::SV) {
            (Label::Error, false) => "error:",
            (Label::Warning, false) => "warning:",
            (Label::Hint, false) => "hint:",
            (Label::Note, false) => "note:",
            (Label::Error, true) => "fel:",
            (Label::Warning, true) => "varning:",
            (Label::Hint, true) => "tips:",
            (Label::Note, true) => "obs:",
        }
    }

    /// Writes the label, coloured when `paint`.
    fn write(self, f: &mut fmt::Formatter, paint: bool) -> fmt::Result {
        let text = self.text(crate::locale::messages());
        if paint {
            let style = self.style();
            write!(f, "{style}{text}{style:#}")
        } else {
            f.write_str(text)
        }
    }

    fn style(self) -> anstyle::Style {
        use anstyle::{AnsiColor, Style};
        let colour = match self {
            Label::Error => AnsiColor::Red,
            Label::Warning => AnsiColor::Yellow,
            Label::Hint | Label::Note => AnsiColor::Cyan,
        };
        Style::new().bold().fg_color(Some(colour.into()))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.text(crate::locale::messages()))
    }
}

/// What went wrong and what to do about it, where no file has a place to
/// point at: a wrong argument, a server that refuses. It becomes a
/// [`Problem`] where a place is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hinted {
    /// What is wrong.
    pub message: String,
    /// How to fix it; empty when nothing helps.
    pub hint: String,
}

impl Hinted {
    /// A message and its hint.
    pub fn new(message: impl Into<String>, hint: impl Into<String>) -> Hinted {
        Hinted { message: message.into(), hint: hint.into() }
    }

    /// `error:` and `hint:` lines for `message` and `hint`.
    pub fn to_text(message: &str, hint: &str) -> String {
        Hinted::new(message, hint).to_string()
    }

    /// As an error at `place`.
    pub fn at(self, place: Place) -> Problem {
        let problem = Problem::error(place, self.message);
        if self.hint.is_empty() { problem } else { problem.hint(self.hint) }
    }
}

impl fmt::Display for Hinted {
    /// `error:` and `hint:` lines, labelled in the language of messages.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.clone().at(Place::default()).fmt(f)
    }
}

/// Colours the labels at the start of lines (`error:`, `warning:`,
/// `hint:`, `note:`, in either language) for a terminal.
pub fn paint(text: &str) -> String {
    let labels: Vec<(&str, anstyle::Style)> =
        Label::ALL.iter().flat_map(|l| [(l.text(Lang::EN), l.style()), (l.text(Lang::SV), l.style())]).collect();
    let mut out = String::with_capacity(text.len() + 32);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        let indent = &line[..line.len() - body.len()];
        match labels.iter().find(|(label, _)| body.starts_with(label)) {
            Some((label, style)) => {
                out.push_str(&format!("{indent}{style}{label}{style:#}{}", &body[label.len()..]));
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Prints a message on stderr, its labels coloured on a terminal unless
/// `NO_COLOR` is set (anstream strips the colours otherwise).
pub fn eprint_painted(text: &str) {
    anstream::eprintln!("{}", paint(text));
}

/// A list of problems that a stage collected.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Adds one.
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    /// Whether any of them is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// How many errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|p| p.is_error()).count()
    }

    /// Adds all of another list.
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }
}

/// Converts a byte offset into a 1-based line and column (in characters).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paint_colours_only_the_labels() {
        let painted = paint("error: x.csv: bad\n  hint: fix it\nplain error: here");
        assert!(painted.starts_with("\u{1b}[1m\u{1b}[31merror:\u{1b}[0m x.csv: bad"), "{painted:?}");
        assert!(painted.contains("\n  \u{1b}[1m\u{1b}[36mhint:\u{1b}[0m fix it"), "{painted:?}");
        assert!(painted.ends_with("\nplain error: here"));
    }

    #[test]
    fn swedish_labels_are_coloured_too() {
        let painted = paint("fel: x.csv: trasig\n  tips: rätta den\nobs: se upp");
        assert!(painted.starts_with("\u{1b}[1m\u{1b}[31mfel:\u{1b}[0m x.csv"), "{painted:?}");
        assert!(painted.contains("\n  \u{1b}[1m\u{1b}[36mtips:\u{1b}[0m rätta"), "{painted:?}");
        assert!(painted.ends_with("\u{1b}[1m\u{1b}[36mobs:\u{1b}[0m se upp"), "{painted:?}");
        assert_eq!(Label::Warning.text(Lang::SV), "varning:");
        assert_eq!(Label::Warning.text(Lang::EN), "warning:");
    }

    #[test]
    fn places_read_like_a_spreadsheet() {
        let p = Place::row(Path::new("deltagare.csv"), 7, RowWord::Row).column("Dag 2");
        assert_eq!(p.to_string(), "deltagare.csv, row 7, column \"Dag 2\"");
        let p = Place::line(Path::new("intyg.toml"), 3, 1);
        assert_eq!(p.to_string(), "intyg.toml, line 3, column 1");
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nåäö x", 9), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
    }
}
