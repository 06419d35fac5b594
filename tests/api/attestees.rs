//! The TMC's list of attestees (p.9-p.11, p.14) over HTTP on both stacks: the example list
//! and personnel files of `examples/tmc/` (XLSX and CSV), admission with its reasons, codes
//! for the admitted only, corrections that kill an unused code, the operator's scope (another
//! organization's rows refused on upload and 404 by id), nothing imported on any error, and
//! the public announcement.

use reqwest::StatusCode;
use serde_json::{Value, json};
use synaq::domain::audit::Actor;
use synaq::domain::role::Role;

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const KARAGANDA: &str = "ЦТМ г. Караганды";

fn example(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/examples/tmc/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// An admin token and a campaign with no roster, testing from `opens_on` to `closes_on`.
async fn campaign_from(app: &TestApp, opens_on: &str, closes_on: &str) -> (String, String) {
    let admin = app.token("admin").await;
    let version = synaq::store::bank::import(
        &app.db,
        &synaq::sample::bank(),
        "sample",
        &Actor::Cli,
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
        .json(
            &json!({"name": "Аттестация 2026", "bank_version": version, "procedure": "periodic",
                      "languages": ["kk", "ru"], "opens_on": opens_on, "closes_on": closes_on}),
        )
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (admin, created["campaign_id"].as_str().unwrap().to_owned())
}

async fn operator(app: &TestApp, organization: &str) -> String {
    synaq::store::token::issue_scoped(
        &app.db,
        Role::TmcOperator,
        Some(organization),
        &format!("tmc-{}", organization.len()),
        &Actor::Cli,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap()
}

async fn upload(
    app: &TestApp,
    token: &str,
    path: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn post_json(app: &TestApp, token: &str, path: &str, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (
        response.status(),
        response.json().await.unwrap_or(Value::Null),
    )
}

async fn list(app: &TestApp, token: &str, campaign: &str, query: &str) -> Value {
    let response = app
        .client
        .get(app.url(&format!(
            "/api/v1/tmc/campaigns/{campaign}/attestees?{query}"
        )))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

fn by_iin<'a>(listing: &'a Value, iin: &str) -> &'a Value {
    listing["attestees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["iin"] == iin)
        .unwrap_or_else(|| panic!("{iin} in {listing}"))
}

async fn login(app: &TestApp, code: &str) -> (StatusCode, Value) {
    post_json(app, "-", "/api/v1/exam/login", json!({"code": code})).await
}

/// The example list and personnel data of one TMC, uploaded by its operator; its token.
async fn formed(app: &TestApp, campaign: &str) -> String {
    let tmc = operator(app, KARAGANDA).await;
    let path = format!("/api/v1/tmc/campaigns/{campaign}/attestees");
    let (status, body) = upload(app, &tmc, &path, XLSX, example("attestees.xlsx")).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["added"], 3);
    let path = format!("/api/v1/tmc/campaigns/{campaign}/personnel");
    let (status, body) = upload(app, &tmc, &path, "text/csv", example("personnel.csv")).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        (&body["updated"], &body["admitted"], &body["not_admitted"]),
        (&json!(3), &json!(2), &json!(1)),
        "{body}"
    );
    tmc
}

async fn the_example_list_is_admitted_and_only_the_admitted_get_codes(app: TestApp) {
    let (_, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let tmc = formed(&app, &campaign).await;
    let listing = list(&app, &tmc, &campaign, "").await;
    assert_eq!(listing["page"]["total"], 3);
    let short = by_iin(&listing, "900712302342");
    assert_eq!(short["status"], "not_admitted");
    assert_eq!(short["admission_on"], "2026-11-01");
    assert_eq!(short["reasons"][0]["code"], "training_plan_not_completed");
    assert!(
        short["reasons"][0]["clause"]
            .as_str()
            .unwrap()
            .starts_with("p.14")
    );
    assert!(
        short["reasons"][0]["message_kk"]
            .as_str()
            .unwrap()
            .contains("36")
    );
    let applicant = by_iin(&listing, "851103403456");
    assert_eq!(applicant["status"], "admitted");
    assert_eq!(applicant["claimed_category"], "case_manager");
    assert_eq!(by_iin(&listing, "880314401231")["number"], "1");
    // Filters: by status, by IIN prefix, by a part of the name in lower case.
    let admitted = list(&app, &tmc, &campaign, "status=admitted").await;
    assert_eq!(admitted["page"]["total"], 2);
    let found = list(&app, &tmc, &campaign, "q=9007").await;
    assert_eq!(found["attestees"][0]["name"], "Петров Иван Сергеевич");
    let found = list(&app, &tmc, &campaign, "q=жумабек").await;
    assert_eq!(found["page"]["total"], 1);
    let (status, _) = upload(&app, &tmc, "/x", "text/csv", vec![]).await;
    assert_eq!(status, 404);
    let bad = app
        .client
        .get(app.url(&format!(
            "/api/v1/tmc/campaigns/{campaign}/attestees?status=maybe"
        )))
        .bearer_auth(&tmc)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);

    let codes_path = format!("/api/v1/tmc/campaigns/{campaign}/codes");
    let (status, codes) = post_json(&app, &tmc, &codes_path, json!({})).await;
    assert_eq!(status, 201, "{codes}");
    let entries = codes["entries"].as_array().unwrap();
    let iins: Vec<&str> = entries.iter().map(|e| e["iin"].as_str().unwrap()).collect();
    assert_eq!(
        iins,
        ["880314401231", "851103403456"],
        "the admitted only, by name"
    );
    let csv = codes["csv"].as_str().unwrap();
    for e in entries {
        assert!(csv.contains(e["code"].as_str().unwrap()), "{csv}");
    }
    // Each code opens its session; a second call issues none.
    let (status, session) = login(&app, entries[0]["code"].as_str().unwrap()).await;
    assert_eq!(status, 200, "{session}");
    let (_, again) = post_json(&app, &tmc, &codes_path, json!({})).await;
    assert_eq!(again["entries"], json!([]));
    let listing = list(&app, &tmc, &campaign, "").await;
    assert_eq!(by_iin(&listing, "900712302342")["code"], "none");
    assert_eq!(by_iin(&listing, "880314401231")["code"], "issued");

    // The same list again: every row already listed, nothing added.
    let path = format!("/api/v1/tmc/campaigns/{campaign}/attestees");
    let (status, body) = upload(&app, &tmc, &path, "text/csv", example("attestees.csv")).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid_attestees");
    let details = body["error"]["details"].as_array().unwrap();
    assert_eq!(details.len(), 3, "{body}");
    assert!(
        details[0]
            .as_str()
            .unwrap()
            .starts_with("line 2, iin: 880314401231 (Асанова Айгерим Серикқызы) is already"),
        "{body}"
    );
}
on_both_stacks!(
    the_example_list_is_admitted_and_only_the_admitted_get_codes,
    the_example_list_is_admitted_and_only_the_admitted_get_codes
);

async fn an_operator_of_another_organization_sees_and_changes_nothing(app: TestApp) {
    let (admin, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let tmc = formed(&app, &campaign).await;
    let astana = operator(&app, "ЦТМ г. Астана").await;
    // Its upload of the Karaganda list is refused row by row; nothing is imported.
    let path = format!("/api/v1/tmc/campaigns/{campaign}/attestees");
    let mut text = String::from_utf8(example("attestees.csv")).unwrap();
    text = text.replace("880314401231", "920201304562");
    let (status, body) = upload(&app, &astana, &path, "text/csv", text.into_bytes()).await;
    assert_eq!(status, 422, "{body}");
    let details: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        details[0].starts_with("line 2, organization:") && details[0].contains("p.9"),
        "{details:?}"
    );
    assert_eq!(list(&app, &admin, &campaign, "").await["page"]["total"], 3);
    // It lists no one of Karaganda's, and their ids are not found.
    assert_eq!(list(&app, &astana, &campaign, "").await["page"]["total"], 0);
    let karaganda = list(&app, &tmc, &campaign, "").await;
    let id = karaganda["attestees"][0]["attestee_id"].as_str().unwrap();
    let correction = format!("/api/v1/tmc/campaigns/{campaign}/attestees/{id}/correction");
    let exclude = json!({"excluded": true, "reason": "study_leave", "from": "2026-11-20"});
    let (status, body) = post_json(&app, &astana, &correction, exclude.clone()).await;
    assert_eq!(status, 404, "{body}");
    // Its personnel data for Karaganda's people is refused; its codes are none.
    let path = format!("/api/v1/tmc/campaigns/{campaign}/personnel");
    let (status, body) = upload(&app, &astana, &path, "text/csv", example("personnel.csv")).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["details"][0]
            .as_str()
            .unwrap()
            .contains("not on your list"),
        "{body}"
    );
    let codes = format!("/api/v1/tmc/campaigns/{campaign}/codes");
    let (status, body) = post_json(&app, &astana, &codes, json!({})).await;
    assert_eq!((status.as_u16(), &body["entries"]), (201, &json!([])));
    // The admin sees and corrects every organization's.
    let (status, body) = post_json(&app, &admin, &correction, exclude).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "excluded");
}
on_both_stacks!(
    an_operator_of_another_organization_sees_and_changes_nothing,
    an_operator_of_another_organization_sees_and_changes_nothing
);

async fn a_list_with_one_bad_row_imports_nothing(app: TestApp) {
    let (admin, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let tmc = operator(&app, KARAGANDA).await;
    let text = String::from_utf8(example("attestees.csv"))
        .unwrap()
        .replace("900712302342", "900712302343")
        .replace(",Карагандинская область,высшее\n2,", ",Сибирь,высшее\n2,");
    let path = format!("/api/v1/tmc/campaigns/{campaign}/attestees");
    let (status, body) = upload(&app, &tmc, &path, "text/csv", text.into_bytes()).await;
    assert_eq!(status, 422, "{body}");
    let details: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(details.len(), 2, "{details:?}");
    assert!(details[0].starts_with("line 2, region:"), "{details:?}");
    assert!(details[1].starts_with("line 3, iin:"), "{details:?}");
    assert_eq!(list(&app, &admin, &campaign, "").await["page"]["total"], 0);
    // A body that is neither CSV nor XLSX.
    let (status, _) = upload(&app, &tmc, &path, "application/json", b"{}".to_vec()).await;
    assert_eq!(status, 415);
    let (status, body) = upload(&app, &tmc, &path, XLSX, b"iin,name".to_vec()).await;
    assert_eq!(status, 422, "{body}");
    // A campaign whose term is over refuses the list.
    let (_, over) = campaign_from(&app, "2026-10-01", "2026-10-31").await;
    let path = format!("/api/v1/tmc/campaigns/{over}/attestees");
    let (status, body) = upload(&app, &tmc, &path, "text/csv", example("attestees.csv")).await;
    assert_eq!(status, 409, "{body}");
}
on_both_stacks!(
    a_list_with_one_bad_row_imports_nothing,
    a_list_with_one_bad_row_imports_nothing
);

async fn a_correction_kills_an_unused_code_and_re_inclusion_issues_a_new_one(app: TestApp) {
    let (_, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let tmc = formed(&app, &campaign).await;
    let codes_path = format!("/api/v1/tmc/campaigns/{campaign}/codes");
    let (_, codes) = post_json(&app, &tmc, &codes_path, json!({})).await;
    let entry = codes["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["iin"] == "880314401231")
        .unwrap()
        .clone();
    let old_code = entry["code"].as_str().unwrap().to_owned();
    let (status, session) = login(&app, &old_code).await;
    assert_eq!(status, 200);
    let old_token = session["token"].as_str().unwrap().to_owned();

    let listing = list(&app, &tmc, &campaign, "q=8803").await;
    let id = listing["attestees"][0]["attestee_id"].as_str().unwrap();
    let path = format!("/api/v1/tmc/campaigns/{campaign}/attestees/{id}/correction");
    // Incapacity beyond two months is no correction of p.10.1.
    let (status, body) = post_json(
        &app,
        &tmc,
        &path,
        json!({"excluded": true, "reason": "incapacity", "from": "2026-11-20", "until": "2027-01-20"}),
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("p.10.1")
    );
    let (status, body) = post_json(
        &app,
        &tmc,
        &path,
        json!({"excluded": true, "reason": "business_trip_abroad", "from": "2026-10-25",
               "until": "2026-11-10", "note": "приказ № 12-к"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "excluded");
    assert_eq!(body["code"], "revoked");
    assert_eq!(body["exclusion"]["clause"], "p.10.3");
    assert_eq!(body["reasons"][0]["code"], "business_trip_abroad");
    // The code and its login died.
    let (status, refused) = login(&app, &old_code).await;
    assert_eq!(
        (status.as_u16(), &refused["error"]["code"]),
        (422, &json!("bad_code"))
    );
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401);
    let excluded = list(&app, &tmc, &campaign, "status=excluded").await;
    assert_eq!(excluded["page"]["total"], 1);
    // An excluded person gets no code.
    let (_, none) = post_json(&app, &tmc, &codes_path, json!({})).await;
    assert_eq!(none["entries"], json!([]));
    // Re-included: admitted again, and a new code for the same session.
    let (status, body) = post_json(&app, &tmc, &path, json!({"excluded": false})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "admitted");
    let (_, again) = post_json(&app, &tmc, &codes_path, json!({})).await;
    let entries = again["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 1, "{again}");
    assert_eq!(entries[0]["session_id"], entry["session_id"]);
    let (status, _) = login(&app, entries[0]["code"].as_str().unwrap()).await;
    assert_eq!(status, 200);
    // Once the exam began, the list can no longer be corrected for the person.
    start(&app, entries[0]["code"].as_str().unwrap()).await;
    let (status, body) = post_json(
        &app,
        &tmc,
        &path,
        json!({"excluded": true, "reason": "study_leave", "from": "2026-11-27"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    // Every correction is in the audit chain.
    let corrections: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_entry WHERE action = 'attestee.correct'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(corrections, 2);
}
on_both_stacks!(
    a_correction_kills_an_unused_code_and_re_inclusion_issues_a_new_one,
    a_correction_kills_an_unused_code_and_re_inclusion_issues_a_new_one
);

async fn the_announcement_is_public_in_kazakh_and_russian(app: TestApp) {
    let (admin, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let json_path = format!("/api/v1/campaigns/{campaign}/announcement");
    let page_path = format!("/campaigns/{campaign}");
    let before = app.client.get(app.url(&json_path)).send().await.unwrap();
    assert_eq!(before.status(), 404);
    let page = app.client.get(app.url(&page_path)).send().await.unwrap();
    assert_eq!(page.status(), 404);
    let publish = format!("/api/v1/admin/campaigns/{campaign}/announcement");
    let (status, body) = post_json(
        &app,
        &admin,
        &publish,
        json!({"text_kk": "Құрметті әріптестер! <тест>", "text_ru": "Уважаемые коллеги!"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, _) = post_json(
        &app,
        &admin,
        &publish,
        json!({"text_kk": "", "text_ru": "x"}),
    )
    .await;
    assert_eq!(status, 400);
    let tmc = operator(&app, KARAGANDA).await;
    let (status, _) = post_json(
        &app,
        &tmc,
        &publish,
        json!({"text_kk": "a", "text_ru": "b"}),
    )
    .await;
    assert_eq!(status, 403);
    let public: Value = app
        .client
        .get(app.url(&json_path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(public["opens_on"], "2026-11-01");
    assert_eq!(public["text_ru"], "Уважаемые коллеги!");
    let page = app.client.get(app.url(&page_path)).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("01.11.2026") && html.contains("31.12.2026"),
        "{html}"
    );
    assert!(html.contains("&lt;тест&gt;") && html.contains("Уважаемые коллеги!"));
    let published: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_entry WHERE action = 'campaign.announcement'",
    )
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(published, 1);
}
on_both_stacks!(
    the_announcement_is_public_in_kazakh_and_russian,
    the_announcement_is_public_in_kazakh_and_russian
);

async fn a_person_the_qio_already_coded_is_named_and_no_code_is_issued(app: TestApp) {
    let (admin, campaign) = campaign_from(&app, "2026-11-01", "2026-12-31").await;
    let tmc = formed(&app, &campaign).await;
    // The QIO's direct upload gave one of the list's people a code (admitted outside synaq).
    let csv = "iin,name,position,organization,procedure,current_category\n\
               851103403456,Жумабекова Дана Ерланқызы,cc_employment_specialist,ЦТМ г. Караганды,periodic,карьерный консультант\n";
    let roster = format!("/api/v1/admin/campaigns/{campaign}/roster");
    let (status, body) = upload(&app, &admin, &roster, "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, 201, "{body}");
    let codes = format!("/api/v1/tmc/campaigns/{campaign}/codes");
    let (status, body) = post_json(&app, &tmc, &codes, json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("851103403456 (Жумабекова Дана Ерланқызы) already hold a code"),
        "{body}"
    );
    let listing = list(&app, &tmc, &campaign, "").await;
    assert!(
        listing["attestees"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["code"] == "none"),
        "nothing was issued"
    );
}
on_both_stacks!(
    a_person_the_qio_already_coded_is_named_and_no_code_is_issued,
    a_person_the_qio_already_coded_is_named_and_no_code_is_issued
);
