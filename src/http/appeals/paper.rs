//! `GET /api/v1/me/appeals/paper`: the candidate's paper exactly as they saw it (the stored
//! seed and bank version regenerated, options in the order shown), with their answers and
//! without the keys, to pick the questions to dispute (p.21).

use axum::Json;
use axum::extract::State;

use super::{AppState, Candidate, Error};
use crate::app::appeals::PaperQuestion;

pub(super) async fn paper(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<Vec<PaperQuestion>>, Error> {
    Ok(Json(state.app.my_paper(&candidate.session_id).await?))
}
