//! `intyg verify`: checks documents and says, for each, whether it is valid
//! and if not, why.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::VerifyArgs;
use crate::credential::keys;
use crate::register::Register;
use crate::verify::{self, Outcome, Report, Trust};
use crate::{EXIT_PROBLEMS, EXIT_USAGE};

#[derive(Serialize)]
struct FileReport {
    file: PathBuf,
    #[serde(flatten)]
    report: Report,
}

/// Runs `intyg verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let usage = |msg: String, hint: &str| {
        eprintln!("error: {msg}\n  hint: {hint}");
        Ok(ExitCode::from(EXIT_USAGE))
    };
    let key = match &args.key {
        Some(path) => match keys::read_public(path) {
            Ok(k) => Some(k),
            Err(e) => return usage(e.to_string(), "give the issuer's public key, the .pub file `intyg keygen` wrote"),
        },
        None => None,
    };
    let register = match &args.register {
        Some(path) if !path.is_file() => {
            return usage(format!("no register at {}", path.display()), "give the register.csv `intyg issue` wrote");
        }
        Some(path) => match Register::read(path) {
            Ok(r) => Some(r),
            Err(problems) => {
                for p in &problems.0 {
                    eprintln!("{p}");
                }
                return Ok(ExitCode::from(EXIT_PROBLEMS));
            }
        },
        None => None,
    };
    let on = match super::run_date(args.on.as_deref()) {
        Ok(d) => d,
        Err((msg, hint)) => return usage(msg, &hint),
    };
    let trust = Trust { key: key.as_ref(), register: register.as_ref(), on };
    let mut reports = Vec::new();
    for file in &args.files {
        let report = match std::fs::read(file) {
            Ok(bytes) => verify::check(&bytes, &trust),
            Err(e) => return usage(format!("cannot read {}: {e}", file.display()), "name PDF files that exist"),
        };
        reports.push(FileReport { file: file.clone(), report });
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    } else {
        for r in &reports {
            print!("{}", human(r));
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
