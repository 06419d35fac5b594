//! `GET /ws/notices`: the appeal notices of the caller, pushed while a cabinet or the review
//! console is open (issue 9.7): received, escalated, breached, decided, propagated. The same
//! notices the pages read with `GET`; the socket only saves the reload.
//!
//! Server → client, JSON text messages:
//! - first `{"type": "notices", "notices": [Notice...]}`: every notice of the caller, newest
//!   first;
//! - then `{"type": "notice", "notice": Notice}` for each new one, oldest first.
//!
//! The client sends nothing (a message is ignored; 1 KiB at most). A notice written on this
//! node is pushed at once; one written on another node within [`POLL`]. A ping every [`PING`]
//! keeps proxies from closing an idle socket. The socket counts against the node's bound of
//! sockets and closes with 1001 when the node shuts down.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;

use super::{AppState, Caller, Error, recipients};
use crate::app::Application;
use crate::live::session::Admission;
use crate::store::appeal::Notice;

/// How often a socket looks for notices written by other nodes (one indexed query a socket;
/// 10,000 cabinets left open after an exam make 500 a second at this pace). A notice written
/// on the socket's own node does not wait for it.
pub const POLL: Duration = Duration::from_secs(20);

/// How often the server pings an idle socket.
const PING: Duration = Duration::from_secs(30);

/// The largest message a client may send (it has nothing to say).
const MAX_CLIENT_MESSAGE: usize = 1024;

/// A notice written this long before the newest one seen is still looked for: two nodes'
/// clocks and commit orders differ by less than this.
const OVERLAP_MS: i64 = 60_000;

pub(super) async fn notices(
    State(state): State<AppState>,
    caller: Caller,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, Error> {
    let ws = ws.map_err(|e| Error::bad_request("upgrade", e.body_text()))?;
    crate::http::auth::same_origin(
        &headers,
        peer.ip(),
        &state.config.trusted_proxies,
        super::NOTICE_READERS_ROLES,
    )?;
    let recipients = recipients(&state, &caller).await?;
    let app = state.app.clone();
    let Some(admission) = app.gate().admit() else {
        return Ok(crate::http::candidate::socket::refused(app.gate()));
    };
    Ok(ws
        .read_buffer_size(1024)
        .write_buffer_size(0)
        .max_message_size(MAX_CLIENT_MESSAGE)
        .max_frame_size(MAX_CLIENT_MESSAGE)
        .on_upgrade(move |socket| run(socket, app, recipients, admission))
        .into_response())
}

/// What a socket has pushed already.
#[derive(Default)]
struct Seen {
    ids: HashSet<String>,
    newest_ms: Option<i64>,
}

impl Seen {
    /// The notices not pushed yet, oldest first, remembered as pushed.
    fn fresh(&mut self, mut notices: Vec<Notice>) -> Vec<Notice> {
        notices.retain(|n| !self.ids.contains(&n.notice_id));
        notices.reverse();
        for n in &notices {
            self.ids.insert(n.notice_id.clone());
            self.newest_ms = Some(self.newest_ms.map_or(n.at_ms, |m| m.max(n.at_ms)));
        }
        notices
    }

    fn since_ms(&self) -> i64 {
        self.newest_ms.map_or(i64::MIN, |m| m - OVERLAP_MS)
    }
}

async fn run(
    socket: WebSocket,
    app: Arc<Application>,
    recipients: Vec<String>,
    admission: Admission,
) {
    let (mut tx, mut rx) = socket.split();
    let mut wake = app.notices_watch();
    let mut seen = Seen::default();
    let first = match app.notices(&recipients).await {
        Ok(all) => all,
        Err(err) => {
            tracing::warn!(error = %err, "notice socket: cannot read notices");
            let _ = tx.send(close(1011, "notices unavailable; reconnect")).await;
            return;
        }
    };
    let first: Vec<Notice> = seen.fresh(first).into_iter().rev().collect();
    let hello = json!({"type": "notices", "notices": first}).to_string();
    if tx.send(Message::Text(hello.into())).await.is_err() {
        return;
    }
    let shutdown = admission.shutdown();
    tokio::pin!(shutdown);
    let mut poll = tokio::time::interval(POLL);
    poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    poll.reset();
    let mut ping = tokio::time::interval(PING);
    ping.reset();
    loop {
        tokio::select! {
            _ = &mut shutdown => {
                let _ = tx.send(close(1001, "server shutting down; reconnect")).await;
                return;
            }
            incoming = rx.next() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                // Pings are answered by the transport; anything else is ignored.
                Some(Ok(_)) => continue,
            },
            _ = ping.tick() => {
                if tx.send(Message::Ping(Vec::new().into())).await.is_err() {
                    return;
                }
                continue;
            }
            changed = wake.changed() => if changed.is_err() { return },
            _ = poll.tick() => {}
        }
        let found = match app.notices_since(&recipients, seen.since_ms()).await {
            Ok(found) => found,
            Err(err) => {
                // The database is away: the next poll tries again.
                tracing::warn!(error = %err, "notice socket: cannot read notices");
                continue;
            }
        };
        for notice in seen.fresh(found) {
            let text = json!({"type": "notice", "notice": notice}).to_string();
            if tx.send(Message::Text(text.into())).await.is_err() {
                return;
            }
        }
    }
}

fn close(code: u16, reason: &'static str) -> Message {
    Message::Close(Some(CloseFrame {
        code,
        reason: reason.into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(id: &str, at_ms: i64) -> Notice {
        Notice {
            notice_id: id.into(),
            appeal_id: None,
            kind: "received".into(),
            body: json!({}),
            at_ms,
        }
    }

    #[test]
    fn each_notice_is_pushed_once_oldest_first() {
        let mut seen = Seen::default();
        assert_eq!(seen.since_ms(), i64::MIN);
        // The store answers newest first.
        let first = seen.fresh(vec![notice("b", 20), notice("a", 10)]);
        let ids: Vec<_> = first.iter().map(|n| n.notice_id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(seen.since_ms(), 20 - OVERLAP_MS);
        // The overlap brings back b; only c is new.
        let next = seen.fresh(vec![notice("c", 15), notice("b", 20)]);
        let ids: Vec<_> = next.iter().map(|n| n.notice_id.as_str()).collect();
        assert_eq!(ids, ["c"]);
        assert!(seen.fresh(vec![notice("c", 15)]).is_empty());
    }
}
