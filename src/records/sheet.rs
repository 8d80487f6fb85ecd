//! Workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods) read with calamine: one sheet
//! into rows of text cells, numbered as the spreadsheet shows them.

use std::path::Path;

use calamine::{Data, Error, Ods, Reader, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};

use super::{MAX_FILE_BYTES, ReadOptions, Row, Table, column_letter, with_header};
use crate::problem::{Place, Problem, Problems, RowWord};

/// The most a workbook may hold unpacked: as much as a records file may
/// hold on disk. A sheet of a hundred thousand participants is about a
/// tenth of it.
pub const MAX_UNPACKED_BYTES: u64 = MAX_FILE_BYTES;

/// Reads the sheet `options` names (or the first) of the workbook at `path`,
/// whose content is `bytes`.
pub fn read(path: &Path, bytes: &[u8], options: &ReadOptions) -> Result<Table, Problems> {
    let fail = |message: String, hint: String| Problems(vec![Problem::error(Place::file(path), message).hint(hint)]);
    if unpacked_size(bytes).is_some_and(|n| n > MAX_UNPACKED_BYTES) {
        let mb = MAX_UNPACKED_BYTES >> 20;
        return Err(fail(
            tr!(
                "the workbook unpacks to more than {mb} MB: it is damaged, or made to fill the computer's memory",
                "arbetsboken packas upp till mer än {mb} MB: den är skadad, eller gjord för att fylla datorns minne"
            ),
            tr!(
                "open it in Excel or LibreOffice and save the sheet as CSV UTF-8; split a larger batch into several files",
                "öppna den i Excel eller LibreOffice och spara bladet som CSV UTF-8; dela en större omgång på flera filer"
            ),
        ));
    }
    let mut book = open(path, bytes).map_err(|e| {
        fail(
            tr!("the workbook cannot be read: {e}", "arbetsboken kan inte läsas: {e}"),
            tr!(
                "open it in Excel or LibreOffice and save it again as .xlsx or .ods, or save the sheet as CSV UTF-8",
                "öppna den i Excel eller LibreOffice och spara den igen som .xlsx eller .ods, eller spara bladet som CSV UTF-8"
            ),
        )
    })?;
    let names = book.sheet_names();
    let name = match options.sheet {
        Some(wanted) => match names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())) {
            Some(n) => n.clone(),
            None => {
                let all = names.join(", ");
                let hint = match crate::suggest::closest(wanted, names.iter().map(String::as_str)) {
                    Some(near) => tr!(
                        "did you mean --sheet \"{near}\"? The sheets are: {all}",
                        "menade du --sheet \"{near}\"? Bladen heter: {all}"
                    ),
                    None => tr!("the sheets are: {all}", "bladen heter: {all}"),
                };
                return Err(fail(
                    tr!("the workbook has no sheet \"{wanted}\"", "arbetsboken har inget blad \"{wanted}\""),
                    hint,
                ));
            }
        },
        None => names.first().cloned().ok_or_else(|| {
            fail(
                tr!("the workbook has no sheets", "arbetsboken har inga blad"),
                tr!("save the sheet again from Excel or LibreOffice", "spara bladet igen från Excel eller LibreOffice"),
            )
        })?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        fail(
            tr!("sheet \"{name}\" cannot be read: {e}", "bladet \"{name}\" kan inte läsas: {e}"),
            tr!(
                "save the workbook again, or save the sheet as CSV",
                "spara arbetsboken igen, eller spara bladet som CSV"
            ),
        )
    })?;
    let table = Table::sheet(path, Some(name.clone()));
    let shown = super::shown::of(bytes, &name);
    // An .xlsx's number formats: a cell formatted as a percentage holds
    // 0.95 and shows 95 %, and is read as it shows.
    let styles = book.worksheet_style(&name).ok();
    let percent = |r: usize, c: usize| {
        shown.percent(r + 1, c)
            || styles
                .as_ref()
                .and_then(|s| s.get((r as u32, c as u32)))
                .is_some_and(|style| style.number_format.as_ref().is_some_and(|f| percent_format(&f.format_code)))
    };
    let mut problems = Problems::default();
    // The range starts at the first used cell; rows and columns count from
    // the sheet's corner, as the spreadsheet shows them.
    let (top, left) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut raw = Vec::with_capacity(range.height());
    for (i, cells) in range.rows().enumerate() {
        let number = top + i + 1;
        let mut row = Row { number, cells: vec![String::new(); left] };
        for (j, cell) in cells.iter().enumerate() {
            let shows_percent = matches!(cell, Data::Float(_) | Data::Int(_)) && percent(number - 1, left + j);
            row.cells.push(match text(cell, shows_percent) {
                Ok(t) => t,
                Err(shown) => {
                    problems.push(
                        Problem::error(
                            Place { sheet: table.sheet.clone(), ..Place::row(path, number, RowWord::Row) }
                                .column(column_letter(left + j)),
                            tr!("the cell shows an error ({shown})", "cellen visar ett fel ({shown})"),
                        )
                        .hint(tr!(
                            "fix the formula in the sheet, or type the value in",
                            "rätta formeln i bladet, eller skriv in värdet"
                        )),
                    );
                    String::new()
                }
            });
        }
        raw.push(row);
    }
    let mut table = with_header(table, raw, options, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    if let Some(t) = &mut table
        && !shown.is_empty()
    {
        t.hidden_rows = t.rows.iter().map(|r| r.number).filter(|&n| shown.row(n)).collect();
        // A hidden column that holds nothing is no one's concern.
        t.hidden_columns = (0..t.headers.len())
            .filter(|&c| shown.column(c))
            .filter(|&c| !t.headers[c].is_empty() || t.rows.iter().any(|r| !r.cells[c].is_empty()))
            .collect();
    }
    table.ok_or_else(|| Problems(vec![Problem::error(Place::file(path), tr!("the sheet is empty", "bladet är tomt"))]))
}

/// The workbook in `bytes`, already read from `path`, as calamine's
/// `open_workbook_auto` would open the file again: by its extension, else
/// by trying each format.
fn open<'a>(path: &Path, bytes: &'a [u8]) -> Result<Sheets<std::io::Cursor<&'a [u8]>>, Error> {
    let data = std::io::Cursor::new(bytes);
    Ok(match path.extension().and_then(|e| e.to_str()) {
        Some("xls" | "xla") => Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(data).map_err(Error::Xls)?),
        Some("xlsx" | "xlsm" | "xlam") => Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(data).map_err(Error::Xlsx)?),
        Some("xlsb") => Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(data).map_err(Error::Xlsb)?),
        Some("ods") => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(data).map_err(Error::Ods)?),
        _ => calamine::open_workbook_auto_from_rs(data)?,
    })
}

/// What the files in a zip-packed workbook (.xlsx, .xlsm, .xlsb, .ods) say
/// they hold unpacked, summed; `None` for what is not a zip (.xls). The
/// sizes are the zip's word, and the zip reader holds each file to it, so a
/// file that unpacks to more than it says stops there with an error.
fn unpacked_size(bytes: &[u8]) -> Option<u64> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let size = zip.by_index_raw(i).map_or(0, |f| f.size());
        total = total.saturating_add(size);
    }
    Some(total)
}

/// Whether a number format shows a percentage: a `%` outside quotes and
/// brackets (`0%`, `0.00%`, `0 %`; not `"%"` as text or `[Red]`).
fn percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    // Only the first section: the one for positive numbers.
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            ';' if !quoted && !bracket => return false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A number shown as a percentage, as the cell shows it: 0.95 → `95 %`,
/// 0.955 → `95.5 %`.
fn as_percent(value: f64) -> String {
    let percent = (value * 100.0 * 1e6).round() / 1e6;
    format!("{percent} %")
}

/// A cell as text: dates as YYYY-MM-DD (with the time if it has one),
/// whole numbers without decimals, a number the sheet shows as a
/// percentage (`percent`) as that percentage; `Err` with what an error
/// cell shows.
fn text(cell: &Data, percent: bool) -> Result<String, String> {
    Ok(match cell {
        Data::Int(n) if percent => as_percent(*n as f64),
        Data::Float(f) if percent => as_percent(*f),
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.format("%Y-%m-%d").to_string(),
            Some(dt) => dt.format("%Y-%m-%d %H:%M").to_string(),
            None => d.as_f64().to_string(),
        },
        Data::DateTimeIso(s) => s.strip_suffix("T00:00:00").unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(e.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacked_size_is_what_the_zip_says() {
        let xlsx = include_bytes!("../../tests/fixtures/sheets/deltagare.xlsx");
        // The sum of the sizes its ten files give (Python's zipfile agrees).
        assert_eq!(unpacked_size(xlsx), Some(19_540));
        // .xls and anything else that is not a zip: no word on it.
        assert_eq!(unpacked_size(b"\xd0\xcf\x11\xe0 an old .xls"), None);
    }

    #[test]
    fn cells_read_as_a_person_typed_them() {
        assert_eq!(text(&Data::Float(3.0), false).unwrap(), "3");
        assert_eq!(text(&Data::Float(7.5), false).unwrap(), "7.5");
        assert_eq!(text(&Data::String("  Åsa Öberg ".into()), false).unwrap(), "Åsa Öberg");
        assert_eq!(text(&Data::DateTimeIso("2026-03-04T00:00:00".into()), false).unwrap(), "2026-03-04");
        assert_eq!(text(&Data::Bool(true), false).unwrap(), "true");
        assert!(text(&Data::Error(calamine::CellErrorType::NA), false).is_err());
        // As the sheet shows a number formatted as a percentage.
        assert_eq!(text(&Data::Float(0.95), true).unwrap(), "95 %");
        assert_eq!(text(&Data::Float(0.955), true).unwrap(), "95.5 %");
        assert_eq!(text(&Data::Float(0.07), true).unwrap(), "7 %");
        assert!(percent_format("0%") && percent_format("0.00 %") && !percent_format("0.00\"%\""));
        assert!(!percent_format("General") && !percent_format("0;[Red]-0%"));
    }
}
