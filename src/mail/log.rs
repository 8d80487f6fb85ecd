//! The delivery log, `delivery.csv` in the output folder: one line per
//! step of each message, appended and flushed to disk as it happens, never
//! rewritten. `sending` is written before a message's content goes to the
//! server, `sent` when the server has accepted it, `rejected` when the
//! server refused it for good and `failed` when it did not take it this
//! time. A rerun sends only what has no `sent`; a `sending` with nothing
//! after it (the run was killed while the server had the message) is
//! neither sent again nor forgotten: it is reported, for a person to decide.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::output::csv::{cell_value, safe_cell};
use crate::problem::{Place, Problem, Problems, RowWord};

/// The log's file name in the output folder.
pub const FILE_NAME: &str = "delivery.csv";

const HEADER: [&str; 6] = ["time", "id", "recipient", "file", "status", "response"];

/// A step of one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Its content is going to the server.
    Sending,
    /// The server accepted it.
    Sent,
    /// The server refused it for good (a 5xx reply).
    Rejected,
    /// The server did not take it this time (a 4xx reply, or no server).
    Failed,
}

impl Step {
    /// The word in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Sending => "sending",
            Step::Sent => "sent",
            Step::Rejected => "rejected",
            Step::Failed => "failed",
        }
    }

    fn parse(s: &str) -> Option<Step> {
        [Step::Sending, Step::Sent, Step::Rejected, Step::Failed].into_iter().find(|x| x.as_str() == s)
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// When, as local time with its offset (RFC 3339).
    pub time: String,
    /// The document's id.
    pub id: String,
    /// The address it went to.
    pub recipient: String,
    /// The PDF attached.
    pub file: String,
    /// What happened.
    pub status: Step,
    /// The server's reply, or what went wrong.
    pub response: String,
}

/// What the log says of each document: its last line.
#[derive(Debug, Default)]
pub struct History {
    last: HashMap<String, Line>,
}

impl History {
    /// Reads the log at `path`; a missing file is an empty history. A line
    /// that cannot be read is a problem naming it: the log decides what is
    /// sent again, so it is never guessed at.
    pub fn read(path: &Path) -> Result<History, Problems> {
        let mut history = History::default();
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(history),
            Err(e) => {
                return Err(Problems(vec![Problem::error(
                    Place::file(path),
                    tr!("cannot read the delivery log: {e}", "leveransloggen kan inte läsas: {e}"),
                )]));
            }
        };
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(&bytes[..]);
        let mut problems = Problems::default();
        let records: Vec<_> = reader.records().collect();
        let count = records.len();
        for (i, record) in records.into_iter().enumerate() {
            let row = i + 2;
            let line = record.ok().filter(|r| r.len() == HEADER.len()).and_then(|r| {
                let f = |n: usize| cell_value(&r[n]).to_owned();
                Some(Line {
                    time: f(0),
                    id: f(1),
                    recipient: f(2),
                    file: f(3),
                    status: Step::parse(&r[4])?,
                    response: f(5),
                })
            });
            match line {
                Some(line) => {
                    history.last.insert(line.id.clone(), line);
                }
                // A line cut short by a crash mid-write is the last one; it
                // was a `sending` or a reply, and its message is reported as
                // not known to be sent below.
                None if i + 1 == count && !bytes.ends_with(b"\n") => {}
                None => problems.push(
                    Problem::error(
                        Place::row(path, row, RowWord::Row),
                        tr!(
                            "this line of the delivery log cannot be read",
                            "den här raden i leveransloggen kan inte läsas"
                        ),
                    )
                    .hint(tr!(
                        "the log is written by intyg send; restore the line from a backup, or delete it if you \
                         know what it said",
                        "loggen skrivs av intyg send; återställ raden från en säkerhetskopia, eller ta bort den om \
                         du vet vad den sade"
                    )),
                ),
            }
        }
        if problems.has_errors() { Err(problems) } else { Ok(history) }
    }

    /// The last line about document `id`.
    pub fn last(&self, id: &str) -> Option<&Line> {
        self.last.get(id)
    }

    /// Documents whose message is known to be accepted.
    pub fn sent_count(&self) -> usize {
        self.last.values().filter(|l| l.status == Step::Sent).count()
    }
}

/// The log opened for appending.
pub struct Writer {
    path: PathBuf,
    file: std::fs::File,
}

impl Writer {
    /// Opens the log at `path` for appending, writing its header if it is new.
    pub fn open(path: &Path) -> std::io::Result<Writer> {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        if file.metadata()?.len() == 0 {
            file.write_all(format!("{}\n", HEADER.join(",")).as_bytes())?;
            file.sync_data()?;
        }
        Ok(Writer { path: path.to_path_buf(), file })
    }

    /// Where the log is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `line` and waits until it is on disk: a run killed after
    /// this returns still knows, on the next run, what the line says.
    pub fn append(&mut self, line: &Line) -> std::io::Result<()> {
        let cells = [
            line.time.clone(),
            line.id.clone(),
            line.recipient.clone(),
            line.file.clone(),
            line.status.as_str().to_owned(),
            line.response.clone(),
        ];
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
        w.write_record(cells.iter().map(|c| safe_cell(c))).map_err(std::io::Error::other)?;
        let bytes = w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?;
        // One write of the whole line: an append is never interleaved.
        self.file.write_all(&bytes)?;
        self.file.sync_data()
    }
}

/// Now, as the log writes it.
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, status: Step) -> Line {
        Line {
            time: "2026-11-23T10:00:00+01:00".into(),
            id: id.into(),
            recipient: "=1+1@exempel.se".into(),
            file: format!("{id}.pdf"),
            status,
            response: "250 2.0.0 Ok: queued as 4F2A, \"quoted\"".into(),
        }
    }

    #[test]
    fn the_last_line_of_each_document_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        assert!(History::read(&path).unwrap().last("A").is_none());
        let mut w = Writer::open(&path).unwrap();
        for l in [line("A", Step::Sending), line("A", Step::Sent), line("B", Step::Sending)] {
            w.append(&l).unwrap();
        }
        drop(w);
        let mut w = Writer::open(&path).unwrap();
        w.append(&line("C", Step::Rejected)).unwrap();
        let h = History::read(&path).unwrap();
        assert_eq!(h.last("A"), Some(&line("A", Step::Sent)));
        assert_eq!(h.last("B").unwrap().status, Step::Sending);
        assert_eq!(h.last("C").unwrap().status, Step::Rejected);
        assert_eq!(h.sent_count(), 1);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("time,id,recipient,file,status,response\n"), "{text}");
        assert_eq!(text.matches("time,").count(), 1);
        assert!(text.contains(",'=1+1@exempel.se,"), "{text}");
    }

    #[test]
    fn a_line_cut_short_at_the_end_is_not_an_error_but_one_inside_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let mut w = Writer::open(&path).unwrap();
        w.append(&line("A", Step::Sending)).unwrap();
        drop(w);
        let mut f = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(b"2026-11-23T10:00:01+01:00,A,a@exempel.se,A.pdf,se").unwrap();
        let h = History::read(&path).unwrap();
        assert_eq!(h.last("A").unwrap().status, Step::Sending);
        f.write_all(b"\nnonsense\n").unwrap();
        let err = History::read(&path).unwrap_err();
        assert_eq!(err.0[0].place.row, Some(3), "{:?}", err.0);
    }
}
