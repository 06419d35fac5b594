//! One candidate's exam socket: one task, a loop that `select!`s over the socket, this
//! session's commands, the deadline and the time tick, and writes its frames itself (no
//! writer task and no outbox: a task and a queued channel block per socket are memory that
//! ten thousand idle candidates pay, and a hop per acknowledgement is CPU that every save
//! pays).
//! Decisions are `domain::exam::ExamSession`'s; this file persists, acknowledges and sends.
//!
//! The loop ([`drive`]) is generic over a `Stream` of [`Incoming`] frames and a `Sink` of
//! [`Outgoing`] ones, so unit tests drive it with channels; [`run`] adapts an axum WebSocket.
//! After it sends a close frame the loop keeps reading (and ignores what it reads) until the
//! peer answers the close or [`CLOSE_LINGER`] passes: a socket dropped with unread data is
//! reset, and the reset would swallow the close frame that tells the page not to reconnect.
//!
//! Bounds (docs/limits.md): a message over 4 KiB is refused with `too_large`; one over the
//! transport's 64 KiB closes with 1009; a connection over its message rate (`rate`) gets
//! `rate_limited` and close 1008; the node's [`Gate`] bounds the sockets and, when shut,
//! closes every one with 1001.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{Sink, SinkExt, Stream, StreamExt};

use super::protocol::close;
use super::protocol::{ClientMessage, Localized3, MAX_CLIENT_MESSAGE, ResultView, ServerMessage};
use super::{Command, ConnId};
use crate::app::Application;
use crate::domain::audit::{Actor, Task};
use crate::domain::exam::{EndReason, ExamSession, Refusal, Request, Status, Step};
use crate::store;
use crate::store::answers::{Save, Saved, Value};

mod gate;
mod rate;
#[cfg(test)]
mod tests;

pub use gate::{Admission, Gate, MAX_SOCKETS};
pub use rate::{BURST, PER_SECOND};

/// How often the server sends its time unprompted.
const TICK: Duration = Duration::from_secs(15);

/// How long a closed socket waits for the peer to answer its close frame.
pub const CLOSE_LINGER: Duration = Duration::from_secs(5);

/// How long a socket whose stream became unreadable stays open after its close frame.
const UNREADABLE_GRACE: Duration = Duration::from_secs(1);

/// A frame from the candidate, as the loop sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    Text(String),
    Binary,
    /// A message over [`super::protocol::MAX_TRANSPORT_MESSAGE`]: the transport could not
    /// read it, and the connection cannot go on.
    Unreadable,
    /// The peer closed (or the connection broke).
    Closed,
}

/// A frame to the candidate.
#[derive(Debug, Clone, PartialEq)]
pub enum Outgoing {
    Message(ServerMessage),
    Close(u16, &'static str),
}

/// Runs the socket of `session_id` until the exam ends, the candidate leaves, or another
/// connection takes over, or the node shuts down; `admission` is its place under the bound.
pub async fn run(
    socket: WebSocket,
    exams: Arc<Application>,
    session_id: String,
    admission: Admission,
) {
    let (sink, stream) = socket.split();
    let incoming = stream.filter_map(|frame| async move {
        match frame {
            Ok(Message::Text(text)) => Some(Incoming::Text(text.as_str().to_owned())),
            Ok(Message::Binary(_)) => Some(Incoming::Binary),
            Ok(Message::Ping(_) | Message::Pong(_)) => None,
            Ok(Message::Close(_)) => Some(Incoming::Closed),
            Err(e) if is_too_large(&e) => Some(Incoming::Unreadable),
            Err(_) => Some(Incoming::Closed),
        }
    });
    let outgoing = sink.with(|out: Outgoing| async move {
        Ok::<_, axum::Error>(match out {
            Outgoing::Message(m) => Message::Text(
                serde_json::to_string(&m)
                    .expect("messages serialise")
                    .into(),
            ),
            Outgoing::Close(code, reason) => Message::Close(Some(CloseFrame {
                code,
                reason: reason.into(),
            })),
        })
    });
    drive(
        Box::pin(incoming),
        Box::pin(outgoing),
        exams,
        session_id,
        admission,
    )
    .await;
}

/// Whether a read error is the transport's size limit (tungstenite's capacity error).
fn is_too_large(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if let Some(tungstenite::Error::Capacity(_)) = err.downcast_ref::<tungstenite::Error>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// The socket loop over any frame stream and sink: the loop, and the closing handshake.
pub async fn drive<I, O>(
    mut incoming: I,
    outgoing: O,
    exams: Arc<Application>,
    session_id: String,
    admission: Admission,
) where
    I: Stream<Item = Incoming> + Unpin + Send,
    O: Sink<Outgoing> + Unpin + Send,
{
    let mut socket = Socket {
        exams: &exams,
        session_id: &session_id,
        out: Out {
            sink: outgoing,
            open: true,
        },
        conn: None,
        session: None,
        rate: rate::Bucket::new(tokio::time::Instant::now()),
        signals: crate::app::proctor::PageLimit::new(tokio::time::Instant::now()),
    };
    let ended = match socket.serve(&mut incoming, &admission).await {
        Ok(ended) => ended,
        Err(e) => {
            tracing::error!(error = %e, session = %session_id, "exam socket failed");
            socket.close(1011, "server error").await;
            End::Closed
        }
    };
    if let Some(conn) = socket.conn.take() {
        exams.detach(&session_id, &conn).await;
    }
    let mut out = socket.out;
    if ended == End::Closed {
        // The closing handshake: read until the peer answers the close, then let go.
        let _ = tokio::time::timeout(CLOSE_LINGER, async {
            loop {
                match incoming.next().await {
                    Some(Incoming::Closed) => break,
                    Some(_) => {}
                    None => {
                        // Unreadable (a message over the transport's limit): its rest is still
                        // unread, and dropping the socket now resets it before the page reads
                        // the close frame. A moment for the page to read it first.
                        tokio::time::sleep(UNREADABLE_GRACE).await;
                        break;
                    }
                }
            }
        })
        .await;
    }
    let _ = out.sink.close().await;
    drop(admission);
}

/// The socket's sending half: closed for good after a close frame or a failed write.
struct Out<O> {
    sink: O,
    open: bool,
}

impl<O: Sink<Outgoing> + Unpin> Out<O> {
    /// Writes one frame; after a close frame, or once the peer is gone, writes nothing (the
    /// reader notices the peer leaving next).
    async fn send(&mut self, frame: Outgoing) {
        if !self.open {
            return;
        }
        let last = matches!(frame, Outgoing::Close(..));
        if self.sink.send(frame).await.is_err() || last {
            self.open = false;
        }
    }
}

/// How the reader loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The server sent a close frame.
    Closed,
    /// The peer left first.
    PeerLeft,
}

/// What the loop does after one event.
enum Flow {
    Go,
    Stop(End),
}

/// One socket's state while it runs.
struct Socket<'a, O> {
    exams: &'a Arc<Application>,
    session_id: &'a str,
    out: Out<O>,
    conn: Option<ConnId>,
    /// The session in progress, once attached.
    session: Option<ExamSession>,
    /// This connection's message rate.
    rate: rate::Bucket,
    /// This connection's proctoring signal rate.
    signals: crate::app::proctor::PageLimit,
}

impl<O: Sink<Outgoing> + Unpin> Socket<'_, O> {
    fn now_ms(&self) -> i64 {
        self.exams.clock().now_ms()
    }

    fn deadline_ms(&self) -> i64 {
        self.session.as_ref().map_or(0, |s| s.deadline_ms)
    }

    async fn serve<I>(&mut self, incoming: &mut I, admission: &Admission) -> crate::app::Result<End>
    where
        I: Stream<Item = Incoming> + Unpin,
    {
        let exams = self.exams;
        let row = exams.session(self.session_id).await?;
        if row.status != Status::InProgress {
            return self.finish_ended(None).await;
        }
        let (paper, _bank, key) = exams.paper(&row).await?;
        let (conn, mut commands) = exams.attach(self.session_id).await?;
        self.conn = Some(conn.clone());
        self.session = Some(ExamSession {
            status: row.status,
            deadline_ms: row.deadline.unwrap_or(0),
            key,
        });
        let stored = exams.answers(self.session_id).await?;
        let state = ServerMessage::State {
            session_id: self.session_id.to_owned(),
            status: row.status.as_str().to_owned(),
            lang: paper.lang.as_str().to_owned(),
            questions: paper.items.len(),
            paper_url: "/api/v1/exam/paper",
            answers: stored
                .iter()
                .filter(|a| !a.choice.is_empty())
                .map(|a| (a.q, a.choice.clone()))
                .collect(),
            flags: stored.iter().filter(|a| a.flagged).map(|a| a.q).collect(),
            last_seq: exams.last_seq(self.session_id).await?,
            server_time: self.now_ms(),
            deadline: self.deadline_ms(),
        };
        drop(paper);
        self.send(state).await;
        let mut tick = tokio::time::interval(TICK);
        tick.tick().await;
        let shutdown = admission.shutdown();
        tokio::pin!(shutdown);
        loop {
            let deadline = jiff::Timestamp::from_millisecond(self.deadline_ms())
                .unwrap_or(jiff::Timestamp::MAX);
            let flow = tokio::select! {
                biased;
                _ = &mut shutdown => {
                    // A deploy: the page reconnects (to another node) and replays its outbox.
                    self.close(close::GOING_AWAY, "the server is restarting").await;
                    Flow::Stop(End::Closed)
                }
                frame = incoming.next() => self.on_frame(frame.unwrap_or(Incoming::Closed)).await?,
                command = commands.recv() => match command {
                    Some(command) => self.on_command(command, conn.conn).await?,
                    None => Flow::Stop(End::PeerLeft),
                },
                // p.18: at the deadline the server submits.
                _ = exams.clock().sleep_until(deadline) => self.time_up(None).await?,
                _ = tick.tick() => {
                    self.send(ServerMessage::Time { server_time: self.now_ms(), deadline: self.deadline_ms() }).await;
                    Flow::Go
                }
            };
            if let Flow::Stop(end) = flow {
                return Ok(end);
            }
        }
    }

    async fn on_frame(&mut self, frame: Incoming) -> crate::app::Result<Flow> {
        let counted = matches!(frame, Incoming::Text(_) | Incoming::Binary);
        if counted && !self.rate.take(tokio::time::Instant::now()) {
            // No seq: the message is not refused for what it says, and the page keeps it in
            // its outbox to replay after reconnecting.
            self.refuse(
                None,
                "rate_limited",
                &format!(
                    "more than {BURST} messages at once or {PER_SECOND} a second on end; \
                     reconnect and send again"
                ),
            )
            .await;
            self.close(close::POLICY, "too many messages").await;
            return Ok(Flow::Stop(End::Closed));
        }
        let text = match frame {
            Incoming::Closed => return Ok(Flow::Stop(End::PeerLeft)),
            Incoming::Unreadable => {
                self.refuse(None, "too_large", &too_large()).await;
                self.close(close::MESSAGE_TOO_BIG, "message too large")
                    .await;
                return Ok(Flow::Stop(End::Closed));
            }
            Incoming::Binary => {
                self.refuse(None, "malformed", "send JSON text frames")
                    .await;
                return Ok(Flow::Go);
            }
            Incoming::Text(text) => text,
        };
        if text.len() > MAX_CLIENT_MESSAGE {
            self.refuse(None, "too_large", &too_large()).await;
            return Ok(Flow::Go);
        }
        match serde_json::from_str::<ClientMessage>(&text) {
            Ok(message) => self.on_message(message).await,
            Err(e) => {
                self.refuse(None, "malformed", &format!("not a protocol message: {e}"))
                    .await;
                Ok(Flow::Go)
            }
        }
    }

    async fn on_message(&mut self, message: ClientMessage) -> crate::app::Result<Flow> {
        match message {
            ClientMessage::Heartbeat {} => {
                self.send(ServerMessage::Time {
                    server_time: self.now_ms(),
                    deadline: self.deadline_ms(),
                })
                .await;
                Ok(Flow::Go)
            }
            ClientMessage::Answer { q, choice, seq } => {
                self.on_request(seq, Request::Answer { q, choice }).await
            }
            ClientMessage::Flag { q, flagged, seq } => {
                self.on_request(seq, Request::Flag { q, flagged }).await
            }
            ClientMessage::Submit { seq } => self.on_request(seq, Request::Submit).await,
            ClientMessage::Signal {
                id,
                kind,
                duration_ms,
            } => {
                let (exams, session_id) = (self.exams, self.session_id);
                let refused = crate::app::proctor::on_page_signal(
                    exams,
                    session_id,
                    &mut self.signals,
                    (&id, &kind, duration_ms as f64 / 1000.0),
                )
                .await?;
                if let Some((code, message)) = refused {
                    self.refuse(None, code, &message).await;
                }
                Ok(Flow::Go)
            }
        }
    }

    /// An answer, a flag or a submission: decided by the session, then saved or ended.
    async fn on_request(&mut self, seq: i64, request: Request) -> crate::app::Result<Flow> {
        let now = self.now_ms();
        let session = self.session.as_ref().expect("attached before reading");
        let step = match session.on_message(request, now) {
            Ok(step) => step,
            Err(Refusal::TimeUp) => return self.time_up(Some(seq)).await,
            Err(refusal) => {
                self.refuse(Some(seq), refusal.code(), &refusal.to_string())
                    .await;
                return Ok(Flow::Go);
            }
        };
        let (q, value) = match step {
            Step::SaveAnswer { q, choice } => (q, Value::Answer { choice }),
            Step::SaveFlag { q, flagged } => (q, Value::Flag { flagged }),
            Step::End(reason) => {
                self.exams
                    .end(
                        self.session_id,
                        reason,
                        &Actor::candidate(self.session_id),
                        true,
                    )
                    .await?;
                return self
                    .finish_ended(Some(self.deadline_ms()))
                    .await
                    .map(Flow::Stop);
            }
        };
        self.save(Save {
            session_id: self.session_id.to_owned(),
            seq,
            q,
            value,
            at_ms: now,
        })
        .await
    }

    /// Saves durably, then acknowledges (or refuses, when the session ended meanwhile).
    async fn save(&mut self, save: Save) -> crate::app::Result<Flow> {
        let seq = save.seq;
        match self.exams.save(save).await? {
            Saved::Durable => {
                self.send(ServerMessage::Ack {
                    seq,
                    server_time: self.now_ms(),
                    deadline: self.deadline_ms(),
                })
                .await;
                Ok(Flow::Go)
            }
            Saved::TimeUp => self.time_up(Some(seq)).await,
            Saved::NotInProgress(status) => {
                self.refuse(
                    Some(seq),
                    "not_in_progress",
                    &Refusal::NotInProgress { status }.to_string(),
                )
                .await;
                self.finish_ended(Some(self.deadline_ms()))
                    .await
                    .map(Flow::Stop)
            }
        }
    }

    async fn on_command(&mut self, command: Command, conn: u64) -> crate::app::Result<Flow> {
        match command {
            Command::TakeOver { conn: taken, .. } if taken == conn => {
                let ended = self.ended_message("taken_over", None, self.deadline_ms());
                self.send(ended).await;
                self.close(close::TAKEN_OVER, "taken over by another connection")
                    .await;
                Ok(Flow::Stop(End::Closed))
            }
            Command::TakeOver { .. } => Ok(Flow::Go),
            Command::Extend { .. } => {
                let row = self.exams.session(self.session_id).await?;
                let session = self.session.as_mut().expect("attached before commands");
                if let Some(deadline) = row.deadline.filter(|d| *d != session.deadline_ms) {
                    session.deadline_ms = deadline;
                    self.send(ServerMessage::Notice {
                        code: "extended".into(),
                        message: Localized3 {
                            kk: format!("Уақыт ұзартылды: {} мин.", row.extension_min),
                            ru: format!("Время продлено: {} мин.", row.extension_min),
                            en: format!("Time extended: {} min in all.", row.extension_min),
                        },
                        server_time: self.now_ms(),
                        deadline,
                    })
                    .await;
                }
                Ok(Flow::Go)
            }
            Command::Void { .. } => {
                if let Some(notice) =
                    crate::app::proctor::void_notice(self.exams, self.session_id).await?
                {
                    self.send(ServerMessage::Notice {
                        code: "voided".into(),
                        message: notice,
                        server_time: self.now_ms(),
                        deadline: self.deadline_ms(),
                    })
                    .await;
                }
                self.finish_ended(Some(self.deadline_ms()))
                    .await
                    .map(Flow::Stop)
            }
            Command::ForceSubmit { .. } => self
                .finish_ended(Some(self.deadline_ms()))
                .await
                .map(Flow::Stop),
        }
    }

    /// The one time-up ending (p.18): a message `seq` that came too late is refused, the
    /// server submits, and the page hears `ended` and close 4001.
    async fn time_up(&mut self, refused: Option<i64>) -> crate::app::Result<Flow> {
        if let Some(seq) = refused {
            self.refuse(Some(seq), "time_up", &Refusal::TimeUp.to_string())
                .await;
        }
        self.exams
            .end(
                self.session_id,
                EndReason::TimeUp,
                &Actor::System(Task::Deadline),
                true,
            )
            .await?;
        self.finish_ended(Some(self.deadline_ms()))
            .await
            .map(Flow::Stop)
    }

    async fn send(&mut self, message: ServerMessage) {
        self.out.send(Outgoing::Message(message)).await;
    }

    async fn close(&mut self, code: u16, reason: &'static str) {
        self.out.send(Outgoing::Close(code, reason)).await;
    }

    async fn refuse(&mut self, seq: Option<i64>, code: &str, message: &str) {
        self.send(ServerMessage::Error {
            seq,
            code: code.to_owned(),
            message: message.to_owned(),
            server_time: self.now_ms(),
            deadline: self.deadline_ms(),
        })
        .await;
    }

    fn ended_message(
        &self,
        reason: &str,
        result: Option<ResultView>,
        deadline: i64,
    ) -> ServerMessage {
        ServerMessage::Ended {
            reason: reason.to_owned(),
            result,
            server_time: self.now_ms(),
            deadline,
        }
    }

    /// Sends `ended` for a session that is over (re-read from the database) and closes the
    /// socket with the code that tells the page not to reconnect.
    async fn finish_ended(&mut self, deadline: Option<i64>) -> crate::app::Result<End> {
        let row = self.exams.session(self.session_id).await?;
        let deadline = row.deadline.or(deadline).unwrap_or(0);
        let (code, text) = match (row.status, row.end_reason) {
            (Status::Voided, _) => (close::VOIDED, "voided"),
            (_, Some(EndReason::TimeUp)) => (close::TIME_UP, "time_up"),
            (_, Some(EndReason::Forced)) => (close::ENDED, "forced"),
            (_, Some(EndReason::Submitted)) => (close::ENDED, "submitted"),
            (Status::Scheduled | Status::Rules, _) => {
                self.close(close::NOT_STARTED, "the exam has not started")
                    .await;
                return Ok(End::Closed);
            }
            _ => (close::ENDED, "submitted"),
        };
        let ended = self.ended_message(text, result_view(&row), deadline);
        self.send(ended).await;
        self.close(code, text_reason(code)).await;
        Ok(End::Closed)
    }
}

fn too_large() -> String {
    format!("a message may be at most {MAX_CLIENT_MESSAGE} bytes; nothing was saved")
}

/// The result of a scored session, for the page (p.20).
pub fn result_view(row: &store::exam::SessionRow) -> Option<ResultView> {
    if row.status != Status::Scored {
        return None;
    }
    let result = row.result.as_ref()?;
    Some(ResultView {
        percent: result.score.percent(),
        correct: i64::from(result.score.correct),
        total: i64::from(result.score.total),
        decision: result.decision.clone(),
    })
}

fn text_reason(code: u16) -> &'static str {
    match code {
        close::TIME_UP => "time is up",
        close::VOIDED => "the exam was voided",
        _ => "the exam has ended",
    }
}
