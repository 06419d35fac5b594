//! Every route admits only its roles: each refusal is proven here. Plus the cookie's CSRF rule
//! (the login limits are in `hardening.rs`).

use reqwest::StatusCode;
use serde_json::json;

use crate::common;
use crate::exam_support::*;

const STAFF: [&str; 6] = [
    "author",
    "admin",
    "commission_chair",
    "commission_member",
    "commission_secretary",
    "leb_officer",
];

/// (method, path, roles admitted). `{s}` is a session id, `{c}` a campaign id.
const ROUTES: [(&str, &str, &[&str]); 14] = [
    ("POST", "/api/v1/banks", &["author"]),
    ("GET", "/api/v1/banks", &["author", "admin"]),
    ("POST", "/api/v1/admin/users", &["admin"]),
    ("POST", "/api/v1/admin/campaigns", &["admin"]),
    ("POST", "/api/v1/admin/campaigns/{c}/roster", &["admin"]),
    ("GET", "/api/v1/admin/sessions/{s}", &["admin"]),
    ("GET", "/api/v1/admin/sessions/{s}/answers", &["admin"]),
    ("POST", "/api/v1/admin/sessions/{s}/extend", &["admin"]),
    ("POST", "/api/v1/admin/sessions/{s}/submit", &["admin"]),
    ("POST", "/api/v1/admin/sessions/{s}/void", &["admin"]),
    ("GET", "/api/v1/exam/session", &["candidate"]),
    ("GET", "/api/v1/me", &["candidate"]),
    ("POST", "/api/v1/exam/rules", &["candidate"]),
    ("POST", "/api/v1/exam/start", &["candidate"]),
];

#[tokio::test]
async fn every_route_refuses_the_roles_it_does_not_admit() {
    let app = common::spawn_app(common::sqlite().await).await;
    let (_, codes) = campaign(&app, 1).await;
    let login: serde_json::Value = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": codes[0].0}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let candidate = login["token"].as_str().unwrap().to_owned();
    let campaign_id = login["session"]["campaign"]["campaign_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut tokens = vec![("candidate", candidate)];
    for role in STAFF {
        tokens.push((role, app.token(role).await));
    }
    for (method, path, admits) in ROUTES {
        let path = path
            .replace("{s}", &codes[0].1)
            .replace("{c}", &campaign_id);
        let request = |token: Option<&str>| {
            let builder = match method {
                "GET" => app.client.get(app.url(&path)),
                _ => app
                    .client
                    .post(app.url(&path))
                    .header("content-type", "application/json")
                    .body("{}"),
            };
            match token {
                Some(t) => builder.bearer_auth(t),
                None => builder,
            }
        };
        assert_eq!(
            request(None).send().await.unwrap().status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path} without a token"
        );
        for (role, token) in &tokens {
            let status = request(Some(token)).send().await.unwrap().status();
            if admits.contains(role) {
                assert_ne!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{method} {path} must admit {role}"
                );
                assert_ne!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{method} {path} must admit {role}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{method} {path} must refuse {role}"
                );
            }
        }
    }
    // The exam socket admits candidates only.
    let staff = app.token("admin").await;
    let mut request =
        tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(format!(
            "ws://{}/ws/exam",
            app.addr
        ))
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {staff}").parse().unwrap());
    assert!(
        tokio_tungstenite::connect_async(request).await.is_err(),
        "a staff token opens no exam socket"
    );
}

#[tokio::test]
async fn cookie_requests_need_the_csrf_token_and_bearer_requests_do_not() {
    let app = common::spawn_app(common::sqlite().await).await;
    let (_, codes) = campaign(&app, 1).await;
    let response = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": codes[0].0.to_lowercase()}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session_cookie = cookie.split(';').next().unwrap().to_owned();
    let login: serde_json::Value = response.json().await.unwrap();
    let csrf = login["csrf"].as_str().unwrap();
    let rules = |csrf: Option<&str>| {
        let mut builder = app
            .client
            .post(app.url("/api/v1/exam/rules"))
            .header("cookie", &session_cookie)
            .json(&json!({"lang": "kk"}));
        if let Some(c) = csrf {
            builder = builder.header("x-csrf-token", c);
        }
        builder
    };
    let refused = rules(None).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        refused.json::<serde_json::Value>().await.unwrap()["error"]["code"],
        "csrf"
    );
    assert_eq!(
        rules(Some("wrong")).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        rules(Some(csrf)).send().await.unwrap().status(),
        StatusCode::OK
    );
    // Reading needs no CSRF token.
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .header("cookie", &session_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
}

#[tokio::test]
async fn staff_log_in_with_passwords_and_wrong_ones_are_refused() {
    let app = common::spawn_app(common::sqlite().await).await;
    let admin = app.token("admin").await;
    let weak = app
        .client
        .post(app.url("/api/v1/admin/users"))
        .bearer_auth(&admin)
        .json(&json!({"username": "chair", "password": "short", "role": "commission_chair", "name": "Chair"}))
        .send()
        .await
        .unwrap();
    assert_eq!(weak.status(), StatusCode::BAD_REQUEST);
    assert!(weak.text().await.unwrap().contains("password"));
    let created = app
        .client
        .post(app.url("/api/v1/admin/users"))
        .bearer_auth(&admin)
        .json(&json!({"username": "chair", "password": "a long enough secret", "role": "commission_chair", "name": "Chair"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let login = |password: &'static str| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .json(&json!({"username": "chair", "password": password}))
            .send()
    };
    assert_eq!(
        login("wrong password!!").await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let ok: serde_json::Value = login("a long enough secret")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ok["role"], "commission_chair");
    let token = ok["token"].as_str().unwrap();
    // A commission chair is no admin.
    let r = app
        .client
        .get(app.url("/api/v1/banks"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let out = app
        .client
        .post(app.url("/api/v1/auth/logout"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    let r = app
        .client
        .get(app.url("/api/v1/banks"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}
