//! What a shell gets from intyg: completion scripts and the manual page,
//! made from the command definitions.

use crate::common;

use common::Fixture;

#[test]
fn completions_for_bash_name_every_command_and_option() {
    let f = Fixture::new("tiny");
    let run = f.run(&["completions", "bash"]);
    run.success();
    let script = run.stdout();
    assert!(script.contains("complete -F _intyg"), "{script}");
    for word in
        ["init", "preview", "watch", "issue", "check", "report", "--sheet", "--header-row", "--combined", "--dpi"]
    {
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

#[test]
fn verbose_logs_the_steps_and_piped_errors_carry_no_colour_codes() {
    let f = Fixture::new("samples/mr-strateger-2019");
    let run = f.run(&["check", "{dir}", "-v"]);
    run.success();
    assert!(run.stderr().contains("INFO  intyg::batch] "), "{}", run.stderr());
    assert!(run.stderr().contains("25 records, headers on row 1 (windows-1252)"), "{}", run.stderr());
    // Not a terminal: plain `error:`, no escape codes.
    let run = f.run(&["check", "{tmp}/nowhere"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().starts_with("error: "), "{:?}", run.stderr());
    assert!(!run.stderr().contains('\u{1b}'));
}

/// Runs intyg with `args` and its stdout closed before it writes, as a
/// pipe into `head` is once head has read enough.
fn with_stdout_closed(f: &Fixture, args: &[&str]) -> std::process::Output {
    let dir = f.dir().to_string_lossy().into_owned();
    let args: Vec<String> = args.iter().map(|a| a.replace("{dir}", &dir)).collect();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_intyg"))
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run intyg");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for intyg")
}

#[test]
fn a_reader_that_stops_reading_ends_intyg_quietly() {
    let f = Fixture::new("tiny");
    for args in [&["templates"][..], &["check", "{dir}", "--json"], &["completions", "bash"], &["manpage"]] {
        let out = with_stdout_closed(&f, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
