//! `GET /api/v1/admin/sessions/{session}/overview`: the console's drill-down of one session —
//! the session (deadline, time left by the server's clock, online now), how many questions
//! are answered and how long the answer journal is, every proctoring signal with its kind,
//! source, action and times, and the proctoring review's state.

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};

use crate::domain::exam::Status;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};
use crate::store;

/// One session in depth, for the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SessionOverviewView {
    pub session: SessionView,
    /// In progress only: milliseconds to the deadline by the server's clock.
    pub time_left_ms: Option<i64>,
    /// In progress only: whether an exam socket holds the session now (the live state).
    pub online: Option<bool>,
    /// Questions with a chosen option now (flags alone do not count).
    pub answered: i64,
    /// Accepted answer and flag messages, in all.
    pub journal_size: i64,
    /// Every signal, oldest first (superseded ones too, marked).
    pub signals: Vec<SignalRowView>,
    /// `open`, `confirmed`, `dismissed`, `voided`; null when never flagged.
    pub review: Option<String>,
}

/// A proctoring signal as the console lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SignalRowView {
    /// `tab_hidden`, `phone_detected`, `verdict_violation`, ...
    pub kind: String,
    /// `page` or the vendor's name.
    pub source: String,
    /// What the campaign's policy did: `record`, `flag` or `void`.
    pub action: String,
    /// Unix ms, by the signal's own clock.
    pub occurred_at: i64,
    /// Unix ms, when the server received it.
    pub received_at: i64,
    pub superseded: bool,
}

pub(crate) async fn handle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<SessionOverviewView>, Error> {
    let row = state.app.session(&id).await?;
    let now = state.app.clock().now_ms();
    let in_progress = row.status == Status::InProgress;
    let online = if in_progress {
        Some(state.app.live().holder(&id).await?.is_some())
    } else {
        None
    };
    let answers = state.app.answers(&id).await?;
    let journal = state.app.journal(&id).await?;
    let signals = store::proctor::signals(&state.db, &id).await?;
    let review = store::proctor::review(&state.db, &id).await?;
    Ok(Json(SessionOverviewView {
        time_left_ms: row
            .deadline
            .filter(|_| in_progress)
            .map(|d| (d - now).max(0)),
        online,
        answered: answers.iter().filter(|a| !a.choice.is_empty()).count() as i64,
        journal_size: journal.len() as i64,
        signals: signals
            .into_iter()
            .map(|s| SignalRowView {
                kind: s.kind.to_owned(),
                source: s.signal.source.clone(),
                action: s.action.to_owned(),
                occurred_at: s.signal.occurred_at,
                received_at: s.received_at,
                superseded: s.superseded,
            })
            .collect(),
        review: review.map(|r| r.state),
        session: SessionView::of(&row, now),
    }))
}
