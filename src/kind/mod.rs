//! The kinds of folder intyg knows — a course, a one-day conference, an
//! e-learning course, a diploma scheme and a report — and what is
//! particular to each. [`Kind`] is the one list of them and [`Kind::spec`]
//! the one `match` over it: each kind's module here says, as data, what
//! its folder reads, which documents it issues and what they are called,
//! where its records come from, and what its starter folder and the app
//! show. The rest of intyg asks the kind instead of matching on it, so a
//! new kind is a variant, a module beside these, a template, its words in
//! `templates/intyg/words.toml` and a starter folder per language
//! (`templates/init/KIND/LANG/`).

mod conference;
mod course;
mod diploma;
mod document;
mod elearning;
mod report;
mod starters;

pub use document::DocKind;
pub use starters::{Starter, StarterFile};

use serde::{Deserialize, Serialize};

use crate::locale::Lang;

/// A kind of folder, as `kind =` in intyg.toml names it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Course certificates (kursintyg) for a training programme of one or
    /// more sessions.
    #[default]
    Course,
    /// A one-day conference with a programme of the day: signing sheet,
    /// badges, certificates of attendance.
    Conference,
    /// An e-learning course: certificates from a learning platform's
    /// export, each dated the day its holder completed it.
    Elearning,
    /// Diplomas for organisations (mångfaldsdiplom).
    Diploma,
    /// An annual MR report drawn from other folders.
    Report,
}

/// Who a kind's documents are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holders {
    /// People: participants, attendees, learners.
    People,
    /// Organisations: companies, associations, administrations.
    Organisations,
    /// Nobody: a report issues no documents.
    Nobody,
}

/// Where a kind's people show that they took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// Attendance at each session (a course), or at the day (a conference).
    Attendance,
    /// A learning platform's completion status and date.
    Completion,
    /// None: a diploma is decided, a report reads other folders.
    None,
}

/// A message in English and Swedish, for the person at the keyboard
/// (`locale::messages`).
pub type Said = [&'static str; 2];

/// What is particular to a kind, as data.
#[derive(Debug)]
pub struct Spec {
    /// As `kind =` writes it.
    pub written: &'static str,
    /// The folder, as messages name it: "programme folder".
    pub folder: Said,
    /// The documents it issues, the full one first.
    pub documents: &'static [DocKind],
    /// The words-table key of each document's default sentence, in the
    /// order of `documents`.
    pub texts: &'static [&'static str],
    /// Its built-in template when intyg.toml names none.
    pub template: &'static str,
    /// Its records file when intyg.toml names none.
    pub records: &'static str,
    /// The top-level keys of intyg.toml that only some kinds read, and
    /// that this one reads (a kind with holders also reads [`RECORDS`]).
    pub keys: &'static [&'static str],
    /// Who its documents are for.
    pub holders: Holders,
    /// Where its people show that they took part.
    pub evidence: Evidence,
    /// Whether it has a programme of the day (`[[agenda]]`).
    pub agenda: bool,
    /// What `intyg init` says to run next, and what that makes.
    pub next: (&'static str, Said),
    /// Whether `intyg report` makes a report of it: a programme report of
    /// a course, conference or e-learning course, a report folder's annual
    /// report; a diploma scheme's figures are in the annual report.
    pub reported: bool,
}

impl Kind {
    /// Every kind, in the order people are offered them.
    pub const ALL: [Kind; 5] = [Kind::Course, Kind::Conference, Kind::Elearning, Kind::Diploma, Kind::Report];

    /// What is particular to it.
    pub fn spec(self) -> &'static Spec {
        match self {
            Kind::Course => &course::SPEC,
            Kind::Conference => &conference::SPEC,
            Kind::Elearning => &elearning::SPEC,
            Kind::Diploma => &diploma::SPEC,
            Kind::Report => &report::SPEC,
        }
    }

    /// As `kind =` writes it.
    pub fn written(self) -> &'static str {
        self.spec().written
    }

    /// The kind `kind =` names, if any.
    pub fn from_written(written: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.written() == written)
    }

    /// Register rows an earlier intyg wrote for this kind's folder with
    /// `code`, named as this one names them: a conference's certificates of
    /// attendance were once registered as `kursintyg`. They keep their ids,
    /// and the next register written names them anew.
    pub fn read_earlier(self, entries: &mut [crate::register::Entry], code: &str) {
        if self != Kind::Conference {
            return;
        }
        for e in entries.iter_mut().filter(|e| e.scheme_code == code && e.kind == DocKind::Kursintyg.name()) {
            e.kind = DocKind::Konferensintyg.name().to_owned();
        }
    }

    /// The kind of a folder whose intyg.toml says `kind = written` (or
    /// nothing), with a programme of the day (`[[agenda]]`) or not. Before
    /// conferences were a kind of their own, a course with an agenda was
    /// one: such a folder is still read as a conference
    /// ([`Kind::is_unsaid_conference`] says so).
    pub fn of_file(written: Option<Kind>, agenda: bool) -> Kind {
        match written {
            Some(kind) => kind,
            None if agenda => Kind::Conference,
            None => Kind::Course,
        }
    }

    /// Whether a folder of this kind was told by its agenda alone, as an
    /// earlier intyg wrote conferences, so that a warning asks for the
    /// line `kind = "conference"`.
    pub fn is_unsaid_conference(self, written: Option<Kind>) -> bool {
        self == Kind::Conference && written.is_none()
    }

    /// The folder, as messages name it: "programme folder", "diplommapp".
    pub fn folder_noun(self) -> &'static str {
        said(self.spec().folder)
    }

    /// Its starter folder in `lang` (`intyg init`), from
    /// `templates/init/KIND/LANG/`; every kind has one in every language.
    pub fn starter(self, lang: Lang) -> Option<&'static Starter> {
        starters::of(self, lang)
    }

    /// Whether it issues documents to people.
    pub fn for_people(self) -> bool {
        self.spec().holders == Holders::People
    }

    /// Whether it keeps records of holders (people or organisations).
    pub fn for_people_or_organisations(self) -> bool {
        self.spec().holders != Holders::Nobody
    }

    /// The app's tab of its records, as a key of the app's words: its
    /// participants or its organisations; none for a report.
    pub fn records_tab(self) -> Option<&'static str> {
        match self.spec().holders {
            Holders::People => Some("participants"),
            Holders::Organisations => Some("organisations"),
            Holders::Nobody => None,
        }
    }

    /// Whether its people show completion rather than attendance.
    pub fn by_completion(self) -> bool {
        self.spec().evidence == Evidence::Completion
    }

    /// Its full document: the one its holders get when they qualify.
    pub fn document(self) -> Option<DocKind> {
        self.spec().documents.first().copied()
    }

    /// The sentence on its document `doc` when intyg.toml gives none (a
    /// minijinja pattern); empty for a document it does not issue.
    pub fn default_text(self, doc: DocKind, lang: Lang) -> &'static str {
        let spec = self.spec();
        spec.documents
            .iter()
            .position(|d| *d == doc)
            .and_then(|i| spec.texts.get(i))
            .map_or("", |key| crate::locale::words::word(lang, key))
    }

    /// The kinds that read the top-level key `key` of intyg.toml; empty
    /// when every kind does.
    pub fn reading(key: &str) -> Vec<Kind> {
        Kind::ALL.into_iter().filter(|k| k.keys().any(|own| own == key)).collect()
    }

    /// The top-level keys of intyg.toml it reads that some other kind
    /// does not: its own, and those of its records.
    fn keys(self) -> impl Iterator<Item = &'static str> {
        let records: &[&str] = if self.for_people_or_organisations() { &RECORDS } else { &[] };
        self.spec().keys.iter().chain(records).copied()
    }

    /// Every top-level key some kind reads and others do not.
    pub fn particular_keys() -> Vec<&'static str> {
        let mut keys: Vec<&str> = Kind::ALL.iter().flat_map(|k| k.keys()).collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

/// The message of `pair` in the language of messages.
pub fn said(pair: Said) -> &'static str {
    pair[usize::from(crate::locale::messages() == Lang::SV)]
}

/// The keys every kind that keeps records reads.
pub const RECORDS: [&str; 7] = ["records", "sheet", "header_row", "columns", "renamed", "certificate", "diploma"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_named_once_and_read_back() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_written(kind.written()), Some(kind));
            let de: Kind = serde::Deserialize::deserialize(
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(kind.written()),
            )
            .unwrap();
            assert_eq!(de, kind);
            let clap = <Kind as clap::ValueEnum>::from_str(kind.written(), false).unwrap();
            assert_eq!(clap, kind);
        }
    }

    #[test]
    fn a_kind_issues_documents_exactly_when_it_has_holders() {
        for kind in Kind::ALL {
            let spec = kind.spec();
            assert_eq!(spec.documents.is_empty(), spec.holders == Holders::Nobody, "{kind:?}");
            assert_eq!(spec.records.is_empty(), spec.holders == Holders::Nobody, "{kind:?}");
            assert_eq!(spec.texts.len(), spec.documents.len(), "{kind:?}");
            for (doc, lang) in spec.documents.iter().flat_map(|d| Lang::all().iter().map(move |l| (*d, *l))) {
                assert!(!kind.default_text(doc, lang).is_empty(), "{kind:?} {doc:?} {lang:?}");
            }
        }
    }

    #[test]
    fn no_document_belongs_to_two_kinds() {
        let all: Vec<DocKind> = Kind::ALL.iter().flat_map(|k| k.spec().documents.iter().copied()).collect();
        for d in DocKind::ALL {
            let n = all.iter().filter(|x| **x == d).count();
            // An e-learning course's certificate is a course certificate.
            let expected = if d == DocKind::Kursintyg { 2 } else { 1 };
            assert_eq!(n, expected, "{d:?}");
        }
    }
}
