//! The appeal routes (p.21-p.26) end to end on a server with an injected clock, on SQLite and
//! on PostgreSQL (+ Redis): filing and its errors, the commission, votes, the chair's close
//! with rescoring, the SLA, and a voided session.
//!
//! The clock starts on Friday 27 November 2026, 12:00 Almaty (`common::start_time`): the
//! p.21 window runs over Monday 30 November and Tuesday 1 December, closing at 00:00 Almaty on
//! Wednesday 2 December (19:00 UTC on 1 December).

use jiff::SignedDuration;
use serde_json::json;
use synaq::live::Clock;

use crate::appeals_support::*;
use crate::common::TestApp;
use crate::on_both_stacks;

fn until(app: &TestApp, at: &str) {
    let at: jiff::Timestamp = at.parse().unwrap();
    app.clock.advance(at.duration_since(app.clock.now()));
}

async fn filing_errors_name_the_question_and_field_and_the_window_p21(app: TestApp) {
    let (_, _, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let b = sit(&app, &codes[1].0, &codes[1].1, 84, "kk").await;
    let path = "/api/v1/me/appeals";
    let (status, body) = post(
        &app,
        &a.token,
        path,
        json!({"questions": [
        {"number": 101, "ground": "key_disputed", "justification": WHY},
        {"number": 3, "ground": "unfair", "justification": WHY},
        {"number": 4, "ground": "question_wrong", "justification": "нет"},
    ], "submit": true}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let details: Vec<&str> = body["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert!(
        details[0].starts_with(
            "question 101, questions[0].number: question 101 is not on your paper (1..=100)"
        ),
        "{details:?}"
    );
    assert!(
        details[1].starts_with("question 3, questions[1].ground"),
        "{details:?}"
    );
    assert!(
        details[2].starts_with("question 4, questions[2].justification")
            && details[2].contains("p.21")
    );
    // Nothing was stored.
    assert_eq!(
        get(&app, &a.token, path).await.1["appeal"],
        serde_json::Value::Null
    );

    // A draft, edited, then submitted.
    let draft =
        json!({"questions": [{"number": 100, "ground": "key_disputed", "justification": WHY}]});
    let (status, body) = post(&app, &a.token, path, draft).await;
    assert_eq!(
        (status.as_u16(), body["status"].as_str()),
        (201, Some("draft")),
        "{body}"
    );
    assert_eq!(body["received_at"], serde_json::Value::Null);
    let (status, body) = post(
        &app,
        &a.token,
        path,
        json!({"questions": [
        {"number": 100, "ground": "key_disputed", "justification": WHY},
        {"number": 1, "ground": "question_wrong", "justification": WHY},
    ], "submit": true}),
    )
    .await;
    assert_eq!(
        (status.as_u16(), body["status"].as_str()),
        (201, Some("submitted")),
        "{body}"
    );
    assert_eq!(body["received_at"], app.clock.now().as_millisecond());
    // p.24: received 27 November, decided by the end of 2 December in Almaty.
    assert_eq!(
        body["decide_by_local"],
        "2026-12-03T00:00:00+05:00[Asia/Almaty]"
    );
    assert_eq!(
        body["filing_closes_at_local"],
        "2026-12-02T00:00:00+05:00[Asia/Almaty]"
    );
    assert_eq!(body["questions"].as_array().unwrap().len(), 2);
    // One appeal per result.
    let (status, again) = post(
        &app,
        &a.token,
        path,
        json!({"questions": [
        {"number": 5, "ground": "key_disputed", "justification": WHY}], "submit": true}),
    )
    .await;
    assert_eq!(status, 409, "{again}");
    assert!(
        again["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already submitted")
    );
    // The receipt in the cabinet: the questions as seen, in Russian, with the answer.
    let (_, mine) = get(&app, &a.token, path).await;
    assert_eq!(mine["appeal"]["status"], "submitted");
    assert_eq!(mine["notices"][0]["kind"], "received");
    assert_eq!(mine["questions"][0]["number"], 1);
    assert_eq!(mine["questions"][0]["lang"], "ru");
    assert_eq!(mine["questions"][1]["answer"][0], a.chosen[99].as_str());

    // The other candidate: the last accepted minute (23:59 Tuesday in Almaty) and the first
    // refused one (00:00 Wednesday).
    let one =
        json!({"questions": [{"number": 7, "ground": "software_error", "justification": WHY}]});
    until(&app, "2026-12-01T18:59:00Z");
    let b_token = login(&app, &b.code).await;
    let (status, body) = post(&app, &b_token, path, one.clone()).await;
    assert_eq!(status, 201, "{body}");
    app.clock.advance(SignedDuration::from_secs(60));
    let mut submit = one.clone();
    submit["submit"] = json!(true);
    let (status, body) = post(&app, &b_token, path, submit).await;
    assert_eq!(status, 409, "{body}");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("2026-12-01") && message.contains("p.21"),
        "{message}"
    );
}
on_both_stacks!(
    appeal_filing,
    filing_errors_name_the_question_and_field_and_the_window_p21
);

async fn the_commission_is_odd_with_a_chair_and_a_voteless_secretary_p22_p23(app: TestApp) {
    let (admin, campaign, _) = campaign(&app, &["ЦТМ Алматы"]).await;
    staff(
        &app,
        &admin,
        &[
            ("chair", "commission_chair"),
            ("member1", "commission_member"),
            ("member2", "commission_member"),
            ("member3", "commission_member"),
            ("sec", "commission_secretary"),
        ],
    )
    .await;
    let path = format!("/api/v1/admin/campaigns/{campaign}/commission");
    let member = |u: &str, r: &str| json!({"username": u, "role": r});
    let refused = |members: Vec<serde_json::Value>| {
        let (app, path) = (&app, &path);
        async move {
            let (status, body) = put(
                app,
                &admin_token(app).await,
                path,
                json!({"members": members}),
            )
            .await;
            assert_eq!(status, 422, "{body}");
            body["error"]["message"].as_str().unwrap().to_owned()
        }
    };
    let even = refused(vec![
        member("chair", "chair"),
        member("member1", "member"),
        member("member2", "member"),
        member("member3", "member"),
        member("sec", "secretary"),
    ])
    .await;
    assert!(
        even.contains("4 voting members") && even.contains("p.23"),
        "{even}"
    );
    let voting_secretary = refused(vec![
        member("chair", "chair"),
        member("member1", "member"),
        member("sec", "member"),
        member("sec", "secretary"),
    ])
    .await;
    assert!(
        voting_secretary.contains("no vote") && voting_secretary.contains("p.23"),
        "{voting_secretary}"
    );
    let no_chair = refused(vec![
        member("member1", "member"),
        member("member2", "member"),
        member("member3", "member"),
        member("sec", "secretary"),
    ])
    .await;
    assert!(
        no_chair.contains("no chair") && no_chair.contains("p.22"),
        "{no_chair}"
    );
    let wrong_role = refused(vec![
        member("member1", "chair"),
        member("member2", "member"),
        member("member3", "member"),
        member("sec", "secretary"),
    ])
    .await;
    assert!(
        wrong_role.contains("needs commission_chair"),
        "{wrong_role}"
    );
    let (status, body) = put(
        &app,
        &admin,
        &path,
        json!({"members": [
        member("chair", "chair"), member("member1", "member"), member("member2", "member"),
        member("sec", "secretary")]}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["policies"],
        json!({"annulled": "credit", "technical": "credit"})
    );
    // Only an administrator forms it.
    let chair_token = staff(&app, &admin, &[("chair-two", "commission_chair")]).await;
    let (status, _) = put(&app, &chair_token[0], &path, json!({"members": []})).await;
    assert_eq!(status, 403);
}
on_both_stacks!(
    appeal_commission,
    the_commission_is_odd_with_a_chair_and_a_voteless_secretary_p22_p23
);

async fn admin_token(app: &TestApp) -> String {
    app.token("admin").await
}

async fn two_of_three_uphold_and_the_head_of_unit_moves_from_84_to_85_p26(app: TestApp) {
    let (admin, campaign_id, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    sit(&app, &codes[1].0, &codes[1].1, 90, "ru").await;
    let tokens = commission(&app, &admin, &campaign_id).await;
    let (chair, m1, m2, sec, r1) = (&tokens[0], &tokens[1], &tokens[2], &tokens[3], &tokens[4]);
    let (status, filed) = post(
        &app,
        &a.token,
        "/api/v1/me/appeals",
        json!({"questions": [
        {"number": 100, "ground": "key_disputed", "justification": WHY},
        {"number": 1, "ground": "question_wrong", "justification": WHY},
    ], "submit": true}),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    let id = filed["appeal_id"].as_str().unwrap().to_owned();

    // The queue: the questions as the candidate saw them, with answer, key and statistics.
    let (status, queue) = get(&app, sec, "/api/v1/commission/appeals").await;
    assert_eq!(status, 200, "{queue}");
    let item = &queue[0];
    assert_eq!(item["appeal_id"], id.as_str());
    assert_eq!(
        item["panel"]["voters"],
        json!(["chair", "member1", "reserve1"]),
        "{item}"
    );
    assert_eq!(item["panel"]["recused"], json!(["member2"]));
    let q100 = &item["questions"][1];
    assert_eq!(q100["number"], 100);
    assert_eq!(q100["lang"], "ru");
    assert_eq!(q100["answer"][0], a.chosen[99].as_str());
    assert_ne!(q100["key"][0], a.chosen[99].as_str());
    assert_eq!(q100["options"][0]["label"], "A");
    assert_eq!(q100["justification"], WHY);
    assert!(q100["stats"]["sittings"].as_u64().unwrap() >= 1, "{q100}");
    assert_eq!(q100["other_appeals"], 0);

    let path = format!("/api/v1/commission/appeals/{id}/votes");
    let vote = |q: u32, verdict: &str| json!({"question": q, "verdict": verdict, "reason": "по существу вопроса"});
    // p.23: the secretary has no vote; m2 recused.
    let (status, body) = post(&app, sec, &path, vote(100, "uphold")).await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("p.23"));
    let (status, body) = post(&app, m2, &path, vote(100, "uphold")).await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("recused")
    );
    for (token, q100, q1) in [(chair, "uphold", "reject"), (m1, "uphold", "reject")] {
        assert_eq!(post(&app, token, &path, vote(100, q100)).await.0, 204);
        assert_eq!(post(&app, token, &path, vote(1, q1)).await.0, 204);
    }
    assert_eq!(post(&app, r1, &path, vote(100, "reject")).await.0, 204);
    // Closing before every vote is in names who is missing.
    let close = format!("/api/v1/commission/appeals/{id}/close");
    let corrected = json!({"outcomes": {"100": {"kind": "key_corrected", "key": [a.chosen[99]]}}});
    let (status, body) = post(&app, chair, &close, corrected.clone()).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("reserve1 on question 1")
    );
    assert_eq!(post(&app, r1, &path, vote(1, "reject")).await.0, 204);
    // Only the chair closes.
    assert_eq!(post(&app, m1, &close, corrected.clone()).await.0, 403);
    app.clock.advance(SignedDuration::from_secs(60));
    let (status, closed) = post(&app, chair, &close, corrected).await;
    assert_eq!(status, 200, "{closed}");
    let decision = &closed["decision"];
    assert_eq!(decision["questions"][0]["outcome"]["kind"], "rejected");
    assert_eq!(decision["questions"][1]["outcome"]["kind"], "key_corrected");
    assert_eq!(
        (
            decision["questions"][1]["uphold"].as_u64(),
            decision["questions"][1]["reject"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(decision["before"]["percent_bp"], 8400);
    assert_eq!(decision["after"]["percent_bp"], 8500);
    assert_eq!(
        decision["decision_before"]["outcome"]["code"],
        "does_not_fit_position"
    );
    assert_eq!(
        decision["decision_after"]["outcome"]["code"],
        "fits_position"
    );
    // The cabinet shows both results, the original and the one after the appeal.
    let (_, mine) = get(&app, &a.token, "/api/v1/me/appeals").await;
    let results = mine["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        (
            results[0]["source"].as_str(),
            results[0]["score"]["percent_bp"].as_u64()
        ),
        (Some("exam"), Some(8400))
    );
    assert_eq!(
        (
            results[1]["source"].as_str(),
            results[1]["score"]["percent_bp"].as_u64()
        ),
        (Some("appeal"), Some(8500))
    );
    assert_eq!(results[1]["supersedes"], results[0]["result_id"]);
    assert_eq!(mine["appeal"]["new_result_id"], results[1]["result_id"]);
    assert_eq!(mine["notices"][0]["kind"], "decided");
    let (_, me) = get(&app, &a.token, "/api/v1/me").await;
    assert_eq!(
        (
            me["result"]["correct"].as_u64(),
            me["result"]["percent"].as_f64()
        ),
        (Some(85), Some(85.0)),
        "{me}"
    );
    // The protocol (p.24), posted to the cabinet: HTML, and a PDF whose text extracts with
    // every Kazakh letter intact.
    let pdf = app
        .client
        .get(app.url("/api/v1/me/appeals/protocol.pdf"))
        .bearer_auth(&a.token)
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().await.unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    for letter in ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"] {
        assert!(
            text.contains(letter),
            "{letter} missing from the PDF text:\n{text}"
        );
    }
    for phrase in [
        "Апелляциялық комиссия отырысының хаттамасы",
        "Гауһар Кандидат 0",
        "Төраға",
        "reserve1",
        "85/100",
    ] {
        assert!(
            text.contains(phrase),
            "{phrase:?} missing from the PDF text:\n{text}"
        );
    }
    let html = app
        .client
        .get(app.url(&format!("/api/v1/commission/appeals/{id}/protocol.html")))
        .bearer_auth(sec)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<h1>Протокол заседания апелляционной комиссии</h1>"),
        "{html}"
    );
    assert!(
        html.contains("вопрос аннулирован") || html.contains("ключ ответа исправлен"),
        "{html}"
    );
    assert!(
        html.contains("Члены с правом голоса: member1, reserve1"),
        "{html}"
    );
    // The candidate reads only their own protocol.
    assert_eq!(
        get(
            &app,
            &a.token,
            &format!("/api/v1/commission/appeals/{id}/protocol.html")
        )
        .await
        .0,
        403
    );
    // Closed: no more votes or closes.
    assert_eq!(post(&app, chair, &path, vote(1, "uphold")).await.0, 409);
    // Every act is in the audit chain, and the chain verifies.
    assert!(matches!(
        synaq::store::audit::verify(&app.db).await.unwrap(),
        synaq::store::audit::Verdict::Intact { .. }
    ));
}
on_both_stacks!(
    appeal_close,
    two_of_three_uphold_and_the_head_of_unit_moves_from_84_to_85_p26
);

async fn the_sla_escalates_under_24_hours_and_records_a_breach_p24(app: TestApp) {
    let (admin, campaign_id, codes) = campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 80, "ru").await;
    let b = sit(&app, &codes[1].0, &codes[1].1, 80, "kk").await;
    commission(&app, &admin, &campaign_id).await;
    let one = json!({"questions": [{"number": 90, "ground": "no_correct_option", "justification": WHY}], "submit": true});
    assert_eq!(
        post(&app, &a.token, "/api/v1/me/appeals", one.clone())
            .await
            .0,
        201
    );
    // b files on Monday: due by the end of Saturday 5 December.
    until(&app, "2026-11-30T05:00:00Z");
    let b_token = login(&app, &b.code).await;
    assert_eq!(post(&app, &b_token, "/api/v1/me/appeals", one).await.0, 201);
    let sla = "/api/v1/admin/appeals/sla";
    let (status, board) = get(&app, &admin, sla).await;
    assert_eq!(status, 200, "{board}");
    assert_eq!(board[0]["open"][0]["sla"]["state"], "on_time");
    assert_eq!(board[0]["compliance"]["percent"], serde_json::Value::Null);
    // a is due at 00:00 Almaty on 3 December (19:00 UTC on 2 December): 24 h before is not yet
    // an escalation, a minute later is.
    until(&app, "2026-12-01T19:00:00Z");
    let (_, board) = get(&app, &admin, sla).await;
    assert_eq!(board[0]["open"][0]["sla"]["state"], "on_time", "{board}");
    let chair = staff_login(&app, "chair").await;
    assert_eq!(
        get(&app, &chair, "/api/v1/commission/notices").await.1,
        json!([])
    );
    app.clock.advance(SignedDuration::from_secs(60));
    let (_, board) = get(&app, &admin, sla).await;
    assert_eq!(board[0]["open"][0]["sla"]["state"], "escalate", "{board}");
    let (_, notices) = get(&app, &chair, "/api/v1/commission/notices").await;
    assert_eq!(notices[0]["kind"], "escalated", "{notices}");
    let (_, admin_notices) = get(&app, &admin, "/api/v1/commission/notices").await;
    assert_eq!(admin_notices[0]["kind"], "escalated");
    // Past the deadline: breached, recorded once, counted in the compliance figure.
    until(&app, "2026-12-02T19:00:00Z");
    let (_, board) = get(&app, &admin, sla).await;
    assert_eq!(board[0]["open"][0]["sla"]["state"], "breached", "{board}");
    assert!(board[0]["open"][0]["breached_at"].is_i64());
    assert_eq!(board[0]["compliance"]["open_breached"], 1);
    assert_eq!(board[0]["compliance"]["percent"], 0.0);
    let (_, again) = get(&app, &admin, sla).await;
    assert_eq!(
        again[0]["open"][0]["breached_at"],
        board[0]["open"][0]["breached_at"]
    );
    let chair = staff_login(&app, "chair").await;
    let (_, notices) = get(&app, &chair, "/api/v1/commission/notices").await;
    let kinds: Vec<&str> = notices
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["breached", "escalated"]);
}
on_both_stacks!(
    appeal_sla,
    the_sla_escalates_under_24_hours_and_records_a_breach_p24
);

async fn a_voided_session_is_never_appealed_or_rescored_p19(app: TestApp) {
    let (admin, campaign_id, codes) = campaign(&app, &["ЦТМ Караганда", "ЦТМ Караганда"]).await;
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let b = sit(&app, &codes[1].0, &codes[1].1, 84, "ru").await;
    let tokens = commission(&app, &admin, &campaign_id).await;
    let one = json!({"questions": [{"number": 100, "ground": "question_wrong", "justification": WHY}], "submit": true});
    let (status, filed) = post(&app, &a.token, "/api/v1/me/appeals", one.clone()).await;
    assert_eq!(status, 201);
    let id = filed["appeal_id"].as_str().unwrap().to_owned();
    for token in &tokens[..3] {
        let body = json!({"question": 100, "verdict": "uphold", "reason": "вопрос некорректен"});
        assert_eq!(
            post(
                &app,
                token,
                &format!("/api/v1/commission/appeals/{id}/votes"),
                body
            )
            .await
            .0,
            204
        );
    }
    // p.19: the proctoring finding voids both sessions after the result.
    for s in [&a.session, &b.session] {
        let (status, body) = post(
            &app,
            &admin,
            &format!("/api/v1/admin/sessions/{s}/void"),
            json!({"reason": "proctoring: violation"}),
        )
        .await;
        assert!(status.is_success(), "{status} {body}");
    }
    let (status, body) = post(
        &app,
        &tokens[0],
        &format!("/api/v1/commission/appeals/{id}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    assert!(body["error"]["message"].as_str().unwrap().contains("p.19"));
    let history = synaq::store::result::history(&app.db, &a.session)
        .await
        .unwrap();
    assert_eq!(history.len(), 1);
    assert!(history[0].annulled_at.is_some());
    let (status, body) = post(&app, &b.token, "/api/v1/me/appeals", one).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("voided (p.19)")
    );
}
on_both_stacks!(
    appeal_voided,
    a_voided_session_is_never_appealed_or_rescored_p19
);

async fn propagation_lists_and_changes_exactly_the_sessions_that_had_the_question_p26(
    app: TestApp,
) {
    let orgs = ["ЦТМ Караганда"; 5];
    let (admin, campaign_id, codes) = campaign(&app, &orgs).await;
    let scores = [84, 84, 90, 70, 84];
    // Papers are drawn from a bank larger than a paper: start everyone, then dispute a
    // question on the appellant's paper that the 84 and the 70 also have. The appellant and
    // those two answer it wrong, the 90 right (when their paper has it).
    let mut begun = Vec::new();
    for (code, session) in &codes {
        begun.push(begin(&app, code, session, "ru").await);
    }
    let number = begun[0]
        .1
        .iter()
        .position(|id| begun[1].1.contains(id) && begun[3].1.contains(id))
        .expect("three papers of 100 share a question");
    let question = begun[0].1[number].clone();
    let number = number + 1;
    let mut sat = Vec::new();
    for (i, correct) in scores.iter().enumerate() {
        let force = [(question.as_str(), *correct == 90)];
        sat.push(
            finish(
                &app,
                &codes[i].0,
                &codes[i].1,
                &begun[i].0,
                *correct,
                &force,
            )
            .await,
        );
    }
    let tokens = commission(&app, &admin, &campaign_id).await;
    // The last candidate is voided (p.19) and must never be rescored.
    let voided = &sat[4].session;
    assert!(
        post(
            &app,
            &admin,
            &format!("/api/v1/admin/sessions/{voided}/void"),
            json!({"reason": "proctoring"})
        )
        .await
        .0
        .is_success()
    );
    let one = json!({"questions": [{"number": number, "ground": "question_wrong", "justification": WHY}], "submit": true});
    let (_, filed) = post(&app, &sat[0].token, "/api/v1/me/appeals", one).await;
    let id = filed["appeal_id"].as_str().unwrap().to_owned();
    for token in &tokens[..3] {
        let body = json!({"question": number, "verdict": "uphold", "reason": "вопрос некорректен"});
        assert_eq!(
            post(
                &app,
                token,
                &format!("/api/v1/commission/appeals/{id}/votes"),
                body
            )
            .await
            .0,
            204
        );
    }
    let (status, closed) = post(
        &app,
        &tokens[0],
        &format!("/api/v1/commission/appeals/{id}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    assert_eq!(
        closed["decision"]["questions"][0]["outcome"]["kind"],
        "annulled"
    );
    assert_eq!(closed["decision"]["after"]["correct"], 85);

    // Which other sessions had the annulled question, and answered it wrong (only they gain
    // under the default credit policy).
    let application = app.application.as_ref().unwrap();
    let mut expected = Vec::new();
    for (i, s) in sat.iter().enumerate().take(4).skip(1) {
        let row = application.session(&s.session).await.unwrap();
        let paper = application.paper(&row).await.unwrap().0;
        if paper.items.iter().any(|it| it.question_id == question) && scores[i] != 90 {
            expected.push((s.session.clone(), scores[i]));
        }
    }
    expected.sort();
    assert_eq!(
        expected.len(),
        2,
        "the 84 and the 70 answered it wrong: {expected:?}"
    );
    let path = format!("/api/v1/admin/appeals/{id}/propagation");
    let (status, dry) = post(&app, &admin, &path, json!({})).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(dry["applied"], false);
    let mut listed: Vec<(String, usize)> = dry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(
                c["after"]["correct"].as_u64().unwrap(),
                c["before"]["correct"].as_u64().unwrap() + 1
            );
            let before = c["before"]["correct"].as_u64().unwrap() as usize;
            // 84 -> 85 moves a head of unit across the threshold (p.17); 90 -> 91 or 70 -> 71 does not.
            assert_eq!(c["decision_changed"], before == 84, "{c}");
            (c["session_id"].as_str().unwrap().to_owned(), before)
        })
        .collect();
    listed.sort();
    assert_eq!(listed, expected, "{dry}");
    // The dry run wrote nothing.
    for s in &sat[1..] {
        assert_eq!(
            synaq::store::result::history(&app.db, &s.session)
                .await
                .unwrap()
                .len(),
            1
        );
    }
    let (status, applied) = post(&app, &admin, &path, json!({"apply": true})).await;
    assert_eq!(status, 200, "{applied}");
    assert_eq!(applied["changes"], dry["changes"]);
    for s in &sat[1..] {
        let history = synaq::store::result::history(&app.db, &s.session)
            .await
            .unwrap();
        let changed = expected.iter().any(|(id, _)| *id == s.session);
        assert_eq!(history.len(), if changed { 2 } else { 1 }, "{}", s.session);
        if changed {
            assert_eq!(history[1].source, synaq::store::result::Source::Propagation);
            assert_eq!(history[1].score.correct, history[0].score.correct + 1);
        }
    }
    assert!(
        synaq::store::result::history(&app.db, voided)
            .await
            .unwrap()[0]
            .annulled_at
            .is_some()
    );
    // Once only.
    assert_eq!(
        post(&app, &admin, &path, json!({"apply": true})).await.0,
        409
    );
    assert_eq!(post(&app, &tokens[0], &path, json!({})).await.0, 403);
    assert!(matches!(
        synaq::store::audit::verify(&app.db).await.unwrap(),
        synaq::store::audit::Verdict::Intact { .. }
    ));
}
on_both_stacks!(
    appeal_propagation,
    propagation_lists_and_changes_exactly_the_sessions_that_had_the_question_p26
);

async fn the_review_console_and_its_modules_are_served(app: TestApp) {
    let page = app.client.get(app.url("/commission")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = page.text().await.unwrap();
    assert!(html.contains("/assets/commission/console.js"), "{html}");
    for module in [
        "commission/console.js",
        "commission/console_model.js",
        "candidate/appeal.js",
        "candidate/appeal_model.js",
    ] {
        let r = app
            .client
            .get(app.url(&format!("/assets/{module}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "{module}");
    }
    // The queue itself is for the commission only.
    let candidate = app.token("candidate").await;
    assert_eq!(
        get(&app, &candidate, "/api/v1/commission/appeals").await.0,
        403
    );
    assert_eq!(get(&app, "", "/api/v1/commission/appeals").await.0, 401);
}
on_both_stacks!(
    appeal_console,
    the_review_console_and_its_modules_are_served
);
