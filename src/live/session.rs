//! One candidate's exam socket: a writer task fed by one bounded channel, and a reader loop
//! that `select!`s over the socket, this session's commands, the deadline and the time tick.
//! Decisions are `domain::exam::ExamSession`'s; this file persists, acknowledges and sends.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::mpsc;

use super::Command;
use super::protocol::{ClientMessage, Localized3, ResultView, ServerMessage, close};
use crate::app::Application;
use crate::domain::exam::{EndReason, ExamSession, Refusal, Request, Status, Step};
use crate::store;
use crate::store::answers::{Save, Saved, Value};

/// How often the server sends its time unprompted.
const TICK: Duration = Duration::from_secs(15);

/// Frames queued for one socket before the reader waits for the writer.
const OUTBOX: usize = 64;

enum Out {
    Message(ServerMessage),
    Close(u16, &'static str),
}

/// Runs the socket of `session_id` until the exam ends, the candidate leaves, or another
/// connection takes over.
pub async fn run(socket: WebSocket, exams: Arc<Application>, session_id: String) {
    let (mut sink, mut stream) = socket.split();
    let (out_tx, mut out_rx) = mpsc::channel::<Out>(OUTBOX);
    let writer = tokio::spawn(async move {
        while let Some(out) = out_rx.recv().await {
            let frame = match out {
                Out::Message(m) => Message::Text(
                    serde_json::to_string(&m)
                        .expect("messages serialise")
                        .into(),
                ),
                Out::Close(code, reason) => {
                    let _ = sink
                        .send(Message::Close(Some(CloseFrame {
                            code,
                            reason: reason.into(),
                        })))
                        .await;
                    break;
                }
            };
            if sink.send(frame).await.is_err() {
                break;
            }
        }
        let _ = sink.close().await;
    });
    let mut conn = None;
    if let Err(e) = serve(&exams, &session_id, &mut stream, &out_tx, &mut conn).await {
        tracing::error!(error = %e, session = %session_id, "exam socket failed");
        let _ = out_tx.send(Out::Close(1011, "server error")).await;
    }
    if let Some(conn) = conn {
        exams.detach(&session_id, &conn).await;
    }
    drop(out_tx);
    let _ = writer.await;
}

fn now_ms(exams: &Application) -> i64 {
    exams.clock().now_ms()
}

async fn serve(
    exams: &Arc<Application>,
    session_id: &str,
    stream: &mut futures_util::stream::SplitStream<WebSocket>,
    out: &mpsc::Sender<Out>,
    conn_slot: &mut Option<super::ConnId>,
) -> crate::app::Result<()> {
    let row = exams.session(session_id).await?;
    if row.status != Status::InProgress {
        return finish_ended(exams, session_id, out, None).await;
    }
    let (paper, _bank, key) = exams.paper(&row).await?;
    let (conn, mut commands) = exams.attach(session_id).await?;
    *conn_slot = Some(conn.clone());
    let mut session = ExamSession {
        status: row.status,
        deadline_ms: row.deadline.unwrap_or(0),
        key,
    };
    let stored = exams.answers(session_id).await?;
    let state = ServerMessage::State {
        session_id: session_id.to_owned(),
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
        last_seq: exams.last_seq(session_id).await?,
        server_time: now_ms(exams),
        deadline: session.deadline_ms,
    };
    drop(paper);
    send(out, state).await;
    let mut tick = tokio::time::interval(TICK);
    tick.tick().await;
    loop {
        let deadline =
            jiff::Timestamp::from_millisecond(session.deadline_ms).unwrap_or(jiff::Timestamp::MAX);
        tokio::select! {
            frame = stream.next() => {
                let text = match frame {
                    None | Some(Err(_)) | Some(Ok(Message::Close(_))) => return Ok(()),
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        refuse(exams, out, &session, None, "malformed", "send JSON text frames").await;
                        continue;
                    }
                    Some(Ok(_)) => continue,
                };
                let message = match serde_json::from_str::<ClientMessage>(&text) {
                    Ok(m) => m,
                    Err(e) => {
                        refuse(exams, out, &session, None, "malformed", &format!("not a protocol message: {e}")).await;
                        continue;
                    }
                };
                if handle(exams, session_id, &mut session, message, out).await? {
                    return Ok(());
                }
            }
            command = commands.recv() => {
                let Some(command) = command else { return Ok(()) };
                match command {
                    Command::TakeOver { conn: taken, .. } if taken == conn.conn => {
                        send(out, ended_message(exams, "taken_over", None, session.deadline_ms)).await;
                        let _ = out.send(Out::Close(close::TAKEN_OVER, "taken over by another connection")).await;
                        return Ok(());
                    }
                    Command::TakeOver { .. } => {}
                    Command::Extend { .. } => {
                        let row = exams.session(session_id).await?;
                        if let Some(deadline) = row.deadline.filter(|d| *d != session.deadline_ms) {
                            session.deadline_ms = deadline;
                            send(out, ServerMessage::Notice {
                                code: "extended".into(),
                                message: Localized3 {
                                    kk: format!("Уақыт ұзартылды: {} мин.", row.extension_min),
                                    ru: format!("Время продлено: {} мин.", row.extension_min),
                                    en: format!("Time extended: {} min in all.", row.extension_min),
                                },
                                server_time: now_ms(exams),
                                deadline,
                            }).await;
                        }
                    }
                    Command::Void { .. } | Command::ForceSubmit { .. } => {
                        return finish_ended(exams, session_id, out, Some(session.deadline_ms)).await;
                    }
                }
            }
            _ = exams.clock().sleep_until(deadline) => {
                // p.18: at the deadline the server submits.
                exams.end(session_id, EndReason::TimeUp, "system:deadline", true).await?;
                return finish_ended(exams, session_id, out, Some(session.deadline_ms)).await;
            }
            _ = tick.tick() => {
                send(out, ServerMessage::Time { server_time: now_ms(exams), deadline: session.deadline_ms }).await;
            }
        }
    }
}

/// Handles one candidate message; true when the exam ended.
async fn handle(
    exams: &Arc<Application>,
    session_id: &str,
    session: &mut ExamSession,
    message: ClientMessage,
    out: &mpsc::Sender<Out>,
) -> crate::app::Result<bool> {
    let now = now_ms(exams);
    let (seq, request) = match message {
        ClientMessage::Heartbeat {} => {
            send(
                out,
                ServerMessage::Time {
                    server_time: now,
                    deadline: session.deadline_ms,
                },
            )
            .await;
            return Ok(false);
        }
        ClientMessage::Answer { q, choice, seq } => (seq, Request::Answer { q, choice }),
        ClientMessage::Flag { q, flagged, seq } => (seq, Request::Flag { q, flagged }),
        ClientMessage::Submit { seq } => (seq, Request::Submit),
    };
    let step = match session.on_message(request, now) {
        Ok(step) => step,
        Err(refusal) => {
            refuse(
                exams,
                out,
                session,
                Some(seq),
                refusal.code(),
                &refusal.to_string(),
            )
            .await;
            if refusal == Refusal::TimeUp {
                exams
                    .end(session_id, EndReason::TimeUp, "system:deadline", true)
                    .await?;
                finish_ended(exams, session_id, out, Some(session.deadline_ms)).await?;
                return Ok(true);
            }
            return Ok(false);
        }
    };
    let (q, value) = match step {
        Step::SaveAnswer { q, choice } => (q, Value::Answer { choice }),
        Step::SaveFlag { q, flagged } => (q, Value::Flag { flagged }),
        Step::End(reason) => {
            exams.end(session_id, reason, "candidate", true).await?;
            finish_ended(exams, session_id, out, Some(session.deadline_ms)).await?;
            return Ok(true);
        }
    };
    let save = Save {
        session_id: session_id.to_owned(),
        seq,
        q,
        value,
        at_ms: now,
    };
    match exams.save(save).await? {
        Saved::Durable => {
            send(
                out,
                ServerMessage::Ack {
                    seq,
                    server_time: now_ms(exams),
                    deadline: session.deadline_ms,
                },
            )
            .await;
            Ok(false)
        }
        Saved::TimeUp => {
            refuse(
                exams,
                out,
                session,
                Some(seq),
                "time_up",
                &Refusal::TimeUp.to_string(),
            )
            .await;
            exams
                .end(session_id, EndReason::TimeUp, "system:deadline", true)
                .await?;
            finish_ended(exams, session_id, out, Some(session.deadline_ms)).await?;
            Ok(true)
        }
        Saved::NotInProgress(status) => {
            refuse(
                exams,
                out,
                session,
                Some(seq),
                "not_in_progress",
                &Refusal::NotInProgress { status }.to_string(),
            )
            .await;
            finish_ended(exams, session_id, out, Some(session.deadline_ms)).await?;
            Ok(true)
        }
    }
}

async fn send(out: &mpsc::Sender<Out>, message: ServerMessage) {
    // A closed channel means the writer ended (the peer left); the reader notices next.
    let _ = out.send(Out::Message(message)).await;
}

async fn refuse(
    exams: &Application,
    out: &mpsc::Sender<Out>,
    session: &ExamSession,
    seq: Option<i64>,
    code: &str,
    message: &str,
) {
    send(
        out,
        ServerMessage::Error {
            seq,
            code: code.to_owned(),
            message: message.to_owned(),
            server_time: now_ms(exams),
            deadline: session.deadline_ms,
        },
    )
    .await;
}

fn ended_message(
    exams: &Application,
    reason: &str,
    result: Option<ResultView>,
    deadline: i64,
) -> ServerMessage {
    ServerMessage::Ended {
        reason: reason.to_owned(),
        result,
        server_time: now_ms(exams),
        deadline,
    }
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
        decision: serde_json::to_value(&result.decision).unwrap_or(serde_json::Value::Null),
    })
}

/// Sends `ended` for a session that is over (re-read from the database) and closes the socket
/// with the code that tells the page not to reconnect.
async fn finish_ended(
    exams: &Application,
    session_id: &str,
    out: &mpsc::Sender<Out>,
    deadline: Option<i64>,
) -> crate::app::Result<()> {
    let row = exams.session(session_id).await?;
    let deadline = row.deadline.or(deadline).unwrap_or(0);
    let (code, text) = match (row.status, row.end_reason) {
        (Status::Voided, _) => (close::VOIDED, "voided"),
        (_, Some(EndReason::TimeUp)) => (close::TIME_UP, "time_up"),
        (_, Some(EndReason::Forced)) => (close::ENDED, "forced"),
        (_, Some(EndReason::Submitted)) => (close::ENDED, "submitted"),
        (Status::Scheduled | Status::Rules, _) => {
            let _ = out
                .send(Out::Close(close::NOT_STARTED, "the exam has not started"))
                .await;
            return Ok(());
        }
        _ => (close::ENDED, "submitted"),
    };
    send(out, ended_message(exams, text, result_view(&row), deadline)).await;
    let _ = out.send(Out::Close(code, text_reason(code))).await;
    Ok(())
}

fn text_reason(code: u16) -> &'static str {
    match code {
        close::TIME_UP => "time is up",
        close::VOIDED => "the exam was voided",
        _ => "the exam has ended",
    }
}
