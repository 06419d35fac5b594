//! The answer writer's own SQLite connection, on a thread of its own: one batch is one
//! message to the thread and one reply, and inside the thread every statement is a cached
//! prepared statement run in place — no hop between the async workers and sqlx's SQLite
//! thread per statement and per row fetched (that hop was most of the server's CPU per save,
//! docs/performance.md).
//!
//! What a batch writes and checks is the portable writer's (`super::write_batch`): under
//! `BEGIN IMMEDIATE`, taken in the process's fair write turn (`Db::write_turn`), each
//! session's status and deadline are read, the accepted saves go into the journal (a replay
//! of a seq keeps the first) and the current answers (a newer seq only), one audit entry
//! covers the batch, and the commit — `synchronous = FULL` in WAL — comes before any reply.

use std::collections::HashMap;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use tokio::sync::oneshot;

use super::{Save, Saved, Value};
use crate::domain::exam::Status;
use crate::store::audit;
use crate::store::{Error, Result};

/// One batch for the thread, and where its answer goes.
struct Job {
    saves: Vec<Save>,
    reply: oneshot::Sender<(Vec<Save>, Result<Vec<Saved>>)>,
}

/// A handle to the writer thread; the thread ends when the handle is dropped.
pub(super) struct Thread {
    jobs: mpsc::Sender<Job>,
}

impl Thread {
    /// Opens `file` with the pool's pragmas (WAL, `synchronous = FULL`, foreign keys) and
    /// starts the thread; `node` is written into the journal.
    pub(super) fn open(file: &Path, node: String) -> Result<Thread> {
        let conn = Connection::open(file)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // Durable means the commit reached the disk: FULL, not NORMAL, in WAL. No memory map:
        // this connection only writes, and unmapping pages on every commit cost more than
        // reading them (docs/performance.md).
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; \
             PRAGMA mmap_size = 0; PRAGMA cache_size = -16384;",
        )?;
        conn.set_prepared_statement_cache_capacity(16);
        let (jobs, rx) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("synaq-answer-writer".into())
            .spawn(move || {
                let mut conn = conn;
                for job in rx {
                    let result = write_batch(&mut conn, &node, &job.saves);
                    let _ = job.reply.send((job.saves, result));
                }
            })
            .map_err(|e| Error::Corrupt(format!("cannot start the answer writer thread: {e}")))?;
        Ok(Thread { jobs })
    }

    /// Writes `saves` as one transaction; gives them back with the outcome of each.
    pub(super) async fn write(&self, saves: Vec<Save>) -> (Vec<Save>, Result<Vec<Saved>>) {
        let (reply, answer) = oneshot::channel();
        if let Err(mpsc::SendError(job)) = self.jobs.send(Job { saves, reply }) {
            return (job.saves, Err(stopped()));
        }
        match answer.await {
            Ok(done) => done,
            // The thread panicked with the batch: nothing is acknowledged.
            Err(_) => (Vec::new(), Err(stopped())),
        }
    }
}

fn stopped() -> Error {
    Error::Corrupt("the answer writer thread has stopped".into())
}

/// Whether `e` is SQLite's "busy" or "locked": another process held the write lock past the
/// busy timeout; the batch is retried, never acknowledged half-written.
pub(super) fn is_busy(e: &Error) -> bool {
    matches!(e, Error::Sqlite(rusqlite::Error::SqliteFailure(f, _))
        if matches!(f.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn write_batch(conn: &mut Connection, node: &str, saves: &[Save]) -> Result<Vec<Saved>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut sessions: HashMap<&str, Option<(Status, Option<i64>)>> = HashMap::new();
    {
        let mut read =
            tx.prepare_cached("SELECT status, deadline FROM exam_session WHERE session_id = ?1")?;
        for save in saves {
            if sessions.contains_key(save.session_id.as_str()) {
                continue;
            }
            let row: Option<(String, Option<i64>)> = read
                .query_row([&save.session_id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let state = match row {
                None => None,
                Some((status, deadline)) => {
                    let status = Status::parse(&status).ok_or_else(|| {
                        Error::Corrupt(format!(
                            "exam_session.status of row {}: unknown status {status:?}",
                            save.session_id
                        ))
                    })?;
                    Some((status, deadline))
                }
            };
            sessions.insert(save.session_id.as_str(), state);
        }
    }
    let results: Vec<Saved> = saves
        .iter()
        .map(|save| super::verdict(sessions[save.session_id.as_str()], save.at_ms))
        .collect();
    let accepted: Vec<&Save> = saves
        .iter()
        .zip(&results)
        .filter(|(_, r)| **r == Saved::Durable)
        .map(|(s, _)| s)
        .collect();
    if accepted.is_empty() {
        tx.rollback()?;
        return Ok(results);
    }
    {
        let mut journal = tx.prepare_cached(
            "INSERT INTO answer_journal (session_id, seq, q, kind, value, at_ms, node) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (session_id, seq) DO NOTHING",
        )?;
        let mut choice = tx.prepare_cached(
            "INSERT INTO answer (session_id, q, choice, choice_seq, flagged, flag_seq) \
                 VALUES (?1, ?2, ?3, ?4, 0, 0) ON CONFLICT (session_id, q) DO UPDATE SET \
                 choice = excluded.choice, choice_seq = excluded.choice_seq \
                 WHERE answer.choice_seq < excluded.choice_seq",
        )?;
        let mut flag = tx.prepare_cached(
            "INSERT INTO answer (session_id, q, choice, choice_seq, flagged, flag_seq) \
                 VALUES (?1, ?2, '[]', 0, ?3, ?4) ON CONFLICT (session_id, q) DO UPDATE SET \
                 flagged = excluded.flagged, flag_seq = excluded.flag_seq \
                 WHERE answer.flag_seq < excluded.flag_seq",
        )?;
        // In the batch's order: the journal keeps a seq's first copy, the current answer the
        // newest seq whatever the order.
        for save in &accepted {
            let (kind, value) = save.value.encode()?;
            journal.execute(params![
                save.session_id,
                save.seq,
                save.q,
                kind,
                value,
                save.at_ms,
                node
            ])?;
            match &save.value {
                Value::Answer { .. } => {
                    choice.execute(params![save.session_id, save.q, value, save.seq])
                }
                Value::Flag { flagged } => flag.execute(params![
                    save.session_id,
                    save.q,
                    i64::from(*flagged),
                    save.seq
                ]),
            }?;
        }
    }
    let payload = serde_json::to_vec(&accepted)?;
    let last: Option<(i64, String)> = tx
        .prepare_cached("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (at, event) = super::batch_audit(&accepted, &payload);
    let entry = audit::next_entry(last, at, &event)?;
    tx.prepare_cached(
        "INSERT INTO audit_entry (seq, at_ms, actor, action, subject, payload_digest, prev_hash, hash) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    ?
    .execute(params![
        entry.record.seq,
        entry.record.at_ms,
        entry.record.actor,
        entry.record.action,
        entry.record.subject,
        entry.record.payload_digest,
        entry.prev_hash,
        entry.hash
    ])
    ?;
    tx.commit()?;
    Ok(results)
}
