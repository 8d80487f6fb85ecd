//! E-learning courses (`kind = "elearning"`) on the real binary: a
//! learning platform's export in, a certificate dated on each holder's own
//! completion day out, and nobody else; exports that cannot be read for
//! sure are refused.

use crate::common::{Fixture, read_pdf, squash};

const ON: &str = "2026-11-30";

/// An e-learning folder writing `records` as `export.csv`, with `extra`
/// lines at the end of `[programme]`.
fn course(records: &str, extra: &str) -> Fixture {
    let f = Fixture::empty();
    std::fs::create_dir(f.dir()).unwrap();
    f.write(
        "intyg.toml",
        format!(
            "kind = \"elearning\"\nrecords = \"export.csv\"\n\n[issuer]\nname = \"Hedemora kommun\"\n\n\
             [programme]\nname = \"Ett Dalarna för alla\"\ncode = \"EDFA\"\nminutes = 30\n{extra}"
        ),
    );
    f.write("export.csv", records);
    f
}

#[test]
fn the_sample_issues_to_those_who_completed_on_their_own_day() {
    let f = Fixture::new("samples/webbutbildning-inkluderande-bemotande");
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    let said = run.success().stderr();
    assert!(said.contains("Utfärdade 235 dokument (235 kursintyg)"), "{said}");
    assert!(said.contains("Uppfyller inte kraven: 85"), "{said}");
    // Who has only started is listed with the platform's status; who
    // completed below the pass mark with the result.
    assert!(said.contains("rad 314, Ulla Hedlund (Socialförvaltningen): Ej påbörjad"), "{said}");
    assert!(said.contains("rad 45, Ahmed Lindström (Socialförvaltningen): resultat 75, 80 krävs"), "{said}");
    // Names as the cells hold them, each dated on their own day.
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    for (name, day, text) in
        [("Zoë Forsberg", "2026-02-17", "17 februari 2026"), ("José Hägglund", "2026-01-02", "2 januari 2026")]
    {
        let row = register.lines().find(|l| l.contains(name)).unwrap_or_else(|| panic!("{name} in {register}"));
        assert!(row.contains(&format!(";{day};")), "{row}");
        let file = row.split(';').nth(13).unwrap();
        let pdf = read_pdf(&f.out().join(file));
        let text_of = squash(&pdf.text);
        assert!(
            text_of.contains(&squash(&format!("{name} Barn- och utbildningsförvaltningen")))
                || text_of.contains(&squash(&format!("{name} Samhällsbyggnadsförvaltningen"))),
            "{}",
            pdf.text
        );
        assert!(
            text_of.contains(&squash("har genomfört webbutbildningen Inkluderande bemötande 45 minuter")),
            "{}",
            pdf.text
        );
        // Dated its own day, once, at the foot.
        assert_eq!(pdf.text.matches(text).count(), 1, "{}", pdf.text);
    }
    assert!(!register.contains("Ulla Hedlund"), "nobody who only started is in the register");
}

#[test]
fn an_english_platforms_month_first_dates_are_read_as_the_column_shows() {
    // 03/14/2026 can only be 14 March: so 03/04/2026 is 4 March here.
    let f = course(
        "Full name,Email,Course,Completion status,Completion date,Score\r\n\
         Anna Öberg,anna@hedemora.exempel.se,Ett Dalarna för alla,Completed,03/14/2026 2:15 PM,100\r\n\
         Per Ek,per@hedemora.exempel.se,Ett Dalarna för alla,Completed,03/04/2026 9:00 AM,90\r\n\
         Saga Lind,saga@hedemora.exempel.se,Ett Dalarna för alla,In progress,,\r\n",
        "pass_mark = 80\n",
    );
    let said = f.run(&["issue", "{dir}", "--on", ON]).success().stderr();
    assert!(said.contains("Saga Lind: In progress"), "{said}");
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(register.contains("Per Ek;per@hedemora.exempel.se;2026-03-04;"), "{register}");
    assert!(register.contains("Anna Öberg;anna@hedemora.exempel.se;2026-03-14;"), "{register}");
    let pdf = read_pdf(&f.out().join("EDFA-0002-per-ek.pdf"));
    // The date once, at the foot: the line under the name holds the length.
    assert!(squash(&pdf.text).contains(&squash("30 minuter")), "{}", pdf.text);
    assert_eq!(pdf.text.matches("4 mars 2026").count(), 1, "{}", pdf.text);
}

#[test]
fn exports_that_cannot_be_read_for_sure_are_refused_and_nothing_is_written() {
    // Day or month? No date in the column tells.
    let f = course(
        "Namn;E-post;Status;Slutförd\r\nAnna Öberg;anna@h.se;Slutförd;03/04/2026\r\nPer Ek;per@h.se;Slutförd;05/06/2026\r\n",
        "",
    );
    let run = f.run(&["issue", "{dir}", "--on", ON]);
    assert_eq!(run.code(), 1);
    let said = run.stderr();
    assert!(
        said.contains("rad 2, kolumnen \"Slutförd (D)\": \"03/04/2026\" kan vara 3/4 eller 4/3 (dag/månad)"),
        "{said}"
    );
    assert!(!said.contains("men inget datum"), "one problem a cell: {said}");
    assert!(!f.out().exists() || common_pdfs(&f) == 0, "nothing written");

    // Another course's rows in the export.
    let f = course(
        "Namn;E-post;Kurs;Status;Slutförd\r\nAnna Öberg;anna@h.se;Ett Dalarna för alla;Slutförd;2026-03-04\r\n\
         Per Ek;per@h.se;Brandskydd grund;Slutförd;2026-03-05\r\n",
        "",
    );
    let said = f.run(&["check", "{dir}"]).stderr();
    assert!(
        said.contains(
            "rad 3, kolumnen \"Kurs (C)\": raden gäller kursen \"Brandskydd grund\", inte \"Ett Dalarna för alla\""
        ),
        "{said}"
    );

    // Completed, but the platform gave no day; and a pass mark without results.
    let f = course("Namn;E-post;Status;Slutförd\r\nAnna Öberg;anna@h.se;Godkänd;\r\n", "pass_mark = 80\n");
    let said = f.run(&["check", "{dir}"]).stderr();
    assert!(said.contains("\"Godkänd\", men inget datum då den slutfördes"), "{said}");
    assert!(said.contains("pass_mark = 80 i intyg.toml, men uppgifterna har ingen kolumn med resultat"), "{said}");
}

fn common_pdfs(f: &Fixture) -> usize {
    crate::common::pdfs_in(&f.out()).len()
}

#[test]
fn a_platforms_own_headers_are_read_once_columns_names_them() {
    let records = "Deltagare;Kursens läge;Klar den;Poäng i testet\n\
                   Åsa Ek;Slutförd;2026-03-04 10:12;92\n\
                   Bo Lind;Påbörjad;;\n";
    let f = course(records, "pass_mark = 80\n");
    // Headers intyg does not know: it says so, and refuses.
    let run = f.run(&["check", "{dir}"]);
    assert_eq!(run.code(), 1);
    let said = run.stderr();
    assert!(said.contains("inget om vem som har slutfört kursen"), "{said}");
    assert!(said.contains("ange dem under [columns] i intyg.toml"), "{said}");
    let toml = std::fs::read_to_string(f.dir().join("intyg.toml")).unwrap();
    f.write(
        "intyg.toml",
        format!(
            "{toml}\n[columns]\nname = \"Deltagare\"\nstatus = \"Kursens läge\"\n\
             completed_on = \"Klar den\"\nscore = \"Poäng i testet\"\n"
        ),
    );
    let said = f.run(&["issue", "{dir}", "--on", ON, "-v"]).success().stderr();
    assert!(said.contains("Kursens läge   → slutförande"), "{said}");
    assert!(said.contains("Utfärdade 1 dokument (1 kursintyg)"), "{said}");
    assert!(said.contains("rad 3, Bo Lind: Påbörjad"), "{said}");
    let register = std::fs::read_to_string(f.out().join("register.csv")).unwrap();
    assert!(register.contains(";2026-03-04;"), "{register}");
}
