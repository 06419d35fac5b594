//! The author page's routes against a live server: `POST /api/v1/banks/validate` (a dry run
//! with every error located), `GET /api/v1/banks/{version}` (counts per profile) and
//! `GET /api/v1/banks/{version}/diff/{other}` (added, changed, retired).

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::{self, TestApp, spawn_app};

/// A GIFT bank of two questions with two mistakes: no key on line 5, difficulty 9 on line 12.
const TWO_ERRORS: &str = include_str!("two_errors.gift");

fn fixed() -> String {
    TWO_ERRORS
        .replace("~120", "=120")
        .replace("difficulty:9", "difficulty:3")
}

fn gift(content: String) -> Form {
    Form::new().part("file", Part::text(content).file_name("bank.gift"))
}

async fn post(app: &TestApp, token: &str, path: &str, content: String) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .multipart(gift(content))
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn a_dry_run_locates_every_error_and_stores_nothing(test_db: common::TestDb) {
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let (status, body) = post(&app, &token, "/api/v1/banks/validate", TWO_ERRORS.into()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["valid"], false);
    assert_eq!(body["error_count"], 2);
    let errors = body["errors"].as_array().unwrap();
    let at: Vec<(u64, &str)> = errors
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["file"].as_str().unwrap()))
        .collect();
    assert_eq!(at, [(5, "bank.gift"), (12, "bank.gift")], "{body}");
    assert!(errors[0]["message"].as_str().unwrap().contains("no key"));
    assert!(errors[1]["message"].as_str().unwrap().contains("'9'"));
    assert!(errors.iter().all(|e| e["column"].as_u64().unwrap() >= 1));
    assert!(body.get("version").is_none());

    let (status, check) = post(&app, &token, "/api/v1/banks/validate", fixed()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(check["valid"], true, "{check}");
    assert_eq!(check["errors"], serde_json::json!([]));
    assert_eq!(check["questions"], 2);
    assert_eq!(check["counts"]["by_profile"]["all"]["legal"], 1);
    assert!(synaq::store::bank::list(&app.db).await.unwrap().is_empty());

    let (status, stored) = post(&app, &token, "/api/v1/banks", fixed()).await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    assert_eq!(stored["version"], check["version"]);

    let admin = app.token("admin").await;
    let (status, _) = post(&app, &admin, "/api/v1/banks/validate", fixed()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_dry_run_locates_every_error_and_stores_nothing_sqlite() {
    a_dry_run_locates_every_error_and_stores_nothing(common::sqlite().await).await;
}

#[tokio::test]
async fn a_dry_run_locates_every_error_and_stores_nothing_postgres() {
    if let Some(db) = common::postgres().await {
        a_dry_run_locates_every_error_and_stores_nothing(db).await;
    }
}

async fn two_versions_differ_by_added_changed_and_retired_ids(test_db: common::TestDb) {
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let (_, first) = post(&app, &token, "/api/v1/banks", fixed()).await;
    // L-900 reworded, F-900 dropped, F-901 new.
    let second_text = fixed()
        .replace("Тестілеу ұзақтығы", "Тестілеудің ұзақтығы")
        .replace("[id:F-900]", "[id:F-901]")
        .replace("::F-900::", "::F-901::")
        .replace(
            "[profile:all] [difficulty:3]",
            "[profile:group:management] [difficulty:3]",
        );
    let (status, second) = post(&app, &token, "/api/v1/banks", second_text).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    let (from, to) = (
        first["version"].as_str().unwrap(),
        second["version"].as_str().unwrap(),
    );

    let (status, d) = get(
        &app,
        &token,
        &format!("/api/v1/banks/{}/diff/{}", &from[..8], to),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{d}");
    assert_eq!(d["from"], from);
    assert_eq!(d["added"], serde_json::json!(["F-901"]));
    assert_eq!(d["changed"], serde_json::json!(["L-900"]));
    assert_eq!(d["retired"], serde_json::json!(["F-900"]));
    assert_eq!(d["unchanged"], 0);
    assert_eq!(
        d["to_counts"]["by_profile"]["group:management"]["functional"],
        1
    );

    let admin = app.token("admin").await;
    let (status, shown) = get(&app, &admin, &format!("/api/v1/banks/{to}")).await;
    assert_eq!(status, StatusCode::OK, "{shown}");
    assert_eq!(shown["version"], to);
    assert_eq!(shown["parent"], from);
    assert_eq!(shown["questions"], 2);
    assert_eq!(shown["counts"]["by_profile"]["all"]["legal"], 1);
    assert_eq!(
        shown["counts"]["by_profile"]["group:management"]["functional"],
        1
    );

    let missing = "ffff".repeat(16);
    let (status, body) = get(
        &app,
        &token,
        &format!("/api/v1/banks/{from}/diff/{missing}"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = get(&app, &token, &format!("/api/v1/banks/{missing}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn two_versions_differ_by_added_changed_and_retired_ids_sqlite() {
    two_versions_differ_by_added_changed_and_retired_ids(common::sqlite().await).await;
}

#[tokio::test]
async fn two_versions_differ_by_added_changed_and_retired_ids_postgres() {
    if let Some(db) = common::postgres().await {
        two_versions_differ_by_added_changed_and_retired_ids(db).await;
    }
}

async fn coverage_finds_the_bank_too_small_before_a_candidate_does(app: TestApp) {
    use crate::exam_support::{campaign, iin, upload_roster};
    use serde_json::json;
    // The sample bank fills every attested position (p.16).
    let (admin, _) = campaign(&app, 1).await;
    let author = app.token("author").await;
    let (_, full) = get(&app, &admin, "/api/v1/banks").await;
    let sample_campaign: Value = app
        .client
        .post(app.url("/api/v1/admin/campaigns"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Sample", "bank_version": full[0]["version"], "procedure": "periodic",
                      "languages": ["kk", "ru"], "opens_on": "2026-11-01", "closes_on": "2026-12-31"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = sample_campaign["campaign_id"].as_str().unwrap();
    let (status, c) = get(
        &app,
        &author,
        &format!("/api/v1/campaigns/{id}/coverage?all=true"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(c["fills"], true, "{c}");
    assert!(c["positions"].as_array().unwrap().len() >= 18);

    // A two-question bank fills nobody's paper: 49 + 49 missing, said in three languages.
    let (_, small) = post(&app, &author, "/api/v1/banks?name=small", fixed()).await;
    let created: Value = app
        .client
        .post(app.url("/api/v1/admin/campaigns"))
        .bearer_auth(&admin)
        .json(&json!({"name": "Small", "bank_version": small["version"], "procedure": "periodic",
                      "languages": ["kk", "ru"], "opens_on": "2026-11-01", "closes_on": "2026-12-31"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["campaign_id"].as_str().unwrap().to_owned();
    let csv = format!(
        "iin,name,position,organization,procedure\n{},Кандидат,tmc_employment_specialist,ЦТМ,periodic\n",
        iin(7)
    );
    let codes = upload_roster(&app, &admin, &id, csv).await;
    let (status, c) = get(&app, &admin, &format!("/api/v1/campaigns/{id}/coverage")).await;
    assert_eq!(status, StatusCode::OK, "{c}");
    assert_eq!(c["fills"], false);
    let positions = c["positions"].as_array().unwrap();
    assert_eq!(positions.len(), 1, "{c}");
    assert_eq!(positions[0]["position"], "tmc_employment_specialist");
    assert_eq!(positions[0]["candidates"], 1);
    let missing = positions[0]["missing"].as_array().unwrap();
    let counts: Vec<(&str, u64, u64, u64)> = missing
        .iter()
        .map(|m| {
            (
                m["section"].as_str().unwrap(),
                m["needed"].as_u64().unwrap(),
                m["available"].as_u64().unwrap(),
                m["missing"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts, [("legal", 50, 1, 49), ("functional", 50, 1, 49)]);
    for lang in ["kk", "ru", "en"] {
        assert!(
            missing[0]["message"][lang].as_str().unwrap().contains("49"),
            "{c}"
        );
    }
    assert!(
        missing[0]["message"]["kk"]
            .as_str()
            .unwrap()
            .contains("жетіспейді")
    );

    // And the candidate who presses Start anyway gets a code the page words in kk and ru.
    let login: Value = app
        .client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": codes[0].0}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"].as_str().unwrap();
    let rules = app
        .client
        .post(app.url("/api/v1/exam/rules"))
        .bearer_auth(token)
        .json(&json!({"lang": "kk"}))
        .send()
        .await
        .unwrap();
    assert_eq!(rules.status(), StatusCode::OK);
    let start = app
        .client
        .post(app.url("/api/v1/exam/start"))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(start.status(), StatusCode::CONFLICT);
    let body: Value = start.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bank_too_small", "{body}");

    let (status, _) = get(&app, &author, "/api/v1/campaigns/nope/coverage").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

crate::on_both_stacks!(
    coverage_finds_the_bank_too_small,
    coverage_finds_the_bank_too_small_before_a_candidate_does
);

async fn post_json(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

async fn retiring_makes_a_new_audited_version_and_refuses_unknown_ids(test_db: common::TestDb) {
    use serde_json::json;
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let (_, first) = post(&app, &token, "/api/v1/banks", fixed()).await;
    let v1 = first["version"].as_str().unwrap().to_owned();
    let retire = format!("/api/v1/banks/{v1}/retire");

    let (status, body) = post_json(
        &app,
        &token,
        &retire,
        json!({"questions": ["L-900", "X-1", "A-0"], "reason": "устарел"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["code"], "unknown_questions");
    assert_eq!(body["error"]["details"], json!(["A-0", "X-1"]));
    let (status, body) = post_json(
        &app,
        &token,
        &retire,
        json!({"questions": ["L-900"], "reason": "  "}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("reason"),
        "{body}"
    );
    let (status, body) = post_json(
        &app,
        &token,
        &retire,
        json!({"questions": ["L-900", "F-900"], "reason": "все"}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("empty_bank"))
    );
    assert_eq!(synaq::store::bank::list(&app.db).await.unwrap().len(), 1);

    let (status, second) = post_json(
        &app,
        &token,
        &retire,
        json!({"questions": ["L-900"], "reason": "норма утратила силу"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["parent"], v1.as_str());
    assert_eq!(second["retired"], json!(["L-900"]));
    assert_eq!(second["questions"], 1);
    assert_eq!(second["bank_name"], "main");
    let v2 = second["version"].as_str().unwrap();
    let (_, d) = get(&app, &token, &format!("/api/v1/banks/{v1}/diff/{v2}")).await;
    assert_eq!(d["retired"], json!(["L-900"]));
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_entry ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(actions[actions.len() - 2..], ["bank.import", "bank.retire"]);

    // v1 is no longer the newest of its bank: retiring from it again is refused.
    let (status, body) = post_json(
        &app,
        &token,
        &retire,
        json!({"questions": ["F-900"], "reason": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        body["error"]["message"].as_str().unwrap().contains(v2),
        "{body}"
    );
    let admin = app.token("admin").await;
    let (status, _) = post_json(
        &app,
        &admin,
        &format!("/api/v1/banks/{v2}/retire"),
        json!({"questions": ["F-900"], "reason": "x"}),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn retiring_makes_a_new_audited_version_and_refuses_unknown_ids_sqlite() {
    retiring_makes_a_new_audited_version_and_refuses_unknown_ids(common::sqlite().await).await;
}

#[tokio::test]
async fn retiring_makes_a_new_audited_version_and_refuses_unknown_ids_postgres() {
    if let Some(db) = common::postgres().await {
        retiring_makes_a_new_audited_version_and_refuses_unknown_ids(db).await;
    }
}
