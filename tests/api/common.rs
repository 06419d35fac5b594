//! Test fixtures: a fresh database per test on each engine, and a server on port 0.
//!
//! SQLite tests use a temporary file. PostgreSQL tests run when `SYNAQ_TEST_DATABASE_URL` is
//! set: each creates a uniquely named database on that server and drops it afterwards. Under
//! `CI=true` a missing PostgreSQL URL fails the test instead of skipping it; outside CI a
//! skipped test says so on stderr (`SKIPPED (no PostgreSQL: set SYNAQ_TEST_DATABASE_URL)`),
//! written past the harness's capture so that a plain `cargo test` shows what did not run. Redis keys live under a `synaq-test:`
//! prefix per test and are deleted when the test's [`RedisKeys`] guard drops.

use std::net::SocketAddr;
use std::sync::Arc;

use synaq::app::{Application, Wiring};
use synaq::config::Config;
use synaq::http::{AppState, app};
use synaq::live::memory::MemoryState;
use synaq::live::{LiveState, ManualClock};
use synaq::store::Db;

/// A database that lives as long as the test.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = format!("sqlite://{}/synaq.db", dir.path().display());
    let db = Db::connect(&url).await.expect("SQLite test database");
    TestDb {
        db,
        url,
        _dir: Some(dir),
        drop_pg: None,
    }
}

/// The value of the service variable `var`, or None after printing why the test is skipped;
/// under `CI=true` a missing service fails the test instead.
pub fn service_url(var: &str, service: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true but {var} is not set: the {service} tests must run in CI")
        }
        _ => {
            // Straight to stderr, not `eprintln!`: the test harness hides what a passing test
            // prints through the macros, and a skip must show in the run's output.
            use std::io::Write as _;
            let _ = writeln!(std::io::stderr(), "SKIPPED (no {service}: set {var})");
            None
        }
    }
}

/// The PostgreSQL server URL for tests, or None (skip) outside CI.
pub fn postgres_url() -> Option<String> {
    service_url("SYNAQ_TEST_DATABASE_URL", "PostgreSQL")
}

/// The Redis URL for tests, or None (skip) outside CI.
pub fn redis_url() -> Option<String> {
    service_url("SYNAQ_TEST_REDIS_URL", "Redis")
}

/// A fresh key prefix in the test Redis, `synaq-test:<id>:`.
pub fn redis_prefix() -> String {
    format!("synaq-test:{}:", synaq::id::new_id())
}

/// Deletes every key under a test's prefix in the test Redis when dropped (also when the test
/// panics), so a test run leaves no key behind: the live state's `deadlines` set and command
/// streams have no expiry of their own.
pub struct RedisKeys {
    url: String,
    prefix: String,
}

impl RedisKeys {
    pub fn new(url: &str, prefix: &str) -> RedisKeys {
        assert!(
            prefix.starts_with("synaq-test:") && prefix.len() > "synaq-test:".len(),
            "test keys live under their own synaq-test: prefix, not {prefix:?}"
        );
        RedisKeys {
            url: url.to_owned(),
            prefix: prefix.to_owned(),
        }
    }

    /// The keys left under the prefix (for a test that checks the clean-up).
    pub fn remaining(&self) -> Vec<String> {
        let mut conn = redis::Client::open(self.url.as_str())
            .and_then(|c| c.get_connection())
            .expect("the test Redis");
        redis::cmd("KEYS")
            .arg(format!("{}*", self.prefix))
            .query(&mut conn)
            .expect("KEYS on the test Redis")
    }
}

impl Drop for RedisKeys {
    fn drop(&mut self) {
        let Ok(mut conn) = redis::Client::open(self.url.as_str()).and_then(|c| c.get_connection())
        else {
            eprintln!(
                "could not delete the test keys {}*: Redis is gone",
                self.prefix
            );
            return;
        };
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(format!("{}*", self.prefix))
            .query(&mut conn)
            .unwrap_or_default();
        if !keys.is_empty() {
            let _: redis::RedisResult<i64> = redis::cmd("DEL").arg(&keys).query(&mut conn);
        }
    }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = postgres_url()?;
    let name = format!("synaq_test_{}", synaq::id::new_id());
    let admin = admin_pool(&admin_url).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .expect("CREATE DATABASE on the test PostgreSQL server");
    admin.close().await;
    let url = with_database(&admin_url, &name);
    let db = Db::connect(&url).await.expect("PostgreSQL test database");
    Some(TestDb {
        db,
        url,
        _dir: None,
        drop_pg: Some((admin_url, name)),
    })
}

async fn admin_pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url)
        .await
        .expect("connect to the test PostgreSQL server")
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.drop_pg.take() {
            // Async work cannot run in Drop: a short-lived runtime on its own thread does it.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    let admin = admin_pool(&admin_url).await;
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&admin)
                    .await;
                    admin.close().await;
                });
            })
            .join();
        }
    }
}

/// Runs a test body once on SQLite and once on PostgreSQL (when configured):
/// `on_both_engines!(name, |db| async move { ... });` makes `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! on_both_engines {
    ($name:ident, |$db:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test]
            async fn sqlite() {
                let test_db = $crate::common::sqlite().await;
                let $db: synaq::store::Db = test_db.db.clone();
                $body.await;
            }

            #[tokio::test]
            async fn postgres() {
                let Some(test_db) = $crate::common::postgres().await else {
                    return;
                };
                let $db: synaq::store::Db = test_db.db.clone();
                $body.await;
            }
        }
    };
}

/// A running server on port 0 over `db`.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: Db,
    pub client: reqwest::Client,
    /// The node's exam application (None for a server in another process).
    pub application: Option<Arc<Application>>,
    pub clock: Arc<ManualClock>,
    /// Keeps the database (its file or PostgreSQL database) alive as long as the server.
    _test_db: Option<TestDb>,
    /// Deletes the server's Redis keys after it (fields drop in order).
    pub redis_keys: Option<RedisKeys>,
}

impl TestApp {
    /// A handle on a server running in another process (the real clock is its clock).
    pub fn external(port: u16, db: Db) -> TestApp {
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let clock = Arc::new(ManualClock::new(jiff::Timestamp::now()));
        TestApp {
            addr,
            db,
            client: reqwest::Client::new(),
            application: None,
            clock,
            _test_db: None,
            redis_keys: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn token(&self, role: &str) -> String {
        synaq::store::token::issue(
            &self.db,
            synaq::domain::role::Role::parse(role).unwrap(),
            &format!("test-{role}"),
            &synaq::domain::audit::Actor::Cli,
            jiff::Timestamp::now(),
        )
        .await
        .unwrap()
    }
}

pub async fn spawn_app(test_db: TestDb) -> TestApp {
    let live: Arc<dyn LiveState> = Arc::new(MemoryState::new("test-node"));
    spawn_app_with(test_db, live).await
}

/// The clock every test app starts at: a Friday noon in Almaty.
pub fn start_time() -> jiff::Timestamp {
    "2026-11-27T07:00:00Z".parse().unwrap()
}

/// A server over `test_db` with the given live state and a manual clock.
pub async fn spawn_app_with(test_db: TestDb, live: Arc<dyn LiveState>) -> TestApp {
    let clock = Arc::new(ManualClock::new(start_time()));
    let app = spawn_node(test_db.db.clone(), live, clock.clone()).await;
    TestApp {
        _test_db: Some(test_db),
        ..app
    }
}

/// A server node over `db` (another node over the same database shares it).
pub async fn spawn_node(db: Db, live: Arc<dyn LiveState>, clock: Arc<ManualClock>) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Arc::new(Config {
        addr,
        max_upload_bytes: Config::DEFAULT_MAX_UPLOAD_BYTES,
        trusted_proxies: Default::default(),
    });
    let application = Application::build(Wiring {
        db: db.clone(),
        live,
        clock: clock.clone(),
    })
    .await
    .unwrap();
    let state = AppState::new(application.clone(), config);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    TestApp {
        addr,
        db,
        client: reqwest::Client::new(),
        application: Some(application),
        clock,
        _test_db: None,
        redis_keys: None,
    }
}

/// A Redis live state under `prefix` (from [`redis_prefix`]; the caller keeps a
/// [`RedisKeys`] for it), when Redis is configured (else None; under CI=true a missing Redis
/// URL fails).
pub async fn redis_state(node: &str, prefix: &str) -> Option<Arc<dyn LiveState>> {
    let url = redis_url()?;
    let state = synaq::live::redis::RedisState::connect_with_prefix(&url, node, prefix)
        .await
        .expect("test Redis");
    Some(Arc::new(state))
}
