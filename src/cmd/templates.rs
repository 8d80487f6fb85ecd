//! `intyg templates`: the built-in templates and the fields they receive.

use std::process::ExitCode;

use std::path::PathBuf;

use super::usage_error;
use crate::cli::{TemplatesAction, TemplatesArgs};
use crate::output::write_atomic;
use crate::render::{BUILTIN, Template, fields};

/// Runs `intyg templates`.
pub fn run(args: &TemplatesArgs) -> anyhow::Result<ExitCode> {
    match &args.action {
        None => {
            outln!("Built-in templates (A4, Swedish and English) and the fields of `data` each uses:")?;
            for (name, about) in BUILTIN {
                outln!("\n  {name:<15} {about}")?;
                let source = Template::builtin_source(name).unwrap_or_default();
                for line in wrap(&fields::used(source).join(", "), 78) {
                    outln!("  {:<15} {line}", "")?;
                }
            }
            outln!("\nFonts: {}\n", crate::render::fonts::Fonts::embedded().families().join(", "))?;
            out!("{}", crate::contract::listing())?;
            outln!("\nCopy one to edit: intyg templates show kursintyg --out mitt-intyg.typ")?;
            Ok(ExitCode::SUCCESS)
        }
        Some(TemplatesAction::Show { name, out }) => {
            let bare = name.trim_end_matches(".typ");
            let Some(source) = BUILTIN.iter().find(|(n, _)| *n == bare).and_then(|(n, _)| Template::builtin_source(n))
            else {
                let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
                let hint = match crate::suggest::closest(bare, names.iter().copied()) {
                    Some(near) => format!("did you mean {near}? The built-in templates are {}", names.join(", ")),
                    None => format!("the built-in templates are {}", names.join(", ")),
                };
                return Ok(usage_error(format!("no built-in template \"{name}\""), &hint));
            };
            let path = out.clone().unwrap_or_else(|| PathBuf::from(format!("{bare}.typ")));
            if path.as_os_str() == "-" {
                out!("{source}")?;
                return Ok(ExitCode::SUCCESS);
            }
            if path.exists() {
                return Ok(usage_error(
                    format!("{} is already there", path.display()),
                    "intyg never overwrites your files: name another with --out, or --out - to print the source",
                ));
            }
            write_atomic(&path, source.as_bytes())
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            let file = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
            eprintln!(
                "Wrote {}, a copy of the built-in {bare} to edit.\n\
                 Put it in the programme folder and set template = \"{file}\" in intyg.toml.",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Breaks a comma-separated list into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line");
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
