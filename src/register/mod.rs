//! The register of issued documents: one CSV (and a JSON twin) that every
//! issuing run merges into, never losing a row. It is the source of truth for
//! ids (an id never moves to another holder and is never reused) and status
//! (valid, revoked, superseded, expired).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::locale::Lang;
use crate::output::csv::{Dialect, cell_value, write_safe_csv};
use crate::problem::{Place, Problem, Problems, RowWord};

pub mod changes;

/// Status of a registered document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// In force.
    Valid,
    /// Withdrawn by the issuer.
    Revoked,
    /// Replaced by a newer document for the same holder.
    Superseded,
    /// Past its valid-until date (as of the last run).
    Expired,
}

impl Status {
    /// Every status, in the order of [`SV_STATUS`].
    const ALL: [Status; 4] = [Status::Valid, Status::Revoked, Status::Superseded, Status::Expired];

    /// The word in the register (and in its JSON twin).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Valid => "valid",
            Status::Revoked => "revoked",
            Status::Superseded => "superseded",
            Status::Expired => "expired",
        }
    }

    /// The word in a register in `lang`: Swedish in a Swedish folder's.
    pub fn word(self, lang: Lang) -> &'static str {
        match Status::ALL.iter().position(|s| *s == self) {
            Some(i) if swedish(lang) => SV_STATUS[i],
            _ => self.as_str(),
        }
    }

    /// The status a register's cell names, in either language.
    fn read(word: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == word)
            .or_else(|| SV_STATUS.iter().position(|w| *w == word).map(|i| Status::ALL[i]))
    }
}

/// The statuses as a Swedish folder's register writes them.
const SV_STATUS: [&str; 4] = ["giltigt", "återkallat", "ersatt", "utgånget"];

/// Whether a register in `lang` is written with Swedish words.
fn swedish(lang: Lang) -> bool {
    lang == Lang::SV
}

/// One issued (or revoked) document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The document's id, unique in the register.
    pub id: String,
    /// kursintyg, deltagarintyg or mangfaldsdiplom.
    pub kind: String,
    /// Code of the programme or scheme.
    pub scheme_code: String,
    /// Name of the programme or scheme.
    pub scheme: String,
    /// The holder: participant or organisation.
    pub holder: String,
    /// What identifies the holder across runs: organisation number, or e-mail
    /// (else name and organisation) of a participant.
    pub holder_id: String,
    /// Awarded (issued) on.
    pub awarded: NaiveDate,
    /// Valid until, if the document expires.
    pub valid_until: Option<NaiveDate>,
    /// Status as of the last run.
    pub status: Status,
    /// The id of the document that replaced this one.
    pub superseded_by: String,
    /// SHA-256 of the PDF, hex; empty where no PDF was made.
    pub sha256: String,
    /// Contact person (organisations).
    pub contact: String,
    /// Contact e-mail.
    pub email: String,
    /// The PDF's file name.
    pub file: String,
    /// Its bit in the published status list (W3C Bitstring Status List):
    /// given once, kept through every run and never given to another
    /// document, so a revocation flips the bit of this document alone.
    pub status_index: usize,
}

impl Entry {
    /// A valid document `id` of `kind` in scheme `scheme_code`, held by
    /// `holder` (known by `holder_id`) from `awarded`, everything else
    /// empty: for tests, which change the fields they are about.
    #[cfg(test)]
    pub fn example(
        id: &str,
        kind: &str,
        scheme_code: &str,
        holder: &str,
        holder_id: &str,
        awarded: NaiveDate,
    ) -> Entry {
        Entry {
            id: id.into(),
            kind: kind.into(),
            scheme_code: scheme_code.into(),
            scheme: format!("{scheme_code} scheme"),
            holder: holder.into(),
            holder_id: holder_id.into(),
            awarded,
            valid_until: None,
            status: Status::Valid,
            superseded_by: String::new(),
            sha256: String::new(),
            contact: String::new(),
            email: String::new(),
            file: String::new(),
            status_index: 0,
        }
    }

    /// What identifies the same document across runs.
    pub fn key(&self) -> String {
        format!("{}|{}|{}|{}", self.scheme_code, self.holder_id, self.kind, self.awarded)
    }

    /// What identifies the same holding (for renewals).
    pub fn holding(&self) -> String {
        format!("{}|{}", self.scheme_code, self.holder_id)
    }

    /// The status as of `on`, from the dates, for a row not revoked or superseded.
    pub fn status_on(&self, on: NaiveDate) -> Status {
        match self.status {
            Status::Revoked | Status::Superseded => self.status,
            _ => match self.valid_until {
                Some(until) if until < on => Status::Expired,
                _ => Status::Valid,
            },
        }
    }
}

/// The register file and its rows.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// Rows, in the order they were first added.
    pub entries: Vec<Entry>,
}

const HEADER: [&str; 15] = [
    "id",
    "kind",
    "scheme_code",
    "scheme",
    "holder",
    "holder_id",
    "awarded",
    "valid_until",
    "status",
    "superseded_by",
    "sha256",
    "contact",
    "email",
    "file",
    "status_index",
];

/// The header of a Swedish folder's register, column for column as
/// [`HEADER`].
const SV_HEADER: [&str; 15] = [
    "id",
    "dokument",
    "kod",
    "program",
    "innehavare",
    "innehavarens_id",
    "utfärdat",
    "giltigt_till",
    "status",
    "ersatt_av",
    "kontrollsumma",
    "kontaktperson",
    "e-post",
    "fil",
    "statusindex",
];

/// The columns of a register written before documents had a status index:
/// still read, their indices given by row order.
const OLD_COLUMNS: usize = 14;

impl Register {
    /// Reads a register; a missing file is an empty register.
    pub fn read(path: &Path) -> Result<Register, Problems> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Register::default()),
            Err(e) => {
                return Err(Problems(vec![Problem::error(
                    Place::file(path),
                    tr!("cannot read the register: {e}", "registret kan inte läsas: {e}"),
                )]));
            }
        };
        // A Swedish folder's register is `;`-separated with a byte-order
        // mark, an English one `,`-separated; either is read.
        let mut reader = Dialect::of_text(&text)
            .reader()
            .flexible(false)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => {
                return Err(Problems(vec![Problem::error(
                    Place::file(path),
                    tr!("not a register: {e}", "inget register: {e}"),
                )]));
            }
        };
        let old = headers == HEADER[..OLD_COLUMNS];
        let sv = headers == SV_HEADER;
        let names = if sv { SV_HEADER } else { HEADER };
        if headers != HEADER && !old && !sv {
            return Err(Problems(vec![
                Problem::error(
                    Place::row(path, 1, RowWord::Row),
                    tr!(
                        "not an intyg register: the header row differs",
                        "inget register från intyg: rubrikraden skiljer sig"
                    ),
                )
                .hint({
                    let columns = HEADER.join(",");
                    tr!("a register starts with the columns {columns}", "ett register börjar med kolumnerna {columns}")
                }),
            ]));
        }
        let mut problems = Problems::default();
        let mut entries = Vec::new();
        let mut ids = HashSet::new();
        // Status indices given in the file, by row; rows without one get
        // theirs after the largest, in row order.
        let mut indices: Vec<Option<usize>> = Vec::new();
        let mut taken: HashMap<usize, usize> = HashMap::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            let at = |col: usize| Place::row(path, row, RowWord::Row).column(names[col]);
            let r = match record {
                Ok(r) => r,
                Err(e) => {
                    problems.push(Problem::error(
                        Place::row(path, row, RowWord::Row),
                        tr!("cannot be read: {e}", "kan inte läsas: {e}"),
                    ));
                    continue;
                }
            };
            let f = |c: usize| cell_value(&r[c]).to_owned();
            let date = |c: usize, problems: &mut Problems| -> Option<NaiveDate> {
                let v = f(c);
                if v.is_empty() {
                    return None;
                }
                let d = NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
                if d.is_none() {
                    problems.push(Problem::error(
                        at(c),
                        tr!("\"{v}\" is not a date (YYYY-MM-DD)", "\"{v}\" är inget datum (ÅÅÅÅ-MM-DD)"),
                    ));
                }
                d
            };
            let awarded = date(6, &mut problems);
            let valid_until = date(7, &mut problems);
            let status = match Status::read(&f(8)) {
                Some(s) => s,
                None => {
                    let other = f(8);
                    problems.push(
                        Problem::error(at(8), tr!("unknown status \"{other}\"", "okänd status \"{other}\"")).hint(tr!(
                            "a status is valid, revoked, superseded or expired",
                            "en status är giltigt, återkallat, ersatt eller utgånget"
                        )),
                    );
                    continue;
                }
            };
            let Some(awarded) = awarded else {
                problems.push(Problem::error(at(6), tr!("missing awarded date", "utfärdandedatum saknas")));
                continue;
            };
            let index = if old {
                Some(i)
            } else {
                let v = f(14);
                match v.parse::<usize>() {
                    Ok(n) => Some(n),
                    Err(_) if v.is_empty() => None,
                    Err(_) => {
                        problems.push(Problem::error(
                            at(14),
                            tr!(
                                "\"{v}\" is not a status index (a whole number)",
                                "\"{v}\" är inget statusindex (ett heltal)"
                            ),
                        ));
                        continue;
                    }
                }
            };
            if let Some(n) = index
                && let Some(first) = taken.insert(n, row)
            {
                problems.push(
                    Problem::error(
                        at(14),
                        tr!(
                            "the status index {n} is also on row {first}",
                            "statusindex {n} finns också på rad {first}"
                        ),
                    )
                    .hint(tr!(
                        "each document keeps its own index; empty the cell and intyg gives the row a new one",
                        "varje dokument har sitt eget index; töm cellen så ger intyg raden ett nytt"
                    )),
                );
            }
            indices.push(index);
            let id = f(0);
            if !ids.insert(id.clone()) {
                problems.push(Problem::error(
                    at(0),
                    tr!("the id {id} is in the register twice", "id {id} finns två gånger i registret"),
                ));
            }
            entries.push(Entry {
                id,
                kind: f(1),
                scheme_code: f(2),
                scheme: f(3),
                holder: f(4),
                // Written by an intyg before holder ids were NFC.
                holder_id: crate::locale::identity(&f(5)),
                awarded,
                valid_until,
                status,
                superseded_by: f(9),
                sha256: f(10),
                contact: f(11),
                email: f(12),
                file: f(13),
                status_index: 0,
            });
        }
        if problems.has_errors() {
            return Err(problems);
        }
        let mut next = taken.keys().max().map_or(0, |n| n + 1);
        for (e, index) in entries.iter_mut().zip(indices) {
            e.status_index = index.unwrap_or_else(|| {
                next += 1;
                next - 1
            });
        }
        Ok(Register { entries })
    }

    /// The register as CSV, every cell spreadsheet-safe.
    #[cfg(test)]
    fn to_csv(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = write_csv(&mut out, Lang::EN, self.entries.iter());
        out
    }

    /// Merges this run's entries: a known document (same key) is updated in
    /// place and keeps its id; a new one is appended. Then every older
    /// document of a holding that got a newer one is marked superseded, and
    /// statuses are brought up to date as of `on`.
    pub fn merge(&mut self, run: impl IntoIterator<Item = Entry>, on: NaiveDate) {
        let run: Vec<Entry> = run.into_iter().collect();
        let merge = Merge::new(self, run.len(), |j| run[j].clone(), on);
        let entries = merge.entries().collect();
        self.entries = entries;
    }

    /// Writes `register.csv` (as a folder in `lang` writes it: a Swedish
    /// one in Swedish, `;`-separated) and `register.json` side by side,
    /// each atomically.
    pub fn write(&self, csv_path: &Path, lang: Lang) -> std::io::Result<()> {
        write_files(csv_path, lang, || self.entries.iter())
    }

    /// Writes the register that merging the `len` entries `run(0)`, …
    /// `run(len - 1)` into this one gives, as [`Register::merge`] and
    /// [`Register::write`] would, without holding the merged rows: a batch
    /// of a hundred thousand documents makes its rows one at a time as they
    /// are written.
    pub fn write_merged(
        &self,
        len: usize,
        run: impl Fn(usize) -> Entry,
        on: NaiveDate,
        csv_path: &Path,
        lang: Lang,
    ) -> std::io::Result<()> {
        let merge = Merge::new(self, len, run, on);
        write_files(csv_path, lang, || merge.entries())
    }
}

/// Writes `register.csv` and `register.json` from the rows `rows()` yields
/// (once for each file), streamed into the files: a register of a hundred
/// thousand documents is tens of megabytes as text.
fn write_files<I, E>(csv_path: &Path, lang: Lang, rows: impl Fn() -> I) -> std::io::Result<()>
where
    I: Iterator<Item = E>,
    E: std::borrow::Borrow<Entry> + Serialize,
{
    crate::output::write_atomic_with(csv_path, |w| write_csv(w, lang, rows()))?;
    crate::output::write_atomic_with(&json_path(csv_path), |mut w| {
        use serde::Serializer as _;
        serde_json::Serializer::pretty(&mut w).collect_seq(rows()).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
}

/// Writes register rows as CSV into `out`, a row at a time.
fn write_csv<E: std::borrow::Borrow<Entry>>(
    out: impl std::io::Write,
    lang: Lang,
    entries: impl Iterator<Item = E>,
) -> std::io::Result<()> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    let rows = entries.map(|e| {
        let e = e.borrow();
        [
            e.id.clone(),
            e.kind.clone(),
            e.scheme_code.clone(),
            e.scheme.clone(),
            e.holder.clone(),
            e.holder_id.clone(),
            e.awarded.to_string(),
            date(e.valid_until),
            e.status.word(lang).to_owned(),
            e.superseded_by.clone(),
            e.sha256.clone(),
            e.contact.clone(),
            e.email.clone(),
            e.file.clone(),
            e.status_index.to_string(),
        ]
    });
    let header = if swedish(lang) { SV_HEADER } else { HEADER };
    write_safe_csv(out, Dialect::of(lang), header, rows, csv::Terminator::CRLF)
}

/// Where a row of a merged register comes from. The earlier rows keep their
/// places, so row `i` below their count is earlier row `i`.
#[derive(Debug, Clone, Copy)]
enum Source {
    /// An earlier row, kept as it was.
    Kept,
    /// An earlier row that this run's entry `j` updates in place.
    Updated(usize),
    /// A new row: this run's entry `j`.
    New(usize),
}

/// A merge worked out but not carried out: where each row comes from and
/// which row is the newest of each holding. It holds a few dozen bytes a
/// row; the rows themselves are made when [`Merge::entries`] yields them.
struct Merge<'a, F> {
    register: &'a Register,
    run: F,
    rows: Vec<Source>,
    /// Holding → (awarded, row) of its newest document that is not revoked.
    newest: HashMap<String, (NaiveDate, usize)>,
    on: NaiveDate,
}

impl<'a, F: Fn(usize) -> Entry> Merge<'a, F> {
    fn new(register: &'a Register, len: usize, run: F, on: NaiveDate) -> Self {
        let old = &register.entries;
        let index: HashMap<String, usize> = old.iter().enumerate().map(|(i, e)| (e.key(), i)).collect();
        // A holder whose name or address was corrected keeps the id, under a
        // new key: the id finds the row.
        let ids: HashMap<&str, usize> = old.iter().enumerate().map(|(i, e)| (e.id.as_str(), i)).collect();
        let mut rows = vec![Source::Kept; old.len()];
        for j in 0..len {
            let entry = run(j);
            match index.get(&entry.key()).or_else(|| ids.get(entry.id.as_str())) {
                Some(&i) => rows[i] = Source::Updated(j),
                None => rows.push(Source::New(j)),
            }
        }
        let mut merge = Merge { register, run, rows, newest: HashMap::new(), on };
        // The newest document of each holding (not revoked) supersedes the older ones.
        for row in 0..merge.rows.len() {
            let e = merge.base(row);
            if e.status == Status::Revoked {
                continue;
            }
            let slot = merge.newest.entry(e.holding()).or_insert((e.awarded, row));
            if (e.awarded, row) > *slot {
                *slot = (e.awarded, row);
            }
        }
        merge
    }

    /// Row `row` before statuses are brought up to date: an updated row
    /// stays superseded unless it was revoked.
    fn base(&self, row: usize) -> Entry {
        match self.rows[row] {
            Source::Kept => self.register.entries[row].clone(),
            Source::New(j) => (self.run)(j),
            Source::Updated(j) => {
                let old = &self.register.entries[row];
                let mut new = (self.run)(j);
                // A document's bit in the status list never moves.
                new.status_index = old.status_index;
                // A revoked document has no new file, but its holder still
                // has the one issued: its checksum keeps telling that file
                // for the revoked one.
                if new.status == Status::Revoked && new.sha256.is_empty() {
                    new.sha256.clone_from(&old.sha256);
                }
                if old.status == Status::Superseded && new.status != Status::Revoked {
                    new.status = Status::Superseded;
                    new.superseded_by.clone_from(&old.superseded_by);
                }
                new
            }
        }
    }

    /// The merged rows in order, with statuses as of the run date.
    fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.rows.len()).map(|row| {
            let mut e = self.base(row);
            if e.status == Status::Revoked {
                return e;
            }
            match self.newest.get(&e.holding()) {
                Some(&(_, n)) if n != row => {
                    e.status = Status::Superseded;
                    e.superseded_by = self.base(n).id;
                }
                _ => {
                    e.status = e.status_on(self.on);
                    if e.status != Status::Superseded {
                        e.superseded_by.clear();
                    }
                }
            }
            e
        })
    }
}

/// The register that lists the document at `pdf`, as `intyg verify`
/// finds it when none is named: `register.csv` beside it or in a folder
/// above, or the register of a programme folder above (one holding
/// intyg.toml), nearest first.
pub fn near(pdf: &Path) -> Option<PathBuf> {
    let start = pdf.canonicalize().ok()?;
    for dir in start.ancestors().skip(1) {
        let beside = dir.join("register.csv");
        if beside.is_file() {
            return Some(beside);
        }
        if dir.join(crate::project::FILE_NAME).is_file() {
            let project = crate::project::Project::load(dir).ok()?;
            let register = project.register_path(&dir.join("out"));
            return register.is_file().then_some(register);
        }
    }
    None
}

/// `register.json` beside `register.csv`.
pub fn json_path(csv_path: &Path) -> PathBuf {
    csv_path.with_extension("json")
}

/// SHA-256 of bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&sha256(bytes))
}

/// SHA-256 of bytes.
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).into()
}

/// Bytes as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(id: &str, holder_id: &str, awarded: &str, until: Option<&str>) -> Entry {
        Entry {
            valid_until: until.map(d),
            ..Entry::example(id, "mangfaldsdiplom", "MD", "Föreningen", holder_id, d(awarded))
        }
    }

    #[test]
    fn renewal_supersedes_and_rerun_changes_nothing() {
        let mut r = Register { entries: vec![entry("MD-1", "556000-0001", "2021-05-01", Some("2024-05-01"))] };
        let renewal = entry("MD-2", "556000-0001", "2024-04-20", Some("2027-04-20"));
        r.merge(vec![renewal.clone()], d("2026-11-23"));
        assert_eq!(r.entries[0].status, Status::Superseded);
        assert_eq!(r.entries[0].superseded_by, "MD-2");
        assert_eq!(r.entries[1].status, Status::Valid);
        let before = r.to_csv();
        r.merge(vec![renewal], d("2026-11-23"));
        assert_eq!(r.to_csv(), before);
    }

    #[test]
    fn expiry_and_revocation() {
        let mut r = Register::default();
        let mut revoked = entry("MD-3", "556000-0002", "2022-01-10", Some("2025-01-10"));
        revoked.status = Status::Revoked;
        r.merge(vec![entry("MD-1", "556000-0001", "2020-01-01", Some("2023-01-01")), revoked], d("2026-11-23"));
        assert_eq!(r.entries[0].status, Status::Expired);
        assert_eq!(r.entries[1].status, Status::Revoked);
    }

    #[test]
    fn writing_a_merge_gives_the_files_of_merging_then_writing() {
        let dir = tempfile::tempdir().unwrap();
        let mut revoked = entry("MD-3", "556000-0002", "2022-01-10", Some("2025-01-10"));
        revoked.status = Status::Revoked;
        let mut kept = entry("MD-4", "556000-0003", "2019-03-01", Some("2022-03-01"));
        kept.status = Status::Superseded;
        kept.superseded_by = "MD-9".into();
        let before = Register {
            entries: vec![entry("MD-1", "556000-0001", "2021-05-01", Some("2024-05-01")), revoked.clone(), kept],
        };
        let mut updated = entry("MD-1", "556000-0001", "2021-05-01", Some("2024-05-01"));
        updated.sha256 = "ab".into();
        let run = [
            updated,
            entry("MD-2", "556000-0001", "2024-04-20", Some("2027-04-20")),
            entry("MD-5", "556000-0004", "2026-01-01", None),
            revoked,
        ];
        let on = d("2026-11-23");
        let mut merged = before.clone();
        merged.merge(run.clone(), on);
        merged.write(&dir.path().join("a.csv"), Lang::SV).unwrap();
        before.write_merged(run.len(), |j| run[j].clone(), on, &dir.path().join("b.csv"), Lang::SV).unwrap();
        for name in ["a.csv", "a.json"] {
            let other = name.replace('a', "b");
            let read = |n: &str| std::fs::read(dir.path().join(n)).unwrap();
            assert_eq!(read(name), read(&other), "{name}");
        }
        assert_eq!(merged.entries[0].status, Status::Superseded);
        assert_eq!(merged.entries[0].sha256, "ab");
        assert_eq!(merged.entries[3].id, "MD-2");
    }

    #[test]
    fn a_revoked_document_keeps_its_checksum_and_status_index() {
        let mut issued = entry("MD-1", "556000-0001", "2024-03-12", Some("2027-03-12"));
        issued.sha256 = "15c2".into();
        issued.status_index = 4;
        let mut r = Register { entries: vec![issued.clone()] };
        // The rerun that revokes it makes no PDF, and plans no index.
        let revoked = Entry { status: Status::Revoked, sha256: String::new(), status_index: 9, ..issued };
        r.merge(vec![revoked], d("2026-11-30"));
        assert_eq!(r.entries[0].status, Status::Revoked);
        assert_eq!(r.entries[0].sha256, "15c2", "the holder's file is still known as the revoked one");
        assert_eq!(r.entries[0].status_index, 4, "its bit never moves");
    }

    #[test]
    fn registers_from_before_status_indices_get_them_by_row_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("register.csv");
        let old = HEADER[..OLD_COLUMNS].join(",");
        let row = |id: &str| format!("{id},mangfaldsdiplom,MD,Diplom,AB,55600000,2024-01-01,,valid,,,,,");
        crate::output::write_atomic(&p, format!("{old}\n{}\n{}\n", row("MD-1"), row("MD-2")).as_bytes()).unwrap();
        let r = Register::read(&p).unwrap();
        assert_eq!(r.entries.iter().map(|e| e.status_index).collect::<Vec<_>>(), [0, 1]);
        // Written back with the column; an emptied cell gets a new index,
        // a repeated one is refused.
        r.write(&p, Lang::EN).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with(&HEADER.join(",")), "{text}");
        crate::output::write_atomic(&p, text.replacen(",valid,,,,,,0", ",valid,,,,,,", 1).as_bytes()).unwrap();
        assert_eq!(Register::read(&p).unwrap().entries.iter().map(|e| e.status_index).collect::<Vec<_>>(), [2, 1]);
        crate::output::write_atomic(&p, text.replacen(",valid,,,,,,1", ",valid,,,,,,0", 1).as_bytes()).unwrap();
        let problems = Register::read(&p).unwrap_err();
        assert!(problems.0[0].to_string().contains("status index 0 is also on row 2"), "{}", problems.0[0]);
    }

    #[test]
    fn csv_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("register.csv");
        let mut e = entry("MD-1", "556000-0001", "2021-05-01", None);
        e.holder = "=HYPERLINK(\"x\")".into();
        e.scheme = "Mångfaldsdiplom; Piteå, 2021".into();
        let r = Register { entries: vec![e] };
        // In English, and in Swedish (its words and `;`).
        for lang in [Lang::EN, Lang::SV] {
            r.write(&p, lang).unwrap();
            let back = Register::read(&p).unwrap();
            assert_eq!(back.entries, r.entries, "{lang:?}");
        }
        r.write(&p, Lang::SV).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("\u{feff}id;dokument;kod;"), "{text}");
        assert!(text.contains(";giltigt;"), "{text}");
        assert!(String::from_utf8(r.to_csv()).unwrap().contains("'=HYPERLINK"));
        assert!(json_path(&p).exists());
    }
}
