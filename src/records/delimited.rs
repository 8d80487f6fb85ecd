//! CSV and tab-separated text as spreadsheets export it: line endings CR,
//! LF or CR LF; the delimiter (`;`, `,` or tab) decided from the header row
//! and the rows together; rows numbered as the spreadsheet shows them,
//! blank lines counted and line breaks inside quoted cells not; and a row
//! whose cells do not line up with the header is an error, never a
//! participant with their surname in the e-mail column.

use std::path::Path;

use super::{ReadOptions, Row, Table, column_letter, header_index, overlong_line, with_header};
use crate::problem::{Place, Problem, Problems, RowWord};

/// The delimiters spreadsheet programs write, in the order a tie goes:
/// `;` first, as Swedish Excel writes it.
const DELIMITERS: [u8; 3] = [b';', b',', b'\t'];

/// How many rows decide the delimiter.
const SAMPLE_ROWS: usize = 200;

/// At most this many misaligned rows are named one by one.
const NAMED_ROWS: usize = 10;

/// The name of a delimiter in messages.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b';' => tr!("semicolons (;)", "semikolon (;)"),
        b',' => tr!("commas (,)", "komman (,)"),
        b'\t' => tr!("tabs", "tabbar"),
        other => format!("\"{}\"", other as char),
    }
}

/// Splits `text` into rows of trimmed cells at `delimiter`, each numbered as
/// a spreadsheet numbers it. At most `limit` rows.
fn split(text: &str, delimiter: u8, limit: usize) -> Result<Vec<Row>, (usize, String)> {
    let reader =
        csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(false).from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut number = 0;
    let mut at = 0;
    for record in reader.into_records().take(limit) {
        // The csv reader skips blank lines without counting them: a record
        // starts after the blank lines at its position, and each was a row.
        let start = record.as_ref().ok().and_then(|r| r.position()).map_or(at, |p| p.byte() as usize);
        number += 1 + bytes[start.min(bytes.len())..].iter().take_while(|b| **b == b'\n').count();
        at = start;
        match record {
            Ok(r) => rows.push(Row { number, cells: r.iter().map(|c| c.trim().to_owned()).collect() }),
            Err(e) => return Err((number, e.to_string())),
        }
    }
    Ok(rows)
}

/// How well a delimiter splits the first rows, compared field by field in
/// this order: a header of several columns, then most rows lined up with
/// it, then fewest that are not.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Fit {
    wide: bool,
    fits: usize,
    misfits: std::cmp::Reverse<usize>,
}

/// How well `delimiter` splits the first rows of `text`.
fn fit(text: &str, delimiter: u8, options: &ReadOptions) -> Fit {
    let worst = Fit { wide: false, fits: 0, misfits: std::cmp::Reverse(usize::MAX) };
    let Ok(rows) = split(text, delimiter, SAMPLE_ROWS) else { return worst };
    let Some(h) = header_index(&rows, options) else { return Fit { misfits: std::cmp::Reverse(0), ..worst } };
    let width = filled_width(&rows[h].cells);
    let body: Vec<&Row> = rows[h + 1..].iter().filter(|r| !r.is_blank()).collect();
    let fits = body.iter().filter(|r| lines_up(r, width)).count();
    Fit { wide: width > 1, fits, misfits: std::cmp::Reverse(body.len() - fits) }
}

/// The cells up to the last one that is not empty.
fn filled_width(cells: &[String]) -> usize {
    cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1)
}

/// Whether a row has a cell for every column of a header `width` wide, and
/// nothing past it. Spreadsheets write every row as wide as the sheet, so
/// a shorter row has lost cells or was written with another delimiter.
fn lines_up(row: &Row, width: usize) -> bool {
    row.cells.len() >= width && filled_width(&row.cells) <= width
}

/// Which delimiter splits the header into the most cells: the one it was
/// written with.
fn own_delimiter(line: &str) -> u8 {
    let count = |d: &u8| split(line, *d, 1).ok().and_then(|r| r.first().map(|r| r.cells.len())).unwrap_or(0);
    // Reversed, so that of equals the first (`;`) wins.
    DELIMITERS.iter().rev().max_by_key(|d| count(d)).copied().unwrap_or(b';')
}

/// Reads CSV text (already decoded) into a table.
pub fn read(path: &Path, text: &str, options: &ReadOptions) -> Result<Table, Problems> {
    if let Some(p) = overlong_line(path, text) {
        return Err(Problems(vec![p]));
    }
    // One line ending, so a row's number counts line breaks of one kind
    // (and a line break inside a cell is a plain \n).
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_owned() };
    let fits: Vec<(u8, Fit)> = DELIMITERS.iter().map(|&d| (d, fit(&text, d, options))).collect();
    // The best fit wins; of equals the first (`;`), as sniffing the header
    // alone did (reversed: max_by_key keeps the last of equals).
    let (delimiter, best) = fits.iter().rev().max_by_key(|(_, f)| *f).copied().unwrap_or(fits[0]);
    let mut problems = Problems::default();
    let raw = match split(&text, delimiter, usize::MAX) {
        Ok(rows) => rows,
        Err((number, e)) => {
            problems.push(Problem::error(
                Place::row(path, number, RowWord::Row),
                tr!("cannot be read: {e}", "kan inte läsas: {e}"),
            ));
            return Err(problems);
        }
    };
    // The header with one delimiter and the rows with another: no choice
    // lines the rows up. Say so once, not once per row.
    if best.fits == 0 && fits.iter().any(|(_, f)| f.misfits.0 > 0) {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header_delimiter = lines.next().map_or(delimiter, own_delimiter);
        let mut counts = [0usize; DELIMITERS.len()];
        for line in lines.take(SAMPLE_ROWS) {
            let d = own_delimiter(line);
            if let Some(i) = DELIMITERS.iter().position(|x| *x == d) {
                counts[i] += 1;
            }
        }
        let rows_delimiter =
            DELIMITERS[(0..DELIMITERS.len()).max_by_key(|&i| (counts[i], usize::MAX - i)).unwrap_or(0)];
        if header_delimiter != rows_delimiter {
            let (header_d, rows_d) = (delimiter_name(header_delimiter), delimiter_name(rows_delimiter));
            problems.push(
                Problem::error(
                    Place::file(path),
                    tr!(
                        "the header row is separated by {header_d}, but the rows by {rows_d}",
                        "rubrikraden är avgränsad med {header_d}, men raderna med {rows_d}"
                    ),
                )
                .hint(tr!(
                    "write the header row with the same delimiter as the rows, or save the sheet again as CSV from Excel or LibreOffice",
                    "skriv rubrikraden med samma avgränsare som raderna, eller spara bladet som CSV igen från Excel eller LibreOffice"
                )),
            );
            return Err(problems);
        }
    }
    let table = Table { delimiter: Some(delimiter), ..Table::sheet(path, None) };
    let table = match with_header(table, raw, options, &mut problems) {
        Some(t) => t,
        None if problems.has_errors() => return Err(problems),
        None => {
            return Err(Problems(vec![Problem::error(
                Place::file(path),
                tr!("the records file is empty", "listan är tom"),
            )]));
        }
    };
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(table)
}

/// Errors for rows whose cells do not line up with the header: in a CSV
/// file, fewer cells than columns (each says so when another delimiter
/// would line it up); in any table, more cells than columns, where a
/// header row further down is likely the real one.
pub(super) fn misaligned(table: &Table, problems: &mut Problems) {
    let width = table.headers.len();
    let delimiter = table.delimiter.unwrap_or(b';');
    let short: Vec<&Row> = match table.delimiter {
        Some(_) => table.rows.iter().filter(|r| r.cells.len() < width).collect(),
        None => Vec::new(),
    };
    let long: Vec<&Row> = table.rows.iter().filter(|r| filled_width(&r.cells) > width).collect();
    for row in short.iter().take(NAMED_ROWS) {
        let n = row.cells.len();
        let line = row.cells.join(&(delimiter as char).to_string());
        let other = DELIMITERS.into_iter().filter(|&d| d != delimiter).find(|&d| {
            split(&line, d, 1).ok().and_then(|r| r.into_iter().next()).is_some_and(|r| r.cells.len() == width)
        });
        let message = if n == 1 {
            tr!("1 cell, but the header row has {width} columns", "1 cell, men rubrikraden har {width} kolumner")
        } else {
            tr!("{n} cells, but the header row has {width} columns", "{n} celler, men rubrikraden har {width} kolumner")
        };
        let mut problem = Problem::error(table.place(row.number, None), message);
        problem = match other {
            Some(d) => {
                let (this, that) = (delimiter_name(d), delimiter_name(delimiter));
                problem.hint(tr!(
                    "the row is separated by {this} and the file by {that}: write the row with {that}",
                    "raden är avgränsad med {this} och filen med {that}: skriv raden med {that}"
                ))
            }
            None => problem.hint(tr!(
                "a cell is missing, so the cells after it would land in the wrong columns: add the missing cell (empty if need be)",
                "en cell saknas, så cellerna efter den skulle hamna i fel kolumner: lägg till den cell som saknas (tom om det behövs)"
            )),
        };
        problems.push(problem);
    }
    // Past the rows named one by one, a count: a file written wholly with
    // another delimiter is one screen of errors, not thousands.
    let more = |count: usize, fewer: bool| {
        let (more, rows) = (count - NAMED_ROWS, table.row_word.count(count - NAMED_ROWS));
        let message = if fewer {
            tr!(
                "{more} more {rows} have fewer cells than the header row has columns",
                "{more} {rows} till har färre celler än rubrikraden har kolumner"
            )
        } else {
            tr!(
                "{more} more {rows} have more cells than the header row has columns",
                "{more} {rows} till har fler celler än rubrikraden har kolumner"
            )
        };
        Problem::error(Place::file(&table.path), message)
    };
    if short.len() > NAMED_ROWS {
        problems.push(more(short.len(), true));
    }
    if long.is_empty() {
        return;
    }
    // The width most of the long rows share, and the first row that wide:
    // the likely header, below title rows that looked like one.
    let widest = long.iter().map(|r| filled_width(&r.cells)).max().unwrap_or(width);
    let likely = long.iter().find(|r| filled_width(&r.cells) == widest).map(|r| r.number);
    for row in long.iter().take(NAMED_ROWS) {
        let n = filled_width(&row.cells);
        let header_row = table.header_row;
        let hint = match likely {
            Some(h) if table.title_rows > 0 && h > header_row => tr!(
                "row {header_row} was taken as the header row; if the headers are on row {h}, give header row {h} under Settings (header_row = {h} in intyg.toml, --header-row {h} on the command line)",
                "rad {header_row} togs som rubrikrad; om rubrikerna står på rad {h}, ange rubrikrad {h} under Inställningar (header_row = {h} i intyg.toml, --header-row {h} på kommandoraden)"
            ),
            _ => tr!(
                "give the extra column a header, or remove the stray value",
                "ge den extra kolumnen en rubrik, eller ta bort det lösa värdet"
            ),
        };
        let letter = column_letter(width);
        problems.push(
            Problem::error(
                table.place(row.number, None),
                tr!(
                    "{n} cells, but the header row has {width} columns (a value in column {letter} or further right)",
                    "{n} celler, men rubrikraden har {width} kolumner (ett värde i kolumn {letter} eller längre till höger)"
                ),
            )
            .hint(hint),
        );
    }
    if long.len() > NAMED_ROWS {
        problems.push(more(long.len(), false));
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<Table, Vec<String>> {
        read(Path::new("d.csv"), text, &ReadOptions::default())
            .map_err(|p| p.0.iter().map(|p| format!("{p} | {}", p.hint.clone().unwrap_or_default())).collect())
    }

    #[test]
    fn rows_are_numbered_as_the_sheet_shows_them() {
        let t = table("Namn;Dag 1\r\n\r\nÅsa;x\r\n\"Per\nEk\";\r\n\r\n\r\nEva;x\r\n").unwrap();
        let numbers: Vec<usize> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 4, 7]);
        assert_eq!(t.rows[1].cells[0], "Per\nEk");
        let mac = table("Namn;Dag 1\rÅsa;x\r\rEva;x\r").unwrap();
        assert_eq!(mac.rows.iter().map(|r| r.number).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn the_delimiter_is_the_one_that_lines_the_rows_up() {
        assert_eq!(table("Namn;E-post\nÅsa;a@x.se\n").unwrap().delimiter, Some(b';'));
        assert_eq!(table("Namn,E-post\nÅsa,a@x.se\n").unwrap().delimiter, Some(b','));
        assert_eq!(table("Namn\tE-post\nÅsa\ta@x.se\n").unwrap().delimiter, Some(b'\t'));
        // A comma inside a name does not make a comma file.
        let t = table("Namn;Organisation\nEk, Åsa;Umeå, kommun\nPer;Umeå\n").unwrap();
        assert_eq!((t.delimiter, t.rows[0].cells[0].as_str()), (Some(b';'), "Ek, Åsa"));
        // A single column of names with commas in them.
        assert_eq!(table("Namn\nEk, Åsa\nEk, Per\n").unwrap().rows[0].cells[0], "Ek, Åsa");
    }

    #[test]
    fn a_header_with_commas_over_rows_with_semicolons_is_one_error() {
        let e = table("Förnamn,Efternamn,E-post\nÅsa;Ek;a@x.se\nPer;Ek;p@x.se\n").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("separated by commas (,), but the rows by semicolons (;)"), "{}", e[0]);
    }

    #[test]
    fn a_row_written_with_another_delimiter_is_named() {
        let e = table("Förnamn;Efternamn;E-post\nÅsa;Ek;a@x.se\nPer,Ek,p@x.se\nEva;Ek;e@x.se\n").unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("row 3: 1 cell, but the header row has 3 columns"), "{}", e[0]);
        assert!(e[0].contains("separated by commas (,) and the file by semicolons (;)"), "{}", e[0]);
    }

    #[test]
    fn a_row_with_a_cell_missing_is_an_error() {
        let e = table("Förnamn;Efternamn;E-post;Dag 1\nÅsa;Ek;a@x.se;x\nPer;p@x.se;x\n").unwrap_err();
        assert!(e[0].contains("row 3: 3 cells, but the header row has 4 columns"), "{e:#?}");
        // Trailing empty cells are no cells missing.
        assert!(table("Namn;Dag 1;Dag 2\nÅsa;x;\nPer;;\n").is_ok());
    }
}
