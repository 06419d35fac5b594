//! `POST /api/v1/admin/sessions/{session}/void {"reason"}`: voids the session at any time,
//! even after submission (p.19); every version of its result is annulled.

use axum::Json;
use axum::extract::State;

use super::Act;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    act: Act,
) -> Result<Json<SessionView>, Error> {
    state
        .app
        .void(&act.session_id, &act.reason, &act.actor)
        .await?;
    super::view(&state, &act.session_id).await
}
