//! Rules on organisation records for diplomas: organisation numbers, sectors,
//! criteria, dates and status.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};

use super::{header_key, luhn_ok};
use crate::problem::{Place, Problem, Problems};
use crate::project::{Criterion, Scheme};
use crate::records::Table;

/// Sector of an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    /// Companies (näringsliv).
    Private,
    /// Associations (ideell sektor).
    NonProfit,
    /// Public bodies (offentlig sektor).
    Public,
}

impl Sector {
    fn parse(s: &str) -> Option<Sector> {
        match header_key(s).as_str() {
            "näringsliv" | "naringsliv" | "privat" | "private" | "företag" | "business" | "privatsektor" => {
                Some(Sector::Private)
            }
            "ideell" | "ideellsektor" | "nonprofit" | "förening" | "civilsamhälle" | "civilsociety" => {
                Some(Sector::NonProfit)
            }
            "offentlig" | "offentligsektor" | "public" | "publicsector" | "myndighet" => Some(Sector::Public),
            _ => None,
        }
    }

    /// How the sector is written in a language.
    pub fn text(self, lang: crate::locale::Lang) -> &'static str {
        let key = match self {
            Sector::Private => "sector_private",
            Sector::NonProfit => "sector_non_profit",
            Sector::Public => "sector_public",
        };
        crate::locale::words::word(lang, key)
    }
}

/// An organisation's decided diploma.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Row in the records file.
    pub row: usize,
    /// Name.
    pub name: String,
    /// Organisation number, `NNNNNN-NNNN`.
    pub number: String,
    /// Legal form (aktiebolag, ideell förening, …).
    pub legal_form: String,
    /// Sector, if given.
    pub sector: Option<Sector>,
    /// Contact person.
    pub contact: String,
    /// Contact e-mail.
    pub email: String,
    /// Awarded on.
    pub awarded: NaiveDate,
    /// Valid until (given, or derived from the scheme's validity).
    pub valid_until: Option<NaiveDate>,
    /// Criteria met, as the scheme's criteria.
    pub criteria: Vec<Criterion>,
    /// The citation (motivering).
    pub citation: String,
    /// Case reference (diarienummer).
    pub case_ref: String,
    /// Whether the award was revoked.
    pub revoked: bool,
    /// When it was revoked, where the records say (`Återkallad den`): the
    /// end of the years it was in force.
    pub revoked_on: Option<NaiveDate>,
    /// Other columns, header → value.
    pub extra: Vec<(String, String)>,
}

/// Why a text is not an organisation number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadNumber {
    /// Twelve digits starting with 19 or 20: a personnummer.
    Personnummer,
    /// Ten digits whose third is below 2: shaped like a personnummer.
    PersonShaped,
    /// Not ten (or 16 + ten) digits.
    Shape,
    /// The Luhn check digit is wrong.
    CheckDigit,
}

impl BadNumber {
    /// Whether the number is (or looks like) a person's, which is personal data.
    pub fn is_personal(self) -> bool {
        matches!(self, BadNumber::Personnummer | BadNumber::PersonShaped)
    }

    /// What is wrong with `raw`, in the language of messages.
    pub fn message(self, raw: &str) -> String {
        match self {
            BadNumber::Personnummer => tr!(
                "\"{raw}\" is a personal identity number (personnummer), which is personal data",
                "\"{raw}\" är ett personnummer, vilket är en personuppgift"
            ),
            BadNumber::PersonShaped => tr!(
                "\"{raw}\" has the shape of a personal identity number (the third digit is below 2), which is personal data",
                "\"{raw}\" har formen av ett personnummer (tredje siffran är under 2), vilket är en personuppgift"
            ),
            BadNumber::Shape => tr!(
                "\"{raw}\" is not an organisation number; write it as NNNNNN-NNNN",
                "\"{raw}\" är inget organisationsnummer; skriv det som NNNNNN-NNNN"
            ),
            BadNumber::CheckDigit => tr!(
                "\"{raw}\" has a wrong check digit; check the number in the company register",
                "\"{raw}\" har fel kontrollsiffra; kontrollera numret hos Bolagsverket"
            ),
        }
    }
}

/// Checks a Swedish organisation number and returns it as `NNNNNN-NNNN`.
/// Accepts `NNNNNN-NNNN`, ten digits, or twelve digits starting with `16`.
pub fn org_number(raw: &str) -> Result<String, BadNumber> {
    let t: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
    let shape_ok = t.chars().all(|c| c.is_ascii_digit() || c == '-') && t.matches('-').count() <= 1;
    let ten = match digits.len() {
        10 if shape_ok => digits,
        12 if shape_ok && digits.starts_with("16") => digits[2..].to_owned(),
        12 if shape_ok && (digits.starts_with("19") || digits.starts_with("20")) => {
            return Err(BadNumber::Personnummer);
        }
        _ => return Err(BadNumber::Shape),
    };
    if ten.as_bytes()[2] < b'2' {
        return Err(BadNumber::PersonShaped);
    }
    if !luhn_ok(&ten) {
        return Err(BadNumber::CheckDigit);
    }
    Ok(format!("{}-{}", &ten[..6], &ten[6..]))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Name,
    Number,
    LegalForm,
    Sector,
    Contact,
    Email,
    Awarded,
    ValidUntil,
    Criteria,
    Citation,
    CaseRef,
    Status,
    RevokedOn,
    Extra,
    /// Left out by `[columns] unused`.
    Unused,
}

/// What `header` means for an organisation, as a key that two headers with
/// the same meaning share; `None` for a column intyg does not know.
pub fn field_of(header: &str) -> Option<String> {
    let col = classify(header);
    (col != Col::Extra).then(|| format!("{col:?}"))
}

/// What each column of `table` is taken to mean, in the language of
/// messages, for the report of how a file was read.
pub fn meanings(table: &Table) -> Vec<String> {
    (0..table.headers.len()).map(|c| meaning(table.meaning(c), table.headers[c].trim().is_empty())).collect()
}

/// Whether the column `c` of `table` is one intyg does not know, passed
/// to the template as it is (`[columns]` can say what it means).
pub fn unknown(table: &Table, c: usize) -> bool {
    classify(table.meaning(c)) == Col::Extra && !table.headers[c].trim().is_empty()
}

/// What a column headed `header` means for an organisation, for a person;
/// `blank` when the header is empty.
pub fn meaning(header: &str, blank: bool) -> String {
    match classify(header) {
        Col::Name => tr!("organisation name", "organisationens namn"),
        Col::Number => tr!("organisation number", "organisationsnummer"),
        Col::LegalForm => tr!("legal form", "juridisk form"),
        Col::Sector => tr!("sector", "sektor"),
        Col::Contact => tr!("contact person", "kontaktperson"),
        Col::Email => tr!("e-mail", "e-post"),
        Col::Awarded => tr!("award date", "diplomeringsdatum"),
        Col::ValidUntil => tr!("valid until", "giltigt till"),
        Col::Criteria => tr!("criteria met", "uppfyllda kriterier"),
        Col::Citation => tr!("citation", "motivering"),
        Col::CaseRef => tr!("case reference", "diarienummer"),
        Col::Status => tr!("status (valid or revoked)", "status (giltig eller återkallad)"),
        Col::RevokedOn => tr!("revoked on", "återkallad den"),
        Col::Extra if blank => tr!("not used (no header)", "används inte (ingen rubrik)"),
        Col::Unused => tr!("not used (so chosen)", "används inte (så valt)"),
        Col::Extra => tr!(
            "not on the diplomas (a template of your own can show it)",
            "står inte på diplomen (en egen mall kan visa den)"
        ),
    }
}

fn classify(h: &str) -> Col {
    if h == crate::records::UNUSED {
        return Col::Unused;
    }
    match header_key(h).as_str() {
        "organisation" | "organization" | "organisationsnamn" | "namn" | "name" | "företag" | "förening"
        | "verksamhet" => Col::Name,
        "organisationsnummer"
        | "orgnr"
        | "orgnummer"
        | "organisationnumber"
        | "organizationnumber"
        | "orgno"
        | "orgnumber" => Col::Number,
        "juridiskform" | "bolagsform" | "organisationsform" | "legalform" => Col::LegalForm,
        "sektor" | "sector" => Col::Sector,
        "kontaktperson" | "kontakt" | "contact" | "contactperson" => Col::Contact,
        "epost" | "email" | "mail" | "mejl" | "kontaktepost" | "contactemail" => Col::Email,
        "diplomerad"
        | "diplomeradden"
        | "diplomdatum"
        | "diplomeringsdatum"
        | "datumfördiplomering"
        | "datumfordiplomering"
        | "tilldelad"
        | "beslutsdatum"
        | "datum"
        | "awarded"
        | "awardedon"
        | "awarddate"
        | "dateawarded"
        | "date" => Col::Awarded,
        "giltigtill" | "giltigtom" | "giltigtto" | "validuntil" | "validto" | "expires" | "expiry" => Col::ValidUntil,
        "kriterier" | "criteria" | "uppfylldakriterier" | "criteriamet" => Col::Criteria,
        "motivering" | "citation" | "jurynsmotivering" | "jurysmotivering" | "juryscitation" => Col::Citation,
        "diarienummer" | "dnr" | "casereference" | "caseref" | "ärendenummer" => Col::CaseRef,
        "status" => Col::Status,
        "återkalladden"
        | "aterkalladden"
        | "återkallatden"
        | "återkallelsedatum"
        | "datumföråterkallelse"
        | "återkallad"
        | "revokedon"
        | "revoked"
        | "revocationdate"
        | "daterevoked" => Col::RevokedOn,
        _ => Col::Extra,
    }
}

/// How dates are written, as a hint.
fn date_hint() -> String {
    tr!("write dates as YYYY-MM-DD, e.g. 2024-05-20", "skriv datum som ÅÅÅÅ-MM-DD, t.ex. 2024-05-20")
}

/// Reads organisations from a table, collecting every problem.
pub fn organisations(
    table: &Table,
    scheme: &Scheme,
    criteria: &[Criterion],
    zone: chrono_tz::Tz,
) -> (Vec<Organisation>, Problems) {
    let mut problems = Problems::default();
    let cols: Vec<Col> = (0..table.headers.len()).map(|c| classify(table.meaning(c))).collect();
    column_problems(table, &cols, &mut problems);
    if problems.has_errors() {
        return (Vec::new(), problems);
    }
    let col_of = |c: Col| cols.iter().position(|x| *x == c);
    // A date like 3/12/2024 is read as the register's other dates tell
    // (Excel in English writes month first), or refused.
    let dated: Vec<usize> = [Col::Awarded, Col::ValidUntil, Col::RevokedOn].into_iter().filter_map(col_of).collect();
    let dates = super::Dates::of(table.rows.iter().flat_map(|r| dated.iter().map(|&i| r.cells[i].as_str())), zone);
    // Valid-until and status are empty for most by design.
    let text_columns = cols.iter().enumerate().filter_map(|(c, col)| {
        matches!(
            col,
            Col::Contact | Col::Email | Col::LegalForm | Col::Sector | Col::Citation | Col::CaseRef | Col::Extra
        )
        .then_some(c)
    });
    for p in super::mostly_filled(table, text_columns) {
        problems.push(p);
    }
    let mut out = Vec::new();
    for row in &table.rows {
        let get = |c: Col| col_of(c).map(|i| row.cells[i].as_str()).unwrap_or("");
        let at = |c: Col| table.place(row.number, col_of(c));
        let mut ok = true;
        let mut err = |p: Problem| {
            ok = false;
            problems.push(p);
        };
        let name = get(Col::Name).to_owned();
        if name.is_empty() {
            err(Problem::error(at(Col::Name), tr!("missing organisation name", "organisationens namn saknas")));
        }
        // A name prints on one line: no line break, separator or tab.
        for col in [Col::Name, Col::Contact] {
            if let Some(h) = super::unprintable_name(get(col)) {
                err(Problem::error(at(col), h.message).hint(h.hint));
            }
        }
        let number = match org_number(get(Col::Number)) {
            Ok(n) => n,
            Err(bad) => {
                let hint = if bad.is_personal() {
                    tr!(
                        "a diploma goes to an organisation: give its organisation number, never a person's personnummer",
                        "ett diplom går till en organisation: ange dess organisationsnummer, aldrig en persons personnummer"
                    )
                } else {
                    tr!(
                        "organisation numbers have ten digits, NNNNNN-NNNN, the last a check digit",
                        "organisationsnummer har tio siffror, NNNNNN-NNNN, den sista en kontrollsiffra"
                    )
                };
                err(Problem::error(at(Col::Number), bad.message(get(Col::Number))).hint(hint));
                String::new()
            }
        };
        let mut date = |c: Col, required: bool| -> Option<NaiveDate> {
            let v = get(c);
            if v.is_empty() {
                if required {
                    err(Problem::error(at(c), tr!("missing date", "datum saknas")).hint(date_hint()));
                }
                return None;
            }
            match dates.day(v, &date_hint) {
                Ok(d) => Some(d),
                Err(h) => {
                    err(Problem::error(at(c), h.message).hint(h.hint));
                    None
                }
            }
        };
        let awarded = date(Col::Awarded, true);
        let given_until = date(Col::ValidUntil, false);
        let revoked_on = date(Col::RevokedOn, false);
        let sector = match get(Col::Sector) {
            "" => None,
            s => match Sector::parse(s) {
                Some(x) => Some(x),
                None => {
                    err(Problem::error(at(Col::Sector), tr!("unknown sector \"{s}\"", "okänd sektor \"{s}\"")).hint(
                        tr!(
                            "write näringsliv, ideell or offentlig (or private, non-profit, public)",
                            "skriv näringsliv, ideell eller offentlig (eller private, non-profit, public)"
                        ),
                    ));
                    None
                }
            },
        };
        // A day in "Återkallad den" says the award was revoked, whatever
        // the status column leaves out.
        let revoked = revocation(get(Col::Status), revoked_on, || at(Col::Status)).unwrap_or_else(|p| {
            err(p);
            false
        });
        let mut met: Vec<Criterion> = Vec::new();
        for code in get(Col::Criteria).split(['|', ',', ';']).map(str::trim).filter(|s| !s.is_empty()) {
            match criteria.iter().find(|c| c.code.trim().eq_ignore_ascii_case(code)) {
                Some(c) if !met.iter().any(|m| m.code == c.code) => met.push(c.clone()),
                Some(_) => {}
                None => {
                    let codes = criteria.iter().map(|c| c.code.as_str()).collect::<Vec<&str>>().join(", ");
                    err(Problem::error(
                        at(Col::Criteria),
                        tr!(
                            "\"{code}\" is not a criterion of the scheme",
                            "\"{code}\" är inget av diplomets kriterier"
                        ),
                    )
                    .hint(tr!("the criteria are {codes}", "kriterierna är {codes}")));
                }
            }
        }
        if !revoked && met.len() < scheme.min_criteria {
            let (n, min, missing) = (met.len(), scheme.min_criteria, scheme.min_criteria - met.len());
            let criteria = if n == 1 { tr!("criterion", "kriterium") } else { tr!("criteria", "kriterier") };
            err(Problem::error(
                at(Col::Criteria),
                tr!(
                    "meets {n} {criteria}; the scheme requires {min} ({missing} missing)",
                    "uppfyller {n} {criteria}; diplomet kräver {min} ({missing} saknas)"
                ),
            )
            .hint(tr!(
                "list the codes of the criteria met, separated by |",
                "ange koderna för de kriterier som uppfylls, åtskilda av |"
            )));
        }
        let valid_until = match (awarded, given_until) {
            (_, Some(u)) => Some(u),
            (Some(a), None) if scheme.validity_years > 0 => {
                a.checked_add_months(Months::new(12 * scheme.validity_years))
            }
            _ => None,
        };
        if let (Some(a), Some(r)) = (awarded, revoked_on)
            && r < a
        {
            err(Problem::error(
                at(Col::RevokedOn),
                tr!("revoked on {r}, before it was awarded on {a}", "återkallad {r}, före diplomeringen {a}"),
            ));
        }
        if let (Some(a), Some(u)) = (awarded, given_until)
            && u < a
        {
            err(Problem::error(
                at(Col::ValidUntil),
                tr!("valid until {u} is before awarded on {a}", "giltigt till {u} är före diplomeringen {a}"),
            ));
        }
        let extra = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Col::Extra)
            .map(|(i, _)| (table.headers[i].clone(), row.cells[i].clone()))
            .collect();
        if let (true, Some(awarded)) = (ok, awarded) {
            out.push(Organisation {
                row: row.number,
                name,
                number,
                legal_form: get(Col::LegalForm).to_owned(),
                sector,
                contact: get(Col::Contact).to_owned(),
                email: get(Col::Email).to_owned(),
                awarded,
                valid_until,
                criteria: met,
                citation: get(Col::Citation).to_owned(),
                case_ref: get(Col::CaseRef).to_owned(),
                revoked,
                revoked_on,
                extra,
            });
        }
    }
    overlaps(&out, table, col_of(Col::Number), &mut problems);
    let bad: Vec<usize> = problems.0.iter().filter(|p| p.is_error()).filter_map(|p| p.place.row).collect();
    out.retain(|o| !bad.contains(&o.row));
    (out, problems)
}

/// The columns a scheme's records must have, once each: an error for one
/// missing, and for two that would fill one field (Beslutsdatum and
/// Diplomdatum), which leave intyg to guess.
fn column_problems(table: &Table, cols: &[Col], problems: &mut Problems) {
    for (need, label) in
        [(Col::Name, "Organisation"), (Col::Number, "Organisationsnummer"), (Col::Awarded, "Diplomerad")]
    {
        if !cols.contains(&need) {
            let headers = table.headers.join(", ");
            problems.push(
                Problem::error(table.place(table.header_row, None), tr!("no {label} column", "ingen kolumn {label}"))
                    .hint(tr!("the headers are: {headers}", "rubrikerna är: {headers}")),
            );
        }
    }
    if table.has_letters {
        for (c, col) in cols.iter().enumerate() {
            if let Some(first) = cols[..c].iter().position(|x| x == col && *x != Col::Extra) {
                let (other, this) = (&table.headers[first], &table.headers[c]);
                let key = super::columns::DIPLOMA.iter().find(|(_, h)| classify(h) == *col).map_or("", |(key, _)| key);
                problems.push(
                    Problem::error(
                        table.place(table.header_row, Some(c)),
                        tr!(
                            "means the same as column \"{other}\"; intyg cannot tell which of the two to use",
                            "betyder samma sak som kolumnen \"{other}\"; intyg kan inte avgöra vilken av de två som gäller"
                        ),
                    )
                    .hint(tr!(
                        "remove one of the two columns, or name the one to use in intyg.toml: [columns] {key} = \"{this}\"",
                        "ta bort en av de två kolumnerna, eller ange den som gäller i intyg.toml: [columns] {key} = \"{this}\""
                    )),
                );
            }
        }
    }
}

/// Whether the award was revoked, as the status column and the day in
/// "Återkallad den" say it together; an error (at `at`) where they disagree
/// or the status is unknown.
fn revocation(status: &str, revoked_on: Option<NaiveDate>, at: impl Fn() -> Place) -> Result<bool, Problem> {
    match header_key(status).as_str() {
        "" => Ok(revoked_on.is_some()),
        "giltig" | "valid" | "beviljad" | "aktiv" if let Some(day) = revoked_on => Err(Problem::error(
            at(),
            tr!(
                "the status says valid, but the award was revoked on {day}",
                "status säger giltig, men diplomet återkallades {day}"
            ),
        )
        .hint(tr!(
            "write återkallad as its status, or empty the revocation date",
            "skriv återkallad som status, eller töm datumet för återkallelsen"
        ))),
        "giltig" | "valid" | "beviljad" | "aktiv" => Ok(false),
        "återkallad" | "aterkallad" | "revoked" | "indragen" => Ok(true),
        other => Err(Problem::error(at(), tr!("unknown status \"{other}\"", "okänd status \"{other}\"")).hint(tr!(
            "write giltig or återkallad (or valid, revoked)",
            "skriv giltig eller återkallad (eller valid, revoked)"
        ))),
    }
}

/// The same organisation twice with overlapping validity is a mistake: a
/// renewal starts when the earlier diploma ends.
fn overlaps(out: &[Organisation], table: &Table, number_col: Option<usize>, problems: &mut Problems) {
    let mut by_number: HashMap<&str, Vec<&Organisation>> = HashMap::new();
    for o in out.iter().filter(|o| !o.revoked) {
        by_number.entry(&o.number).or_default().push(o);
    }
    let mut overlapping = Vec::new();
    for list in by_number.values_mut() {
        list.sort_by_key(|o| (o.awarded, o.row));
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.valid_until.is_none_or(|u| b.awarded < u) {
                overlapping.push((a.row, b.row, b.number.clone()));
            }
        }
    }
    overlapping.sort();
    let rw = table.row_word;
    for (first, second, number) in overlapping {
        problems.push(
            Problem::error(
                table.place(second, number_col),
                tr!(
                    "{number} also holds a diploma on {rw} {first} whose validity overlaps this one",
                    "{number} har också ett diplom på {rw} {first} vars giltighetstid överlappar detta"
                ),
            )
            .hint(tr!(
                "a renewal starts when the earlier diploma ends: correct the dates, or remove one of the rows",
                "en förnyelse börjar när det tidigare diplomet upphör: rätta datumen, eller ta bort en av raderna"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every diploma header the README lists, in both languages.
    #[test]
    fn headers_municipalities_write() {
        let table = [
            (Col::Name, &["Organisation", "Organisationsnamn", "Företag", "Förening", "Organization", "Name"][..]),
            (Col::Number, &["Organisationsnummer", "Org.nr", "Orgnr", "Org. nummer", "Organisation number"]),
            (Col::LegalForm, &["Juridisk form", "Bolagsform", "Organisationsform", "Legal form"]),
            (Col::Sector, &["Sektor", "Sector"]),
            (Col::Contact, &["Kontaktperson", "Kontakt", "Contact person"]),
            (Col::Email, &["E-post", "Mejl", "Kontakt e-post", "Email"]),
            (
                Col::Awarded,
                &[
                    "Diplomerad",
                    "Diplomdatum",
                    "Diplomeringsdatum",
                    "Datum för diplomering",
                    "Beslutsdatum",
                    "Datum",
                    "Awarded",
                    "Award date",
                    "Date awarded",
                ],
            ),
            (Col::ValidUntil, &["Giltig till", "Giltig t.o.m.", "Valid until", "Expires"]),
            (Col::Criteria, &["Kriterier", "Uppfyllda kriterier", "Criteria", "Criteria met"]),
            (Col::Citation, &["Motivering", "Juryns motivering", "Citation"]),
            (Col::CaseRef, &["Diarienummer", "Dnr", "Ärendenummer", "Case reference"]),
            (Col::Status, &["Status"]),
        ];
        for (col, headers) in table {
            for h in headers {
                assert_eq!(classify(h), col, "{h}");
            }
        }
        assert_eq!(classify("Anteckningar"), Col::Extra);
    }

    #[test]
    fn organisation_numbers() {
        assert_eq!(org_number("556036-0793"), Ok("556036-0793".into()));
        assert_eq!(org_number("5560360793"), Ok("556036-0793".into()));
        assert_eq!(org_number("165560360793"), Ok("556036-0793".into()));
        assert_eq!(org_number(" 556036 - 0793 "), Ok("556036-0793".into()));
        assert_eq!(org_number("556036-0794"), Err(BadNumber::CheckDigit));
        assert_eq!(org_number("811218-9876"), Err(BadNumber::PersonShaped));
        assert_eq!(org_number("198112189876"), Err(BadNumber::Personnummer));
        assert_eq!(org_number("55603607"), Err(BadNumber::Shape));
        assert_eq!(org_number("abc"), Err(BadNumber::Shape));
    }
}
