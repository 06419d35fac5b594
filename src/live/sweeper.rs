//! The deadline sweeper: claims due sessions from the live state's deadline index (exactly one
//! node gets each) and hands them to the application, which ends those whose stored deadline
//! has passed (p.18: at the deadline the server submits). Every 5 s it also puts back into the
//! index the sessions the database still has in progress past their deadline.
//!
//! What "due" means in the database is the application's ([`Deadlines`]); the sweeper owns
//! only the timing and the index.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::clock::Clock;
use super::state::LiveState;

/// How often the sweeper looks for due deadlines (real time; due-ness uses the clock).
const SWEEP_EVERY: Duration = Duration::from_millis(250);

/// Sweeps between two re-syncs of the deadline index with the database (20 × 250 ms = 5 s).
const RESYNC_EVERY_TICKS: u64 = 20;

/// How late a session in progress may be before the re-sync puts it back in the index: longer
/// than a sweep takes, so a session being ended right now is not re-added needlessly.
const OVERDUE_GRACE_MS: i64 = 5_000;

/// Sessions claimed from the index per sweep at most.
const CLAIM_BATCH: usize = 256;

/// What became of a claimed session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Ended now, or over already, or gone: nothing more to index.
    Done,
    /// Not due: its deadline moved (an extension) to this instant (Unix ms).
    NotDue { deadline: i64 },
}

/// The application's side of the sweep: the database's view of deadlines.
#[async_trait::async_trait]
pub trait Deadlines: Send + Sync + 'static {
    /// Ends `session` if it is in progress and its stored deadline is at or before `now_ms`.
    async fn expire(&self, session: &str, now_ms: i64) -> anyhow::Result<Due>;
    /// Sessions still in progress whose deadline is at or before `before_ms`, with deadlines.
    async fn overdue(&self, before_ms: i64) -> anyhow::Result<Vec<(String, i64)>>;
}

/// Runs the sweeper until `deadlines` is dropped.
pub fn spawn(live: Arc<dyn LiveState>, clock: Arc<dyn Clock>, deadlines: Weak<dyn Deadlines>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(SWEEP_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut ticks = 0u64;
        loop {
            tick.tick().await;
            let Some(d) = deadlines.upgrade() else { return };
            ticks += 1;
            if ticks.is_multiple_of(RESYNC_EVERY_TICKS)
                && let Err(err) = resync_overdue(&*live, &*clock, &*d).await
            {
                tracing::warn!(error = %err, "deadline re-sync failed; retrying");
            }
            if let Err(err) = sweep(&*live, &*clock, &*d).await {
                tracing::warn!(error = %err, "deadline sweep failed; retrying");
            }
        }
    });
}

/// Puts back into the deadline index every session still in progress whose deadline passed
/// more than [`OVERDUE_GRACE_MS`] ago. The index is live state and may lose an entry (a Redis
/// claim whose reply was lost, a node that died mid-sweep); the database may not, so every
/// such session is still submitted, a few seconds late at worst.
async fn resync_overdue(
    live: &dyn LiveState,
    clock: &dyn Clock,
    deadlines: &dyn Deadlines,
) -> anyhow::Result<()> {
    let now = clock.now_ms();
    for (session, deadline) in deadlines.overdue(now - OVERDUE_GRACE_MS).await? {
        live.schedule_deadline(&session, deadline).await?;
    }
    Ok(())
}

async fn sweep(
    live: &dyn LiveState,
    clock: &dyn Clock,
    deadlines: &dyn Deadlines,
) -> anyhow::Result<()> {
    let now = clock.now_ms();
    for session in live.claim_due(now, CLAIM_BATCH).await? {
        match deadlines.expire(&session, now).await {
            Ok(Due::Done) => {}
            Ok(Due::NotDue { deadline }) => live.schedule_deadline(&session, deadline).await?,
            Err(e) => {
                // Claimed but not ended: back into the index, to be tried on the next sweep.
                live.schedule_deadline(&session, now).await?;
                return Err(e);
            }
        }
    }
    Ok(())
}
