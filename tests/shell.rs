//! What a shell gets from intyg: completion scripts and the manual page,
//! made from the command definitions.

#![allow(clippy::disallowed_methods)]

mod common;

use common::Fixture;

#[test]
fn completions_for_bash_name_every_command_and_option() {
    let f = Fixture::new("tiny");
    let run = f.run(&["completions", "bash"]);
    run.success();
    let script = run.stdout();
    assert!(script.contains("complete -F _intyg"), "{script}");
    for word in ["issue", "check", "report", "--sheet", "--header-row", "--combined"] {
        assert!(script.contains(word), "{word} missing from the bash completions");
    }
    for shell in ["zsh", "fish", "powershell"] {
        let run = f.run(&["completions", shell]);
        run.success();
        assert!(run.stdout().contains("intyg"), "{shell}");
    }
    assert_eq!(f.run(&["completions", "cmd.exe"]).code(), 2);
}

#[test]
fn the_manual_page_lists_the_commands() {
    let f = Fixture::new("tiny");
    let run = f.run(&["manpage"]);
    run.success();
    let page = run.stdout();
    assert!(page.contains(".TH intyg 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for command in ["issue", "check", "report", "completions"] {
        assert!(page.contains(&format!("intyg\\-{command}(1)")), "{command} missing: {page}");
    }
}
