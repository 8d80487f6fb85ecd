//! intyg turns records into PDF certificates with typst.
//!
//! Data flows through the modules in this order: `project` (intyg.toml) and
//! `records` (reading files) → `check` (rules on records) → `plan` (who gets
//! which document, with which data) → `render` (typst) → `output` (files).

pub mod check;
pub mod cli;
pub mod cmd;
pub mod credential;
pub mod locale;
pub mod output;
pub mod plan;
pub mod problem;
pub mod project;
pub mod records;
pub mod register;
pub mod render;
pub mod report;
pub mod site;
pub mod suggest;
pub mod verify;

use std::process::ExitCode;

/// Exit code: problems in data or templates.
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: u8 = 2;

/// Runs one command.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        cli::Command::Init(args) => cmd::init::run(&args),
        cli::Command::Issue(args) => cmd::issue::run(&args),
        cli::Command::Preview(args) => cmd::preview::run(&args),
        cli::Command::Watch(args) => cmd::watch::run(&args),
        cli::Command::Check(args) => cmd::check::run(&args),
        cli::Command::Expiring(args) => cmd::expiring::run(&args),
        cli::Command::Report(args) => cmd::report::run(&args),
        cli::Command::Keygen(args) => cmd::keygen::run(&args),
        cli::Command::Verify(args) => cmd::verify::run(&args),
        cli::Command::Publish(args) => cmd::publish::run(&args),
        cli::Command::Templates(args) => cmd::templates::run(&args),
        cli::Command::Bench(args) => cmd::bench::run(&args),
        cli::Command::Register(args) => cmd::register::run(&args),
        cli::Command::Completions { shell } => cmd::shell::completions(shell),
        cli::Command::Manpage => cmd::shell::manpage(),
    }
}
