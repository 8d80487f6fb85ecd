//! Lists the starter folders (`templates/init/KIND/LANG/`) for the binary,
//! so that a starter in a new language is a folder of files and nothing
//! else: `src/kind/starters.rs` includes the list this writes.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let root = Path::new("templates/init");
    println!("cargo::rerun-if-changed={}", root.display());
    let mut files: Vec<(String, String, String)> = Vec::new();
    for kind in entries(root) {
        for lang in entries(&root.join(&kind)) {
            for name in entries(&root.join(&kind).join(&lang)) {
                files.push((kind.clone(), lang.clone(), name));
            }
        }
    }
    let mut out = String::from("/// Every starter file: its kind, its language, its name and its text.\n");
    out.push_str("pub static FILES: &[(&str, &str, &str, &str)] = &[\n");
    for (kind, lang, name) in &files {
        // Only names a starter could hold reach the generated source.
        let plain = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c));
        assert!(
            plain(kind) && plain(lang) && plain(name),
            "templates/init/{kind}/{lang}/{name}: name outside [A-Za-z0-9._-]"
        );
        writeln!(
            out,
            "    ({kind:?}, {lang:?}, {name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/templates/init/{kind}/{lang}/{name}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("starters.rs");
    // Cargo's own scratch folder, rewritten on every build: nothing to keep
    // whole if the write is cut short.
    #[allow(clippy::disallowed_methods)]
    fs::write(dest, out).unwrap();
}

/// The names in `dir`, sorted, so the list is the same on every machine.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}
