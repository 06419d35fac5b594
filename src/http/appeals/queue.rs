//! `GET /api/v1/commission/appeals`: the open appeals, least time left first, each disputed
//! question as the candidate saw it with its statistics (p.24).

use axum::Json;
use axum::extract::State;

use super::{AppState, COMMISSION, Caller, Error};
use crate::app::appeals::QueueItem;

pub(super) async fn queue(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<QueueItem>>, Error> {
    caller.admit(COMMISSION)?;
    Ok(Json(state.app.appeal_queue().await?))
}
