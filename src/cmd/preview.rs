//! `intyg preview`: the preview job ([`crate::job::preview`]) from the
//! command line, and what it drew, on stderr.

use std::process::ExitCode;

use super::{Stop, print_problems, stop};
use crate::cli::PreviewArgs;
use crate::job::preview::{Job, make};

/// Runs `intyg preview`.
pub fn run(args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let quiet = args.input.quiet;
    match job(args).and_then(|job| make(&job, false)) {
        Ok(made) => {
            print_problems(&made.problems, quiet);
            if !quiet {
                crate::problem::eprint_painted(&made.line);
            }
            let failed = made.problems.has_errors();
            Ok(if failed { ExitCode::from(super::term::EXIT_PROBLEMS) } else { ExitCode::SUCCESS })
        }
        Err(s) => Ok(stop(s, false, quiet)),
    }
}

/// The preview `intyg preview` or `intyg watch` is asked for.
pub fn job(args: &PreviewArgs) -> Result<Job, Stop> {
    Ok(Job {
        options: super::args::options(&args.input, None)?,
        record: args.record,
        name: args.name.clone(),
        page: args.page,
        out: args.out.clone(),
        dpi: args.dpi,
        all: args.all,
        quiet: args.input.quiet,
    })
}
