//! The injectable clock: the system clock in production, a manual one in tests (no test
//! sleeps to wait for a deadline: it advances the clock).

use std::sync::Mutex;

use jiff::Timestamp;
use tokio::sync::Notify;

#[async_trait::async_trait]
pub trait Clock: Send + Sync + 'static {
    fn now(&self) -> Timestamp;

    /// Returns once `now() >= at`.
    async fn sleep_until(&self, at: Timestamp);

    fn now_ms(&self) -> i64 {
        self.now().as_millisecond()
    }
}

/// The operating system's clock.
pub struct SystemClock;

#[async_trait::async_trait]
impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    async fn sleep_until(&self, at: Timestamp) {
        loop {
            let left = at.as_millisecond() - Timestamp::now().as_millisecond();
            if left <= 0 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(left as u64)).await;
        }
    }
}

/// A clock that moves only when told to.
pub struct ManualClock {
    now: Mutex<Timestamp>,
    moved: Notify,
}

impl ManualClock {
    pub fn new(start: Timestamp) -> ManualClock {
        ManualClock {
            now: Mutex::new(start),
            moved: Notify::new(),
        }
    }

    /// Moves the clock forward and wakes every sleeper.
    pub fn advance(&self, by: jiff::SignedDuration) {
        {
            let mut now = self.now.lock().expect("clock lock");
            *now = now.checked_add(by).expect("clock in range");
        }
        self.moved.notify_waiters();
    }
}

#[async_trait::async_trait]
impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().expect("clock lock")
    }

    async fn sleep_until(&self, at: Timestamp) {
        loop {
            let moved = self.moved.notified();
            tokio::pin!(moved);
            moved.as_mut().enable();
            if self.now() >= at {
                return;
            }
            moved.await;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[tokio::test]
    async fn a_manual_sleeper_wakes_only_when_the_clock_passes_its_time() {
        let start: Timestamp = "2026-11-27T05:00:00Z".parse().unwrap();
        let clock = Arc::new(ManualClock::new(start));
        let at = start
            .checked_add(jiff::SignedDuration::from_mins(120))
            .unwrap();
        let sleeper = tokio::spawn({
            let clock = clock.clone();
            async move { clock.sleep_until(at).await }
        });
        clock.advance(jiff::SignedDuration::from_mins(119));
        tokio::task::yield_now().await;
        assert!(!sleeper.is_finished());
        clock.advance(jiff::SignedDuration::from_mins(1));
        tokio::time::timeout(std::time::Duration::from_secs(5), sleeper)
            .await
            .unwrap()
            .unwrap();
    }
}
