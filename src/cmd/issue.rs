//! `intyg issue`: the whole pipeline, writing PDFs only when every record
//! went through.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{
    IssuedDoc, Stop, Summary, kind_counts, overflow_problem, prepare, print_problems, renderer, stop, template_problem,
};
use crate::cli::IssueArgs;
use crate::output::{Staging, write_atomic};
use crate::plan::{self, Doc, DocKind};
use crate::problem::{Place, Problem, Problems};
use crate::records::Table;
use crate::register::{Entry, sha256_hex};
use crate::render::Renderer;

/// Runs `intyg issue`.
pub fn run(args: &IssueArgs) -> anyhow::Result<ExitCode> {
    let input = &args.input;
    let prepared = match prepare(input, args.out.as_deref()) {
        Ok(p) => p,
        Err(s) => return Ok(stop(s, input.json, input.quiet)),
    };
    let mut problems = prepared.plan.problems.clone();
    if problems.has_errors() {
        return Ok(stop(Stop::Problems(problems), input.json, input.quiet));
    }
    let out = prepared.out.clone();
    let renderer = renderer(&prepared);
    let docs = &prepared.plan.docs;
    let data = prepared.data();
    let job = Job { renderer: &renderer, table: &prepared.table, data, key: prepared.signing_key() };

    let mut staging = match Staging::new(&out) {
        Ok(s) => s,
        Err(e) => {
            return Ok(stop(
                Stop::Usage(
                    format!("cannot write to {}: {e}", out.display()),
                    "choose another folder with --out DIR".into(),
                ),
                input.json,
                input.quiet,
            ));
        }
    };

    let (hashes, failures) = render_all(&job, docs, &mut staging, input.quiet);
    problems.extend(failures);
    if problems.has_errors() {
        drop(staging);
        return Ok(stop(Stop::Problems(problems), input.json, input.quiet));
    }

    if let Some(path) = &args.combined {
        let ident = format!("{}-combined", docs.first().map_or("", |d| d.id.as_str()));
        let result = plan::combined(&data, docs)
            .and_then(|json| renderer.render_combined(json, &ident))
            .and_then(|r| write_atomic(path, &r.pdf).map_err(|e| format!("cannot write {}: {e}", path.display())));
        if let Err(msg) = result {
            problems.push(Problem::error(Place::file(path), msg));
            return Ok(stop(Stop::Problems(problems), input.json, input.quiet));
        }
    }

    let written = match staging.commit() {
        Ok(w) => w,
        Err(e) => {
            return Ok(stop(
                Stop::Usage(
                    format!("cannot move the certificates into {}: {e}", out.display()),
                    "check free space and permissions, then run again".into(),
                ),
                input.json,
                input.quiet,
            ));
        }
    };

    // The register last: PDFs already in place keep their ids on a rerun, so
    // a run stopped before this line is completed by running it again.
    let mut register = prepared.register.clone();
    let mut entries: Vec<Entry> =
        docs.iter().zip(&hashes).map(|(d, h)| Entry { sha256: h.clone(), ..d.entry.clone() }).collect();
    entries.extend(prepared.plan.revoked.iter().cloned());
    register.merge(entries, prepared.on);
    if let Err(e) = register.write(&prepared.register_path) {
        return Ok(stop(
            Stop::Usage(
                format!("cannot write the register {}: {e}", prepared.register_path.display()),
                "check free space and permissions, then run again: the documents keep their ids".into(),
            ),
            input.json,
            input.quiet,
        ));
    }

    if let Some(dir) = &args.credentials
        && let Err(e) = write_credentials(dir, &job, docs)
    {
        return Ok(stop(
            Stop::Usage(e, "choose a folder you can write to with --credentials DIR".into()),
            input.json,
            input.quiet,
        ));
    }

    print_problems(&problems, input.quiet);
    let summary = Summary {
        ok: true,
        out: Some(out.clone()),
        register: Some(prepared.register_path.clone()),
        issued: docs
            .iter()
            .zip(written)
            .map(|(d, file)| IssuedDoc {
                id: d.id.clone(),
                kind: d.kind,
                name: d.name.clone(),
                row: d.row,
                file,
                missed: prepared.plan.missed.get(&d.row).cloned().unwrap_or_default(),
            })
            .collect(),
        not_eligible: prepared.plan.not_eligible.clone(),
        problems: problems.0.clone(),
    };
    if !input.quiet {
        eprint!("{}", human_summary(&summary, args.combined.as_ref()));
        if let Some(s) = &prepared.signer {
            let thumbprint = crate::credential::keys::thumbprint(&s.key.verifying_key());
            eprintln!("Signed with {} (fingerprint {thumbprint})", s.path.display());
        }
        if let Some(dir) = &args.credentials {
            eprintln!("Credentials: {}", dir.display());
        }
    }
    if input.json {
        println!("{}", serde_json::to_string_pretty(&summary)?);
    }
    Ok(ExitCode::SUCCESS)
}

/// Renders every document on all cores into the staging folder. Output
/// order, ids and names were fixed by the plan, so thread timing changes
/// nothing. A template error shows on the first record and is reported once.
fn render_all(job: &Job, docs: &[Doc], staging: &mut Staging, quiet: bool) -> (Vec<String>, Problems) {
    let mut problems = Problems::default();
    let mut hashes = Vec::with_capacity(docs.len());
    let Some(first) = docs.first() else { return (hashes, problems) };
    // The first record alone: a broken template fails here, once, not per record.
    match job.render(first) {
        Ok(pdf) => {
            if let Err(e) = staging.add(&first.file_name, &pdf) {
                problems.push(Problem::error(Place::default(), format!("cannot write {}: {e}", first.file_name)));
                return (hashes, problems);
            }
            hashes.push(sha256_hex(&pdf));
        }
        Err(p) => {
            problems.push(p);
            return (hashes, problems);
        }
    }
    let rest = &docs[1..];
    let bar = progress(docs.len() as u64, quiet);
    bar.inc(1);
    let results: Vec<OnceLock<Result<String, Problem>>> = rest.iter().map(|_| OnceLock::new()).collect();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let broken = AtomicBool::new(false);
    let shared: &Staging = staging;
    // Plain threads, each taking the next record when it is free: no round
    // waits for its slowest record, and typst's own parallel steps keep to
    // rayon's pool instead of stealing whole records onto a busy stack.
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= rest.len() || broken.load(Ordering::Relaxed) {
                break;
            }
            let doc = &rest[i];
            let result = job.render(doc).and_then(|pdf| {
                shared.write(&doc.file_name, &pdf).map(|()| sha256_hex(&pdf)).map_err(|e| {
                    broken.store(true, Ordering::Relaxed);
                    Problem::error(Place::default(), format!("cannot write {}: {e}", doc.file_name))
                        .hint("check free space and permissions of the output folder")
                })
            });
            let _ = results[i].set(result);
            bar.inc(1);
            if finished.fetch_add(1, Ordering::Relaxed) % ROUND == ROUND - 1 {
                job.renderer.end_round();
            }
        }
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..crate::render::threads().min(rest.len()))
            .map(|n| {
                std::thread::Builder::new()
                    .name(format!("intyg-render-{n}"))
                    .stack_size(crate::render::STACK_SIZE)
                    .spawn_scoped(scope, work)
            })
            .collect();
        // A thread the system refuses leaves its share to the others; with
        // none at all, this thread does the work.
        if workers.iter().all(Result::is_err) {
            work();
        }
    });
    bar.finish_and_clear();
    for (doc, r) in rest.iter().zip(results) {
        match r.into_inner() {
            Some(Ok(hash)) => {
                staging.record(&doc.file_name);
                hashes.push(hash);
            }
            Some(Err(p)) => problems.push(p),
            // Not laid out: a write failed first, and that is reported.
            None => {}
        }
    }
    (hashes, problems)
}

/// Writes each document's credential beside the PDFs' names: NAME.json
/// always, NAME.jwt when it was signed.
fn write_credentials(dir: &std::path::Path, job: &Job, docs: &[Doc]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for doc in docs {
        let stem = doc.file_name.strip_suffix(".pdf").unwrap_or(&doc.file_name);
        let claims = job.data.claims(doc);
        let mut json = serde_json::to_vec_pretty(&claims.credential()).map_err(|e| e.to_string())?;
        json.push(b'\n');
        let mut files = vec![(format!("{stem}.json"), json)];
        if let Some(key) = job.key {
            // Ed25519 signatures are deterministic: this is the JWT in the PDF.
            let jwt = crate::credential::keys::sign(key, &claims.jwt_payload());
            files.push((format!("{stem}.jwt"), format!("{jwt}\n").into_bytes()));
        }
        for (name, bytes) in files {
            let path = dir.join(name);
            write_atomic(&path, &bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Records laid out between two evictions of typst's cache.
const ROUND: usize = 32;

/// What every render thread shares.
struct Job<'a> {
    renderer: &'a Renderer,
    table: &'a Table,
    data: plan::Data<'a>,
    key: Option<&'a ed25519_dalek::SigningKey>,
}

impl Job<'_> {
    /// Makes `doc`'s data (QR code and signature included: this runs on
    /// every core) and lays it out as a one-page PDF.
    fn render(&self, doc: &Doc) -> Result<Vec<u8>, Problem> {
        let data = self.data.of(doc, self.key).map_err(|msg| Problem::error(self.table.place(doc.row, None), msg))?;
        let r = self
            .renderer
            .render(doc.kind.template_index(), &data, &doc.id)
            .map_err(|msg| template_problem(self.table, doc, &msg))?;
        if r.pages != 1 {
            return Err(overflow_problem(self.table, doc, r.pages));
        }
        Ok(r.pdf)
    }
}

/// A progress bar on stderr, hidden when quiet, when stderr is not a
/// terminal, with `NO_COLOR`, and for a single document.
fn progress(len: u64, quiet: bool) -> ProgressBar {
    let hidden = quiet || len < 2 || !std::io::stderr().is_terminal() || std::env::var_os("NO_COLOR").is_some();
    if hidden {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} intyg  {per_sec}  {eta} kvar") {
        bar.set_style(style);
    }
    bar
}

fn human_summary(s: &Summary, combined: Option<&PathBuf>) -> String {
    let n = s.issued.len();
    let mut out = format!(
        "Issued {n} document{} ({}) in {}\n",
        if n == 1 { "" } else { "s" },
        kind_counts(s.issued.iter().map(|d| d.kind)),
        s.out.as_ref().map(|p| p.display().to_string()).unwrap_or_default()
    );
    if let Some(r) = &s.register {
        out.push_str(&format!("Register: {}\n", r.display()));
    }
    for d in s.issued.iter().filter(|d| d.kind == DocKind::Deltagarintyg) {
        out.push_str(&format!("  deltagarintyg: row {} {}: missed {}\n", d.row, d.name, d.missed.join(", ")));
    }
    if !s.not_eligible.is_empty() {
        out.push_str(&format!("Not eligible: {}\n", s.not_eligible.len()));
        for n in &s.not_eligible {
            let org = if n.organisation.is_empty() { String::new() } else { format!(" ({})", n.organisation) };
            out.push_str(&format!("  row {} {}{org}: missed {}\n", n.row, n.name, n.missed.join(", ")));
        }
    }
    if let Some(c) = combined {
        out.push_str(&format!("Combined PDF: {}\n", c.display()));
    }
    out
}
