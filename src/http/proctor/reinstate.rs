//! `POST /api/v1/admin/sessions/{session}/reinstate {"reason"}`: withdraws a void (the vendor
//! retracted its verdict, a reviewer erred) and restores the annulled result and decision.
//! Admins only; audited with the reason.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::super::views::SessionView;
use super::super::{AppState, Caller, extract};
use super::Error;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = ReinstateReason)]
pub struct Reason {
    /// 1 to 1000 characters, for the audit log.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    reason: String,
}

/// A reason for the audit chain: 1 to 1000 characters.
pub(super) fn reason(text: &str) -> Result<&str, Error> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 1000 {
        return Err(super::super::Error::bad_request(
            "reason",
            "1 to 1000 characters: it goes to the audit log",
        )
        .into());
    }
    Ok(text)
}

pub async fn reinstate(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(r): extract::Json<Reason>,
) -> Result<Json<SessionView>, Error> {
    let row = state
        .app
        .reinstate(&id, reason(&r.reason)?, &caller.actor())
        .await?;
    Ok(Json(SessionView::of(&row, state.app.clock().now_ms())))
}
