//! The indicators file of an annual report: one row per indicator and year,
//! with the split by sex, a unit, a target and a source.

use std::path::Path;

use crate::check::header_key;
use crate::problem::{Problem, Problems};
use crate::records::{self, Table};

/// One indicator's value in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Row in the file.
    pub row: usize,
    /// The year.
    pub year: i32,
    /// The area (e.g. "Arbetsliv", "Utbildning").
    pub area: String,
    /// What is measured.
    pub name: String,
    /// The first group: women, or girls.
    pub women: Option<f64>,
    /// The second group: men, or boys.
    pub men: Option<f64>,
    /// Who the two groups are, as the file says: its headers (`Kvinnor`,
    /// `Män`; `Flickor`, `Pojkar`), or the row's `Grupper`
    /// (`flickor/pojkar`).
    pub groups: [Group; 2],
    /// Everyone.
    pub total: Option<f64>,
    /// The unit: "%", "antal", "kr", …
    pub unit: String,
    /// The target, if any.
    pub target: Option<Target>,
    /// Where the figure comes from.
    pub source: String,
    /// A comment.
    pub comment: String,
}

/// Who a group of an indicator's split is: a word intyg knows, printed in
/// the report's language, or a label as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Group {
    /// A key of the words table: `women`, `men`, `girls`, `boys`.
    Word(&'static str),
    /// A label of the file's own.
    Text(String),
}

impl Group {
    /// `label` as a group: a word intyg knows (`Flickor`, `boys`), or itself.
    pub fn of(label: &str) -> Group {
        match header_key(label).as_str() {
            "kvinnor" | "women" | "female" | "kvinna" => Group::Word("women"),
            "män" | "man" | "men" | "male" => Group::Word("men"),
            "flickor" | "girls" | "flicka" => Group::Word("girls"),
            "pojkar" | "boys" | "pojke" => Group::Word("boys"),
            _ => Group::Text(label.trim().to_owned()),
        }
    }

    /// The group as a column or series names it, in `lang`.
    pub fn text(&self, lang: crate::locale::Lang) -> String {
        match self {
            Group::Word(key) => crate::locale::words::word(lang, key).to_owned(),
            Group::Text(text) => text.clone(),
        }
    }
}

/// A target value and which side of it is good.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// The value.
    pub value: f64,
    /// Whether the figure should stay at or below the value (`≤ 5`, `högst 5`).
    pub at_most: bool,
}

impl Target {
    /// Whether `value` meets the target.
    pub fn met(&self, value: f64) -> bool {
        if self.at_most { value <= self.value } else { value >= self.value }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Year,
    Area,
    Name,
    Women,
    Men,
    Total,
    Unit,
    Target,
    Source,
    Comment,
    Groups,
}

fn column(header: &str) -> Option<Col> {
    Some(match header_key(header).as_str() {
        "år" | "ar" | "year" => Col::Year,
        "område" | "omrade" | "area" => Col::Area,
        "indikator" | "indicator" | "mått" | "matt" | "measure" => Col::Name,
        "kvinnor" | "women" | "flickor" | "female" => Col::Women,
        "män" | "man" | "men" | "pojkar" | "male" => Col::Men,
        "totalt" | "total" | "alla" | "samtliga" => Col::Total,
        "enhet" | "unit" => Col::Unit,
        "mål" | "mal" | "målvärde" | "malvarde" | "target" => Col::Target,
        "källa" | "kalla" | "source" => Col::Source,
        "kommentar" | "comment" | "anmärkning" | "note" => Col::Comment,
        "grupper" | "groups" | "grupp" | "group" => Col::Groups,
        _ => return None,
    })
}

/// A number as a Swedish or English spreadsheet writes it: `1 234,5`,
/// `1234.5`, `76,9 %`.
pub fn number(s: &str) -> Option<f64> {
    let t: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| {
            if c == ',' {
                '.'
            } else if c == '−' {
                '-'
            } else {
                c
            }
        })
        .collect();
    if t.is_empty() { None } else { t.parse().ok() }
}

fn target(s: &str) -> Option<Option<Target>> {
    let t = s.trim();
    if t.is_empty() {
        return Some(None);
    }
    let lower = t.to_lowercase();
    let (at_most, rest) = [("≤", true), ("<=", true), ("högst", true), ("max", true), ("at most", true)]
        .iter()
        .chain([("≥", false), (">=", false), ("minst", false), ("min", false), ("at least", false)].iter())
        .find_map(|(p, m)| lower.strip_prefix(p).map(|r| (*m, r.to_owned())))
        .unwrap_or((false, lower.clone()));
    number(&rest).map(|value| Some(Target { value, at_most }))
}

/// Reads and checks an indicators file; every bad cell is a problem with
/// its row and column.
pub fn read(path: &Path) -> Result<Vec<Indicator>, Problems> {
    let table = records::read(path)?;
    parse(&table)
}

fn parse(table: &Table) -> Result<Vec<Indicator>, Problems> {
    let mut problems = Problems::default();
    let cols: Vec<Option<Col>> = table.headers.iter().map(|h| column(h)).collect();
    for need in [Col::Year, Col::Name] {
        if !cols.contains(&Some(need)) {
            let name = if need == Col::Year { "År" } else { "Indikator" };
            problems.push(
                Problem::error(
                    table.place(table.header_row, None),
                    tr!("the indicators file has no \"{name}\" column", "indikatorfilen har ingen kolumn \"{name}\""),
                )
                .hint(tr!(
                    "the columns are År, Område, Indikator, Kvinnor, Män, Totalt, Enhet, Mål, Källa, Kommentar \
                     (or year, area, indicator, women, men, total, unit, target, source, comment)",
                    "kolumnerna är År, Område, Indikator, Kvinnor, Män, Totalt, Enhet, Mål, Källa, Kommentar \
                     (eller year, area, indicator, women, men, total, unit, target, source, comment)"
                )),
            );
        }
    }
    if problems.has_errors() {
        return Err(problems);
    }
    // The two groups as the headers name them (`Kvinnor`, `Flickor`).
    let header = |want: Col, default: &'static str| {
        cols.iter().position(|c| *c == Some(want)).map_or(Group::Word(default), |i| Group::of(&table.headers[i]))
    };
    let headed = [header(Col::Women, "women"), header(Col::Men, "men")];
    let mut out = Vec::new();
    for row in &table.rows {
        let get = |want: Col| -> (String, Option<usize>) {
            match cols.iter().position(|c| *c == Some(want)) {
                Some(i) => (row.cells[i].trim().to_owned(), Some(i)),
                None => (String::new(), None),
            }
        };
        let num = |want: Col, problems: &mut Problems| -> Option<f64> {
            let (text, col) = get(want);
            if text.is_empty() {
                return None;
            }
            let n = number(&text);
            if n.is_none() {
                problems.push(
                    Problem::error(
                        table.place(row.number, col),
                        tr!("\"{text}\" is not a number", "\"{text}\" är inget tal"),
                    )
                    .hint(tr!(
                        "write numbers as 1 234,5 or 1234.5, or leave the cell empty",
                        "skriv tal som 1 234,5 eller 1234.5, eller lämna cellen tom"
                    )),
                );
            }
            n
        };
        let (year_text, year_col) = get(Col::Year);
        let year = match year_text.parse::<i32>() {
            Ok(y) if (1900..=2200).contains(&y) => y,
            _ => {
                problems.push(
                    Problem::error(
                        table.place(row.number, year_col),
                        tr!("\"{year_text}\" is not a year", "\"{year_text}\" är inget årtal"),
                    )
                    .hint(tr!("write the year as 2026", "skriv året som 2026")),
                );
                continue;
            }
        };
        let women = num(Col::Women, &mut problems);
        let men = num(Col::Men, &mut problems);
        let total = num(Col::Total, &mut problems);
        let (target_text, target_col) = get(Col::Target);
        let target = target(&target_text).unwrap_or_else(|| {
            problems.push(
                Problem::error(
                    table.place(row.number, target_col),
                    tr!("\"{target_text}\" is not a target", "\"{target_text}\" är inget mål"),
                )
                .hint(tr!(
                    "write a number, or ≥ 80 / ≤ 5 (minst 80 / högst 5) to say which side is good",
                    "skriv ett tal, eller ≥ 80 / ≤ 5 (minst 80 / högst 5) för att ange vilken sida som är bra"
                )),
            );
            None
        });
        let (name, name_col) = get(Col::Name);
        if name.is_empty() {
            problems.push(Problem::error(
                table.place(row.number, name_col),
                tr!("the indicator has no name", "indikatorn saknar namn"),
            ));
        }
        let total = total.or(match (women, men) {
            (Some(w), Some(m)) if get(Col::Unit).0 != "%" => Some(w + m),
            _ => None,
        });
        // A row's own groups: `flickor/pojkar`, `flickor och pojkar`.
        let (groups_text, groups_col) = get(Col::Groups);
        let groups = if groups_text.is_empty() {
            headed.clone()
        } else {
            let parts: Vec<&str> = groups_text
                .split(['/', ',', ';'])
                .flat_map(|p| p.split(" och ").flat_map(|q| q.split(" and ")))
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            match parts[..] {
                [a, b] => [Group::of(a), Group::of(b)],
                _ => {
                    problems.push(
                        Problem::error(
                            table.place(row.number, groups_col),
                            tr!("\"{groups_text}\" is not two groups", "\"{groups_text}\" är inte två grupper"),
                        )
                        .hint(tr!(
                            "write the two groups the columns hold, first then second: flickor/pojkar",
                            "skriv de två grupper kolumnerna gäller, den första först: flickor/pojkar"
                        )),
                    );
                    headed.clone()
                }
            }
        };
        out.push(Indicator {
            row: row.number,
            year,
            area: get(Col::Area).0,
            name,
            women,
            men,
            groups,
            total,
            unit: get(Col::Unit).0,
            target,
            source: get(Col::Source).0,
            comment: get(Col::Comment).0,
        });
    }
    if problems.has_errors() { Err(problems) } else { Ok(out) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_targets_in_swedish() {
        assert_eq!(number("1 234,5"), Some(1234.5));
        assert_eq!(number("76,9 %"), Some(76.9));
        assert_eq!(number("−3"), Some(-3.0));
        assert_eq!(number("många"), None);
        assert_eq!(target("≥ 80"), Some(Some(Target { value: 80.0, at_most: false })));
        assert_eq!(target("högst 5"), Some(Some(Target { value: 5.0, at_most: true })));
        assert_eq!(target(""), Some(None));
        assert!(Target { value: 5.0, at_most: true }.met(4.0));
        assert!(!Target { value: 80.0, at_most: false }.met(79.9));
    }
}
