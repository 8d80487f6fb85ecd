//! Organisation numbers: any text is accepted as a number or refused, and
//! an accepted number reads back as itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &str| {
    if let Ok(number) = intyg::check::org::org_number(raw) {
        assert_eq!(intyg::check::org::org_number(&number).as_deref(), Ok(number.as_str()), "{raw:?}");
    }
});
