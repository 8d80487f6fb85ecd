//! The `intyg` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = intyg::cli::Cli::parse();
    match intyg::run(cli) {
        Ok(code) => code,
        Err(err) => {
            intyg::problem::eprint_painted(&format!("{} {err:#}", intyg::problem::Label::Error));

            ExitCode::from(2)
        }
    }
}
