//! Safe Exam Browser per campaign (docs/proctoring.md, "Safe Exam Browser"): the admin's
//! settings and their refusals, and the check on the exam API, the pages and the socket
//! upgrade: unaffected without SEB, admitted with the right hashes, each wrong key refused with
//! its code, forwarded headers believed from a trusted proxy and ignored from anyone else. On
//! SQLite + memory and on PostgreSQL + Redis.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Value, json};
use synaq_proctor::seb::{Key, TrustedProxies, request_hash};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;
use crate::proctor::{audit_actions, json_of};

/// `printf '%s' synaq-seb-config-example | sha256sum` (docs/proctoring.md).
const CONFIG_KEY: &str = "94772b2b883c6abfba6badebef6c96d15a4a84d558a58a904d33edef77a63dfb";
const BROWSER_KEY: &str = "c6eb73aca688ad209048f067131085d3fb1016b95386c4209179fcdd60bb7cdd";
const OTHER_KEY: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The two SEB headers for `url` with these keys.
fn hashes(url: &str, config: &str, browser: &str) -> [(&'static str, String); 2] {
    let hash = |key: &str| request_hash(url, &Key::parse(key).unwrap());
    [
        ("x-safeexambrowser-configkeyhash", hash(config)),
        ("x-safeexambrowser-requesthash", hash(browser)),
    ]
}

/// The campaign of the candidates of [`campaign`] (its first session's).
async fn campaign_of(app: &TestApp, session: &str) -> String {
    synaq::store::exam::get(&app.db, session)
        .await
        .unwrap()
        .campaign_id
}

async fn put_seb(app: &TestApp, admin: &str, campaign: &str, body: Value) -> (StatusCode, Value) {
    json_of(
        app.client
            .put(app.url(&format!("/api/v1/admin/campaigns/{campaign}/seb")))
            .bearer_auth(admin)
            .json(&body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

fn keys_body() -> Value {
    json!({"config_key": CONFIG_KEY, "browser_exam_keys": [OTHER_KEY, BROWSER_KEY]})
}

/// Logs in with `code`; the bearer token.
async fn login(app: &TestApp, code: &str) -> String {
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
    login["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{login}"))
        .to_owned()
}

/// A candidate request to `path` on `app`, with SEB headers hashed over `url` when given.
async fn call(
    app: &TestApp,
    method: reqwest::Method,
    path: &str,
    token: &str,
    seb: Option<(&str, &str, &str)>,
    extra: &[(&str, &str)],
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .request(method.clone(), app.url(path))
        .bearer_auth(token);
    if let Some((url, config, browser)) = seb {
        for (name, value) in hashes(url, config, browser) {
            request = request.header(name, value);
        }
    }
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    if method == reqwest::Method::POST {
        request = request.json(&json!({"lang": "ru"}));
    }
    json_of(request.send().await.unwrap()).await
}

fn code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("")
}

async fn settings_are_validated_naming_the_field_and_audited(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let campaign = campaign_of(&app, &codes[0].1).await;
    let get = || async {
        json_of(
            app.client
                .get(app.url(&format!("/api/v1/admin/campaigns/{campaign}/seb")))
                .bearer_auth(&admin)
                .send()
                .await
                .unwrap(),
        )
        .await
    };
    let (status, body) = get().await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"campaign_id": campaign, "seb": null}));
    for (bad, field) in [
        (
            json!({"config_key": "abc", "browser_exam_keys": [BROWSER_KEY]}),
            "config_key",
        ),
        (
            json!({"config_key": CONFIG_KEY, "browser_exam_keys": []}),
            "browser_exam_keys",
        ),
        (
            json!({"config_key": CONFIG_KEY, "browser_exam_keys": [BROWSER_KEY, "g".repeat(64)]}),
            "browser_exam_keys[1]",
        ),
    ] {
        let (status, body) = put_seb(&app, &admin, &campaign, bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(code(&body), "invalid_seb");
        assert_eq!(body["error"]["details"], json!([field]), "{body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with(field),
            "{body}"
        );
    }
    let (status, body) = put_seb(
        &app,
        &admin,
        &campaign,
        json!({"config_key": CONFIG_KEY, "browser_exam_keys": [BROWSER_KEY], "extra": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = put_seb(&app, &admin, "no-such-campaign", keys_body()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let upper =
        json!({"config_key": CONFIG_KEY.to_ascii_uppercase(), "browser_exam_keys": [BROWSER_KEY]});
    let (status, body) = put_seb(&app, &admin, &campaign, upper).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["seb"]["config_key"], CONFIG_KEY, "stored lowercase");
    assert_eq!(get().await.1, body);
    let (status, body) = put_seb(&app, &admin, &campaign, Value::Null).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["seb"], Value::Null);
    assert_eq!(get().await.1["seb"], Value::Null);
    // A candidate or a reviewer may not.
    let reviewer = app.token("proctor_reviewer").await;
    let (status, _) = put_seb(&app, &reviewer, &campaign, keys_body()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let audited = audit_actions(&app).await;
    assert_eq!(
        audited.iter().filter(|a| *a == "proctor.policy").count(),
        2,
        "{audited:?}"
    );
    crate::proctor::assert_chain_intact(&app).await;
}
on_both_stacks!(
    settings_are_validated_naming_the_field_and_audited,
    settings_are_validated_naming_the_field_and_audited
);

async fn without_seb_the_exam_is_unaffected(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let (status, body) = call(
        &app,
        reqwest::Method::GET,
        "/api/v1/exam/session",
        &token,
        None,
        &[],
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("in_progress"))
    );
    let mut socket = connect(&app, &token).await;
    expect(&mut socket, "state").await;
}
on_both_stacks!(
    without_seb_the_exam_is_unaffected,
    without_seb_the_exam_is_unaffected
);

async fn the_exam_api_pages_and_socket_check_both_keys(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let campaign = campaign_of(&app, &codes[0].1).await;
    assert_eq!(
        put_seb(&app, &admin, &campaign, keys_body()).await.0,
        StatusCode::OK
    );
    // The login itself is not checked: it names no campaign until the code is read.
    let token = login(&app, &codes[0].0).await;
    let base = format!("http://{}", app.addr);
    let session_url = format!("{base}/api/v1/exam/session");
    let get = reqwest::Method::GET;
    let (status, body) = call(&app, get.clone(), "/api/v1/exam/session", &token, None, &[]).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_headers_missing"),
        "{body}"
    );
    let good = Some((session_url.as_str(), CONFIG_KEY, BROWSER_KEY));
    let (status, body) = call(&app, get.clone(), "/api/v1/exam/session", &token, good, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The second listed Browser Exam Key is admitted too.
    let other = Some((session_url.as_str(), CONFIG_KEY, OTHER_KEY));
    assert_eq!(
        call(
            &app,
            get.clone(),
            "/api/v1/exam/session",
            &token,
            other,
            &[]
        )
        .await
        .0,
        StatusCode::OK
    );
    let wrong_config = Some((session_url.as_str(), OTHER_KEY, BROWSER_KEY));
    let (status, body) = call(
        &app,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        wrong_config,
        &[],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );
    let wrong_browser = Some((session_url.as_str(), CONFIG_KEY, CONFIG_KEY));
    let (status, body) = call(
        &app,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        wrong_browser,
        &[],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_browser_exam_key_mismatch"),
        "{body}"
    );
    // Hashes of another URL (the query is part of it) do not pass.
    let elsewhere = format!("{base}/api/v1/exam/session?x=1");
    let (status, body) = call(
        &app,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        Some((&elsewhere, CONFIG_KEY, BROWSER_KEY)),
        &[],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );

    // The start: refused without, admitted with, the hashes of its own URL.
    let post = reqwest::Method::POST;
    let rules_url = format!("{base}/api/v1/exam/rules");
    let (status, _) = call(
        &app,
        post.clone(),
        "/api/v1/exam/rules",
        &token,
        Some((&rules_url, CONFIG_KEY, BROWSER_KEY)),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = call(&app, post.clone(), "/api/v1/exam/start", &token, None, &[]).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_headers_missing"),
        "{body}"
    );
    let (status, body) = call(
        &app,
        post.clone(),
        "/api/v1/exam/start",
        &token,
        Some((&rules_url, CONFIG_KEY, BROWSER_KEY)),
        &[],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );
    let start_url = format!("{base}/api/v1/exam/start");
    let (status, body) = call(
        &app,
        post.clone(),
        "/api/v1/exam/start",
        &token,
        Some((&start_url, CONFIG_KEY, BROWSER_KEY)),
        &[],
    )
    .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("in_progress")),
        "{body}"
    );
    // The cabinet while the exam runs.
    let (status, body) = call(&app, get.clone(), "/api/v1/me", &token, None, &[]).await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_headers_missing"),
        "{body}"
    );

    // The socket upgrade, over its ws:// URL.
    let ws_url = format!("ws://{}/ws/exam", app.addr);
    let upgrade = |seb: Option<[(&'static str, String); 2]>| {
        let mut request = ws_url.as_str().into_client_request().unwrap();
        let headers = request.headers_mut();
        headers.insert("authorization", format!("Bearer {token}").parse().unwrap());
        for (name, value) in seb.into_iter().flatten() {
            headers.insert(name, value.parse().unwrap());
        }
        tokio_tungstenite::connect_async(request)
    };
    match upgrade(None).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(r)) => {
            assert_eq!(r.status(), 403);
            let body: Value = serde_json::from_slice(r.body().as_deref().unwrap_or(b"{}")).unwrap();
            assert_eq!(code(&body), "seb_headers_missing", "{body}");
        }
        other => panic!("the upgrade without SEB headers: {:?}", other.map(|_| ())),
    }
    let http_hashes = hashes(&format!("{base}/ws/exam"), CONFIG_KEY, BROWSER_KEY);
    assert!(
        upgrade(Some(http_hashes)).await.is_err(),
        "the http:// URL is not the socket's"
    );
    let (mut socket, _) = upgrade(Some(hashes(&ws_url, CONFIG_KEY, BROWSER_KEY)))
        .await
        .expect("the upgrade with the ws:// URL's hashes");
    expect(&mut socket, "state").await;
    drop(socket);

    // The exam page: checked for the candidate's cookie, a page in kk/ru/en naming the code.
    let cookie = format!("synaq_session={token}");
    let page = app
        .client
        .get(app.url("/exam"))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("seb_headers_missing") && html.contains("Safe Exam Browser"),
        "{html}"
    );
    assert!(
        html.contains("Этот экзамен открывается только в Safe Exam Browser"),
        "{html}"
    );
    let exam_url = format!("{base}/exam");
    let mut request = app.client.get(app.url("/exam")).header("cookie", &cookie);
    for (name, value) in hashes(&exam_url, CONFIG_KEY, BROWSER_KEY) {
        request = request.header(name, value);
    }
    assert_eq!(request.send().await.unwrap().status(), StatusCode::OK);
    // Without a login the page is the static page (its data comes from the checked API).
    assert_eq!(
        app.client
            .get(app.url("/exam"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    // Once ended (voided here) the cabinet is reachable from any browser (p.20, p.21).
    let voided = app
        .client
        .post(app.url(&format!("/api/v1/admin/sessions/{}/void", codes[0].1)))
        .bearer_auth(&admin)
        .json(&json!({"reason": "test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        voided.status(),
        StatusCode::OK,
        "{}",
        voided.text().await.unwrap()
    );
    let (status, body) = call(&app, get.clone(), "/api/v1/me", &token, None, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Other campaigns' candidates, and staff, never see the check.
    let (status, _) = call(
        &app,
        get,
        "/api/v1/admin/proctor/vendors",
        &admin,
        None,
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}
on_both_stacks!(
    the_exam_api_pages_and_socket_check_both_keys,
    the_exam_api_pages_and_socket_check_both_keys
);

/// Another node over `app`'s database that believes the forwarding headers of `proxies`.
async fn node_trusting(app: &TestApp, proxies: &str) -> TestApp {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Arc::new(synaq::config::Config {
        addr,
        max_upload_bytes: synaq::config::Config::DEFAULT_MAX_UPLOAD_BYTES,
        trusted_proxies: TrustedProxies::parse(proxies).unwrap(),
    });
    let application = synaq::app::Application::build(synaq::app::Wiring {
        db: app.db.clone(),
        live: Arc::new(synaq::live::memory::MemoryState::new("proxied-node")),
        clock: app.clock.clone(),
    })
    .await
    .unwrap();
    let state = synaq::http::AppState::new(application.clone(), config);
    tokio::spawn(async move {
        axum::serve(
            listener,
            synaq::http::app(state).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap()
    });
    let mut node = TestApp::external(addr.port(), app.db.clone());
    node.clock = app.clock.clone();
    node.application = Some(application);
    node
}

async fn forwarded_headers_count_only_from_a_trusted_proxy(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let campaign = campaign_of(&app, &codes[0].1).await;
    assert_eq!(
        put_seb(&app, &admin, &campaign, keys_body()).await.0,
        StatusCode::OK
    );
    let token = login(&app, &codes[0].0).await;
    let public = "https://exam.example.kz/api/v1/exam/session";
    let forwarded = [
        ("x-forwarded-proto", "https"),
        ("x-forwarded-host", "exam.example.kz"),
    ];
    let get = reqwest::Method::GET;
    let seb = Some((public, CONFIG_KEY, BROWSER_KEY));

    // Behind the proxy (127.0.0.1 trusted): the public URL is the one hashed.
    let proxied = node_trusting(&app, "10.0.0.0/8, 127.0.0.1").await;
    let (status, body) = call(
        &proxied,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        seb,
        &forwarded,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rfc7239 = [(
        "forwarded",
        "for=198.51.100.7;proto=https;host=exam.example.kz",
    )];
    let (status, body) = call(
        &proxied,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        seb,
        &rfc7239,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The proxy did not say: the server's own URL, which SEB did not hash.
    let (status, body) = call(
        &proxied,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        seb,
        &[],
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );

    // The same headers from a peer no proxy list names are ignored: both ways round.
    let (status, body) = call(
        &app,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        seb,
        &forwarded,
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );
    let direct = format!("http://{}/api/v1/exam/session", app.addr);
    let (status, body) = call(
        &app,
        get.clone(),
        "/api/v1/exam/session",
        &token,
        Some((&direct, CONFIG_KEY, BROWSER_KEY)),
        &forwarded,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A node trusting other proxies ignores them from 127.0.0.1 as well.
    let elsewhere = node_trusting(&app, "10.0.0.0/8").await;
    let (status, body) = call(
        &elsewhere,
        get,
        "/api/v1/exam/session",
        &token,
        seb,
        &forwarded,
    )
    .await;
    assert_eq!(
        (status, code(&body)),
        (StatusCode::FORBIDDEN, "seb_config_key_mismatch"),
        "{body}"
    );
}
on_both_stacks!(
    forwarded_headers_count_only_from_a_trusted_proxy,
    forwarded_headers_count_only_from_a_trusted_proxy
);

async fn the_login_cookie_is_secure_only_when_a_trusted_proxy_says_https(app: TestApp) {
    let (_, codes) = campaign(&app, 2).await;
    let cookie_of = |node: &TestApp, code: &str| {
        let request = node
            .client
            .post(node.url("/api/v1/exam/login"))
            .header("x-forwarded-proto", "https")
            .json(&json!({"code": code}));
        async move {
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.headers()["set-cookie"]
                .to_str()
                .unwrap()
                .to_owned()
        }
    };
    // Any client can send X-Forwarded-Proto: from one that is no trusted proxy it is ignored.
    let direct = cookie_of(&app, &codes[0].0).await;
    assert!(
        direct.contains("HttpOnly") && !direct.contains("Secure"),
        "{direct}"
    );
    // Behind the trusted proxy (127.0.0.1 here) the page came over HTTPS: Secure.
    let proxied = node_trusting(&app, "127.0.0.1").await;
    let behind = cookie_of(&proxied, &codes[1].0).await;
    assert!(behind.contains("Secure"), "{behind}");
}
on_both_stacks!(
    secure_cookie,
    the_login_cookie_is_secure_only_when_a_trusted_proxy_says_https
);
