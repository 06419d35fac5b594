//! Confirmed years of the working-day calendar (`calendar_year`, migration 0007): what an
//! administrator entered for a year the calendar file does not, each confirmation audited.

use sqlx::Row;

use super::audit::{self, Event};
use super::{Db, Error, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::calendar::{Calendar, Confirmation};

/// `base` (the shipped calendar or the administrator's file) with every stored confirmation
/// applied: the calendar deadlines are counted on. A year the file itself enters keeps the
/// file's days (the reviewed file wins). A stored confirmation that no longer fits the file
/// (its transfer now hits a holiday the file added) is corrupt data, named.
pub async fn load(db: &Db, base: Calendar) -> Result<Calendar> {
    let stored = confirmations(db).await?;
    let (calendar, _) = base
        .with_confirmations(stored)
        .map_err(|e| Error::Corrupt(format!("a confirmed calendar year no longer fits: {e}")))?;
    Ok(calendar)
}

/// Every stored confirmation, by year.
pub async fn confirmations(db: &Db) -> Result<Vec<Confirmation>> {
    let rows =
        sqlx::query("SELECT year, kurban_ait, transfers, source FROM calendar_year ORDER BY year")
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|row| {
            let year: i64 = row.try_get("year")?;
            let kurban_ait: String = row.try_get("kurban_ait")?;
            let transfers: String = row.try_get("transfers")?;
            let corrupt = |what: &str| Error::Corrupt(format!("calendar_year {year}: {what}"));
            Ok(Confirmation {
                year: i16::try_from(year).map_err(|_| corrupt("year out of range"))?,
                kurban_ait: kurban_ait.parse().map_err(|_| corrupt("kurban_ait"))?,
                transfers: serde_json::from_str(&transfers).map_err(|_| corrupt("transfers"))?,
                source: row.try_get("source")?,
            })
        })
        .collect()
}

/// Stores `confirmation` (replacing an earlier one of its year) and appends
/// `calendar.confirm_year` to the audit chain, in one transaction. The caller has validated it
/// against the calendar ([`crate::domain::calendar::Calendar::confirm`]).
pub async fn confirm(
    db: &Db,
    confirmation: &Confirmation,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM calendar_year WHERE year = $1")
        .bind(i64::from(confirmation.year))
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO calendar_year (year, kurban_ait, transfers, source, confirmed_at, confirmed_by) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(i64::from(confirmation.year))
    .bind(confirmation.kurban_ait.to_string())
    .bind(serde_json::to_string(&confirmation.transfers)?)
    .bind(&confirmation.source)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    let payload = serde_json::to_vec(confirmation)?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::CalendarConfirmYear,
            subject: Subject::CalendarYear(confirmation.year),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
