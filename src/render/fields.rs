//! Which fields of `data` a template reads, found in its source (and in the
//! shared parts it hands `data` to), so `intyg templates` lists what each
//! template uses and the list cannot fall behind the templates.

use std::collections::{BTreeSet, HashMap};

use super::world::PACKAGE_FILES;

/// Methods of typst values: a chain such as `p.content.len()` names the
/// field `content`, not `len`.
const METHODS: &[&str] = &[
    "at",
    "len",
    "filter",
    "map",
    "first",
    "last",
    "join",
    "contains",
    "slice",
    "split",
    "trim",
    "sum",
    "enumerate",
    "zip",
    "sorted",
    "rev",
    "keys",
    "values",
    "pairs",
    "find",
    "position",
    "display",
    "year",
    "month",
    "day",
    "insert",
    "remove",
    "push",
    "pop",
    "flatten",
    "dedup",
    "any",
    "all",
    "starts-with",
    "ends-with",
    "replace",
];

/// The fields of `data` the template with this source reads, sorted, as
/// dotted paths (`participant.name`).
pub fn used(source: &str) -> Vec<String> {
    let mut found = BTreeSet::new();
    let code = strip_comments(source);
    collect(&code, "data", &mut found);
    // Functions of the shared parts that the template calls with `data`,
    // and the parts those call with it in turn.
    for (_, parts) in PACKAGE_FILES.iter().filter(|(n, _)| n.ends_with("parts.typ")) {
        let parts = strip_comments(parts);
        let mut calling = vec![code.clone()];
        let mut seen: Vec<String> = Vec::new();
        let names = defined(&parts);
        while let Some(caller) = calling.pop() {
            for name in &names {
                if !seen.contains(name) && caller.contains(&format!("{name}(data")) {
                    seen.push(name.clone());
                    let body = function_body(&parts, name);
                    collect(body, "data", &mut found);
                    calling.push(body.to_owned());
                }
            }
        }
    }
    // `let p = data.programme` makes `programme` a prefix, not a field.
    let all: Vec<String> = found.iter().cloned().collect();
    found.retain(|f| {
        !all.iter().any(|g| g.len() > f.len() && g.starts_with(f.as_str()) && g[f.len()..].starts_with('.'))
    });
    found.into_iter().collect()
}

/// Source without `//` comments (but `://` in addresses is kept).
fn strip_comments(source: &str) -> String {
    source
        .lines()
        .map(|l| match l.find("//") {
            Some(i) if i == 0 || l.as_bytes()[i - 1] != b':' => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names of the functions `code` defines at the top level.
fn defined(code: &str) -> Vec<String> {
    code.lines()
        .filter_map(|l| l.strip_prefix("#let ")?.split_once('(').map(|(name, _)| name.trim().to_owned()))
        .filter(|n| n.chars().all(|c| is_ident(c) || c == '-'))
        .collect()
}

/// The text of `#let name(…) = …` up to the next top-level `#let`.
fn function_body<'a>(code: &'a str, name: &str) -> &'a str {
    let Some(start) = code.find(&format!("#let {name}(")) else { return "" };
    let rest = &code[start..];
    let end = rest[1..].find("\n#let ").map_or(rest.len(), |i| i + 1);
    &rest[..end]
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Adds every field path read through `root` (and through names bound to
/// a path below it with `let x = root.path`) in `code`.
fn collect(code: &str, root: &str, found: &mut BTreeSet<String>) {
    let mut aliases: HashMap<String, String> = HashMap::new();
    aliases.insert(root.to_owned(), String::new());
    // Aliases first, so uses before the binding in the text still count.
    for line in code.lines() {
        if let Some((name, value)) = line.trim().strip_prefix("let ").and_then(|l| l.split_once('=')) {
            let name = name.trim();
            if name.chars().all(is_ident)
                && let Some(path) = value.trim().strip_prefix(&format!("{root}."))
            {
                let path: String = chain(path).join(".");
                if !path.is_empty() {
                    aliases.insert(name.to_owned(), path);
                }
            }
        }
    }
    for (alias, prefix) in &aliases {
        let needle = format!("{alias}.");
        let mut at = 0;
        while let Some(i) = code[at..].find(&needle) {
            let start = at + i;
            at = start + needle.len();
            // `x.data.` and `my-data.` are other names; `..data.` spreads it.
            let before = &code[..start];
            let spread = before.ends_with("..");
            if !spread && before.chars().next_back().is_some_and(|c| is_ident(c) || c == '.' || c == '-') {
                continue;
            }
            let fields = chain(&code[at..]);
            if fields.is_empty() {
                continue;
            }
            let path = if prefix.is_empty() { fields.join(".") } else { format!("{prefix}.{}", fields.join(".")) };
            found.insert(path);
        }
    }
}

/// The field names at the start of `text` (after `data.`): `a.b.len()` →
/// `[a, b]`, `at("verify", …)` → `[verify]`.
fn chain(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    loop {
        if let Some(after) = rest.strip_prefix("at(\"") {
            let Some(end) = after.find('"') else { break };
            out.push(after[..end].to_owned());
            break;
        }
        let len = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
        let name = &rest[..len];
        let next = &rest[len..];
        let is_call = next.starts_with('(') || next.starts_with('-');
        if name.is_empty()
            || METHODS.contains(&name) && is_call
            || name.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            break;
        }
        out.push(name.to_owned());
        match next.strip_prefix('.') {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Template;

    fn of(name: &str) -> Vec<String> {
        used(Template::builtin_source(name).unwrap())
    }

    #[test]
    fn kursintyg_reads_names_programme_signatories_and_verification() {
        let f = of("kursintyg");
        for want in [
            "participant.name",
            "participant.organisation",
            "programme.name",
            "programme.content",
            "programme.dates_text",
            "issued_text",
            "issuer.logo",
            "signatories",
            "verify",
        ] {
            assert!(f.iter().any(|x| x == want || x.starts_with(&format!("{want}."))), "{want} not in {f:?}");
        }
        // `let p = data.programme` is a prefix, not a field; methods are not fields.
        assert!(!f.contains(&"programme".to_owned()), "{f:?}");
        assert!(!f.iter().any(|x| x.ends_with(".len") || x == "x"), "{f:?}");
    }

    #[test]
    fn the_diploma_reads_its_organisation_and_criteria() {
        let f = of("mangfaldsdiplom");
        assert!(f.contains(&"organisation.name".to_owned()), "{f:?}");
        // Read in `list(..p.sessions.filter(…))`.
        assert!(of("deltagarintyg").iter().any(|x| x.starts_with("programme.sessions")));
        assert!(f.iter().any(|x| x.starts_with("criteria")), "{f:?}");
        assert!(!f.iter().any(|x| x.starts_with("participant")), "{f:?}");
    }

    #[test]
    fn chains_stop_at_methods_and_read_at() {
        assert_eq!(chain("programme.content.len() > 0"), ["programme", "content"]);
        assert_eq!(chain("at(\"verify\", default: none)"), ["verify"]);
        assert_eq!(chain("lang != \"en\""), ["lang"]);
    }
}
