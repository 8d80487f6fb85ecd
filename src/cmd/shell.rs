//! `intyg completions SHELL` and `intyg manpage`: made from the clap
//! definitions, so they never fall behind the commands.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script for `shell` on stdout.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "intyg", &mut out);
    print(&out)
}

/// Prints the manual page (roff) on stdout.
pub fn manpage() -> anyhow::Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    print(&out)
}

fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    super::term::out(&String::from_utf8_lossy(bytes))?;
    Ok(ExitCode::SUCCESS)
}
