//! `intyg app`: the local web app, started from the command line.

use std::process::ExitCode;
use std::time::Duration;

use crate::cli::AppArgs;

/// Runs `intyg app` until no page of it has been open for a while, or Ctrl-C.
pub fn run(args: &AppArgs) -> anyhow::Result<ExitCode> {
    let lang = match super::lang_arg(args.lang.as_deref()) {
        Ok(l) => l.unwrap_or_else(crate::locale::messages),
        Err(s) => return Ok(super::stop(s, false, false)),
    };
    let config = crate::app::Config {
        folders: args.folders.clone(),
        port: args.port,
        open_browser: !args.no_browser,
        lang,
        idle: Duration::from_secs(args.idle),
    };
    match crate::app::serve(config) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => Ok(super::usage_exit(e)),
    }
}
