//! `GET /api/v1/exam/session`: the candidate's session as it stands.

use axum::Json;
use axum::extract::State;

use crate::http::auth::Candidate;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<SessionView>, Error> {
    let row = state.app.session(&candidate.session_id).await?;
    Ok(Json(SessionView::of(&row, state.app.clock().now_ms())))
}
