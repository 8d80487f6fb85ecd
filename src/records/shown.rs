//! How a workbook shows what calamine reads: the rows and columns it hides
//! (rows a coordinator hid, people who cancelled, or a filter left out),
//! and, in an .ods, the cells it shows as percentages. calamine reads every
//! cell whether shown or not, so the sheet's own XML says which are hidden:
//! `<row hidden="1">` and `<col hidden="1">` in .xlsx (Excel writes a
//! filtered-out row the same way), `table:visibility="collapse"` or
//! `"filter"` in .ods. (An .xlsx's percentages calamine's styles tell.)
//! Other workbooks (.xls, .xlsb) are read as they are.

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// What a sheet hides, as the spreadsheet numbers rows (from 1) and
/// columns (from 0).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Runs of hidden rows: first row number and how many, in order and
    /// apart once read ([`Shown::settled`]).
    rows: Vec<(usize, usize)>,
    /// Runs of hidden columns: first index and how many, as the rows.
    columns: Vec<(usize, usize)>,
    /// Runs of cells an .ods shows as percentages, by row number: first
    /// column index and how many.
    percent: BTreeMap<usize, Vec<(usize, usize)>>,
}

/// Runs sorted by their start, overlapping and touching ones joined, so
/// that a lookup is a binary search: a filter hides thousands of rows of a
/// sheet of thousands, and each row is looked up.
fn settle(runs: &mut Vec<(usize, usize)>) {
    runs.sort_unstable();
    let mut joined: Vec<(usize, usize)> = Vec::with_capacity(runs.len());
    for &(first, n) in runs.iter() {
        match joined.last_mut() {
            Some((start, len)) if first <= start.saturating_add(*len) => {
                *len = (*len).max(first.saturating_add(n) - *start);
            }
            _ => joined.push((first, n)),
        }
    }
    *runs = joined;
}

/// Whether `x` is in one of `runs`, settled.
fn within(runs: &[(usize, usize)], x: usize) -> bool {
    let i = runs.partition_point(|&(first, _)| first <= x);
    i > 0 && x < runs[i - 1].0.saturating_add(runs[i - 1].1)
}

impl Shown {
    /// The runs in order, for [`within`].
    fn settled(mut self) -> Shown {
        settle(&mut self.rows);
        settle(&mut self.columns);
        self
    }

    /// Whether row `number` (as the spreadsheet shows it) is hidden.
    pub fn row(&self, number: usize) -> bool {
        within(&self.rows, number)
    }

    /// Whether column `index` (A = 0) is hidden.
    pub fn column(&self, index: usize) -> bool {
        within(&self.columns, index)
    }

    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.columns.is_empty()
    }

    /// Whether an .ods shows the cell in row `number`, column `index` as a
    /// percentage (it holds 0.95 and shows 95 %).
    pub fn percent(&self, number: usize, index: usize) -> bool {
        self.percent.get(&number).is_some_and(|runs| runs.iter().any(|&(first, n)| within(&[(first, n)], index)))
    }
}

/// What sheet `name` of the workbook `bytes` hides; nothing for a workbook
/// that is no zip (.xls) or that cannot be read this way (calamine has
/// read its cells already and says what is wrong with it).
pub fn of(bytes: &[u8], name: &str) -> Shown {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else { return Shown::default() };
    if let Some(content) = entry(&mut zip, "content.xml") {
        return ods(&content, name).unwrap_or_default().settled();
    }
    let sheet = entry(&mut zip, "xl/workbook.xml")
        .zip(entry(&mut zip, "xl/_rels/workbook.xml.rels"))
        .and_then(|(book, rels)| xlsx_sheet_path(&book, &rels, name));
    match sheet.and_then(|path| entry(&mut zip, &path)) {
        Some(xml) => xlsx(&xml).unwrap_or_default().settled(),
        None => Shown::default(),
    }
}

/// What a sheet's XML hides: an .xlsx worksheet's (`ods` false), or the
/// sheet named `name` in an .ods content.xml. For the fuzz targets, which
/// reach it without a zip around it.
pub fn of_xml(xml: &str, ods: bool, name: &str) -> Shown {
    if ods { self::ods(xml, name) } else { xlsx(xml) }.unwrap_or_default().settled()
}

/// A file of the zip as text, up to the size the zip says it has.
fn entry(zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Option<String> {
    let file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.take(super::sheet::MAX_UNPACKED_BYTES).read_to_string(&mut text).ok()?;
    Some(text)
}

/// The value of attribute `key` of `e`, if it has one.
fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.try_get_attribute(key)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The path in the zip of the sheet named `name`: workbook.xml names its
/// relationship, whose target is relative to `xl/`.
fn xlsx_sheet_path(book: &str, rels: &str, name: &str) -> Option<String> {
    let mut id = None;
    let mut reader = Reader::from_str(book);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "sheet"
                    && attr(&e, "name").is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim())) =>
            {
                id = attr(&e, "r:id");
                break;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let id = id?;
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref() == "Relationship" && attr(&e, "Id").as_deref() == Some(&id) =>
            {
                let target = attr(&e, "Target")?;
                return Some(match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_owned(),
                    None => format!("xl/{target}"),
                });
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Whether an .xlsx attribute says yes.
fn yes(value: Option<String>) -> bool {
    value.is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true"))
}

/// The hidden rows and columns of an .xlsx sheet's XML.
fn xlsx(xml: &str) -> Option<Shown> {
    let mut hidden = Shown::default();
    let mut reader = Reader::from_str(xml);
    let mut last_row = 0;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "col" if yes(attr(&e, "hidden")) => {
                    let min: usize = attr(&e, "min")?.parse().ok()?;
                    let max: usize = attr(&e, "max")?.parse().ok()?;
                    if min >= 1 && max >= min {
                        hidden.columns.push((min - 1, max - min + 1));
                    }
                }
                "row" => {
                    // Rows without a number follow the one before.
                    let number = attr(&e, "r").and_then(|r| r.parse().ok()).unwrap_or(last_row + 1);
                    last_row = number;
                    if yes(attr(&e, "hidden")) {
                        hidden.rows.push((number, 1));
                    }
                }
                _ => {}
            },
            Event::Eof => return Some(hidden),
            _ => {}
        }
    }
}

/// The hidden rows and columns of the sheet (`table:table`) named `name`
/// in an .ods content.xml: rows and columns count their repeats, and a row
/// or column is hidden when its visibility is `collapse` or `filter`.
fn ods(xml: &str, name: &str) -> Option<Shown> {
    let mut hidden = Shown::default();
    let mut reader = Reader::from_str(xml);
    // Depth inside the wanted table; 0 outside it.
    let mut depth = 0usize;
    let (mut row, mut column) = (1usize, 0usize);
    // The row being read and its next cell's column.
    let (mut this_row, mut cell) = (0usize, 0usize);
    let repeat = |e: &BytesStart, key: &str| attr(e, key).and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1);
    let shown = |e: &BytesStart| attr(e, "table:visibility").is_none_or(|v| v == "visible");
    loop {
        let event = reader.read_event().ok()?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            Event::End(_) => {
                if depth > 0 {
                    depth -= 1;
                    if depth == 0 {
                        return Some(hidden);
                    }
                }
                continue;
            }
            Event::Eof => return Some(hidden),
            _ => continue,
        };
        let Some(e) = start else { continue };
        let tag = e.name();
        let tag = tag.as_ref();
        if depth == 0 {
            if tag == "table:table" && attr(e, "table:name").is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim()))
            {
                if empty {
                    return Some(hidden);
                }
                depth = 1;
            }
            continue;
        }
        match tag {
            "table:table-column" => {
                let n = repeat(e, "table:number-columns-repeated");
                if !shown(e) {
                    hidden.columns.push((column, n));
                }
                column = column.saturating_add(n);
            }
            "table:table-row" => {
                let n = repeat(e, "table:number-rows-repeated");
                if !shown(e) {
                    hidden.rows.push((row, n));
                }
                (this_row, cell) = (row, 0);
                row = row.saturating_add(n);
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let n = repeat(e, "table:number-columns-repeated");
                if attr(e, "office:value-type").as_deref() == Some("percentage") {
                    hidden.percent.entry(this_row).or_default().push((cell, n));
                }
                cell = cell.saturating_add(n);
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_out_of_order_and_overlapping_are_looked_up_as_one() {
        let mut runs = vec![(10, 1), (1, 5), (3, 2), (6, 1), (20, usize::MAX)];
        settle(&mut runs);
        assert_eq!(runs, [(1, 6), (10, 1), (20, usize::MAX)]);
        let hidden: Vec<usize> = (0..12).filter(|&x| within(&runs, x)).collect();
        assert_eq!(hidden, [1, 2, 3, 4, 5, 6, 10]);
        assert!(within(&runs, usize::MAX - 1) && !within(&[], 0));
    }

    #[test]
    fn hidden_and_filtered_rows_of_both_kinds_of_workbook() {
        let xlsx = include_bytes!("../../tests/fixtures/platforms/dolda-rader.xlsx");
        let ods = include_bytes!("../../tests/fixtures/platforms/dolda-rader.ods");
        for (bytes, sheet) in [(&xlsx[..], "Blad1"), (&ods[..], "Blad1")] {
            let h = of(bytes, sheet);
            let rows: Vec<usize> = (1..=8).filter(|&r| h.row(r)).collect();
            assert_eq!(rows, [3, 5], "{h:?}");
            let columns: Vec<usize> = (0..12).filter(|&c| h.column(c)).collect();
            assert_eq!(columns, [9], "{h:?}");
        }
        // The list as LibreOffice saves it, with the results as percentages.
        let ods = include_bytes!("../../tests/fixtures/platforms/procent.ods");
        let shown = of(ods, "Blad1");
        assert!(shown.percent(2, 5) && shown.percent(4, 5), "{shown:?}");
        assert!(!shown.percent(2, 4) && !shown.percent(1, 5));
        assert!(of(b"not a zip", "Blad1").is_empty());
    }
}
