//! CSV that is safe to open in a spreadsheet: a cell that Excel or
//! LibreOffice would run as a formula is written as text, and read back as
//! it was. Every CSV intyg writes (the register, the delivery log, figures,
//! lists) goes through here.
//!
//! A CSV a person opens by double-click is written the way their
//! spreadsheet expects it ([`Dialect`]): Excel in a Swedish locale splits
//! columns at `;` (the comma is its decimal sign) and reads a file as UTF-8
//! only when it starts with a byte-order mark.

use crate::locale::Lang;

/// How a CSV for people is written: what Excel expects in the language's
/// locale. intyg reads both back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `,` between cells, `.` in numbers, no byte-order mark: English.
    Comma,
    /// `;` between cells, `,` in numbers, UTF-8 with a byte-order mark:
    /// Swedish (and most of continental Europe).
    Semicolon,
}

impl Dialect {
    /// The dialect a spreadsheet in the language's locale opens correctly.
    pub fn of(lang: Lang) -> Dialect {
        if lang.csv_delimiter() == b';' { Dialect::Semicolon } else { Dialect::Comma }
    }

    /// The dialect of a CSV intyg wrote, told from its header row, whose
    /// names hold neither `,` nor `;`.
    pub fn of_text(text: &str) -> Dialect {
        let header = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
        if header.contains(';') && !header.contains(',') { Dialect::Semicolon } else { Dialect::Comma }
    }

    /// The byte between cells.
    pub fn delimiter(self) -> u8 {
        match self {
            Dialect::Comma => b',',
            Dialect::Semicolon => b';',
        }
    }

    /// A decimal number as the dialect's spreadsheet reads it as a number:
    /// `0.5` or `0,5`. Text that is not a decimal number is left as it is.
    pub fn number(self, s: &str) -> String {
        if self == Dialect::Semicolon && s.contains('.') && s.parse::<f64>().is_ok() {
            s.replace('.', ",")
        } else {
            s.to_owned()
        }
    }

    /// A reader for text in this dialect, with any byte-order mark
    /// already taken off the text.
    pub fn reader(self) -> csv::ReaderBuilder {
        let mut b = csv::ReaderBuilder::new();
        b.delimiter(self.delimiter());
        b
    }
}

/// Makes a cell safe to open in a spreadsheet: a cell that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets
/// a leading `'`, and so does one that already starts with `'`, so that
/// [`cell_value`] can undo it exactly.
pub fn safe_cell(s: &str) -> String {
    // A plain number such as -56 is a number to a spreadsheet, not a formula.
    if s.parse::<f64>().is_ok() && !s.starts_with(['+', '\t', '\r']) && s.trim() == s {
        return s.to_owned();
    }
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{s}"),
        _ => s.to_owned(),
    }
}

/// CSV that is safe to open in a spreadsheet: a header row, then rows whose
/// every cell goes through [`safe_cell`].
pub fn safe_csv<const N: usize>(
    dialect: Dialect,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
    terminator: csv::Terminator,
) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_safe_csv(&mut out, dialect, header, rows, terminator);
    out
}

/// Writes CSV as [`safe_csv`] does, row by row into `out`.
pub fn write_safe_csv<const N: usize>(
    mut out: impl std::io::Write,
    dialect: Dialect,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
    terminator: csv::Terminator,
) -> std::io::Result<()> {
    if dialect == Dialect::Semicolon {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new().delimiter(dialect.delimiter()).terminator(terminator).from_writer(out);
    w.write_record(header)?;
    for row in rows {
        w.write_record(row.iter().map(|c| safe_cell(c)))?;
    }
    w.flush()
}

/// Undoes [`safe_cell`].
pub fn cell_value(s: &str) -> &str {
    s.strip_prefix('\'').unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_text_and_round_trip() {
        for s in ["=SUM(A1)", "+46", "-1", "@x", "\tx", "\rx", "'quoted", "Åsa"] {
            assert_eq!(cell_value(&safe_cell(s)), s);
        }
        assert_eq!(safe_cell("=1+1"), "'=1+1");
        assert_eq!(safe_cell("Åsa"), "Åsa");
        assert_eq!(safe_cell("-56"), "-56");
        assert_eq!(safe_cell("-1+2"), "'-1+2");
        assert_eq!(safe_cell("+46701234567"), "'+46701234567");
    }

    #[test]
    fn a_swedish_csv_has_semicolons_a_bom_and_decimal_commas_and_reads_back() {
        let rows = [["Åsa; Berg".to_owned(), Dialect::Semicolon.number("0.5")]];
        let bytes = safe_csv(Dialect::Semicolon, ["namn", "andel"], rows, csv::Terminator::CRLF);
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{feff}namn;andel\r\n\"Åsa; Berg\";0,5\r\n");
        assert_eq!(Dialect::of_text(&text), Dialect::Semicolon);
        let mut r = Dialect::of_text(&text).reader().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "Åsa; Berg");

        let english = safe_csv(
            Dialect::Comma,
            ["name", "share"],
            [["Ann, B".to_owned(), "0.5".to_owned()]],
            csv::Terminator::CRLF,
        );
        let english = String::from_utf8(english).unwrap();
        assert_eq!(english, "name,share\r\n\"Ann, B\",0.5\r\n");
        assert_eq!(Dialect::of_text(&english), Dialect::Comma);
        assert_eq!(Dialect::Semicolon.number("2026-01-01"), "2026-01-01");
        assert_eq!(Dialect::Semicolon.number("12"), "12");
    }
}
