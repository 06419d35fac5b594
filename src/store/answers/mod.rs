//! The answer writer: every candidate's answer and flag is written durably — journal row and
//! current answer, committed — before it is acknowledged.
//!
//! Group commit: one writer task per node takes all pending saves (up to [`MAX_BATCH`]) into
//! one transaction with one audit entry and one fsync, then answers each waiting socket. Under
//! load many saves share a commit; alone, a save commits at once.
//!
//! Inside the transaction each session's status and deadline are read (and, on PostgreSQL,
//! share-locked), so a save racing the deadline, a submission or a void is refused rather than
//! acknowledged and ignored.
//!
//! On a SQLite file the batches are written by a connection of the writer's own on a thread
//! of its own (`sqlite`), with cached prepared statements; on PostgreSQL (and an in-memory
//! SQLite database, which a second connection cannot open) through the pool (`write_batch`).

mod sqlite;

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;
use sqlx::AssertSqlSafe;
use tokio::sync::{mpsc, oneshot};

use super::audit::{self, Event};
use super::row::Cells;
use super::{Db, Error, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::exam::Status;

/// Saves per transaction at most (7 parameters each, well below every engine's limit).
pub const MAX_BATCH: usize = 512;

/// Pending saves the writer queues before senders wait (backpressure).
const QUEUE: usize = 16_384;

/// What to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Value {
    Answer { choice: Vec<String> },
    Flag { flagged: bool },
}

impl Value {
    /// The journal's `kind` and `value` columns: `answer` and the choice as a JSON array, or
    /// `flag` and `true`/`false`.
    fn encode(&self) -> Result<(&'static str, String)> {
        Ok(match self {
            Value::Answer { choice } => ("answer", serde_json::to_string(choice)?),
            Value::Flag { flagged } => ("flag", flagged.to_string()),
        })
    }

    /// Reads back what [`Value::encode`] wrote into a journal row.
    pub(crate) fn decode(cells: &Cells<'_>) -> Result<Value> {
        let kind: String = cells.get("kind")?;
        Ok(match kind.as_str() {
            "answer" => Value::Answer {
                choice: cells.json("value")?,
            },
            "flag" => Value::Flag {
                flagged: cells.parse("value", str::parse::<bool>)?,
            },
            _ => return Err(cells.corrupt("kind", format!("unknown kind {kind:?}"))),
        })
    }
}

/// One candidate message to make durable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Save {
    pub session_id: String,
    pub seq: i64,
    pub q: i64,
    pub value: Value,
    /// When the server received it (Unix ms): compared with the deadline.
    pub at_ms: i64,
}

/// The writer's answer for one save.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Durable (or was already: a replay of the same seq).
    Durable,
    /// Refused: the deadline had passed when it arrived.
    TimeUp,
    /// Refused: the session is not in progress.
    NotInProgress(Status),
}

type Reply = oneshot::Sender<std::result::Result<Saved, String>>;

/// A handle to the node's writer task.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<(Save, Reply)>,
}

impl Writer {
    /// Starts the writer task for `db`; `node` is written into the journal. On a SQLite file,
    /// also the writer's thread and its connection, which can fail to open.
    pub fn spawn(db: Db, node: String) -> Result<Writer> {
        let (queue, rx) = mpsc::channel(QUEUE);
        let thread = match db.sqlite_file() {
            Some(file) => Some(sqlite::Thread::open(file, node.clone())?),
            None => None,
        };
        tokio::spawn(run(db, node, rx, thread));
        Ok(Writer { queue })
    }

    /// Saves durably and returns once committed (or refused).
    pub async fn save(&self, save: Save) -> Result<Saved> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((save, reply))
            .await
            .map_err(|_| Error::Corrupt("the answer writer has stopped".into()))?;
        answer
            .await
            .map_err(|_| Error::Corrupt("the answer writer dropped a save".into()))?
            .map_err(Error::Corrupt)
    }
}

async fn run(
    db: Db,
    node: String,
    mut rx: mpsc::Receiver<(Save, Reply)>,
    thread: Option<sqlite::Thread>,
) {
    let mut batch: Vec<(Save, Reply)> = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.recv().await {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let (mut saves, replies): (Vec<Save>, Vec<Reply>) = batch.drain(..).unzip();
        let mut attempt = 0;
        let outcome = loop {
            let outcome = match &thread {
                Some(thread) => {
                    let turn = db.write_turn().await;
                    let (back, outcome) = thread.write(std::mem::take(&mut saves)).await;
                    drop(turn);
                    saves = back;
                    match outcome {
                        Err(e) if sqlite::is_busy(&e) && attempt < 50 => {
                            attempt += 1;
                            continue;
                        }
                        other => other,
                    }
                }
                None => {
                    let refs: Vec<&Save> = saves.iter().collect();
                    match write_batch(&db, &node, &refs).await {
                        Err(Error::Database(e)) if super::is_retryable(&e) && attempt < 50 => {
                            attempt += 1;
                            continue;
                        }
                        other => other,
                    }
                }
            };
            break outcome;
        };
        match outcome {
            Ok(results) => {
                for (reply, result) in replies.into_iter().zip(results) {
                    let _ = reply.send(Ok(result));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, saves = replies.len(), "answer batch failed; nothing acknowledged");
                for reply in replies {
                    let _ = reply.send(Err("storage failure".into()));
                }
            }
        }
    }
}

static CANDIDATES: Actor = Actor::Candidates;

/// A batch's audit entry: dated by its first accepted save, the candidates its actor, the
/// accepted saves' JSON (`payload`) its payload.
fn batch_audit<'a>(accepted: &[&Save], payload: &'a [u8]) -> (jiff::Timestamp, Event<'a>) {
    let at = jiff::Timestamp::from_millisecond(accepted[0].at_ms)
        .unwrap_or_else(|_| jiff::Timestamp::now());
    let event = Event {
        actor: &CANDIDATES,
        action: Action::AnswersSave,
        subject: Subject::Answers(accepted.len()),
        payload,
    };
    (at, event)
}

/// What a save made at `at_ms` gets from its session's `(status, deadline)` (none: no such
/// session): durable only while the session is in progress and before its deadline.
fn verdict(state: Option<(Status, Option<i64>)>, at_ms: i64) -> Saved {
    match state {
        Some((Status::InProgress, Some(deadline))) if at_ms < deadline => Saved::Durable,
        Some((Status::InProgress, _)) => Saved::TimeUp,
        Some((status, _)) => Saved::NotInProgress(status),
        None => Saved::NotInProgress(Status::Scheduled),
    }
}

async fn write_batch(db: &Db, node: &str, saves: &[&Save]) -> Result<Vec<Saved>> {
    let mut tx = db.begin_write().await?;
    let mut sessions: BTreeMap<&str, Option<(Status, Option<i64>)>> = BTreeMap::new();
    for save in saves {
        sessions.insert(save.session_id.as_str(), None);
    }
    let ids: Vec<&str> = sessions.keys().copied().collect();
    for (session, state) in super::exam::lock_statuses(&mut tx, db, &ids).await? {
        if let Some(slot) = sessions.get_mut(session.as_str()) {
            *slot = Some(state);
        }
    }
    let results: Vec<Saved> = saves
        .iter()
        .map(|save| verdict(sessions[save.session_id.as_str()], save.at_ms))
        .collect();
    let accepted: Vec<&Save> = saves
        .iter()
        .zip(&results)
        .filter(|(_, r)| **r == Saved::Durable)
        .map(|(s, _)| *s)
        .collect();
    if accepted.is_empty() {
        tx.rollback().await?;
        return Ok(results);
    }
    insert_journal(&mut tx, db, node, &accepted).await?;
    upsert_current(&mut tx, db, &accepted).await?;
    let payload = serde_json::to_vec(&accepted)?;
    let (at, event) = batch_audit(&accepted, &payload);
    audit::append(&mut tx, at, &event).await?;
    tx.commit().await?;
    Ok(results)
}

async fn insert_journal(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    node: &str,
    saves: &[&Save],
) -> Result<()> {
    // One row per (session, seq): a replay within the batch keeps the first.
    let mut unique: HashMap<(&str, i64), &Save> = HashMap::new();
    for save in saves {
        unique
            .entry((save.session_id.as_str(), save.seq))
            .or_insert(save);
    }
    let rows: Vec<&Save> = unique.into_values().collect();
    let sql = format!(
        "INSERT INTO answer_journal (session_id, seq, q, kind, value, at_ms, node) VALUES {} \
         ON CONFLICT (session_id, seq) DO NOTHING",
        db.values(rows.len(), &Db::shape(7))
    );
    let mut insert = sqlx::query(AssertSqlSafe(sql));
    for save in rows {
        let (kind, value) = save.value.encode()?;
        insert = insert
            .bind(save.session_id.clone())
            .bind(save.seq)
            .bind(save.q)
            .bind(kind)
            .bind(value)
            .bind(save.at_ms)
            .bind(node.to_owned());
    }
    insert.execute(&mut **tx).await?;
    Ok(())
}

async fn upsert_current(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    saves: &[&Save],
) -> Result<()> {
    // The newest seq per (session, question) and kind: one statement may not touch a row twice.
    let mut answers: HashMap<(&str, i64), (&Save, &Vec<String>)> = HashMap::new();
    let mut flags: HashMap<(&str, i64), (&Save, bool)> = HashMap::new();
    for save in saves {
        let key = (save.session_id.as_str(), save.q);
        match &save.value {
            Value::Answer { choice } => {
                let slot = answers.entry(key).or_insert((save, choice));
                if save.seq > slot.0.seq {
                    *slot = (save, choice);
                }
            }
            Value::Flag { flagged } => {
                let slot = flags.entry(key).or_insert((save, *flagged));
                if save.seq > slot.0.seq {
                    *slot = (save, *flagged);
                }
            }
        }
    }
    let answers: Vec<(String, i64, String, i64)> = answers
        .into_values()
        .map(|(s, c)| Ok((s.session_id.clone(), s.q, serde_json::to_string(c)?, s.seq)))
        .collect::<Result<_>>()?;
    upsert(tx, db, answers, &CHOICES).await?;
    let flags: Vec<(String, i64, i64, i64)> = flags
        .into_values()
        .map(|(s, f)| (s.session_id.clone(), s.q, i64::from(f), s.seq))
        .collect();
    upsert(tx, db, flags, &FLAGS).await
}

/// Which half of a current-answer row an upsert writes, never touching the other half.
struct Half {
    /// One row of `(session, q, value, seq)` placed in the answer's columns.
    shape: &'static str,
    /// The conflict's `SET ... WHERE`: a newer seq only.
    update: &'static str,
}

const CHOICES: Half = Half {
    shape: "(?, ?, ?, ?, 0, 0)",
    update: "choice = excluded.choice, choice_seq = excluded.choice_seq \
             WHERE answer.choice_seq < excluded.choice_seq",
};

const FLAGS: Half = Half {
    shape: "(?, ?, '[]', 0, ?, ?)",
    update: "flagged = excluded.flagged, flag_seq = excluded.flag_seq \
             WHERE answer.flag_seq < excluded.flag_seq",
};

/// Upserts current-answer rows `(session, q, value, seq)` into one half of their rows.
async fn upsert<V>(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    rows: Vec<(String, i64, V, i64)>,
    half: &Half,
) -> Result<()>
where
    V: for<'q> sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any> + Send + 'static,
{
    if rows.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "INSERT INTO answer (session_id, q, choice, choice_seq, flagged, flag_seq) VALUES {} \
         ON CONFLICT (session_id, q) DO UPDATE SET {}",
        db.values(rows.len(), half.shape),
        half.update
    );
    let mut upsert = sqlx::query(AssertSqlSafe(sql));
    for (session, q, value, seq) in rows {
        upsert = upsert.bind(session).bind(q).bind(value).bind(seq);
    }
    upsert.execute(&mut **tx).await?;
    Ok(())
}
