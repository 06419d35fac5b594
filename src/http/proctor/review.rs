//! The review queue, for `proctor_reviewer` and `admin`: `GET /api/v1/review/queue`
//! (flagged sessions, oldest first, each with its signal timeline, evidence thumbnails and the
//! vendor's words), `GET .../sessions/{session}` (one of them), and
//! `POST .../sessions/{session}/confirm` or `.../dismiss` `{"reason"}`. A confirmation voids the session
//! (p.19) once enough distinct reviewers confirmed (two for an automated flag when the
//! campaign asks for a second review).

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::super::{AppState, Caller, extract};
use super::Error;
use super::reinstate::reason;
use super::views::{
    DecisionView, ReviewCampaignView, ReviewCandidateView, ReviewItemView, ReviewQueueView,
};
use crate::store::{self, proctor::Decision, proctor::Vote};

/// The queue's page size: the oldest this many.
const QUEUE_LIMIT: usize = 200;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = ReviewReason)]
pub struct Reason {
    /// 1 to 1000 characters, for the audit log.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    reason: String,
}

/// One flagged session, everything a reviewer needs to decide.
async fn detail(state: &AppState, r: &store::proctor::Review) -> Result<ReviewItemView, Error> {
    let row = state.app.session(&r.session_id).await?;
    let signals = store::proctor::signals(&state.db, &r.session_id).await?;
    let mut evidence = Vec::new();
    for s in &signals {
        for reference in &s.signal.evidence {
            if let Some(sha) = reference.strip_prefix("sha256:")
                && let Some(e) = store::proctor::evidence(&state.db, sha).await?
                && !evidence
                    .iter()
                    .any(|x: &store::proctor::EvidenceInfo| x.sha256 == e.sha256)
            {
                evidence.push(e);
            }
        }
    }
    let settings = state.app.proctoring(&row.campaign_id).await?;
    let votes = store::proctor::votes(&state.db, &r.session_id, r.opened_at).await?;
    Ok(ReviewItemView {
        session_id: r.session_id.clone(),
        state: r.state.clone(),
        automated: r.automated,
        opened_at: r.opened_at,
        confirmations_needed: if settings.second_review && r.automated {
            2
        } else {
            1
        },
        votes: votes.into_iter().map(Into::into).collect(),
        status: row.status,
        candidate: ReviewCandidateView {
            name: row.candidate.name,
            organization: row.candidate.organization,
        },
        campaign: ReviewCampaignView {
            campaign_id: row.campaign_id,
            name: row.campaign_name,
        },
        signals: signals.into_iter().map(Into::into).collect(),
        evidence: evidence.into_iter().map(Into::into).collect(),
    })
}

pub async fn queue(State(state): State<AppState>) -> Result<Json<ReviewQueueView>, Error> {
    let open = store::proctor::queue(&state.db).await?;
    let mut items = Vec::new();
    for r in open.iter().take(QUEUE_LIMIT) {
        items.push(detail(&state, r).await?);
    }
    Ok(Json(ReviewQueueView {
        queue: items,
        open: open.len(),
    }))
}

pub async fn session(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<ReviewItemView>, Error> {
    let r = store::proctor::review(&state.db, &id)
        .await?
        .ok_or_else(|| {
            super::super::Error::NotFound(format!("session {id} was never flagged for review"))
        })?;
    Ok(Json(detail(&state, &r).await?))
}

/// `POST .../sessions/{session}/confirm`: the reviewer saw a violation.
pub async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(r): extract::Json<Reason>,
) -> Result<Json<DecisionView>, Error> {
    decide(&state, &caller, &id, Decision::Confirm, &r.reason).await
}

/// `POST .../sessions/{session}/dismiss`: the reviewer saw none.
pub async fn dismiss(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(r): extract::Json<Reason>,
) -> Result<Json<DecisionView>, Error> {
    decide(&state, &caller, &id, Decision::Dismiss, &r.reason).await
}

async fn decide(
    state: &AppState,
    caller: &Caller,
    id: &str,
    decision: Decision,
    reason_text: &str,
) -> Result<Json<DecisionView>, Error> {
    let vote = state
        .app
        .review(id, decision, reason(reason_text)?, &caller.actor())
        .await?;
    let (outcome, confirmations, needed) = match vote {
        Vote::Confirmed => ("voided", None, None),
        Vote::Dismissed => ("dismissed", None, None),
        Vote::Pending { have, need } => ("awaiting_second_review", Some(have), Some(need)),
    };
    let row = state.app.session(id).await?;
    Ok(Json(DecisionView {
        outcome: outcome.to_owned(),
        confirmations,
        needed,
        status: row.status,
    }))
}
