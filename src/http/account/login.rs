//! `POST /api/v1/auth/login {"username", "password"}`: a staff login session.

use std::time::Duration;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::http::auth::{Client, login_answer};
use crate::http::extract::Json;
use crate::http::views::StaffLoginView;
use crate::http::{AppState, Error};
use crate::store::account;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = StaffLogin)]
pub(super) struct Body {
    username: String,
    password: String,
}

/// Staff login attempts per username per minute, and per client address per minute. Every
/// attempt is counted *before* its password is checked, so a parallel burst from one address
/// gets at most this many PBKDF2 checks a minute and the rest 429 at once (docs/limits.md).
const ATTEMPTS_PER_USER: u64 = 10;
const ATTEMPTS_PER_ADDRESS: u64 = 30;

pub(super) async fn handle(
    State(state): State<AppState>,
    client: Client,
    Json(body): Json<Body>,
) -> Result<Response, Error> {
    let live = state.app.live();
    let window = Duration::from_secs(60);
    let address = format!("staff-login-addr:{}", client.ip);
    let user = format!("staff-login:{}", body.username);
    if !live.hit(&address, window, ATTEMPTS_PER_ADDRESS).await?
        || !live.hit(&user, window, ATTEMPTS_PER_USER).await?
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
    let now = state.app.clock().now();
    let login = account::open_session(&state.db, role, &name, Some(&user_id), None, now).await?;
    let view = StaffLoginView {
        token: login.token.clone(),
        csrf: login.csrf,
        role,
        name,
    };
    Ok(login_answer(client, &login.token, view))
}
