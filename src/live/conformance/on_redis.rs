//! The conformance checks against `RedisState`, several nodes on one Redis, and what only Redis
//! has: dropped connections, restarted nodes, malformed stored values, secret-free errors.

use super::*;

static NEXT: AtomicU64 = AtomicU64::new(0);

/// One test's corner of the test Redis: a random key prefix, deleted at the end.
struct Fixture {
    url: String,
    prefix: String,
}

impl Fixture {
    /// `None` (after printing "skipped") when no test Redis is configured; under `CI=true`
    /// a missing URL is a failure, so CI cannot pass without running these.
    fn new() -> Option<Fixture> {
        let Ok(url) = std::env::var("SYNAQ_TEST_REDIS_URL") else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI=true but SYNAQ_TEST_REDIS_URL is unset: the Redis live-state tests must run"
            );
            // Past the harness's output capture, so the skip shows in a plain `cargo test`.
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("SKIPPED (no Redis: set SYNAQ_TEST_REDIS_URL)\n"),
            );
            return None;
        };
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let prefix = format!("synaq-test:{}-{nanos}-{n}:", std::process::id());
        Some(Fixture { url, prefix })
    }

    async fn node(&self, name: &str) -> Arc<RedisState> {
        let state = RedisState::connect_with_prefix(&self.url, name, self.prefix.clone());
        Arc::new(state.await.expect("connect to the test Redis"))
    }

    async fn admin(&self) -> redis::aio::MultiplexedConnection {
        let client = redis::Client::open(self.url.as_str()).unwrap();
        client.get_multiplexed_async_connection().await.unwrap()
    }

    /// Deletes every key under this test's prefix.
    async fn clean_up(self) {
        let mut admin = self.admin().await;
        let mut cursor = 0_u64;
        loop {
            let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
                .arg(cursor)
                .arg("MATCH")
                .arg(format!("{}*", self.prefix))
                .arg("COUNT")
                .arg(1000)
                .query_async(&mut admin)
                .await
                .unwrap();
            if !keys.is_empty() {
                let _: i64 = redis::cmd("DEL")
                    .arg(&keys)
                    .query_async(&mut admin)
                    .await
                    .unwrap();
            }
            if next == 0 {
                return;
            }
            cursor = next;
        }
    }
}

/// Runs a one-node check against a fresh `RedisState` named "receiver".
macro_rules! on_one_node {
    ($($check:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $check() {
            let Some(fixture) = Fixture::new() else { return };
            super::$check(fixture.node("receiver").await.as_ref()).await;
            fixture.clean_up().await;
        }
    )*};
}

on_one_node!(
    takeover_survives_the_old_sockets_unregister,
    due_sessions_are_claimed_in_deadline_order,
    a_claim_takes_no_more_than_its_limit,
    commands_arrive_in_the_order_sent,
    an_idle_receive_returns_nothing_after_its_wait,
    hits_are_allowed_up_to_the_limit_in_each_window,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_claims_take_each_session_exactly_once() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let mut nodes: Vec<Arc<dyn LiveState>> = Vec::new();
    for name in ["n1", "n2", "n3", "n4"] {
        nodes.push(fixture.node(name).await);
    }
    super::concurrent_claims_take_each_session_exactly_once(nodes).await;
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_command_reaches_its_node_only() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let (a, b) = (fixture.node("a").await, fixture.node("b").await);
    super::a_command_reaches_its_node_only(a.as_ref(), b.as_ref(), a.as_ref()).await;
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_waiting_receive_wakes_when_a_command_comes() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let (sender, receiver) = (fixture.node("sender").await, fixture.node("receiver").await);
    super::a_waiting_receive_wakes_when_a_command_comes(sender, receiver).await;
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_takeover_on_another_node_is_seen_by_the_first() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let (a, b) = (fixture.node("a").await, fixture.node("b").await);
    a.register("s", &conn("a", 1)).await.unwrap();
    assert_eq!(
        b.register("s", &conn("b", 9)).await.unwrap(),
        Some(conn("a", 1))
    );
    a.unregister("s", &conn("a", 1)).await.unwrap();
    assert_eq!(a.holder("s").await.unwrap(), Some(conn("b", 9)));
    fixture.clean_up().await;
}

/// Drops one client connection from the server side, as a network failure would.
async fn kill_client(admin: &mut redis::aio::MultiplexedConnection, id: i64) {
    let killed: i64 = redis::cmd("CLIENT")
        .arg("KILL")
        .arg("ID")
        .arg(id)
        .query_async(admin)
        .await
        .unwrap();
    assert_eq!(killed, 1, "the receiver's connection was not there to drop");
}

#[tokio::test]
async fn commands_queued_while_the_receivers_connection_was_dropped_are_received() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let (a, b) = (fixture.node("a").await, fixture.node("b").await);
    let mut admin = fixture.admin().await;
    // Dropped while idle: the next receive reconnects and reads from its last id.
    let id = b.receiver_client_id().await.unwrap();
    kill_client(&mut admin, id).await;
    a.send("b", &extend("while-down")).await.unwrap();
    let got = receive_all(b.as_ref(), 1, Duration::from_secs(5)).await;
    assert_eq!(got, vec![extend("while-down")]);
    // Dropped in the middle of a blocking read: that read retries on a new connection.
    let id = b.receiver_client_id().await.unwrap();
    let waiting = {
        let b = b.clone();
        tokio::spawn(async move { receive_all(b.as_ref(), 2, Duration::from_secs(8)).await })
    };
    tokio::time::sleep(Duration::from_millis(150)).await;
    kill_client(&mut admin, id).await;
    a.send("b", &extend("after-kill-1")).await.unwrap();
    a.send("b", &extend("after-kill-2")).await.unwrap();
    let got = waiting.await.unwrap();
    assert_eq!(got, vec![extend("after-kill-1"), extend("after-kill-2")]);
    fixture.clean_up().await;
}

#[tokio::test]
async fn commands_sent_before_the_first_receive_are_not_lost() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let (a, b) = (fixture.node("a").await, fixture.node("b").await);
    a.send("b", &extend("early")).await.unwrap();
    assert_eq!(
        b.receive(10, Duration::ZERO).await.unwrap(),
        vec![extend("early")]
    );
    assert!(b.receive(10, Duration::ZERO).await.unwrap().is_empty());
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_restarted_node_does_not_replay_its_old_commands() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let a = fixture.node("a").await;
    a.send("b", &extend("before-restart")).await.unwrap();
    let b = fixture.node("b").await;
    assert!(
        b.receive(10, Duration::from_millis(50))
            .await
            .unwrap()
            .is_empty()
    );
    a.send("b", &extend("after-restart")).await.unwrap();
    assert_eq!(
        receive_all(b.as_ref(), 1, Duration::from_secs(5)).await,
        vec![extend("after-restart")]
    );
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_malformed_stored_value_is_an_error_not_a_holder() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let live = fixture.node("a").await;
    let mut admin = fixture.admin().await;
    let key = format!("{}holder:s", fixture.prefix);
    let _: () = redis::cmd("SET")
        .arg(&key)
        .arg("not json")
        .query_async(&mut admin)
        .await
        .unwrap();
    let err = live.holder("s").await.unwrap_err();
    assert!(err.to_string().contains("malformed"), "{err}");
    // Registering over it reports the bad previous value, yet the new holder is stored.
    live.register("s", &conn("a", 3)).await.unwrap_err();
    assert_eq!(live.holder("s").await.unwrap(), Some(conn("a", 3)));
    fixture.clean_up().await;
}

#[tokio::test]
async fn a_malformed_command_is_skipped_and_the_next_is_delivered() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let live = fixture.node("a").await;
    let mut admin = fixture.admin().await;
    let stream = format!("{}commands:a", fixture.prefix);
    let _: String = redis::cmd("XADD")
        .arg(&stream)
        .arg("*")
        .arg("c")
        .arg("{")
        .query_async(&mut admin)
        .await
        .unwrap();
    live.send("a", &extend("fine")).await.unwrap();
    assert_eq!(
        receive_all(live.as_ref(), 1, Duration::from_secs(5)).await,
        vec![extend("fine")]
    );
    fixture.clean_up().await;
}

#[tokio::test]
async fn an_unreachable_redis_is_an_error_without_the_password() {
    let url = "redis://synaq:s3cret-Pa55@127.0.0.1:1/0";
    let Err(err) = RedisState::connect(url, "a").await else {
        panic!("connected to a closed port");
    };
    let message = err.to_string();
    assert!(message.starts_with("live state: redis"), "{message}");
    assert!(
        !message.contains("s3cret-Pa55"),
        "password leaked: {message}"
    );
}

#[tokio::test]
async fn a_url_that_does_not_parse_is_an_error_without_the_password() {
    let Err(err) = RedisState::connect("redis://synaq:s3cret-Pa55@[bad/0", "a").await else {
        panic!("a malformed URL connected");
    };
    assert!(
        !err.to_string().contains("s3cret-Pa55"),
        "password leaked: {err}"
    );
}
#[tokio::test]
async fn a_wrong_password_is_an_error_without_the_password() {
    let Some(fixture) = Fixture::new() else {
        return;
    };
    let Some(("redis", rest)) = fixture.url.split_once("://") else {
        return;
    };
    if rest.contains('@') {
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIPPED (the test Redis URL already carries credentials)\n"),
        );
        return;
    }
    let url = format!("redis://synaq:s3cret-Pa55@{rest}");
    let Err(err) = RedisState::connect(&url, "a").await else {
        panic!("connected with a made-up password");
    };
    assert!(
        !err.to_string().contains("s3cret-Pa55"),
        "password leaked: {err}"
    );
}
