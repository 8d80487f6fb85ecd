//! `intyg preview`: the preview job ([`crate::job::preview`]) from the
//! command line, and what it drew, on stderr.

use std::process::ExitCode;

use super::{print_problems, stop};
use crate::cli::PreviewArgs;
use crate::job::preview::make;

/// Runs `intyg preview`.
pub fn run(args: &PreviewArgs) -> anyhow::Result<ExitCode> {
    let quiet = args.input.quiet;
    match super::args::preview(args).and_then(|job| make(&job, false)) {
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
