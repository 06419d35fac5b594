//! `POST /api/v1/proctor/{vendor}/edx/attempts/{session}/reviewed`: the Open edX
//! proctoring review callback, signed with the native headers. A `violation` without
//! `reviewed_by` becomes a suspicious verdict (the review queue), Open edX's own rule.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use synaq_proctor::adapter::edx;
use synaq_proctor::verify::verify_native;

use super::super::AppState;
use super::native::native_headers;
use super::{Error, accepted, ingest, now_s, raw, refuse, vendor};

pub async fn reviewed(
    State(state): State<AppState>,
    Path((name, session_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<super::views::CallbackView>, Error> {
    let (v, secrets) = vendor(&state, &name, &["edx"]).await?;
    let body = raw(body)?;
    let now = now_s(&state);
    verify_native(native_headers(&headers), &body, &secrets, now).map_err(Error::Verify)?;
    let mut signals = match edx::parse(&body, &v.name, &session_id, now) {
        Ok(signals) => signals,
        Err(e) => return Err(refuse(&state, &v.name, &body, Error::Malformed(e)).await),
    };
    // The adapter's event id is the body's digest; the body does not name the attempt, so the
    // same review of two attempts would be one event. The attempt is part of the id.
    for s in &mut signals {
        s.event_id = format!("{}:{}", session_id, s.event_id);
    }
    let out = ingest(&state, &v.name, &body, signals, |_| {
        "session_id (path)".into()
    })
    .await?;
    Ok(accepted(&out))
}
