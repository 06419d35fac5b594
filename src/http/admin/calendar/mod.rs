//! The working-day calendar for administrators: a year at a glance (entered, confirmed or
//! provisional) and confirming a year the calendar file does not enter (docs/calendar.md).
//! The server's calendar is the shipped file plus the years confirmed in the database.

pub(super) mod confirm;
pub(super) mod year;

use crate::domain::calendar::Calendar;
use crate::http::Error;
use crate::store;

/// The shipped calendar with every stored confirmation applied.
async fn current(db: &store::Db) -> Result<Calendar, Error> {
    let base = Calendar::embedded().map_err(|e| Error::Internal(Box::new(e)))?;
    Ok(store::calendar::load(db, base).await?)
}

fn parse_year(text: &str) -> Result<i16, Error> {
    text.parse::<i16>()
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| Error::bad_request("year", format!("{text:?} is not a year")))
}
