//! `POST /api/v1/admin/sessions/{session}/submit {"reason"}`: submits on the candidate's
//! behalf (e.g. a candidate who cannot continue).

use axum::Json;
use axum::extract::{Path, State};

use super::Reason;
use crate::http::extract;
use crate::http::views::SessionView;
use crate::http::{AppState, Caller, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(body): extract::Json<Reason>,
) -> Result<Json<SessionView>, Error> {
    let reason = super::reason(&body.reason)?;
    state.app.force_submit(&id, reason, &caller.actor()).await?;
    super::view(&state, &id).await
}
