//! `intyg verify`: checks documents and says, for each, whether it is valid
//! and if not, why.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::term::EXIT_PROBLEMS;
use super::usage_error;
use crate::cli::VerifyArgs;
use crate::verify::{self, Outcome, Trust, Verdict};

#[derive(Serialize)]
struct FileReport {
    file: PathBuf,
    #[serde(flatten)]
    report: Verdict,
}

/// Runs `intyg verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let key = match args.key.as_deref().map(super::public_key).transpose() {
        Ok(k) => k,
        Err(code) => return Ok(code),
    };
    let register = match args
        .register
        .as_deref()
        .map(|p| super::existing_register(p, "give the register.csv `intyg issue` wrote"))
        .transpose()
    {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let on = match super::run_date(args.on.as_deref()) {
        Ok(d) => d,
        Err(hinted) => return Ok(super::usage_exit(hinted)),
    };
    let trust = Trust { key: key.as_ref(), register: register.as_ref(), on };
    let mut reports = Vec::new();
    for file in &args.files {
        let report = match std::fs::read(file) {
            Ok(bytes) => verify::check(&bytes, &trust),
            Err(e) => {
                return Ok(usage_error(format!("cannot read {}: {e}", file.display()), "name PDF files that exist"));
            }
        };
        reports.push(FileReport { file: file.clone(), report });
    }
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&reports)?)?;
    } else {
        for r in &reports {
            out!("{}", human(r))?;
        }
    }
    let all_valid = reports.iter().all(|r| r.report.outcome == Outcome::Valid);
    Ok(if all_valid { ExitCode::SUCCESS } else { ExitCode::from(EXIT_PROBLEMS) })
}

/// A few lines a person reads: the outcome first, then what the document
/// claims, then why.
fn human(r: &FileReport) -> String {
    let rep = &r.report;
    let mut out = format!("{}: {}\n", r.file.display(), rep.outcome.as_str());
    if let Some(id) = &rep.id {
        out.push_str(&format!("  id:       {id}\n"));
    }
    if let Some(c) = &rep.credential {
        let subject = &c["credentialSubject"];
        let line =
            |label: &str, v: &serde_json::Value| v.as_str().map(|s| format!("  {label:<9} {s}\n")).unwrap_or_default();
        out.push_str(&line("holder:", &subject["identifier"][0]["identityHash"]));
        out.push_str(&line("for:", &subject["achievement"]["name"]));
        out.push_str(&line("issuer:", &c["issuer"]["name"]));
        let day = |v: &serde_json::Value| serde_json::json!(v.as_str().and_then(|s| s.get(..10)));
        out.push_str(&line("from:", &day(&c["validFrom"])));
        out.push_str(&line("until:", &day(&c["validUntil"])));
    }
    if let Some(k) = &rep.signed_by {
        out.push_str(&format!("  key:      {k}\n"));
    }
    for reason in &rep.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    out
}
