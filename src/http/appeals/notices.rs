//! `GET /api/v1/commission/notices`: escalations and breaches for the caller (p.24).

use axum::Json;
use axum::extract::State;

use super::{AppState, Caller, Error};
use crate::store::appeal::Notice;

pub(super) async fn notices(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Notice>>, Error> {
    state.app.sweep_appeals().await?;
    let recipients = super::recipients(&state, &caller).await?;
    Ok(Json(state.app.notices(&recipients).await?))
}
