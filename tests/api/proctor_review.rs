//! Evidence images in native callbacks, and the human review queue.

use base64::Engine as _;
use serde_json::{Value, json};

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;
use crate::proctor::*;

/// A valid 1×1 PNG.
pub const PNG_1X1: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The 1×1 PNG with its header rewritten (CRC included) to declare 100000×100000 pixels:
/// 40 GB decoded, a few dozen bytes sent.
pub fn bomb() -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut bytes = b64.decode(PNG_1X1).unwrap();
    bytes[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    bytes[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    b64.encode(bytes)
}

fn with_evidence(id: &str, session: &str, data: &str, now: i64) -> String {
    json!({"events": [{"id": id, "session_id": session, "kind": "multiple_faces", "confidence": 0.9,
                       "occurred_at": now, "duration_s": 3,
                       "evidence": [format!("data:image/png;base64,{data}"), "https://vendor.example/clip/9"]}]})
    .to_string()
}

async fn evidence_is_decoded_stored_by_address_and_bombs_are_refused(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let now = now_s(&app);
    let (status, answer) =
        json_of(send_event(&app, SECRET, &with_evidence("e-1", &session, PNG_1X1, now)).await)
            .await;
    assert_eq!(status, 200, "{answer}");
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    let reference = &stored[0].signal.evidence[0];
    let sha = reference
        .strip_prefix("sha256:")
        .unwrap_or_else(|| panic!("{reference}"));
    assert_eq!(
        stored[0].signal.evidence[1], "https://vendor.example/clip/9",
        "links stay as sent"
    );
    assert!(
        !stored[0].signal.raw.contains(PNG_1X1),
        "the raw payload keeps the address, not the image"
    );
    let e = synaq::store::proctor::evidence(&app.db, sha)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.mime.as_str(), e.width, e.height), ("image/png", 1, 1));
    let thumb = base64::engine::general_purpose::STANDARD
        .decode(&e.thumbnail_png_base64)
        .unwrap();
    assert_eq!(&thumb[1..4], b"PNG");

    let (status, answer) =
        json_of(send_event(&app, SECRET, &with_evidence("e-2", &session, &bomb(), now)).await)
            .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["code"], "evidence_refused");
    assert_eq!(answer["error"]["field"], "events[0].evidence[0]");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("100000×100000"),
        "{answer}"
    );
    let corrupt = base64::engine::general_purpose::STANDARD
        .encode(b"\x89PNG\r\n\x1a\nnot really a png at all");
    let (status, answer) =
        json_of(send_event(&app, SECRET, &with_evidence("e-3", &session, &corrupt, now)).await)
            .await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("corrupt"),
        "{answer}"
    );
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "refused batches store nothing");
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    evidence_images,
    evidence_is_decoded_stored_by_address_and_bombs_are_refused
);

async fn decide(
    app: &TestApp,
    token: &str,
    session: &str,
    decision: &str,
    reason: &str,
) -> (reqwest::StatusCode, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/v1/review/sessions/{session}/{decision}")))
        .bearer_auth(token)
        .json(&json!({"reason": reason}))
        .send()
        .await
        .unwrap();
    json_of(r).await
}

async fn queue_of(app: &TestApp, token: &str) -> Value {
    app.client
        .get(app.url("/api/v1/review/queue"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn an_unreviewed_edx_violation_voids_only_after_a_reviewer_confirms(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "openedx", "edx", &[SECRET]).await;
    let review = json!({"status": "violation", "comments": [
        {"comment": "Second person entered the room", "status": "violation", "start": 1767225800, "stop": 1767225860}]})
    .to_string();
    let path = format!("/api/v1/proctor/openedx/edx/attempts/{session}/reviewed");
    let (status, answer) =
        json_of(post_native(&app, &path, SECRET, now_s(&app), &review).await).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        answer["results"][0]["action"], "flag",
        "no reviewed_by: a second, human review"
    );
    assert_eq!(
        synaq::store::exam::get(&app.db, &session)
            .await
            .unwrap()
            .status
            .as_str(),
        "scheduled"
    );

    let reviewer = app.token("proctor_reviewer").await;
    let q = queue_of(&app, &reviewer).await;
    let item = &q["queue"][0];
    assert_eq!(item["session_id"], session.as_str());
    assert_eq!(item["signals"][0]["kind"], "verdict_suspicious");
    assert!(
        item["signals"][0]["signal"]["evidence"][0]
            .as_str()
            .unwrap()
            .contains("Second person"),
        "{item}"
    );
    assert_eq!(item["confirmations_needed"], 1);
    // Only reviewers and admins see the queue.
    for role in ["candidate", "author", "commission_member"] {
        let token = app.token(role).await;
        let r = app
            .client
            .get(app.url("/api/v1/review/queue"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{role}");
    }
    let (status, _) = decide(&app, &reviewer, &session, "confirm", " ").await;
    assert_eq!(status, 400, "a reason is required");
    let (status, out) = decide(
        &app,
        &reviewer,
        &session,
        "confirm",
        "two people on the video",
    )
    .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["outcome"], "voided");
    assert_eq!(out["status"], "voided");
    assert_eq!(queue_of(&app, &reviewer).await["open"], 0);
    let (status, _) = decide(&app, &reviewer, &session, "dismiss", "late").await;
    assert_eq!(status, 409, "a decided review takes no more votes");

    // A dismissal leaves the session as it was.
    let other = codes[1].1.clone();
    let path = format!("/api/v1/proctor/openedx/edx/attempts/{other}/reviewed");
    post_native(&app, &path, SECRET, now_s(&app), &review).await;
    let (status, out) = decide(
        &app,
        &admin,
        &other,
        "dismiss",
        "the second person was the proctor",
    )
    .await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["outcome"], "dismissed");
    assert_eq!(out["status"], "scheduled");
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    edx_review_queue,
    an_unreviewed_edx_violation_voids_only_after_a_reviewer_confirms
);

async fn a_second_reviewer_is_required_before_an_automated_flag_voids(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    let campaign_id = synaq::store::exam::get(&app.db, &session)
        .await
        .unwrap()
        .campaign_id;
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let r = app
        .client
        .put(app.url(&format!("/api/v1/admin/campaigns/{campaign_id}/proctoring")))
        .bearer_auth(&admin)
        .json(&json!({"second_review": true,
                      "policy": {"rules": [{"kinds": ["phone_detected"], "count": 1, "action": "void"}]}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let (_, answer) = json_of(
        send_event(
            &app,
            SECRET,
            &event("ph-1", &session, "phone_detected", 0.99, now_s(&app)),
        )
        .await,
    )
    .await;
    assert_eq!(
        answer["results"][0]["action"], "flag",
        "automated: no void without two reviewers"
    );
    let first = app.token("proctor_reviewer").await;
    let (status, out) = decide(&app, &first, &session, "confirm", "phone visible").await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["outcome"], "awaiting_second_review");
    assert_eq!(
        (out["confirmations"].as_i64(), out["needed"].as_i64()),
        (Some(1), Some(2))
    );
    let (status, _) = decide(&app, &first, &session, "confirm", "again").await;
    assert_eq!(status, 409, "the same reviewer cannot be the second");
    let second = synaq::store::token::issue(
        &app.db,
        synaq::domain::role::Role::ProctorReviewer,
        "second-reviewer",
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let (status, out) = decide(&app, &second, &session, "confirm", "agreed: a phone").await;
    assert_eq!(status, 200, "{out}");
    assert_eq!(out["outcome"], "voided");
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    second_review,
    a_second_reviewer_is_required_before_an_automated_flag_voids
);

/// The review page and its script are served; the page's data needs a reviewer's login.
#[tokio::test]
async fn the_review_page_is_served_with_its_script() {
    let app = crate::common::spawn_app(crate::common::sqlite().await).await;
    let page = app.client.get(app.url("/review")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("img-src 'self' data:"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("/assets/reviewer/review.js"), "{html}");
    let script = app
        .client
        .get(app.url("/assets/reviewer/review.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(script.status(), 200);
    assert!(
        script
            .text()
            .await
            .unwrap()
            .contains("/api/v1/review/queue")
    );
    let anonymous = app
        .client
        .get(app.url("/api/v1/review/queue"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}
