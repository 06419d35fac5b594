//! `POST /api/v1/admin/calendar/years/{year}/confirm {"kurban_ait", "transfers", "source"}`:
//! the year becomes exact; audited.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use crate::domain::calendar::{Confirmation, TransferEntry, YearSummary};
use crate::http::extract;
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = CalendarConfirmation)]
pub(in crate::http) struct ConfirmBody {
    #[schema(format = Date)]
    kurban_ait: String,
    #[serde(default)]
    transfers: Vec<TransferBody>,
    source: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = Transfer)]
pub(in crate::http) struct TransferBody {
    #[schema(format = Date)]
    day_off: String,
    #[schema(format = Date)]
    working_day: String,
}

/// `POST /api/v1/admin/calendar/years/{year}/confirm {"kurban_ait", "transfers", "source"}`:
/// the year becomes exact; audited as `calendar.confirm_year`.
pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(year): Path<String>,
    extract::Json(body): extract::Json<ConfirmBody>,
) -> Result<Json<YearSummary>, Error> {
    let year = super::parse_year(&year)?;
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
    let mut calendar = super::current(&state.db).await?;
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
