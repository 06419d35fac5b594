//! What every candidate reports while the run goes: counters, the connection gauge and its
//! peak, errors by kind, and the acknowledgement latency histogram (microseconds). Shared by
//! all tasks behind an `Arc`; atomics for the hot counters, short-held mutexes for the rest.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

use hdrhistogram::Histogram;

/// The highest latency the histogram keeps exactly (10 minutes); longer ones are clamped.
const MAX_LATENCY_US: u64 = 600_000_000;

pub struct Stats {
    /// When the run started: the answering-phase bounds are offsets from it.
    started: Instant,
    /// Sockets open right now, and the most ever open at once.
    connected: AtomicU64,
    connected_max: AtomicU64,
    /// Answers acknowledged (each seq once).
    acked: AtomicU64,
    /// Answer messages written to a socket, replays included.
    sent: AtomicU64,
    /// Of those, the ones sent again after a reconnect.
    replayed: AtomicU64,
    /// Sockets dropped on purpose (`--reconnect-prob`) or after an unexpected close.
    reconnects: AtomicU64,
    /// Candidates whose exam ended with `ended {reason: "submitted"}`.
    submitted: AtomicU64,
    /// Candidates done, whatever the outcome.
    finished: AtomicU64,
    /// The first answer sent and the last ack received, in microseconds since `started`:
    /// the answering phase over which saves per second are counted.
    first_send_us: AtomicU64,
    last_ack_us: AtomicU64,
    /// The start burst: the first login request, and the last candidate's first `state` (its
    /// exam started, its paper fetched, its socket open), in microseconds since `started`;
    /// `ready` counts the candidates that got that far.
    first_login_us: AtomicU64,
    last_ready_us: AtomicU64,
    ready: AtomicU64,
    errors: Mutex<BTreeMap<String, u64>>,
    latency: Mutex<Histogram<u64>>,
}

/// Holds one place in the connection gauge; gives it back when dropped.
pub struct Connection<'a>(&'a Stats);

impl Drop for Connection<'_> {
    fn drop(&mut self) {
        self.0.connected.fetch_sub(1, Relaxed);
    }
}

impl Stats {
    pub fn new() -> Stats {
        Stats {
            started: Instant::now(),
            connected: AtomicU64::new(0),
            connected_max: AtomicU64::new(0),
            acked: AtomicU64::new(0),
            sent: AtomicU64::new(0),
            replayed: AtomicU64::new(0),
            reconnects: AtomicU64::new(0),
            submitted: AtomicU64::new(0),
            finished: AtomicU64::new(0),
            first_send_us: AtomicU64::new(u64::MAX),
            last_ack_us: AtomicU64::new(0),
            first_login_us: AtomicU64::new(u64::MAX),
            last_ready_us: AtomicU64::new(0),
            ready: AtomicU64::new(0),
            errors: Mutex::new(BTreeMap::new()),
            latency: Mutex::new(
                Histogram::new_with_bounds(1, MAX_LATENCY_US, 3).expect("valid histogram bounds"),
            ),
        }
    }

    /// A socket opened; the gauge goes down when the returned guard drops.
    pub fn connected(&self) -> Connection<'_> {
        let now = self.connected.fetch_add(1, Relaxed) + 1;
        self.connected_max.fetch_max(now, Relaxed);
        Connection(self)
    }

    pub fn sent(&self, replay: bool) {
        self.sent.fetch_add(1, Relaxed);
        if replay {
            self.replayed.fetch_add(1, Relaxed);
        }
        self.first_send_us.fetch_min(self.offset_us(), Relaxed);
    }

    /// An answer was acknowledged `latency` after it was (last) sent.
    pub fn acked(&self, latency: Duration) {
        self.acked.fetch_add(1, Relaxed);
        self.last_ack_us.fetch_max(self.offset_us(), Relaxed);
        let us = (latency.as_micros() as u64).clamp(1, MAX_LATENCY_US);
        self.latency
            .lock()
            .expect("latency lock")
            .record(us)
            .expect("clamped into bounds");
    }

    pub fn error(&self, kind: impl Into<String>) {
        *self
            .errors
            .lock()
            .expect("errors lock")
            .entry(kind.into())
            .or_insert(0) += 1;
    }

    /// A candidate sends its first login request.
    pub fn login_began(&self) {
        self.first_login_us.fetch_min(self.offset_us(), Relaxed);
    }

    /// A candidate got its first `state`: logged in, started, paper fetched, socket open.
    pub fn ready(&self) {
        self.ready.fetch_add(1, Relaxed);
        self.last_ready_us.fetch_max(self.offset_us(), Relaxed);
    }

    pub fn reconnect(&self) {
        self.reconnects.fetch_add(1, Relaxed);
    }

    pub fn finished(&self, submitted: bool) {
        self.finished.fetch_add(1, Relaxed);
        if submitted {
            self.submitted.fetch_add(1, Relaxed);
        }
    }

    /// Candidates that got their first `state` so far.
    pub fn ready_count(&self) -> u64 {
        self.ready.load(Relaxed)
    }

    /// Answers acknowledged so far.
    pub fn acked_count(&self) -> u64 {
        self.acked.load(Relaxed)
    }

    /// Time since the run started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    fn offset_us(&self) -> u64 {
        self.started.elapsed().as_micros() as u64
    }

    /// The figures as they stand now.
    pub fn snapshot(&self) -> Snapshot {
        let errors = self.errors.lock().expect("errors lock").clone();
        let h = self.latency.lock().expect("latency lock").clone();
        let first = self.first_send_us.load(Relaxed);
        let last = self.last_ack_us.load(Relaxed);
        let phase_s = if first == u64::MAX || last <= first {
            0.0
        } else {
            (last - first) as f64 / 1e6
        };
        let acked = self.acked.load(Relaxed);
        let ms = |us: u64| us as f64 / 1000.0;
        let quantile = |q: f64| {
            if h.is_empty() {
                0.0
            } else {
                ms(h.value_at_quantile(q))
            }
        };
        let ready = self.ready.load(Relaxed);
        let first_login = self.first_login_us.load(Relaxed);
        let start_burst_s = (ready > 0 && first_login != u64::MAX)
            .then(|| self.last_ready_us.load(Relaxed).saturating_sub(first_login) as f64 / 1e6);
        Snapshot {
            ready,
            start_burst_s,
            connected: self.connected.load(Relaxed),
            connected_max: self.connected_max.load(Relaxed),
            acked,
            sent: self.sent.load(Relaxed),
            replayed: self.replayed.load(Relaxed),
            reconnects: self.reconnects.load(Relaxed),
            submitted: self.submitted.load(Relaxed),
            finished: self.finished.load(Relaxed),
            errors: errors.values().sum(),
            error_kinds: errors,
            answering_s: phase_s,
            saves_per_s: if phase_s > 0.0 {
                acked as f64 / phase_s
            } else {
                0.0
            },
            p50_ms: quantile(0.50),
            p95_ms: quantile(0.95),
            p99_ms: quantile(0.99),
            max_ms: if h.is_empty() { 0.0 } else { ms(h.max()) },
        }
    }
}

/// The figures at one moment (see `docs/loadtest.md` for their meaning).
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// Candidates that got their first `state`, and the seconds from the first login to the
    /// last of them (the start burst; `None` before the first).
    pub ready: u64,
    pub start_burst_s: Option<f64>,
    pub connected: u64,
    pub connected_max: u64,
    pub acked: u64,
    pub sent: u64,
    pub replayed: u64,
    pub reconnects: u64,
    pub submitted: u64,
    pub finished: u64,
    pub errors: u64,
    pub error_kinds: BTreeMap<String, u64>,
    pub answering_s: f64,
    pub saves_per_s: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_gauge_keeps_its_peak_after_sockets_close() {
        let stats = Stats::new();
        {
            let _a = stats.connected();
            let _b = stats.connected();
        }
        let _c = stats.connected();
        let s = stats.snapshot();
        assert_eq!((s.connected, s.connected_max), (1, 2));
    }

    #[test]
    fn latency_percentiles_are_in_milliseconds() {
        let stats = Stats::new();
        for ms in 1..=100 {
            stats.sent(false);
            stats.acked(Duration::from_millis(ms));
        }
        let s = stats.snapshot();
        assert_eq!(s.acked, 100);
        assert!((s.p50_ms - 50.0).abs() < 0.1, "{}", s.p50_ms);
        assert!((s.p99_ms - 99.0).abs() < 0.1, "{}", s.p99_ms);
        assert!((s.max_ms - 100.0).abs() < 0.1, "{}", s.max_ms);
    }

    #[test]
    fn the_start_burst_runs_from_the_first_login_to_the_last_ready_candidate() {
        let stats = Stats::new();
        assert_eq!(stats.snapshot().start_burst_s, None);
        std::thread::sleep(Duration::from_millis(20));
        stats.login_began();
        stats.login_began();
        stats.ready();
        std::thread::sleep(Duration::from_millis(30));
        stats.ready();
        let s = stats.snapshot();
        assert_eq!(s.ready, 2);
        let burst = s.start_burst_s.expect("two are ready");
        // From the first login (after the 20 ms), not from the run's start.
        assert!((0.03..0.5).contains(&burst), "{burst}");
    }

    #[test]
    fn no_ack_gives_zero_figures_not_a_panic() {
        let stats = Stats::new();
        stats.error("ws_close_1006");
        stats.error("ws_close_1006");
        let s = stats.snapshot();
        assert_eq!((s.acked, s.saves_per_s, s.p99_ms), (0, 0.0, 0.0));
        assert_eq!(s.errors, 2);
        assert_eq!(s.error_kinds["ws_close_1006"], 2);
    }
}
