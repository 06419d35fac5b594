//! The audit chain's arithmetic: how an entry's hash is computed from the previous one, and
//! how a sequence of entries is verified. Every state change appends an entry (ARCHITECTURE.md,
//! "Audit"); storing and reading them is `store::audit`'s job.
//!
//! hash(n) = SHA-256(hash(n-1) ‖ len-prefixed fields of n), with hash(0) = 32 zero bytes, so
//! changing, removing or reordering any entry breaks every hash after it.

use ring::digest::{Context, SHA256, digest};
use serde::Serialize;

mod vocabulary;

pub use vocabulary::{Action, Actor, Subject, Task, UnknownTerm};

/// The hash that precedes the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// What happened, by whom, to what. `payload_digest` is the SHA-256 of the change's payload
/// (the payload itself lives in its own table; the chain proves it unchanged). Actor, action
/// and subject are the stored forms of [`Actor`], [`Action`] and [`Subject`]: the hash covers
/// these strings, so entries written before the vocabulary existed verify unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// Position in the chain, 1-based, without gaps.
    pub seq: i64,
    /// Unix milliseconds.
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// Hex SHA-256 of the payload.
    pub payload_digest: String,
}

/// A stored entry: the record and the chain hashes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    #[serde(flatten)]
    pub record: AuditRecord,
    pub prev_hash: String,
    pub hash: String,
}

/// Hex SHA-256 of a payload.
pub fn payload_digest(payload: &[u8]) -> String {
    hex::encode(digest(&SHA256, payload))
}

/// The hash of `record` chained after `prev`.
pub fn chain_hash(prev: &[u8; 32], record: &AuditRecord) -> [u8; 32] {
    let mut ctx = Context::new(&SHA256);
    ctx.update(prev);
    ctx.update(&record.seq.to_be_bytes());
    ctx.update(&record.at_ms.to_be_bytes());
    for field in [
        &record.actor,
        &record.action,
        &record.subject,
        &record.payload_digest,
    ] {
        // Length prefixes keep ("ab","c") and ("a","bc") apart.
        ctx.update(&(field.len() as u64).to_be_bytes());
        ctx.update(field.as_bytes());
    }
    let mut out = [0u8; 32];
    out.copy_from_slice(ctx.finish().as_ref());
    out
}

/// Where and why a chain is broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error(
        "audit entry {seq}: expected sequence number {expected} (an entry is missing or reordered)"
    )]
    Gap { seq: i64, expected: i64 },
    #[error("audit entry {seq}: its previous-hash does not match entry {prev_seq}'s hash")]
    PrevMismatch { seq: i64, prev_seq: i64 },
    #[error("audit entry {seq}: its content does not match its hash (the entry was altered)")]
    Tampered { seq: i64 },
}

impl ChainError {
    /// The first broken entry.
    pub fn seq(&self) -> i64 {
        match self {
            ChainError::Gap { seq, .. }
            | ChainError::PrevMismatch { seq, .. }
            | ChainError::Tampered { seq } => *seq,
        }
    }
}

/// Incremental verifier: feed entries in sequence order; the first error names the first broken
/// entry. Streaming keeps `synaq audit verify` flat in memory over millions of entries.
#[derive(Debug, Clone)]
pub struct Verifier {
    prev: [u8; 32],
    next_seq: i64,
}

impl Default for Verifier {
    fn default() -> Verifier {
        Verifier {
            prev: GENESIS,
            next_seq: 1,
        }
    }
}

impl Verifier {
    pub fn push(&mut self, entry: &AuditEntry) -> Result<(), ChainError> {
        let seq = entry.record.seq;
        if seq != self.next_seq {
            return Err(ChainError::Gap {
                seq,
                expected: self.next_seq,
            });
        }
        if entry.prev_hash != hex::encode(self.prev) {
            return Err(ChainError::PrevMismatch {
                seq,
                prev_seq: seq - 1,
            });
        }
        let hash = chain_hash(&self.prev, &entry.record);
        if entry.hash != hex::encode(hash) {
            return Err(ChainError::Tampered { seq });
        }
        self.prev = hash;
        self.next_seq += 1;
        Ok(())
    }

    /// Entries verified so far.
    pub fn verified(&self) -> i64 {
        self.next_seq - 1
    }
}

/// Builds the entry that follows `prev` (GENESIS for the first).
pub fn seal(prev: &[u8; 32], record: AuditRecord) -> (AuditEntry, [u8; 32]) {
    let hash = chain_hash(prev, &record);
    (
        AuditEntry {
            record,
            prev_hash: hex::encode(prev),
            hash: hex::encode(hash),
        },
        hash,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS;
        (1..=n)
            .map(|seq| {
                let (entry, hash) = seal(
                    &prev,
                    AuditRecord {
                        seq,
                        at_ms: 1_700_000_000_000 + seq,
                        actor: "admin".into(),
                        action: "bank.import".into(),
                        subject: format!("bank/{seq}"),
                        payload_digest: payload_digest(seq.to_string().as_bytes()),
                    },
                );
                prev = hash;
                entry
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry]) -> Result<i64, ChainError> {
        let mut verifier = Verifier::default();
        for entry in entries {
            verifier.push(entry)?;
        }
        Ok(verifier.verified())
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify(&chain(5)), Ok(5));
        assert_eq!(verify(&[]), Ok(0));
    }

    #[test]
    fn an_altered_field_names_its_entry() {
        let mut entries = chain(5);
        entries[2].record.actor = "mallory".into();
        assert_eq!(verify(&entries), Err(ChainError::Tampered { seq: 3 }));
    }

    #[test]
    fn a_rehashed_entry_breaks_the_next_link() {
        let mut entries = chain(5);
        entries[1].record.subject = "bank/forged".into();
        let prev = <[u8; 32]>::try_from(hex::decode(&entries[1].prev_hash).unwrap()).unwrap();
        entries[1].hash = hex::encode(chain_hash(&prev, &entries[1].record));
        assert_eq!(
            verify(&entries),
            Err(ChainError::PrevMismatch {
                seq: 3,
                prev_seq: 2
            })
        );
    }

    #[test]
    fn a_removed_entry_is_a_gap() {
        let mut entries = chain(5);
        entries.remove(3);
        assert_eq!(
            verify(&entries),
            Err(ChainError::Gap {
                seq: 5,
                expected: 4
            })
        );
    }

    #[test]
    fn field_boundaries_are_part_of_the_hash() {
        let a = AuditRecord {
            seq: 1,
            at_ms: 0,
            actor: "ab".into(),
            action: "c".into(),
            subject: String::new(),
            payload_digest: String::new(),
        };
        let b = AuditRecord {
            actor: "a".into(),
            action: "bc".into(),
            ..a.clone()
        };
        assert_ne!(chain_hash(&GENESIS, &a), chain_hash(&GENESIS, &b));
    }
}
