//! Command-line arguments turned into the library's plain settings, once:
//! `--lang` (which from then on is also the language of messages) and
//! `--on` are read and checked here.

use std::path::Path;

use super::{Stop, lang_arg, run_date};
use crate::batch::Options;
use crate::cli::InputArgs;

/// The settings `args` ask for, with `out` the output folder a command
/// names.
pub fn options(args: &InputArgs, out: Option<&Path>) -> Result<Options, Stop> {
    let lang = lang_arg(args.lang.as_deref())?;
    let on = match args.on.as_deref() {
        Some(_) => Some(run_date(args.on.as_deref()).map_err(|(msg, hint)| Stop::Usage(msg, hint))?),
        None => None,
    };
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
    })
}
