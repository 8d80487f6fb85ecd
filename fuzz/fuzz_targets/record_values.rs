//! A record to template values: any rows under the sample programme's
//! header are read, checked and planned, and every planned document's
//! values are made (what the template receives), or the rows are refused
//! with problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TOML: &str = include_str!("../../tests/fixtures/tiny/intyg.toml");

fuzz_target!(|rows: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("intyg.toml"), TOML).unwrap();
    let mut csv = b"Namn;E-post;Kommun;Dag 1;Dag 2\n".to_vec();
    csv.extend_from_slice(rows);
    std::fs::write(dir.path().join("deltagare.csv"), csv).unwrap();
    let options = intyg::batch::Options {
        on: intyg::locale::parse_date("2026-11-23"),
        ..intyg::batch::Options::new(dir.path())
    };
    let Ok(prepared) = intyg::batch::prepare(&options) else { return };
    let data = prepared.data();
    for doc in &prepared.plan.docs {
        let _ = data.of(doc, None);
    }
});
