//! Diplomas that expire within a window, and those already expired and
//! not renewed: the list `intyg expiring` prints and intyg app's register
//! page shows.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::register::{Register, Status};

/// One row of the list.
#[derive(Debug, Serialize)]
pub struct Expiring {
    /// `expires` or `expired`.
    pub state: &'static str,
    /// The last valid day.
    pub valid_until: NaiveDate,
    /// Days from the run date to `valid_until` (negative: days since).
    pub days: i64,
    /// The document's id.
    pub id: String,
    /// The organisation (or person).
    pub holder: String,
    /// Organisation number.
    pub holder_id: String,
    /// Contact person.
    pub contact: String,
    /// Contact e-mail.
    pub email: String,
}

/// Parses `90d`, `12w`, `3m`, `1y` or a number of days, into the last day
/// of the window starting at `on`.
pub fn window_end(within: &str, on: NaiveDate) -> Option<NaiveDate> {
    let t = within.trim().to_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: u32 = n.parse().ok()?;
    match unit.trim() {
        "" | "d" | "day" | "days" | "dagar" | "dag" => on.checked_add_days(Days::new(n.into())),
        "w" | "week" | "weeks" | "v" | "veckor" => on.checked_add_days(Days::new(u64::from(n) * 7)),
        "m" | "month" | "months" | "mån" | "månader" => on.checked_add_months(Months::new(n)),
        "y" | "year" | "years" | "år" => on.checked_add_months(Months::new(n * 12)),
        _ => None,
    }
}

/// The rows of a register that expire by `end`, or have expired, as of `on`.
pub fn list(register: &Register, on: NaiveDate, end: NaiveDate) -> Vec<Expiring> {
    let mut rows: Vec<Expiring> = register
        .entries
        .iter()
        .filter(|e| matches!(e.status, Status::Valid | Status::Expired))
        .filter_map(|e| {
            let until = e.valid_until?;
            (until <= end).then(|| Expiring {
                state: if until < on { "expired" } else { "expires" },
                valid_until: until,
                days: (until - on).num_days(),
                id: e.id.clone(),
                holder: e.holder.clone(),
                holder_id: e.holder_id.clone(),
                contact: e.contact.clone(),
                email: e.email.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.valid_until, &a.id).cmp(&(b.valid_until, &b.id)));
    rows
}
