//! `intyg bench`: issues a batch of invented participants with the sample
//! programme (built-in kursintyg with logo, two signatures and a QR code)
//! and prints how fast it went and how much memory it took.

use std::fmt::Write as _;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::{Stop, stop};
use crate::cli::BenchArgs;
use crate::job::issue::{self, Timings};
use crate::output::write_atomic;

/// The sample programme the benchmark issues, as it ships in `samples/`.
const PROGRAMME: &[(&str, &str)] = &[
    ("intyg.toml", include_str!("../../samples/mr-strateger-2019/intyg.toml")),
    ("logotyp.svg", include_str!("../../samples/mr-strateger-2019/logotyp.svg")),
    ("signatur-holmstrom.svg", include_str!("../../samples/mr-strateger-2019/signatur-holmstrom.svg")),
    ("signatur-berglund.svg", include_str!("../../samples/mr-strateger-2019/signatur-berglund.svg")),
];

const FIRST: &[&str] = &[
    "Anna", "Mohammed", "Karin", "Johan", "Sara", "Erik", "Fatima", "Lars", "Åsa", "Björn", "Elin", "Jonas", "Leila",
    "Mikael", "Ingrid", "Ali", "Maria", "Per", "Sofia", "Ahmed", "Eva", "Anders", "Hanna", "Göran", "Linnéa", "Oskar",
    "Amira", "Nils", "Ebba", "Yusuf",
];
const LAST: &[&str] = &[
    "Lindqvist",
    "Al-Rashid",
    "Öberg",
    "Ekström",
    "Nilsson",
    "Johansson",
    "Hassan",
    "Åkesson",
    "Karlsson",
    "Berg",
    "Sjöberg",
    "Andersson",
    "Persson",
    "Mahmoud",
    "Lundgren",
    "Holm",
    "Söderström",
    "Abdi",
    "Wikström",
    "Ståhl",
];
const ORGS: &[(&str, &str)] = &[
    ("Umeå kommun", "umea"),
    ("Malmö stad", "malmo"),
    ("Region Västerbotten", "regionvasterbotten"),
    ("Örebro kommun", "orebro"),
    ("Göteborgs stad", "goteborg"),
    ("Luleå kommun", "lulea"),
    ("Region Skåne", "skane"),
    ("Västerås stad", "vasteras"),
    ("Jönköpings kommun", "jonkoping"),
    ("Sundsvalls kommun", "sundsvall"),
    ("Region Jämtland Härjedalen", "rjh"),
    ("Borås stad", "boras"),
];
const ROLES: &[&str] = &["MR-strateg", "Utvecklingsledare", "Samhällsstrateg", "Jämställdhetsstrateg", "Enhetschef"];

/// What a benchmark run measured.
#[derive(Debug, Serialize)]
pub struct Figures {
    /// Participants in the records file.
    pub records: usize,
    /// PDFs written.
    pub documents: usize,
    /// Threads laying out documents.
    pub threads: usize,
    /// Whether each credential was signed.
    pub signed: bool,
    /// Whole run, seconds.
    pub seconds: f64,
    /// Documents a second over the whole run.
    pub per_second: f64,
    /// Reading, checking and planning, seconds.
    pub prepare_seconds: f64,
    /// Laying out and writing, seconds.
    pub render_seconds: f64,
    /// Moving into place, register (and combined PDF), seconds.
    pub finish_seconds: f64,
    /// Typst layout, milliseconds per document on one thread.
    pub compile_ms: f64,
    /// PDF export, milliseconds per document on one thread.
    pub export_ms: f64,
    /// From the start until the first PDF was written, milliseconds.
    pub first_pdf_ms: f64,
    /// Peak resident memory of the process, MB (Linux only).
    pub peak_mb: Option<f64>,
    /// Bytes written per PDF on average.
    pub pdf_bytes: u64,
}

/// Runs `intyg bench`.
pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let (dir, _temp) = match &args.keep {
        Some(d) => (d.clone(), None),
        None => {
            let t = tempfile::Builder::new().prefix("intyg-bench-").tempdir()?;
            (t.path().to_path_buf(), Some(t))
        }
    };
    if let Err(e) = setup(&dir, args.records) {
        return Ok(stop(
            Stop::usage(format!("cannot write the benchmark folder {}: {e}", dir.display()), "use --keep DIR"),
            false,
            false,
        ));
    }
    let template = match &args.template {
        Some(file) => {
            let copied = std::fs::read(file).and_then(|bytes| write_atomic(&dir.join("mall.typ"), &bytes));
            if let Err(e) = copied {
                return Ok(stop(
                    Stop::usage(format!("cannot use the template {}: {e}", file.display()), "give a .typ file"),
                    false,
                    false,
                ));
            }
            Some("mall.typ".to_owned())
        }
        None => None,
    };
    let key = if args.sign {
        let key = crate::credential::keys::generate()?;
        Some(crate::credential::keys::write_pair(&key, &dir.join("issuer"))?.0)
    } else {
        None
    };
    let issue = issue::Job {
        options: crate::batch::Options {
            template,
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 23),
            key,
            ..crate::batch::Options::new(&dir)
        },
        combined: args.combined.then(|| dir.join("alla.pdf")),
        ..issue::Job::default()
    };
    let progress = !args.json && std::io::stderr().is_terminal();
    let progress = if progress { super::Progress::Bar } else { super::Progress::Hidden };
    let issued = match issue::execute(&issue, progress) {
        Ok(i) => i,
        Err(s) => return Ok(stop(s, false, false)),
    };
    let documents = issued.summary.issued.len();
    let bytes: u64 =
        issued.summary.issued.iter().filter_map(|d| std::fs::metadata(&d.file).ok()).map(|m| m.len()).sum();
    let figures = figures(args, &issued.timings, documents, bytes);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&figures)?)?;
    } else {
        out!("{}", human(&figures, &dir, args.keep.is_some()))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn figures(args: &BenchArgs, t: &Timings, documents: usize, bytes: u64) -> Figures {
    let n = documents.max(1) as f64;
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    Figures {
        records: args.records,
        documents,
        threads: crate::render::threads(),
        signed: args.sign,
        seconds: t.total.as_secs_f64(),
        per_second: documents as f64 / t.total.as_secs_f64().max(1e-9),
        prepare_seconds: t.prepare.as_secs_f64(),
        render_seconds: t.render.as_secs_f64(),
        finish_seconds: t.finish.as_secs_f64(),
        compile_ms: ms(t.typst.compile) / n,
        export_ms: ms(t.typst.export) / n,
        first_pdf_ms: ms(t.first_pdf),
        peak_mb: peak_memory_kb().map(|kb| kb as f64 / 1024.0),
        pdf_bytes: bytes / documents.max(1) as u64,
    }
}

fn human(f: &Figures, dir: &Path, kept: bool) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "intyg bench: {} records, {} PDFs (kursintyg/deltagarintyg with logo, 2 signatures, QR code{}), {} threads",
        f.records,
        f.documents,
        if f.signed { ", signed credential" } else { "" },
        f.threads
    );
    let _ = writeln!(s, "  read, check, plan    {:8.3} s", f.prepare_seconds);
    let _ = writeln!(
        s,
        "  lay out, write       {:8.3} s   per document and thread: compile {:.2} ms, export {:.2} ms",
        f.render_seconds, f.compile_ms, f.export_ms
    );
    let _ = writeln!(s, "  move, register       {:8.3} s", f.finish_seconds);
    let _ = writeln!(s, "  total                {:8.3} s   {:.0} documents/s", f.seconds, f.per_second);
    let _ = writeln!(s, "  first PDF after      {:8.1} ms", f.first_pdf_ms);
    match f.peak_mb {
        Some(mb) => {
            let _ = writeln!(s, "  peak memory          {mb:8.1} MB");
        }
        None => {
            let _ = writeln!(s, "  peak memory          (not measured on this system)");
        }
    }
    let _ = writeln!(s, "  PDF size             {:8.1} kB on average", f.pdf_bytes as f64 / 1000.0);
    if kept {
        let _ = writeln!(s, "  kept in {}", dir.display());
    }
    s
}

/// Writes the sample programme and `n` invented participants into `dir`.
fn setup(dir: &Path, n: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in PROGRAMME {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    let mut w = BufWriter::new(std::fs::File::create(dir.join("deltagare.csv"))?);
    writeln!(w, "Förnamn;Efternamn;E-post;Organisation;Roll;Dag 1;Dag 2;Dag 3;Dag 4")?;
    for i in 0..n {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i / FIRST.len()) % LAST.len()];
        let (org, domain) = ORGS[(i / 7) % ORGS.len()];
        let role = ROLES[i % ROLES.len()];
        // One in twelve missed a day: a participation certificate instead.
        let days = if i % 12 == 11 { "X;X;;X" } else { "X;X;X;X" };
        let mail = format!("{}.{}.{i}@{domain}.exempel.se", ascii(first), ascii(last));
        writeln!(w, "{first};{last};{mail};{org};{role};{days}")?;
    }
    w.flush()
}

fn ascii(s: &str) -> String {
    deunicode::deunicode(s).to_lowercase().replace(' ', "-")
}

/// The process's peak resident memory in kB, where the system tells it.
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
