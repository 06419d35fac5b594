//! `POST /api/v1/admin/users/{user}/disable {"reason"}` and `.../enable {"reason"}`: an
//! account (by username) stops or starts again being able to log in, audited as
//! `user.disable` / `user.enable` with the reason. Disabling closes the account's logins at
//! once. An administrator cannot disable their own account (nobody would be left to undo it).

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::UserView;
use crate::domain::audit::Actor;
use crate::http::extract;
use crate::http::{AppState, Caller, Error};
use crate::store;

/// The body: why, for the audit log.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = UserReason)]
pub(in crate::http::admin) struct Body {
    /// 1 to 1000 characters.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    reason: String,
}

pub(in crate::http::admin) async fn disable(
    State(state): State<AppState>,
    caller: Caller,
    Path(username): Path<String>,
    extract::Json(body): extract::Json<Body>,
) -> Result<Json<UserView>, Error> {
    if matches!(caller.actor(), Actor::Staff { username: ref own, .. } if *own == username) {
        return Err(Error::Conflict(
            "user: you cannot disable your own account".into(),
        ));
    }
    set(&state, &caller, &username, true, &body.reason).await
}

pub(in crate::http::admin) async fn enable(
    State(state): State<AppState>,
    caller: Caller,
    Path(username): Path<String>,
    extract::Json(body): extract::Json<Body>,
) -> Result<Json<UserView>, Error> {
    set(&state, &caller, &username, false, &body.reason).await
}

async fn set(
    state: &AppState,
    caller: &Caller,
    username: &str,
    disabled: bool,
    reason: &str,
) -> Result<Json<UserView>, Error> {
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 1000 {
        return Err(Error::bad_request(
            "reason",
            "1 to 1000 characters: it goes to the audit log",
        ));
    }
    let user = store::staff::set_disabled(
        &state.db,
        username,
        disabled,
        reason,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(Json(user.into()))
}
