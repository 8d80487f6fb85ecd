//! `intyg templates`: the built-in templates and the fields they receive.

use std::process::ExitCode;

use crate::cli::{TemplatesAction, TemplatesArgs};
use crate::render::{BUILTIN, Template};

/// The fields of `data` every template receives.
pub const FIELDS: &str = "\
Fields of `data` (in templates) and of patterns in intyg.toml:
  lang                          \"sv\" or \"en\"
  id, serial                    certificate id and its running number
  kind                          \"kursintyg\" or \"deltagarintyg\"
  text                          the certificate sentence ([certificate] text)
  issued, issued_text           issue date (datetime) and as text: 12 december 2019
  issuer.name, issuer.logo      issuer; logo is a path or none
  programme.name, .code, .place, .description, .content (list), .hours, .hours_text
  programme.dates_text          8–9 oktober och 11–12 december 2019
  programme.sessions            list of (date, date_text, title, attended)
  programme.sessions_count, .first_date, .last_date
  participant.name, .first_name, .last_name, .email, .organisation, .role
  participant.sessions_attended, .attended (list of true/false)
  participant.extra             other columns of the records file, by header
  signatories                   list of (name, title, signature)
  verify.url, .short, .qr       verification link, link without https://, QR code (PNG:
                                image(bytes(data.verify.qr), scaling: \"pixelated\"));
                                verify is none without verify_url
  credential                    the signed credential (VC-JWT) or none; intyg attaches it
Diplomas also have organisation.*, citation, criteria, awarded(_text), valid_until(_text),
scheme.* (see the mangfaldsdiplom template).
Filters in patterns: slug (åsa-ek), pad(4) (0007), upper.
";

/// Runs `intyg templates`.
pub fn run(args: &TemplatesArgs) -> anyhow::Result<ExitCode> {
    match &args.action {
        None => {
            println!("Built-in templates (A4, Swedish and English):");
            for (name, about) in BUILTIN {
                println!("  {name:<14} {about}");
            }
            println!("\nFonts: {}\n", crate::render::fonts::Fonts::embedded().families().join(", "));
            print!("{FIELDS}");
            println!("\nCopy one to edit: intyg templates show kursintyg > mitt-intyg.typ");
            Ok(ExitCode::SUCCESS)
        }
        Some(TemplatesAction::Show { name }) => match Template::builtin_source(name.trim_end_matches(".typ")) {
            Some(src) if BUILTIN.iter().any(|(n, _)| *n == name.trim_end_matches(".typ")) => {
                print!("{src}");
                Ok(ExitCode::SUCCESS)
            }
            _ => {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                eprintln!(
                    "error: no built-in template \"{name}\"\n  hint: the built-in templates are {}",
                    names.join(", ")
                );
                Ok(ExitCode::from(crate::EXIT_USAGE))
            }
        },
    }
}
