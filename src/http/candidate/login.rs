//! `POST /api/v1/exam/login {"code"}`: the one-time access code opens the candidate's session.

use std::time::Duration;

use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::domain::role::Role;
use crate::domain::secret;
use crate::http::auth::{Client, login_answer};
use crate::http::extract::Json;
use crate::http::views::{CandidateLoginView, SessionView};
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = CandidateLogin)]
pub(super) struct Body {
    /// The one-time access code, `XXXX-XXXX-XXXX-XXXX` (case, spaces and look-alikes tolerated).
    code: String,
}

/// Failed code guesses per client address per minute before that address is slowed down.
/// High on purpose: an exam hall of several hundred candidates shares one address, and a
/// valid code is looked up first and never refused or delayed, whatever the count
/// (docs/limits.md explains why a low ceiling would lock a hall out and buys nothing against
/// 80-bit codes).
pub const FAILED_CODES_PER_ADDRESS: u64 = 600;

/// How long a wrong guess over [`FAILED_CODES_PER_ADDRESS`] waits before its 429.
pub const SLOWDOWN: Duration = Duration::from_secs(1);

pub(super) async fn handle(
    State(state): State<AppState>,
    client: Client,
    Json(body): Json<Body>,
) -> Result<Response, Error> {
    // The code is checked first (one indexed digest lookup): a valid code always opens.
    let session_id = match secret::normalize_access_code(&body.code) {
        Some(code) => store::campaign::session_by_code(&state.db, &code).await?,
        None => None,
    };
    let Some(session_id) = session_id else {
        let fail_key = format!("login-fail:{}", client.ip);
        let window = Duration::from_secs(60);
        if !state
            .app
            .live()
            .hit(&fail_key, window, FAILED_CODES_PER_ADDRESS)
            .await?
        {
            tokio::time::sleep(SLOWDOWN).await;
            return Err(Error::RateLimited);
        }
        return Err(Error::Unprocessable {
            code: "bad_code",
            message: "code: this access code is not valid (check it and try again)".into(),
            details: vec![],
        });
    };
    let row = state.app.session(&session_id).await?;
    let now = state.app.clock().now();
    let login = store::account::open_session(
        &state.db,
        Role::Candidate,
        &row.candidate.name,
        None,
        Some(&session_id),
        now,
    )
    .await?;
    let view = CandidateLoginView {
        token: login.token.clone(),
        csrf: login.csrf,
        session: SessionView::of(&row, now.as_millisecond()),
    };
    Ok(login_answer(client, &login.token, view))
}
