//! What a new administrator meets uploading a roster: a semicolon-separated file gets one
//! error naming the delimiter; a re-uploaded IIN's 409 names its line; a campaign whose dates
//! have passed refuses a roster naming them, and its cabinet does not say access is open.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::exam_support::{campaign, iin};
use crate::on_both_stacks;

async fn new_campaign(app: &TestApp, admin: &str, opens: &str, closes: &str) -> String {
    // The sample bank is content-addressed: importing it again gives the same version.
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
        .bearer_auth(admin)
        .json(
            &json!({"name": "Old", "bank_version": version, "procedure": "periodic",
                      "languages": ["kk", "ru"], "opens_on": opens, "closes_on": closes}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["campaign_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{created}"))
        .to_owned()
}

async fn upload(app: &TestApp, admin: &str, campaign: &str, csv: String) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/admin/campaigns/{campaign}/roster")))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

fn row(n: u32) -> String {
    format!(
        "{},Кандидат {n},tmc_employment_specialist,ЦТМ,periodic\n",
        iin(n)
    )
}

const HEADER: &str = "iin,name,position,organization,procedure\n";

async fn roster_refusals(app: TestApp) {
    let (admin, _) = campaign(&app, 1).await;
    let open = new_campaign(&app, &admin, "2026-11-01", "2026-12-31").await;

    let semicolons = format!(
        "iin;name;position;organization;procedure\n{};А;tmc_employment_specialist;ЦТМ;periodic\n",
        iin(7)
    );
    let (status, body) = upload(&app, &admin, &open, semicolons).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let details = body["error"]["details"].as_array().unwrap();
    assert_eq!(details.len(), 1, "{body}");
    assert!(
        details[0].as_str().unwrap().contains("semicolons (;)"),
        "{body}"
    );

    let (status, _) = upload(&app, &admin, &open, format!("{HEADER}{}{}", row(1), row(2))).await;
    assert_eq!(status, StatusCode::CREATED);
    let again = format!("{HEADER}{}{}{}", row(3), row(4), row(2));
    let (status, body) = upload(&app, &admin, &open, again).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("line 4 (IIN {})", iin(2))),
        "{message}"
    );
    assert!(!message.contains(&iin(3)), "{message}");

    let closed = new_campaign(&app, &admin, "2020-11-01", "2020-12-31").await;
    let (status, body) = upload(&app, &admin, &closed, format!("{HEADER}{}", row(5))).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("2020-11-01") && message.contains("2020-12-31"),
        "{message}"
    );
}

on_both_stacks!(roster_upload_refusals_name_the_fault, roster_refusals);

async fn cabinet_after_the_term(app: TestApp) {
    // The helper's campaign runs 2026-11-01..2026-12-31; the clock starts 2026-11-27.
    let (_, codes) = campaign(&app, 1).await;
    let login = |code: String| {
        let app = &app;
        async move {
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
    };
    let me = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/me"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(me(login(codes[0].0.clone()).await).await["access"], "open");
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 40));
    let after = me(login(codes[0].0.clone()).await).await;
    assert_eq!(after["access"], "expired", "{after}");
}

on_both_stacks!(
    the_cabinet_says_access_expired_after_the_term,
    cabinet_after_the_term
);
