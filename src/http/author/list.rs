//! `GET /api/v1/banks`: the stored bank versions, newest first.

use axum::Json;
use axum::extract::State;

use crate::http::{AppState, Error};
use crate::store;

pub(super) async fn handle(
    State(state): State<AppState>,
) -> Result<Json<Vec<store::bank::VersionInfo>>, Error> {
    Ok(Json(store::bank::list(&state.db).await?))
}
