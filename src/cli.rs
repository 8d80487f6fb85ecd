//! Command-line arguments. Help text comes from the doc comments, and in
//! Swedish from `cli/help.sv.toml`.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

mod swedish;

/// Parses the command line, with help and usage in the user's language:
/// `--lang` when given, else the locale's.
pub fn parse() -> Cli {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // No arguments: the program was double-clicked, or typed alone. Either
    // way the person gets the app, the way in that needs no terminal.
    if args.len() == 1 {
        args.push("app".into());
    }
    let mut command = Cli::command();
    let swedish = help_lang(&args).messages() == crate::locale::Lang::SV;
    if swedish {
        command = swedish::help(command);
        // Until `run` chooses the run's language: a mistyped argument's
        // lines are labelled `fel:` and `tips:`.
        crate::locale::set_messages(crate::locale::Lang::SV);
    }
    let parsed = command.try_get_matches_from(args).and_then(|m| Cli::from_arg_matches(&m));
    parsed.unwrap_or_else(|e| match swedish.then(|| swedish::error(&e)).flatten() {
        Some(text) => {
            crate::problem::eprint_painted(&text);
            std::process::exit(2)
        }
        None => e.exit(),
    })
}

/// The language of the help: a `--lang sv|en` anywhere on the line (help
/// reads no folder), else the locale's.
fn help_lang(args: &[OsString]) -> crate::locale::Lang {
    let given = args.iter().enumerate().find_map(|(i, a)| {
        let a = a.to_str()?;
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1)?.to_str()?,
            Some(v) => v.strip_prefix('=')?,
            None => return None,
        };
        crate::locale::Lang::parse(value)
    });
    given.unwrap_or_else(crate::locale::messages_from_env)
}

/// Turns records into archivable, accessible PDF certificates.
#[derive(Debug, Parser)]
#[command(name = "intyg", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Say what intyg does as it goes, on stderr: -v the steps, -vv every
    /// document. INTYG_LOG=debug (or e.g. INTYG_LOG=intyg::render=debug)
    /// chooses in detail.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open intyg in the web browser: the whole job with buttons, on this computer only.
    ///
    /// Example: intyg app   (or: intyg app samples/mr-strateger-2019)
    App(AppArgs),
    /// Start a folder: intyg.toml with every key explained, example records and a copy of the template.
    ///
    /// Example: intyg init kurs-2027 --kind course --lang sv
    Init(InitArgs),
    /// Issue one PDF certificate per eligible participant.
    ///
    /// Example: intyg issue samples/mr-strateger-2019
    Issue(IssueArgs),
    /// E-mail each issued document to its holder through the organisation's own mail server, throttled and resumable.
    ///
    /// Example: intyg send samples/mr-strateger-2019 --dry-run   (then: intyg send samples/mr-strateger-2019)
    Send(SendArgs),
    /// Draw one document as a picture (PNG) to look at before issuing, or every document on proof sheets.
    ///
    /// Example: intyg preview kurs-2027 --name Åsa   (then open kurs-2027/preview.png)
    Preview(PreviewArgs),
    /// Draw the preview (PNG and PDF) again whenever the template, images, intyg.toml or records change, until Ctrl-C.
    ///
    /// Example: intyg watch kurs-2027   (keep kurs-2027/preview.png open in an image viewer)
    Watch(PreviewArgs),
    /// Check the programme, records and template; write nothing.
    ///
    /// Example: intyg check samples/mr-strateger-2019
    Check(InputArgs),
    /// List diplomas that expire within a window, and those expired and not renewed.
    ///
    /// Example: intyg expiring samples/mangfaldsdiplom-pitea/register.csv --within 90d --csv
    Expiring(ExpiringArgs),
    /// Make a report: a programme report from a programme folder, or the annual MR report from a report folder.
    ///
    /// Example: intyg report samples/mr-rapport-2026 --figures siffror.csv
    Report(ReportArgs),
    /// Write the signing sheet for the door: participants by surname, a signature box each, blank rows for walk-ins; one per session.
    ///
    /// Example: intyg sheets samples/mr-konferens-umea-2022   (then print out/narvarolista.pdf)
    Sheets(DoorArgs),
    /// Write name badges: A4 sheets of eight 90 × 55 mm badges with cut marks, first name large.
    ///
    /// Example: intyg badges samples/mr-konferens-umea-2022   (then print out/namnbrickor.pdf)
    Badges(DoorArgs),
    /// Make the issuer's key pair for signing documents: NAME.key (secret) and NAME.pub.
    ///
    /// Example: intyg keygen --out issuer
    Keygen(KeygenArgs),
    /// Check documents: signature, register status and expiry. Exit 0 only if all are valid.
    ///
    /// Example: intyg verify MRS19-0001-anna-lindqvist.pdf --key issuer.pub --register out/register.csv
    Verify(VerifyArgs),
    /// Write a static verification site from a register: one page per id, and index.json.
    ///
    /// Example: intyg publish samples/mangfaldsdiplom-pitea/register.csv --out site
    Publish(PublishArgs),
    /// Measure: issue N invented participants with the sample programme and print documents per second, time per document and peak memory.
    ///
    /// Example: intyg bench --records 10000
    #[command(hide = true)]
    Bench(BenchArgs),
    /// Work on registers: `merge` joins the registers of a batch's shards.
    ///
    /// Example: intyg register merge out/register.shard-*.csv
    Register(RegisterArgs),
    /// List the built-in templates and the fields they use, or print one.
    ///
    /// Example: intyg templates show kursintyg --out mitt-intyg.typ
    Templates(TemplatesArgs),
    /// Print a completion script for a shell.
    ///
    /// Example: intyg completions bash > ~/.local/share/bash-completion/completions/intyg
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print intyg's manual page (roff), made from this help.
    ///
    /// Example: intyg manpage > intyg.1 && man ./intyg.1
    Manpage,
}

/// Where the programme and its records are.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The programme folder (holds intyg.toml).
    pub dir: PathBuf,
    /// Use this records file instead of the one intyg.toml names.
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,
    /// The sheet of a workbook (.xlsx, .ods) to read [default: the first].
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The row holding the headers, as the spreadsheet numbers it
    /// [default: the first row naming a column intyg knows].
    #[arg(long, value_name = "N")]
    pub header_row: Option<usize>,
    /// Use this template: a built-in name or a .typ file in the programme folder.
    #[arg(long, value_name = "NAME|FILE")]
    pub template: Option<String>,
    /// Language of the documents.
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
    /// The run date, for statuses such as expired [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// Sign every document with this secret key (from `intyg keygen`)
    /// instead of the programme's signing_key.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `intyg send`.
#[derive(Debug, Args)]
pub struct SendArgs {
    /// Programme, records, language.
    #[command(flatten)]
    pub input: InputArgs,
    /// The folder the documents were issued to [default: out/ inside the programme folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Send nothing: list every message (recipient, subject, attachment)
    /// and write each as an .eml file to look at.
    #[arg(long)]
    pub dry_run: bool,
    /// Where --dry-run writes the .eml files [default: outbox/ in the output folder].
    #[arg(long, value_name = "DIR", requires = "dry_run")]
    pub eml: Option<PathBuf>,
    /// Only these documents (ids, as in the register); may be repeated or comma-separated.
    #[arg(long, value_name = "ID", value_delimiter = ',', num_args = 1..)]
    pub only: Vec<String>,
    /// Send the documents named by --only again, although the delivery log says they were sent.
    #[arg(long, requires = "only")]
    pub resend: bool,
    /// Send without asking first (for scripts).
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// The mail server, instead of [smtp] in intyg.toml: smtp://HOST:PORT (STARTTLS; plain only to
    /// this computer) or smtps://HOST:PORT (TLS). Also INTYG_SMTP_URL. The password comes from
    /// INTYG_SMTP_PASSWORD.
    #[arg(long, value_name = "URL")]
    pub smtp: Option<String>,
}

/// Arguments of `intyg issue`.
#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Programme, records, template, language.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder [default: out/ inside the programme folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Also write every certificate into this one PDF, in record order, for printing.
    #[arg(long, value_name = "FILE.pdf")]
    pub combined: Option<PathBuf>,
    /// Also write each document's Open Badges 3.0 credential into this
    /// folder: NAME.jwt, the signed credential for digital wallets, and
    /// NAME.claims.json, what it claims, to read.
    #[arg(long, value_name = "DIR")]
    pub credentials: Option<PathBuf>,
    /// Issue only the K-th of N equal slices of the batch, with the same ids
    /// as one run; its register goes to register.shard-K-of-N.csv, joined by
    /// `intyg register merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Also write a typst project that the typst CLI compiles as it is: the
    /// template, its images, data/NNNN.json per record, one.typ (one record,
    /// `--input record=data/0001.json`) and all.typ (every record).
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
}

/// Arguments of `intyg preview`.
#[derive(Debug, Args)]
pub struct PreviewArgs {
    /// Programme, records, template, language.
    #[command(flatten)]
    pub input: InputArgs,
    /// The record on row N, as the spreadsheet and intyg's messages number
    /// it [default: the first record that gets a document].
    #[arg(long, value_name = "N", conflicts_with = "name")]
    pub record: Option<usize>,
    /// The first record whose name contains TEXT (in any case).
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// The page to draw.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub page: usize,
    /// Where to write: a .png file, or with --all a folder
    /// [default: preview.png, or proof/, in the programme folder].
    #[arg(long, value_name = "FILE.png|DIR")]
    pub out: Option<PathBuf>,
    /// Resolution in dots per inch: 96 fills a screen, 300 shows print detail.
    #[arg(long, value_name = "DPI", default_value_t = 96, value_parser = clap::value_parser!(u32).range(10..=600))]
    pub dpi: u32,
    /// Every document (every page of a report) as small pages, twelve to a
    /// proof sheet (proof-01.png, …), those that need a look framed in red.
    #[arg(long, conflicts_with_all = ["record", "name"])]
    pub all: bool,
}

/// Arguments of `intyg init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make (new, or without the starter's files).
    pub dir: PathBuf,
    /// What the folder makes: course certificates, diplomas for
    /// organisations, or the annual report (with a course and a diploma
    /// folder inside it).
    #[arg(long, value_enum, default_value = "course")]
    pub kind: crate::kind::Kind,
    /// Language of the examples and the documents: sv, en or another
    /// language intyg writes.
    #[arg(long, value_name = "LANG", default_value = "sv")]
    pub lang: String,
    /// Write the example records as an Excel workbook (.xlsx) instead of CSV.
    #[arg(long)]
    pub xlsx: bool,
}

/// Arguments of `intyg templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// `show NAME` writes a copy of a built-in template to edit.
    #[command(subcommand)]
    pub action: Option<TemplatesAction>,
}

/// What `intyg templates` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Write a copy of a built-in template to edit, then name it in
    /// intyg.toml: template = "NAME.typ".
    Show {
        /// The template's name.
        name: String,
        /// The file to write [default: NAME.typ here]; `-` prints the source.
        #[arg(long, value_name = "FILE.typ")]
        out: Option<PathBuf>,
    },
}

/// Arguments of `intyg expiring`.
#[derive(Debug, Args)]
pub struct ExpiringArgs {
    /// The register that `intyg issue` wrote, or the folder that holds it.
    pub register: PathBuf,
    /// The window: 90d, 12w, 3m or 1y.
    #[arg(long, default_value = "90d")]
    pub within: String,
    /// The day to count from [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (spreadsheet-safe), for a mail merge.
    #[arg(long)]
    pub csv: bool,
    /// Language of messages: sv or en [default: the folder's, else the locale].
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
}

/// Arguments of `intyg register`.
#[derive(Debug, Args)]
pub struct RegisterArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: RegisterAction,
}

/// What `intyg register` can do.
#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Join the registers that `intyg issue --shard K/N` wrote into one.
    Merge {
        /// The shards' registers (register.shard-K-of-N.csv).
        #[arg(required = true, value_name = "FILE.csv")]
        files: Vec<PathBuf>,
        /// The register to write [default: register.csv beside the first].
        #[arg(long, value_name = "FILE.csv")]
        out: Option<PathBuf>,
        /// The day statuses are computed for [default: today].
        #[arg(long, value_name = "YYYY-MM-DD")]
        on: Option<String>,
        /// Language of messages: sv or en [default: the folder's, else the locale].
        #[arg(long, value_name = "sv|en|fi")]
        lang: Option<String>,
    },
}

/// Arguments of `intyg bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// How many participants to invent.
    #[arg(long, default_value_t = 1000)]
    pub records: usize,
    /// Also sign every document's credential (a key made for the run).
    #[arg(long)]
    pub sign: bool,
    /// Also write every certificate into one combined PDF.
    #[arg(long)]
    pub combined: bool,
    /// Lay out with this template (a .typ file, copied into the benchmark
    /// folder) instead of the built-in kursintyg.
    #[arg(long, value_name = "FILE")]
    pub template: Option<PathBuf>,
    /// Work in this folder and keep it, instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `intyg keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the pair, without extension: NAME.key and NAME.pub.
    #[arg(long, value_name = "NAME", default_value = "issuer")]
    pub out: PathBuf,
    /// Language of messages: sv or en [default: the folder's, else the locale].
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
}

/// Arguments of `intyg verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The PDFs to check.
    #[arg(required = true, value_name = "FILE.pdf")]
    pub files: Vec<PathBuf>,
    /// The issuer's public key (issuer.pub), to check signatures against.
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// The register, for status (revoked, superseded) and the PDF's checksum [default: register.csv beside the PDF or above it].
    #[arg(long, value_name = "FILE")]
    pub register: Option<PathBuf>,
    /// The site `intyg publish` wrote, or its status list (status/revocation.jwt), for revocation as wallets see it.
    #[arg(long, value_name = "DIR|FILE")]
    pub site: Option<PathBuf>,
    /// The day to check validity on [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// Print the outcome as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of messages: sv or en [default: the folder's, else the locale].
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
}

/// Arguments of `intyg publish`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    /// The register, or the programme folder whose register to publish.
    #[arg(value_name = "REGISTER|DIR")]
    pub register: PathBuf,
    /// The folder to write the site into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The issuer's public key, published beside the pages so anyone can check signatures (without signing_key in intyg.toml: the secret key, which also signs the status list).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// The day statuses are given for [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
}

/// Arguments of `intyg app`.
#[derive(Debug, Args)]
pub struct AppArgs {
    /// Folders to open at the start (programme, diploma or report folders).
    #[arg(value_name = "DIR")]
    pub folders: Vec<PathBuf>,
    /// The port on 127.0.0.1 to listen on [default: a free one].
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Print the address instead of opening the browser (remote desktops, tests).
    #[arg(long)]
    pub no_browser: bool,
    /// The app's language: sv or en [default: the computer's].
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Stop after this many seconds with no page of the app open.
    #[arg(long, value_name = "SECONDS", default_value_t = 120, hide = true)]
    pub idle: u64,
}

/// Arguments of `intyg sheets` and `intyg badges`.
#[derive(Debug, Args)]
pub struct DoorArgs {
    /// The programme folder (holds intyg.toml).
    pub dir: PathBuf,
    /// The PDF to write [default: out/narvarolista.pdf or out/namnbrickor.pdf in the folder].
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    /// Blank rows at the end of each signing sheet, for walk-ins.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub blank: usize,
    /// Language of the PDF [default: the folder's].
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `intyg report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A programme folder, or a report folder (kind = "report").
    pub dir: PathBuf,
    /// The PDF to write [default: out/programrapport.pdf or out/mr-rapport-YEAR.pdf in the folder].
    #[arg(long, value_name = "FILE.pdf")]
    pub out: Option<PathBuf>,
    /// Language of the report.
    #[arg(long, value_name = "sv|en|fi")]
    pub lang: Option<String>,
    /// The year an annual report covers [default: the year in intyg.toml].
    #[arg(long)]
    pub year: Option<i32>,
    /// Also write the figures as JSON or CSV (by the file's extension).
    #[arg(long, value_name = "FILE.json|FILE.csv")]
    pub figures: Option<PathBuf>,
    /// Use this template: a built-in name or a .typ file in the folder.
    #[arg(long, value_name = "NAME|FILE")]
    pub template: Option<String>,
    /// The day statuses are computed for [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
}
