//! The answering phase of one candidate over `/ws/exam`: connect with the bearer token, read
//! `state`, answer every question after a think time, keep an outbox of unacknowledged
//! answers, drop the socket at random and replay the outbox on the next one, then `submit`
//! and wait for `ended`. It stops at the run's stop instant whatever it is doing.
//!
//! The outbox is the heart of the lost-answer audit: an answer leaves it only on its `ack`
//! (then it must be on the server's disk) or on an `error` naming its seq (then nothing was
//! saved). Everything sent is kept in the log with whether it was acknowledged.
//!
//! Files: `wire` (connecting and writing), `inbound` (what the server says), `timing` (the
//! answer plan, think times, backoff).

mod inbound;
mod timing;
mod wire;

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use tokio::time::{Instant, sleep_until, timeout};
use tokio_tungstenite::tungstenite;

use crate::protocol::{ClientMsg, Question};
use crate::stats::Stats;
use inbound::{FirstMsg, ended, first_message};
use timing::{backoff, plan, think, wait_or_stop};
use wire::{Ws, connect, connect_error, send};

/// An answer (or the submit) unanswered this long means the socket is stuck: reconnect.
const ACK_TIMEOUT: Duration = Duration::from_secs(30);
/// The wait for `state` after connecting.
const STATE_TIMEOUT: Duration = Duration::from_secs(30);
/// Consecutive failed connections before the candidate gives up.
const MAX_FAILED_CONNECTS: u32 = 12;

/// What the socket phase needs from the run.
pub struct SocketCtx {
    pub stats: Arc<Stats>,
    /// `ws://host:port/ws/exam` of each node the sockets may use (at least one).
    pub ws_urls: Vec<String>,
    /// Mean think time before each answer (each wait is drawn ±50%).
    pub think: Duration,
    /// Per answer sent, the chance of dropping the socket.
    pub reconnect_prob: f64,
    /// When the whole run stops.
    pub stop: Instant,
}

/// One answer as sent (once per seq), and whether the server acknowledged it.
#[derive(Debug, Clone)]
pub struct Sent {
    pub seq: u64,
    pub q: u32,
    pub choice: Vec<String>,
    pub acked: bool,
}

/// How the exam ended for this candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// `ended {reason: "submitted"}` after our submit.
    Submitted,
    /// Ended otherwise (`time_up`, `voided`, ...).
    Ended(String),
    /// The run's stop came first.
    Stopped,
    /// Gave up: refused, taken over, or never connected.
    Failed(String),
}

/// What one connection's life came to.
enum Flow {
    Reconnect { deliberate: bool },
    Done(End),
}

/// One candidate's answering state, kept across sockets.
#[derive(Default)]
pub struct Exam {
    /// Answers still to send, in paper order (chosen when the first `state` arrives).
    plan: VecDeque<(u32, Vec<String>)>,
    planned: bool,
    /// Everything sent, by order of seq.
    pub log: Vec<Sent>,
    /// Unacknowledged answers: seq -> (index in `log`, when last sent).
    outbox: BTreeMap<u64, (usize, Instant)>,
    /// The last seq used (never reused, across sockets).
    seq: u64,
    /// The submit's seq and when it was last sent.
    submit: Option<(u64, Instant)>,
    /// When the next answer is due.
    next_answer: Option<Instant>,
    /// The node (index into `SocketCtx::ws_urls`, modulo) the next socket goes to; the next
    /// one after a failure.
    pub node: usize,
    /// Whether the first `state` was counted in the start burst.
    ready: bool,
}

impl Exam {
    /// An exam whose answers are planned from `paper` (fetched over HTTP).
    pub fn with_paper(paper: Vec<Question>) -> Exam {
        let mut exam = Exam::default();
        if !paper.is_empty() {
            exam.plan = plan(paper);
            exam.planned = true;
        }
        exam
    }

    /// Sits the exam until it ends, fails or the run stops.
    pub async fn sit(&mut self, ctx: &SocketCtx, token: &str) -> End {
        let mut failures = 0u32;
        loop {
            if failures > 0 {
                let wait = backoff(failures);
                if wait_or_stop(Instant::now() + wait, ctx.stop).await {
                    return End::Stopped;
                }
            }
            let connected = tokio::select! {
                r = connect(&ctx.ws_urls[self.node % ctx.ws_urls.len()], token) => r,
                _ = sleep_until(ctx.stop) => return End::Stopped,
            };
            let ws = match connected {
                Ok(ws) => ws,
                Err(e) => {
                    let (kind, permanent) = connect_error(&e);
                    ctx.stats.error(kind.clone());
                    failures += 1;
                    self.node += 1;
                    if permanent || failures >= MAX_FAILED_CONNECTS {
                        return End::Failed(kind);
                    }
                    continue;
                }
            };
            let _held = ctx.stats.connected();
            match self.connection(ctx, ws, &mut failures).await {
                Flow::Done(end) => return end,
                Flow::Reconnect { deliberate } => {
                    ctx.stats.reconnect();
                    if !deliberate {
                        failures += 1;
                        self.node += 1;
                    }
                }
            }
        }
    }

    /// One socket's life: `state`, replay, then answers, acks and the submit.
    async fn connection(&mut self, ctx: &SocketCtx, mut ws: Ws, failures: &mut u32) -> Flow {
        let stats = &ctx.stats;
        let first = tokio::select! {
            r = timeout(STATE_TIMEOUT, first_message(&mut ws, stats)) => r,
            _ = sleep_until(ctx.stop) => return Flow::Done(End::Stopped),
        };
        match first {
            Err(_) => {
                stats.error("ws_state_timeout");
                return Flow::Reconnect { deliberate: false };
            }
            Ok(Err(flow)) => return self.on_close(ctx, flow),
            Ok(Ok(FirstMsg::Ended(reason))) => return Flow::Done(ended(reason)),
            Ok(Ok(FirstMsg::State { paper, last_seq })) => {
                *failures = 0;
                if !self.ready {
                    self.ready = true;
                    stats.ready();
                }
                self.seq = self.seq.max(last_seq.unwrap_or(0));
                if !self.planned && !paper.is_empty() {
                    self.plan = plan(paper);
                    self.planned = true;
                }
                if self.next_answer.is_none() {
                    self.next_answer = Some(Instant::now() + think(ctx.think));
                }
            }
        }
        // Replay what the previous socket left unacknowledged, oldest first.
        let pending: Vec<u64> = self.outbox.keys().copied().collect();
        for seq in pending {
            if self.resend(&mut ws, seq).await.is_err() {
                stats.error("ws_write");
                return Flow::Reconnect { deliberate: false };
            }
            stats.sent(true);
        }
        if let Some((seq, _)) = self.submit {
            if send(&mut ws, &ClientMsg::Submit { seq }).await.is_err() {
                stats.error("ws_write");
                return Flow::Reconnect { deliberate: false };
            }
            self.submit = Some((seq, Instant::now()));
        }
        loop {
            if self.plan.is_empty() && self.outbox.is_empty() && self.submit.is_none() {
                self.seq += 1;
                let seq = self.seq;
                if send(&mut ws, &ClientMsg::Submit { seq }).await.is_err() {
                    stats.error("ws_write");
                    self.submit = Some((seq, Instant::now()));
                    return Flow::Reconnect { deliberate: false };
                }
                self.submit = Some((seq, Instant::now()));
            }
            let oldest = self
                .outbox
                .values()
                .map(|&(_, at)| at)
                .chain(self.submit.map(|(_, at)| at))
                .min();
            let answer_due = self.next_answer.filter(|_| !self.plan.is_empty());
            tokio::select! {
                biased;
                _ = sleep_until(ctx.stop) => return Flow::Done(End::Stopped),
                msg = ws.next() => {
                    if let Some(flow) = self.on_message(ctx, msg) {
                        return flow;
                    }
                }
                _ = sleep_until(answer_due.unwrap_or(ctx.stop)), if answer_due.is_some() => {
                    if self.answer(&mut ws).await.is_err() {
                        stats.error("ws_write");
                        return Flow::Reconnect { deliberate: false };
                    }
                    stats.sent(false);
                    self.next_answer = Some(Instant::now() + think(ctx.think));
                    if ctx.reconnect_prob > 0.0 && rand::random_bool(ctx.reconnect_prob) {
                        drop(ws); // dropped, not closed: the server sees the line go dead
                        return Flow::Reconnect { deliberate: true };
                    }
                }
                _ = sleep_until(oldest.unwrap_or(ctx.stop) + ACK_TIMEOUT), if oldest.is_some() => {
                    stats.error("ack_timeout");
                    return Flow::Reconnect { deliberate: false };
                }
            }
        }
    }

    /// Sends the next planned answer with a new seq and puts it in the outbox.
    async fn answer(&mut self, ws: &mut Ws) -> Result<(), tungstenite::Error> {
        let (q, choice) = self.plan.pop_front().expect("called with a plan");
        self.seq += 1;
        let seq = self.seq;
        self.log.push(Sent {
            seq,
            q,
            choice: choice.clone(),
            acked: false,
        });
        self.outbox
            .insert(seq, (self.log.len() - 1, Instant::now()));
        send(ws, &ClientMsg::Answer { q, choice, seq }).await
    }

    async fn resend(&mut self, ws: &mut Ws, seq: u64) -> Result<(), tungstenite::Error> {
        let entry = self.outbox.get_mut(&seq).expect("seq from the outbox");
        entry.1 = Instant::now();
        let sent = &self.log[entry.0];
        let msg = ClientMsg::Answer {
            q: sent.q,
            choice: sent.choice.clone(),
            seq,
        };
        send(ws, &msg).await
    }
}
