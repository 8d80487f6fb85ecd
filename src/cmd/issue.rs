//! `intyg issue`: the issue job ([`crate::job::issue`]) from the command
//! line, and what it wrote, on stderr (and as JSON on stdout with
//! `--json`).

use std::path::PathBuf;
use std::process::ExitCode;

use super::{Progress, Stop, Summary, kind_counts, print_problems, stop};
use crate::cli::IssueArgs;
use crate::job::issue::{Job, Shard, execute};
use crate::plan::DocKind;
use crate::problem::Problems;

/// Runs `intyg issue`.
pub fn run(args: &IssueArgs) -> anyhow::Result<ExitCode> {
    let input = &args.input;
    let progress = if input.quiet { Progress::Hidden } else { Progress::Bar };
    let issued = match job(args).and_then(|job| execute(&job, progress)) {
        Ok(i) => i,
        Err(s) => return Ok(stop(s, input.json, input.quiet)),
    };
    print_problems(&Problems(issued.summary.problems.clone()), input.quiet);
    if !input.quiet {
        eprint!("{}", human_summary(&issued.summary, args.combined.as_ref()));
        if let Some(line) = &issued.signed_with {
            eprintln!("{line}");
        }
        if let Some(dir) = &args.credentials {
            let dir = dir.display();
            eprintln!("{}", tr!("Credentials: {dir}", "Digitala intyg (Open Badges): {dir}"));
        }
        if let Some(dir) = &args.emit_typst {
            let dir = dir.display();
            eprintln!(
                "{}",
                tr!(
                    "Typst project: {dir} (in it: typst compile --font-path fonts all.typ)",
                    "Typst-projekt: {dir} (i mappen: typst compile --font-path fonts all.typ)"
                )
            );
        }
    }
    if input.json {
        outln!("{}", serde_json::to_string_pretty(&issued.summary)?)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The run `intyg issue` is asked for; a wrong `--shard`, `--lang` or
/// `--on` stops it here.
pub fn job(args: &IssueArgs) -> Result<Job, Stop> {
    let shard = match &args.shard {
        Some(s) => Some(Shard::parse(s).map_err(|msg| {
            Stop::usage(
                msg,
                tr!(
                    "write --shard K/N, e.g. --shard 2/4 for the second of four slices",
                    "skriv --shard K/N, t.ex. --shard 2/4 för den andra av fyra delar"
                ),
            )
        })?),
        None => None,
    };
    Ok(Job {
        options: super::args::options(&args.input, args.out.as_deref())?,
        combined: args.combined.clone(),
        credentials: args.credentials.clone(),
        shard,
        emit_typst: args.emit_typst.clone(),
    })
}

fn human_summary(s: &Summary, combined: Option<&PathBuf>) -> String {
    // The people first and the totals last, so that the last lines on the
    // screen after a long run are the summary, however many are listed.
    let mut out = String::new();
    for d in s.issued.iter().filter(|d| d.kind == DocKind::Deltagarintyg) {
        let (row, name, missed) = (d.row, &d.name, d.missed.join(", "));
        out.push_str(&tr!(
            "  deltagarintyg: row {row}, {name}: missed {missed}\n",
            "  deltagarintyg: rad {row}, {name}: missade {missed}\n"
        ));
    }
    for n in &s.not_eligible {
        let org = if n.organisation.is_empty() { String::new() } else { format!(" ({})", n.organisation) };
        let (row, name, why) = (n.row, &n.name, n.why());
        out.push_str(&tr!(
            "  not eligible: row {row}, {name}{org}: {why}\n",
            "  uppfyller inte kraven: rad {row}, {name}{org}: {why}\n"
        ));
    }
    if let Some(c) = &s.changes {
        out.push_str(&super::changes_lines(c));
    }
    let n = s.issued.len();
    let kinds = kind_counts(s.issued.iter().map(|d| d.kind));
    let dir = s.out.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
    out.push_str(&if n == 1 {
        tr!("Issued {n} document ({kinds}) in {dir}\n", "Utfärdade {n} dokument ({kinds}) i {dir}\n")
    } else {
        tr!("Issued {n} documents ({kinds}) in {dir}\n", "Utfärdade {n} dokument ({kinds}) i {dir}\n")
    });
    if !s.not_eligible.is_empty() {
        let count = s.not_eligible.len();
        out.push_str(&tr!(
            "Not eligible: {count} (listed above)\n",
            "Uppfyller inte kraven: {count} (se listan ovan)\n"
        ));
    }
    if s.reading.as_ref().is_some_and(|r| r.everyone_present) {
        out.push_str(&tr!(
            "Attendance: attendance = \"all\" in intyg.toml counts every registered person as present\n",
            "Närvaro: attendance = \"all\" i intyg.toml räknar alla anmälda som närvarande\n"
        ));
    }
    if let Some(c) = &s.changes {
        let (new, changed, unchanged, gone) = (c.new, c.changed.len() + c.replaced.len(), c.unchanged, c.gone.len());
        // Swedish agrees with "dokument" (neuter): 1 nytt, 2 nya.
        let (nya, ändrade, oförändrade) = (
            if new == 1 { "nytt" } else { "nya" },
            if changed == 1 { "ändrat" } else { "ändrade" },
            if unchanged == 1 { "oförändrat" } else { "oförändrade" },
        );
        out.push_str(&tr!(
            "Since the last run: {new} new, {changed} changed, {unchanged} unchanged, {gone} in the register but not issued now (listed above)\n",
            "Sedan förra körningen: {new} {nya}, {changed} {ändrade}, {unchanged} {oförändrade}, {gone} i registret men inte utfärdade nu (se ovan)\n"
        ));
    }
    if let Some(r) = &s.register {
        let r = r.display();
        out.push_str(&tr!("Register: {r}\n", "Register: {r}\n"));
    }
    if let Some(c) = combined {
        let c = c.display();
        out.push_str(&tr!("Combined PDF: {c}\n", "Samlad PDF: {c}\n"));
    }
    out
}
