//! Staff log in with a username and password (PBKDF2, p.15 authors, p.22 commission, QIO
//! operators) and get a login session: a bearer token for the API and an HttpOnly cookie with a
//! CSRF secret for pages. Anyone logged in can log out.

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::auth::{Caller, login_cookie, logout_cookie};
use super::{AppState, Error};
use crate::store::account;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
}

#[derive(Debug, Deserialize)]
struct LoginBody {
    username: String,
    password: String,
}

/// Staff login attempts per username per minute, and per client address per minute. Every
/// attempt is counted *before* its password is checked, so a parallel burst from one address
/// gets at most this many PBKDF2 checks a minute and the rest 429 at once (docs/limits.md).
const ATTEMPTS_PER_USER: u64 = 10;
const ATTEMPTS_PER_ADDRESS: u64 = 30;

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, Error> {
    let Json(body) = body?;
    let live = state.app.live();
    let window = Duration::from_secs(60);
    let live_err = |e| Error::from(crate::app::Error::Live(e));
    let address = format!("staff-login-addr:{}", peer.ip());
    let user = format!("staff-login:{}", body.username);
    if !live
        .hit(&address, window, ATTEMPTS_PER_ADDRESS)
        .await
        .map_err(live_err)?
        || !live
            .hit(&user, window, ATTEMPTS_PER_USER)
            .await
            .map_err(live_err)?
    {
        return Err(Error::RateLimited);
    }
    let Some((user_id, name, role)) =
        account::check_password(&state.db, &body.username, &body.password).await?
    else {
        return Err(Error::Unprocessable {
            code: "bad_credentials",
            message: "username or password is wrong".into(),
            details: vec![],
        });
    };
    let login = account::open_session(
        &state.db,
        role,
        &name,
        Some(&user_id),
        None,
        state.app.clock().now(),
    )
    .await?;
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v == "https");
    let body = json!({ "token": login.token, "csrf": login.csrf, "role": role, "name": name });
    Ok((
        [
            (header::SET_COOKIE, login_cookie(&login.token, secure)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(body),
    )
        .into_response())
}

/// Ends whatever authenticated the call: the login session, or the API token (revoked for good).
async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, Error> {
    account::close_session(&state.db, &caller.token).await?;
    crate::store::token::revoke(
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
