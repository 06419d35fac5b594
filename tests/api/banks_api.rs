//! `POST /api/v1/banks` and `GET /api/v1/banks`, and the public routes, against a live server.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::{self, spawn_app};

fn sample_form() -> Form {
    synaq::sample::FILES
        .iter()
        .fold(Form::new(), |form, (name, content)| {
            let file = name.rsplit('/').next().unwrap().to_owned();
            form.part("file", Part::text(content.to_string()).file_name(file))
        })
}

/// A native bank with exactly three errors: a single-choice question with two keys, a question
/// without Russian text, and a question for an unknown profile.
pub const THREE_ERRORS: &str = include_str!("three_errors.json");

#[tokio::test]
async fn health_and_landing_page_answer() {
    let app = spawn_app(common::sqlite().await).await;
    let health: Value = app
        .client
        .get(app.url("/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");
    assert_eq!(health["database"], "sqlite");
    assert!(health["time"].as_str().unwrap().ends_with("+05:00"));
    let page = app
        .client
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Аттестация") || page.contains("аттестации"));
    assert!(page.contains("аттестаттау"));
}

async fn upload_sample_gives_the_cli_version(test_db: common::TestDb) {
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let response = app
        .client
        .post(app.url("/api/v1/banks?name=sample"))
        .bearer_auth(&token)
        .multipart(sample_form())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(
        body["version"],
        synaq::store::bank::version_id(&synaq::sample::bank())
    );
    assert!(body["counts"]["legal"].as_u64().unwrap() >= 60);
    assert!(body["counts"]["functional"].as_u64().unwrap() >= 60);
    assert!(
        body["counts"]["by_profile"]["all"]["legal"]
            .as_u64()
            .unwrap()
            >= 50
    );
    let again = app
        .client
        .post(app.url("/api/v1/banks?name=sample"))
        .bearer_auth(&token)
        .multipart(sample_form())
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    let again: Value = again.json().await.unwrap();
    assert_eq!(again["created"], false);
    assert_eq!(again["version"], body["version"]);
    let list: Value = app
        .client
        .get(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn upload_sample_gives_the_cli_version_sqlite() {
    upload_sample_gives_the_cli_version(common::sqlite().await).await;
}

#[tokio::test]
async fn upload_sample_gives_the_cli_version_postgres() {
    if let Some(test_db) = common::postgres().await {
        upload_sample_gives_the_cli_version(test_db).await;
    }
}

#[tokio::test]
async fn a_bank_with_three_errors_reports_all_three_and_imports_nothing() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let response = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(THREE_ERRORS)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_bank");
    let details: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(details.len(), 3, "{details:#?}");
    assert!(
        details.iter().all(|d| d.starts_with("upload.json")),
        "{details:#?}"
    );
    assert!(synaq::store::bank::list(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn only_authors_upload_banks() {
    let app = spawn_app(common::sqlite().await).await;
    let anonymous = app
        .client
        .post(app.url("/api/v1/banks"))
        .multipart(sample_form())
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let forged = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth("synaq_forged")
        .multipart(sample_form())
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
    for role in [
        "candidate",
        "admin",
        "commission_chair",
        "commission_member",
        "commission_secretary",
        "leb_officer",
    ] {
        let token = app.token(role).await;
        let response = app
            .client
            .post(app.url("/api/v1/banks"))
            .bearer_auth(&token)
            .multipart(sample_form())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "forbidden");
    }
    for role in ["candidate", "commission_member", "leb_officer"] {
        let token = app.token(role).await;
        let response = app
            .client
            .get(app.url("/api/v1/banks"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{role}");
    }
    assert!(synaq::store::bank::list(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn malformed_uploads_name_the_field() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let bad_lang = app
        .client
        .post(app.url("/api/v1/banks?lang=en"))
        .bearer_auth(&token)
        .multipart(sample_form())
        .send()
        .await
        .unwrap();
    assert_eq!(bad_lang.status(), StatusCode::BAD_REQUEST);
    let body: Value = bad_lang.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("lang:"),
        "{body}"
    );
    let bad_type = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .header("content-type", "text/csv")
        .body("a,b")
        .send()
        .await
        .unwrap();
    assert_eq!(bad_type.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let body: Value = bad_type.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Content-Type:"),
        "{body}"
    );
    let not_utf8 = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .multipart(Form::new().part(
            "file",
            Part::bytes(vec![0xff, 0xfe, 0x00]).file_name("bad.gift"),
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(not_utf8.status(), StatusCode::BAD_REQUEST);
    let body: Value = not_utf8.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("bad.gift:"),
        "{body}"
    );
}

#[tokio::test]
async fn oversized_uploads_are_refused() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let huge = "x".repeat(synaq::config::Config::DEFAULT_MAX_UPLOAD_BYTES + 1);
    let response = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(huge)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

/// Issue 14 item 1: a Moodle XML file nested 60,000 deep is refused with its position, and the
/// server lives on (the importer used to overflow the stack and abort the process).
async fn a_bank_nested_60000_deep_is_refused_and_the_server_lives(test_db: common::TestDb) {
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<quiz>{}{}</quiz>\n",
        "<a>".repeat(60_000),
        "</a>".repeat(60_000)
    );
    let form = Form::new().part("file", Part::text(xml).file_name("deep.xml"));
    let response = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_bank");
    assert_eq!(
        body["error"]["details"],
        serde_json::json!([
            "deep.xml:2:196: elements nested more than 64 deep; the file is not read further"
        ])
    );
    let health = app.client.get(app.url("/health")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
    assert!(synaq::store::bank::list(&app.db).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bank_nested_60000_deep_is_refused_and_the_server_lives_sqlite() {
    a_bank_nested_60000_deep_is_refused_and_the_server_lives(common::sqlite().await).await;
}

#[tokio::test]
async fn a_bank_nested_60000_deep_is_refused_and_the_server_lives_postgres() {
    if let Some(test_db) = common::postgres().await {
        a_bank_nested_60000_deep_is_refused_and_the_server_lives(test_db).await;
    }
}

fn moodle_fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("question-bank/fixtures/moodle")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn one_file(name: &str, content: String) -> Form {
    Form::new().part("file", Part::text(content).file_name(name.to_owned()))
}

async fn moodle_exports_upload_with_defaults_and_export_back(test_db: common::TestDb) {
    let app = spawn_app(test_db).await;
    let token = app.token("author").await;
    let upload = |query: &'static str, form: Form| {
        app.client
            .post(app.url(&format!("/api/v1/banks{query}")))
            .bearer_auth(&token)
            .multipart(form)
            .send()
    };
    let gift = moodle_fixture("bilingual.gift");
    let bare = upload("", one_file("bilingual.gift", gift.clone()))
        .await
        .unwrap();
    assert_eq!(bare.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let response = upload(
        "?section=legal&profile=all",
        one_file("bilingual.gift", gift.clone()),
    )
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["questions"], 4);
    let notes = body["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with("bilingual.gift:6:1: note: question has no id; derived id q-")),
        "{notes:#?}"
    );
    let version = body["version"].as_str().unwrap().to_owned();
    for (format, media) in [
        ("gift", "text/plain"),
        ("xml", "application/xml"),
        ("json", "application/json"),
    ] {
        let export = app
            .client
            .get(app.url(&format!(
                "/api/v1/banks/{}/export?format={format}",
                &version[..10]
            )))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(export.status(), StatusCode::OK, "{format}");
        let content_type = export.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(content_type.starts_with(media), "{format}: {content_type}");
        let text = export.text().await.unwrap();
        let again = upload("", one_file(&format!("again.{format}"), text))
            .await
            .unwrap();
        assert_eq!(
            again.status(),
            StatusCode::OK,
            "{format}: the same version exists"
        );
        let again: Value = again.json().await.unwrap();
        assert_eq!(again["version"], version.as_str(), "{format}");
    }
    // A category map as the part named `map`.
    let form = one_file("bilingual.gift", gift).part(
        "map",
        Part::text(moodle_fixture("map.csv")).file_name("map.csv"),
    );
    let mapped = upload("?name=mapped", form).await.unwrap();
    assert_eq!(mapped.status(), StatusCode::CREATED);
    let mapped: Value = mapped.json().await.unwrap();
    assert_eq!(mapped["counts"]["legal"], 4);
    assert_ne!(
        mapped["version"],
        version.as_str(),
        "the map's topic differs"
    );
}

#[tokio::test]
async fn moodle_exports_upload_with_defaults_and_export_back_sqlite() {
    moodle_exports_upload_with_defaults_and_export_back(common::sqlite().await).await;
}

#[tokio::test]
async fn moodle_exports_upload_with_defaults_and_export_back_postgres() {
    if let Some(test_db) = common::postgres().await {
        moodle_exports_upload_with_defaults_and_export_back(test_db).await;
    }
}

#[tokio::test]
async fn bad_defaults_and_exports_name_the_field() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let gift = moodle_fixture("bilingual.gift");
    for (query, field) in [
        ("?section=law", "section"),
        ("?profile=all,tmc_lawyer", "profile"),
        ("?difficulty=9", "difficulty"),
        ("?lang=en", "lang"),
    ] {
        let response = app
            .client
            .post(app.url(&format!("/api/v1/banks{query}")))
            .bearer_auth(&token)
            .multipart(one_file("bilingual.gift", gift.clone()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
        let body: Value = response.json().await.unwrap();
        assert!(
            body["error"]["message"].as_str().unwrap().contains(field),
            "{query}: {body}"
        );
    }
    let bad_map = one_file("bilingual.gift", gift).part(
        "map",
        Part::text("Default for X,legal,all tmc_lawyer,T\n").file_name("m.csv"),
    );
    let response = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .multipart(bad_map)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_map");
    assert_eq!(
        body["error"]["details"][0],
        "m.csv:1:25: unknown profile tag 'tmc_lawyer'; expected all, a position slug, group:... or category:..."
    );
    let missing = app
        .client
        .get(app.url(&format!(
            "/api/v1/banks/{}/export?format=gift",
            "ab".repeat(32)
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let format = app
        .client
        .get(app.url("/api/v1/banks/abcd/export?format=docx"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(format.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_qti_package_uploads() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let package = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("question-bank/fixtures/qti/package.zip"),
    )
    .unwrap();
    let form = Form::new().part("file", Part::bytes(package).file_name("package.zip"));
    let response = app
        .client
        .post(app.url("/api/v1/banks?section=functional&profile=all&topic=QTI"))
        .bearer_auth(&token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["questions"], 2);
    let broken = Form::new().part(
        "file",
        Part::bytes(b"PK\x03\x04 no".to_vec()).file_name("b.zip"),
    );
    let response = app
        .client
        .post(app.url("/api/v1/banks?section=functional&profile=all&topic=QTI"))
        .bearer_auth(&token)
        .multipart(broken)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"]["details"][0]
            .as_str()
            .unwrap()
            .starts_with("b.zip: syntax error: not a zip package"),
        "{body}"
    );
}

#[tokio::test]
async fn defaults_come_as_form_fields_too_but_not_twice() {
    let app = spawn_app(common::sqlite().await).await;
    let token = app.token("author").await;
    let form = || {
        one_file("bilingual.gift", moodle_fixture("bilingual.gift"))
            .text("section", "legal")
            .text("profile", "all")
    };
    let response = app
        .client
        .post(app.url("/api/v1/banks"))
        .bearer_auth(&token)
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["counts"]["legal"], 4);
    let twice = app
        .client
        .post(app.url("/api/v1/banks?section=functional"))
        .bearer_auth(&token)
        .multipart(form())
        .send()
        .await
        .unwrap();
    assert_eq!(twice.status(), StatusCode::BAD_REQUEST);
    let body: Value = twice.json().await.unwrap();
    assert_eq!(
        body["error"]["message"],
        "section: given both as a query parameter and as a form field"
    );
}
