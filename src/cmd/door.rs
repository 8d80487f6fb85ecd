//! `intyg sheets` and `intyg badges`: the door job ([`crate::job::door`])
//! from the command line, and what it wrote, on stderr.

use std::process::ExitCode;

use super::stop;
use crate::cli::DoorArgs;
use crate::job::door::{Job, Sheet, make};

/// Runs `intyg sheets` or `intyg badges`.
pub fn run(args: &DoorArgs, sheet: Sheet) -> anyhow::Result<ExitCode> {
    let job = super::lang_arg(args.lang.as_deref()).map(|lang| Job {
        options: crate::batch::Options { lang, ..crate::batch::Options::new(&args.dir) },
        out: args.out.clone(),
        blank: args.blank,
    });
    match job.and_then(|job| make(&job, sheet)) {
        Ok(made) => {
            if !args.quiet {
                eprintln!("{}", made.said());
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(s) => Ok(stop(s, false, args.quiet)),
    }
}
