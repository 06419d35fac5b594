//! The appeals' live side (issue 9.5, 9.7): the SLA sweep on the server's own timer — no page
//! has to be read for an escalation or a breach to be recorded (p.24) — and the notices pushed
//! over `/ws/notices` while a cabinet or the console is open, on SQLite and on PostgreSQL
//! (+ Redis).

use std::time::Duration;

use jiff::SignedDuration;
use serde_json::{Value, json};
use synaq::live::Clock;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::appeals_support::*;
use crate::common::TestApp;
use crate::exam_support::{Socket, next};
use crate::on_both_stacks;

/// Opens the notice socket with a bearer token.
async fn notices_socket(app: &TestApp, token: &str) -> Socket {
    let mut request = format!("ws://{}/ws/notices", app.addr)
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("authorization", format!("Bearer {token}").parse().unwrap());
    let (socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the notice socket connects");
    socket
}

/// The kinds of a list of notices, in order.
fn kinds(notices: &Value) -> Vec<String> {
    notices
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// The notices of `recipient` as stored, read straight from the database (no route, so no
/// sweep on read), waiting up to `within` for `kind` to appear.
async fn stored_until(app: &TestApp, recipient: &str, kind: &str, within: Duration) -> Vec<String> {
    let give_up = tokio::time::Instant::now() + within;
    loop {
        let stored = synaq::store::appeal::notices(&app.db, &[recipient.to_owned()], None)
            .await
            .unwrap();
        let kinds: Vec<String> = stored.into_iter().map(|n| n.kind).collect();
        if kinds.iter().any(|k| k == kind) || tokio::time::Instant::now() > give_up {
            return kinds;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn the_sla_is_swept_on_the_servers_timer_p24(app: TestApp) {
    let (admin, campaign_id, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 80, "ru").await;
    commission(&app, &admin, &campaign_id).await;
    let one = json!({"questions": [{"number": 90, "ground": "no_correct_option", "justification": WHY}], "submit": true});
    let (status, filed) = post(&app, &a.token, "/api/v1/me/appeals", one).await;
    assert_eq!(status, 201, "{filed}");
    // Received Friday 27 November: due before 00:00 Almaty on 3 December (19:00 UTC on 2
    // December). 25 hours before, nothing is marked, however long the server runs.
    let due: jiff::Timestamp = "2026-12-02T19:00:00Z".parse().unwrap();
    app.clock
        .advance(due.duration_since(app.clock.now()) - SignedDuration::from_hours(25));
    let before = stored_until(&app, "role:admin", "escalated", Duration::from_secs(3)).await;
    assert!(before.is_empty(), "{before:?}");
    // Under 24 hours left: the sweep records the escalation by itself (the test reads the
    // database, never an SLA route), to the chair and the administrators.
    app.clock.advance(SignedDuration::from_hours(2));
    let admin_kinds = stored_until(&app, "role:admin", "escalated", Duration::from_secs(20)).await;
    assert_eq!(admin_kinds, ["escalated"]);
    let chair_kinds = stored_until(&app, "user:chair", "escalated", Duration::from_secs(1)).await;
    assert_eq!(chair_kinds, ["escalated"]);
    // Past the deadline undecided: the breach is recorded once, with its audit entry.
    app.clock.advance(SignedDuration::from_hours(23));
    let admin_kinds = stored_until(&app, "role:admin", "breached", Duration::from_secs(20)).await;
    assert_eq!(admin_kinds, ["breached", "escalated"]);
    let appeal_id = filed["appeal_id"].as_str().unwrap();
    let row = synaq::store::appeal::get(&app.db, appeal_id).await.unwrap();
    assert!(row.escalated_at.is_some() && row.breached_at.is_some());
    let actors: Vec<String> = sqlx::query_scalar(
        "SELECT actor FROM audit_entry WHERE action = 'appeal.breached' ORDER BY seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(actors, ["system:appeals"]);
    // Time goes on; the marks stay recorded once.
    app.clock.advance(SignedDuration::from_hours(5));
    tokio::time::sleep(Duration::from_millis(2_500)).await;
    let admin_kinds = stored_until(&app, "role:admin", "none", Duration::ZERO).await;
    assert_eq!(admin_kinds, ["breached", "escalated"]);
}
on_both_stacks!(appeal_sla_timer, the_sla_is_swept_on_the_servers_timer_p24);

async fn notices_are_pushed_while_the_cabinet_and_the_console_are_open(app: TestApp) {
    let (admin, campaign_id, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let tokens = commission(&app, &admin, &campaign_id).await;
    let chair = &tokens[0];

    // The cabinet is open before anything was filed: an empty list first.
    let mut cabinet = notices_socket(&app, &a.token).await;
    let hello = next(&mut cabinet).await;
    assert_eq!(hello, json!({"type": "notices", "notices": []}));
    let mut console = notices_socket(&app, chair).await;
    assert_eq!(next(&mut console).await["notices"], json!([]));

    // A draft notifies no one; the submission reaches the open cabinet.
    let q = json!([{"number": 1, "ground": "question_wrong", "justification": WHY}]);
    let draft = json!({"questions": q, "submit": false});
    assert_eq!(
        post(&app, &a.token, "/api/v1/me/appeals", draft).await.0,
        201
    );
    let (status, filed) = post(
        &app,
        &a.token,
        "/api/v1/me/appeals",
        json!({"questions": q, "submit": true}),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    let pushed = next(&mut cabinet).await;
    assert_eq!(pushed["type"], "notice", "{pushed}");
    assert_eq!(pushed["notice"]["kind"], "received");
    assert!(
        pushed["notice"]["body"]["kk"]
            .as_str()
            .unwrap()
            .contains("қабылданды")
    );

    // Under 24 hours left: the chair's open console gets the escalation, in kk and ru.
    let due: jiff::Timestamp = "2026-12-02T19:00:00Z".parse().unwrap();
    app.clock
        .advance(due.duration_since(app.clock.now()) - SignedDuration::from_hours(23));
    let pushed = next(&mut console).await;
    assert_eq!(pushed["notice"]["kind"], "escalated", "{pushed}");
    assert!(
        pushed["notice"]["body"]["ru"]
            .as_str()
            .unwrap()
            .contains("24 часов")
    );

    // The decision reaches the cabinet (the staff log in again: days have passed).
    let id = filed["appeal_id"].as_str().unwrap();
    let votes = format!("/api/v1/commission/appeals/{id}/votes");
    let chair = &staff_login(&app, "chair").await;
    let mut voters = vec![chair.clone()];
    for name in ["member1", "reserve1"] {
        voters.push(staff_login(&app, name).await);
    }
    for voter in &voters {
        let vote = json!({"question": 1, "verdict": "reject", "reason": "вопрос корректен"});
        assert_eq!(post(&app, voter, &votes, vote).await.0, 204);
    }
    let close = format!("/api/v1/commission/appeals/{id}/close");
    let (status, closed) = post(&app, chair, &close, json!({"outcomes": {}})).await;
    assert_eq!(status, 200, "{closed}");
    let pushed = next(&mut cabinet).await;
    assert_eq!(pushed["notice"]["kind"], "decided", "{pushed}");

    // A page opened later (a new login: days have passed) gets everything at once, newest
    // first.
    let token = login(&app, &a.code).await;
    let mut reopened = notices_socket(&app, &token).await;
    let hello = next(&mut reopened).await;
    assert_eq!(kinds(&hello["notices"]), ["decided", "received"]);
    // The same list as the cabinet's GET.
    let (_, mine) = get(&app, &token, "/api/v1/me/appeals").await;
    assert_eq!(hello["notices"], mine["notices"]);
}
on_both_stacks!(
    appeal_notice_socket,
    notices_are_pushed_while_the_cabinet_and_the_console_are_open
);

async fn the_notice_socket_refuses_a_foreign_origin_and_a_plain_get(app: TestApp) {
    let (_, _, codes) = campaign(&app, &["ЦТМ Алматы"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let mut request = format!("ws://{}/ws/notices", app.addr)
        .into_client_request()
        .unwrap();
    let headers = request.headers_mut();
    headers.insert(
        "authorization",
        format!("Bearer {}", a.token).parse().unwrap(),
    );
    headers.insert("origin", "https://evil.example".parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => {
            assert_eq!(response.status(), 403);
        }
        other => panic!("a foreign origin connected: {other:?}"),
    }
    let (status, body) = get(&app, &a.token, "/ws/notices").await;
    assert_eq!(status, 400, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(message.starts_with("upgrade:"), "{body}");
}
on_both_stacks!(
    appeal_notice_socket_refusals,
    the_notice_socket_refuses_a_foreign_origin_and_a_plain_get
);

async fn the_cabinet_shows_the_paper_as_seen_with_answers_and_no_keys_p21(app: TestApp) {
    let (admin, _, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let (status, paper) = get(&app, &a.token, "/api/v1/me/appeals/paper").await;
    assert_eq!(status, 200, "{paper}");
    let paper = paper.as_array().unwrap();
    assert_eq!(paper.len(), 100);
    for (i, q) in paper.iter().enumerate() {
        assert_eq!(q["number"], i + 1);
        assert_eq!(q["lang"], "ru");
        // What they chose, by option id, and never the key.
        // (`chosen` keeps the first option of each answer; a multiple answer has more.)
        let answer = q["answer"].as_array().unwrap();
        assert!(answer.contains(&json!(a.chosen[i])), "{q}");
        assert!(q.get("key").is_none(), "{q}");
        assert_eq!(q["options"][0]["label"], "A");
    }
    let text = serde_json::to_string(&paper).unwrap();
    assert!(
        !text.contains("\"correct\""),
        "no option says whether it is correct"
    );
    // Before the result there is nothing to show; a voided session never (p.19).
    let b = &codes[1];
    let token = login(&app, &b.0).await;
    let (status, body) = get(&app, &token, "/api/v1/me/appeals/paper").await;
    assert_eq!(status, 409, "{body}");
    let void = format!("/api/v1/admin/sessions/{}/void", a.session);
    let (status, body) = post(
        &app,
        &admin,
        &void,
        json!({"reason": "proctoring: a second person"}),
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
    let (status, body) = get(&app, &a.token, "/api/v1/me/appeals/paper").await;
    assert_eq!(status, 409, "{body}");
}
on_both_stacks!(
    appeal_paper_as_seen,
    the_cabinet_shows_the_paper_as_seen_with_answers_and_no_keys_p21
);
