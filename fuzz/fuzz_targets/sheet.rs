//! A whole spreadsheet export, header included, as coordinators' programs
//! write them: any bytes as the records file of a four-session programme
//! whose register holds earlier documents. Reaches the encoding and
//! delimiter detection, the header row below title rows, dates typed as
//! attendance headers, the column mapping, the checks of names and
//! addresses, and the matching of corrected names to the register. The
//! run either plans documents whose names are the cells' text or stops
//! with problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const TOML: &str = include_str!("../../tests/fixtures/exports/intyg.toml");
const REGISTER: &str = "id,kind,scheme_code,scheme,holder,holder_id,awarded,valid_until,status,superseded_by,sha256,contact,email,file\r\n\
MRS-2026-001,kursintyg,MRS,Utbildning för MR-strateger,Ana Lind,ana.lind@exempel.se,2026-04-21,,valid,,,,ana.lind@exempel.se,MRS-2026-001-ana-lind.pdf\r\n\
MRS-2026-002,deltagarintyg,MRS,Utbildning för MR-strateger,Per Ek,per ek / umeå kommun,2026-04-21,,valid,,,,,MRS-2026-002-per-ek.pdf\r\n";

fuzz_target!(|input: &[u8]| {
    let Some((&which, bytes)) = input.split_first() else { return };
    let dir = tempfile::tempdir().unwrap();
    // The same bytes under the names people give them.
    let name = ["deltagare.csv", "deltagare.txt", "deltagare.tsv"][usize::from(which) % 3];
    std::fs::write(dir.path().join("intyg.toml"), TOML.replace("datumrubriker.csv", name)).unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    std::fs::create_dir_all(dir.path().join("out")).unwrap();
    std::fs::write(dir.path().join("out/register.csv"), REGISTER).unwrap();
    let options = intyg::batch::Options {
        header_row: if which & 0x80 != 0 { Some(usize::from(which & 7) + 1) } else { None },
        on: intyg::locale::parse_date("2026-11-23"),
        ..intyg::batch::Options::new(dir.path())
    };
    let Ok(prepared) = intyg::batch::prepare(&options) else { return };
    if prepared.plan.problems.has_errors() {
        return;
    }
    let data = prepared.data();
    for doc in &prepared.plan.docs {
        let name = data.holder_name(doc);
        assert!(!name.contains('\u{fffd}'), "a name with a replacement character: {name:?}");
        assert!(!name.chars().any(char::is_control), "a name with a control character: {name:?}");
        let _ = data.of(doc, None);
    }
    let _ = prepared.changes(&prepared.plan.docs, None, true);
});
