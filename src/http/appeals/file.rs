//! `POST /api/v1/me/appeals`: the candidate saves a draft or submits the appeal (p.21).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use super::{AppState, Caller, Error, JsonBody, body};
use crate::app::appeals::AppealView;
use crate::domain::appeal::RawQuestion;

#[derive(Debug, Deserialize)]
pub(super) struct FileBody {
    questions: Vec<RawQuestion>,
    /// True submits (received now, p.24); false saves a draft.
    #[serde(default)]
    submit: bool,
}

pub(super) async fn file(
    State(state): State<AppState>,
    caller: Caller,
    b: JsonBody<FileBody>,
) -> Result<(StatusCode, Json<AppealView>), Error> {
    let session = caller.candidate_session()?.to_owned();
    let b = body(b)?;
    let view = state
        .app
        .file_appeal(&session, &b.questions, b.submit, &caller.actor())
        .await?;
    Ok((StatusCode::CREATED, Json(view)))
}
