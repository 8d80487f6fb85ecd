//! `intyg keygen`: the issuer's key pair.

use std::process::ExitCode;

use super::term::EXIT_USAGE;
use crate::cli::KeygenArgs;
use crate::credential::keys;

/// Runs `intyg keygen`.
pub fn run(args: &KeygenArgs) -> anyhow::Result<ExitCode> {
    let pair = keys::generate().and_then(|key| Ok((keys::write_pair(&key, &args.out)?, key.verifying_key())));
    match pair {
        Ok(((secret, public), key)) => {
            eprintln!(
                "Secret key: {} (only you can read it; keep it safe and out of shared folders)",
                secret.display()
            );
            eprintln!("Public key: {} (publish it, e.g. with `intyg publish --key`)", public.display());
            eprintln!("Fingerprint: {}", keys::thumbprint(&key));
            eprintln!(
                "Sign with: signing_key = \"{}\" under [programme] or [scheme] in intyg.toml, or `intyg issue --key {}`",
                secret.display(),
                secret.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let hint = match e {
                keys::KeyError::Exists(_) => "choose another name with --out, or move the old pair away first",
                _ => "choose a folder you can write to with --out",
            };
            crate::problem::eprint_painted(&crate::problem::Hinted::to_text(&e.to_string(), hint));

            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}
