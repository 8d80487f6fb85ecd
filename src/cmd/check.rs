//! `intyg check`: every validation `issue` does, writing nothing.

use std::process::ExitCode;

use super::{IssuedDoc, Stop, Summary, kind_counts, prepare, print_problems, print_reading, stop, stop_after_reading};
use crate::cli::InputArgs;
use crate::job::check::examine;

/// Runs `intyg check`.
pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let prepared = match super::args::options(args, None).and_then(|o| prepare(&o)) {
        Ok(p) => p,
        Err(s) => return Ok(stop(s, args.json, args.quiet)),
    };
    let problems = examine(&prepared);
    if problems.has_errors() {
        return Ok(stop_after_reading(Stop::Problems(problems), args.json, args.quiet, Some(prepared.reading.clone())));
    }
    if !args.quiet {
        print_reading(&prepared.reading);
    }
    print_problems(&problems, args.quiet);
    let docs = &prepared.plan.docs;
    let changes = prepared.changes(docs, None, true);
    if let Some(c) = changes.as_ref().filter(|_| !args.quiet) {
        // What issue would change, the content aside (that needs the PDFs).
        eprint!("{}", super::changes_lines(c));
    }
    if !args.quiet {
        let (records, file) = (prepared.records, prepared.table.path.display());
        let how = prepared.table.read_as();
        let kinds = kind_counts(docs.iter().map(|d| d.kind));
        let (not_eligible, w) = (prepared.plan.not_eligible.len(), problems.0.len());
        // As a person says it: who the records are, what they get, and
        // the warnings only when there are any.
        let holders = match (&prepared.holders, records) {
            (crate::plan::Holders::Organisations(_), 1) => tr!("organisation", "organisation"),
            (crate::plan::Holders::Organisations(_), _) => tr!("organisations", "organisationer"),
            (_, 1) => tr!("participant", "deltagare"),
            _ => tr!("participants", "deltagare"),
        };
        let gets = if not_eligible == 0 {
            kinds
        } else {
            tr!("{kinds}; {not_eligible} not eligible", "{kinds}; {not_eligible} uppfyller inte kraven")
        };
        let warnings = match w {
            0 => tr!("No warnings.", "Inga varningar."),
            1 => tr!("1 warning.", "1 varning."),
            _ => tr!("{w} warnings.", "{w} varningar."),
        };
        eprintln!(
            "{}",
            tr!(
                "OK: {records} {holders} in {file} ({how}): {gets}. {warnings}",
                "OK: {records} {holders} i {file} ({how}): {gets}. {warnings}"
            )
        );
    }
    if args.json {
        let data = prepared.data();
        let s = Summary {
            ok: true,
            out: None,
            register: None,
            issued: docs
                .iter()
                .map(|d| IssuedDoc {
                    id: d.id.clone(),
                    kind: d.kind,
                    name: data.holder_name(d),
                    row: d.row,
                    file: d.file_name.clone().into(),
                    missed: prepared.plan.missed.get(&d.row).cloned().unwrap_or_default(),
                })
                .collect(),
            not_eligible: prepared.plan.not_eligible.clone(),
            problems: problems.0,
            reading: Some(prepared.reading.clone()),
            changes,
        };
        outln!("{}", serde_json::to_string_pretty(&s)?)?;
    }
    Ok(ExitCode::SUCCESS)
}
