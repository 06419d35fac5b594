//! The mock's exam socket: `state` on connect, `ack` after saving each answer (or not saving
//! it, when told to lose some), `ended` + close 4000 on submit.

use std::sync::Arc;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;

use super::{Mock, QUESTIONS};

// The handshake callback's error type is tungstenite's, large by its design.
#[allow(clippy::result_large_err)]
pub async fn serve(stream: TcpStream, mock: Arc<Mock>) {
    let mut token = None;
    let capture = |req: &Request, resp: Response| {
        token = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        Ok(resp)
    };
    let Ok(mut ws) = tokio_tungstenite::accept_hdr_async(stream, capture).await else {
        return;
    };
    let session = {
        let store = mock.store.lock().expect("store");
        token.and_then(|t| store.tokens.get(&t).cloned())
    };
    let Some(session) = session else {
        let _ = ws.close(Some(close(4004))).await;
        return;
    };
    let state = state(&mock, &session);
    if ws.send(Message::text(state.to_string())).await.is_err() {
        return;
    }
    while let Some(Ok(msg)) = ws.next().await {
        let Message::Text(text) = msg else { continue };
        let msg: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
        let seq = msg["seq"].as_u64().unwrap_or(0);
        match msg["type"].as_str() {
            Some("answer") => {
                let q = msg["q"].as_u64().unwrap_or(0) as u32;
                let choice: Vec<String> =
                    serde_json::from_value(msg["choice"].clone()).unwrap_or_default();
                save(&mock, &session, seq, q, choice);
                let ack = json!({"type": "ack", "seq": seq, "server_time": 0, "deadline": 0});
                if ws.send(Message::text(ack.to_string())).await.is_err() {
                    return;
                }
            }
            Some("submit") => {
                if let Some(s) = mock.store.lock().expect("store").sessions.get_mut(&session) {
                    s.status = "submitted".into();
                    s.journal.push((seq, 0, Vec::new(), "submit"));
                }
                let ended = json!({"type": "ended", "reason": "submitted", "result": null,
                    "server_time": 0, "deadline": 0});
                let _ = ws.send(Message::text(ended.to_string())).await;
                let _ = ws.close(Some(close(4000))).await;
                return;
            }
            _ => {}
        }
    }
}

fn close(code: u16) -> CloseFrame {
    CloseFrame {
        code: CloseCode::from(code),
        reason: "".into(),
    }
}

/// Saves an answer unless it is one the faults say to lose; idempotent on seq, and an older
/// seq never overwrites a newer answer.
fn save(mock: &Mock, session: &str, seq: u64, q: u32, choice: Vec<String>) {
    let mut store = mock.store.lock().expect("store");
    store.answers_seen += 1;
    let seen = store.answers_seen;
    if mock
        .faults
        .lose_every
        .is_some_and(|n| seen.is_multiple_of(n))
    {
        return;
    }
    let s = store.sessions.get_mut(session).expect("session of a token");
    if s.journal.iter().any(|j| j.0 == seq) {
        return;
    }
    s.journal.push((seq, q, choice.clone(), "answer"));
    s.last_seq = s.last_seq.max(seq);
    let newer = s.answers.get(&q).is_none_or(|(old, _)| *old < seq);
    if newer {
        s.answers.insert(q, (seq, choice));
    }
}

/// The mock's paper, as `GET /api/v1/exam/paper` gives it.
pub fn paper() -> Vec<Value> {
    (1..=QUESTIONS)
        .map(|n| {
            let kind = if n % 5 == 0 { "multiple" } else { "single" };
            json!({"n": n, "section": "legal", "kind": kind, "text": "?",
                "options": [{"id": "a", "text": "1"}, {"id": "b", "text": "2"},
                            {"id": "c", "text": "3"}, {"id": "d", "text": "4"}]})
        })
        .collect()
}

fn state(mock: &Mock, session: &str) -> Value {
    let store = mock.store.lock().expect("store");
    let s = &store.sessions[session];
    let answers: serde_json::Map<String, Value> = s
        .answers
        .iter()
        .map(|(q, (_, c))| (q.to_string(), json!(c)))
        .collect();
    json!({"type": "state", "session_id": session, "status": s.status, "lang": "kk",
        "questions": QUESTIONS, "paper_url": "/api/v1/exam/paper", "answers": answers, "flags": [], "last_seq": s.last_seq,
        "server_time": 0, "deadline": 0})
}
