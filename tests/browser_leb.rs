//! The LEB console in headless Chromium (tests/browser/leb.mjs, Playwright): an `leb_officer`
//! of Astana signs in on `/leb`, sees the region's scored result with its due date, takes the
//! decision from the page, issues the certificate, opens its PDF and Appendix 5, switches to
//! Russian, `/verify` says the certificate is current, and the candidate's cabinet `/me`
//! lists it with its PDF (docs/certificates.md). Runs the
//! real server binary on a fresh SQLite database; the candidate's exam is answered (all
//! right) and submitted through the application over the same database file.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.

#[path = "support/browser.rs"]
mod support;

use serde_json::{Value, json};
use synaq::domain::exam::EndReason;

/// A scored session of Astana, all answers right; the candidate's name and access code.
async fn scored_candidate(server: &support::Server) -> (String, String) {
    let client = reqwest::Client::new();
    let url = |p: &str| format!("{}{p}", server.url);
    let post = |path: &str, token: &str, body: Value| {
        client.post(url(path)).bearer_auth(token).json(&body).send()
    };
    let admin = &server.admin_token;
    let campaigns: Value = client
        .get(url("/api/v1/admin/campaigns"))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let version = campaigns["campaigns"][0]["bank_version"]
        .as_str()
        .unwrap()
        .to_owned();
    let today = synaq::domain::calendar::almaty_date(jiff::Timestamp::now());
    let opens = today.checked_sub(jiff::ToSpan::days(10)).unwrap();
    let created: Value = post(
        "/api/v1/admin/campaigns",
        admin,
        json!({"name": "ЖАО тексеру", "bank_version": version, "procedure": "periodic",
               "languages": ["kk", "ru"], "opens_on": opens.to_string(), "closes_on": today.to_string()}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let campaign = created["campaign_id"].as_str().unwrap().to_owned();
    let name = "Әлия Нұрланқызы";
    let roster: Value = client
        .post(url(&format!("/api/v1/admin/campaigns/{campaign}/roster")))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(format!(
            "iin,name,position,organization,procedure,region,education\n\
             850310300011,{name},tmc_employment_specialist,ЦТМ Астана,periodic,astana,высшее\n"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entry = &roster["entries"][0];
    let (code, session) = (
        entry["code"].as_str().unwrap_or_else(|| panic!("{roster}")),
        entry["session_id"].as_str().unwrap().to_owned(),
    );
    let login: Value = post("/api/v1/exam/login", "", json!({"code": code}))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap().to_owned();
    assert!(
        post("/api/v1/exam/rules", &token, json!({"lang": "ru"}))
            .await
            .unwrap()
            .status()
            .is_success()
    );
    assert!(
        post("/api/v1/exam/start", &token, json!({}))
            .await
            .unwrap()
            .status()
            .is_success()
    );

    // Every answer right, through the application over the server's database file.
    let app = server.application("browser-leb").await;
    let clock = app.clock();
    for (i, choice) in support::answer_key(&app, &session)
        .await
        .into_iter()
        .enumerate()
    {
        app.save(synaq::store::answers::Save {
            session_id: session.clone(),
            seq: i as i64 + 1,
            q: i as i64 + 1,
            value: synaq::store::answers::Value::Answer { choice },
            at_ms: clock.now_ms(),
        })
        .await
        .unwrap();
    }
    assert!(
        app.end(
            &session,
            EndReason::Submitted,
            &synaq::domain::audit::Actor::candidate(&session),
            false
        )
        .await
        .unwrap()
    );
    (name.to_owned(), code.to_owned())
}

#[test]
fn the_leb_console_decides_issues_and_downloads_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (name, code) = rt.block_on(scored_candidate(&server));
    let password = "leb-officer-browser-2026";
    let status = rt.block_on(async {
        reqwest::Client::new()
            .post(format!("{}/api/v1/admin/users", server.url))
            .bearer_auth(&server.admin_token)
            .json(
                &json!({"username": "leb.astana", "password": password, "role": "leb_officer",
                          "name": "ЖАО қызметкері", "scope": "Астана қаласы"}),
            )
            .send()
            .await
            .unwrap()
            .status()
    });
    assert_eq!(status, 201);
    let passed = server.run_script(
        "leb.mjs",
        &[
            "--url",
            &server.url,
            "--username",
            "leb.astana",
            "--password",
            password,
            "--name",
            &name,
            "--code",
            &code,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the LEB console's browser test failed (its screenshot is named above)"
    );
}
