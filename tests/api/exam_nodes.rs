//! Several nodes and crashes: two `synaq` nodes sharing PostgreSQL and Redis behave as one;
//! a server killed with SIGKILL loses no acknowledged answer and keeps the deadline.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use serde_json::json;

use crate::common::{self, TestApp};
use crate::exam_support::*;

/// A candidate moves from node A to node B mid-exam, and an extension issued on node A
/// reaches the socket on node B.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_with_redis_behave_as_one() {
    let Some(db) = common::postgres().await else {
        return;
    };
    let prefix = common::redis_prefix();
    let Some(live_a) = common::redis_state("node-a", &prefix).await else {
        return;
    };
    let live_b = common::redis_state("node-b", &prefix).await.unwrap();
    let clock = Arc::new(synaq::live::ManualClock::new(common::start_time()));
    let mut a: TestApp = common::spawn_node(db.db.clone(), live_a, clock.clone()).await;
    a.redis_keys = common::redis_url().map(|url| common::RedisKeys::new(&url, &prefix));
    let b: TestApp = common::spawn_node(db.db.clone(), live_b, clock.clone()).await;

    let (admin, codes) = campaign(&a, 1).await;
    let token = start(&a, &codes[0].0).await;
    let mut on_a = connect(&a, &token).await;
    let state = ready(&a, &token, &mut on_a).await;
    send(
        &mut on_a,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    expect(&mut on_a, "ack").await;

    // The candidate's connection moves to node B: node A's socket is taken over.
    let mut on_b = connect(&b, &token).await;
    let resumed = ready(&b, &token, &mut on_b).await;
    assert_eq!(resumed["answers"]["1"], json!([option(&state, 1, 0)]));
    assert_eq!(expect(&mut on_a, "ended").await["reason"], "taken_over");
    assert_eq!(b.application.as_ref().unwrap().connected(), 1);
    send(
        &mut on_b,
        json!({"type": "answer", "q": 2, "choice": [option(&state, 2, 0)], "seq": 2}),
    )
    .await;
    expect(&mut on_b, "ack").await;

    // An extension on node A reaches the socket on node B.
    let response = a
        .client
        .post(a.url(&format!("/api/v1/admin/sessions/{}/extend", codes[0].1)))
        .bearer_auth(&admin)
        .json(&json!({"minutes": 10, "reason": "moved hall"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let notice = expect(&mut on_b, "notice").await;
    assert_eq!(
        notice["deadline"].as_i64().unwrap(),
        state["deadline"].as_i64().unwrap() + 10 * 60_000
    );

    // The deadline is claimed by exactly one node, and the socket on B ends with time_up.
    clock.advance(jiff::SignedDuration::from_mins(130));
    assert_eq!(expect(&mut on_b, "ended").await["reason"], "time_up");
    let ends = synaq::store::audit::entries_after(&a.db, 0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.record.action.starts_with("exam.end"))
        .count();
    assert_eq!(ends, 1, "one node ended the exam");
}

/// The Redis settings of a server on `url`: Redis (under a test prefix, deleted with the
/// server) on PostgreSQL when the test Redis is configured.
fn redis_for(url: &str) -> (Vec<(&'static str, String)>, Option<common::RedisKeys>) {
    match std::env::var("SYNAQ_TEST_REDIS_URL") {
        Ok(redis) if url.starts_with("postgres") && !redis.is_empty() => {
            let prefix = common::redis_prefix();
            let keys = common::RedisKeys::new(&redis, &prefix);
            let env = vec![("REDIS_URL", redis), ("SYNAQ_REDIS_PREFIX", prefix)];
            (env, Some(keys))
        }
        _ => (Vec::new(), None),
    }
}

pub struct Server {
    pub child: Child,
    pub port: u16,
    _keys: Option<common::RedisKeys>,
}

impl Server {
    /// Starts `synaq serve` on `url`; with Redis when `SYNAQ_TEST_REDIS_URL` is set and the
    /// database is PostgreSQL (the production stack).
    pub fn spawn(url: &str, dir: &std::path::Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (redis_env, keys) = redis_for(url);
        let child = Command::new(env!("CARGO_BIN_EXE_synaq"))
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--no-sample",
            ])
            .env("DATABASE_URL", url)
            .env_remove("REDIS_URL")
            .envs(redis_env)
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Server {
            child,
            port,
            _keys: keys,
        }
    }

    pub async fn ready(&self) {
        let url = format!("http://127.0.0.1:{}/health", self.port);
        eventually(|| {
            let url = url.clone();
            async move { reqwest::get(&url).await.is_ok_and(|r| r.status() == 200) }
        })
        .await;
    }

    fn kill9(mut self) {
        // SIGKILL: no clean shutdown, no flush.
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A server killed with SIGKILL and restarted loses no acknowledged answer and keeps the
/// deadline.
async fn kill_and_restart(url: String, dir: std::path::PathBuf) {
    let server = Server::spawn(&url, &dir);
    server.ready().await;
    let db = synaq::store::Db::connect(&url).await.unwrap();
    let app = TestApp::external(server.port, db.clone());
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    let mut acked = Vec::new();
    for q in 1..=40usize {
        send(
            &mut ws,
            json!({"type": "answer", "q": q, "choice": [option(&state, q, q % 2)], "seq": q}),
        )
        .await;
    }
    // Take the acks that arrived; kill the server at once, with saves possibly in flight.
    for _ in 0..20 {
        let message = expect(&mut ws, "ack").await;
        acked.push(message["seq"].as_i64().unwrap());
    }
    server.kill9();
    let server = Server::spawn(&url, &dir);
    server.ready().await;
    let app = TestApp::external(server.port, db.clone());
    let mut ws = connect(&app, &token).await;
    let resumed = ready(&app, &token, &mut ws).await;
    for seq in &acked {
        let q = *seq as usize;
        assert_eq!(
            resumed["answers"][q.to_string()],
            json!([option(&state, q, q % 2)]),
            "acknowledged answer {q} survived"
        );
    }
    assert_eq!(
        resumed["deadline"], state["deadline"],
        "the deadline is kept"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_answer_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/kill.db", dir.path().display());
    kill_and_restart(url, dir.path().to_owned()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_loses_no_acknowledged_answer_postgres_redis() {
    let Some(test_db) = common::postgres().await else {
        return;
    };
    if common::redis_url().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    kill_and_restart(test_db.url.clone(), dir.path().to_owned()).await;
}
