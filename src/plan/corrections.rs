//! Corrections between runs: a participant whose name (or e-mail address,
//! typed from the misspelt name) was corrected in the sheet keeps the id the
//! register gave them, so that a rerun replaces their document instead of
//! issuing a second one to the same person.
//!
//! The register knows a holder by e-mail, or by name and organisation, so
//! a correction makes a new key. When exactly one holder of the register is
//! gone from the sheet and exactly one new row fits them (the same kind of
//! document, the same organisation, a name within a small edit distance),
//! the new row is that holder. When more than one could be, the run stops
//! and asks: `[renamed]` in intyg.toml says which.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::DocKind;
use crate::problem::{Problem, Problems};
use crate::project::{Course, Project};
use crate::records::Table;
use crate::register::{Entry, Register, Status};

/// A participant of this run who gets a document, as corrections see them.
pub struct Holder<'p> {
    /// Row in the records file.
    pub row: usize,
    /// Name as the records have it.
    pub name: &'p str,
    /// Organisation as the records have it.
    pub organisation: &'p str,
    /// The document they get.
    pub kind: DocKind,
    /// Their document's register key.
    pub key: &'p str,
}

/// A holder the register knew by another name or address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// Row in the records file.
    pub row: usize,
    /// The id the document keeps.
    pub id: String,
    /// The name the register had.
    pub before: String,
    /// The name the records have now.
    pub after: String,
}

/// What [`find`] decided.
#[derive(Default)]
pub struct Found<'r> {
    /// Register key of a corrected holder's document → the id it keeps.
    pub ids: HashMap<String, &'r str>,
    /// The corrections, in row order.
    pub corrections: Vec<Correction>,
}

/// Finds the holders of this run who are register holders under a
/// corrected name or address. `holders` are everyone who gets a document.
pub fn find<'r>(
    project: &Project,
    course: &Course,
    table: &Table,
    register: &'r Register,
    holders: &[Holder],
    problems: &mut Problems,
) -> Found<'r> {
    let mut found = Found::default();
    let code = &course.programme.code;
    let renamed = &course.records.renamed;
    let mine = |e: &&Entry| {
        e.scheme_code == *code && DocKind::from_name(&e.kind).is_some_and(|k| course.kind.spec().documents.contains(&k))
    };
    let this_run: HashSet<&str> = holders.iter().map(|h| h.key).collect();
    let issued = course.issued();
    // The register's keys, and the holders of its documents of this date
    // that no row has now: one pass, each key made once.
    let mut known: HashSet<String> = HashSet::new();
    let mut gone: Vec<&'r Entry> = Vec::new();
    for e in register.entries.iter().filter(mine) {
        let key = e.key();
        if e.status != Status::Revoked && e.awarded == issued && !this_run.contains(key.as_str()) {
            gone.push(e);
        }
        known.insert(key);
    }
    for (id, name) in renamed {
        let at = project.place(&format!("\"{id}\""));
        let entry = register.entries.iter().find(|e| e.id == *id);
        if entry.is_none() {
            problems.push(
                Problem::error(
                    at,
                    tr!(
                        "[renamed] \"{id}\": the register has no such id",
                        "[renamed] \"{id}\": registret har inget sådant id"
                    ),
                )
                .hint(tr!(
                    "the ids are in the first column of the register (register.csv)",
                    "id:na står i registrets första kolumn (register.csv)"
                )),
            );
        } else if let Some(e) = entry.filter(|e| this_run.contains(e.key().as_str()) && !same_name(&e.holder, name)) {
            let holder = &e.holder;
            problems.push(
                Problem::error(
                    at,
                    tr!(
                        "[renamed] \"{id}\": {holder} still has that id in the records",
                        "[renamed] \"{id}\": {holder} har fortfarande det id:t i deltagarlistan"
                    ),
                )
                .hint(tr!(
                    "remove the line: an id stays with the holder who has it",
                    "ta bort raden: ett id stannar hos den som har det"
                )),
            );
        } else if !name.trim().is_empty() && !holders.iter().any(|h| same_name(h.name, name)) {
            problems.push(
                Problem::error(
                    at,
                    tr!(
                        "[renamed] \"{id}\" = \"{name}\": nobody who gets a document has that name",
                        "[renamed] \"{id}\" = \"{name}\": ingen som får ett dokument har det namnet"
                    ),
                )
                .hint(tr!(
                    "write the name exactly as the records have it now, or remove the line",
                    "skriv namnet precis som det står i deltagarlistan nu, eller ta bort raden"
                )),
            );
        }
    }
    if gone.is_empty() {
        return found;
    }
    let newcomers: Vec<&Holder> = holders.iter().filter(|h| !known.contains(h.key)).collect();
    // What [renamed] says first: `= ""` means the holder left.
    gone.retain(|e| match renamed.get(&e.id) {
        None => true,
        Some(name) => {
            if let Some(h) = newcomers.iter().find(|h| same_name(h.name, name)) {
                found.ids.insert(h.key.to_owned(), e.id.as_str());
                found.corrections.push(correction(h, e));
            }
            false
        }
    });
    let open: Vec<&&Holder> = newcomers.iter().filter(|h| !found.ids.contains_key(h.key)).collect();
    let fits = |h: &Holder, e: &Entry| {
        e.kind == h.kind.name() && close(&e.holder, h.name) && same_organisation(e, h.organisation)
    };
    for h in &open {
        let candidates: Vec<&&Entry> = gone.iter().filter(|e| fits(h, e)).collect();
        let [e] = candidates.as_slice() else {
            if !candidates.is_empty() {
                problems.push(ambiguous(table, h, &candidates));
            }
            continue;
        };
        let rivals: Vec<&&&Holder> = open.iter().filter(|o| fits(o, e)).collect();
        if rivals.len() == 1 {
            found.ids.insert(h.key.to_owned(), e.id.as_str());
            found.corrections.push(correction(h, e));
        } else {
            problems.push(ambiguous(table, h, &candidates));
        }
    }
    found.corrections.sort_by_key(|c| c.row);
    found
}

fn correction(h: &Holder, e: &Entry) -> Correction {
    Correction { row: h.row, id: e.id.clone(), before: e.holder.clone(), after: h.name.to_owned() }
}

/// The error for a row that could be the corrected name of more than one
/// holder, or one of several rows that could be one holder's.
fn ambiguous(table: &Table, h: &Holder, candidates: &[&&Entry]) -> Problem {
    let name = h.name;
    let list = candidates.iter().map(|e| format!("{} ({})", e.holder, e.id)).collect::<Vec<_>>().join(", ");
    let id = &candidates[0].id;
    Problem::error(
        table.place(h.row, None),
        tr!(
            "{name} is new in the sheet and could be the corrected name of {list} in the register, as could another row: intyg cannot tell who is who",
            "{name} är ny i listan och kan vara det rättade namnet på {list} i registret, liksom en annan rad: intyg kan inte avgöra vem som är vem"
        ),
    )
    .hint(tr!(
        "say it in intyg.toml, one line per corrected person: [renamed] \"{id}\" = \"{name}\" keeps that id for {name}; \"{id}\" = \"\" says the register's person has left",
        "ange det i intyg.toml, en rad per rättad person: [renamed] \"{id}\" = \"{name}\" behåller det id:t för {name}; \"{id}\" = \"\" säger att registrets person har slutat"
    ))
}

/// Names that are the same, whatever the case and spacing.
fn same_name(a: &str, b: &str) -> bool {
    normal(a) == normal(b)
}

fn normal(s: &str) -> String {
    crate::locale::identity(s)
}

/// Names within a typo of each other: one edit in all, or the same number
/// of names with at most two edits, one in a name of five letters or fewer
/// (`Ana Lind` → `Anna Lind`, `Ann-Marie` → `Ann Marie`; not `Eva Berg` →
/// `Åsa Berg`).
fn close(a: &str, b: &str) -> bool {
    let (a, b) = (normal(a), normal(b));
    if strsim::damerau_levenshtein(&a, &b) <= 1 {
        return true;
    }
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if x.len() != y.len() {
        return false;
    }
    let mut total = 0;
    for (x, y) in x.iter().zip(&y) {
        let d = strsim::damerau_levenshtein(x, y);
        let allowed = if x.chars().count().min(y.chars().count()) <= 5 { 1 } else { 2 };
        if d > allowed {
            return false;
        }
        total += d;
    }
    total <= 2
}

/// Whether the register's holder was in `organisation`: the register keeps
/// it in the holder id of someone without an e-mail address.
fn same_organisation(e: &Entry, organisation: &str) -> bool {
    if e.holder_id.contains('@') {
        return true;
    }
    e.holder_id.rsplit_once(" / ").is_none_or(|(_, org)| org == crate::locale::identity(organisation))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_close_and_other_people_are_not() {
        assert!(close("Ana Lind", "Anna Lind"));
        assert!(close("Per Ek", "Pär Ek"));
        assert!(close("Zoe  Lindahl", "zoë lindahl"));
        assert!(!close("Eva Berg", "Åsa Berg"));
        assert!(!close("Per Ek", "Pia Eka"));
        assert!(!close("Ann", "Anna Li"));
        assert!(close("Ann-Marie Lind", "Ann Marie Lind"));
        assert!(close("Katarina Lindal", "Katharina Lindahl"));
        assert!(!close("Katarina Lindal", "Kristina Lindahl"));
    }
}
