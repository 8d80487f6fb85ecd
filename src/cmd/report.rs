//! `intyg report`: the report job ([`crate::job::report`]) from the
//! command line, and what it wrote, on stderr.

use std::process::ExitCode;

use super::{Stop, stop};
use crate::cli::ReportArgs;
use crate::job::report::{Job, write};

/// Runs `intyg report`.
pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    match job(args).and_then(|job| make(&job)) {
        Ok(code) => Ok(code),
        Err(s) => Ok(stop(s, false, args.quiet)),
    }
}

/// The report `intyg report` is asked for; a wrong `--lang` or `--on` stops
/// it here.
pub fn job(args: &ReportArgs) -> Result<Job, Stop> {
    Ok(Job {
        dir: args.dir.clone(),
        out: args.out.clone(),
        lang: super::lang_arg(args.lang.as_deref())?,
        year: args.year,
        figures: args.figures.clone(),
        template: args.template.clone(),
        on: super::args::on_arg(args.on.as_deref())?,
        quiet: args.quiet,
    })
}

fn make(job: &Job) -> Result<ExitCode, Stop> {
    let written = write(job)?;
    super::print_problems(&written.warnings, job.quiet);
    if !job.quiet {
        let (file, pages) = (written.file.display(), written.pages);
        eprintln!("{}", tr!("Wrote {file} ({pages} pages)", "Skrev {file} ({pages} sidor)"));
        if let Some(path) = &job.figures {
            let path = path.display();
            eprintln!("{}", tr!("Figures: {path}", "Siffror: {path}"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
