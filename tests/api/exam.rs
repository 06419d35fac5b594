//! The live exam against a real WebSocket client: on SQLite with in-process live state, and on
//! PostgreSQL with Redis.

use serde_json::json;

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

async fn answer_ack_and_idempotent_replay(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let (code, session) = &codes[0];
    let token = start(&app, code).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    assert_eq!(state["paper"].as_array().unwrap().len(), 100);
    assert!(
        state["deadline"].as_i64().unwrap() - state["server_time"].as_i64().unwrap()
            == 120 * 60_000
    );
    assert!(
        !state.to_string().contains("correct"),
        "no keys reach the candidate"
    );
    let a = option(&state, 1, 0);
    let b = option(&state, 1, 1);
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [a], "seq": 1}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 1);
    // The same message again (a replay after a lost ack) is acknowledged, not saved twice.
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [a], "seq": 1}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 1);
    // A newer answer wins; an older seq arriving late does not overwrite it.
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [b], "seq": 3}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 3);
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [a], "seq": 2}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 2);
    send(
        &mut ws,
        json!({"type": "flag", "q": 7, "flagged": true, "seq": 4}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 4);
    let stored: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{session}/answers")))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stored["journal"].as_array().unwrap().len(), 4, "{stored}");
    let q1 = stored["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["q"] == 1)
        .unwrap();
    assert_eq!(
        (q1["choice"].clone(), q1["seq"].clone()),
        (json!([b]), json!(3))
    );
    let q7 = stored["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["q"] == 7)
        .unwrap();
    assert_eq!(q7["flagged"], true);
}
on_both_stacks!(answer_ack_idempotent, answer_ack_and_idempotent_replay);

async fn reconnect_resumes_every_answer(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    for q in 1..=10 {
        send(
            &mut ws,
            json!({"type": "answer", "q": q, "choice": [option(&state, q, 1)], "seq": q}),
        )
        .await;
        assert_eq!(expect(&mut ws, "ack").await["seq"], q);
    }
    drop(ws);
    let mut ws = connect(&app, &token).await;
    let again = ready(&app, &token, &mut ws).await;
    for q in 1..=10usize {
        assert_eq!(
            again["answers"][q.to_string()],
            json!([option(&state, q, 1)])
        );
    }
    assert_eq!(again["last_seq"], 10);
    assert_eq!(
        again["deadline"], state["deadline"],
        "a reconnect keeps the deadline"
    );
    assert_eq!(
        again["paper"], state["paper"],
        "the same paper, in the same order"
    );
}
on_both_stacks!(reconnect_resumes, reconnect_resumes_every_answer);

async fn a_second_connection_takes_over(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut first = connect(&app, &token).await;
    ready(&app, &token, &mut first).await;
    let mut second = connect(&app, &token).await;
    let state = ready(&app, &token, &mut second).await;
    assert_eq!(expect(&mut first, "ended").await["reason"], "taken_over");
    assert_eq!(expect(&mut first, "close").await["code"], 4003);
    send(
        &mut second,
        json!({"type": "answer", "q": 2, "choice": [option(&state, 2, 0)], "seq": 1}),
    )
    .await;
    assert_eq!(expect(&mut second, "ack").await["seq"], 1);
}
on_both_stacks!(takeover, a_second_connection_takes_over);

async fn the_deadline_submits_an_online_candidate_p18(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    expect(&mut ws, "ack").await;
    app.clock.advance(jiff::SignedDuration::from_mins(120));
    let ended = expect(&mut ws, "ended").await;
    assert_eq!(ended["reason"], "time_up");
    assert_eq!(ended["result"]["total"], 100);
    assert!(ended["result"]["decision"].is_object());
    assert_eq!(expect(&mut ws, "close").await["code"], 4001);
    let row = synaq::store::exam::get(&app.db, &codes[0].1).await.unwrap();
    assert_eq!(row.status.as_str(), "scored");
    assert_eq!(row.end_reason.unwrap().as_str(), "time_up");
}
on_both_stacks!(
    deadline_online,
    the_deadline_submits_an_online_candidate_p18
);

async fn the_sweeper_submits_an_offline_candidate(app: TestApp) {
    let (_, codes) = campaign(&app, 2).await;
    start(&app, &codes[0].0).await;
    start(&app, &codes[1].0).await;
    app.clock.advance(jiff::SignedDuration::from_mins(119));
    // Not yet: one minute left.
    tokio::task::yield_now().await;
    let early = synaq::store::exam::get(&app.db, &codes[0].1).await.unwrap();
    assert_eq!(early.status.as_str(), "in_progress");
    app.clock.advance(jiff::SignedDuration::from_mins(1));
    for (_, session) in &codes {
        let (db, session) = (app.db.clone(), session.clone());
        eventually(|| {
            let (db, session) = (db.clone(), session.clone());
            async move {
                synaq::store::exam::get(&db, &session)
                    .await
                    .unwrap()
                    .status
                    .as_str()
                    == "scored"
            }
        })
        .await;
        let row = synaq::store::exam::get(&app.db, &session).await.unwrap();
        assert_eq!(row.end_reason.unwrap().as_str(), "time_up");
    }
}
on_both_stacks!(deadline_offline, the_sweeper_submits_an_offline_candidate);

async fn an_answer_after_the_deadline_is_refused(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    app.clock.advance(jiff::SignedDuration::from_mins(121));
    send_lenient(
        &mut ws,
        json!({"type": "answer", "q": 5, "choice": [option(&state, 5, 0)], "seq": 9}),
    )
    .await;
    // Either the refusal or the deadline's own end arrives first; never an ack.
    loop {
        let message = next(&mut ws).await;
        match message["type"].as_str().unwrap() {
            "ack" => panic!("a late answer was acknowledged: {message}"),
            "error" => assert_eq!(message["code"], "time_up"),
            "ended" => assert_eq!(message["reason"], "time_up"),
            "close" => break,
            _ => {}
        }
    }
    let stored: serde_json::Value = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{}/answers", codes[0].1)))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        stored["journal"].as_array().unwrap().is_empty(),
        "nothing saved: {stored}"
    );
}
on_both_stacks!(late_answer_refused, an_answer_after_the_deadline_is_refused);

async fn bad_frames_get_errors_and_the_connection_survives(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    send(
        &mut ws,
        json!({"type": "answer", "q": 101, "choice": ["a"], "seq": 1}),
    )
    .await;
    assert_eq!(expect(&mut ws, "error").await["code"], "unknown_question");
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": ["zz"], "seq": 2}),
    )
    .await;
    assert_eq!(expect(&mut ws, "error").await["code"], "bad_choice");
    use futures_util::SinkExt;
    ws.send(tokio_tungstenite::tungstenite::Message::Text(
        "{not json".into(),
    ))
    .await
    .unwrap();
    assert_eq!(expect(&mut ws, "error").await["code"], "malformed");
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 3}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 3);
    send(&mut ws, json!({"type": "heartbeat"})).await;
    let time = expect(&mut ws, "time").await;
    assert_eq!(time["deadline"], state["deadline"]);
    // A message over 4 KiB is refused with `too_large` (tests/api/exam_socket.rs has more).
    let huge = "x".repeat(64 * 1024);
    ws.send(tokio_tungstenite::tungstenite::Message::Text(huge.into()))
        .await
        .unwrap();
    assert_eq!(expect(&mut ws, "error").await["code"], "too_large");
    let stored = synaq::store::exam::journal(&app.db, &codes[0].1)
        .await
        .unwrap();
    assert_eq!(
        stored.iter().map(|j| j.seq).collect::<Vec<_>>(),
        vec![3],
        "only the valid answer is saved"
    );
}
on_both_stacks!(
    bad_frames,
    bad_frames_get_errors_and_the_connection_survives
);

async fn an_extension_reaches_the_open_socket(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    let response = app
        .client
        .post(app.url(&format!("/api/v1/admin/sessions/{}/extend", codes[0].1)))
        .bearer_auth(&admin)
        .json(&json!({"minutes": 15, "reason": "power cut in the exam hall"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let notice = expect(&mut ws, "notice").await;
    assert_eq!(notice["code"], "extended");
    assert_eq!(
        notice["deadline"].as_i64().unwrap(),
        state["deadline"].as_i64().unwrap() + 15 * 60_000
    );
    // The old deadline no longer ends the exam.
    app.clock.advance(jiff::SignedDuration::from_mins(121));
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 1);
}
on_both_stacks!(extension, an_extension_reaches_the_open_socket);

async fn submit_scores_and_shows_the_result_p20(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    send(&mut ws, json!({"type": "submit", "seq": 1})).await;
    let ended = expect(&mut ws, "ended").await;
    assert_eq!(ended["reason"], "submitted");
    assert_eq!(ended["result"]["correct"], 0);
    assert_eq!(ended["result"]["decision"]["passed"], false, "{ended}");
    assert_eq!(expect(&mut ws, "close").await["code"], 4000);
    let me: serde_json::Value = app
        .client
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["status"], "scored");
    assert_eq!(me["result"]["total"], 100);
    // Reconnecting after the end gets the end again, not a new exam.
    let mut ws = connect(&app, &token).await;
    assert_eq!(expect(&mut ws, "ended").await["reason"], "submitted");
}
on_both_stacks!(submit, submit_scores_and_shows_the_result_p20);

async fn the_exam_starts_only_on_the_campaign_dates_p11(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    // The campaign runs 2026-11-01..2026-12-31; move the clock into 2027.
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 40));
    let login: serde_json::Value = app
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
    app.client
        .post(app.url("/api/v1/exam/rules"))
        .bearer_auth(token)
        .json(&json!({"lang": "kk"}))
        .send()
        .await
        .unwrap();
    let refused = app
        .client
        .post(app.url("/api/v1/exam/start"))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    assert!(refused.text().await.unwrap().contains("2026-12-31"));
}
on_both_stacks!(
    campaign_dates,
    the_exam_starts_only_on_the_campaign_dates_p11
);

async fn a_session_lost_from_the_deadline_index_is_still_submitted(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    start(&app, &codes[0].0).await;
    // The live state loses the entry (a lost Redis reply, a node that died mid-sweep).
    app.application
        .as_ref()
        .unwrap()
        .live()
        .cancel_deadline(&codes[0].1)
        .await
        .unwrap();
    app.clock.advance(jiff::SignedDuration::from_mins(121));
    let (db, session) = (app.db.clone(), codes[0].1.clone());
    eventually(|| {
        let (db, session) = (db.clone(), session.clone());
        async move {
            synaq::store::exam::get(&db, &session)
                .await
                .unwrap()
                .status
                .as_str()
                == "scored"
        }
    })
    .await;
}
on_both_stacks!(
    deadline_index_resync,
    a_session_lost_from_the_deadline_index_is_still_submitted
);

async fn a_void_after_submission_annuls_every_result_version_p19(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let (code, session) = &codes[0];
    let token = start(&app, code).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    send(&mut ws, json!({"type": "submit", "seq": 1})).await;
    expect(&mut ws, "ended").await;
    let history = synaq::store::result::history(&app.db, session)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].version, 1);
    assert_eq!(history[0].source, synaq::store::result::Source::Exam);
    assert_eq!(history[0].supersedes, None);
    assert_eq!(history[0].annulled_at, None);
    let void = |reason: &str| {
        app.client
            .post(app.url(&format!("/api/v1/admin/sessions/{session}/void")))
            .bearer_auth(&admin)
            .json(&json!({ "reason": reason }))
            .send()
    };
    let voided = void("proctoring: a second person in the frame")
        .await
        .unwrap();
    assert_eq!(voided.status(), 200);
    let view: serde_json::Value = voided.json().await.unwrap();
    assert_eq!(view["status"], "voided");
    assert_eq!(view["result"], serde_json::Value::Null, "{view}");
    // Voiding is not a way of ending: the end reason stays what it was.
    assert_eq!(view["end_reason"], "submitted");
    let history = synaq::store::result::history(&app.db, session)
        .await
        .unwrap();
    assert_eq!(
        history.len(),
        1,
        "the version is kept, annulled, never deleted"
    );
    assert!(history[0].annulled_at.is_some());
    assert_eq!(
        synaq::store::result::current(&app.db, session)
            .await
            .unwrap(),
        None
    );
    let again = void("twice").await.unwrap();
    assert_eq!(again.status(), 409);
    assert!(again.text().await.unwrap().contains("voided already"));
}
on_both_stacks!(
    void_annuls_results,
    a_void_after_submission_annuls_every_result_version_p19
);
