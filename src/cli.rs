//! Command-line arguments. Help text comes from the doc comments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Turns records into archivable, accessible PDF certificates.
#[derive(Debug, Parser)]
#[command(name = "intyg", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Issue one PDF certificate per eligible participant.
    ///
    /// Example: intyg issue samples/mr-strateger-2019
    Issue(IssueArgs),
    /// Check the programme, records and template; write nothing.
    ///
    /// Example: intyg check samples/mr-strateger-2019
    Check(InputArgs),
    /// List diplomas that expire within a window, and those expired and not renewed.
    ///
    /// Example: intyg expiring samples/mangfaldsdiplom-pitea/register.csv --within 90d --csv
    Expiring(ExpiringArgs),
    /// List the built-in templates and the fields they use, or print one.
    ///
    /// Example: intyg templates show kursintyg > mitt-intyg.typ
    Templates(TemplatesArgs),
}

/// Where the programme and its records are.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// The programme folder (holds intyg.toml).
    pub dir: PathBuf,
    /// Use this records file instead of the one intyg.toml names.
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,
    /// Use this template: a built-in name or a .typ file in the programme folder.
    #[arg(long, value_name = "NAME|FILE")]
    pub template: Option<String>,
    /// Language of the documents.
    #[arg(long, value_name = "sv|en")]
    pub lang: Option<String>,
    /// The run date, for statuses such as expired [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<String>,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    pub json: bool,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
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
}

/// Arguments of `intyg templates`.
#[derive(Debug, Args)]
pub struct TemplatesArgs {
    /// `show NAME` prints a built-in template's source.
    #[command(subcommand)]
    pub action: Option<TemplatesAction>,
}

/// What `intyg templates` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// Print a built-in template's source, to copy and edit.
    Show {
        /// The template's name.
        name: String,
    },
}

/// Arguments of `intyg expiring`.
#[derive(Debug, Args)]
pub struct ExpiringArgs {
    /// The register that `intyg issue` wrote.
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
}
