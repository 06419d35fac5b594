//! `GET /api/v1/admin/sessions/{session}`: the session as it stands.

use axum::Json;
use axum::extract::{Path, State};

use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SessionView>, Error> {
    super::view(&state, &id).await
}
