//! A one-day conference on the real binary: a Google Forms registration
//! export in, the door's attendance marked in it, and certificates of
//! attendance that show the day's programme out.

use crate::common::{Fixture, read_pdf, squash};

#[test]
fn a_conference_certifies_who_came_with_the_days_programme_and_nothing_of_their_diet() {
    let f = Fixture::new("samples/mr-konferens-umea-2022");
    let run = f.run(&["issue", "{dir}", "--on", "2022-12-01"]);
    let said = run.success().stderr();
    assert!(said.contains("Utfärdade 52 dokument"), "{said}");
    assert!(said.contains("Uppfyller inte kraven: 8"), "{said}");
    let pdf = read_pdf(&f.out().join("MRK22-001-sofie-stenlund.pdf"));
    assert_eq!(pdf.pages, 1);
    let text = squash(&pdf.text);
    for expected in [
        "INTYG OM DELTAGANDE Sofie Stenlund Nordmalings kommun har deltagit i konferensen",
        "30 november 2022 · Scandic Plaza Umeå, Storgatan 40, Umeå · 5 timmar",
        "10.20 Mänskliga rättigheter i kommunal och regional verksamhet",
        "Elisabeth Norling, docent i offentlig rätt, Uppsala universitet",
        "15.00 Workshop: nästa steg i den egna organisationen",
        "Moderator: Karin Wennberg",
        "Umeå den 30 november 2022",
    ] {
        assert!(text.contains(&squash(expected)), "{expected}: {}", pdf.text);
    }
    // Breaks and lunch are not content of the day.
    assert!(!text.contains("Registrering och fika") && !text.contains("Lunch"), "{}", pdf.text);
    // Dietary needs were asked in the form; they reach no document and no register.
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(register.contains("Sofie Stenlund"));
    let all: String = crate::common::pdfs_in(&f.out()).iter().map(|p| read_pdf(p).text).collect();
    for diet in ["Nötallergi", "Glutenfri", "Vegetarisk"] {
        assert!(!register.contains(diet) && !all.contains(diet), "{diet} leaked");
    }
    let typst = f.tmp.path().join("typst");
    f.run(&["issue", "{dir}", "--on", "2022-12-01", "-q", "--emit-typst", typst.to_str().unwrap()]).success();
    let data: String =
        crate::common::files_under(&typst).iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
    assert!(data.contains("Sofie Stenlund") && !data.contains("Nötallergi"), "the template's data holds no diet");
}
