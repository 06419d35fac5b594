//! `GET /ws/exam`: the exam socket (docs/protocol.md), for the candidate the route table
//! admitted. Small buffers and a 64 KiB transport limit (the protocol's own is 4 KiB, refused
//! with `too_large`): a candidate sends short answers, and ten thousand sockets must fit in
//! memory.

use axum::Json;
use std::net::SocketAddr;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::domain::role::Role;
use crate::http::auth::Candidate;
use crate::http::{AppState, Error};
use crate::live::protocol::MAX_TRANSPORT_MESSAGE;
use crate::live::session::Gate;

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, Error> {
    // A request that is no WebSocket handshake gets the API's JSON error, naming what is
    // missing, like every other refusal (schemathesis found axum's plain-text one here).
    let ws = ws.map_err(|e| Error::bad_request("upgrade", e.body_text()))?;
    crate::http::auth::same_origin(
        &headers,
        peer.ip(),
        &state.config.trusted_proxies,
        &[Role::Candidate],
    )?;
    let app = state.app.clone();
    let Some(admission) = app.gate().admit() else {
        return Ok(refused(app.gate()));
    };
    let session_id = candidate.session_id;
    Ok(ws
        .read_buffer_size(1024)
        .write_buffer_size(0)
        .max_message_size(MAX_TRANSPORT_MESSAGE)
        .max_frame_size(MAX_TRANSPORT_MESSAGE)
        .on_upgrade(move |socket| crate::live::session::run(socket, app, session_id, admission))
        .into_response())
}

/// 503 for a socket this node cannot take (docs/limits.md): it holds its bound of sockets, or
/// it is shutting down. The page retries with backoff, reaching another node or this one later.
pub(crate) fn refused(gate: &Gate) -> Response {
    let message = if gate.is_shut() {
        "this server is shutting down; reconnect in a few seconds".to_owned()
    } else {
        format!(
            "this server holds its limit of {} sockets; reconnect in a few seconds",
            gate.limit()
        )
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        Json(json!({"error": {"code": "too_many_sockets", "message": message}})),
    )
        .into_response()
}
