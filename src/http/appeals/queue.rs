//! `GET /api/v1/commission/appeals`: the open appeals, least time left first, each disputed
//! question as the candidate saw it with its statistics (p.24).

use axum::Json;
use axum::extract::State;

use super::{AppState, Error};
use crate::app::appeals::QueueItem;

pub(super) async fn queue(State(state): State<AppState>) -> Result<Json<Vec<QueueItem>>, Error> {
    Ok(Json(state.app.appeal_queue().await?))
}
