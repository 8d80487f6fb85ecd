//! Cells as platforms and coordinators write them, under the headers that
//! give them meaning: completion dates and times (with offsets, Unix
//! seconds, long Swedish and English forms, slashes either way), results
//! (`85 %`, `0,85`, `17/20`) and counts of days beside day columns. The
//! first byte picks the folder: an e-learning course with a pass mark, or
//! a four-session course with a count column. The run plans documents
//! dated no later than the run date, or stops with problems; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ON: &str = "2026-11-23";

fuzz_target!(|input: &[u8]| {
    let Some((&which, rows)) = input.split_first() else { return };
    // Moments read directly: a time in UTC is dated within a day of its
    // UTC date, in any zone, and no reading panics.
    if let Ok(text) = std::str::from_utf8(rows) {
        use intyg::check::dates::{DEFAULT_ZONE, Dates, SlashOrder, moment};
        for order in [SlashOrder::DayFirst, SlashOrder::MonthFirst, SlashOrder::Unknown] {
            for zone in [DEFAULT_ZONE, chrono_tz::Pacific::Kiritimati, chrono_tz::Pacific::Pago_Pago] {
                let day = Dates { order, zone }.day(text, &String::new);
                if let (Ok(day), Some(intyg::check::dates::Moment::Instant(t))) = (day, moment(text)) {
                    let utc = t.naive_utc().date();
                    assert!((day - utc).num_days().abs() <= 1, "{text:?}: {day} in {zone}, {utc} in UTC");
                }
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let (toml, header) = if which % 2 == 0 {
        (
            "kind = \"elearning\"\nrecords = \"export.csv\"\n[issuer]\nname = \"K\"\n\
             [programme]\nname = \"Webbkurs\"\ncode = \"W\"\nminutes = 30\npass_mark = 80\n"
                .to_owned(),
            "Namn;E-post;Status;Slutförd;Resultat\n",
        )
    } else {
        // A course whose last session is after the run date, issuing early or not.
        let early = if which & 2 != 0 { "issue_before_last_session = true\n" } else { "" };
        (
            format!(
                "{early}records = \"export.csv\"\n[issuer]\nname = \"K\"\n[programme]\nname = \"Kurs\"\ncode = \"K\"\n\
                 [[sessions]]\ndate = 2026-02-03\n[[sessions]]\ndate = 2026-02-04\n\
                 [[sessions]]\ndate = 2026-03-17\n[[sessions]]\ndate = 2026-12-21\n"
            ),
            "Namn;E-post;Dag 1;Dag 2;Dag 3;Dag 4;Närvarodagar\n",
        )
    };
    std::fs::write(dir.path().join("intyg.toml"), toml).unwrap();
    let mut csv = header.as_bytes().to_vec();
    csv.extend_from_slice(rows);
    std::fs::write(dir.path().join("export.csv"), csv).unwrap();
    let on = intyg::locale::parse_date(ON);
    let options = intyg::batch::Options { on, ..intyg::batch::Options::new(dir.path()) };
    let Ok(prepared) = intyg::batch::prepare(&options) else { return };
    if prepared.plan.problems.has_errors() {
        return;
    }
    let data = prepared.data();
    for doc in &prepared.plan.docs {
        let day = data.awarded(doc);
        assert!(Some(day) <= on, "a document dated {day}, after the run date");
    }
});
