//! `intyg init`: the starter job ([`crate::job::starter`]) from the
//! command line, and what it made and what to do next, on stderr.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::InitArgs;
use crate::job::starter::{Planned, create};
use crate::kind::Kind;
use crate::locale::Lang;

/// Runs `intyg init`.
pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let lang = match super::lang_arg(Some(&args.lang)) {
        Ok(l) => l.unwrap_or_default(),
        Err(s) => return Ok(super::stop(s, false, false)),
    };
    match create(&args.dir, args.kind, lang, args.xlsx) {
        Ok(planned) => {
            eprint!("{}", next_steps(&args.dir, args.kind, lang, &planned));
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(super::usage_exit(e)),
    }
}

/// What was made and what to do next, in the chosen language.
fn next_steps(dir: &Path, kind: Kind, lang: Lang, planned: &[Planned]) -> String {
    let d = dir.display();
    let width = planned.iter().map(|p| p.path.display().to_string().chars().count()).max().unwrap_or(0);
    let sv = lang.messages() == Lang::SV;
    let mut s = if sv { format!("Skapade {d}:\n") } else { format!("Made {d}:\n") };
    for p in planned {
        let name = p.path.display().to_string();
        let pad = width - name.chars().count();
        s.push_str(&format!("  {name}{}  {}\n", " ".repeat(pad), p.about));
    }
    let (make, what) = kind.spec().next;
    let what = what[usize::from(sv)];
    let preview = format!("intyg preview {d}");
    let make = format!("intyg {make} {d}");
    let w = preview.chars().count().max(make.chars().count());
    if sv {
        s.push_str(&format!(
            "\nNästa steg:\n  1. Ändra intyg.toml och exemplen i {d} till era egna.\n  \
             2. {preview:<w$}   en bild av första sidan, {d}/preview.png\n  \
             3. {make:<w$}   {what} i {d}/out/\n"
        ));
    } else {
        s.push_str(&format!(
            "\nNext:\n  1. Change intyg.toml and the examples in {d} to your own.\n  \
             2. {preview:<w$}   a picture of the first page, {d}/preview.png\n  \
             3. {make:<w$}   {what} in {d}/out/\n"
        ));
    }
    s
}
