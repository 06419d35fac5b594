//! What the server says on a socket: the first message (`state` or `ended`), then acks,
//! errors, `ended` and closes, turned into the candidate's next step.

use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::{self, Message};

use super::wire::{Ws, error_kind};
use super::{End, Exam, Flow, SocketCtx};
use crate::protocol::{Close, Question, ServerMsg};
use crate::stats::Stats;

impl Exam {
    /// Handles one read from the socket; `Some` ends this connection.
    pub(super) fn on_message(
        &mut self,
        ctx: &SocketCtx,
        msg: Option<Result<Message, tungstenite::Error>>,
    ) -> Option<Flow> {
        let stats = &ctx.stats;
        let text = match msg {
            Some(Ok(Message::Text(text))) => text,
            Some(Ok(Message::Close(frame))) => {
                return Some(self.on_close(ctx, CloseSeen::Frame(frame.map(|f| f.code.into()))));
            }
            Some(Ok(_)) => return None, // ping/pong/binary: nothing to do
            Some(Err(e)) => return Some(self.on_close(ctx, CloseSeen::Error(e))),
            None => return Some(self.on_close(ctx, CloseSeen::Eof)),
        };
        match serde_json::from_str::<ServerMsg>(&text) {
            Ok(ServerMsg::Ack { seq }) => match self.outbox.remove(&seq) {
                Some((index, at)) => {
                    self.log[index].acked = true;
                    stats.acked(at.elapsed());
                }
                None if self.submit.is_some_and(|(s, _)| s == seq) => {}
                None => stats.error("ws_unknown_ack"),
            },
            Ok(ServerMsg::Error { seq, code }) => {
                stats.error(format!("ws_error_{code}"));
                if let Some(seq) = seq {
                    self.outbox.remove(&seq);
                    if self.submit.is_some_and(|(s, _)| s == seq) {
                        return Some(Flow::Done(End::Failed(format!("submit refused: {code}"))));
                    }
                }
            }
            Ok(ServerMsg::Ended { reason }) => return Some(Flow::Done(ended(reason))),
            Ok(ServerMsg::State { .. }) => stats.error("ws_unexpected_state"),
            Ok(ServerMsg::Other) => {}
            Err(_) => stats.error("ws_bad_frame"),
        }
        None
    }

    /// The socket closed (or failed) without `ended`: reconnect, or give up for good.
    pub(super) fn on_close(&mut self, ctx: &SocketCtx, seen: CloseSeen) -> Flow {
        let code = match seen {
            CloseSeen::Frame(code) => code.unwrap_or(1005),
            CloseSeen::Eof => 1006,
            CloseSeen::BadState => {
                ctx.stats.error("ws_bad_state");
                return Flow::Done(End::Failed("malformed state".into()));
            }
            CloseSeen::Error(e) => {
                ctx.stats.error(format!("ws_read_{}", error_kind(&e)));
                return Flow::Reconnect { deliberate: false };
            }
        };
        match Close::of(code) {
            Close::Ended => Flow::Done(End::Ended(format!("close_{code}"))),
            Close::TakenOver | Close::Refused => {
                ctx.stats.error(format!("ws_close_{code}"));
                Flow::Done(End::Failed(format!("close {code}")))
            }
            Close::Reconnect => {
                ctx.stats.error(format!("ws_close_{code}"));
                Flow::Reconnect { deliberate: false }
            }
        }
    }
}

/// How a socket stopped giving messages.
pub(super) enum CloseSeen {
    Frame(Option<u16>),
    Eof,
    Error(tungstenite::Error),
    /// The first message could not be read as `state`: reconnecting cannot help.
    BadState,
}

pub(super) enum FirstMsg {
    State {
        paper: Vec<Question>,
        last_seq: Option<u64>,
    },
    Ended(String),
}

/// Reads until `state` or `ended`, skipping `time` and the like (an `error` is counted).
pub(super) async fn first_message(ws: &mut Ws, stats: &Stats) -> Result<FirstMsg, CloseSeen> {
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => match serde_json::from_str::<ServerMsg>(&text) {
                Ok(ServerMsg::State { paper, last_seq }) => {
                    return Ok(FirstMsg::State { paper, last_seq });
                }
                Ok(ServerMsg::Ended { reason }) => return Ok(FirstMsg::Ended(reason)),
                Ok(ServerMsg::Error { code, .. }) => stats.error(format!("ws_error_{code}")),
                Ok(_) => {}
                Err(_) => return Err(CloseSeen::BadState),
            },
            Some(Ok(Message::Close(frame))) => {
                return Err(CloseSeen::Frame(frame.map(|f| f.code.into())));
            }
            Some(Ok(_)) => {}
            Some(Err(e)) => return Err(CloseSeen::Error(e)),
            None => return Err(CloseSeen::Eof),
        }
    }
}

pub(super) fn ended(reason: String) -> End {
    if reason == "submitted" {
        End::Submitted
    } else {
        End::Ended(reason)
    }
}
