//! Record decoding: any bytes as a records file of any kind (CSV with any
//! delimiter, encoding and quoting, TOML, JSON, XLSX, ODS) are read or
//! refused with problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 8] = [
    "deltagare.csv",
    "deltagare.tsv",
    "deltagare.txt",
    "deltagare.toml",
    "deltagare.json",
    "deltagare.xlsx",
    "deltagare.ods",
    "deltagare",
];

fuzz_target!(|input: &[u8]| {
    let Some((&which, bytes)) = input.split_first() else { return };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(NAMES[usize::from(which) % NAMES.len()]);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(table) = intyg::records::read(&path) {
        for row in &table.rows {
            assert_eq!(row.cells.len(), table.headers.len(), "a row not aligned with the headers");
        }
    }
});
