//! The in-process live state: one node, no other process to share with. The default.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::Notify;

use super::state::{Command, ConnId, LiveResult, LiveState};

/// Live state held in this process's memory.
pub struct MemoryState {
    node: String,
    inner: Mutex<Inner>,
    commands_ready: Notify,
}

#[derive(Default)]
struct Inner {
    holders: HashMap<String, ConnId>,
    /// (deadline, session), and session -> deadline to replace entries.
    deadlines: BTreeSet<(i64, String)>,
    deadline_of: HashMap<String, i64>,
    commands: VecDeque<Command>,
    /// key -> (window start, hits).
    counters: HashMap<String, (Instant, u64)>,
}

impl MemoryState {
    pub fn new(node: impl Into<String>) -> MemoryState {
        MemoryState {
            node: node.into(),
            inner: Mutex::new(Inner::default()),
            commands_ready: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("live state lock poisoned")
    }
}

#[async_trait::async_trait]
impl LiveState for MemoryState {
    fn node(&self) -> &str {
        &self.node
    }

    async fn register(&self, session: &str, conn: &ConnId) -> LiveResult<Option<ConnId>> {
        Ok(self.lock().holders.insert(session.to_owned(), conn.clone()))
    }

    async fn unregister(&self, session: &str, conn: &ConnId) -> LiveResult<()> {
        let mut inner = self.lock();
        if inner.holders.get(session) == Some(conn) {
            inner.holders.remove(session);
        }
        Ok(())
    }

    async fn holder(&self, session: &str) -> LiveResult<Option<ConnId>> {
        Ok(self.lock().holders.get(session).cloned())
    }

    async fn schedule_deadline(&self, session: &str, deadline_ms: i64) -> LiveResult<()> {
        let mut inner = self.lock();
        if let Some(old) = inner.deadline_of.insert(session.to_owned(), deadline_ms) {
            inner.deadlines.remove(&(old, session.to_owned()));
        }
        inner.deadlines.insert((deadline_ms, session.to_owned()));
        Ok(())
    }

    async fn cancel_deadline(&self, session: &str) -> LiveResult<()> {
        let mut inner = self.lock();
        if let Some(old) = inner.deadline_of.remove(session) {
            inner.deadlines.remove(&(old, session.to_owned()));
        }
        Ok(())
    }

    async fn claim_due(&self, now_ms: i64, limit: usize) -> LiveResult<Vec<String>> {
        let mut inner = self.lock();
        let due: Vec<(i64, String)> = inner
            .deadlines
            .iter()
            .take_while(|(at, _)| *at <= now_ms)
            .take(limit)
            .cloned()
            .collect();
        for entry in &due {
            inner.deadlines.remove(entry);
            inner.deadline_of.remove(&entry.1);
        }
        Ok(due.into_iter().map(|(_, s)| s).collect())
    }

    async fn send(&self, node: &str, command: &Command) -> LiveResult<()> {
        if node == self.node {
            self.lock().commands.push_back(command.clone());
            self.commands_ready.notify_one();
        }
        // Any other node cannot exist in one process: the command has nowhere to go, and its
        // effect is in the database already.
        Ok(())
    }

    async fn receive(&self, max: usize, wait: Duration) -> LiveResult<Vec<Command>> {
        let take = |inner: &mut Inner| -> Vec<Command> {
            let n = inner.commands.len().min(max);
            inner.commands.drain(..n).collect()
        };
        let ready = take(&mut self.lock());
        if !ready.is_empty() {
            return Ok(ready);
        }
        let _ = tokio::time::timeout(wait, self.commands_ready.notified()).await;
        Ok(take(&mut self.lock()))
    }

    async fn hit(&self, key: &str, window: Duration, limit: u64) -> LiveResult<bool> {
        let mut inner = self.lock();
        let now = Instant::now();
        let entry = inner.counters.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= window {
            *entry = (now, 0);
        }
        entry.1 += 1;
        let allowed = entry.1 <= limit;
        // Keep the map bounded: drop windows that ended long ago.
        if inner.counters.len() > 100_000 {
            inner
                .counters
                .retain(|_, (start, _)| now.duration_since(*start) < window * 2);
        }
        Ok(allowed)
    }

    async fn peek(&self, key: &str, window: Duration) -> LiveResult<u64> {
        let inner = self.lock();
        Ok(match inner.counters.get(key) {
            Some((start, hits)) if start.elapsed() < window => *hits,
            _ => 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn due_sessions_are_claimed_once_in_deadline_order() {
        let live = MemoryState::new("a");
        live.schedule_deadline("s2", 200).await.unwrap();
        live.schedule_deadline("s1", 100).await.unwrap();
        live.schedule_deadline("s3", 300).await.unwrap();
        live.schedule_deadline("s3", 150).await.unwrap(); // moved earlier
        assert_eq!(live.claim_due(199, 10).await.unwrap(), vec!["s1", "s3"]);
        assert!(live.claim_due(199, 10).await.unwrap().is_empty());
        live.cancel_deadline("s2").await.unwrap();
        assert!(live.claim_due(1_000, 10).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_takeover_keeps_the_new_holder_when_the_old_unregisters() {
        let live = MemoryState::new("a");
        let old = ConnId {
            node: "a".into(),
            conn: 1,
        };
        let new = ConnId {
            node: "a".into(),
            conn: 2,
        };
        assert_eq!(live.register("s", &old).await.unwrap(), None);
        assert_eq!(live.register("s", &new).await.unwrap(), Some(old.clone()));
        live.unregister("s", &old).await.unwrap();
        assert_eq!(live.holder("s").await.unwrap(), Some(new));
    }

    #[tokio::test]
    async fn commands_queue_for_this_node_in_order() {
        let live = MemoryState::new("a");
        let extend = Command::Extend {
            session: "s".into(),
        };
        let void = Command::Void {
            session: "s".into(),
        };
        live.send("a", &extend).await.unwrap();
        live.send("a", &void).await.unwrap();
        let got = live.receive(10, Duration::from_millis(10)).await.unwrap();
        assert_eq!(got, vec![extend, void]);
        assert!(
            live.receive(10, Duration::from_millis(10))
                .await
                .unwrap()
                .is_empty()
        );
    }

    #[tokio::test]
    async fn rate_limit_counts_within_a_window() {
        let live = MemoryState::new("a");
        for _ in 0..3 {
            assert!(live.hit("k", Duration::from_secs(60), 3).await.unwrap());
        }
        assert!(!live.hit("k", Duration::from_secs(60), 3).await.unwrap());
        assert!(live.hit("other", Duration::from_secs(60), 3).await.unwrap());
        assert_eq!(live.peek("k", Duration::from_secs(60)).await.unwrap(), 4);
        assert_eq!(
            live.peek("never", Duration::from_secs(60)).await.unwrap(),
            0
        );
    }
}
