//! What every exam socket of a node shares: the shutdown signal and the bound on their number
//! (docs/limits.md). `synaq serve` on SIGTERM shuts the gate: each socket closes with 1001
//! (going away, so the page reconnects to another node), and the server waits until every
//! socket has finished — each finishes only after its pending save is committed and answered.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::{CancellationToken, WaitForCancellationFutureOwned};

/// Sockets one node holds at most: ten thousand candidates at once (docs/performance.md) and
/// room for reconnects overlapping their old connections.
pub const MAX_SOCKETS: usize = 20_000;

/// The node's socket gate.
#[derive(Debug)]
pub struct Gate {
    shutdown: CancellationToken,
    permits: Arc<Semaphore>,
    limit: usize,
}

/// A socket's place under the bound; dropped when the socket ends.
#[derive(Debug)]
pub struct Admission {
    _permit: OwnedSemaphorePermit,
    shutdown: CancellationToken,
}

impl Admission {
    /// Resolves when the node shuts down.
    pub fn shutdown(&self) -> WaitForCancellationFutureOwned {
        self.shutdown.clone().cancelled_owned()
    }
}

impl Gate {
    pub fn new(limit: usize) -> Gate {
        Gate {
            shutdown: CancellationToken::new(),
            permits: Arc::new(Semaphore::new(limit)),
            limit,
        }
    }

    /// The bound.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// A place for one more socket; None when the node holds [`Gate::limit`] sockets or is
    /// shutting down.
    pub fn admit(&self) -> Option<Admission> {
        if self.shutdown.is_cancelled() {
            return None;
        }
        let permit = self.permits.clone().try_acquire_owned().ok()?;
        Some(Admission {
            _permit: permit,
            shutdown: self.shutdown.clone(),
        })
    }

    /// Tells every socket to close (1001) and admits no more.
    pub fn shut(&self) {
        self.shutdown.cancel();
    }

    /// Whether the gate was shut.
    pub fn is_shut(&self) -> bool {
        self.shutdown.is_cancelled()
    }

    /// Waits until every admitted socket has ended, at most `within`; false on the timeout.
    pub async fn drained(&self, within: Duration) -> bool {
        let all = u32::try_from(self.limit).unwrap_or(u32::MAX);
        tokio::time::timeout(within, self.permits.acquire_many(all))
            .await
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_admits_up_to_its_limit_and_again_after_one_leaves() {
        let gate = Gate::new(2);
        let a = gate.admit().expect("first");
        let _b = gate.admit().expect("second");
        assert!(gate.admit().is_none(), "the third is refused");
        drop(a);
        assert!(gate.admit().is_some(), "a place freed is taken again");
    }

    #[tokio::test(start_paused = true)]
    async fn a_shut_gate_signals_its_sockets_admits_none_and_drains() {
        let gate = Gate::new(4);
        let socket = gate.admit().unwrap();
        let signal = socket.shutdown();
        assert!(
            !gate.drained(Duration::from_secs(1)).await,
            "one socket open"
        );
        gate.shut();
        signal.await;
        assert!(gate.admit().is_none(), "no socket after the shutdown");
        drop(socket);
        assert!(gate.drained(Duration::from_secs(1)).await);
    }
}
