//! What the server writes down (issue 12, HTTP hygiene): the log of a full run — staff login,
//! a campaign, candidates logging in with their codes, answering and submitting, wrong
//! passwords and codes — carries a request id per request and no password, token, access code
//! or database password; and error bodies provoked with conflicts, bad references, SQL-shaped
//! and NUL-laden input never show SQL, a driver's words or a file-system path.
//!
//! The real binary runs with `SYNAQ_LOG=debug` and its stderr in a file, as an operator
//! would collect it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::common::{self, TestApp};
use crate::exam_support::*;

/// The password in the database URL: trust authentication accepts any, so it can be set and
/// looked for in the log.
const DB_PASSWORD: &str = "db-pass-Zq81vK";
const STAFF_PASSWORD: &str = "Correct-Horse-Battery-42";
const WRONG_PASSWORD: &str = "Wrong-Horse-Battery-43";

struct Logged {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Logged {
    fn spawn(url: &str, dir: &Path, redis: Option<(&str, &str)>) -> Logged {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let log = dir.join("server.log");
        let file = std::fs::File::create(&log).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_synaq"));
        command
            .args([
                "serve",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--no-sample",
            ])
            .env("DATABASE_URL", url)
            .env("SYNAQ_LOG", "debug")
            .env_remove("REDIS_URL")
            .current_dir(dir)
            .stdout(Stdio::null())
            .stderr(file);
        if let Some((redis, prefix)) = redis {
            command
                .env("REDIS_URL", redis)
                .env("SYNAQ_REDIS_PREFIX", prefix);
        }
        Logged {
            child: command.spawn().unwrap(),
            port,
            log,
        }
    }

    /// Waits (bounded: 30 s, a debug binary on a loaded machine) for `/health`.
    async fn ready(&self, health: &str) {
        for _ in 0..300 {
            if reqwest::get(health).await.is_ok_and(|r| r.status() == 200) {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        panic!("the server did not answer /health in 30 s; it logged:\n{log}");
    }

    /// Stops the server and returns everything it logged.
    fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::fs::read_to_string(&self.log).unwrap()
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Words that would show the internals: SQL, the drivers, source files, paths.
const INTERNALS: [&str; 16] = [
    "select ",
    "insert ",
    "update ",
    "delete from",
    "sqlx",
    "sqlstate",
    "constraint",
    "duplicate key",
    "unique",
    "foreign key",
    "sqlite",
    "postgres",
    "/tmp/",
    "/work/",
    ".rs:",
    "panicked",
];

fn no_internals(what: &str, body: &str) {
    let lower = body.to_lowercase();
    for word in INTERNALS {
        assert!(
            !lower.contains(word),
            "{what}: the error body shows {word:?}: {body}"
        );
    }
}

/// Sends `request`, expects an error status, checks its body and returns the status.
async fn error_body(what: &str, request: reqwest::RequestBuilder) -> u16 {
    let r = request.send().await.unwrap();
    let status = r.status().as_u16();
    let body = r.text().await.unwrap();
    assert!(
        status >= 400,
        "{what}: expected an error, got {status}: {body}"
    );
    no_internals(what, &body);
    let v: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{what}: {body}"));
    assert!(v["error"]["code"].is_string(), "{what}: {body}");
    status
}

async fn full_run(url: String, dir: PathBuf, redis: Option<(String, String)>) {
    let server = Logged::spawn(
        &url,
        &dir,
        redis.as_ref().map(|(u, p)| (u.as_str(), p.as_str())),
    );
    // The server migrates the database first; the test connects after.
    server
        .ready(&format!("http://127.0.0.1:{}/health", server.port))
        .await;
    let db = synaq::store::Db::connect(&url).await.unwrap();
    let app = TestApp::external(server.port, db.clone());
    let mut secrets: Vec<String> = vec![STAFF_PASSWORD.into(), WRONG_PASSWORD.into()];

    // Staff: an account with a password, a good and a bad login.
    let (admin, codes) = campaign(&app, 3).await;
    secrets.push(admin.clone());
    let r = app
        .client
        .post(app.url("/api/v1/admin/users"))
        .bearer_auth(&admin)
        .json(&json!({"username": "author.one", "password": STAFF_PASSWORD, "role": "author", "name": "Автор"}))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.text().await.unwrap());
    let login: Value = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": "author.one", "password": STAFF_PASSWORD}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let staff_token = login["token"].as_str().unwrap_or_else(|| panic!("{login}"));
    secrets.push(staff_token.to_owned());
    error_body(
        "a wrong password",
        app.client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "author.one", "password": WRONG_PASSWORD})),
    )
    .await;

    // Candidates: codes, tokens, answers, a submission; a wrong code.
    for (code, _) in &codes {
        secrets.push(code.clone());
    }
    let token = start(&app, &codes[0].0).await;
    secrets.push(token.clone());
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    for q in 1..=5usize {
        send(
            &mut ws,
            json!({"type": "answer", "q": q, "choice": [option(&state, q, 0)], "seq": q}),
        )
        .await;
        expect(&mut ws, "ack").await;
    }
    send(&mut ws, json!({"type": "submit", "seq": 6})).await;
    expect(&mut ws, "ended").await;
    let second = start(&app, &codes[1].0).await;
    secrets.push(second.clone());
    error_body(
        "a wrong access code",
        app.client
            .post(app.url("/api/v1/exam/login"))
            .json(&json!({"code": "ZZZZ-ZZZZ-ZZZZ-ZZZZ"})),
    )
    .await;

    // Errors the database raises: a taken username, a roster IIN already in the campaign,
    // a bank version that does not exist, NUL bytes PostgreSQL refuses, SQL-shaped ids.
    let user = json!({"username": "author.one", "password": STAFF_PASSWORD, "role": "author", "name": "Второй"});
    error_body(
        "a taken username",
        app.client
            .post(app.url("/api/v1/admin/users"))
            .bearer_auth(&admin)
            .json(&user),
    )
    .await;
    let session: Value = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{}", codes[2].1)))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let campaign_id = session["campaign_id"].as_str().map(str::to_owned);
    if let Some(campaign_id) = campaign_id {
        let csv = format!(
            "iin,name,position,organization,procedure\n{},Кандидат,tmc_employment_specialist,ЦТМ,periodic\n",
            iin(0)
        );
        error_body(
            "an IIN already on the roster",
            app.client
                .post(app.url(&format!("/api/v1/admin/campaigns/{campaign_id}/roster")))
                .bearer_auth(&admin)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await;
    }
    let new_campaign = |name: &str, version: i64| {
        app.client
            .post(app.url("/api/v1/admin/campaigns"))
            .bearer_auth(&admin)
            .json(&json!({"name": name, "bank_version": version, "procedure": "periodic",
                          "languages": ["kk", "ru"], "opens_on": "2026-11-01", "closes_on": "2026-12-31"}))
    };
    error_body(
        "a bank version that does not exist",
        new_campaign("X", 999_999),
    )
    .await;
    let nul = new_campaign("NUL \u{0} in a name", 1).send().await.unwrap();
    let body = nul.text().await.unwrap();
    no_internals("a NUL in a campaign name", &body);
    for id in [
        "' OR 1=1 --",
        "x\"; DROP TABLE sessions; --",
        "%00",
        "..%2F..%2Fetc%2Fpasswd",
    ] {
        error_body(
            "an SQL-shaped session id",
            app.client
                .get(app.url(&format!("/api/v1/admin/sessions/{id}")))
                .bearer_auth(&admin),
        )
        .await;
    }
    error_body(
        "an extension far too long",
        app.client
            .post(app.url(&format!("/api/v1/admin/sessions/{}/extend", codes[2].1)))
            .bearer_auth(&admin)
            .json(&json!({"minutes": i64::MAX, "reason": "r"})),
    )
    .await;

    // Request ids: a new one on every answer, a client's own kept; both in the log.
    let r = app.client.get(app.url("/health")).send().await.unwrap();
    let generated = r.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert_eq!(generated.len(), 36, "a UUID: {generated}");
    let r = app
        .client
        .get(app.url("/api/v1/me"))
        .header("x-request-id", "client-chosen-id-77")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "client-chosen-id-77");

    drop(ws);
    let log = server.stop();
    assert!(log.lines().count() > 20, "the server logged: {log}");
    assert!(log.contains(&generated), "the request id is in the log");
    assert!(
        log.contains("client-chosen-id-77"),
        "the client's request id is in the log"
    );
    assert!(
        log.contains("path=/api/v1/exam/login"),
        "requests are logged with their path"
    );
    secrets.push(DB_PASSWORD.into());
    for secret in &secrets {
        let line = log.lines().find(|l| l.contains(secret.as_str()));
        assert!(
            line.is_none(),
            "a secret {secret:?} is in the log: {line:?}"
        );
        let bare = secret.replace('-', "");
        if bare.len() >= 12 {
            let line = log.lines().find(|l| l.contains(bare.as_str()));
            assert!(line.is_none(), "a secret {bare:?} is in the log: {line:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_run_logs_request_ids_and_no_secret_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/logs.db", dir.path().display());
    full_run(url, dir.path().to_owned(), None).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_run_logs_request_ids_and_no_secret_postgres_redis() {
    let Some(test_db) = common::postgres().await else {
        return;
    };
    let Some(redis) = common::redis_url() else {
        return;
    };
    let prefix = common::redis_prefix();
    let keys = common::RedisKeys::new(&redis, &prefix);
    // The same database, reached with a password in its URL (trust authentication ignores it).
    let url = test_db.url.replacen(
        "postgres://postgres@",
        &format!("postgres://postgres:{DB_PASSWORD}@"),
        1,
    );
    assert!(
        url.contains(DB_PASSWORD),
        "the test URL has the expected form: {}",
        test_db.url
    );
    let dir = tempfile::tempdir().unwrap();
    full_run(
        url,
        dir.path().to_owned(),
        Some((redis.clone(), prefix.clone())),
    )
    .await;
    // The server kept its live state under the test's prefix, and the guard deletes it.
    assert!(!keys.remaining().is_empty(), "no key under {prefix}");
    let after = common::RedisKeys::new(&redis, &prefix);
    drop(keys);
    assert_eq!(after.remaining(), Vec::<String>::new());
}
