//! Fixtures of the appeal tests: a campaign of heads of unit with a chosen score each, the
//! commission's staff accounts logged in, and small HTTP helpers.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::exam_support::iin;
use synaq::domain::exam::EndReason;
use synaq::live::Clock;
use synaq::store::answers::{Save, Value as Saved};

/// A candidate who sat the test: their session, bearer token and what they chose per
/// question (1-based).
pub struct Sat {
    pub code: String,
    pub session: String,
    pub token: String,
    pub chosen: Vec<String>,
}

/// An admin token and a campaign of heads of department (threshold 85, p.17), one per entry
/// of `orgs`.
pub async fn campaign(app: &TestApp, orgs: &[&str]) -> (String, String, Vec<(String, String)>) {
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
    let created: Value = post(
        app,
        &admin,
        "/api/v1/admin/campaigns",
        json!({
        "name": "Аттестация 2026", "bank_version": version, "procedure": "periodic",
        "languages": ["kk", "ru"], "opens_on": "2026-11-01", "closes_on": "2026-12-31"}),
    )
    .await
    .1;
    let campaign = created["campaign_id"].as_str().unwrap().to_owned();
    let mut csv = String::from("iin,name,position,organization,procedure\n");
    for (i, org) in orgs.iter().enumerate() {
        csv.push_str(&format!(
            "{},Гауһар Кандидат {i},tmc_head_of_department,{org},periodic\n",
            iin(i as u32 + 40)
        ));
    }
    let codes = crate::exam_support::upload_roster(app, &admin, &campaign, csv).await;
    (admin, campaign, codes)
}

/// Sits the exam with exactly `correct` right answers (questions 1..=correct), in `lang`,
/// and submits it at the clock's now.
pub async fn sit(app: &TestApp, code: &str, session: &str, correct: usize, lang: &str) -> Sat {
    sit_forcing(app, code, session, correct, lang, &[]).await
}

/// [`sit`], with the bank questions of `force` answered right (true) or wrong (false) when
/// on the paper; the other questions are answered right in paper order until `correct`.
pub async fn sit_forcing(
    app: &TestApp,
    code: &str,
    session: &str,
    correct: usize,
    lang: &str,
    force: &[(&str, bool)],
) -> Sat {
    let (token, _) = begin(app, code, session, lang).await;
    finish(app, code, session, &token, correct, force).await
}

/// Logs in, opens the rules in `lang` and starts; the token and the paper's question ids.
pub async fn begin(app: &TestApp, code: &str, session: &str, lang: &str) -> (String, Vec<String>) {
    let token = login(app, code).await;
    let (status, _) = post(app, &token, "/api/v1/exam/rules", json!({"lang": lang})).await;
    assert_eq!(status, 200);
    let (status, started) = post(app, &token, "/api/v1/exam/start", json!({})).await;
    assert_eq!(started["status"], "in_progress", "{status} {started}");
    let application = app.application.as_ref().unwrap();
    let row = application.session(session).await.unwrap();
    let (paper, _, _) = application.paper(&row).await.unwrap();
    (
        token,
        paper.items.into_iter().map(|i| i.question_id).collect(),
    )
}

/// Answers a started exam as [`sit_forcing`] says and submits it.
pub async fn finish(
    app: &TestApp,
    code: &str,
    session: &str,
    token: &str,
    correct: usize,
    force: &[(&str, bool)],
) -> Sat {
    let token = token.to_owned();
    let application = app.application.as_ref().unwrap();
    let row = application.session(session).await.unwrap();
    let (paper, bank, _) = application.paper(&row).await.unwrap();
    let forced = |id: &str| {
        force
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, right)| *right)
    };
    let forced_right = paper
        .items
        .iter()
        .filter(|i| forced(&i.question_id) == Some(true))
        .count();
    let mut free_right = correct - forced_right;
    let mut chosen = Vec::new();
    for (i, item) in paper.items.iter().enumerate() {
        let right = match forced(&item.question_id) {
            Some(right) => right,
            None if free_right > 0 => {
                free_right -= 1;
                true
            }
            None => false,
        };
        let q = bank
            .questions
            .iter()
            .find(|q| q.id == item.question_id)
            .unwrap();
        let key: BTreeSet<String> = q
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.clone())
            .collect();
        let choice: Vec<String> = if right {
            key.into_iter().collect()
        } else {
            vec![q.options.iter().find(|o| !o.correct).unwrap().id.clone()]
        };
        chosen.push(choice[0].clone());
        application
            .save(Save {
                session_id: session.to_owned(),
                seq: i as i64 + 1,
                q: i as i64 + 1,
                value: Saved::Answer { choice },
                at_ms: app.clock.now().as_millisecond(),
            })
            .await
            .unwrap();
    }
    assert!(
        application
            .end(
                session,
                EndReason::Submitted,
                &synaq::domain::audit::Actor::candidate(session),
                false,
            )
            .await
            .unwrap()
    );
    Sat {
        code: code.to_owned(),
        session: session.to_owned(),
        token,
        chosen,
    }
}

/// A fresh candidate login with the access code (a login lasts 12 hours; the cabinet is
/// visited again days later).
pub async fn login(app: &TestApp, code: &str) -> String {
    let (status, login) = post(app, "", "/api/v1/exam/login", json!({"code": code})).await;
    assert_eq!(status, 200, "{login}");
    login["token"].as_str().unwrap().to_owned()
}

/// A fresh staff login.
pub async fn staff_login(app: &TestApp, username: &str) -> String {
    let (status, login) = post(
        app,
        "",
        "/api/v1/auth/login",
        json!({
        "username": username, "password": "appeal-commission-2026"}),
    )
    .await;
    assert_eq!(status, 200, "{login}");
    login["token"].as_str().unwrap().to_owned()
}

/// Creates staff accounts (username, role) and logs each in; their tokens in order.
pub async fn staff(app: &TestApp, admin: &str, users: &[(&str, &str)]) -> Vec<String> {
    let mut tokens = Vec::new();
    for (username, role) in users {
        let (status, body) = post(
            app,
            admin,
            "/api/v1/admin/users",
            json!({
            "username": username, "password": "appeal-commission-2026", "role": role,
            "name": format!("Член комиссии {username}")}),
        )
        .await;
        assert!(status.is_success(), "{status} {body}");
        tokens.push(staff_login(app, username).await);
    }
    tokens
}

/// A POST with a bearer token (none when empty); the status and the JSON body (or null).
pub async fn post(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    send(app, app.client.post(app.url(path)), token, Some(body)).await
}

pub async fn put(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    send(app, app.client.put(app.url(path)), token, Some(body)).await
}

pub async fn get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    send(app, app.client.get(app.url(path)), token, None).await
}

async fn send(
    _app: &TestApp,
    request: reqwest::RequestBuilder,
    token: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let request = if token.is_empty() {
        request
    } else {
        request.bearer_auth(token)
    };
    let request = match body {
        Some(b) => request.json(&b),
        None => request,
    };
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// A justification long enough for p.21.
pub const WHY: &str = "Ключ противоречит пункту 17 Правил: порог для руководителя 85 процентов.";

/// The standard commission: chair, two members, the secretary and a reserve; member2 works at
/// "ЦТМ Алматы" and recuses from its appeals, the reserve reserve1 does not.
pub fn commission_body() -> Value {
    json!({"members": [
        {"username": "chair", "role": "chair", "organization": "КБА"},
        {"username": "member1", "role": "member", "organization": "ЦТМ Астана"},
        {"username": "member2", "role": "member", "organization": "ЦТМ Алматы"},
        {"username": "sec", "role": "secretary", "organization": "КБА"},
        {"username": "reserve1", "role": "reserve", "organization": "ЦТМ Шымкент"},
    ]})
}

/// The commission's accounts: chair, member1, member2, sec, reserve1 (tokens in that order).
pub async fn commission(app: &TestApp, admin: &str, campaign: &str) -> Vec<String> {
    let tokens = staff(
        app,
        admin,
        &[
            ("chair", "commission_chair"),
            ("member1", "commission_member"),
            ("member2", "commission_member"),
            ("sec", "commission_secretary"),
            ("reserve1", "commission_member"),
        ],
    )
    .await;
    let (status, body) = put(
        app,
        admin,
        &format!("/api/v1/admin/campaigns/{campaign}/commission"),
        commission_body(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    tokens
}
