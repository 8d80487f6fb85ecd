//! `intyg register merge`: joins the registers of the shards of a batch
//! (`intyg issue --shard K/N`) into one, the same as one run would write.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::term::EXIT_PROBLEMS;
use super::{existing_register, print_problems, run_date, usage_error};
use crate::cli::{RegisterAction, RegisterArgs};
use crate::problem::{Place, Problem, Problems};
use crate::register::{Entry, Register};

/// Runs `intyg register`.
pub fn run(args: &RegisterArgs) -> anyhow::Result<ExitCode> {
    match &args.action {
        RegisterAction::Merge { files, out, on, lang } => {
            if let Err(stop) = super::lang_arg(lang.as_deref()) {
                return Ok(super::stop(stop, false, false));
            }
            merge(files, out.as_deref(), on.as_deref())
        }
    }
}

fn merge(files: &[PathBuf], out: Option<&Path>, on: Option<&str>) -> anyhow::Result<ExitCode> {
    let on = match run_date(on) {
        Ok(d) => d,
        Err(hinted) => return Ok(super::usage_exit(hinted)),
    };
    // Shards in slice order, whatever order the shell listed them in, so
    // that rows come in the order of one run.
    let mut files = files.to_vec();
    files.sort_by_key(|f| shard_index(f));
    let mut registers = Vec::new();
    for file in &files {
        match existing_register(
            file,
            &tr!(
                "give the register files `intyg issue --shard` wrote",
                "ange registerfilerna som `intyg issue --shard` skrev"
            ),
        ) {
            Ok(r) => registers.push((file.clone(), r)),
            Err(code) => return Ok(code),
        }
    }
    let (merged, problems) = join(&registers);
    if problems.has_errors() {
        print_problems(&problems, false);
        eprintln!("{}", super::count_line(&problems));
        return Ok(ExitCode::from(EXIT_PROBLEMS));
    }
    let mut register = Register { entries: merged };
    register.merge(Vec::new(), on);
    let out = out.map_or_else(|| default_out(&files[0]), Path::to_path_buf);
    // The registers' folder's language chose the messages', and so the
    // words and separator Excel in that language expects.
    if let Err(e) = register.write(&out, crate::locale::messages()) {
        return Ok(usage_error(
            super::cannot_write(&out.display(), &e),
            &tr!("choose another file with --out", "välj en annan fil med --out"),
        ));
    }
    let (n, docs, out) = (files.len(), register.entries.len(), out.display());
    eprintln!(
        "{}",
        tr!("Merged {n} registers: {docs} documents in {out}", "Slog ihop {n} register: {docs} dokument i {out}")
    );
    Ok(ExitCode::SUCCESS)
}

/// Every row of every register, once. A row that two registers give
/// differently (the same id for another document, or another PDF) is an
/// error: those shards were not of one batch.
fn join(registers: &[(PathBuf, Register)]) -> (Vec<Entry>, Problems) {
    let mut merged: Vec<Entry> = Vec::new();
    let mut seen: std::collections::HashMap<String, (usize, &Path)> = std::collections::HashMap::new();
    let mut problems = Problems::default();
    for (file, register) in registers {
        for entry in &register.entries {
            match seen.get(&entry.id) {
                None => {
                    seen.insert(entry.id.clone(), (merged.len(), file));
                    merged.push(entry.clone());
                }
                Some(&(i, first)) => {
                    let known = &merged[i];
                    if !same_document(known, entry) {
                        let (id, holder, file_name) = (&entry.id, &entry.holder, &entry.file);
                        let (known_holder, known_file, first) = (&known.holder, &known.file, first.display());
                        problems.push(
                            Problem::error(
                                Place::file(file),
                                tr!(
                                    "{id} is {holder} ({file_name}) here but {known_holder} ({known_file}) in {first}",
                                    "{id} är {holder} ({file_name}) här men {known_holder} ({known_file}) i {first}"
                                ),
                            )
                            .hint(tr!(
                                "merge the shards of one batch, all issued from the same records and register",
                                "slå ihop delarna av en och samma körning, alla utfärdade från samma lista och register"
                            )),
                        );
                    }
                }
            }
        }
    }
    (merged, problems)
}

/// Whether two rows say the same of a document; status and superseded-by
/// are left out, as the merge works them out again.
fn same_document(a: &Entry, b: &Entry) -> bool {
    let plain = |e: &Entry| Entry { status: crate::register::Status::Valid, superseded_by: String::new(), ..e.clone() };
    plain(a) == plain(b)
}

/// K of a file named `….shard-K-of-N.csv`; other names sort last.
fn shard_index(file: &Path) -> usize {
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    name.split(".shard-").nth(1).and_then(|rest| rest.split('-').next()?.parse().ok()).unwrap_or(usize::MAX)
}

/// `register.csv` beside a shard's `register.shard-K-of-N.csv`.
fn default_out(first: &Path) -> PathBuf {
    let name = first.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.split(".shard-").next().filter(|s| !s.is_empty()).unwrap_or("register");
    first.with_file_name(format!("{}.csv", stem.trim_end_matches(".csv")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_files_sort_by_slice_and_merge_beside_them() {
        let mut files: Vec<PathBuf> =
            ["out/register.shard-10-of-12.csv", "out/register.shard-2-of-12.csv"].iter().map(PathBuf::from).collect();
        files.sort_by_key(|f| shard_index(f));
        assert_eq!(files[0], PathBuf::from("out/register.shard-2-of-12.csv"));
        assert_eq!(default_out(&files[0]), PathBuf::from("out/register.csv"));
    }
}
