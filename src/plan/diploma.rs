//! Diplomas for organisations: one per decided (not revoked) record, and a
//! register row for every record, revoked ones included.

use serde_json::Value;

use super::data;
use super::naming::Assigner;
use super::reads;
use super::{Context, Doc, DocKind, Plan, common_value, date_value, glyph_problem};
use crate::check::missing_glyphs;
use crate::check::org::Organisation;
use crate::locale::{self, Lang};
use crate::problem::{Problem, Problems};
use crate::project::text;
use crate::project::{Diploma, Folder};
use crate::records::Table;
use crate::register::{Entry, Status};

/// Default pattern of diploma ids.
pub const DEFAULT_ID: &str = "{{ scheme.code }}-{{ awarded_year }}-{{ serial | pad(3) }}";
/// Default pattern of diploma file names.
pub const DEFAULT_FILE_NAME: &str = "{{ id }}-{{ organisation.name | slug }}.pdf";

/// Plans the diplomas of a scheme folder.
pub fn build(ctx: &Context, diploma: &Diploma, table: &Table, orgs: &[Organisation]) -> Plan {
    let (project, lang) = (ctx.project, ctx.lang);
    let mut plan = Plan::default();
    let scheme = &diploma.scheme;
    let d = &diploma.texts;
    let sources: Vec<(&'static str, String)> = vec![
        (
            text::TEXT,
            d.text
                .clone()
                .unwrap_or_else(|| crate::kind::Kind::Diploma.default_text(DocKind::Mangfaldsdiplom, lang).into()),
        ),
        (text::ID, d.id.clone().unwrap_or_else(|| DEFAULT_ID.into())),
        (text::FILE_NAME, d.file_name.clone().unwrap_or_else(|| DEFAULT_FILE_NAME.into())),
    ];
    let Some(mut assigner) = Assigner::new(ctx, "diploma", &scheme.code, &sources, &mut plan.problems) else {
        return plan;
    };
    let mut texts: Vec<(String, String)> = vec![
        ("issuer.name".into(), project.common.issuer.name.clone()),
        ("scheme.name".into(), scheme.name.clone()),
        ("scheme.description".into(), scheme.description.clone()),
    ];
    texts.extend(diploma.criteria.iter().map(|cr| ("criteria.description".to_owned(), cr.description.clone())));
    ctx.check_glyphs(&texts, &mut plan.problems);
    plan.base = common_value(project, lang);
    plan.png_qr = reads(ctx.printed, "verify.qr");
    plan.base["scheme"] = data::value(&data::Scheme {
        name: &scheme.name,
        code: &scheme.code,
        description: &scheme.description,
        place: &scheme.place,
        document_name: &scheme.document_name,
        validity_years: scheme.validity_years,
        min_criteria: scheme.min_criteria,
        criteria: &diploma.criteria,
    });
    for (index, o) in orgs.iter().enumerate() {
        let entry = organisation_entry(&project.folder, o);
        if !o.revoked {
            check_texts(o, table, ctx, &mut plan.problems);
        }
        let mut data = organisation_data(lang, &plan.base, orgs, index);
        let place = table.place(o.row, None);
        let Some(named) = assigner.assign(&entry.key(), &mut data, text::TEXT, place, &mut plan.problems) else {
            continue;
        };
        // Revoked in the records, or in intyg.toml by its id (intyg app).
        if o.revoked || diploma.revocations.contains_key(&named.id) {
            // No diploma, but a register row that says so, with an id of its
            // own (kept from an earlier run where there was one).
            let status = Status::Revoked;
            plan.revoked.push(Entry { id: named.id, status_index: named.status_index, status, ..entry });
            continue;
        }
        match Doc::new(ctx, DocKind::Mangfaldsdiplom, index, o.row, named) {
            Ok(doc) => plan.docs.push(doc),
            Err(msg) => plan.problems.push(Problem::error(table.place(o.row, None), msg)),
        }
    }
    plan
}

/// The register row of organisation `o`'s diploma in the scheme of
/// `folder`, before it is named.
pub(super) fn organisation_entry(folder: &Folder, o: &Organisation) -> Entry {
    Entry {
        id: String::new(),
        kind: DocKind::Mangfaldsdiplom.name().into(),
        scheme_code: folder.code().to_owned(),
        scheme: folder.name().to_owned(),
        holder: o.name.clone(),
        holder_id: o.number.clone(),
        awarded: o.awarded,
        valid_until: o.valid_until,
        status: if o.revoked { Status::Revoked } else { Status::Valid },
        superseded_by: String::new(),
        sha256: String::new(),
        contact: o.contact.clone(),
        email: o.email.clone(),
        file: String::new(),
        // Given when the document is named.
        status_index: 0,
    }
}

/// The data of the diploma of `orgs[index]` before it is named: the
/// shared `base`, the organisation, its citation, criteria and dates, and
/// the year of its first diploma when this one renews it (an earlier
/// award to the same organisation number in the records).
pub(super) fn organisation_data(lang: Lang, base: &Value, orgs: &[Organisation], index: usize) -> Value {
    let o = &orgs[index];
    let first = orgs.iter().filter(|e| e.number == o.number).map(|e| e.awarded).min().filter(|at| *at < o.awarded);
    let mut data = base.clone();
    data["first_awarded_year"] = first.map_or(Value::Null, |at| Value::from(at.format("%Y").to_string()));
    data["organisation"] = organisation_value(o, lang);
    data["citation"] = data::value(&paragraphs(&o.citation));
    data["criteria"] = data::value(&o.criteria);
    data["awarded"] = date_value(o.awarded);
    data["awarded_year"] = Value::from(o.awarded.format("%Y").to_string());
    data["awarded_text"] = Value::from(locale::date(o.awarded, lang));
    data["valid_until"] = o.valid_until.map_or(Value::Null, date_value);
    data["valid_until_text"] = o.valid_until.map_or(Value::Null, |u| Value::from(locale::date(u, lang)));
    data["issued_text"] = data["awarded_text"].clone();
    data
}

fn organisation_value(o: &Organisation, lang: Lang) -> Value {
    data::value(&data::Organisation {
        name: &o.name,
        number: &o.number,
        legal_form: &o.legal_form,
        sector: o.sector,
        sector_text: o.sector.map(|s| s.text(lang)),
        contact: &o.contact,
        email: &o.email,
        case_ref: &o.case_ref,
        extra: data::Extra(&o.extra),
    })
}

/// Splits a citation into paragraphs at blank lines (or `\n\n` typed in a cell).
fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\\n", "\n")
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

fn check_texts(o: &Organisation, table: &Table, ctx: &Context, problems: &mut Problems) {
    let fields =
        [("organisation.name", &o.name), ("citation", &o.citation), ("organisation.legal_form", &o.legal_form)];
    for (path, value) in fields {
        let chars = missing_glyphs(value, &ctx.covers);
        if chars.is_empty() || !reads(ctx.printed, path) {
            continue;
        }
        // The column as the user wrote its header.
        let meaning = |c: &usize| crate::check::org::field_of(table.meaning(*c));
        let want = crate::check::org::field_of(match path {
            "organisation.name" => "Organisation",
            "citation" => "Motivering",
            _ => "Juridisk form",
        });
        let column = (0..table.headers.len()).find(|c| meaning(c) == want);
        let label = column.map_or(path, |c| table.headers[c].as_str());
        problems.push(glyph_problem(table.place(o.row, column), label, &chars));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_split_into_paragraphs() {
        assert_eq!(paragraphs("Ett  stycke.\n\nEtt till.\r\n\r\nTre"), ["Ett stycke.", "Ett till.", "Tre"]);
        assert_eq!(paragraphs("Rad ett\nrad två"), ["Rad ett rad två"]);
    }
}
