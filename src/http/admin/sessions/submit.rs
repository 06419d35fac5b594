//! `POST /api/v1/admin/sessions/{session}/submit {"reason"}`: submits on the candidate's
//! behalf (e.g. a candidate who cannot continue).

use axum::Json;
use axum::extract::State;

use super::Act;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    act: Act,
) -> Result<Json<SessionView>, Error> {
    let app = &state.app;
    app.force_submit(&act.session_id, &act.reason, &act.actor)
        .await?;
    super::view(&state, &act.session_id).await
}
