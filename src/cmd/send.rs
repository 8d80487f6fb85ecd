//! `intyg send`: the send job ([`crate::job::send`]) from the command
//! line, and what it sent, on stderr (and as JSON on stdout with `--json`).

use std::process::ExitCode;

use super::{Progress, Stop, print_problems, stop};
use crate::cli::SendArgs;
use crate::job::send::{Deliveries, Job, execute, messages};
use crate::problem::Problems;

/// Runs `intyg send`.
pub fn run(args: &SendArgs) -> anyhow::Result<ExitCode> {
    let (json, quiet) = (args.input.json, args.input.quiet);
    let progress = if quiet { Progress::Hidden } else { Progress::Bar };
    let report = match job(args).and_then(|job| execute(&job, progress)) {
        Ok(r) => r,
        Err(s) => return Ok(stop(s, json, quiet)),
    };
    print_problems(&Problems(report.problems.clone()), quiet);
    if !quiet {
        eprint!("{}", human_summary(&report));
    }
    if let Some(why) = &report.stopped {
        let sent_messages = messages(report.sent.len());
        let rerun = tr!(
            "{sent_messages} were sent before the stop, and the delivery log says which; \
             run the same command again: it sends only the rest",
            "{sent_messages} skickades före avbrottet, och leveransloggen säger vilka; \
             kör samma kommando igen: det skickar bara resten"
        );
        let hint = match &report.hint {
            Some(h) => format!("{h}; {rerun}"),
            None => rerun,
        };
        crate::problem::eprint_painted(&crate::problem::Hinted::to_text(why, &hint));
    }
    if json {
        outln!("{}", serde_json::to_string_pretty(&report)?)?;
    }
    let missed = report.stopped.is_some()
        || (!report.dry_run
            && (!report.rejected.is_empty() || !report.skipped.is_empty() || !report.unknown.is_empty()));
    Ok(if missed { ExitCode::from(super::term::EXIT_PROBLEMS) } else { ExitCode::SUCCESS })
}

/// The run `intyg send` is asked for.
pub fn job(args: &SendArgs) -> Result<Job, Stop> {
    Ok(Job {
        options: super::args::options(&args.input, args.out.as_deref())?,
        dry_run: args.dry_run,
        eml: args.eml.clone(),
        only: args.only.clone(),
        resend: args.resend,
        yes: args.yes,
        smtp: args.smtp.clone(),
        quiet: args.input.quiet || args.input.json,
        password: None,
    })
}

fn human_summary(r: &Deliveries) -> String {
    let mut out = String::new();
    let n_messages = messages(r.sent.len());
    if r.dry_run {
        let dir = r.eml.as_ref().map(|d| d.display().to_string()).unwrap_or_default();
        out.push_str(&tr!(
            "Dry run: {n_messages} would be sent; nothing was sent. The messages are in {dir}\n",
            "Provkörning: {n_messages} skulle skickas; ingenting skickades. Meddelandena finns i {dir}\n"
        ));
    } else {
        let via = r.server.clone().unwrap_or_default();
        out.push_str(&if via.is_empty() {
            tr!("Sent {n_messages}\n", "Skickade {n_messages}\n")
        } else {
            tr!("Sent {n_messages} via {via}\n", "Skickade {n_messages} via {via}\n")
        });
    }
    if r.already_sent > 0 {
        let k = r.already_sent;
        out.push_str(&tr!("Sent before (in the log): {k}\n", "Skickade tidigare (enligt loggen): {k}\n"));
    }
    if !r.expired.is_empty() {
        let k = r.expired.len();
        out.push_str(&tr!(
            "Not sent, expired or replaced: {k} (name one with --only ID to send it anyway)\n",
            "Skickas inte, har gått ut eller ersatts: {k} (ange ett med --only ID för att skicka det ändå)\n"
        ));
    }
    if !r.skipped.is_empty() {
        let k = r.skipped.len();
        out.push_str(&tr!("Not sent, no usable address: {k}\n", "Skickas inte, ingen användbar adress: {k}\n"));
    }
    for m in &r.rejected {
        let (id, to, why) = (&m.id, &m.recipient, &m.response);
        out.push_str(&tr!(
            "  refused by the server: {id} to {to}: {why}\n",
            "  nekat av servern: {id} till {to}: {why}\n"
        ));
    }
    if !r.rejected.is_empty() {
        let k = r.rejected.len();
        out.push_str(&tr!(
            "Refused by the server: {k} (correct the addresses, then run again: only these are sent)\n",
            "Nekade av servern: {k} (rätta adresserna och kör sedan igen: bara dessa skickas)\n"
        ));
    }
    for m in &r.unknown {
        let (id, to) = (&m.id, &m.recipient);
        out.push_str(&tr!(
            "  may or may not have arrived: {id} to {to} (intyg send DIR --resend --only {id} sends it again)\n",
            "  kan ha kommit fram eller inte: {id} till {to} (intyg send MAPP --resend --only {id} skickar det igen)\n"
        ));
    }
    if !r.dry_run {
        let log = r.log.display();
        out.push_str(&tr!("Delivery log: {log}\n", "Leveranslogg: {log}\n"));
    }
    out
}
