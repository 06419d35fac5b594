//! Access codes after issue 10's findings: a lost code is re-issued by an administrator (the
//! old code and its logins die, audited); a used code keeps logging in after the exam but opens
//! only the result, the cabinet and appeals; an administrator's void tells the candidate why.

use serde_json::{Value, json};

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

async fn login(app: &TestApp, code: &str) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/exam/login"))
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap()
}

async fn reissue(app: &TestApp, admin: &str, session: &str, reason: &str) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/api/v1/admin/sessions/{session}/code")))
        .bearer_auth(admin)
        .json(&json!({"reason": reason}))
        .send()
        .await
        .unwrap()
}

async fn status_of(response: reqwest::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn a_lost_code_is_reissued_and_the_old_one_dies(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let (old, session) = &codes[0];
    // The candidate logged in once (on a phone they then lost, say).
    let (status, first) = status_of(login(&app, old).await).await;
    assert_eq!(status, 200, "{first}");
    let old_token = first["token"].as_str().unwrap().to_owned();

    let (status, body) =
        status_of(reissue(&app, &admin, session, "the candidate lost the printed code").await)
            .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["session_id"], session.as_str());
    assert_eq!(body["iin"], iin(0));
    let new = body["code"].as_str().unwrap().to_owned();
    assert_ne!(&new, old);

    // The old code is refused like any wrong code; its login is closed.
    let (status, refused) = status_of(login(&app, old).await).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (422, Some("bad_code"))
    );
    let me = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&old_token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), 401, "the old code's login died with it");

    // The new one opens the same session, untouched; the other candidate's code still works.
    let (status, opened) = status_of(login(&app, &new).await).await;
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["session"]["session_id"], session.as_str());
    assert_eq!(opened["session"]["status"], "scheduled");
    assert_eq!(login(&app, &codes[1].0).await.status(), 200);

    // Audited with its reason, never the code.
    let entries = synaq::store::audit::entries_after(&app.db, 0, 10_000)
        .await
        .unwrap();
    let entry = entries
        .iter()
        .find(|e| e.record.action == "roster.code_reissue")
        .expect("the re-issue is in the audit chain");
    assert_eq!(entry.record.subject, format!("exam_session/{session}"));
    assert_eq!(entry.record.actor, "token:admin:test-admin");

    // A reason is required; an unknown session is 404; only an admin may.
    assert_eq!(reissue(&app, &admin, session, "  ").await.status(), 400);
    assert_eq!(reissue(&app, &admin, "nope", "lost").await.status(), 404);
    let author = app.token("author").await;
    assert_eq!(reissue(&app, &author, session, "lost").await.status(), 403);
}
on_both_stacks!(
    a_lost_code_is_reissued_and_the_old_one_dies,
    a_lost_code_is_reissued_and_the_old_one_dies
);

async fn a_code_after_submission_opens_only_the_result_cabinet_and_appeals(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let (code, session) = &codes[0];
    let token = start(&app, code).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    send(&mut ws, json!({"type": "submit", "seq": 1})).await;
    assert_eq!(expect(&mut ws, "ended").await["reason"], "submitted");

    // The used code still logs in, onto the scored session and its result.
    let (status, again) = status_of(login(&app, code).await).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["session"]["status"], "scored");
    assert!(again["session"]["result"]["percent"].is_number(), "{again}");
    let token = again["token"].as_str().unwrap().to_owned();
    let get = |path: &'static str| app.client.get(app.url(path)).bearer_auth(&token).send();
    let post = |path: &'static str, body: Value| {
        app.client
            .post(app.url(path))
            .bearer_auth(&token)
            .json(&body)
            .send()
    };
    // What it may still do: see the result, the cabinet, the proctoring status, appeals.
    for path in [
        "/api/v1/exam/session",
        "/api/v1/me",
        "/api/v1/exam/proctoring",
        "/api/v1/me/appeals",
    ] {
        let r = get(path).await.unwrap();
        assert_eq!(r.status(), 200, "{path}: {}", r.text().await.unwrap());
    }
    let me: Value = get("/api/v1/me").await.unwrap().json().await.unwrap();
    assert_eq!(me["access"], "closed");
    // Nothing else: the rules and the start refuse with the kk/ru-coded `exam_over`.
    for (path, body) in [
        ("/api/v1/exam/rules", json!({"lang": "kk"})),
        ("/api/v1/exam/start", json!({})),
    ] {
        let (status, refused) = status_of(post(path, body).await.unwrap()).await;
        assert_eq!(status, 409, "{path}: {refused}");
        assert_eq!(refused["error"]["code"], "exam_over", "{path}: {refused}");
    }
    // The socket does not reopen the exam: `ended` and the do-not-reconnect close, and an
    // answer sent meanwhile is never acknowledged.
    let mut ws = connect(&app, &token).await;
    send_lenient(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": ["a"], "seq": 2}),
    )
    .await;
    let ended = expect(&mut ws, "ended").await;
    assert_eq!(ended["reason"], "submitted");
    assert_eq!(expect(&mut ws, "close").await["code"], 4000);
    let stored: Value = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{session}/answers")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["journal"], json!([]), "{stored}");
}
on_both_stacks!(
    a_code_after_submission_opens_only_the_result_cabinet_and_appeals,
    a_code_after_submission_opens_only_the_result_cabinet_and_appeals
);

async fn an_administrators_void_tells_the_candidate_why(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let (code, session) = &codes[0];
    let token = start(&app, code).await;
    let void = |reason: &'static str| {
        app.client
            .post(app.url(&format!("/api/v1/admin/sessions/{session}/void")))
            .bearer_auth(&admin)
            .json(&json!({"reason": reason}))
            .send()
    };
    assert_eq!(
        void("a second person in the room").await.unwrap().status(),
        200
    );
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
    assert_eq!(status["status"], "voided");
    assert_eq!(status["voided"]["reason"], "a second person in the room");
    assert_eq!(status["voided"]["clause"], "p.19");
    assert_eq!(status["voided"]["cause"], "staff");
    assert_eq!(status["voided"]["kind"], Value::Null);
    // Voiding again is refused and notes nothing more.
    assert_eq!(void("again").await.unwrap().status(), 409);
    let voids = synaq::store::proctor::voids(&app.db, session)
        .await
        .unwrap();
    assert_eq!(voids.len(), 1, "{voids:?}");
    // A voided exam's paper is `exam_over` too.
    let paper = app
        .client
        .get(app.url("/api/v1/exam/paper"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    let (status, body) = status_of(paper).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("exam_over"))
    );
}
on_both_stacks!(
    an_administrators_void_tells_the_candidate_why,
    an_administrators_void_tells_the_candidate_why
);
