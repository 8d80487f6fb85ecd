//! `[columns]` in intyg.toml: headers intyg does not know, mapped to what
//! they mean (`name = "Deltagarens namn"`), and "did you mean" for headers
//! that look like a misspelt one intyg knows.

use std::path::Path;

use crate::problem::{Place, Problem, Problems};
use crate::records::Table;

/// What `[columns]` can map in a programme folder: key, and a header with
/// that meaning. The English headers are there for suggestions.
const COURSE: &[(&str, &str)] = &[
    ("name", "Namn"),
    ("first_name", "Förnamn"),
    ("last_name", "Efternamn"),
    ("email", "E-post"),
    ("organisation", "Organisation"),
    ("municipality", "Kommun"),
    ("role", "Roll"),
    ("attended", "Närvaro"),
    ("status", "Status"),
    ("completed_on", "Slutförandedatum"),
    ("score", "Resultat"),
    ("course", "Kurs"),
    ("name", "Name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("role", "Role"),
];

/// What `[columns]` can map in a diploma folder.
pub(super) const DIPLOMA: &[(&str, &str)] = &[
    ("name", "Organisation"),
    ("org_number", "Organisationsnummer"),
    ("legal_form", "Juridisk form"),
    ("sector", "Sektor"),
    ("contact", "Kontaktperson"),
    ("email", "E-post"),
    ("awarded", "Diplomerad"),
    ("valid_until", "Giltig till"),
    ("criteria", "Kriterier"),
    ("citation", "Motivering"),
    ("case_ref", "Diarienummer"),
    ("status", "Status"),
    ("revoked_on", "Återkallad den"),
    ("email", "Email"),
    ("valid_until", "Valid until"),
];

/// The keys of a learning platform's columns, which only an e-learning
/// course reads.
const ELEARNING: &[&str] = &["status", "completed_on", "score", "course"];

/// What `[columns]` can map a column to in a folder of `kind`, as key and
/// meaning in the words of the report of how a file was read: a diploma's
/// fields, an e-learning course's, or a course's with `session1` … for
/// each of its `sessions`.
pub fn choices(
    kind: crate::project::Kind,
    sessions: &[crate::project::Session],
    lang: crate::locale::Lang,
) -> Vec<(String, String)> {
    use crate::project::Kind;
    let diploma = kind == Kind::Diploma;
    let elearning = kind == Kind::Elearning;
    let mut out: Vec<(String, String)> = Vec::new();
    for (key, header) in if diploma { DIPLOMA } else { COURSE } {
        // A platform's columns in an e-learning course, attendance in others.
        let platform = ELEARNING.contains(key);
        let elsewhere = !diploma && if elearning { *key == "attended" } else { platform };
        if out.iter().any(|(k, _)| k == key) || elsewhere {
            continue;
        }
        let meaning = if diploma {
            super::org::meaning(header, false)
        } else {
            match super::classify(header, sessions) {
                Ok(field) => super::reading::meaning(&field, sessions, lang),
                Err(_) => continue,
            }
        };
        out.push(((*key).to_owned(), meaning));
    }
    if !diploma {
        for (i, _) in sessions.iter().enumerate() {
            out.push((format!("session{}", i + 1), super::reading::meaning(&super::Field::Session(i), sessions, lang)));
        }
    }
    out
}

/// Applies `columns` (field → header) to `table`, and warns about headers
/// that look like a misspelt one intyg knows. `field_of` says what a header
/// means to intyg (`None`: nothing); `sessions` is how many sessions a
/// course has (`dag1`, `session2` … map attendance columns).
///
/// What `[columns]` maps wins: another column whose header alone would fill
/// the same field is passed on as an extra column, not read as that field.
pub fn map(
    table: &mut Table,
    columns: &crate::project::Columns,
    diploma: bool,
    sessions: usize,
    config: &Path,
    field_of: &dyn Fn(&str) -> Option<String>,
) -> Problems {
    let fields = if diploma { DIPLOMA } else { COURSE };
    let mut problems = Problems::default();
    let mut mapped = vec![None; table.headers.len()];
    // The columns left out are found as the mapped ones are.
    let unused = columns.unused.iter().map(|h| (crate::project::UNUSED, h));
    for (key, header) in columns.mapped.iter().map(|(k, h)| (k.as_str(), h)).chain(unused) {
        let meaning = match fields.iter().find(|(k, _)| *k == key) {
            _ if key == crate::project::UNUSED => crate::records::UNUSED.to_owned(),
            Some((_, h)) => (*h).to_owned(),
            None => match session_key(key) {
                Some(n) if !diploma && (1..=sessions).contains(&n) => format!("Dag {n}"),
                Some(n) if !diploma => {
                    problems.push(
                        Problem::error(
                            Place::file(config),
                            tr!(
                                "[columns] {key}: the programme has {sessions} sessions, not {n}",
                                "[columns] {key}: programmet har {sessions} tillfällen, inte {n}"
                            ),
                        )
                        .hint(tr!(
                            "map session1 … sessionN, one per [[sessions]] in intyg.toml",
                            "ange session1 … sessionN, en per [[sessions]] i intyg.toml"
                        )),
                    );
                    continue;
                }
                _ => {
                    let mut keys: Vec<&str> = Vec::new();
                    for (k, _) in fields {
                        if !keys.contains(k) {
                            keys.push(k);
                        }
                    }
                    let mut list = keys.join(", ");
                    if !diploma {
                        list.push_str(", session1 … sessionN");
                    }
                    let mut hint = tr!("the fields are: {list}", "fälten är: {list}");
                    if let Some(near) = crate::suggest::closest(key, keys.iter().copied()) {
                        hint = tr!("did you mean {near}? {hint}", "menade du {near}? {hint}");
                    }
                    problems.push(
                        Problem::error(
                            Place::file(config),
                            tr!(
                                "[columns] {key}: intyg knows no such field",
                                "[columns] {key}: intyg känner inte till något sådant fält"
                            ),
                        )
                        .hint(hint),
                    );
                    continue;
                }
            },
        };
        match table.headers.iter().position(|h| h.trim() == header.trim()) {
            Some(c) => mapped[c] = Some(meaning),
            None => {
                let headers = table.headers.join(", ");
                let mut hint = tr!("the headers are: {headers}", "rubrikerna är: {headers}");
                if let Some(near) = crate::suggest::closest(header, table.headers.iter().map(String::as_str)) {
                    hint = tr!("did you mean \"{near}\"? {hint}", "menade du \"{near}\"? {hint}");
                }
                let file = table.path.display();
                problems.push(
                    Problem::error(
                        Place::file(config),
                        tr!(
                            "[columns] {key} = \"{header}\": {file} has no such column",
                            "[columns] {key} = \"{header}\": {file} har ingen sådan kolumn"
                        ),
                    )
                    .hint(hint),
                );
            }
        }
    }
    let explicit: Vec<String> = mapped.iter().flatten().filter_map(|m| field_of(m)).collect();
    for (c, header) in table.headers.iter().enumerate() {
        if mapped[c].is_none() && field_of(header).is_some_and(|f| explicit.contains(&f)) {
            // An empty meaning is no field: the column is passed on as extra.
            mapped[c] = Some(String::new());
            continue;
        }
        if mapped[c].is_some() || header.trim().is_empty() || field_of(header).is_some() {
            continue;
        }
        let candidates = fields.iter().map(|(_, h)| *h);
        if let Some(near) = crate::suggest::closest(header, candidates) {
            let key = fields.iter().find(|(_, h)| *h == near).map_or("", |(k, _)| k);
            // A course's name columns are checked with the name itself
            // (check::incomplete_name): an error where a part is missing.
            if !diploma && matches!(key, "name" | "first_name" | "last_name") {
                continue;
            }
            problems.push(
                Problem::warning(
                    table.place(table.header_row, Some(c)),
                    tr!(
                        "unknown column \"{header}\" – did you mean \"{near}\"?",
                        "okänd kolumn \"{header}\" – menade du \"{near}\"?"
                    ),
                )
                .hint(tr!(
                    "rename the header to \"{near}\", or map it in intyg.toml: [columns] {key} = \"{header}\"; \
                         as it is, only a template that asks for \"{header}\" sees it",
                    "döp om rubriken till \"{near}\", eller koppla den i intyg.toml: [columns] {key} = \"{header}\"; \
                         som det är nu ser bara en mall som frågar efter \"{header}\" den"
                )),
            );
        }
    }
    if mapped.iter().any(Option::is_some) {
        table.mapped = mapped;
    }
    problems
}

/// `session2`, `dag2`, `day2` → 2.
fn session_key(key: &str) -> Option<usize> {
    ["session", "dag", "day"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .and_then(|n| n.trim_start_matches('_').parse().ok())
}

#[cfg(test)]
mod tests {
    use crate::project::Kind;

    #[test]
    fn each_kind_of_folder_is_offered_its_own_fields() {
        let keys =
            |kind| super::choices(kind, &[], crate::locale::Lang::SV).into_iter().map(|(k, _)| k).collect::<Vec<_>>();
        let course = keys(Kind::Course);
        assert!(course.contains(&"attended".to_owned()) && !course.contains(&"status".to_owned()), "{course:?}");
        let elearning = keys(Kind::Elearning);
        assert!(
            elearning.contains(&"completed_on".to_owned()) && !elearning.contains(&"attended".to_owned()),
            "{elearning:?}"
        );
        let diploma = keys(Kind::Diploma);
        assert!(diploma.contains(&"citation".to_owned()) && !diploma.contains(&"first_name".to_owned()), "{diploma:?}");
        assert_eq!(elearning.iter().filter(|k| *k == "name").count(), 1, "each key once");
    }
}
