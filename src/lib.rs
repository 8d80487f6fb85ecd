//! intyg turns records into PDF certificates with typst.
//!
//! Data flows through the modules in this order: `project` (intyg.toml) and
//! `records` (reading files) → `check` (rules on records) → `plan` (who gets
//! which document, with which data) → `render` (typst) → `output` (files) → `mail` (delivery).

/// A message in the language of messages (`locale::messages`): the English
/// and the Swedish text, each a `format!` string with its own captures.
/// Messages about the user's data are written with it, so they follow
/// `--lang` or the programme's language.
macro_rules! tr {
    ($en:literal, $sv:literal $(,)?) => {
        if $crate::locale::messages() == $crate::locale::Lang::SV { format!($sv) } else { format!($en) }
    };
}

pub mod app;
pub mod batch;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod contract;
pub mod credential;
pub mod files;
pub mod job;
pub mod kind;
pub mod locale;
pub mod mail;
pub mod output;
pub mod pdf;
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

/// Logging on stderr for `-v` (steps), `-vv` (every document), or as
/// `INTYG_LOG` says (`debug`, `intyg::render=debug`, …), with the time
/// since the start.
fn init_logging(verbose: u8) {
    use std::io::Write;
    let level = match verbose {
        0 => log::LevelFilter::Warn,
        1 => log::LevelFilter::Info,
        _ => log::LevelFilter::Debug,
    };
    let started = std::time::Instant::now();
    let mut builder = env_logger::Builder::new();
    match std::env::var("INTYG_LOG") {
        Ok(filter) => builder.parse_filters(&filter),
        Err(_) => builder.filter_level(log::LevelFilter::Warn).filter_module("intyg", level),
    };
    let _ = builder
        .format(move |buf, record| {
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            writeln!(buf, "[{ms:>8.1} ms {:<5} {}] {}", record.level(), record.target(), record.args())
        })
        .try_init();
}

/// Runs one command.
pub fn run(cli: cli::Cli) -> anyhow::Result<ExitCode> {
    init_logging(cli.verbose);
    locale::set_messages(cmd::messages(&cli.command));
    log::debug!("intyg {} ({})", env!("CARGO_PKG_VERSION"), std::env::args().collect::<Vec<_>>().join(" "));
    match cli.command {
        cli::Command::App(args) => cmd::app::run(&args),
        cli::Command::Init(args) => cmd::init::run(&args),
        cli::Command::Issue(args) => cmd::issue::run(&args),
        cli::Command::Send(args) => cmd::send::run(&args),
        cli::Command::Preview(args) => cmd::preview::run(&args),
        cli::Command::Watch(args) => cmd::watch::run(&args),
        cli::Command::Check(args) => cmd::check::run(&args),
        cli::Command::Expiring(args) => cmd::expiring::run(&args),
        cli::Command::Report(args) => cmd::report::run(&args),
        cli::Command::Sheets(args) => cmd::door::run(&args, crate::job::door::Sheet::Signing),
        cli::Command::Badges(args) => cmd::door::run(&args, crate::job::door::Sheet::Badges),
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
