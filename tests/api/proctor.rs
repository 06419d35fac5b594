//! Proctoring callbacks over HTTP: vendors and their secrets, each adapter's signed callback,
//! and every refusal of docs/proctoring.md with its status. On SQLite + memory and on
//! PostgreSQL + Redis.

use reqwest::StatusCode;
use serde_json::{Value, json};
use synaq_proctor::verify::{sign_native, sign_proctorio, sign_proctoru};

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

pub const SECRET: &str = "whsec_test_current_0001";
pub const OLD_SECRET: &str = "whsec_test_previous_0001";

/// Registers vendor `name` with `adapter` and `secrets`; the answer.
pub async fn register(
    app: &TestApp,
    admin: &str,
    name: &str,
    adapter: &str,
    secrets: &[&str],
) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/admin/proctor/vendors"))
        .bearer_auth(admin)
        .json(&json!({"name": name, "adapter": adapter, "secrets": secrets}))
        .send()
        .await
        .unwrap()
}

/// The server's clock in Unix seconds.
pub fn now_s(app: &TestApp) -> i64 {
    use synaq::live::Clock;
    app.clock.now().as_second()
}

/// POSTs a native-signed body (native and edx) at timestamp `ts`.
pub async fn post_native(
    app: &TestApp,
    path: &str,
    secret: &str,
    ts: i64,
    body: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("content-type", "application/json")
        .header("x-synaq-timestamp", ts.to_string())
        .header(
            "x-synaq-signature",
            sign_native(secret.as_bytes(), ts, body.as_bytes()),
        )
        .body(body.to_owned())
        .send()
        .await
        .unwrap()
}

/// A native batch of one event.
pub fn event(id: &str, session: &str, kind: &str, confidence: f64, at: i64) -> String {
    json!({"events": [{"id": id, "session_id": session, "kind": kind, "confidence": confidence,
                       "occurred_at": at, "duration_s": 4.5, "evidence": []}]})
    .to_string()
}

/// A native `events` callback of vendor `acme`, signed now with `secret`.
pub async fn send_event(app: &TestApp, secret: &str, body: &str) -> reqwest::Response {
    post_native(app, "/api/v1/proctor/acme/events", secret, now_s(app), body).await
}

pub async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.unwrap();
    (
        status,
        serde_json::from_str(&text).unwrap_or_else(|_| json!({"text": text})),
    )
}

/// The audit actions recorded so far, in order.
pub async fn audit_actions(app: &TestApp) -> Vec<String> {
    synaq::store::audit::entries_after(&app.db, 0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.record.action)
        .collect()
}

pub async fn assert_chain_intact(app: &TestApp) {
    let verdict = synaq::store::audit::verify(&app.db).await.unwrap();
    assert!(
        matches!(verdict, synaq::store::audit::Verdict::Intact { .. }),
        "{verdict:?}"
    );
}

async fn vendors_are_registered_listed_and_never_show_their_secrets(app: TestApp) {
    let (admin, _) = campaign(&app, 1).await;
    let created = register(&app, &admin, "acme", "native", &[SECRET, OLD_SECRET]).await;
    let (status, body) = json_of(created).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["active_secrets"], 2);
    let again = register(&app, &admin, "acme", "native", &[SECRET]).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let (status, body) =
        json_of(register(&app, &admin, "x", "carrier-pigeon", &[SECRET]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("adapter:"),
        "{body}"
    );
    let (status, body) = json_of(register(&app, &admin, "y", "native", &["short"]).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("secrets[0]:") && !message.contains("short"),
        "{body}"
    );
    let listed = app
        .client
        .get(app.url("/api/v1/admin/proctor/vendors"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        listed.contains("\"acme\"") && listed.contains("\"active_secrets\":2"),
        "{listed}"
    );
    assert!(
        !listed.contains(SECRET) && !listed.contains(OLD_SECRET),
        "{listed}"
    );
    let unknown = app
        .client
        .put(app.url("/api/v1/admin/proctor/vendors/nobody"))
        .bearer_auth(&admin)
        .json(&json!({"secrets": [SECRET]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    // Only admins manage vendors.
    let reviewer = app.token("proctor_reviewer").await;
    let refused = register(&app, &reviewer, "evil", "native", &[SECRET]).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let listed = app
        .client
        .get(app.url("/api/v1/admin/proctor/vendors"))
        .bearer_auth(&reviewer)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::FORBIDDEN);
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    vendors_are_registered_listed_and_never_show_their_secrets_,
    vendors_are_registered_listed_and_never_show_their_secrets
);

async fn native_callbacks_refuse_with_the_documented_statuses(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let now = now_s(&app);
    let body = event("ev-1", &session, "tab_hidden", 0.9, now);

    // Unknown vendor: 404, before anything else.
    let r = post_native(&app, "/api/v1/proctor/nobody/events", SECRET, now, &body).await;
    let (status, answer) = json_of(r).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
    assert_eq!(answer["error"]["code"], "unknown_vendor");

    // Bad signature: 401.
    let r = post_native(
        &app,
        "/api/v1/proctor/acme/events",
        "whsec_wrong_secret_000",
        now,
        &body,
    )
    .await;
    let (status, answer) = json_of(r).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    assert_eq!(answer["error"]["code"], "bad_signature");

    // Stale and future timestamps: 401, saying which.
    let r = post_native(
        &app,
        "/api/v1/proctor/acme/events",
        SECRET,
        now - 301,
        &body,
    )
    .await;
    let (status, answer) = json_of(r).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["error"]["code"], "stale_timestamp");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("301 s in the past"),
        "{answer}"
    );
    let r = post_native(
        &app,
        "/api/v1/proctor/acme/events",
        SECRET,
        now + 301,
        &body,
    )
    .await;
    let (status, answer) = json_of(r).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer["error"]["code"], "future_timestamp");
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("in the future"),
        "{answer}"
    );
    // Inside the window either way: accepted.
    let r = post_native(
        &app,
        "/api/v1/proctor/acme/events",
        SECRET,
        now - 299,
        &body,
    )
    .await;
    let (status, first) = json_of(r).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["results"][0]["action"], "record");
    assert_eq!(first["results"][0]["duplicate"], false);

    // Replay of the same event id: 200, the first result, no second effect.
    let r = send_event(&app, SECRET, &body).await;
    let (status, again) = json_of(r).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["results"][0]["action"], first["results"][0]["action"]);
    assert_eq!(again["results"][0]["duplicate"], true);
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1, "the replay stored nothing");

    // Malformed: 422 naming the field.
    let bad = json!({"events": [{"id": "ev-2", "session_id": session, "kind": "tab_hidden",
                                     "confidence": 1.5, "occurred_at": now}]})
    .to_string();
    let (status, answer) = json_of(send_event(&app, SECRET, &bad).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["error"]["field"], "events[0].confidence");
    let (status, answer) = json_of(send_event(&app, SECRET, "{\"events\": 3}").await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["error"]["field"], "events");

    // Unknown session: 422 naming the field; nothing of the batch is stored.
    let two = json!({"events": [
            {"id": "ev-3", "session_id": session, "kind": "copy_paste", "confidence": 1, "occurred_at": now},
            {"id": "ev-4", "session_id": "no-such-session", "kind": "copy_paste", "confidence": 1, "occurred_at": now}]})
        .to_string();
    let (status, answer) = json_of(send_event(&app, SECRET, &two).await).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert_eq!(answer["error"]["code"], "unknown_session");
    assert_eq!(answer["error"]["field"], "events[1].session_id");
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);

    // Oversized: 413 naming the limit (docs/limits.md).
    let huge = format!(
        "{{\"events\": [], \"pad\": \"{}\"}}",
        "x".repeat(7 * 1024 * 1024)
    );
    let (status, answer) = json_of(send_event(&app, SECRET, &huge).await).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .contains("6291456"),
        "{answer}"
    );

    // The accepted event, the replay and the signed refusals are in the chain; unsigned
    // ones are not.
    let actions = audit_actions(&app).await;
    let count = |a: &str| actions.iter().filter(|x| *x == a).count();
    assert_eq!(count("proctor.signal"), 1);
    assert_eq!(count("proctor.duplicate"), 1);
    assert_eq!(count("proctor.refused"), 3, "{actions:?}");
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    native_callbacks_refuse_with_the_documented_statuses_,
    native_callbacks_refuse_with_the_documented_statuses
);

async fn a_rotated_secret_accepts_old_and_new_and_refuses_the_retired_one(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "acme", "native", &[OLD_SECRET]).await;
    let rotate = |secrets: Value| {
        app.client
            .put(app.url("/api/v1/admin/proctor/vendors/acme"))
            .bearer_auth(&admin)
            .json(&json!({"secrets": secrets}))
            .send()
    };
    assert_eq!(
        rotate(json!([SECRET, OLD_SECRET])).await.unwrap().status(),
        200
    );
    let now = now_s(&app);
    let r = send_event(
        &app,
        SECRET,
        &event("n-1", &session, "tab_hidden", 0.9, now),
    )
    .await;
    assert_eq!(r.status(), 200, "the new secret verifies");
    let r = send_event(
        &app,
        OLD_SECRET,
        &event("o-1", &session, "tab_hidden", 0.9, now),
    )
    .await;
    assert_eq!(r.status(), 200, "the previous secret still verifies");
    assert_eq!(rotate(json!([SECRET])).await.unwrap().status(), 200);
    let r = send_event(
        &app,
        OLD_SECRET,
        &event("o-2", &session, "tab_hidden", 0.9, now),
    )
    .await;
    assert_eq!(r.status(), 401, "the retired secret is refused");
    let r = send_event(
        &app,
        SECRET,
        &event("n-2", &session, "tab_hidden", 0.9, now),
    )
    .await;
    assert_eq!(r.status(), 200);
    let actions = audit_actions(&app).await;
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "proctor.vendor.secrets")
            .count(),
        2
    );
}
on_both_stacks!(
    a_rotated_secret_accepts_old_and_new_and_refuses_the_retired_one_,
    a_rotated_secret_accepts_old_and_new_and_refuses_the_retired_one
);

async fn edx_proctorio_and_proctoru_callbacks_verify_and_refuse(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    for (name, adapter) in [("openedx", "edx"), ("pio", "proctorio"), ("pu", "proctoru")] {
        let r = register(&app, &admin, name, adapter, &[SECRET]).await;
        assert_eq!(r.status(), 201);
    }
    // edx: signed with the native headers; `passed` records a clean verdict.
    let review =
        json!({"status": "passed", "comments": [], "reviewed_by": "r@example.edu"}).to_string();
    let path = format!("/api/v1/proctor/openedx/edx/attempts/{session}/reviewed");
    let (status, answer) =
        json_of(post_native(&app, &path, SECRET, now_s(&app), &review).await).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["action"], "record");
    let (status, _) =
        json_of(post_native(&app, &path, "whsec_wrong_secret_000", now_s(&app), &review).await)
            .await;
    assert_eq!(status, 401);
    let unknown = "/api/v1/proctor/openedx/edx/attempts/nope/reviewed";
    let (status, answer) =
        json_of(post_native(&app, unknown, SECRET, now_s(&app), &review).await).await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["code"], "unknown_session");
    // A vendor is called only on its own adapter's route.
    let (status, _) = json_of(
        post_native(
            &app,
            "/api/v1/proctor/openedx/events",
            SECRET,
            now_s(&app),
            &review,
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);

    // proctorio: the envelope's own signature; a nonce is never accepted twice.
    let data = json!({"id": "rep-1", "suspicion": 31, "user_id": "u-5", "attempt_id": session,
                          "flags": {"unfocus_detected": 0.125, "audio_detected": 0}})
    .to_string();
    let envelope = |nonce: &str, secret: &str| {
        format!(
            r#"{{"type":"attempt.reviewed","nonce":"{nonce}","signature":"{}","data":{data}}}"#,
            sign_proctorio(secret.as_bytes(), nonce, &data)
        )
    };
    let post = |body: String| {
        app.client
            .post(app.url("/api/v1/proctor/pio/proctorio"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let (status, first) = json_of(post(envelope("n-1", SECRET)).await.unwrap()).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(
        first["results"].as_array().unwrap().len(),
        1,
        "zero flags are not signals"
    );
    let (status, again) = json_of(post(envelope("n-1", SECRET)).await.unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(again["results"], first["results"]);
    assert_eq!(again["replayed_nonce"], true);
    let (status, answer) = json_of(
        post(envelope("n-2", "whsec_wrong_secret_000"))
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401, "{answer}");
    let (status, answer) = json_of(
        post(r#"{"type":"x","signature":"00","data":{}}"#.into())
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["field"], "nonce");

    // proctoru: HMAC-SHA1 of the raw body.
    let incident = json!({"incident_id": "inc-7", "reservation_id": session, "type": "phone_use",
                              "severity": "high", "occurred_at": now_s(&app), "duration_s": 12,
                              "description": "Phone held up to camera", "reviewed_by": "proctor-17"})
        .to_string();
    let post_pu = |body: String, secret: &str| {
        app.client
            .post(app.url("/api/v1/proctor/pu/proctoru"))
            .header(
                "x-proctoru-signature",
                sign_proctoru(secret.as_bytes(), body.as_bytes()),
            )
            .body(body)
            .send()
    };
    let (status, answer) = json_of(post_pu(incident.clone(), SECRET).await.unwrap()).await;
    assert_eq!(status, 200, "{answer}");
    let (status, _) = json_of(
        post_pu(incident.clone(), "whsec_wrong_secret_000")
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, 401);
    let bad = incident.replace("phone_use", "juggling");
    let (status, answer) = json_of(post_pu(bad, SECRET).await.unwrap()).await;
    assert_eq!(status, 422);
    assert_eq!(answer["error"]["field"], "type");

    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    let kinds: Vec<&str> = stored.iter().map(|s| s.signal.kind.name()).collect();
    assert_eq!(kinds, ["verdict_clean", "tab_hidden", "phone_detected"]);
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    edx_proctorio_and_proctoru_callbacks_verify_and_refuse_,
    edx_proctorio_and_proctoru_callbacks_verify_and_refuse
);
