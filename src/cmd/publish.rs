//! `intyg publish`: the publish job ([`crate::job::publish`]) from the
//! command line, and what it wrote, on stderr.

use std::process::ExitCode;

use super::Stop;
use crate::cli::PublishArgs;
use crate::job::publish::{Job, publish};

/// Runs `intyg publish`.
pub fn run(args: &PublishArgs) -> anyhow::Result<ExitCode> {
    match job(args).and_then(|job| publish(&job)) {
        Ok(p) => {
            for line in p.lines() {
                eprintln!("{line}");
            }
            for line in p.warnings() {
                crate::problem::eprint_painted(&tr!("warning: {line}", "varning: {line}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(s) => Ok(super::stop(s, false, false)),
    }
}

/// The site `intyg publish` is asked for; a wrong `--on` stops it here.
pub fn job(args: &PublishArgs) -> Result<Job, Stop> {
    Ok(Job {
        register: args.register.clone(),
        out: args.out.clone(),
        key: args.key.clone(),
        on: super::run_date(args.on.as_deref()).map_err(Stop::Usage)?,
    })
}
