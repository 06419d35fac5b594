//! The working-day calendar for administrators: a year at a glance (entered, confirmed or
//! provisional) and confirming a year the calendar file does not enter (docs/calendar.md).
//! The server's calendar is the shipped file plus the years confirmed in the database.

use axum::extract::{Path, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::{AppState, Caller, Error};
use crate::domain::calendar::{Calendar, Confirmation, TransferEntry, YearSummary};
use crate::domain::role::Role;
use crate::store;

const ADMIN: &[Role] = &[Role::Admin];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/calendar/years/{year}", get(year))
        .route("/api/v1/admin/calendar/years/{year}/confirm", post(confirm))
}

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

/// `GET /api/v1/admin/calendar/years/{year}`.
async fn year(
    State(state): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
) -> Result<Json<YearSummary>, Error> {
    caller.admit(ADMIN)?;
    let year = parse_year(&year)?;
    let calendar = current(&state.db).await?;
    let summary = calendar
        .year_summary(year)
        .map_err(|e| Error::NotFound(e.to_string()))?;
    Ok(Json(summary))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfirmBody {
    kurban_ait: String,
    #[serde(default)]
    transfers: Vec<TransferBody>,
    source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TransferBody {
    day_off: String,
    working_day: String,
}

/// `POST /api/v1/admin/calendar/years/{year}/confirm {"kurban_ait", "transfers", "source"}`:
/// the year becomes exact; audited as `calendar.confirm_year`.
async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
    body: Result<Json<ConfirmBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<YearSummary>, Error> {
    caller.admit(ADMIN)?;
    let year = parse_year(&year)?;
    let Json(body) = body?;
    let date = |field: String, text: &str| {
        text.parse::<jiff::civil::Date>()
            .map_err(|_| Error::bad_request(field, format!("{text:?} is not a date (YYYY-MM-DD)")))
    };
    let kurban_ait = date("kurban_ait".into(), &body.kurban_ait)?;
    let transfers = body
        .transfers
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Ok(TransferEntry {
                day_off: date(format!("transfers[{i}].day_off"), &t.day_off)?,
                working_day: date(format!("transfers[{i}].working_day"), &t.working_day)?,
                source: None,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let source = body.source.trim();
    if source.is_empty() || source.chars().count() > 1000 {
        return Err(Error::bad_request(
            "source",
            "1 to 1000 characters naming the decree or order",
        ));
    }
    let confirmation = Confirmation {
        year,
        kurban_ait,
        transfers,
        source: source.to_owned(),
    };
    let mut calendar = current(&state.db).await?;
    calendar
        .confirm(confirmation.clone())
        .map_err(|e| Error::Unprocessable {
            code: "invalid_calendar_year",
            message: e.to_string(),
            details: vec![],
        })?;
    store::calendar::confirm(
        &state.db,
        &confirmation,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    let summary = calendar
        .year_summary(year)
        .map_err(|e| Error::Internal(Box::new(e)))?;
    Ok(Json(summary))
}
