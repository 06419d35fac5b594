//! Every route admits only its roles, proven over the router's own route table
//! (`synaq::http::routes()`): every route × every role and none, a cookie without its CSRF
//! header on every unsafe route, and a candidate reaching another candidate's session. Plus
//! the cookie's CSRF rule and staff passwords (the login limits are in `hardening.rs`).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use synaq::domain::role::Role;
use synaq::http::{Access, Route};

use crate::common::{self, TestApp};
use crate::exam_support::*;
use crate::on_both_stacks;

/// A value for each parameter the route table's path templates use. A route with a parameter
/// not named here fails the test until a value is added.
struct Values {
    /// Another candidate's session (candidate A holds the tokens): no caller but an admin may
    /// reach it.
    session: String,
    campaign: String,
}

impl Values {
    fn fill(&self, template: &str) -> String {
        template
            .split('/')
            .map(
                |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    None => segment.to_owned(),
                    Some("session") => self.session.clone(),
                    Some("campaign") => self.campaign.clone(),
                    // A well-formed id no appeal has: admitted callers get 404, never 500.
                    Some("appeal" | "attestee") => "0".repeat(32),
                    Some("year") => "2027".to_owned(),
                    // No such account: admitted callers get 404.
                    Some("user") => "no-such-user".to_owned(),
                    Some("region") => "karaganda".to_owned(),
                    Some("vendor") => "no-such-vendor".to_owned(),
                    // A well-formed version prefix no bank has: admitted callers get 404.
                    Some("version" | "other") => "ffff".repeat(16),
                    Some("*path") => synaq::web::ASSETS[0].path.to_owned(),
                    // A well-formed certificate number never issued: admitted callers get 404.
                    Some("number") => "18-2026-00001-AAAAA".to_owned(),
                    Some("file") => "18-2026-00001-AAAAA.pdf".to_owned(),
                    Some(other) => {
                        panic!("{template}: give the route × role test a value for {{{other}}}")
                    }
                },
            )
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// What authenticates a request of the matrix.
enum Credentials<'a> {
    None,
    Bearer(&'a str),
    /// The login cookie, without the X-CSRF-Token header.
    CookieWithoutCsrf(&'a str),
}

async fn call(
    app: &TestApp,
    route: &Route,
    path: &str,
    credentials: Credentials<'_>,
) -> (StatusCode, Value) {
    let url = app.url(path);
    let builder = match route.method {
        Method::GET => app.client.get(url),
        Method::POST => app
            .client
            .post(url)
            .header("content-type", "application/json")
            .body("{}"),
        Method::PUT => app
            .client
            .put(url)
            .header("content-type", "application/json")
            .body("{}"),
        ref other => panic!("{other} {path}: teach the route × role test this method"),
    };
    let builder = match credentials {
        Credentials::None => builder,
        Credentials::Bearer(token) => builder.bearer_auth(token),
        Credentials::CookieWithoutCsrf(cookie) => builder.header("cookie", cookie),
    };
    let response = builder.send().await.unwrap();
    let status = response.status();
    let body = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

/// The JSON body of `GET path` with a bearer token.
async fn get_json(app: &TestApp, token: &str, path: &str) -> Value {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success(),
        "GET {path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

/// A fresh credential for `role`: candidate A's login session, or a staff API token. Fresh
/// per route, because a route of the table (logout) ends the credential that calls it.
async fn token(app: &TestApp, role: Role, code: &str) -> String {
    match role {
        Role::Candidate => login(app, code).await["token"].as_str().unwrap().to_owned(),
        staff => app.token(staff.as_str()).await,
    }
}

async fn login(app: &TestApp, code: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

/// The login cookie (`name=value`) of a staff account of `role`, logged in with its password.
async fn staff_cookie(app: &TestApp, admin: &str, role: Role) -> String {
    let username = format!("cookie-{}", role.as_str().replace('_', "-"));
    let created = app
        .client
        .post(app.url("/api/v1/admin/users"))
        .bearer_auth(admin)
        .json(&json!({"username": username, "password": "a long enough secret", "role": role.as_str(), "name": "Cookie",
                      "scope": match role { Role::LebOfficer => Some("astana"), Role::TmcOperator => Some("ЦТМ"), _ => None }}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"username": username, "password": "a long enough secret"}))
        .send()
        .await
        .unwrap();
    cookie_of(&response)
}

fn cookie_of(response: &reqwest::Response) -> String {
    let set = response.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_owned()
}

/// Every route of the router's own table × every role and none, plus a cookie without its
/// CSRF header on every unsafe route: admitted roles get through, every other caller is
/// refused with the documented error.
async fn every_route_admits_exactly_its_roles(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let (code_a, other_session) = (codes[0].0.clone(), codes[1].1.clone());
    let login_a = login(&app, &code_a).await;
    let values = Values {
        session: other_session,
        campaign: login_a["session"]["campaign"]["campaign_id"]
            .as_str()
            .unwrap()
            .to_owned(),
    };
    let candidate_response = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": code_a}))
        .send()
        .await
        .unwrap();
    let candidate_cookie = cookie_of(&candidate_response);
    // The login cookie of each role, made when a route first needs it.
    let mut cookies = std::collections::HashMap::from([(Role::Candidate, candidate_cookie)]);

    let routes = synaq::http::routes();
    for (method, path) in [("GET", "/api/v1/exam/paper"), ("GET", "/ws/exam")] {
        assert!(
            routes.iter().any(|r| r.method == method && r.path == path),
            "{method} {path} is in the table"
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for route in &routes {
        assert!(
            seen.insert((route.method.to_string(), route.path)),
            "{} {} is listed once",
            route.method,
            route.path
        );
        let path = values.fill(route.path);
        let what = format!("{} {path}", route.method);
        let (status, body) = call(&app, route, &path, Credentials::None).await;
        assert!(
            status.as_u16() < 500,
            "{what} without credentials: {status} {body}"
        );
        match route.access {
            Access::Public => assert!(
                status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                "{what} is public: {status} {body}"
            ),
            Access::Authenticated(roles) => {
                assert!(!roles.is_empty(), "{what} admits some role");
                assert_eq!(
                    status,
                    StatusCode::UNAUTHORIZED,
                    "{what} without credentials"
                );
                assert_eq!(body["error"]["code"], "unauthenticated", "{what}");
            }
            Access::Signed => assert!(
                status == StatusCode::UNAUTHORIZED || status == StatusCode::NOT_FOUND,
                "{what} without a vendor's signature: {status} {body}"
            ),
        }
        for role in Role::ALL {
            let token = token(&app, role, &code_a).await;
            let (status, body) = call(&app, route, &path, Credentials::Bearer(&token)).await;
            let who = format!("{what} as {role}");
            assert!(status.as_u16() < 500, "{who}: {status} {body}");
            if route.access == Access::Signed {
                // A login is no signature: the callback stays refused.
                assert!(
                    status == StatusCode::UNAUTHORIZED || status == StatusCode::NOT_FOUND,
                    "{who} without a vendor's signature: {status} {body}"
                );
            } else if route.access.admits(role) {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{who} is admitted: {status} {body}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{who} is refused: {body}");
                assert_eq!(body["error"]["code"], "forbidden", "{who}");
            }
        }
        if let (Access::Authenticated(roles), true) = (route.access, route.method != Method::GET) {
            // A cookie of a role the route admits, so that only the missing header refuses it.
            let role = roles[0];
            if let std::collections::hash_map::Entry::Vacant(slot) = cookies.entry(role) {
                slot.insert(staff_cookie(&app, &admin, role).await);
            }
            let cookie = &cookies[&role];
            let (status, body) =
                call(&app, route, &path, Credentials::CookieWithoutCsrf(cookie)).await;
            assert_eq!(
                status,
                StatusCode::FORBIDDEN,
                "{what} with a cookie and no CSRF header"
            );
            assert_eq!(body["error"]["code"], "csrf", "{what}");
        }
    }
}

on_both_stacks!(route_role_matrix, every_route_admits_exactly_its_roles);

/// A candidate reaches only the session their code opened: never another candidate's session,
/// paper, answers or result, whatever the request names.
async fn a_candidate_reaches_no_other_candidates_session(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let (a, b) = (&codes[0], &codes[1]);
    let token_b = start(&app, &b.0).await;
    let mut socket_b = connect(&app, &token_b).await;
    ready(&app, &token_b, &mut socket_b).await;
    send(
        &mut socket_b,
        json!({"type": "answer", "q": 1, "choice": ["a"], "seq": 1}),
    )
    .await;
    expect(&mut socket_b, "ack").await;
    send(&mut socket_b, json!({"type": "submit", "seq": 2})).await;
    let ended = expect(&mut socket_b, "ended").await;
    assert!(ended["result"].is_object(), "{ended}");
    let token_a = start(&app, &a.0).await;
    let get = |path: String| app.client.get(app.url(&path)).bearer_auth(&token_a).send();
    for path in [
        "/api/v1/exam/session".to_owned(),
        format!("/api/v1/exam/session?session_id={}", b.1),
        format!("/api/v1/exam/paper?session_id={}", b.1),
        "/api/v1/me".to_owned(),
    ] {
        let response = get(path.clone()).await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let body: Value = response.json().await.unwrap();
        assert!(
            !body.to_string().contains(&b.1),
            "{path} names B's session: {body}"
        );
        assert!(body["result"].is_null(), "{path} shows no result: {body}");
    }
    let me = get_json(&app, &token_a, "/api/v1/me").await;
    assert_eq!(me["candidate"]["name"], "Кандидат 0");
    for path in [
        format!("/api/v1/admin/sessions/{}", b.1),
        format!("/api/v1/admin/sessions/{}/answers", b.1),
    ] {
        let response = get(path.clone()).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
    for action in ["void", "submit", "extend"] {
        let response = app
            .client
            .post(app.url(&format!("/api/v1/admin/sessions/{}/{action}", b.1)))
            .bearer_auth(&token_a)
            .json(&json!({"reason": "mine now", "minutes": 10}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    // A's socket is A's session: its state names A, and shows none of B's answers.
    let mut socket_a = connect(&app, &token_a).await;
    let state = expect(&mut socket_a, "state").await;
    assert_eq!(state["session_id"], a.1.as_str());
    assert_eq!(state["answers"], json!({}));
    // B's session is as B left it: scored, with its one answer.
    let answers = get_json(
        &app,
        &admin,
        &format!("/api/v1/admin/sessions/{}/answers", b.1),
    )
    .await;
    let session = get_json(&app, &admin, &format!("/api/v1/admin/sessions/{}", b.1)).await;
    assert_eq!(session["status"], "scored", "{session}");
    assert_eq!(answers["answers"].as_array().unwrap().len(), 1, "{answers}");
}

on_both_stacks!(
    candidate_isolation,
    a_candidate_reaches_no_other_candidates_session
);

/// A staff token opens no exam socket: the upgrade is refused before it happens.
#[tokio::test]
async fn a_staff_token_opens_no_exam_socket() {
    let app = common::spawn_app(common::sqlite().await).await;
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
    match tokio_tungstenite::connect_async(request).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), StatusCode::FORBIDDEN)
        }
        other => panic!("a staff token opened a socket: {other:?}"),
    }
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
async fn scoped_roles_are_created_with_their_scope_only() {
    let app = common::spawn_app(common::sqlite().await).await;
    let admin = app.token("admin").await;
    let create = |body: Value| {
        app.client
            .post(app.url("/api/v1/admin/users"))
            .bearer_auth(&admin)
            .json(&body)
            .send()
    };
    let password = "a long enough secret";
    for (body, says) in [
        (
            json!({"username": "leb1", "password": password, "role": "leb_officer", "name": "L"}),
            "p.32",
        ),
        (
            json!({"username": "leb1", "password": password, "role": "leb_officer", "name": "L", "scope": "Сибирь"}),
            "unknown or ambiguous region",
        ),
        (
            json!({"username": "tmc1", "password": password, "role": "tmc_operator", "name": "T"}),
            "p.9",
        ),
        (
            json!({"username": "adm2", "password": password, "role": "admin", "name": "A", "scope": "astana"}),
            "give no scope",
        ),
    ] {
        let r = create(body.clone()).await.unwrap();
        assert_eq!(r.status(), StatusCode::BAD_REQUEST, "{body}");
        let error: Value = r.json().await.unwrap();
        let message = error["error"]["message"].as_str().unwrap();
        assert!(message.starts_with("scope: "), "{error}");
        assert!(message.contains(says), "{error}");
    }
    let r = create(json!({"username": "leb1", "password": password, "role": "leb_officer", "name": "L", "scope": "г. Алматы"}))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = create(json!({"username": "tmc1", "password": password, "role": "tmc_operator", "name": "T", "scope": " ЦТМ Алматы "}))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let scopes: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT username, scope FROM staff_user ORDER BY username")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        scopes,
        [
            ("leb1".to_owned(), Some("almaty".to_owned())),
            ("tmc1".to_owned(), Some("ЦТМ Алматы".to_owned()))
        ]
    );
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
