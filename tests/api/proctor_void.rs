//! Proctoring's effects: each campaign's policy, voids mid-exam (one node, and across two
//! nodes with Redis) and after scoring, reinstatement, provisional results, and the exam
//! page's own signals over the socket.

use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::common::{self, TestApp};
use crate::exam_support::*;
use crate::on_both_stacks;
use crate::proctor::*;

/// The edx vendor `openedx`, registered.
async fn with_edx(app: &TestApp, admin: &str) {
    let r = register(app, admin, "openedx", "edx", &[SECRET]).await;
    assert_eq!(r.status(), 201);
}

/// A human-reviewed edX violation for `session`, signed now.
async fn edx_violation(
    app: &TestApp,
    session: &str,
    reviewed_by: Option<&str>,
) -> (StatusCode, Value) {
    let mut review = json!({"status": "violation", "comments": [
        {"comment": "Second person entered the room", "status": "violation", "start": 1767225800, "stop": 1767225860}]});
    if let Some(r) = reviewed_by {
        review["reviewed_by"] = json!(r);
    }
    let path = format!("/api/v1/proctor/openedx/edx/attempts/{session}/reviewed");
    json_of(post_native(app, &path, SECRET, now_s(app), &review.to_string()).await).await
}

async fn put_proctoring(
    app: &TestApp,
    admin: &str,
    campaign: &str,
    body: Value,
) -> (StatusCode, Value) {
    let r = app
        .client
        .put(app.url(&format!("/api/v1/admin/campaigns/{campaign}/proctoring")))
        .bearer_auth(admin)
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(r).await
}

async fn campaign_of(app: &TestApp, session: &str) -> String {
    synaq::store::exam::get(&app.db, session)
        .await
        .unwrap()
        .campaign_id
}

async fn admin_session(app: &TestApp, admin: &str, session: &str) -> Value {
    app.client
        .get(app.url(&format!("/api/v1/admin/sessions/{session}")))
        .bearer_auth(admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

async fn queue(app: &TestApp, token: &str) -> Value {
    let r = app
        .client
        .get(app.url("/api/v1/review/queue"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn policy_is_validated_defaulted_and_decides(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let session = codes[0].1.clone();
    let campaign_id = campaign_of(&app, &session).await;
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let path = format!("/api/v1/admin/campaigns/{campaign_id}/proctoring");
    let got: Value = app
        .client
        .get(app.url(&path))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["review_window_h"], 72);
    assert_eq!(got["second_review"], false);
    let default: Value = serde_json::from_str(synaq_proctor::policy::DEFAULT_JSON).unwrap();
    assert_eq!(got["policy"], default);

    let bad = json!({"policy": {"rules": [{"kinds": ["sneeze"], "count": 1, "action": "flag"}]}});
    let (status, answer) = put_proctoring(&app, &admin, &campaign_id, bad).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("policy.rules[0].kinds[0]:"),
        "{message}"
    );
    let (status, answer) =
        put_proctoring(&app, &admin, &campaign_id, json!({"review_window_h": -1})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        answer["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("review_window_h:")
    );
    let (status, _) = put_proctoring(&app, &admin, "no-such-campaign", json!({})).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let reviewer = app.token("proctor_reviewer").await;
    let (status, _) = put_proctoring(&app, &reviewer, &campaign_id, json!({})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The default policy: the third tab_hidden at confidence >= 0.5 flags for review.
    let now = now_s(&app);
    let mut actions = Vec::new();
    for n in 0..3 {
        let body = event(&format!("t-{n}"), &session, "tab_hidden", 0.9, now);
        let (status, answer) = json_of(send_event(&app, SECRET, &body).await).await;
        assert_eq!(status, 200, "{answer}");
        actions.push(answer["results"][0]["action"].as_str().unwrap().to_owned());
    }
    assert_eq!(actions, ["record", "record", "flag"]);
    let q = queue(&app, &reviewer).await;
    assert_eq!(q["queue"][0]["session_id"], session.as_str());
    assert_eq!(q["queue"][0]["signals"].as_array().unwrap().len(), 3);

    // A campaign that voids on a phone, automated or not.
    let voiding = json!({"policy": {"rules": [{"kinds": ["phone_detected"], "min_confidence": 0.8,
                                               "count": 1, "action": "void"}]},
                         "review_window_h": 48});
    let (status, answer) = put_proctoring(&app, &admin, &campaign_id, voiding).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["review_window_h"], 48);
    let other = codes[1].1.clone();
    let weak = event("p-0", &other, "phone_detected", 0.5, now);
    let (_, answer) = json_of(send_event(&app, SECRET, &weak).await).await;
    assert_eq!(
        answer["results"][0]["action"], "record",
        "below min_confidence"
    );
    let strong = event("p-1", &other, "phone_detected", 0.95, now);
    let (_, answer) = json_of(send_event(&app, SECRET, &strong).await).await;
    assert_eq!(answer["results"][0]["action"], "void");
    assert_eq!(
        admin_session(&app, &admin, &other).await["status"],
        "voided"
    );
    // The flagged session voided too: it leaves the review queue, nothing is left to decide.
    let flagged = event("p-2", &session, "phone_detected", 0.95, now);
    let (_, answer) = json_of(send_event(&app, SECRET, &flagged).await).await;
    assert_eq!(answer["results"][0]["action"], "void");
    assert_eq!(queue(&app, &reviewer).await["open"], 0);
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    policy_per_campaign,
    policy_is_validated_defaulted_and_decides
);

async fn a_void_mid_exam_reaches_the_open_socket(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    with_edx(&app, &admin).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    expect(&mut ws, "ack").await;

    let (status, answer) = edx_violation(&app, &session, Some("reviewer@example.edu")).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["action"], "void");
    let notice = expect(&mut ws, "notice").await;
    assert_eq!(notice["code"], "voided");
    assert!(
        notice["message"]["ru"]
            .as_str()
            .unwrap()
            .contains("verdict_violation"),
        "{notice}"
    );
    let ended = expect(&mut ws, "ended").await;
    assert_eq!(ended["reason"], "voided");
    assert_eq!(ended["result"], Value::Null);
    assert_eq!(expect(&mut ws, "close").await["code"], 4002);
    // Further answers are refused: the session is voided.
    let row = synaq::store::exam::get(&app.db, &session).await.unwrap();
    assert_eq!(row.status.as_str(), "voided");
    let mut again = connect(&app, &token).await;
    assert_eq!(expect(&mut again, "ended").await["reason"], "voided");
    // The candidate sees why (p.19).
    let status: Value = app
        .client
        .get(app.url("/api/v1/exam/proctoring"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(status["voided"]["clause"], "p.19");
    assert!(
        status["voided"]["reason"]
            .as_str()
            .unwrap()
            .contains("openedx"),
        "{status}"
    );
    // The cause and the signal's kind, for the page to word in kk/ru.
    assert_eq!(status["voided"]["cause"], "signal", "{status}");
    assert!(status["voided"]["kind"].is_string(), "{status}");
    assert_chain_intact(&app).await;
}
on_both_stacks!(void_mid_exam, a_void_mid_exam_reaches_the_open_socket);

/// A void on node B reaches the socket held by node A, through Redis.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_void_on_one_node_reaches_the_socket_on_another() {
    let Some(db) = common::postgres().await else {
        return;
    };
    let prefix = format!("synaq-test:{}:", synaq::id::new_id());
    let Some(live_a) = common::redis_state("node-a", &prefix).await else {
        return;
    };
    let live_b = common::redis_state("node-b", &prefix).await.unwrap();
    let clock = Arc::new(synaq::live::ManualClock::new(common::start_time()));
    let a = common::spawn_node(db.db.clone(), live_a, clock.clone()).await;
    let b = common::spawn_node(db.db.clone(), live_b, clock.clone()).await;
    let (admin, codes) = campaign(&a, 1).await;
    with_edx(&a, &admin).await;
    let token = start(&a, &codes[0].0).await;
    let mut on_a = connect(&a, &token).await;
    ready(&a, &token, &mut on_a).await;
    let (status, answer) = edx_violation(&b, &codes[0].1, Some("reviewer@example.edu")).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(expect(&mut on_a, "notice").await["code"], "voided");
    assert_eq!(expect(&mut on_a, "ended").await["reason"], "voided");
}

async fn a_void_after_scoring_annuls_and_reinstatement_restores(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    with_edx(&app, &admin).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    expect(&mut ws, "ack").await;
    send(&mut ws, json!({"type": "submit", "seq": 2})).await;
    let ended = expect(&mut ws, "ended").await;
    assert_eq!(ended["reason"], "submitted");
    let scored = admin_session(&app, &admin, &session).await;
    assert_eq!(scored["status"], "scored");
    assert!(scored["result"].is_object(), "{scored}");

    // Provisional until the review window closes (72 h after the end).
    let proctoring = |token: String| {
        let app = &app;
        async move {
            app.client
                .get(app.url("/api/v1/exam/proctoring"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let p = proctoring(token.clone()).await;
    assert_eq!(p["provisional"], true, "{p}");
    let ended_at = synaq::store::exam::get(&app.db, &session)
        .await
        .unwrap()
        .ended_at
        .unwrap();
    assert_eq!(p["provisional_until"], ended_at + 72 * 3_600_000);

    // A person's violation verdict after scoring annuls the result and the decision (p.19).
    let (status, answer) = edx_violation(&app, &session, Some("reviewer@example.edu")).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["action"], "void");
    let voided = admin_session(&app, &admin, &session).await;
    assert_eq!(voided["status"], "voided");
    assert_eq!(voided["result"], Value::Null);
    let history = synaq::store::result::history(&app.db, &session)
        .await
        .unwrap();
    assert!(history.iter().all(|r| r.annulled_at.is_some()));
    assert_eq!(proctoring(token.clone()).await["provisional"], false);

    // Reinstatement restores them, with a reason, admins only.
    let reinstate = |who: String, body: Value| {
        let app = &app;
        let path = format!("/api/v1/admin/sessions/{session}/reinstate");
        async move {
            app.client
                .post(app.url(&path))
                .bearer_auth(who)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let reviewer = app.token("proctor_reviewer").await;
    assert_eq!(
        reinstate(reviewer, json!({"reason": "x"})).await.status(),
        403
    );
    let r = reinstate(admin.clone(), json!({"reason": " "})).await;
    assert_eq!(r.status(), 400);
    let r = reinstate(
        admin.clone(),
        json!({"reason": "the vendor retracted its verdict"}),
    )
    .await;
    let (status, restored) = json_of(r).await;
    assert_eq!(status, 200, "{restored}");
    assert_eq!(restored["status"], "scored");
    assert_eq!(restored["result"], scored["result"]);
    let r = reinstate(admin.clone(), json!({"reason": "again"})).await;
    assert_eq!(r.status(), 409, "only a voided session is reinstated");
    assert_eq!(proctoring(token.clone()).await["provisional"], true);
    // The window closes 72 h after the end (the candidate's login has expired by then).
    let application = app.application.clone().unwrap();
    let row = synaq::store::exam::get(&app.db, &session).await.unwrap();
    app.clock.advance(jiff::SignedDuration::from_hours(71));
    assert!(application.provisional_until(&row).await.unwrap().is_some());
    app.clock.advance(jiff::SignedDuration::from_hours(2));
    assert_eq!(application.provisional_until(&row).await.unwrap(), None);

    let voids = synaq::store::proctor::voids(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(voids.len(), 1);
    assert_eq!(
        voids[0].reinstate_reason.as_deref(),
        Some("the vendor retracted its verdict")
    );
    let actions = audit_actions(&app).await;
    assert!(
        actions.contains(&"exam.void".to_owned()) && actions.contains(&"exam.reinstate".to_owned())
    );
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    void_after_scoring,
    a_void_after_scoring_annuls_and_reinstatement_restores
);

async fn the_page_reports_signals_over_the_socket(app: TestApp) {
    let (_admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    for n in 0..3 {
        send(&mut ws, json!({"type": "signal", "id": format!("h-{n}"), "kind": "tab_hidden", "duration_ms": 4200})).await;
    }
    // A replayed id (after a reconnect) is kept once.
    send(
        &mut ws,
        json!({"type": "signal", "id": "h-0", "kind": "tab_hidden", "duration_ms": 4200}),
    )
    .await;
    send(
        &mut ws,
        json!({"type": "signal", "id": "x-1", "kind": "phone_detected"}),
    )
    .await;
    let refused = expect(&mut ws, "error").await;
    assert_eq!(refused["code"], "malformed");
    assert!(
        refused["message"].as_str().unwrap().contains("tab_hidden"),
        "{refused}"
    );
    send(&mut ws, json!({"type": "heartbeat"})).await;
    expect(&mut ws, "time").await;
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(stored.len(), 3);
    assert!(stored.iter().all(|s| s.signal.source == "page"));
    assert_eq!(stored[0].signal.duration_s, 4.2);
    assert_eq!(
        stored[2].action, "flag",
        "the default policy's third page signal flags"
    );
    assert!(
        synaq::store::proctor::queue(&app.db)
            .await
            .unwrap()
            .iter()
            .any(|r| r.session_id == session)
    );
    // The rate per connection: 30 a minute; past it refused and not kept.
    for n in 3..31 {
        send(
            &mut ws,
            json!({"type": "signal", "id": format!("r-{n}"), "kind": "window_resize"}),
        )
        .await;
    }
    let limited = expect(&mut ws, "error").await;
    assert_eq!(limited["code"], "signal_rate_limited");
    // A takeover of the socket is a signal.
    let mut second = connect(&app, &token).await;
    ready(&app, &token, &mut second).await;
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert!(
        stored
            .iter()
            .any(|s| s.signal.kind.name() == "session_takeover"),
        "{stored:?}"
    );
}
on_both_stacks!(page_signals, the_page_reports_signals_over_the_socket);
