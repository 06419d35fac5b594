//! Helpers for the live-exam tests: a campaign with candidates, a started exam, a socket.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::common::TestApp;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A valid IIN for test person `n` (born 1985-03-10; distinct serials per person).
pub fn iin(n: u32) -> String {
    (0..10u32)
        .find_map(|k| {
            let base = format!("8503103{:04}", n * 10 + k);
            let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
            synaq::domain::iin::check_digit(&digits).map(|c| format!("{base}{c}"))
        })
        .unwrap()
}

/// An admin token, the sample bank and a campaign with `n` candidates; their codes and
/// session ids.
pub async fn campaign(app: &TestApp, n: u32) -> (String, Vec<(String, String)>) {
    let admin = app.token("admin").await;
    let version = synaq::store::bank::import(
        &app.db,
        &synaq::sample::bank(),
        "sample",
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
        |_| {},
    )
    .await
    .unwrap()
    .version;
    let created: Value = app
        .client
        .post(app.url("/api/v1/admin/campaigns"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Test", "bank_version": version, "procedure": "periodic", "languages": ["kk", "ru"],
                      "opens_on": "2026-11-01", "closes_on": "2026-12-31"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let campaign = created["campaign_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned();
    let mut csv = String::from("iin,name,position,organization,procedure\n");
    for i in 0..n {
        csv.push_str(&format!(
            "{},Кандидат {i},tmc_employment_specialist,ЦТМ,periodic\n",
            iin(i)
        ));
    }
    let codes = upload_roster(app, &admin, &campaign, csv).await;
    (admin, codes)
}

/// Uploads the CSV `csv` to `campaign`'s roster as `admin`; each row's (access code, session id).
pub async fn upload_roster(
    app: &TestApp,
    admin: &str,
    campaign: &str,
    csv: String,
) -> Vec<(String, String)> {
    let roster: Value = app
        .client
        .post(app.url(&format!("/api/v1/admin/campaigns/{campaign}/roster")))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    roster["entries"]
        .as_array()
        .unwrap_or_else(|| panic!("{roster}"))
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_owned(),
                e["session_id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Logs in with `code`, chooses Russian and starts; the candidate's bearer token.
pub async fn start(app: &TestApp, code: &str) -> String {
    let login: Value = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{login}"))
        .to_owned();
    let rules = app
        .client
        .post(app.url("/api/v1/exam/rules"))
        .bearer_auth(&token)
        .json(&json!({"lang": "ru"}))
        .send()
        .await
        .unwrap();
    assert_eq!(rules.status(), 200);
    let rules: Value = rules.json().await.unwrap();
    assert_eq!(rules["status"], "rules", "{rules}");
    assert_eq!(rules["lang"], "ru", "{rules}");
    // What the transitions answer is what is stored (they do not read the session again).
    same_as_stored(app, &token, &rules).await;
    let started: Value = app
        .client
        .post(app.url("/api/v1/exam/start"))
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(started["status"], "in_progress", "{started}");
    same_as_stored(app, &token, &started).await;
    token
}

/// `GET path` with the candidate's bearer token, as JSON.
async fn get_json(app: &TestApp, token: &str, path: &str) -> Value {
    app.client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Asserts that `view` (a transition's answer) is the session as `GET /api/v1/exam/session`
/// reads it, but for the server's clock.
async fn same_as_stored(app: &TestApp, token: &str, view: &Value) {
    let mut stored = get_json(app, token, "/api/v1/exam/session").await;
    let mut view = view.clone();
    for v in [&mut stored, &mut view] {
        v.as_object_mut().unwrap().remove("server_time");
    }
    assert_eq!(view, stored);
}

/// Opens the exam socket with a bearer token.
pub async fn connect(app: &TestApp, token: &str) -> Socket {
    let mut request = format!("ws://{}/ws/exam", app.addr)
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    let (socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("websocket connects");
    socket
}

pub async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::Text(message.to_string().into()))
        .await
        .unwrap();
}

/// Sends, ignoring a socket the server already closed.
pub async fn send_lenient(socket: &mut Socket, message: Value) {
    let _ = socket.send(Message::Text(message.to_string().into())).await;
}

/// The next JSON message, or the close frame as `{"type": "close", "code": n}`.
pub async fn next(socket: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a message within 10 s");
        // A reset after the server closed is a close too.
        let Some(Ok(frame)) = frame else {
            return json!({"type": "close", "code": null});
        };
        let frame = Some(frame);
        match frame {
            Some(Message::Text(text)) => return serde_json::from_str(&text).unwrap(),
            Some(Message::Close(frame)) => {
                return json!({"type": "close", "code": frame.map(|f| u16::from(f.code))});
            }
            None => return json!({"type": "close", "code": null}),
            Some(_) => continue,
        }
    }
}

/// The next message of type `kind`, skipping `time` ticks.
pub async fn expect(socket: &mut Socket, kind: &str) -> Value {
    loop {
        let message = next(socket).await;
        if message["type"] == "time" && kind != "time" {
            continue;
        }
        assert_eq!(message["type"], kind, "{message}");
        return message;
    }
}

/// Expects the socket's `state` and adds the paper, fetched as the page does
/// (`GET /api/v1/exam/paper`), under `"paper"`.
pub async fn ready(app: &TestApp, token: &str, socket: &mut Socket) -> Value {
    let mut state = expect(socket, "state").await;
    assert_eq!(state["paper_url"], "/api/v1/exam/paper");
    assert!(
        state.get("paper").is_none(),
        "the socket does not carry the paper"
    );
    let paper = get_json(app, token, "/api/v1/exam/paper").await;
    assert_eq!(
        paper["questions"].as_array().map(Vec::len),
        state["questions"].as_u64().map(|n| n as usize)
    );
    state["paper"] = paper["questions"].clone();
    state
}

/// The first option id of question `q` in a `state` message.
pub fn option(state: &Value, q: usize, index: usize) -> String {
    state["paper"][q - 1]["options"][index]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Waits (bounded) until `check` holds — for effects of background tasks, not for time.
pub async fn eventually<F, Fut>(mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the condition did not hold within 10 s");
}

/// Runs `$body(app)` on SQLite + memory, and on PostgreSQL + Redis when configured.
#[macro_export]
macro_rules! on_both_stacks {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_memory() {
                let app = $crate::common::spawn_app($crate::common::sqlite().await).await;
                $body(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_redis() {
                let Some(db) = $crate::common::postgres().await else {
                    return;
                };
                let prefix = $crate::common::redis_prefix();
                let Some(live) = $crate::common::redis_state("node-a", &prefix).await else {
                    return;
                };
                let mut app = $crate::common::spawn_app_with(db, live).await;
                app.redis_keys = $crate::common::redis_url()
                    .map(|url| $crate::common::RedisKeys::new(&url, &prefix));
                $body(app).await;
            }
        }
    };
}
