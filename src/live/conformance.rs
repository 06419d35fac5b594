//! What every `LiveState` backend must do alike, written once as checks over `&dyn LiveState`
//! and run against `MemoryState` and `RedisState`; plus what only Redis can show (several
//! nodes, dropped connections, restarts).
//!
//! Redis tests need `SYNAQ_TEST_REDIS_URL` (e.g. `redis://127.0.0.1:6379`). Without it they
//! print "SKIPPED (no Redis: …)" on stderr and pass — except under `CI=true`, where a missing URL fails them. Each test
//! keeps its keys under a random prefix and deletes them at the end.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use super::memory::MemoryState;
use super::redis::RedisState;
use super::state::{Command, ConnId, LiveState};

fn conn(node: &str, conn: u64) -> ConnId {
    ConnId {
        node: node.into(),
        conn,
    }
}

fn extend(session: &str) -> Command {
    Command::Extend {
        session: session.into(),
    }
}

async fn takeover_survives_the_old_sockets_unregister(live: &dyn LiveState) {
    let (old, new) = (conn("a", 1), conn("b", 2));
    assert_eq!(live.holder("s").await.unwrap(), None);
    assert_eq!(live.register("s", &old).await.unwrap(), None);
    assert_eq!(live.register("s", &new).await.unwrap(), Some(old.clone()));
    live.unregister("s", &old).await.unwrap();
    assert_eq!(live.holder("s").await.unwrap(), Some(new.clone()));
    live.unregister("s", &new).await.unwrap();
    assert_eq!(live.holder("s").await.unwrap(), None);
    live.unregister("never-held", &old).await.unwrap();
}

async fn due_sessions_are_claimed_in_deadline_order(live: &dyn LiveState) {
    live.schedule_deadline("s2", 200).await.unwrap();
    live.schedule_deadline("s1", 100).await.unwrap();
    live.schedule_deadline("s3", 300).await.unwrap();
    live.schedule_deadline("s3", 150).await.unwrap(); // moved earlier: replaces, not adds
    live.schedule_deadline("t", 150).await.unwrap(); // same deadline: ordered by session
    live.schedule_deadline("gone", 50).await.unwrap();
    live.cancel_deadline("gone").await.unwrap();
    assert_eq!(
        live.claim_due(199, 10).await.unwrap(),
        vec!["s1", "s3", "t"]
    );
    assert!(live.claim_due(199, 10).await.unwrap().is_empty());
    assert_eq!(live.claim_due(200, 10).await.unwrap(), vec!["s2"]); // at the deadline: due
    assert!(live.claim_due(i64::MAX, 10).await.unwrap().is_empty());
}

async fn a_claim_takes_no_more_than_its_limit(live: &dyn LiveState) {
    for (i, s) in ["a", "b", "c"].into_iter().enumerate() {
        live.schedule_deadline(s, i as i64).await.unwrap();
    }
    assert!(live.claim_due(10, 0).await.unwrap().is_empty());
    assert_eq!(live.claim_due(10, 2).await.unwrap(), vec!["a", "b"]);
    assert_eq!(live.claim_due(10, 2).await.unwrap(), vec!["c"]);
}

/// Every node in `nodes` claims at once until nothing is due: each session is claimed once.
async fn concurrent_claims_take_each_session_exactly_once(nodes: Vec<Arc<dyn LiveState>>) {
    const SESSIONS: i64 = 1_000;
    for i in 0..SESSIONS {
        nodes[0]
            .schedule_deadline(&format!("s{i:04}"), i)
            .await
            .unwrap();
    }
    nodes[0]
        .schedule_deadline("later", SESSIONS * 10)
        .await
        .unwrap();
    let tasks: Vec<_> = nodes
        .into_iter()
        .map(|live| {
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let got = live.claim_due(SESSIONS, 7).await.unwrap();
                    if got.is_empty() {
                        return mine;
                    }
                    mine.extend(got);
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.unwrap());
    }
    let distinct: HashSet<&String> = all.iter().collect();
    assert_eq!(
        all.len(),
        SESSIONS as usize,
        "a session was claimed twice or lost"
    );
    assert_eq!(distinct.len(), SESSIONS as usize);
    assert!(!distinct.contains(&"later".to_string()));
}

/// Receives until `want` commands came or `patience` ran out.
async fn receive_all(live: &dyn LiveState, want: usize, patience: Duration) -> Vec<Command> {
    let until = Instant::now() + patience;
    let mut got = Vec::new();
    while got.len() < want && Instant::now() < until {
        got.extend(live.receive(4, Duration::from_millis(100)).await.unwrap());
    }
    got
}

async fn commands_arrive_in_the_order_sent(live: &dyn LiveState) {
    let sent: Vec<Command> = (0..25)
        .map(|i| match i % 4 {
            0 => extend(&format!("s{i}")),
            1 => Command::Void {
                session: format!("s{i}"),
            },
            2 => Command::ForceSubmit {
                session: format!("s{i}"),
            },
            _ => Command::TakeOver {
                session: format!("s{i}"),
                conn: i,
            },
        })
        .collect();
    for command in &sent {
        live.send(live.node(), command).await.unwrap();
    }
    assert_eq!(
        receive_all(live, sent.len(), Duration::from_secs(5)).await,
        sent
    );
    assert!(
        live.receive(10, Duration::from_millis(50))
            .await
            .unwrap()
            .is_empty()
    );
}

/// `sender` sends to `receiver`'s node (and to a node nobody runs): only `receiver` gets it.
async fn a_command_reaches_its_node_only(
    sender: &dyn LiveState,
    receiver: &dyn LiveState,
    bystander: &dyn LiveState,
) {
    sender.send("nobody", &extend("lost")).await.unwrap();
    sender.send(receiver.node(), &extend("s")).await.unwrap();
    let got = receive_all(receiver, 1, Duration::from_secs(5)).await;
    assert_eq!(got, vec![extend("s")]);
    assert!(
        bystander
            .receive(10, Duration::from_millis(100))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        receiver
            .receive(10, Duration::from_millis(50))
            .await
            .unwrap()
            .is_empty()
    );
}

async fn an_idle_receive_returns_nothing_after_its_wait(live: &dyn LiveState) {
    let started = Instant::now();
    assert!(
        live.receive(10, Duration::from_millis(200))
            .await
            .unwrap()
            .is_empty()
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(190),
        "returned early: {took:?}"
    );
    assert!(took < Duration::from_secs(2), "waited too long: {took:?}");
}

async fn a_waiting_receive_wakes_when_a_command_comes(
    sender: Arc<dyn LiveState>,
    receiver: Arc<dyn LiveState>,
) {
    let started = Instant::now();
    let waiting = tokio::spawn(async move { receiver.receive(10, Duration::from_secs(5)).await });
    tokio::time::sleep(Duration::from_millis(150)).await;
    let node = "receiver";
    sender.send(node, &extend("woke")).await.unwrap();
    assert_eq!(waiting.await.unwrap().unwrap(), vec![extend("woke")]);
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "woke only at the end of its wait"
    );
}

async fn hits_are_allowed_up_to_the_limit_in_each_window(live: &dyn LiveState) {
    let window_ms = 1_000;
    let window = Duration::from_millis(window_ms);
    // Start right after a window boundary so the hits below all fall in one window.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    let into_window = now.as_millis() as u64 % window_ms;
    tokio::time::sleep(Duration::from_millis(window_ms - into_window + 5)).await;
    assert!(live.hit("login:ip", window, 2).await.unwrap());
    assert!(live.hit("login:ip", window, 2).await.unwrap());
    assert!(!live.hit("login:ip", window, 2).await.unwrap());
    assert_eq!(
        live.peek("login:ip", window).await.unwrap(),
        3,
        "peek counts without counting"
    );
    assert_eq!(live.peek("login:ip", window).await.unwrap(), 3);
    assert_eq!(live.peek("login:never", window).await.unwrap(), 0);
    assert!(live.hit("login:other", window, 2).await.unwrap());
    assert!(!live.hit("closed", window, 0).await.unwrap());
    tokio::time::sleep(window + Duration::from_millis(20)).await;
    assert!(live.hit("login:ip", window, 2).await.unwrap());
}

mod on_memory {
    use super::*;

    fn live() -> MemoryState {
        MemoryState::new("receiver")
    }

    #[tokio::test]
    async fn takeover_survives_the_old_sockets_unregister() {
        super::takeover_survives_the_old_sockets_unregister(&live()).await;
    }

    #[tokio::test]
    async fn due_sessions_are_claimed_in_deadline_order() {
        super::due_sessions_are_claimed_in_deadline_order(&live()).await;
    }

    #[tokio::test]
    async fn a_claim_takes_no_more_than_its_limit() {
        super::a_claim_takes_no_more_than_its_limit(&live()).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_claims_take_each_session_exactly_once() {
        let shared: Arc<dyn LiveState> = Arc::new(live());
        super::concurrent_claims_take_each_session_exactly_once(vec![shared; 4]).await;
    }

    #[tokio::test]
    async fn commands_arrive_in_the_order_sent() {
        super::commands_arrive_in_the_order_sent(&live()).await;
    }

    #[tokio::test]
    async fn a_command_reaches_its_node_only() {
        let (node, other) = (live(), MemoryState::new("bystander"));
        super::a_command_reaches_its_node_only(&node, &node, &other).await;
    }

    #[tokio::test]
    async fn an_idle_receive_returns_nothing_after_its_wait() {
        super::an_idle_receive_returns_nothing_after_its_wait(&live()).await;
    }

    #[tokio::test]
    async fn a_waiting_receive_wakes_when_a_command_comes() {
        let shared: Arc<dyn LiveState> = Arc::new(live());
        super::a_waiting_receive_wakes_when_a_command_comes(shared.clone(), shared).await;
    }

    #[tokio::test]
    async fn hits_are_allowed_up_to_the_limit_in_each_window() {
        super::hits_are_allowed_up_to_the_limit_in_each_window(&live()).await;
    }
}

mod on_redis;
