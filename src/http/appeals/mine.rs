//! `GET /api/v1/me/appeals`: the candidate's appeal and receipt, the disputed questions as
//! they saw them, the protocol's decision, the result before and after (p.26), the retake
//! granted for a technical fault (p.25: its campaign, window and status, never the code), and
//! notices.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use super::{AppState, Candidate, Error};
use crate::store;

pub(super) async fn mine(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<Value>, Error> {
    let session = candidate.session_id;
    let appeal = state.app.my_appeal(&session).await?;
    let questions = match &appeal {
        Some(view) => state.app.my_disputed(&session, &view.appeal).await?,
        None => Vec::new(),
    };
    let results = store::result::history(&state.db, &session).await?;
    let retake = state.app.my_retake(&session).await?;
    let notices = state.app.notices(&[format!("session:{session}")]).await?;
    Ok(Json(json!({
        "appeal": appeal,
        "questions": questions,
        "results": results,
        "retake": retake,
        "notices": notices,
    })))
}
