//! `intyg keygen`: the issuer's key pair.

use std::process::ExitCode;

use super::term::EXIT_USAGE;
use crate::cli::KeygenArgs;
use crate::credential::keys;

/// Runs `intyg keygen`.
pub fn run(args: &KeygenArgs) -> anyhow::Result<ExitCode> {
    if let Err(stop) = super::lang_arg(args.lang.as_deref()) {
        return Ok(super::stop(stop, false, false));
    }
    let pair = keys::generate().and_then(|key| Ok((keys::write_pair(&key, &args.out)?, key.verifying_key())));
    match pair {
        Ok(((secret, public), key)) => {
            let (secret, public, print) = (secret.display(), public.display(), keys::thumbprint(&key));
            eprintln!(
                "{}",
                tr!(
                    "Secret key: {secret} (only you can read it; keep it safe and out of shared folders)",
                    "Hemlig nyckel: {secret} (bara du kan läsa den; förvara den säkert och inte i delade mappar)"
                )
            );
            eprintln!(
                "{}",
                tr!(
                    "Public key: {public} (publish it, e.g. with `intyg publish --key`)",
                    "Öppen nyckel: {public} (publicera den, t.ex. med `intyg publish --key`)"
                )
            );
            eprintln!("{}", tr!("Fingerprint: {print}", "Fingeravtryck: {print}"));
            eprintln!(
                "{}",
                tr!(
                    "Sign with: signing_key = \"{secret}\" under [programme] or [scheme] in intyg.toml, or `intyg issue --key {secret}`",
                    "Signera med: signing_key = \"{secret}\" under [programme] eller [scheme] i intyg.toml, eller `intyg issue --key {secret}`"
                )
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let hint = match e {
                keys::KeyError::Exists(_) => tr!(
                    "choose another name with --out, or move the old pair away first",
                    "välj ett annat namn med --out, eller flytta först bort det gamla paret"
                ),
                _ => tr!("choose a folder you can write to with --out", "välj en mapp du kan skriva i med --out"),
            };
            crate::problem::eprint_painted(&crate::problem::Hinted::to_text(&e.to_string(), &hint));

            Ok(ExitCode::from(EXIT_USAGE))
        }
    }
}
