//! `POST /api/v1/admin/appeals/{appeal}/retake`: the administrator grants the retake a closed
//! appeal's technical fault earned (p.25) — a new session in the original campaign's retake
//! campaign and its access code, shown in this answer only.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{AppState, Caller, Error};
use crate::app::retake::GrantedRetake;
use crate::http::extract;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = RetakeRequest)]
#[serde(deny_unknown_fields)]
pub(super) struct RetakeBody {
    /// The retake's last day (Asia/Almaty), today or later. Default: the original campaign's
    /// last day while it is ahead, else today + 10 calendar days.
    #[serde(default)]
    #[schema(format = Date, nullable = false)]
    closes_on: Option<String>,
}

pub(super) async fn retake(
    State(state): State<AppState>,
    caller: Caller,
    Path(appeal_id): Path<String>,
    extract::Json(b): extract::Json<RetakeBody>,
) -> Result<(StatusCode, Json<GrantedRetake>), Error> {
    let closes_on = b
        .closes_on
        .map(|text| {
            text.parse::<jiff::civil::Date>().map_err(|e| {
                Error::bad_request(
                    "closes_on",
                    format!("{text:?} is not a date (YYYY-MM-DD): {e}"),
                )
            })
        })
        .transpose()?;
    let granted = state
        .app
        .grant_retake(&appeal_id, closes_on, &caller.actor())
        .await?;
    Ok((StatusCode::CREATED, Json(granted)))
}
