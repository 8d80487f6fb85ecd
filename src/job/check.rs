//! The check job: everything `intyg issue` would refuse or warn about in a
//! prepared run, writing nothing. `intyg check` and the app's folder page
//! say it with the same words.

use crate::batch::{Prepared, by_row_once, lay_out, overflow_problem, renderer, template_problems, wrapped_problem};
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
        let holder = data.holder_name(doc);
        let wrapped = laid.wrapped().into_iter().map(|(text, min)| wrapped_problem(table, doc, &holder, &text, min));
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
