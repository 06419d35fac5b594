//! `POST /api/v1/admin/sessions/{session}/extend {"minutes", "reason"}`: moves the deadline
//! (audited); the open socket hears it at once.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use crate::http::extract;
use crate::http::views::SessionView;
use crate::http::{AppState, Caller, Error};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = Extension)]
pub(crate) struct Extend {
    /// 1 to 120.
    #[schema(minimum = 1, maximum = 120)]
    minutes: i64,
    reason: String,
}

pub(crate) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    extract::Json(e): extract::Json<Extend>,
) -> Result<Json<SessionView>, Error> {
    if !(1..=120).contains(&e.minutes) {
        return Err(Error::bad_request("minutes", "1 to 120"));
    }
    let reason = super::reason(&e.reason)?;
    state
        .app
        .extend(&id, e.minutes, reason, &caller.actor())
        .await?;
    super::view(&state, &id).await
}
