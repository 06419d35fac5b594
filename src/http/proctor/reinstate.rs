//! `POST /api/v1/admin/sessions/{id}/reinstate {"reason"}`: withdraws a void (the vendor
//! retracted its verdict, a reviewer erred) and restores the annulled result and decision.
//! Admins only; audited with the reason.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::super::candidate::{SessionView, view};
use super::super::{AppState, Caller};
use super::Error;
use crate::domain::role::Role;

#[derive(Debug, Deserialize)]
pub struct Reason {
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
    b: Result<Json<Reason>, JsonRejection>,
) -> Result<Json<SessionView>, Error> {
    caller.admit(&[Role::Admin])?;
    let Json(r) = b.map_err(super::super::Error::from)?;
    let row = state
        .app
        .reinstate(&id, reason(&r.reason)?, &caller.actor())
        .await?;
    Ok(Json(view(&row, state.app.clock().now_ms())))
}
