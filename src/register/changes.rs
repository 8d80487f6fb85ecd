//! What a run changes since the register's last run: new documents,
//! documents whose holder or content changed (a corrected name replaces the
//! old file), unchanged ones, and holders the register has that the records
//! no longer do, so a coordinator who removed someone by mistake sees it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::{Entry, Register, Status};

/// The changes of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// How many documents are new.
    pub new: usize,
    /// Documents the register had, changed.
    pub changed: Vec<Changed>,
    /// How many documents the register had, unchanged.
    pub unchanged: usize,
    /// Register documents of a holder who gets another kind of document
    /// for the same award now (attendance corrected): superseded, and
    /// their files removed.
    pub replaced: Vec<Replaced>,
    /// Register documents that no record of this run has (kept as issued).
    pub gone: Vec<Gone>,
}

/// A register document replaced by another kind for the same holder and
/// date (a kursintyg that is a deltagarintyg once attendance is corrected).
#[derive(Debug, Clone, Serialize)]
pub struct Replaced {
    /// The register's document.
    pub old: Gone,
    /// Row in the records file.
    pub row: usize,
    /// The id of the document that replaces it.
    pub id: String,
    /// Its kind.
    pub kind: String,
}

/// A document the register had, changed by this run.
#[derive(Debug, Clone, Serialize)]
pub struct Changed {
    /// Its id, which it keeps.
    pub id: String,
    /// Row in the records file.
    pub row: usize,
    /// Holder's name now.
    pub name: String,
    /// What changed, for a person: `namn Ana Lind → Anna Lind`.
    pub fields: Vec<String>,
    /// The file this run's document replaces, when its name changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// A register document that no record of this run has.
#[derive(Debug, Clone, Serialize)]
pub struct Gone {
    /// Its id.
    pub id: String,
    /// Its holder.
    pub holder: String,
    /// Its kind (kursintyg, deltagarintyg, mangfaldsdiplom).
    pub kind: String,
    /// Its file in the output folder.
    pub file: String,
}

impl Changes {
    /// Compares this run's register rows (`run`: row in the records, and
    /// the entry, with its PDF's hash where it was made) with `register`.
    /// `revoked` are this run's revoked awards (they have no document);
    /// `whole` is false for a slice of a batch, which cannot tell who is
    /// gone. `None` when the register held nothing of `scheme_code`: a
    /// first run changes nothing.
    pub fn since(
        register: &Register,
        scheme_code: &str,
        run: impl Iterator<Item = (usize, Entry)>,
        revoked: &[Entry],
        whole: bool,
    ) -> Option<Changes> {
        let before: HashMap<&str, &Entry> =
            register.entries.iter().filter(|e| e.scheme_code == scheme_code).map(|e| (e.id.as_str(), e)).collect();
        if before.is_empty() {
            return None;
        }
        let mut changes = Changes::default();
        let mut seen: HashSet<String> = revoked.iter().map(|e| e.id.clone()).collect();
        let mut ids: HashSet<String> = HashSet::new();
        // The register's documents by holding and date, for a holder whose
        // document changes kind.
        let mut awards: HashMap<(String, chrono::NaiveDate), Vec<&Entry>> = HashMap::new();
        for e in before.values().filter(|e| e.status != Status::Revoked) {
            awards.entry((e.holding(), e.awarded)).or_default().push(e);
        }
        for (row, new) in run {
            seen.insert(new.id.clone());
            ids.insert(new.id.clone());
            for old in awards.get(&(new.holding(), new.awarded)).into_iter().flatten() {
                if old.id != new.id && old.kind != new.kind {
                    changes.replaced.push(Replaced { old: gone(old), row, id: new.id.clone(), kind: new.kind.clone() });
                }
            }
            let Some(old) = before.get(new.id.as_str()) else {
                changes.new += 1;
                continue;
            };
            let mut fields = Vec::new();
            if crate::locale::same_text(&old.holder, &new.holder) {
                // The same name, perhaps in another normal form or spacing.
            } else {
                let (a, b) = (&old.holder, &new.holder);
                fields.push(tr!("name {a} → {b}", "namn {a} → {b}"));
            }
            if !old.email.eq_ignore_ascii_case(&new.email) {
                let none = || tr!("(none)", "(ingen)");
                let a = if old.email.is_empty() { none() } else { old.email.clone() };
                let b = if new.email.is_empty() { none() } else { new.email.clone() };
                fields.push(tr!("e-mail {a} → {b}", "e-post {a} → {b}"));
            }
            if old.valid_until != new.valid_until {
                let show = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "–".to_owned(), |d| d.to_string());
                let (a, b) = (show(old.valid_until), show(new.valid_until));
                fields.push(tr!("valid until {a} → {b}", "giltigt till {a} → {b}"));
            }
            let replaces = (!old.file.is_empty() && old.file != new.file).then(|| old.file.clone());
            // Checked only where the document was made (not by check).
            if fields.is_empty() && !new.sha256.is_empty() && !old.sha256.is_empty() && old.sha256 != new.sha256 {
                fields.push(tr!("the content (template or programme file)", "innehållet (mallen eller programfilen)"));
            }
            if fields.is_empty() && replaces.is_none() {
                changes.unchanged += 1;
            } else {
                changes.changed.push(Changed { id: new.id, row, name: new.holder, fields, replaces });
            }
        }
        if whole {
            changes.gone = register
                .entries
                .iter()
                .filter(|e| e.scheme_code == scheme_code && matches!(e.status, Status::Valid | Status::Expired))
                .filter(|e| !seen.contains(&e.id) && !changes.replaced.iter().any(|r| r.old.id == e.id))
                .map(gone)
                .collect();
        }
        // A document this run also issues is not replaced.
        changes.replaced.retain(|r| !ids.contains(&r.old.id));
        changes.replaced.sort_by(|a, b| a.old.id.cmp(&b.old.id));
        changes.replaced.dedup_by(|a, b| a.old.id == b.old.id);
        Some(changes)
    }
}

fn gone(e: &Entry) -> Gone {
    Gone { id: e.id.clone(), holder: e.holder.clone(), kind: e.kind.clone(), file: e.file.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, holder: &str, file: &str, sha: &str) -> Entry {
        let holder_id = format!("{holder} / umeå kommun").to_lowercase();
        let awarded = chrono::NaiveDate::from_ymd_opt(2026, 4, 21).unwrap();
        Entry {
            sha256: sha.into(),
            file: file.into(),
            ..Entry::example(id, "kursintyg", "MRS", holder, &holder_id, awarded)
        }
    }

    #[test]
    fn new_changed_unchanged_and_gone() {
        let register = Register {
            entries: vec![
                entry("MRS-1", "Ana Lind", "MRS-1-ana-lind.pdf", "aa"),
                entry("MRS-2", "Per Ek", "MRS-2-per-ek.pdf", "bb"),
                entry("MRS-3", "Eva Berg", "MRS-3-eva-berg.pdf", "cc"),
                entry("MRS-4", "Nils Holm", "MRS-4-nils-holm.pdf", "dd"),
            ],
        };
        let run = [
            entry("MRS-1", "Anna Lind", "MRS-1-anna-lind.pdf", "a2"),
            entry("MRS-2", "Per Ek", "MRS-2-per-ek.pdf", "bb"),
            entry("MRS-4", "Nils Holm", "MRS-4-nils-holm.pdf", "d2"),
            entry("MRS-5", "Åsa Öberg", "MRS-5-asa-oberg.pdf", "ee"),
        ];
        let c = Changes::since(&register, "MRS", run.iter().cloned().enumerate().map(|(i, e)| (i + 2, e)), &[], true)
            .unwrap();
        assert_eq!((c.new, c.unchanged), (1, 1));
        assert_eq!(c.changed.len(), 2);
        assert_eq!(c.changed[0].replaces.as_deref(), Some("MRS-1-ana-lind.pdf"));
        assert!(c.changed[0].fields[0].contains("Ana Lind → Anna Lind"), "{:?}", c.changed[0].fields);
        assert_eq!(c.changed[1].id, "MRS-4");
        assert_eq!(c.changed[1].replaces, None);
        let gone: Vec<&str> = c.gone.iter().map(|g| g.id.as_str()).collect();
        assert_eq!(gone, ["MRS-3"]);
        // A slice of a batch cannot tell who is gone; a first run has no changes.
        let slice = Changes::since(&register, "MRS", run.iter().cloned().map(|e| (2, e)), &[], false).unwrap();
        assert!(slice.gone.is_empty());
        assert!(Changes::since(&Register::default(), "MRS", run.iter().cloned().map(|e| (2, e)), &[], true).is_none());
    }
}
