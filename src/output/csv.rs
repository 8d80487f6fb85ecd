//! CSV that is safe to open in a spreadsheet: a cell that Excel or
//! LibreOffice would run as a formula is written as text, and read back as
//! it was. Every CSV intyg writes (the register, the delivery log, figures,
//! lists) goes through here.

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
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
    terminator: csv::Terminator,
) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_safe_csv(&mut out, header, rows, terminator);
    out
}

/// Writes CSV as [`safe_csv`] does, row by row into `out`.
pub fn write_safe_csv<const N: usize>(
    out: impl std::io::Write,
    header: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
    terminator: csv::Terminator,
) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(terminator).from_writer(out);
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
}
