//! The per-connection message rate (docs/limits.md): a token bucket of [`BURST`] messages
//! refilled at [`PER_SECOND`]. A candidate answers 100 questions in 120 minutes; the fastest
//! clicking is a few messages a second for a moment, and the largest burst is the page's
//! outbox replay after a reconnect (at most one answer and one flag per question: 200). A
//! connection that outruns the bucket is flooding.

use tokio::time::Instant;

/// Messages a connection may send at once: a full outbox replay (200) and room to spare.
pub const BURST: u32 = 300;

/// Messages a second a connection may send on end, once its burst is spent.
pub const PER_SECOND: u32 = 5;

/// One connection's bucket.
#[derive(Debug, Clone)]
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Bucket {
    /// A full bucket at `now`.
    pub fn new(now: Instant) -> Bucket {
        Bucket {
            tokens: f64::from(BURST),
            last: now,
        }
    }

    /// Takes one message's token at `now`; false when the connection is over its rate.
    pub fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * f64::from(PER_SECOND)).min(f64::from(BURST));
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_full_outbox_replay_passes_and_a_flood_does_not() {
        let start = Instant::now();
        let mut bucket = Bucket::new(start);
        for n in 0..BURST {
            assert!(bucket.take(start), "message {n} of the burst");
        }
        assert!(
            !bucket.take(start),
            "one past the burst at the same instant"
        );
    }

    #[test]
    fn the_bucket_refills_at_its_rate_up_to_the_burst() {
        let start = Instant::now();
        let mut bucket = Bucket::new(start);
        for _ in 0..BURST {
            bucket.take(start);
        }
        let later = start + Duration::from_secs(2);
        for n in 0..2 * PER_SECOND {
            assert!(bucket.take(later), "refilled message {n}");
        }
        assert!(!bucket.take(later));
        // An hour idle refills to the burst, not beyond.
        let much_later = later + Duration::from_secs(3600);
        for _ in 0..BURST {
            assert!(bucket.take(much_later));
        }
        assert!(!bucket.take(much_later));
    }

    #[test]
    fn a_candidate_clicking_every_second_for_two_hours_is_never_limited() {
        let mut now = Instant::now();
        let mut bucket = Bucket::new(now);
        for _ in 0..2 * 3600 {
            now += Duration::from_secs(1);
            // an answer, a flag and a heartbeat every second: far above any human
            assert!(bucket.take(now) && bucket.take(now) && bucket.take(now));
        }
    }
}
