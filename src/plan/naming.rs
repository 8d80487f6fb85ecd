//! Ids, sentences and file names: an id already in the register for the
//! same document is kept; a new document gets the next serial whose id is
//! free, so ids never move to another holder and are never reused.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::{Value, json};

use super::{Context, glyph_problem};
use crate::check;
use crate::problem::{Place, Problem, Problems};
use crate::project::text::{self, Patterns};

/// A document's id, sentence and file name.
pub struct Named {
    /// The id.
    pub id: String,
    /// The serial the patterns saw.
    pub serial: usize,
    /// The rendered sentence.
    pub text: Arc<str>,
    /// The output file name.
    pub file_name: String,
    /// Its bit in the status list: the register's for a document it
    /// holds, else the next free one.
    pub status_index: usize,
}

/// Gives documents ids, texts and file names: an id already in the register
/// for the same document is kept; a new document gets the next serial whose
/// id is free, so ids never move to another holder and are never reused.
pub(super) struct Assigner<'a> {
    ctx: &'a Context<'a>,
    section: &'static str,
    patterns: Patterns,
    used: HashSet<String>,
    /// File name → the row that has it (a row number, not a whole place:
    /// this holds every document of a batch while it is planned).
    names: HashMap<String, Option<usize>>,
    /// The last sentence rendered: most documents share theirs, and then
    /// share one copy of it.
    last_text: Option<Arc<str>>,
    /// The register's ids by document key (the first row of a key wins:
    /// collected in reverse, so earlier rows overwrite later ones), and
    /// every id it holds: looked up once per document, so a register of
    /// 100 000 rows stays quick.
    known: HashMap<String, &'a str>,
    taken: HashSet<&'a str>,
    next_serial: usize,
    /// The register's status indices by id, and the next free one.
    indices: HashMap<&'a str, usize>,
    next_index: usize,
    failed: Vec<&'static str>,
}

impl<'a> Assigner<'a> {
    /// Starts naming the documents of `scheme_code`, with the patterns of
    /// `[section]` (`sources`); a pattern that does not parse is a problem.
    pub(super) fn new(
        ctx: &'a Context<'a>,
        section: &'static str,
        scheme_code: &str,
        sources: &[(&'static str, String)],
        problems: &mut Problems,
    ) -> Option<Assigner<'a>> {
        // Serials continue after every document the register holds for this
        // programme or scheme (rows are never removed), so a new holder gets
        // the next serial, not a gap left by another pattern.
        let issued_before = ctx.register.entries.iter().filter(|e| e.scheme_code == scheme_code).count();
        match Patterns::new(sources) {
            Ok(patterns) => Some(Assigner {
                ctx,
                section,
                patterns,
                used: HashSet::new(),
                names: HashMap::new(),
                last_text: None,
                known: ctx.register.entries.iter().rev().map(|e| (e.key(), e.id.as_str())).collect(),
                taken: ctx.register.entries.iter().map(|e| e.id.as_str()).collect(),
                next_serial: issued_before + 1,
                indices: ctx.register.entries.iter().map(|e| (e.id.as_str(), e.status_index)).collect(),
                next_index: ctx.register.entries.iter().map(|e| e.status_index + 1).max().unwrap_or(0),
                failed: Vec::new(),
            }),
            Err((name, msg)) => {
                problems.push(Problem::error(Place::file(&ctx.toml()), format!("[{section}] {name}: {msg}")).hint(
                    tr!(
                        "placeholders are written {{{{ participant.name }}}}; `intyg templates` lists the fields",
                        "platshållare skrivs {{{{ participant.name }}}}; `intyg templates` visar fälten"
                    ),
                ));
                None
            }
        }
    }

    fn render(&mut self, name: &'static str, data: &Value, problems: &mut Problems) -> Option<String> {
        match self.patterns.render(name, &minijinja::Value::from_serialize(data)) {
            Ok(s) => Some(s),
            Err(msg) => {
                // A pattern that fails once fails for everyone: say it once.
                if !self.failed.contains(&name) {
                    self.failed.push(name);
                    problems.push(
                        Problem::error(Place::file(&self.ctx.toml()), format!("[{}] {name}: {msg}", self.section))
                            .hint(tr!(
                                "`intyg templates` lists the fields a pattern can use",
                                "`intyg templates` visar de fält ett mönster kan använda"
                            )),
                    );
                }
                None
            }
        }
    }

    /// Names the document with register key `key`, filling `id`, `serial`
    /// and `text` into `data`.
    pub(super) fn assign(
        &mut self,
        key: &str,
        data: &mut Value,
        text_pattern: &'static str,
        place: Place,
        problems: &mut Problems,
    ) -> Option<Named> {
        let (id, serial) = match self.known.get(key) {
            Some(known) => {
                data["serial"] = json!(self.next_serial);
                ((*known).to_owned(), self.next_serial)
            }
            None => {
                let mut previous: Option<String> = None;
                loop {
                    data["serial"] = json!(self.next_serial);
                    let id = self.render(text::ID, data, problems)?;
                    if !self.used.contains(&id) && !self.taken.contains(id.as_str()) {
                        self.next_serial += 1;
                        break (id, self.next_serial - 1);
                    }
                    if previous.as_ref() == Some(&id) {
                        let section = self.section;
                        problems.push(
                            Problem::error(
                                Place::file(&self.ctx.toml()),
                                tr!(
                                    "[{section}] id gives the id \"{id}\" to more than one document",
                                    "[{section}] id ger id \"{id}\" till mer än ett dokument"
                                ),
                            )
                            .hint(tr!(
                                "put {{{{ serial }}}} in the id pattern so that every document gets its own",
                                "sätt {{{{ serial }}}} i mönstret för id så att varje dokument får ett eget"
                            )),
                        );
                        self.failed.push(text::ID);
                        return None;
                    }
                    previous = Some(id);
                    self.next_serial += 1;
                }
            }
        };
        self.used.insert(id.clone());
        let status_index = match self.indices.get(id.as_str()) {
            Some(&n) => n,
            None => {
                self.next_index += 1;
                self.next_index - 1
            }
        };
        data["id"] = json!(id);
        let text = self.render(text_pattern, data, problems)?;
        let chars = check::missing_glyphs(&text, &self.ctx.covers);
        if !chars.is_empty() {
            problems.push(glyph_problem(place.clone(), &tr!("the rendered text", "den färdiga texten"), &chars));
        }
        data["text"] = json!(text);
        let text = match self.last_text.take() {
            Some(last) if *last == *text => last,
            _ => Arc::from(text),
        };
        self.last_text = Some(text.clone());
        let file_name = self.render(text::FILE_NAME, data, problems)?;
        if let Err(msg) = crate::output::safe_file_name(&file_name) {
            let section = self.section;
            problems.push(Problem::error(place, msg).hint(tr!(
                "[{section}] file_name must give one plain name; use the | slug filter on names",
                "[{section}] file_name måste ge ett enkelt filnamn; använd filtret | slug på namn"
            )));
            return None;
        }
        if let Some(row) = self.names.insert(file_name.clone(), place.row) {
            let first = Place { row, ..place.clone() };
            let section = self.section;
            problems.push(
                Problem::error(
                    place,
                    tr!(
                        "the file name \"{file_name}\" is also used for {first}",
                        "filnamnet \"{file_name}\" används också för {first}"
                    ),
                )
                .hint(tr!(
                    "put {{{{ id }}}} in [{section}] file_name so every name is unique",
                    "sätt {{{{ id }}}} i [{section}] file_name så att varje namn blir unikt"
                )),
            );
            return None;
        }
        Some(Named { id, serial, text, file_name, status_index })
    }

    /// Gives the document with register key `key` the register's id `id`:
    /// a holder whose name or address was corrected keeps their id.
    pub(super) fn adopt(&mut self, key: String, id: &'a str) {
        self.known.insert(key, id);
    }
}
