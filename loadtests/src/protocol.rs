//! The socket's JSON messages (`docs/protocol.md`, WebSocket `/ws/exam`): only the fields the
//! tool reads; everything else the server sends is ignored.

use serde::{Deserialize, Serialize};

/// A server message, by its `type`.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// On connect: the paper and the last seq the server has seen.
    State {
        /// Older servers sent the paper here; now it comes from `GET /api/v1/exam/paper`.
        #[serde(default)]
        paper: Vec<Question>,
        #[serde(default)]
        last_seq: Option<u64>,
    },
    /// The message `seq` is durable.
    Ack { seq: u64 },
    /// The message `seq` (if any) was refused; nothing was saved.
    Error {
        #[serde(default)]
        seq: Option<u64>,
        code: String,
    },
    /// The exam ended (a close frame follows).
    Ended { reason: String },
    /// `time`, `notice` and any later addition: nothing to do.
    #[serde(other)]
    Other,
}

/// One question of the paper: its number, whether several options may be chosen, and the
/// option ids (the texts are not kept: thousands of candidates hold a paper each).
#[derive(Debug, Clone, Deserialize)]
pub struct Question {
    /// `n` in `docs/protocol.md`; the server's paper also names it `number`.
    #[serde(alias = "number")]
    pub n: u32,
    pub kind: String,
    pub options: Vec<OptionId>,
}

impl Question {
    pub fn is_multiple(&self) -> bool {
        self.kind == "multiple"
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct OptionId {
    pub id: String,
}

/// A client message.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    Answer {
        q: u32,
        choice: Vec<String>,
        seq: u64,
    },
    Submit {
        seq: u64,
    },
}

/// What a close code tells the client (`docs/protocol.md`, "Close codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    /// 4000-4002: the exam ended (submitted, time up, voided).
    Ended,
    /// 4003: another connection of the same session took over.
    TakenOver,
    /// 4004-4999: refused for good (not authenticated, not started, ...).
    Refused,
    /// Anything else: reconnect with backoff and replay the outbox.
    Reconnect,
}

impl Close {
    pub fn of(code: u16) -> Close {
        match code {
            4000..=4002 => Close::Ended,
            4003 => Close::TakenOver,
            4004..=4999 => Close::Refused,
            _ => Close::Reconnect,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_keeps_the_paper_and_last_seq() {
        let text = r#"{"type":"state","session_id":"s","status":"in_progress","lang":"kk",
            "paper":[{"n":1,"section":"legal","kind":"multiple","text":"?",
            "options":[{"id":"a","text":"x"},{"id":"b","text":"y"}]}],
            "answers":{},"flags":[],"last_seq":7,"server_time":1,"deadline":2}"#;
        let ServerMsg::State { paper, last_seq } = serde_json::from_str(text).unwrap() else {
            panic!("not a state");
        };
        assert_eq!(last_seq, Some(7));
        assert!(paper[0].is_multiple());
        assert_eq!(paper[0].options[1].id, "b");
    }

    #[test]
    fn question_number_may_be_named_number() {
        let q: Question =
            serde_json::from_str(r#"{"number":4,"kind":"single","options":[{"id":"a"}]}"#).unwrap();
        assert_eq!(q.n, 4);
        assert!(serde_json::from_str::<Question>(r#"{"kind":"single","options":[]}"#).is_err());
    }

    #[test]
    fn time_and_notice_are_ignored_but_garbage_is_an_error() {
        let time: ServerMsg =
            serde_json::from_str(r#"{"type":"time","server_time":1,"deadline":2}"#).unwrap();
        assert!(matches!(time, ServerMsg::Other));
        assert!(serde_json::from_str::<ServerMsg>(r#"{"seq":1}"#).is_err());
    }

    #[test]
    fn answer_is_written_as_the_protocol_says() {
        let msg = ClientMsg::Answer {
            q: 3,
            choice: vec!["b".into()],
            seq: 9,
        };
        assert_eq!(
            serde_json::to_string(&msg).unwrap(),
            r#"{"type":"answer","q":3,"choice":["b"],"seq":9}"#
        );
    }

    #[test]
    fn close_codes_split_into_end_takeover_refusal_and_reconnect() {
        assert_eq!(Close::of(4001), Close::Ended);
        assert_eq!(Close::of(4003), Close::TakenOver);
        assert_eq!(Close::of(4005), Close::Refused);
        assert_eq!(Close::of(1006), Close::Reconnect);
        assert_eq!(Close::of(1000), Close::Reconnect);
    }
}
