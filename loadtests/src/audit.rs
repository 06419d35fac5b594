//! The lost-answer audit: after the run, read back what the server stored for every session
//! that had an answer acknowledged, and count what an `ack` promised but the disk lacks.
//!
//! Two kinds of loss (their sum is `lost`):
//! - **journal**: an acknowledged seq missing from the session's journal;
//! - **current**: for a question, the stored current answer is not the latest acknowledged
//!   one — unless it is a later answer we sent whose `ack` never arrived (the run stopped or
//!   the socket dropped between the save and the `ack`), which is not a loss.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::api::{Api, HttpError, StoredAnswers};
use crate::candidate::Outcome;
use crate::socket::Sent;
use crate::stats::Stats;

/// Tries of one audit request when the failure is transient.
const TRIES: u32 = 3;

/// What one session's audit found.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Loss {
    pub journal: u64,
    pub current: u64,
}

/// The whole audit.
#[derive(Debug, Default, Clone, Copy)]
pub struct Audit {
    /// Sessions read back.
    pub audited: u64,
    pub loss: Loss,
    /// Sessions with acknowledged answers that could not be read back.
    pub unaudited: u64,
}

/// Audits every outcome with acknowledged answers, `concurrency` requests at a time.
pub async fn run(
    api: &Api,
    admin: &str,
    outcomes: &[Outcome],
    concurrency: usize,
    stats: &Stats,
) -> Audit {
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks = JoinSet::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        if outcome.acked() == 0 {
            continue;
        }
        let api = api.clone();
        let admin = admin.to_owned();
        let session = outcome.session_id.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await.expect("never closed");
            let mut tries = 0;
            loop {
                match api.answers(&admin, &session).await {
                    Ok(stored) => return (i, Ok(stored)),
                    Err(e) if e.is_transient() && tries + 1 < TRIES => tries += 1,
                    Err(e) => return (i, Err::<StoredAnswers, HttpError>(e)),
                }
            }
        });
    }
    let mut audit = Audit::default();
    while let Some(joined) = tasks.join_next().await {
        let Ok((i, result)) = joined else {
            audit.unaudited += 1;
            continue;
        };
        match result {
            Ok(stored) => {
                let loss = check(&outcomes[i].log, &stored);
                audit.audited += 1;
                audit.loss.journal += loss.journal;
                audit.loss.current += loss.current;
            }
            Err(e) => {
                stats.error(e.kind());
                audit.unaudited += 1;
            }
        }
    }
    audit
}

/// Compares what one candidate sent and saw acknowledged with what the server stored.
pub fn check(log: &[Sent], stored: &StoredAnswers) -> Loss {
    let journal: HashSet<u64> = stored.journal.iter().map(|j| j.seq).collect();
    let current: HashMap<u32, (u64, Vec<String>)> = stored
        .answers
        .iter()
        .map(|a| (a.q, (a.seq, sorted(&a.choice))))
        .collect();
    let sent: HashMap<u64, &Sent> = log.iter().map(|s| (s.seq, s)).collect();
    let mut loss = Loss::default();
    let mut latest: HashMap<u32, &Sent> = HashMap::new();
    for s in log.iter().filter(|s| s.acked) {
        if !journal.contains(&s.seq) {
            loss.journal += 1;
        }
        let entry = latest.entry(s.q).or_insert(s);
        if s.seq > entry.seq {
            *entry = s;
        }
    }
    for (q, acked) in latest {
        let kept = match current.get(&q) {
            None => false,
            Some((seq, choice)) if *seq == acked.seq => *choice == sorted(&acked.choice),
            Some((seq, choice)) if *seq > acked.seq => sent
                .get(seq)
                .is_some_and(|later| later.q == q && sorted(&later.choice) == *choice),
            Some(_) => false,
        };
        if !kept {
            loss.current += 1;
        }
    }
    loss
}

fn sorted(choice: &[String]) -> Vec<String> {
    let mut c = choice.to_vec();
    c.sort();
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{JournalEntry, StoredAnswer};

    fn sent(seq: u64, q: u32, choice: &[&str], acked: bool) -> Sent {
        Sent {
            seq,
            q,
            choice: choice.iter().map(|c| (*c).into()).collect(),
            acked,
        }
    }

    fn stored(answers: &[(u32, &[&str], u64)], journal: &[u64]) -> StoredAnswers {
        StoredAnswers {
            answers: answers
                .iter()
                .map(|(q, c, seq)| StoredAnswer {
                    q: *q,
                    choice: c.iter().map(|x| (*x).into()).collect(),
                    seq: *seq,
                })
                .collect(),
            journal: journal.iter().map(|&seq| JournalEntry { seq }).collect(),
        }
    }

    #[test]
    fn everything_acked_and_stored_is_no_loss() {
        let log = [sent(1, 1, &["a"], true), sent(2, 2, &["b", "c"], true)];
        let server = stored(&[(1, &["a"], 1), (2, &["c", "b"], 2)], &[1, 2]);
        assert_eq!(check(&log, &server), Loss::default());
    }

    #[test]
    fn an_acked_seq_missing_from_the_journal_is_lost() {
        let log = [sent(1, 1, &["a"], true), sent(2, 2, &["b"], true)];
        let server = stored(&[(1, &["a"], 1), (2, &["b"], 2)], &[1]);
        assert_eq!(check(&log, &server).journal, 1);
    }

    #[test]
    fn an_older_current_answer_than_the_latest_ack_is_lost() {
        let log = [sent(1, 1, &["a"], true), sent(2, 1, &["b"], true)];
        let server = stored(&[(1, &["a"], 1)], &[1, 2]);
        assert_eq!(
            check(&log, &server),
            Loss {
                journal: 0,
                current: 1
            }
        );
    }

    #[test]
    fn a_later_unacked_answer_stored_as_current_is_not_a_loss() {
        let log = [sent(1, 1, &["a"], true), sent(2, 1, &["b"], false)];
        let server = stored(&[(1, &["b"], 2)], &[1, 2]);
        assert_eq!(check(&log, &server), Loss::default());
    }

    #[test]
    fn a_current_answer_we_never_sent_is_a_loss() {
        let log = [sent(1, 1, &["a"], true)];
        let server = stored(&[(1, &["d"], 9)], &[1, 9]);
        assert_eq!(check(&log, &server).current, 1);
    }

    #[test]
    fn unacked_answers_missing_on_the_server_are_not_counted() {
        let log = [sent(1, 1, &["a"], true), sent(2, 2, &["b"], false)];
        let server = stored(&[(1, &["a"], 1)], &[1]);
        assert_eq!(check(&log, &server), Loss::default());
    }
}
