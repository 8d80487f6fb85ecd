//! The programme file: any text as intyg.toml is loaded or refused with
//! problems that say where, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &[u8]| {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("intyg.toml"), text).unwrap();
    std::fs::write(dir.path().join("deltagare.csv"), "Namn;E-post;Dag 1\nÅsa Öberg;asa@exempel.se;X\n").unwrap();
    let _ = intyg::project::Project::load(dir.path());
});
