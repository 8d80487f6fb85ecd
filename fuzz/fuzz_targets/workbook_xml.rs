//! A workbook's sheet XML, as .xlsx worksheets and .ods content.xml write
//! which rows and columns are hidden and which cells are percentages: any
//! text is read without a panic, and a row is hidden or not, whatever the
//! repeats and numbers it claims.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| {
    let Some((&which, xml)) = input.split_first() else { return };
    let Ok(xml) = std::str::from_utf8(xml) else { return };
    let shown = intyg::records::shown::of_xml(xml, which % 2 == 1, "Blad1");
    for row in [1, 2, 3, usize::MAX] {
        let _ = shown.row(row);
        let _ = shown.percent(row, 5);
    }
    let _ = shown.column(usize::MAX);
});
