//! Live state: what a node must share with the others while exams run, behind one trait with
//! two backends — in-process (one node, the default) and Redis (many nodes, `REDIS_URL`).
//!
//! None of it is the truth: the database is. Everything here can be rebuilt from the database
//! (`rebuild` re-reads the sessions in progress), so losing it costs only latency.
//!
//! - the **connection registry**: which node and connection hold a session's socket;
//! - the **deadline index**: sessions in progress by deadline; due ones are *claimed*
//!   atomically so exactly one node submits each;
//! - the **command bus**: extend, void, force-submit, takeover, delivered to the node that
//!   holds the socket — through a per-node queue that survives a node's reconnect (a Redis
//!   stream, not pub/sub); the command's effect is already in the database, so a node that
//!   misses one still finds it by re-reading the session;
//! - **rate-limit counters** (fixed windows).

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A socket: the node that holds it and the node-local connection number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConnId {
    pub node: String,
    pub conn: u64,
}

/// What the node holding a session's socket must do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Command {
    /// The deadline moved (already stored): re-read it and tell the candidate.
    Extend { session: String },
    /// The session was voided (already stored): end the socket.
    Void { session: String },
    /// The session was submitted by an administrator (already stored): end the socket.
    ForceSubmit { session: String },
    /// Another connection took the session over: close connection `conn` with that reason.
    TakeOver { session: String, conn: u64 },
}

impl Command {
    pub fn session(&self) -> &str {
        match self {
            Command::Extend { session }
            | Command::Void { session }
            | Command::ForceSubmit { session }
            | Command::TakeOver { session, .. } => session,
        }
    }
}

/// A live-state backend failure (Redis unreachable, a malformed stored value).
#[derive(Debug, thiserror::Error)]
#[error("live state: {0}")]
pub struct LiveError(pub String);

pub type LiveResult<T> = Result<T, LiveError>;

/// The shared live state of all nodes. Implementations: `live::memory::MemoryState`,
/// `live::redis::RedisState`.
#[async_trait::async_trait]
pub trait LiveState: Send + Sync + 'static {
    /// This node's name (unique among the nodes sharing the backend).
    fn node(&self) -> &str;

    /// Records that `conn` now holds `session`'s socket; returns the previous holder, if any.
    async fn register(&self, session: &str, conn: &ConnId) -> LiveResult<Option<ConnId>>;

    /// Forgets `session`'s holder — only if it is still `conn` (a takeover may have replaced it).
    async fn unregister(&self, session: &str, conn: &ConnId) -> LiveResult<()>;

    /// Who holds `session`'s socket now.
    async fn holder(&self, session: &str) -> LiveResult<Option<ConnId>>;

    /// How many of `sessions` a socket holds now (a campaign's online count). One round trip
    /// where the backend allows it.
    async fn online(&self, sessions: &[String]) -> LiveResult<usize> {
        let mut n = 0;
        for session in sessions {
            if self.holder(session).await?.is_some() {
                n += 1;
            }
        }
        Ok(n)
    }

    /// Puts `session` in the deadline index at `deadline_ms` (replacing an earlier entry).
    async fn schedule_deadline(&self, session: &str, deadline_ms: i64) -> LiveResult<()>;

    /// Takes `session` out of the deadline index.
    async fn cancel_deadline(&self, session: &str) -> LiveResult<()>;

    /// Atomically removes and returns up to `limit` sessions whose deadline is at or before
    /// `now_ms`: two nodes claiming at once never get the same session.
    async fn claim_due(&self, now_ms: i64, limit: usize) -> LiveResult<Vec<String>>;

    /// Queues `command` for `node`.
    async fn send(&self, node: &str, command: &Command) -> LiveResult<()>;

    /// Waits for the next commands queued for this node (up to `max`), or returns an empty
    /// list after `wait`. Commands are delivered at least once, in order.
    async fn receive(&self, max: usize, wait: Duration) -> LiveResult<Vec<Command>>;

    /// Counts one hit on `key` in the current fixed window of `window`; true while the count
    /// is within `limit`.
    async fn hit(&self, key: &str, window: Duration, limit: u64) -> LiveResult<bool>;

    /// The hits counted on `key` in the current window of `window`, without counting one.
    async fn peek(&self, key: &str, window: Duration) -> LiveResult<u64>;
}
