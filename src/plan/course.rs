//! A course's documents: who of its participants gets a kursintyg, who a
//! deltagarintyg and who none, and the data each template receives.

use chrono::NaiveDate;
use serde_json::Value;

use super::data;
use super::naming::Assigner;
use super::reads;
use super::{Context, Doc, DocKind, NotEligible, Plan, Status, common_value, corrections, date_value, glyph_problem};
use crate::check::{self, Checked, Participant, session_label};
use crate::locale::{self, Lang};
use crate::problem::Problem;
use crate::project::text;
use crate::project::{Course, DEFAULT_FILE_NAME, DEFAULT_ID, Project, Session};
use crate::records::Table;
use crate::register::Entry;

/// The programme part of every record's data.
fn programme_value(project: &Project, c: &Course, lang: Lang) -> Value {
    let dates: Vec<NaiveDate> = c.sessions.iter().map(|s| s.date).collect();
    let mut v = common_value(project, lang);
    let p = &c.programme;
    v["programme"] = data::value(&data::Programme {
        name: &p.name,
        code: &p.code,
        place: &p.place,
        description: &p.description,
        content: &p.content,
        hours: c.hours(),
        hours_text: p.hours.map(|h| locale::number(h, 1, lang)),
        scope_text: scope_text(p.hours, p.minutes, lang),
        moderator: &p.moderator,
        dates_text: locale::date_set(&dates, lang),
        sessions_count: c.sessions.len(),
        first_date: dates.iter().min().copied().map(data::Date),
        last_date: dates.iter().max().copied().map(data::Date),
    });
    let time = |t: chrono::NaiveTime| locale::time(t, lang);
    let agenda: Vec<data::AgendaItem> = c
        .agenda
        .iter()
        .map(|a| data::AgendaItem {
            time_text: time(a.time),
            end_text: a.end.map(time),
            title: &a.title,
            speakers: a.speakers.iter().map(|s| data::Speaker { name: &s.name, title: &s.title }).collect(),
            kind: a.kind,
            content: a.kind.is_content(),
        })
        .collect();
    v["agenda"] = data::value(&agenda);
    v["venue"] = data::value(&c.venue.as_ref().map(|v| data::Venue { name: &v.name, address: &v.address }));
    v["organisers"] = organisers(c);
    v["issued"] = date_value(c.issued());
    v["issued_text"] = Value::from(locale::date(c.issued(), lang));
    v
}

/// A course's length in words: "28 timmar", "1 timme", "45 minuter".
fn scope_text(hours: Option<f64>, minutes: Option<f64>, lang: Lang) -> Option<String> {
    let (n, unit) = match (hours, minutes) {
        (Some(h), _) => (h, "scope_hours"),
        (None, Some(m)) => (m, "scope_minutes"),
        (None, None) => return None,
    };
    let key = format!("{unit}_{}", if n == 1.0 { "one" } else { "many" });
    Some(crate::locale::words::phrase(lang, &key, &[("n", &locale::number(n, 1, lang))]))
}

/// Why a participant of an e-learning course gets no certificate: the
/// platform's status, or a result short of the pass mark; none when they
/// get one.
fn not_passed(p: &Participant, pass_mark: Option<f64>) -> Option<Status> {
    if !p.completed {
        let status = p.status.trim();
        return Some(if status.is_empty() {
            Status::NotCompleted
        } else if !check::started(status) {
            Status::NotStarted(status.to_owned())
        } else if check::under_way(status) {
            Status::UnderWay(status.to_owned())
        } else {
            Status::Platform(status.to_owned())
        });
    }
    let need = pass_mark?;
    match p.score {
        Some(got) if got >= need => None,
        Some(got) => Some(Status::Short { got, need }),
        None => Some(Status::NoResult { need }),
    }
}

/// What an e-learning course's records must agree with: a pass mark needs
/// results, and an export of several courses holds rows of other courses,
/// which must not get this course's certificate.
fn elearning_problems(c: &Course, table: &Table, checked: &Checked, problems: &mut crate::problem::Problems) {
    if let Some(mark) = c.programme.pass_mark
        && !checked.fields.contains(&check::Field::Score)
    {
        problems.push(
            Problem::error(
                table.place(table.header_row, None),
                tr!(
                    "pass_mark = {mark} in intyg.toml, but the records have no result column",
                    "pass_mark = {mark} i intyg.toml, men uppgifterna har ingen kolumn med resultat"
                ),
            )
            .hint(tr!(
                "export the Resultat (Score) column too, or remove pass_mark if completing the course is enough",
                "exportera också kolumnen Resultat (Score), eller ta bort pass_mark om det räcker att slutföra kursen"
            )),
        );
    }
    let column = checked.fields.iter().position(|f| *f == check::Field::Course);
    let name = check::header_key(&c.programme.name);
    for p in &checked.participants {
        if !p.course.trim().is_empty() && check::header_key(&p.course) != name {
            let (course, programme) = (p.course.trim(), &c.programme.name);
            problems.push(
                Problem::error(
                    table.place(p.row, column),
                    tr!(
                        "the row is about the course \"{course}\", not \"{programme}\"",
                        "raden gäller kursen \"{course}\", inte \"{programme}\""
                    ),
                )
                .hint(tr!(
                    "export one course per file, or give [programme] name exactly as the platform names the course",
                    "exportera en kurs per fil, eller skriv [programme] name exakt som plattformen skriver kursens namn"
                )),
            );
        }
    }
}

/// A conference's organisers as templates get them: name, and logo as a
/// path in the folder (certificates and the door's badges alike).
pub(crate) fn organisers(c: &Course) -> Value {
    let organisers: Vec<data::Organiser> =
        c.organisers.iter().map(|o| data::Organiser { name: &o.name, logo: super::image_path(&o.logo) }).collect();
    data::value(&organisers)
}

/// The data of a participant's document before it is named: the shared
/// `base`, the participant, and the programme's `sessions` marked attended
/// or not.
pub(super) fn participant_data(sessions: &[Session], lang: Lang, base: &Value, p: &Participant) -> Value {
    let mut data = base.clone();
    data["participant"] = data::value(&data::Participant {
        name: &p.name,
        first_name: &p.first_name,
        last_name: &p.last_name,
        email: &p.email,
        organisation: &p.organisation,
        municipality: &p.municipality,
        role: &p.role,
        sessions_attended: p.sessions_attended(),
        extra: data::Extra(&p.extra),
        attended: &p.attended,
        completed_on: p.completed_on.map(data::Date),
        completed_text: p.completed_on.map(|d| locale::date(d, lang)),
        score: p.score,
    });
    let sessions: Vec<data::Session> = sessions
        .iter()
        .zip(&p.attended)
        .map(|(s, &attended)| data::Session {
            date: data::Date(s.date),
            date_text: locale::date(s.date, lang),
            title: &s.title,
            attended,
        })
        .collect();
    data["programme"]["sessions"] = data::value(&sessions);
    // An e-learning certificate is dated on its holder's own day.
    if let Some(day) = p.completed_on {
        let text = locale::date(day, lang);
        data["programme"]["dates_text"] = Value::from(text.as_str());
        data["programme"]["first_date"] = date_value(day);
        data["programme"]["last_date"] = date_value(day);
        data["issued"] = date_value(day);
        data["issued_text"] = Value::from(text);
    }
    data
}

/// Decides every participant's document and builds its data. All problems
/// (patterns, file names, glyphs) are collected, not just the first.
pub fn build(ctx: &Context, c: &Course, table: &Table, checked: &Checked) -> Plan {
    let (project, lang) = (ctx.project, ctx.lang);
    let participants = &checked.participants;
    let mut plan = Plan::default();
    plan.docs.reserve_exact(checked.participants.len());
    let cert = &c.texts;
    // What someone who qualifies gets: a course certificate, or a
    // conference's certificate of attendance.
    let full = c.kind.document().unwrap_or(DocKind::Kursintyg);
    let sources: Vec<(&'static str, String)> = vec![
        (text::TEXT, cert.text.clone().unwrap_or_else(|| c.kind.default_text(full, lang).into())),
        (
            text::PARTICIPATION_TEXT,
            cert.participation_text.clone().unwrap_or_else(|| c.kind.default_text(DocKind::Deltagarintyg, lang).into()),
        ),
        (text::ID, cert.id.clone().unwrap_or_else(|| DEFAULT_ID.into())),
        (text::FILE_NAME, cert.file_name.clone().unwrap_or_else(|| DEFAULT_FILE_NAME.into())),
    ];
    let Some(mut assigner) = Assigner::new(ctx, "certificate", &c.programme.code, &sources, &mut plan.problems) else {
        return plan;
    };
    plan.base = programme_value(project, c, lang);
    plan.png_qr = reads(ctx.printed, "verify.qr");
    ctx.check_glyphs(&programme_texts(project, c), &mut plan.problems);
    if c.kind.by_completion() {
        elearning_problems(c, table, checked, &mut plan.problems);
    }
    let min = c.min_sessions();
    // Who gets which document, and its register key, first: a corrected
    // name is told by who is gone from the register and who is new.
    let decided: Vec<Option<(DocKind, String)>> = participants
        .iter()
        .map(|p| {
            if c.kind.by_completion() {
                return not_passed(p, c.programme.pass_mark)
                    .is_none()
                    .then(|| (full, participant_entry(project, full, p).key()));
            }
            let attended = p.sessions_attended();
            let kind = if attended >= min {
                full
            } else if c.eligibility.participation_certificate && attended > 0 {
                DocKind::Deltagarintyg
            } else {
                return None;
            };
            Some((kind, participant_entry(project, kind, p).key()))
        })
        .collect();
    let holders: Vec<corrections::Holder> = participants
        .iter()
        .zip(&decided)
        .filter_map(|(p, d)| {
            let (kind, key) = d.as_ref()?;
            Some(corrections::Holder { row: p.row, name: &p.name, organisation: &p.organisation, kind: *kind, key })
        })
        .collect();
    let found = corrections::find(project, c, table, ctx.register, &holders, &mut plan.problems);
    drop(holders);
    for (key, id) in found.ids {
        assigner.adopt(key, id);
    }
    plan.corrections = found.corrections;
    for ((index, p), decided) in participants.iter().enumerate().zip(decided) {
        let kind = decided.as_ref().map(|(kind, _)| *kind);
        let missed: Vec<String> = p
            .missed()
            .into_iter()
            .map(|i| format!("{} ({})", session_label(&c.sessions[i], i, lang), locale::date(c.sessions[i].date, lang)))
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
                status: if c.kind.by_completion() {
                    not_passed(p, c.programme.pass_mark)
                } else if c.kind.spec().agenda {
                    // A conference is one day: who missed it did not come.
                    Some(Status::DidNotAttend)
                } else {
                    None
                },
            });
            continue;
        };
        // Only what a template prints: a column no template reads may hold
        // any script.
        for (key, value) in p.texts() {
            let chars = check::missing_glyphs(value, &ctx.covers);
            if !chars.is_empty() && printed(ctx.printed, key) {
                let column = checked.columns.get(key).copied();
                let field = column.map_or(key, |c| table.headers[c].as_str());
                plan.problems.push(glyph_problem(table.place(p.row, column), field, &chars));
            }
        }
        let mut data = participant_data(&c.sessions, lang, &plan.base, p);
        let key = decided.map(|(_, key)| key).unwrap_or_default();
        let text_name = if kind == full { text::TEXT } else { text::PARTICIPATION_TEXT };
        let place = table.place(p.row, None);
        let Some(named) = assigner.assign(&key, &mut data, text_name, place, &mut plan.problems) else {
            continue;
        };
        match Doc::new(ctx, kind, index, p.row, named) {
            Ok(doc) => plan.docs.push(doc),
            Err(msg) => plan.problems.push(Problem::error(table.place(p.row, None), msg)),
        }
    }
    plan
}

/// The register row of participant `p`'s document of `kind`, before it is
/// named: the holder is known across runs by e-mail, else by name and
/// organisation; people who share an address by it and their name.
pub(super) fn participant_entry(project: &Project, kind: DocKind, p: &Participant) -> Entry {
    let holder_id = crate::locale::identity(&if p.email.is_empty() {
        format!("{} / {}", p.name, p.organisation)
    } else if p.shares_email {
        format!("{} / {}", p.email, p.name)
    } else {
        p.email.clone()
    });
    Entry {
        id: String::new(),
        kind: kind.name().into(),
        scheme_code: project.folder.code().to_owned(),
        scheme: project.folder.name().to_owned(),
        holder: p.name.clone(),
        holder_id,
        // An e-learning course is completed on each holder's own day.
        awarded: p.completed_on.unwrap_or_else(|| project.issued()),
        valid_until: None,
        status: crate::register::Status::Valid,
        superseded_by: String::new(),
        sha256: String::new(),
        contact: String::new(),
        email: p.email.clone(),
        file: String::new(),
        // Given when the document is named.
        status_index: 0,
    }
}

fn programme_texts(project: &Project, c: &Course) -> Vec<(String, String)> {
    let mut out = vec![
        ("issuer.name".to_owned(), project.common.issuer.name.clone()),
        ("programme.name".to_owned(), c.programme.name.clone()),
        ("programme.place".to_owned(), c.programme.place.clone()),
        ("programme.description".to_owned(), c.programme.description.clone()),
    ];
    out.extend(c.programme.content.iter().map(|s| ("programme.content".to_owned(), s.clone())));
    out.extend(c.sessions.iter().map(|s| ("sessions.title".to_owned(), s.title.clone())));
    out.push(("programme.moderator".to_owned(), c.programme.moderator.clone()));
    for a in &c.agenda {
        out.push(("agenda.title".to_owned(), a.title.clone()));
        for sp in &a.speakers {
            out.push(("agenda.speakers.name".to_owned(), sp.name.clone()));
            out.push(("agenda.speakers.title".to_owned(), sp.title.clone()));
        }
    }
    if let Some(v) = &c.venue {
        out.push(("venue.name".to_owned(), v.name.clone()));
        out.push(("venue.address".to_owned(), v.address.clone()));
    }
    out.extend(c.organisers.iter().map(|o| ("organisers.name".to_owned(), o.name.clone())));
    for s in &project.common.signatories {
        out.push(("signatories.name".to_owned(), s.name.clone()));
        out.push(("signatories.title".to_owned(), s.title.clone()));
    }
    out
}

/// Whether a template prints the participant's field `key` (`name`,
/// `organisation`, or an extra column's header), from the paths of `data`
/// the templates read; `None` (not known) counts as printed.
fn printed(paths: Option<&[String]>, key: &str) -> bool {
    let path = match key {
        "first_name" | "last_name" | "name" | "organisation" | "municipality" | "role" => format!("participant.{key}"),
        header => format!("participant.extra.{header}"),
    };
    // First and last names make the name, and the name is made of them.
    reads(paths, &path)
        || (key.ends_with("_name") && reads(paths, "participant.name"))
        || (key == "name" && (reads(paths, "participant.first_name") || reads(paths, "participant.last_name")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_a_template_reads_is_printed() {
        let paths = ["participant.name".to_owned(), "participant.extra.Kurskod".to_owned(), "programme".to_owned()];
        let p = Some(&paths[..]);
        assert!(printed(p, "name"));
        assert!(printed(p, "first_name"), "the parts make the name");
        assert!(printed(p, "Kurskod"));
        assert!(!printed(p, "Anteckning"));
        assert!(!printed(p, "organisation"));
        let whole = ["participant.extra".to_owned()];
        assert!(printed(Some(&whole[..]), "Anteckning"));
        assert!(printed(None, "Anteckning"), "unknown counts as printed");
    }
}
