//! `GET /api/v1/exam/proctoring`, for the candidate: whether the result is still provisional
//! (the campaign's proctoring review window, default 72 h after the end, has not closed) and,
//! for a voided session, why (p.19). The result screen and the cabinet show it in kk/ru.

use axum::Json;
use axum::extract::State;

use super::super::{AppState, Candidate};
use super::Error;
use super::views::{ProctoringStatusView, VoidedView};
use crate::domain::exam::Status;
use crate::store;

pub async fn candidate(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<ProctoringStatusView>, Error> {
    let session_id = candidate.session_id.as_str();
    let row = state.app.session(session_id).await?;
    let settings = state.app.proctoring(&row.campaign_id).await?;
    let provisional_until = state.app.provisional_until(&row).await?;
    let voided = if row.status == Status::Voided {
        store::proctor::voids(&state.db, session_id)
            .await?
            .into_iter()
            .rev()
            .find(|v| v.reinstated_at.is_none())
            .map(|v| VoidedView {
                cause: v.cause.map(|c| c.as_str().to_owned()),
                kind: v.kind,
                reason: Some(v.reason),
                at: Some(v.voided_at),
                clause: "p.19".to_owned(),
            })
            .or(Some(VoidedView {
                cause: None,
                kind: None,
                reason: None,
                at: None,
                clause: "p.19".to_owned(),
            }))
    } else {
        None
    };
    Ok(Json(ProctoringStatusView {
        status: row.status,
        provisional: provisional_until.is_some(),
        provisional_until,
        review_window_h: settings.review_window_h,
        voided,
    }))
}
