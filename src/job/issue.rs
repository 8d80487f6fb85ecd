//! The issue job: the whole pipeline, writing PDFs only when every record
//! went through.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::{
    IssuedDoc, Progress, Summary, cannot_create, cannot_write, emit, print_reading, progress_bar, writable_folder,
};
use crate::batch::{
    Stop, by_row_once, lock_register, overflow_problem, prepare, renderer, template_problems, wrapped_problem,
};
use crate::output::{Staging, write_atomic};
use crate::plan::{self, Doc};
use crate::problem::{Place, Problem, Problems};
use crate::records::Table;
use crate::register::{Entry, hex, sha256};
use crate::render::Renderer;

/// Where the time of a run went.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading, checking and planning.
    pub prepare: Duration,
    /// From the start until the first PDF was written.
    pub first_pdf: Duration,
    /// Laying out and writing every PDF.
    pub render: Duration,
    /// Moving the PDFs into place and writing the register.
    pub finish: Duration,
    /// The whole run.
    pub total: Duration,
    /// Typst's share, summed over the threads.
    pub typst: crate::render::Times,
}

/// A finished run.
pub struct Issued {
    /// What was written.
    pub summary: Summary,
    /// Where the time went.
    pub timings: Timings,
    /// "Signed with KEY (fingerprint …)" when documents were signed.
    pub signed_with: Option<String>,
}

/// What an issue run is asked to do, as plain data: made once from the
/// command line ([`Job::from_args`]) or by another front end
/// ([`Job::new`]).
#[derive(Debug, Clone, Default)]
pub struct Job {
    /// The folder and how to read it.
    pub options: crate::batch::Options,
    /// Also one PDF of every document, here.
    pub combined: Option<PathBuf>,
    /// Also an Open Badges credential per document, in this folder.
    pub credentials: Option<PathBuf>,
    /// Only this slice of the batch.
    pub shard: Option<Shard>,
    /// Also the batch as a typst project, in this folder.
    pub emit_typst: Option<PathBuf>,
}

impl Job {
    /// Issuing the documents of the folder `dir` as intyg.toml says.
    pub fn new(dir: impl Into<PathBuf>) -> Job {
        Job { options: crate::batch::Options::new(dir), ..Job::default() }
    }
}

/// Issues the documents `job` asks for: everything `intyg issue` does but
/// printing, showing its progress as `progress` says.
pub fn execute(job: &Job, progress: Progress) -> Result<Issued, Stop> {
    let started = Instant::now();
    let shard = job.shard;
    let prepared = prepare(&job.options)?;
    // How the records were read, before anything depends on it: with -v,
    // and whenever intyg decided something the file did not say outright.
    let r = &prepared.reading;
    if matches!(progress, Progress::Bar) && (r.guessed || log::log_enabled!(log::Level::Info)) {
        print_reading(r);
    }
    let mut problems = prepared.plan.problems.clone();
    if problems.has_errors() {
        return Err(Stop::Problems(problems));
    }
    let out = prepared.out.clone();
    let renderer = renderer(&prepared);
    let all = &prepared.plan.docs;
    let docs = match shard {
        Some(s) => &all[s.range(all.len())],
        None => &all[..],
    };
    let data = prepared.data();
    let shared = Shared {
        renderer: &renderer,
        table: &prepared.table,
        data,
        key: prepared.signing_key(),
        wrapped: Mutex::default(),
        fits: Mutex::default(),
    };
    let mut timings = Timings { prepare: started.elapsed(), ..Timings::default() };

    let register_path = match shard {
        Some(s) => s.register_path(&prepared.register_path),
        None => prepared.register_path.clone(),
    };
    // Held to the end of the run, when the register is written.
    let _lock = lock_register(&prepared, &register_path)?;
    // A run killed mid-batch left its staged files; this one redoes them.
    crate::output::remove_left_over(&out);
    // The register is mostly in the output folder, already cleaned.
    if let Some(dir) = register_path.parent().filter(|d| *d != out.as_path()) {
        crate::output::remove_left_over(dir);
    }

    let mut staging = Staging::new(&out).map_err(|e| {
        let out = out.display();
        Stop::usage(tr!("cannot write to {out}: {e}", "kan inte skriva till {out}: {e}"), writable_folder("--out"))
    })?;

    // A layout stopped by its bounds (render::limits) leaves no staged file.
    let _staged = crate::render::limits::remove_if_stopped(staging.path());
    let rendering = Instant::now();
    let (hashes, failures) = render_all(&shared, docs, &mut staging, progress, || {
        timings.first_pdf = started.elapsed();
    });
    timings.render = rendering.elapsed();
    let times = renderer.times();
    log::info!(
        "laid out {} documents in {:.0?} (typst layout {:.0?}, PDF export {:.0?}, summed over threads)",
        docs.len(),
        timings.render,
        times.compile,
        times.export
    );
    // What typst cached goes back to the system before the register is
    // worked out.
    renderer.end_batch();
    problems.extend(failures);
    let wrapped = std::mem::take(&mut *shared.wrapped.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    problems.extend(by_row_once(wrapped));
    if problems.has_errors() {
        drop(staging);
        return Err(Stop::Problems(problems));
    }
    // The documents laid out tighter to fit their page, by id: the
    // combined PDF and an emitted typst project lay them out the same.
    let fits = std::mem::take(&mut *shared.fits.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    if let Some(dir) = &job.emit_typst {
        emit::write(dir, &prepared, &shared.data, docs, &fits)
            .map_err(|e| Stop::usage(e, writable_folder("--emit-typst")))?;
    }
    let finishing = Instant::now();
    // A corrected name changes the file name: the new document replaces
    // the old one when the staged files move in.
    let changes = prepared.changes(docs, Some(&hashes), shard.is_none());
    if let Some(c) = &changes {
        for old in c.changed.iter().filter_map(|c| c.replaces.as_deref()) {
            staging.retire(old);
        }
        // Another kind for the same award: the register supersedes the old.
        for r in c.replaced.iter().filter(|r| !r.old.file.is_empty()) {
            staging.retire(&r.old.file);
        }
    }
    // A diploma revoked since it was issued: its PDF goes, the register
    // row stays and says so.
    for revoked in &prepared.plan.revoked {
        let earlier = prepared.register.entries.iter().find(|e| e.id == revoked.id && !e.file.is_empty());
        if let Some(e) = earlier {
            staging.retire(&e.file);
        }
    }

    if let Some(path) = &job.combined {
        let ident = format!("{}-combined", docs.first().map_or("", |d| d.id.as_str()));
        let result = renderer
            .render_combined(docs.len(), |range| plan::combined(&data, &docs[range], docs.len(), &fits), &ident)
            .and_then(|r| {
                write_atomic(path, &r.pdf)
                    .map_err(|e| Problems(vec![Problem::error(Place::file(path), cannot_write(&path.display(), &e))]))
            });
        if let Err(found) = result {
            problems.extend(found);
            return Err(Stop::Problems(problems));
        }
    }

    let written = staging.commit().map_err(|e| {
        let out = out.display();
        Stop::usage(
            tr!("cannot move the certificates into {out}: {e}", "kan inte flytta intygen till {out}: {e}"),
            tr!(
                "check free space and permissions, then run again",
                "kontrollera ledigt utrymme och behörigheter, och kör sedan igen"
            ),
        )
    })?;

    // The register last: PDFs already in place keep their ids on a rerun, so
    // a run stopped before this line is completed by running it again. A
    // shard writes a register of its own beside the shared one, for
    // `intyg register merge` to join.
    // Revoked awards have no document: the last shard records them, where
    // one run would, after every document.
    let revoked = if shard.is_none_or(|s| s.index == s.count) { &prepared.plan.revoked[..] } else { &[] };
    let entries = |j: usize| match docs.get(j) {
        Some(d) => Entry { sha256: hex(&hashes[j]), ..data.entry(d) },
        None => revoked[j - docs.len()].clone(),
    };
    let lang = prepared.lang;
    prepared.register.write_merged(docs.len() + revoked.len(), entries, prepared.on, &register_path, lang).map_err(
        |e| {
            let register = register_path.display();
            Stop::usage(
                tr!("cannot write the register {register}: {e}", "kan inte skriva registret {register}: {e}"),
                tr!(
                    "check free space and permissions, then run again: the documents keep their ids",
                    "kontrollera ledigt utrymme och behörigheter, och kör sedan igen: dokumenten behåller sina id"
                ),
            )
        },
    )?;

    if let Some(dir) = &job.credentials {
        write_credentials(dir, &shared, docs).map_err(|e| Stop::usage(e, writable_folder("--credentials")))?;
    }
    timings.finish = finishing.elapsed();
    timings.total = started.elapsed();
    timings.typst = renderer.times();

    let summary = Summary {
        ok: true,
        out: Some(out.clone()),
        register: Some(register_path),
        issued: docs
            .iter()
            .zip(written)
            .map(|(d, file)| IssuedDoc {
                id: d.id.clone(),
                kind: d.kind,
                name: data.holder_name(d),
                row: d.row,
                file,
                missed: prepared.plan.missed.get(&d.row).cloned().unwrap_or_default(),
            })
            .collect(),
        not_eligible: if shard.is_none_or(|s| s.index == 1) { prepared.plan.not_eligible.clone() } else { Vec::new() },
        problems: problems.0.clone(),
        reading: Some(prepared.reading.clone()),
        changes,
    };
    let signed_with = prepared.signer.as_ref().map(|s| {
        let thumbprint = crate::credential::keys::thumbprint(&s.key.verifying_key());
        let key = s.path.display();
        tr!("Signed with {key} (fingerprint {thumbprint})", "Signerat med {key} (fingeravtryck {thumbprint})")
    });
    Ok(Issued { summary, timings, signed_with })
}

/// The K-th of N slices of a batch (`--shard K/N`), so that a job array can
/// split one: every shard plans the whole batch, so ids are the same as in
/// one run, and lays out only its slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// K, from 1.
    pub index: usize,
    /// N.
    pub count: usize,
}

impl Shard {
    /// Reads `K/N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let bad = || tr!("\"{s}\" is not a shard K/N with 1 <= K <= N", "\"{s}\" är ingen del K/N med 1 <= K <= N");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// The documents of this slice of a batch of `len`: contiguous, in
    /// record order, sizes differing by at most one.
    pub fn range(&self, len: usize) -> std::ops::Range<usize> {
        let at = |k: usize| len * k / self.count;
        at(self.index - 1)..at(self.index)
    }

    /// The shard's register beside the shared one:
    /// `register.shard-2-of-4.csv`.
    pub fn register_path(&self, shared: &std::path::Path) -> PathBuf {
        let stem = shared.file_stem().map_or("register".into(), |s| s.to_string_lossy().into_owned());
        shared.with_file_name(format!("{stem}.shard-{}-of-{}.csv", self.index, self.count))
    }
}

/// Renders every document on all cores into the staging folder. Output
/// order, ids and names were fixed by the plan, so thread timing changes
/// nothing. A template error shows on the first record and is reported once.
fn render_all(
    job: &Shared,
    docs: &[Doc],
    staging: &mut Staging,
    progress: Progress,
    first_written: impl FnOnce(),
) -> (Vec<[u8; 32]>, Problems) {
    let mut problems = Problems::default();
    let mut hashes = Vec::with_capacity(docs.len());
    let Some(first) = docs.first() else { return (hashes, problems) };
    // The first record alone: a broken template fails here, once, not per record.
    match job.render(first) {
        Ok(pdf) => {
            if let Err(e) = staging.add(&first.file_name, &pdf) {
                problems.push(Problem::error(Place::default(), cannot_write(&first.file_name, &e)).hint(check_space()));
                return (hashes, problems);
            }
            hashes.push(sha256(&pdf));
            first_written();
        }
        Err(p) => {
            problems.extend(p);
            return (hashes, problems);
        }
    }
    let rest = &docs[1..];
    let template = tr!(
        "{{bar:40}} {{done}}/{{total}} documents  {{rate}} documents/s, {{left}} left",
        "{{bar:40}} {{done}}/{{total}} dokument  {{rate}} dokument/s, {{left}} kvar"
    );
    let bar = progress_bar(docs.len() as u64, matches!(progress, Progress::Bar), &template);
    let total = docs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let tick = || {
        bar.inc(1);
        progress.count(done.fetch_add(1, Ordering::Relaxed) + 1, total);
    };
    tick();
    let broken = AtomicBool::new(false);
    let shared: &Staging = staging;
    // A PDF's hash or its boxed problem: 40 bytes a record, for a batch of
    // a hundred thousand.
    let results = crate::batch::layout::each(job.renderer, rest, &|| broken.load(Ordering::Relaxed), &tick, |doc| {
        job.render(doc)
            .and_then(|pdf| {
                shared.write(&doc.file_name, &pdf).map(|()| sha256(&pdf)).map_err(|e| {
                    broken.store(true, Ordering::Relaxed);
                    Problems(vec![
                        Problem::error(Place::default(), cannot_write(&doc.file_name, &e)).hint(check_space()),
                    ])
                })
            })
            .map_err(Box::new)
    });
    bar.finish_and_clear();
    for (doc, r) in rest.iter().zip(results) {
        match r {
            Some(Ok(hash)) => {
                staging.record(&doc.file_name);
                hashes.push(hash);
            }
            Some(Err(p)) => problems.extend(*p),
            // Not laid out: a write failed first, and that is reported.
            None => {}
        }
    }
    (hashes, problems)
}

/// Writes each document's credential beside the PDFs' names: NAME.jwt, the
/// signed credential, when there is a key, and NAME.claims.json, what it
/// claims for people to read: named so that nobody takes the unsigned JSON
/// for a credential.
fn write_credentials(dir: &std::path::Path, job: &Shared, docs: &[Doc]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| cannot_create(&dir.display(), &e))?;
    for doc in docs {
        let stem = doc.file_name.strip_suffix(".pdf").unwrap_or(&doc.file_name);
        let claims = job.data.claims(doc, job.key);
        let mut files = vec![(format!("{stem}.claims.json"), crate::output::json_bytes(&claims.credential()))];
        if let Some(key) = job.key {
            // Ed25519 signatures are deterministic: this is the JWT in the PDF.
            let jwt = crate::credential::keys::sign(key, &claims.jwt_payload());
            files.push((format!("{stem}.jwt"), format!("{jwt}\n").into_bytes()));
        }
        for (name, bytes) in files {
            let path = dir.join(name);
            write_atomic(&path, &bytes).map_err(|e| cannot_write(&path.display(), &e))?;
        }
    }
    Ok(())
}

/// What every render thread shares.
struct Shared<'a> {
    renderer: &'a Renderer,
    table: &'a Table,
    data: plan::Data<'a>,
    key: Option<&'a ed25519_dalek::SigningKey>,
    /// Warnings about texts set on two lines, by row; few, so one lock.
    wrapped: Mutex<Vec<(usize, Problem)>>,
    /// The documents laid out tighter to fit their page.
    fits: Mutex<plan::Fits>,
}

impl Shared<'_> {
    /// Makes `doc`'s data (QR code and signature included: this runs on
    /// every core) and lays it out as a one-page PDF.
    fn render(&self, doc: &Doc) -> Result<Vec<u8>, Problems> {
        let one = |p: Problem| Problems(vec![p]);
        let data =
            self.data.of(doc, self.key).map_err(|msg| one(Problem::error(self.table.place(doc.row, None), msg)))?;
        let r = self
            .renderer
            .render(doc.kind.template_index(), &data, &doc.id, Some(crate::batch::created(&self.data, doc)))
            .map_err(|found| template_problems(self.table, doc, &self.data.holder_name(doc), found))?;
        log::debug!("{} {}: {} ({} bytes, {} page)", self.table.row_word, doc.row, doc.file_name, r.pdf.len(), r.pages);
        if r.pages != 1 {
            return Err(one(overflow_problem(self.table, &self.data, doc, r.pages)));
        }
        if r.fit > 0 {
            self.fits.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(doc.id.clone(), r.fit);
        }
        if !r.wrapped.is_empty() {
            let mut wrapped = self.wrapped.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let holder = self.data.holder_name(doc);
            wrapped.extend(
                r.wrapped.iter().map(|(text, min)| (doc.row, wrapped_problem(self.table, doc, &holder, text, *min))),
            );
        }
        Ok(r.pdf)
    }
}

/// The hint for a file that could not be written.
fn check_space() -> String {
    tr!(
        "check free space and permissions of the output folder",
        "kontrollera ledigt utrymme och behörigheter för utmatningsmappen"
    )
}
