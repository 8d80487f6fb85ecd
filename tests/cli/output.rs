//! Snapshots of what people read whole: the help, the template list and
//! the JSON summaries scripts consume. A change to any of them shows in
//! review as a changed snapshot.

use crate::common::Fixture;

#[test]
fn help() {
    let f = Fixture::new("tiny");
    let run = f.run(&["--help"]);
    run.success();
    insta::assert_snapshot!(run.stdout());
}

#[test]
fn templates_and_their_fields() {
    let f = Fixture::new("tiny");
    let run = f.run(&["templates"]);
    run.success();
    insta::assert_snapshot!(run.stdout());
}

#[test]
fn check_json() {
    let f = Fixture::new("tiny");
    let run = f.run(&["check", "{dir}", "--json"]);
    run.success();
    insta::assert_snapshot!(run.stdout_redacted());
}

#[test]
fn issue_json_and_a_rerun_with_a_correction() {
    let f = Fixture::new("tiny");
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    insta::assert_snapshot!("issue_json", run.stdout_redacted());
    let csv = std::fs::read_to_string(f.dir().join("deltagare.csv")).unwrap();
    f.write("deltagare.csv", csv.replace("Märta Lind", "Märta Lindh"));
    let run = f.run(&["issue", "{dir}", "--json"]);
    run.success();
    insta::assert_snapshot!("issue_json_rerun", run.stdout_redacted());
}

#[test]
fn diploma_check_json() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let run = f.run(&["check", "{dir}", "--json", "--on", "2026-11-23"]);
    run.success();
    insta::assert_snapshot!(run.stdout_redacted());
}
