//! `intyg expiring`: diplomas that expire within a window, and those already
//! expired and not renewed, for a renewal mail merge.

use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::ExpiringArgs;
use crate::job::expiring::{Expiring, list, window_end};
use crate::output::csv::{Dialect, write_safe_csv};

/// Runs `intyg expiring`.
pub fn run(args: &ExpiringArgs) -> anyhow::Result<ExitCode> {
    if let Err(stop) = super::lang_arg(args.lang.as_deref()) {
        return Ok(super::stop(stop, false, false));
    }
    let hint = tr!("name the register.csv that `intyg issue` wrote", "ange den register.csv som `intyg issue` skrev");
    let register = match super::existing_register(&args.register, &hint) {
        Ok(r) => r,
        Err(code) => return Ok(code),
    };
    let on = match super::run_date(args.on.as_deref()) {
        Ok(d) => d,
        Err(hinted) => return Ok(super::usage_exit(hinted)),
    };
    let Some(end) = window_end(&args.within, on) else {
        let within = &args.within;
        return Ok(super::usage_error(
            tr!("\"{within}\" is not a length of time", "\"{within}\" är ingen tidslängd"),
            &tr!("write e.g. --within 90d, 12w, 3m or 1y", "skriv t.ex. --within 90d, 12w, 3m eller 1y"),
        ));
    };
    let rows = list(&register, on, end);
    if args.json {
        outln!("{}", serde_json::to_string_pretty(&rows)?)?;
    } else if args.csv {
        // In the folder's language (see `cmd::messages`), as `register.csv`.
        let lang = crate::locale::messages();
        let swedish = lang == crate::locale::Lang::SV;
        let rows = rows.iter().map(|r| {
            let state = match (swedish, r.state) {
                (true, "expired") => "har upphört",
                (true, _) => "upphör",
                (false, state) => state,
            };
            [
                state.to_owned(),
                r.valid_until.to_string(),
                r.days.to_string(),
                r.id.clone(),
                r.holder.clone(),
                r.holder_id.clone(),
                r.contact.clone(),
                r.email.clone(),
            ]
        });
        let header = if swedish {
            ["läge", "giltigt_till", "dagar", "id", "innehavare", "innehavarens_id", "kontaktperson", "e-post"]
        } else {
            ["state", "valid_until", "days", "id", "holder", "holder_id", "contact", "email"]
        };
        let dialect = Dialect::of(lang);
        write_safe_csv(std::io::stdout().lock(), dialect, header, rows, csv::Terminator::Any(b'\n'))?;
    } else {
        out!("{}", table(&rows, on, end))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn table(rows: &[Expiring], on: NaiveDate, end: NaiveDate) -> String {
    if rows.is_empty() {
        return tr!(
            "Nothing expires from {on} to {end}, and nothing has expired unrenewed.\n",
            "Inget upphör från {on} till {end}, och inget har upphört utan att förnyas.\n"
        );
    }
    let head = [
        tr!("valid until", "giltigt till"),
        String::new(),
        "id".into(),
        tr!("holder", "innehavare"),
        tr!("org. number", "org.nr"),
        tr!("contact", "kontakt"),
        tr!("e-mail", "e-post"),
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            let days = r.days.abs();
            let when = if r.days < 0 {
                tr!("expired {days} d ago", "upphörde för {days} d sedan")
            } else {
                tr!("in {days} d", "om {days} d")
            };
            [
                r.valid_until.to_string(),
                when,
                r.id.clone(),
                r.holder.clone(),
                r.holder_id.clone(),
                r.contact.clone(),
                r.email.clone(),
            ]
        })
        .collect();
    let mut widths: [usize; 7] = std::array::from_fn(|i| head[i].chars().count());
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |row: &[String]| -> String {
        let parts: Vec<String> = row.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("{}\n", parts.join("  ").trim_end())
    };
    let mut out = line(&head);
    for row in &cells {
        out.push_str(&line(row));
    }
    let n = rows.len();
    out.push_str(&if n == 1 {
        tr!(
            "{n} diploma to renew (as of {on}, window to {end})\n",
            "{n} diplom att förnya (per {on}, fönster till {end})\n"
        )
    } else {
        tr!(
            "{n} diplomas to renew (as of {on}, window to {end})\n",
            "{n} diplom att förnya (per {on}, fönster till {end})\n"
        )
    });

    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        let on = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(window_end("90d", on), NaiveDate::from_ymd_opt(2027, 2, 21));
        assert_eq!(window_end("3m", on), NaiveDate::from_ymd_opt(2027, 2, 23));
        assert_eq!(window_end("1y", on), NaiveDate::from_ymd_opt(2027, 11, 23));
        assert_eq!(window_end("2w", on), NaiveDate::from_ymd_opt(2026, 12, 7));
        assert_eq!(window_end("30", on), NaiveDate::from_ymd_opt(2026, 12, 23));
        assert_eq!(window_end("soon", on), None);
    }
}
