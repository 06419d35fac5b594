//! `POST /api/v1/commission/appeals/{appeal}/votes`: a voter's uphold or reject, with a reason,
//! on one disputed question (p.23: the secretary has no vote).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::{AppState, Caller, Error, username};
use crate::domain::appeal::{Verdict, Vote};
use crate::http::extract;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = AppealVote)]
pub(super) struct VoteBody {
    question: u32,
    verdict: String,
    reason: String,
}

pub(super) async fn vote(
    State(state): State<AppState>,
    caller: Caller,
    Path(appeal_id): Path<String>,
    extract::Json(b): extract::Json<VoteBody>,
) -> Result<StatusCode, Error> {
    let verdict = Verdict::parse(&b.verdict)
        .ok_or_else(|| Error::bad_request("verdict", "uphold or reject"))?;
    let voter = username(&state, &caller).await?;
    let vote = Vote {
        voter,
        question: b.question,
        verdict,
        reason: b.reason,
    };
    state.app.vote(&appeal_id, vote, &caller.actor()).await?;
    Ok(StatusCode::NO_CONTENT)
}
