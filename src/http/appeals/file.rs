//! `POST /api/v1/me/appeals`: the candidate saves a draft or submits the appeal (p.21).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{AppState, Candidate, Error};
use crate::app::appeals::AppealView;
use crate::domain::appeal::RawQuestion;
use crate::http::extract;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = AppealFiling)]
pub(super) struct FileBody {
    questions: Vec<RawQuestion>,
    /// True submits (received now, p.24); false saves a draft.
    #[serde(default)]
    submit: bool,
}

pub(super) async fn file(
    State(state): State<AppState>,
    candidate: Candidate,
    extract::Json(b): extract::Json<FileBody>,
) -> Result<(StatusCode, Json<AppealView>), Error> {
    let view = state
        .app
        .file_appeal(
            &candidate.session_id,
            &b.questions,
            b.submit,
            &candidate.caller.actor(),
        )
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}
