//! Command-line arguments turned into the library's plain settings, once:
//! `--lang` (which from then on is also the language of messages) and
//! `--on` are read and checked here.

use std::path::Path;

use chrono::NaiveDate;

use super::{Stop, lang_arg, run_date};
use crate::batch::Options;
use crate::cli::InputArgs;

/// The settings `args` ask for, with `out` the output folder a command
/// names.
pub fn options(args: &InputArgs, out: Option<&Path>) -> Result<Options, Stop> {
    let lang = lang_arg(args.lang.as_deref())?;
    let on = on_arg(args.on.as_deref())?;
    Ok(Options {
        dir: args.dir.clone(),
        records: args.records.clone(),
        sheet: args.sheet.clone(),
        header_row: args.header_row,
        template: args.template.clone(),
        lang,
        on,
        key: args.key.clone(),
        out: out.map(Path::to_path_buf),
        keep_rows: false,
        roster: false,
    })
}

/// The run date `--on` gives, if it gives one.
pub fn on_arg(on: Option<&str>) -> Result<Option<NaiveDate>, Stop> {
    match on {
        Some(_) => Ok(Some(run_date(on).map_err(Stop::Usage)?)),
        None => Ok(None),
    }
}

/// The preview `intyg preview` or `intyg watch` is asked for.
pub fn preview(args: &crate::cli::PreviewArgs) -> Result<crate::job::preview::Job, Stop> {
    Ok(crate::job::preview::Job {
        options: options(&args.input, None)?,
        record: args.record,
        name: args.name.clone(),
        page: args.page,
        out: args.out.clone(),
        dpi: args.dpi,
        all: args.all,
        quiet: args.input.quiet,
    })
}
