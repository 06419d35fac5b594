//! `POST /api/v1/admin/campaigns/{campaign}/roster` with a CSV body: every row validated (all
//! errors at once, with line and column), then one access code per row, shown only in this
//! answer.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::domain::roster;
use crate::http::extract::Text;
use crate::http::views::{IssuedCodeView, RosterView};
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(super) async fn add(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    Text(csv): Text,
) -> Result<(StatusCode, Json<RosterView>), Error> {
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    roster::check_roster_allowed(campaign.opens_on, campaign.closes_on, today)
        .map_err(Error::Conflict)?;
    let rows = roster::parse(&csv, today).map_err(|errors| Error::Unprocessable {
        code: "invalid_roster",
        message: format!(
            "the roster has {} error(s); nothing was added",
            errors.len()
        ),
        details: errors.iter().map(ToString::to_string).collect(),
    })?;
    let now = state.app.clock().now();
    let entries = store::campaign::add_roster(
        &state.db,
        &campaign_id,
        &rows,
        store::campaign::RosterOrigin::QioUpload,
        &caller.actor(),
        now,
    )
    .await?;
    let entries = entries
        .into_iter()
        .map(|e| IssuedCodeView {
            roster_id: e.roster_id,
            session_id: e.session_id,
            iin: e.iin,
            name: e.name,
            code: e.code,
        })
        .collect();
    Ok((StatusCode::CREATED, Json(RosterView { entries })))
}
