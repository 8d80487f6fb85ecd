//! Building the batch: who gets which document, its id and file name, and
//! the data its template receives. Data reaches typst as JSON values, never
//! as markup, so a participant called `#read("/etc/passwd")` is printed as
//! written.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::check::{self, Checked, Participant, session_label};
use crate::locale::{self, Lang};
use crate::problem::{Place, Problem, Problems};
use crate::project::text::{self, Patterns};
use crate::project::{DEFAULT_FILE_NAME, DEFAULT_ID, Project};
use crate::records::Table;

/// Which document someone gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A full course certificate.
    Kursintyg,
    /// A participation certificate (some sessions).
    Deltagarintyg,
}

impl DocKind {
    /// The template slot this kind uses in the renderer.
    pub fn template_index(self) -> usize {
        match self {
            DocKind::Kursintyg => 0,
            DocKind::Deltagarintyg => 1,
        }
    }

    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DocKind::Kursintyg, Lang::Sv) => "Kursintyg",
            (DocKind::Kursintyg, Lang::En) => "Course certificate",
            (DocKind::Deltagarintyg, Lang::Sv) => "Deltagarintyg",
            (DocKind::Deltagarintyg, Lang::En) => "Certificate of participation",
        }
    }
}

/// One document to make.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The participant's row.
    pub row: usize,
    /// Full name, for messages.
    pub name: String,
    /// Which document.
    pub kind: DocKind,
    /// Certificate id.
    pub id: String,
    /// Output file name.
    pub file_name: String,
    /// What the template receives.
    pub data: Value,
}

/// Someone who gets no document.
#[derive(Debug, Clone, Serialize)]
pub struct NotEligible {
    /// Their row.
    pub row: usize,
    /// Their name.
    pub name: String,
    /// Their organisation.
    pub organisation: String,
    /// The sessions missed, as labels with dates.
    pub missed: Vec<String>,
}

/// The whole batch.
#[derive(Debug, Default)]
pub struct Plan {
    /// Documents, in record order.
    pub docs: Vec<Doc>,
    /// Participants who get none.
    pub not_eligible: Vec<NotEligible>,
    /// Participants who fall short but get a participation certificate are in
    /// `docs`; this lists the sessions they missed, by row.
    pub missed: HashMap<usize, Vec<String>>,
    /// Everything found wrong.
    pub problems: Problems,
}

fn date_value(d: NaiveDate) -> Value {
    json!({ "$date": d.format("%Y-%m-%d").to_string() })
}

fn default_text(kind: DocKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (DocKind::Kursintyg, Lang::Sv) => "har genomgått utbildningen",
        (DocKind::Kursintyg, Lang::En) => "has completed the programme",
        (DocKind::Deltagarintyg, Lang::Sv) => {
            "har deltagit i {{ participant.sessions_attended }} av {{ programme.sessions_count }} utbildningstillfällen i"
        }
        (DocKind::Deltagarintyg, Lang::En) => {
            "has taken part in {{ participant.sessions_attended }} of {{ programme.sessions_count }} sessions of"
        }
    }
}

/// The programme part of every record's data.
fn programme_value(project: &Project, lang: Lang) -> Value {
    let c = &project.config;
    let dates: Vec<NaiveDate> = c.sessions.iter().map(|s| s.date).collect();
    let image = |p: &Option<std::path::PathBuf>| -> Value {
        match p {
            Some(p) => Value::String(format!(
                "/{}",
                p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
            )),
            None => Value::Null,
        }
    };
    json!({
        "lang": lang.code(),
        "issuer": { "name": c.issuer.name, "logo": image(&c.issuer.logo) },
        "programme": {
            "name": c.programme.name,
            "code": c.programme.code,
            "place": c.programme.place,
            "description": c.programme.description,
            "content": c.programme.content,
            "hours": c.programme.hours,
            "hours_text": c.programme.hours.map(|h| locale::number(h, 1, lang)),
            "dates_text": locale::date_set(&dates, lang),
            "sessions_count": c.sessions.len(),
            "first_date": dates.iter().min().map(|d| date_value(*d)),
            "last_date": dates.iter().max().map(|d| date_value(*d)),
        },
        "signatories": c.signatories.iter().map(|s| json!({
            "name": s.name, "title": s.title, "signature": image(&s.signature),
        })).collect::<Vec<_>>(),
        "issued": date_value(project.issued()),
        "issued_text": locale::date(project.issued(), lang),
    })
}

fn participant_value(p: &Participant) -> Value {
    let extra: Map<String, Value> = p.extra.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect();
    json!({
        "name": p.name,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "organisation": p.organisation,
        "role": p.role,
        "sessions_attended": p.sessions_attended(),
        "extra": extra,
    })
}

/// Decides every participant's document and builds its data. All problems
/// (patterns, file names, glyphs) are collected, not just the first.
pub fn build(project: &Project, table: &Table, checked: &Checked, lang: Lang, covers: &dyn Fn(char) -> bool) -> Plan {
    let participants = &checked.participants;
    let mut plan = Plan::default();
    let c = &project.config;
    let toml = project.dir.join(crate::project::FILE_NAME);
    let cert = &c.certificate;
    let sources: Vec<(&'static str, String)> = vec![
        (text::TEXT, cert.text.clone().unwrap_or_else(|| default_text(DocKind::Kursintyg, lang).into())),
        (
            text::PARTICIPATION_TEXT,
            cert.participation_text.clone().unwrap_or_else(|| default_text(DocKind::Deltagarintyg, lang).into()),
        ),
        (text::ID, cert.id.clone().unwrap_or_else(|| DEFAULT_ID.into())),
        (text::FILE_NAME, cert.file_name.clone().unwrap_or_else(|| DEFAULT_FILE_NAME.into())),
    ];
    let patterns = match Patterns::new(&sources) {
        Ok(p) => p,
        Err((name, msg)) => {
            plan.problems.push(
                Problem::error(Place::file(&toml), format!("[certificate] {name}: {msg}"))
                    .hint("placeholders are written {{ participant.name }}; `intyg templates` lists the fields"),
            );
            return plan;
        }
    };
    let base = programme_value(project, lang);
    for (field, value) in programme_texts(project) {
        if let Some(ch) = check::missing_glyph(&value, covers) {
            plan.problems.push(glyph_problem(Place::file(&toml), &field, ch));
        }
    }
    let min = project.min_sessions();
    let mut serial = 0usize;
    let mut names: HashMap<String, usize> = HashMap::new();
    let mut pattern_failed: Vec<&'static str> = Vec::new();
    for p in participants {
        let attended = p.sessions_attended();
        let kind = if attended >= min {
            Some(DocKind::Kursintyg)
        } else if c.eligibility.participation_certificate && attended > 0 {
            Some(DocKind::Deltagarintyg)
        } else {
            None
        };
        let missed: Vec<String> = p
            .missed()
            .into_iter()
            .map(|i| format!("{} ({})", session_label(&c.sessions[i], i), locale::date(c.sessions[i].date, lang)))
            .collect();
        if !missed.is_empty() {
            plan.missed.insert(p.row, missed.clone());
        }
        let Some(kind) = kind else {
            plan.not_eligible.push(NotEligible {
                row: p.row,
                name: p.name.clone(),
                organisation: p.organisation.clone(),
                missed,
            });
            continue;
        };
        for (column, value) in p.texts() {
            if let Some(ch) = check::missing_glyph(value, covers) {
                let place = table.place(p.row, checked.columns.get(column).copied());
                plan.problems.push(glyph_problem(place, column, ch));
            }
        }
        serial += 1;
        let mut data = base.clone();
        let mut participant = participant_value(p);
        data["participant"] = participant.clone();
        data["serial"] = json!(serial);
        let sessions: Vec<Value> = c
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| {
                json!({
                    "date": date_value(s.date),
                    "date_text": locale::date(s.date, lang),
                    "title": s.title,
                    "attended": p.attended[i],
                })
            })
            .collect();
        data["programme"]["sessions"] = Value::Array(sessions);
        let ctx = minijinja::Value::from_serialize(&data);
        let mut render = |name: &'static str, ctx: &minijinja::Value| -> Option<String> {
            match patterns.render(name, ctx) {
                Ok(s) => Some(s),
                Err(msg) => {
                    // A pattern that fails once fails for everyone: say it once.
                    if !pattern_failed.contains(&name) {
                        pattern_failed.push(name);
                        plan.problems.push(
                            Problem::error(Place::file(&toml), format!("[certificate] {name}: {msg}"))
                                .hint("`intyg templates` lists the fields a pattern can use"),
                        );
                    }
                    None
                }
            }
        };
        let Some(id) = render(text::ID, &ctx) else { continue };
        data["id"] = json!(id);
        let ctx = minijinja::Value::from_serialize(&data);
        let text_name = if kind == DocKind::Kursintyg { text::TEXT } else { text::PARTICIPATION_TEXT };
        let (Some(text), Some(file_name)) = (render(text_name, &ctx), render(text::FILE_NAME, &ctx)) else { continue };
        if let Err(msg) = crate::output::safe_file_name(&file_name) {
            plan.problems.push(
                Problem::error(table.place(p.row, None), msg)
                    .hint("[certificate] file_name must give one plain name; use the | slug filter on names"),
            );
            continue;
        }
        if let Some(first) = names.insert(file_name.clone(), p.row) {
            plan.problems.push(
                Problem::error(
                    table.place(p.row, None),
                    format!("the file name \"{file_name}\" is also used for {} {first}", table.row_word),
                )
                .hint("put {{ id }} in [certificate] file_name so every name is unique"),
            );
            continue;
        }
        if let Some(ch) = check::missing_glyph(&text, covers) {
            plan.problems.push(glyph_problem(table.place(p.row, None), "certificate text", ch));
        }
        participant["attended"] = json!(p.attended);
        data["participant"] = participant;
        data["kind"] = json!(kind);
        data["template"] = json!(kind.template_index());
        data["text"] = json!(text);
        data["document"] = json!({
            "title": format!("{} – {} – {}", kind.title(lang), p.name, c.programme.name),
            "author": c.issuer.name,
            "subject": format!("{} {} {}, {}", kind.title(lang), if lang == Lang::Sv { "för" } else { "for" }, p.name, c.programme.name),
            "keywords": [kind.title(lang), c.programme.name, id],
        });
        plan.docs.push(Doc { row: p.row, name: p.name.clone(), kind, id, file_name, data });
    }
    plan
}

/// The data of a combined document holding every `docs` record.
pub fn combined(project: &Project, docs: &[Doc], lang: Lang) -> Value {
    let c = &project.config;
    let title = match lang {
        Lang::Sv => format!("Intyg – {} ({} st.)", c.programme.name, docs.len()),
        Lang::En => format!("Certificates – {} ({})", c.programme.name, docs.len()),
    };
    json!({
        "lang": lang.code(),
        "document": { "title": title, "author": c.issuer.name, "subject": title, "keywords": [c.programme.name] },
        "records": docs.iter().map(|d| &d.data).collect::<Vec<_>>(),
    })
}

fn programme_texts(project: &Project) -> Vec<(String, String)> {
    let c = &project.config;
    let mut out = vec![
        ("issuer.name".to_owned(), c.issuer.name.clone()),
        ("programme.name".to_owned(), c.programme.name.clone()),
        ("programme.place".to_owned(), c.programme.place.clone()),
        ("programme.description".to_owned(), c.programme.description.clone()),
    ];
    out.extend(c.programme.content.iter().map(|s| ("programme.content".to_owned(), s.clone())));
    out.extend(c.sessions.iter().map(|s| ("sessions.title".to_owned(), s.title.clone())));
    for s in &c.signatories {
        out.push(("signatories.name".to_owned(), s.name.clone()));
        out.push(("signatories.title".to_owned(), s.title.clone()));
    }
    out
}

fn glyph_problem(place: Place, field: &str, ch: char) -> Problem {
    Problem::error(
        place,
        format!("the character \"{ch}\" (U+{:04X}) in {field} is in none of intyg's fonts", ch as u32),
    )
    .hint("replace it with a similar letter, or remove it; intyg never prints a box in its place")
}
