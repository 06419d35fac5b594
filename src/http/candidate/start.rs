//! `POST /api/v1/exam/start`: the 120 minutes begin (p.18).

use axum::Json;
use axum::extract::State;

use crate::http::auth::Candidate;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<SessionView>, Error> {
    let row = state
        .app
        .start_exam(&candidate.session_id, &candidate.caller.actor())
        .await
        .map_err(super::over)?;
    Ok(Json(SessionView::of(&row, state.app.clock().now_ms())))
}
