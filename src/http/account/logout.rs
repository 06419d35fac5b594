//! `POST /api/v1/auth/logout`: ends whatever authenticated the call — the login session, or
//! the API token (revoked for good).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::http::auth::logout_cookie;
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, Error> {
    store::account::close_session(&state.db, &caller.token).await?;
    store::token::revoke(
        &state.db,
        &caller.token,
        &caller.name,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, logout_cookie())],
    )
        .into_response())
}
