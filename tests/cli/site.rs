//! The published verification site in a real browser: headless Chromium
//! (Debian's), driven by Selenium from `tests/browser/site.py`, with
//! axe-core (from the npm registry) checking every page it opens.

use std::path::PathBuf;
use std::process::Command;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::common::{Fixture, repo};

const ON: &str = "2026-11-23";

/// axe-core's browser script: `INTYG_AXE_JS`, or where `.ci/run` unpacks
/// the npm package.
fn axe_js() -> PathBuf {
    let path =
        std::env::var_os("INTYG_AXE_JS").map_or_else(|| repo().join("target/axe/package/axe.min.js"), PathBuf::from);
    assert!(
        path.is_file(),
        "{} is missing: run `npm pack axe-core@4.14.1 --pack-destination target/axe && tar -xzf \
         target/axe/axe-core-4.14.1.tgz -C target/axe` (as .ci/run does), or set INTYG_AXE_JS",
        path.display()
    );
    path
}

/// Runs the browser test `tests/browser/SCRIPT` on the site with axe-core
/// and `args`; it prints each failed check.
fn in_chromium(script: &str, site: &std::path::Path, args: &[&str]) {
    let run = Command::new("python3")
        .arg(repo().join("tests/browser").join(script))
        .arg(site)
        .arg(axe_js())
        .args(args)
        .output()
        .expect("python3");
    assert!(
        run.status.success(),
        "{script} in Chromium:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn the_site_finds_ids_in_any_case_answers_unknown_ones_and_passes_axe_in_chromium() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let site = f.tmp.path().join("site");
    f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON]).success();
    in_chromium("site.py", &site, &["MDP-2024-001", "MDP-2099-999", "achievements/mdp/mangfaldsdiplom/"]);
}

#[test]
fn the_start_page_tells_a_genuine_pdf_from_a_changed_a_forged_and_a_revoked_one_in_chromium_even_offline() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    let base = f.tmp.path().join("issuer");
    f.run(&["keygen", "--out", base.to_str().unwrap()]).success();
    let key = base.with_extension("key");
    let key = key.to_str().unwrap();
    f.run(&["issue", "{dir}", "--on", ON, "--key", key, "-q"]).success();
    let files = f.tmp.path().join("files");
    std::fs::create_dir(&files).unwrap();
    let good = files.join("MDP-2024-002.pdf");
    std::fs::copy(f.dir().join("out/MDP-2024-002-kafe-stromsund-hb.pdf"), &good).unwrap();
    // One byte changed: the S of Strömsund in the PDF's metadata.
    let mut bytes = std::fs::read(&good).unwrap();
    let at = bytes.windows(10).position(|w| w == "Strömsund".as_bytes()).expect("the holder's name in the PDF");
    bytes[at] = b'Z';
    let changed = files.join("MDP-2024-002-changed.pdf");
    std::fs::write(&changed, bytes).unwrap();
    // The same claims signed by someone else, under the issuer's key id.
    let token = crate::verify::credential_token(&good);
    let (signed, _) = token.trim().rsplit_once('.').unwrap();
    let forger = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let signature = ed25519_dalek::Signer::sign(&forger, signed.as_bytes());
    let forged_token = format!("{signed}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()));
    let forged = files.join("MDP-2024-002-forged.pdf");
    std::fs::write(&forged, crate::verify::with_token(&std::fs::read(&good).unwrap(), &forged_token)).unwrap();
    // Norrbottens Rörservice keeps its PDF; the municipality revokes it.
    let revoked = files.join("MDP-2024-001.pdf");
    std::fs::copy(f.dir().join("out/MDP-2024-001-norrbottens-rorservice-ab.pdf"), &revoked).unwrap();
    let records = f.dir().join("organisationer.csv");
    let text = std::fs::read_to_string(&records).unwrap();
    std::fs::write(&records, text.replacen("KS 2024/118;", "KS 2024/118;återkallad", 1)).unwrap();
    f.run(&["issue", "{dir}", "--on", ON, "--key", key, "-q"]).success();
    let site = f.tmp.path().join("site");
    f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON, "--key", key]).success();
    let files = [&good, &changed, &revoked, &forged].map(|p| p.to_str().unwrap());
    in_chromium("check_pdf.py", &site, &files);
}

#[test]
fn the_sites_pages_hold_the_longest_names_on_a_phone_in_chromium() {
    // The stress corpus's diplomas: organisations of 115 characters, an
    // issuer, a scheme and a checksum that must wrap on a 360-pixel screen.
    let f = Fixture::new("stress");
    f.run(&["issue", "{dir}/diplom", "--on", ON, "-q"]).success();
    let site = f.tmp.path().join("site");
    f.run(&["publish", "{dir}/diplom", "--out", site.to_str().unwrap(), "--on", ON]).success();
    let first = "MDS-2026-001/";
    assert!(site.join(first).is_dir(), "{}", site.display());
    in_chromium("phone.py", &site, &["", first, "MDS-2026-001/en.html", "MDS-2023-003/"]);
}
