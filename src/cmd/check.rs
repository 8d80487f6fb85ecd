//! `intyg check`: every validation `issue` does, writing nothing.

use std::process::ExitCode;

use super::{
    IssuedDoc, Prepared, Stop, Summary, by_row_once, kind_counts, lay_out, overflow_problem, prepare, print_problems,
    print_reading, renderer, stop, stop_after_reading, template_problems, wrapped_problem,
};
use crate::cli::InputArgs;
use crate::plan::{Doc, DocKind};
use crate::problem::{Problem, Problems};
use crate::render::Laid;

/// Lays out every document as `issue` would, writing nothing: the template
/// must work, every document must fit on its page, and texts set on two
/// lines are warned about. The first document of each kind goes first, so
/// a broken template is one error, not one per record.
fn lay_out_all(prepared: &Prepared) -> Problems {
    let renderer = renderer(prepared);
    let data = prepared.data();
    let table = &prepared.table;
    let problems_in = |doc: &Doc, laid: &Laid| -> Vec<Problem> {
        let pages = laid.document.pages().len();
        let overflow = (pages != 1).then(|| overflow_problem(table, &data, doc, pages));
        let wrapped = laid.wrapped().into_iter().map(|(text, min)| wrapped_problem(table, doc, &text, min));
        overflow.into_iter().chain(wrapped).collect()
    };
    let problems_of = |doc: &Doc| -> Vec<Problem> {
        match lay_out(&renderer, &data, table, doc) {
            Ok(laid) => problems_in(doc, &laid),
            Err(p) => p.0,
        }
    };
    let docs = &prepared.plan.docs;
    let firsts: Vec<usize> = DocKind::ALL.iter().filter_map(|k| docs.iter().position(|d| d.kind == *k)).collect();
    let mut found: Vec<(usize, Problem)> = Vec::new();
    for &i in &firsts {
        let doc = &docs[i];
        let laid = match lay_out(&renderer, &data, table, doc) {
            Ok(laid) => laid,
            Err(p) => {
                found.extend(p.0.into_iter().map(|p| (doc.row, p)));
                continue;
            }
        };
        found.extend(problems_in(doc, &laid).into_iter().map(|p| (doc.row, p)));
        // What only the PDF export checks (PDF/A's rules on images and
        // colours) holds for every document of a template once it holds
        // for one: its first is written, to nowhere.
        if let Err(p) = renderer.export(&laid, &doc.id, Some(crate::batch::created(&data, doc))) {
            let p = template_problems(table, doc, &data.holder_name(doc), p);
            found.extend(p.0.into_iter().map(|p| (doc.row, p)));
        }
    }
    if found.iter().any(|(_, p)| p.is_error()) {
        return by_row_once(found);
    }
    let rest: Vec<&Doc> = docs.iter().enumerate().filter(|(i, _)| !firsts.contains(i)).map(|(_, d)| d).collect();
    let laid = crate::batch::layout::each(&renderer, &rest, &|| false, &|| {}, |d| problems_of(d));
    for (doc, ps) in rest.iter().zip(laid) {
        found.extend(ps.into_iter().flatten().map(|p| (doc.row, p)));
    }
    renderer.end_batch();
    by_row_once(found)
}

/// Everything `intyg issue` would refuse or warn about in a prepared run:
/// the plan's problems, then, when there are no errors, every document
/// laid out. `intyg check` and the app's folder page say it with these words.
pub fn examine(prepared: &Prepared) -> Problems {
    let mut problems = prepared.plan.problems.clone();
    if !problems.has_errors() {
        problems.extend(lay_out_all(prepared));
    }
    problems
}

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
        eprint!("{}", super::issue::changes_lines(c));
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
