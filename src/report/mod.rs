//! Reports: the figures of a programme or of a year's human-rights work,
//! computed from the same records and registers that issue documents, and
//! laid out by a template as tables and charts.
//!
//! Each report is two values: `data` for the template (texts already
//! formatted for the language) and `figures`, the plain numbers, which
//! `--figures` writes as JSON or CSV so they can be reused.

pub mod annual;
pub mod data;
pub mod indicators;
pub mod markup;
pub mod programme;

use serde_json::Value;

use crate::locale::{self, Lang};

/// A report ready to lay out.
pub struct Report {
    /// What the template receives.
    pub data: Value,
    /// The numbers in it.
    pub figures: Value,
}

/// The figures as CSV rows `figure,value`: nested names joined with `/`;
/// list items named by their `name` (or `label`, `id`, `year`) where they
/// have one. Spreadsheet-safe, in the dialect of the report's language
/// (numbers with a decimal comma in Swedish).
pub fn figures_csv(figures: &Value, lang: Lang) -> Vec<u8> {
    let dialect = crate::output::csv::Dialect::of(lang);
    let mut rows = Vec::new();
    flatten(figures, String::new(), dialect, &mut rows);
    crate::output::csv::safe_csv(dialect, ["figure", "value"], rows, csv::Terminator::CRLF)
}

fn flatten(v: &Value, path: String, dialect: crate::output::csv::Dialect, rows: &mut Vec<[String; 2]>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}/{key}") };
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                flatten(x, join(k), dialect, rows);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let name = ["name", "label", "id", "year"]
                    .iter()
                    .find_map(|k| x.get(*k).filter(|n| !n.is_null()))
                    .map(|n| n.as_str().map_or_else(|| n.to_string(), str::to_owned))
                    .unwrap_or_else(|| (i + 1).to_string());
                flatten(x, join(&name), dialect, rows);
            }
        }
        Value::Null => rows.push([path, String::new()]),
        Value::String(s) => rows.push([path, s.clone()]),
        Value::Number(n) => rows.push([path, dialect.number(&n.to_string())]),
        other => rows.push([path, other.to_string()]),
    }
}

/// A whole number as the language writes it: `1 000` / `1,000`.
pub fn count(n: usize, lang: Lang) -> String {
    locale::number(n as f64, 0, lang)
}

/// A share rounded to one decimal, as a number for figures files.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * part as f64 / whole as f64).round() / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn figures_flatten_to_named_rows() {
        let f = json!({ "participants": 25, "sessions": [{ "label": "Dag 1", "attended": 24 }], "x": null });
        let csv = String::from_utf8(figures_csv(&f, Lang::EN)).unwrap();
        assert_eq!(
            csv,
            "figure,value\r\nparticipants,25\r\nsessions/Dag 1/label,Dag 1\r\nsessions/Dag 1/attended,24\r\nx,\r\n"
        );
        let f = json!({ "share": 92.5, "label": "1.5" });
        let csv = String::from_utf8(figures_csv(&f, Lang::SV)).unwrap();
        assert_eq!(csv, "\u{feff}figure;value\r\nshare;92,5\r\nlabel;1.5\r\n");
    }
}
