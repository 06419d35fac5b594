//! `GET /api/v1/me`: the personal cabinet — term, access and status of the attestation
//! (p.12), the result (p.20) marked provisional while it may change (p.19, p.26), and the next
//! due attestation (p.3, p.7, p.27, p.28).

use axum::Json;
use axum::extract::State;

use crate::domain::calendar::almaty_date;
use crate::domain::exam::Status;
use crate::domain::roster::Term;
use crate::domain::rules::{NextKind, next_due};
use crate::http::auth::Candidate;
use crate::http::views::{
    CandidateView, MeView, NextDueView, ProvisionalView, TermView, result_view,
};
use crate::http::{AppState, Error};
use crate::store;
use crate::store::appeal::AppealStatus;
use crate::store::exam::SessionRow;

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<MeView>, Error> {
    let row = state.app.session(&candidate.session_id).await?;
    let campaign = store::campaign::get(&state.db, &row.campaign_id).await?;
    let today = almaty_date(state.app.clock().now());
    let access = match (
        row.status,
        Term::on(campaign.opens_on, campaign.closes_on, today),
    ) {
        (Status::Scheduled | Status::Rules, Term::Open) => "open",
        (Status::Scheduled | Status::Rules, Term::NotYetOpen) => "not_yet_open",
        (Status::Scheduled | Status::Rules, Term::Over) => "expired",
        (Status::InProgress, _) => "in_progress",
        _ => "closed", // a used code: the result, the cabinet and the appeal only
    };
    let result = result_view(&row);
    let provisional = match result {
        Some(_) => provisional(&state, &row).await?,
        None => None,
    };
    Ok(Json(MeView {
        candidate: CandidateView::of(&row),
        term: TermView {
            opens_on: campaign.opens_on,
            closes_on: campaign.closes_on,
            duration_min: row.duration_min,
        },
        access: access.to_owned(),
        status: row.status,
        end_reason: row.end_reason,
        procedure: row.candidate.procedure.slug().to_owned(),
        campaign: row.campaign_name.clone(),
        next_due: next(&row)?,
        result,
        provisional,
        server_time: state.app.clock().now_ms(),
    }))
}

/// Why the scored result of `row` may still change: the review window (p.19), an open
/// proctoring review (p.19), an appeal the commission has not decided (p.26).
async fn provisional(state: &AppState, row: &SessionRow) -> Result<Option<ProvisionalView>, Error> {
    let mut reasons = Vec::new();
    let until = state.app.provisional_until(row).await?;
    if until.is_some() {
        reasons.push("review_window");
    }
    let review = store::proctor::review(&state.db, &row.session_id).await?;
    if review.is_some_and(|r| r.state == "open") {
        reasons.push("review_open");
    }
    let appeal = store::appeal::by_session(&state.db, &row.session_id).await?;
    if appeal.is_some_and(|a| a.status == AppealStatus::Submitted) {
        reasons.push("appeal_pending");
    }
    Ok((!reasons.is_empty()).then(|| ProvisionalView {
        reasons: reasons.into_iter().map(str::to_owned).collect(),
        review_window_until: until,
    }))
}

/// The next due attestation after the current decision, counted from the day of the test.
fn next(row: &SessionRow) -> Result<Option<NextDueView>, Error> {
    let (Some(result), Some(ended)) = (&row.result, row.ended_at) else {
        return Ok(None);
    };
    if row.status != Status::Scored {
        return Ok(None);
    }
    let from = almaty_date(jiff::Timestamp::from_millisecond(ended).map_err(|e| {
        Error::Internal(format!("session {}: ended_at {ended}: {e}", row.session_id).into())
    })?);
    let due = next_due(&result.decision, from)
        .map_err(|e| Error::Internal(format!("session {}: {e}", row.session_id).into()))?;
    Ok(Some(NextDueView {
        kind: match due.kind {
            NextKind::Periodic => "periodic",
            NextKind::Reattestation => "reattestation",
            NextKind::Dismissal => "dismissal",
        }
        .to_owned(),
        by: due.by,
        clause: due.clause.to_owned(),
        from,
    }))
}
