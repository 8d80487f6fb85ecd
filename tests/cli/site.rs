//! The published verification site in a real browser: headless Chromium
//! (Debian's), driven by Selenium from `tests/browser/site.py`, with
//! axe-core (from the npm registry) checking every page it opens.

use std::path::PathBuf;
use std::process::Command;

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

#[test]
fn the_site_finds_ids_in_any_case_answers_unknown_ones_and_passes_axe_in_chromium() {
    let f = Fixture::new("samples/mangfaldsdiplom-pitea");
    f.run(&["issue", "{dir}", "--on", ON, "-q"]).success();
    let site = f.tmp.path().join("site");
    f.run(&["publish", "{dir}", "--out", site.to_str().unwrap(), "--on", ON]).success();
    let run = Command::new("python3")
        .arg(repo().join("tests/browser/site.py"))
        .arg(&site)
        .arg(axe_js())
        .args(["MDP-2024-001", "MDP-2099-999", "achievements/mdp/mangfaldsdiplom/"])
        .output()
        .expect("python3");
    assert!(
        run.status.success(),
        "the site in Chromium:\n{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
