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
    /// The register it was checked against, when none was named and one
    /// was found beside or above it.
    #[serde(skip_serializing_if = "Option::is_none")]
    register: Option<PathBuf>,
    #[serde(flatten)]
    report: Verdict,
}

/// Runs `intyg verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    if let Err(stop) = super::lang_arg(args.lang.as_deref()) {
        return Ok(super::stop(stop, false, false));
    }
    let key = match args.key.as_deref().map(super::public_key).transpose() {
        Ok(k) => k,
        Err(code) => return Ok(code),
    };
    let register = match args
        .register
        .as_deref()
        .map(|p| {
            super::existing_register(
                p,
                &tr!("give the register.csv `intyg issue` wrote", "ange den register.csv som `intyg issue` skrev"),
            )
        })
        .transpose()
    {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let on = match super::run_date(args.on.as_deref()) {
        Ok(d) => d,
        Err(hinted) => return Ok(super::usage_exit(hinted)),
    };
    let status = match args.site.as_deref().map(|p| status_list(p, key.as_ref())).transpose() {
        Ok(s) => s,
        Err(code) => return Ok(code),
    };
    let mut found: std::collections::HashMap<PathBuf, crate::register::Register> = std::collections::HashMap::new();
    let mut reports = Vec::new();
    for file in &args.files {
        // Without --register, the register beside the document or above it.
        let near = if register.is_none() { crate::register::near(file) } else { None };
        if let Some(path) = &near
            && !found.contains_key(path)
        {
            let hint = tr!("name the register with --register", "ange registret med --register");
            match super::existing_register(path, &hint) {
                Ok(r) => {
                    found.insert(path.clone(), r);
                }
                Err(code) => return Ok(code),
            }
        }
        let register = register.as_ref().or_else(|| near.as_ref().and_then(|p| found.get(p)));
        let trust = Trust { key: key.as_ref(), register, status: status.as_ref(), on };
        let report = match std::fs::read(file) {
            Ok(bytes) => verify::check(&bytes, &trust),
            Err(e) => {
                let file = file.display();
                return Ok(usage_error(
                    tr!("cannot read {file}: {e}", "kan inte läsa {file}: {e}"),
                    &tr!("name PDF files that exist", "ange PDF-filer som finns"),
                ));
            }
        };
        reports.push(FileReport { file: file.clone(), register: near, report });
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

/// The status list of `--site`: the site folder's `status/revocation.jwt`,
/// or that file itself, its signature checked with `key` when given.
fn status_list(
    path: &std::path::Path,
    key: Option<&ed25519_dalek::VerifyingKey>,
) -> Result<crate::credential::status::List, ExitCode> {
    let file = if path.is_dir() { path.join(crate::credential::status::PATH) } else { path.to_path_buf() };
    let shown = file.display();
    let hint = tr!(
        "give the folder `intyg publish` wrote, or its status/revocation.jwt",
        "ange mappen som `intyg publish` skrev, eller dess status/revocation.jwt"
    );
    let token = std::fs::read_to_string(&file)
        .map_err(|e| usage_error(tr!("cannot read {shown}: {e}", "kan inte läsa {shown}: {e}"), &hint))?;
    crate::credential::status::List::read(&token, key).map_err(|why| {
        usage_error(
            tr!("{shown} is not the issuer's status list: {why}", "{shown} är inte utfärdarens statuslista: {why}"),
            &hint,
        )
    })
}

/// A few lines a person reads: the outcome first, then what the document
/// claims, then why.
fn human(r: &FileReport) -> String {
    let rep = &r.report;
    let mut out = format!("{}: {}\n", r.file.display(), rep.outcome.label());
    // Labels padded to one width, whichever language they are in.
    let line = |label: String, s: &str| format!("  {:<13} {s}\n", format!("{label}:"));
    for (label, value) in rep.fields() {
        out.push_str(&line(label, &value));
    }
    if let Some(register) = &r.register {
        out.push_str(&line(tr!("Register", "Register"), &register.display().to_string()));
    }
    for reason in &rep.reasons {
        out.push_str(&format!("  - {reason}\n"));
    }
    out
}
