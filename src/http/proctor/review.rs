//! The review queue, for `proctor_reviewer` and `admin`: `GET /api/v1/review/queue`
//! (flagged sessions, oldest first, each with its signal timeline, evidence thumbnails and the
//! vendor's words), `GET .../sessions/{session}` (one of them), and
//! `POST .../sessions/{session}/confirm` or `.../dismiss` `{"reason"}`. A confirmation voids the session
//! (p.19) once enough distinct reviewers confirmed (two for an automated flag when the
//! campaign asks for a second review).

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use serde_json::json;

use super::super::{AppState, Caller, extract};
use super::Error;
use super::reinstate::reason;
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
async fn detail(state: &AppState, r: &store::proctor::Review) -> Result<serde_json::Value, Error> {
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
    Ok(json!({
        "session_id": r.session_id,
        "state": r.state,
        "automated": r.automated,
        "opened_at": r.opened_at,
        "confirmations_needed": if settings.second_review && r.automated { 2 } else { 1 },
        "votes": votes,
        "status": row.status.as_str(),
        "candidate": {"name": row.candidate.name, "organization": row.candidate.organization},
        "campaign": {"campaign_id": row.campaign_id, "name": row.campaign_name},
        "signals": signals,
        "evidence": evidence,
    }))
}

pub async fn queue(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Error> {
    let open = store::proctor::queue(&state.db).await?;
    let mut items = Vec::new();
    for r in open.iter().take(QUEUE_LIMIT) {
        items.push(detail(&state, r).await?);
    }
    Ok(Json(json!({"queue": items, "open": open.len()})))
}

pub async fn session(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, Error> {
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
) -> Result<Json<serde_json::Value>, Error> {
    decide(&state, &caller, &id, Decision::Confirm, &r.reason).await
}

/// `POST .../sessions/{session}/dismiss`: the reviewer saw none.
pub async fn dismiss(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(r): extract::Json<Reason>,
) -> Result<Json<serde_json::Value>, Error> {
    decide(&state, &caller, &id, Decision::Dismiss, &r.reason).await
}

async fn decide(
    state: &AppState,
    caller: &Caller,
    id: &str,
    decision: Decision,
    reason_text: &str,
) -> Result<Json<serde_json::Value>, Error> {
    let vote = state
        .app
        .review(id, decision, reason(reason_text)?, &caller.actor())
        .await?;
    let outcome = match vote {
        Vote::Confirmed => json!({"outcome": "voided"}),
        Vote::Dismissed => json!({"outcome": "dismissed"}),
        Vote::Pending { have, need } => {
            json!({"outcome": "awaiting_second_review", "confirmations": have, "needed": need})
        }
    };
    let row = state.app.session(id).await?;
    let mut out = outcome;
    out["status"] = json!(row.status.as_str());
    Ok(Json(out))
}
