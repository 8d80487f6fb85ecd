//! `intyg check`: every validation `issue` does, writing nothing.

use std::process::ExitCode;

use super::{
    IssuedDoc, Stop, Summary, kind_counts, overflow_problem, prepare, print_problems, renderer, stop, template_problem,
};
use crate::cli::InputArgs;
use crate::plan::DocKind;

/// Runs `intyg check`.
pub fn run(args: &InputArgs) -> anyhow::Result<ExitCode> {
    let prepared = match prepare(args, None) {
        Ok(p) => p,
        Err(s) => return Ok(stop(s, args.json, args.quiet)),
    };
    let mut problems = prepared.plan.problems.clone();
    // The template must compile on the first record of each kind.
    if !problems.has_errors() {
        let renderer = renderer(&prepared);
        let data = prepared.data();
        for kind in [DocKind::Kursintyg, DocKind::Deltagarintyg] {
            if let Some(doc) = prepared.plan.docs.iter().find(|d| d.kind == kind) {
                let rendered = data.of(doc, None).and_then(|v| renderer.render(kind.template_index(), &v, &doc.id));
                match rendered {
                    Ok(r) if r.pages == 1 => {}
                    Ok(r) => problems.push(overflow_problem(&prepared.table, doc, &data.holder_name(doc), r.pages)),
                    Err(msg) => problems.push(template_problem(&prepared.table, doc, &data.holder_name(doc), &msg)),
                }
            }
        }
    }
    if problems.has_errors() {
        return Ok(stop(Stop::Problems(problems), args.json, args.quiet));
    }
    print_problems(&problems, args.quiet);
    let docs = &prepared.plan.docs;
    if !args.quiet {
        eprintln!(
            "OK: {} records in {} ({}); {}, {} not eligible; {} warning{}",
            prepared.records,
            prepared.table.path.display(),
            match &prepared.table.sheet {
                Some(sheet) => format!("sheet \"{sheet}\""),
                None => prepared.table.encoding.to_owned(),
            },
            kind_counts(docs.iter().map(|d| d.kind)),
            prepared.plan.not_eligible.len(),
            problems.0.len(),
            if problems.0.len() == 1 { "" } else { "s" },
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
        };
        println!("{}", serde_json::to_string_pretty(&s)?);
    }
    Ok(ExitCode::SUCCESS)
}
