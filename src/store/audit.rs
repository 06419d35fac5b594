//! The audit chain's table: append inside the caller's transaction, read in order, verify.
//!
//! Appends are serialised: on PostgreSQL by a transaction-scoped advisory lock taken just
//! before the append (every node's writers queue for it), on SQLite by the process's write
//! queue and SQLite's single writer. `seq` is also the primary key, so a chain can never fork:
//! a writer that raced anyway (another process on SQLite) fails and [`append_retrying`] or the
//! answer writer retries.

use sqlx::{Any, Row, Transaction};

use super::{Db, Error, Result};
use crate::domain::audit::{
    Action, Actor, AuditEntry, AuditRecord, ChainError, GENESIS, Subject, Verifier, seal,
};

/// What to record: who did what to which subject, with the payload's digest. The chain stores
/// the vocabulary's string forms (`domain::audit`), never a string built at the call site.
#[derive(Debug, Clone)]
pub struct Event<'a> {
    pub actor: &'a Actor,
    pub action: Action,
    pub subject: Subject,
    pub payload: &'a [u8],
}

/// Appends `event` to the chain inside `tx`; it becomes durable when `tx` commits.
pub async fn append(
    tx: &mut Transaction<'static, Any>,
    at: jiff::Timestamp,
    event: &Event<'_>,
) -> Result<AuditEntry> {
    // Writers of every node take the chain's next number in turn. Taken last in a transaction
    // and followed only by the audit insert, so its holder never waits for anything else.
    super::lock_audit_chain(tx).await?;
    let last = sqlx::query("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut **tx)
        .await?;
    let last = match last {
        None => None,
        Some(row) => Some((
            row.try_get::<i64, _>("seq")?,
            row.try_get::<String, _>("hash")?,
        )),
    };
    let entry = next_entry(last, at, event)?;
    sqlx::query(
        "INSERT INTO audit_entry (seq, at_ms, actor, action, subject, payload_digest, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(entry.record.seq)
    .bind(entry.record.at_ms)
    .bind(&entry.record.actor)
    .bind(&entry.record.action)
    .bind(&entry.record.subject)
    .bind(&entry.record.payload_digest)
    .bind(&entry.prev_hash)
    .bind(&entry.hash)
    .execute(&mut **tx)
    .await?;
    Ok(entry)
}

/// The entry that follows `last` (the newest entry's seq and hex hash; none for an empty
/// chain): `event` sealed onto it. Shared by [`append`] and the SQLite answer writer's thread.
pub(crate) fn next_entry(
    last: Option<(i64, String)>,
    at: jiff::Timestamp,
    event: &Event<'_>,
) -> Result<AuditEntry> {
    let (seq, prev) = match last {
        None => (1, GENESIS),
        Some((seq, hash)) => {
            let prev = hex::decode(&hash)
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    Error::Corrupt(format!(
                        "audit_entry.hash of row {seq}: not 32 bytes of hex ({hash:?})"
                    ))
                })?;
            (seq + 1, prev)
        }
    };
    let (entry, _) = seal(
        &prev,
        AuditRecord {
            seq,
            at_ms: at.as_millisecond(),
            actor: event.actor.to_string(),
            action: event.action.to_string(),
            subject: event.subject.to_string(),
            payload_digest: crate::domain::audit::payload_digest(event.payload),
        },
    );
    Ok(entry)
}

/// Appends one event in its own transaction, retrying when another writer took the same
/// sequence number.
pub async fn append_retrying(
    db: &Db,
    at: jiff::Timestamp,
    event: &Event<'_>,
) -> Result<AuditEntry> {
    let mut attempt = 0;
    loop {
        let mut tx = db.begin_write().await?;
        let result = match append(&mut tx, at, event).await {
            Ok(entry) => tx.commit().await.map(|_| entry),
            Err(e) => Err(e),
        };
        match result {
            Err(Error::Database(e)) if super::is_unique_violation(&e) && attempt < 20 => {
                attempt += 1
            }
            other => return other,
        }
    }
}

/// The outcome of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every entry verified.
    Intact { entries: i64 },
    /// The first broken entry, after `verified` good ones.
    Broken { verified: i64, error: ChainError },
}

/// Reads the chain in pages of 1,000 and verifies it, stopping at the first broken entry.
pub async fn verify(db: &Db) -> Result<Verdict> {
    let mut verifier = Verifier::default();
    let mut after = 0i64;
    loop {
        let page = entries_after(db, after, 1000).await?;
        if page.is_empty() {
            return Ok(Verdict::Intact {
                entries: verifier.verified(),
            });
        }
        for entry in &page {
            if let Err(error) = verifier.push(entry) {
                return Ok(Verdict::Broken {
                    verified: verifier.verified(),
                    error,
                });
            }
        }
        after = page.last().map(|e| e.record.seq).unwrap_or(after);
    }
}

/// Up to `limit` entries with `seq > after`, in order.
pub async fn entries_after(db: &Db, after: i64, limit: i64) -> Result<Vec<AuditEntry>> {
    let rows = sqlx::query(
        "SELECT seq, at_ms, actor, action, subject, payload_digest, prev_hash, hash \
         FROM audit_entry WHERE seq > $1 ORDER BY seq LIMIT $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    type Columns = (i64, i64, String, String, String, String, String, String);
    rows.iter()
        .map(|row| {
            // The stored strings as they are: the hash covers them, so verify reads them raw.
            let (seq, at_ms, actor, action, subject, payload_digest, prev_hash, hash): Columns =
                sqlx::FromRow::from_row(row)?;
            let record = AuditRecord {
                seq,
                at_ms,
                actor,
                action,
                subject,
                payload_digest,
            };
            Ok(AuditEntry {
                record,
                prev_hash,
                hash,
            })
        })
        .collect()
}
