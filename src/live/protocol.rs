//! The exam socket's messages (docs/protocol.md), as serde types. Frames are JSON text.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The largest message a candidate may send: an answer is well under 1 KiB. A larger one is
/// refused with `too_large` and the connection goes on.
pub const MAX_CLIENT_MESSAGE: usize = 4 * 1024;

/// The largest message the transport reads at all (frame and message); a larger one cannot be
/// read, so it gets `too_large` and close 1009. Small, because ten thousand sockets must fit
/// in memory.
pub const MAX_TRANSPORT_MESSAGE: usize = 64 * 1024;

/// What a candidate's page sends.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMessage {
    Answer {
        q: i64,
        choice: Vec<String>,
        seq: i64,
    },
    Flag {
        q: i64,
        flagged: bool,
        seq: i64,
    },
    Heartbeat {},
    Submit {
        seq: i64,
    },
    /// What the page observed about itself (proctoring, p.13): `kind` one of
    /// `app::proctor::PAGE_KINDS`, `id` unique per signal (a replay is ignored).
    Signal {
        id: String,
        kind: String,
        /// How long the condition lasted (a hidden tab, an offline period), in milliseconds.
        #[serde(default)]
        duration_ms: u64,
    },
}

/// The result shown on the page (p.20), on the socket and in the HTTP views.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ResultView {
    pub percent: f64,
    pub correct: i64,
    pub total: i64,
    /// The p.30 decision: procedure, threshold, outcome, consequences and the clauses applied
    /// (docs/protocol.md, `ResultView`).
    #[schema(value_type = Object)]
    pub decision: crate::domain::rules::Decision,
}

/// What the server sends. Every message carries the server's time and the deadline (Unix ms).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    State {
        session_id: String,
        status: String,
        lang: String,
        /// Questions on the paper; their texts come from `GET /api/v1/exam/paper`, once: a
        /// 100-question paper is about 120 KB, and tungstenite keeps a socket's write buffer
        /// at the size of its largest message — ten thousand idle sockets would hold 1 GB.
        questions: usize,
        paper_url: &'static str,
        answers: BTreeMap<i64, Vec<String>>,
        flags: Vec<i64>,
        last_seq: i64,
        server_time: i64,
        deadline: i64,
    },
    Ack {
        seq: i64,
        server_time: i64,
        deadline: i64,
    },
    Error {
        seq: Option<i64>,
        code: String,
        message: String,
        server_time: i64,
        deadline: i64,
    },
    Time {
        server_time: i64,
        deadline: i64,
    },
    Notice {
        code: String,
        message: Localized3,
        server_time: i64,
        deadline: i64,
    },
    Ended {
        reason: String,
        result: Option<ResultView>,
        server_time: i64,
        deadline: i64,
    },
}

/// A message in Kazakh, Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Localized3 {
    pub kk: String,
    pub ru: String,
    pub en: String,
}

/// Close codes: 4000-4999 tell the page not to reconnect; the others (RFC 6455) say why a
/// connection the page should reopen was closed.
pub mod close {
    /// The server is shutting down (a deploy): reconnect, to another node or this one again.
    pub const GOING_AWAY: u16 = 1001;
    /// Too many messages too fast (docs/limits.md).
    pub const POLICY: u16 = 1008;
    /// A message larger than the transport reads.
    pub const MESSAGE_TOO_BIG: u16 = 1009;
    pub const ENDED: u16 = 4000;
    pub const TIME_UP: u16 = 4001;
    pub const VOIDED: u16 = 4002;
    pub const TAKEN_OVER: u16 = 4003;
    pub const UNAUTHORIZED: u16 = 4004;
    pub const NOT_STARTED: u16 = 4005;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_messages_parse_and_unknown_fields_are_refused() {
        let m: ClientMessage =
            serde_json::from_str(r#"{"type":"answer","q":3,"choice":["b"],"seq":7}"#).unwrap();
        assert_eq!(
            m,
            ClientMessage::Answer {
                q: 3,
                choice: vec!["b".into()],
                seq: 7
            }
        );
        assert_eq!(
            serde_json::from_str::<ClientMessage>(r#"{"type":"heartbeat"}"#).unwrap(),
            ClientMessage::Heartbeat {}
        );
        assert!(
            serde_json::from_str::<ClientMessage>(
                r#"{"type":"answer","q":3,"choice":["b"],"seq":7,"x":1}"#
            )
            .is_err()
        );
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"delete_all"}"#).is_err());
        assert!(serde_json::from_str::<ClientMessage>(r#"{"type":"answer","q":"3"}"#).is_err());
    }

    #[test]
    fn server_messages_carry_type_time_and_deadline() {
        let ack = serde_json::to_value(ServerMessage::Ack {
            seq: 1,
            server_time: 5,
            deadline: 9,
        })
        .unwrap();
        assert_eq!(
            ack,
            serde_json::json!({"type": "ack", "seq": 1, "server_time": 5, "deadline": 9})
        );
    }
}
