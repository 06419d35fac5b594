//! `GET /api/v1/me`: the personal cabinet — term, access and status of the attestation
//! (p.12), and the result (p.20).

use axum::Json;
use axum::extract::State;

use crate::domain::exam::Status;
use crate::domain::roster::Term;
use crate::http::auth::Candidate;
use crate::http::views::{CandidateView, MeView, TermView, result_view};
use crate::http::{AppState, Error};
use crate::store;

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Json<MeView>, Error> {
    let row = state.app.session(&candidate.session_id).await?;
    let campaign = store::campaign::get(&state.db, &row.campaign_id).await?;
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let access = match (
        row.status,
        Term::on(campaign.opens_on, campaign.closes_on, today),
    ) {
        (Status::Scheduled | Status::Rules, Term::Open) => "open",
        (Status::Scheduled | Status::Rules, Term::NotYetOpen) => "not_yet_open",
        (Status::Scheduled | Status::Rules, Term::Over) => "expired",
        (Status::InProgress, _) => "in_progress",
        _ => "closed",
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
        result: result_view(&row),
        server_time: state.app.clock().now_ms(),
    }))
}
