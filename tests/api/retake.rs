//! The administrator's retake for a technical fault (p.25) end to end, on SQLite and on
//! PostgreSQL (+ Redis): a technical fault upheld under the policy `technical: "retake"`, the
//! grant with its code shown once, the retake campaign copied from the original, the new
//! code's login, start, fresh paper and own result, the original result untouched; and every
//! refusal (409 naming why, 422 naming `closes_on`).
//!
//! The clock starts on Friday 27 November 2026, 12:00 Almaty (`common::start_time`); the
//! appeal campaign runs 1 November to 31 December 2026.

use std::collections::BTreeSet;

use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::appeals_support::*;
use crate::common::TestApp;
use crate::on_both_stacks;

/// The appeal campaign with its commission formed under `technical` ("credit" or "retake");
/// the admin token, the campaign, the codes and the commission's tokens (chair, member1,
/// member2, sec, reserve1). Every candidate works at "ЦТМ Караганда", so the panel is the
/// chair, member1 and member2.
async fn setup(
    app: &TestApp,
    candidates: usize,
    technical: &str,
) -> (String, String, Vec<(String, String)>, Vec<String>) {
    let orgs = vec!["ЦТМ Караганда"; candidates];
    let (admin, campaign_id, codes) = campaign(app, &orgs).await;
    let tokens = commission(app, &admin, &campaign_id).await;
    policy(app, &admin, &campaign_id, technical).await;
    (admin, campaign_id, codes, tokens)
}

/// Re-forms the campaign's commission with the technical-fault policy `technical`.
async fn policy(app: &TestApp, admin: &str, campaign_id: &str, technical: &str) {
    let mut body = commission_body();
    body["policies"] = json!({"technical": technical});
    let (status, body) = put(
        app,
        admin,
        &format!("/api/v1/admin/campaigns/{campaign_id}/commission"),
        body,
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Submits an appeal on question `number` with `ground`; its id.
async fn file(app: &TestApp, token: &str, number: u32, ground: &str) -> String {
    let (status, filed) = post(
        app,
        token,
        "/api/v1/me/appeals",
        json!({"questions": [{"number": number, "ground": ground, "justification": WHY}],
               "submit": true}),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    filed["appeal_id"].as_str().unwrap().to_owned()
}

/// The panel (chair, member1, member2) upholds question `number`, and the chair closes with
/// the default remedies; the closed appeal.
async fn uphold_and_close(app: &TestApp, tokens: &[String], appeal: &str, number: u32) -> Value {
    for token in &tokens[..3] {
        let vote = json!({"question": number, "verdict": "uphold", "reason": "сбой подтверждён"});
        let (status, body) = post(
            app,
            token,
            &format!("/api/v1/commission/appeals/{appeal}/votes"),
            vote,
        )
        .await;
        assert_eq!(status, 204, "{body}");
    }
    let (status, closed) = post(
        app,
        &tokens[0],
        &format!("/api/v1/commission/appeals/{appeal}/close"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{closed}");
    closed
}

fn retake_path(appeal: &str) -> String {
    format!("/api/v1/admin/appeals/{appeal}/retake")
}

fn message(body: &Value) -> &str {
    body["error"]["message"].as_str().unwrap_or_default()
}

/// The roster entries of a campaign.
async fn roster_size(app: &TestApp, campaign_id: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM roster_entry WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

async fn a_technical_fault_under_the_retake_policy_gets_a_new_sitting_p25(app: TestApp) {
    let (admin, campaign_id, codes, tokens) = setup(&app, 1, "retake").await;
    let (status, body) = put(
        &app,
        &admin,
        &format!("/api/v1/admin/campaigns/{campaign_id}/proctoring"),
        json!({"review_window_h": 24, "second_review": true}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let a = sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let appeal = file(&app, &a.token, 7, "software_error").await;
    let closed = uphold_and_close(&app, &tokens, &appeal, 7).await;
    assert_eq!(
        closed["decision"]["questions"][0]["outcome"]["kind"],
        "technical_fault"
    );
    assert_eq!(closed["decision"]["after"], Value::Null, "{closed}");

    // The grant: the new code, once; the retake campaign opens today and closes with the
    // original (31 December is still ahead).
    let (status, granted) = post(&app, &admin, &retake_path(&appeal), json!({})).await;
    assert_eq!(status, 201, "{granted}");
    let code = granted["code"].as_str().unwrap().to_owned();
    let new_session = granted["session_id"].as_str().unwrap().to_owned();
    let child = granted["campaign_id"].as_str().unwrap().to_owned();
    assert_ne!(child, campaign_id);
    assert_ne!(new_session, a.session);
    assert_eq!(granted["original_session_id"], a.session.as_str());
    assert_eq!(granted["appeal_id"], appeal.as_str());
    assert_eq!(granted["opens_on"], "2026-11-27");
    assert_eq!(granted["closes_on"], "2026-12-31");
    assert_eq!(granted["status"], "scheduled");
    assert_eq!(granted["campaign_created"], true);
    assert_eq!(granted["questions"], json!([7]));
    let name = granted["campaign_name"].as_str().unwrap();
    assert!(
        name.starts_with("Аттестация 2026") && name.contains("пересдача"),
        "{name}"
    );

    // The retake campaign is the original's child: same bank version, procedure, languages,
    // blueprint and duration; the commission and the proctoring settings copied.
    let original = synaq::store::campaign::get(&app.db, &campaign_id)
        .await
        .unwrap();
    let retake = synaq::store::campaign::get(&app.db, &child).await.unwrap();
    assert_eq!(
        (
            &retake.bank_version,
            retake.procedure,
            &retake.languages,
            &retake.blueprint,
            retake.duration_min
        ),
        (
            &original.bank_version,
            original.procedure,
            &original.languages,
            &original.blueprint,
            original.duration_min
        )
    );
    assert_eq!(
        synaq::store::retake::retake_campaign_of(&app.db, &campaign_id)
            .await
            .unwrap()
            .as_deref(),
        Some(child.as_str())
    );
    let commission = |id: String| {
        let db = app.db.clone();
        async move {
            synaq::store::appeal::commission(&db, &id)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let (theirs, ours) = (
        commission(campaign_id.clone()).await,
        commission(child.clone()).await,
    );
    assert_eq!(
        (&ours.members, ours.policies),
        (&theirs.members, theirs.policies)
    );
    let (_, proctoring) = get(
        &app,
        &admin,
        &format!("/api/v1/admin/campaigns/{child}/proctoring"),
    )
    .await;
    assert_eq!(
        (&proctoring["review_window_h"], &proctoring["second_review"]),
        (&json!(24), &json!(true)),
        "{proctoring}"
    );
    // The same person, scheduled; only the code's digest is stored.
    let application = app.application.as_ref().unwrap();
    let before = application.session(&a.session).await.unwrap();
    let row = application.session(&new_session).await.unwrap();
    assert_eq!(row.candidate, before.candidate);
    assert_eq!(row.status, synaq::domain::exam::Status::Scheduled);
    let stored: Vec<String> =
        sqlx::query_scalar("SELECT code_hash FROM roster_entry WHERE campaign_id = $1")
            .bind(&child)
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        stored,
        vec![synaq::domain::secret::digest_hex(&code)],
        "only the digest of the code is stored"
    );

    // The cabinet: the notice and the retake (campaign, window, status), never the code.
    let (status, mine) = get(&app, &a.token, "/api/v1/me/appeals").await;
    assert_eq!(status, 200, "{mine}");
    let notice = mine["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["kind"] == "retake")
        .unwrap_or_else(|| panic!("no retake notice: {mine}"));
    assert_eq!(notice["appeal_id"], appeal.as_str());
    assert!(
        notice["body"]["kk"]
            .as_str()
            .unwrap()
            .contains("қайта тапсыру")
    );
    assert!(notice["body"]["ru"].as_str().unwrap().contains("пересдача"));
    assert_eq!(mine["retake"]["campaign_id"], child.as_str());
    assert_eq!(mine["retake"]["session_id"], new_session.as_str());
    assert_eq!(mine["retake"]["status"], "scheduled");
    assert_eq!(
        (&mine["retake"]["opens_on"], &mine["retake"]["closes_on"]),
        (&json!("2026-11-27"), &json!("2026-12-31"))
    );
    assert!(!mine.to_string().contains(&code), "{mine}");

    // The audit chain: the retake campaign's creation and the grant, by the administrator.
    let entries = synaq::store::audit::entries_after(&app.db, 0, 100_000)
        .await
        .unwrap();
    let grant = entries
        .iter()
        .find(|e| e.record.action == "appeal.retake")
        .expect("an appeal.retake entry");
    assert_eq!(grant.record.subject, format!("appeal/{appeal}"));
    assert_eq!(grant.record.actor, "token:admin:test-admin");
    assert!(entries.iter().any(|e| {
        e.record.action == "campaign.create" && e.record.subject == format!("campaign/{child}")
    }));
    assert!(matches!(
        synaq::store::audit::verify(&app.db).await.unwrap(),
        synaq::store::audit::Verdict::Intact { .. }
    ));

    // The next day the candidate sits the retake with the new code: a fresh seed, the first
    // paper's questions excluded (`previous_questions`, same IIN), its own result.
    app.clock.advance(SignedDuration::from_hours(24));
    let (token, ids) = begin(&app, &code, &new_session, "kk").await;
    let first = synaq::store::paper::get(&app.db, before.paper_id.as_deref().unwrap())
        .await
        .unwrap();
    let row = application.session(&new_session).await.unwrap();
    let second = synaq::store::paper::get(&app.db, row.paper_id.as_deref().unwrap())
        .await
        .unwrap();
    assert_ne!(second.paper.seed, first.paper.seed);
    let first_ids: BTreeSet<String> = first
        .paper
        .items
        .iter()
        .map(|i| i.question_id.clone())
        .collect();
    assert_eq!(second.exclusions, first_ids);
    assert_eq!(ids.len(), first.paper.items.len());
    finish(&app, &code, &new_session, &token, 90, &[]).await;
    let retaken = synaq::store::result::history(&app.db, &new_session)
        .await
        .unwrap();
    assert_eq!(retaken.len(), 1);
    assert_eq!(retaken[0].score.correct, 90);
    let (_, me) = get(&app, &token, "/api/v1/me").await;
    assert_eq!(me["result"]["correct"], 90, "{me}");
    // Nothing of the first sitting is lost: its one result stands as it was.
    let kept = synaq::store::result::history(&app.db, &a.session)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(
        (kept[0].score.correct, kept[0].annulled_at),
        (84, None),
        "{kept:?}"
    );
    let a_token = login(&app, &a.code).await;
    let (_, mine) = get(&app, &a_token, "/api/v1/me/appeals").await;
    assert_eq!(mine["retake"]["status"], "scored", "{mine}");
    // One attestation: the question statistics and propagation (p.26) of either campaign
    // count the sittings of both, so a key corrected later reaches the retake too.
    let sessions = |campaign: String| {
        let db = app.db.clone();
        async move {
            let mut ids: Vec<String> = synaq::store::appeal::scored_sessions(&db, &campaign)
                .await
                .unwrap()
                .into_iter()
                .map(|(session, _)| session)
                .collect();
            ids.sort();
            ids
        }
    };
    let mut both = vec![a.session.clone(), new_session.clone()];
    both.sort();
    assert_eq!(sessions(campaign_id.clone()).await, both);
    assert_eq!(sessions(child.clone()).await, both);
    // The retake is appealable like the original (its commission was copied).
    let (status, draft) = post(
        &app,
        &token,
        "/api/v1/me/appeals",
        json!({"questions": [{"number": 2, "ground": "software_error", "justification": WHY}]}),
    )
    .await;
    assert_eq!(status, 201, "{draft}");

    // One retake per appeal: a second request issues no second code.
    let (status, again) = post(&app, &admin, &retake_path(&appeal), json!({})).await;
    assert_eq!(status, 409, "{again}");
    assert!(message(&again).contains("already granted"), "{again}");
    assert_eq!(again["code"], Value::Null);
    assert_eq!(roster_size(&app, &child).await, 1);
}
on_both_stacks!(
    retake_granted,
    a_technical_fault_under_the_retake_policy_gets_a_new_sitting_p25
);

async fn a_retake_is_refused_naming_why_p19_p24_p25(app: TestApp) {
    let (admin, campaign_id, codes, tokens) = setup(&app, 5, "credit").await;
    let mut sat = Vec::new();
    for (code, session) in &codes {
        sat.push(sit(&app, code, session, 84, "ru").await);
    }
    let (a, b, c, d, e) = (&sat[0], &sat[1], &sat[2], &sat[3], &sat[4]);
    // Not closed: the retake follows the decision (p.24).
    let open = file(&app, &a.token, 3, "software_error").await;
    let (status, body) = post(&app, &admin, &retake_path(&open), json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        message(&body).contains("not closed") && message(&body).contains("p.24"),
        "{body}"
    );
    // Credited under `technical: credit`: the score was rescored instead (84 -> 85).
    let credited = file(&app, &b.token, 95, "software_error").await;
    let closed = uphold_and_close(&app, &tokens, &credited, 95).await;
    assert_eq!(closed["decision"]["after"]["correct"], 85, "{closed}");
    let (status, body) = post(&app, &admin, &retake_path(&credited), json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(message(&body).contains("technical: credit"), "{body}");

    policy(&app, &admin, &campaign_id, "retake").await;
    // A content ground only (annulled): no technical fault, no retake (p.25).
    let content = file(&app, &c.token, 1, "question_wrong").await;
    let closed = uphold_and_close(&app, &tokens, &content, 1).await;
    assert_eq!(
        closed["decision"]["questions"][0]["outcome"]["kind"],
        "annulled"
    );
    let (status, body) = post(&app, &admin, &retake_path(&content), json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(
        message(&body).contains("no question was decided a technical fault")
            && message(&body).contains("p.25"),
        "{body}"
    );
    // A voided session gets no retake (p.19), though its fault was upheld.
    let voided = file(&app, &d.token, 9, "fragment_missing").await;
    uphold_and_close(&app, &tokens, &voided, 9).await;
    let (status, body) = post(
        &app,
        &admin,
        &format!("/api/v1/admin/sessions/{}/void", d.session),
        json!({"reason": "proctoring: violation"}),
    )
    .await;
    assert!(status.is_success(), "{status} {body}");
    let (status, body) = post(&app, &admin, &retake_path(&voided), json!({})).await;
    assert_eq!(status, 409, "{body}");
    assert!(message(&body).contains("p.19"), "{body}");

    // a's appeal decided now, under `retake`; the body is checked first.
    uphold_and_close(&app, &tokens, &open, 3).await;
    let path = retake_path(&open);
    let (status, body) = post(&app, &admin, &path, json!({"closes_on": "2026-11-26"})).await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid");
    assert_eq!(
        message(&body),
        "closes_on: 2026-11-26 is in the past (today is 2026-11-27, Asia/Almaty)"
    );
    let (status, body) = post(&app, &admin, &path, json!({"closes_on": "26.11.2026"})).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).starts_with("closes_on:"), "{body}");
    let (status, body) = post(&app, &admin, &path, json!({"close_on": "2027-01-15"})).await;
    assert_eq!(status, 400, "{body}");
    assert!(message(&body).contains("close_on"), "{body}");
    assert_eq!(
        post(&app, &admin, &retake_path("no-such-appeal"), json!({}))
            .await
            .0,
        404
    );
    // Only an administrator grants it.
    assert_eq!(post(&app, &tokens[0], &path, json!({})).await.0, 403);
    assert_eq!(post(&app, &a.token, &path, json!({})).await.0, 403);
    // Nothing was granted by any refusal.
    assert_eq!(
        synaq::store::retake::retake_campaign_of(&app.db, &campaign_id)
            .await
            .unwrap(),
        None
    );

    // The original now requires Safe Exam Browser: so does its retake campaign.
    let seb = json!({
        "config_key": "94772b2b883c6abfba6badebef6c96d15a4a84d558a58a904d33edef77a63dfb",
        "browser_exam_keys": ["c6eb73aca688ad209048f067131085d3fb1016b95386c4209179fcdd60bb7cdd"]});
    let (status, body) = put(
        &app,
        &admin,
        &format!("/api/v1/admin/campaigns/{campaign_id}/seb"),
        seb,
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let (status, granted) = post(&app, &admin, &path, json!({"closes_on": "2027-01-15"})).await;
    assert_eq!(status, 201, "{granted}");
    assert_eq!(
        (&granted["opens_on"], &granted["closes_on"]),
        (&json!("2026-11-27"), &json!("2027-01-15"))
    );
    let child = granted["campaign_id"].as_str().unwrap().to_owned();
    let keys = |id: String| {
        let db = app.db.clone();
        async move { synaq::store::seb::keys(&db, &id).await.unwrap() }
    };
    assert!(keys(child.clone()).await.is_some());
    assert_eq!(
        format!("{:?}", keys(child.clone()).await),
        format!("{:?}", keys(campaign_id.clone()).await)
    );
    let (status, again) = post(&app, &admin, &path, json!({"closes_on": "2027-02-01"})).await;
    assert_eq!(status, 409, "{again}");
    assert!(message(&again).contains("already granted"), "{again}");

    // A later retake of the same campaign reuses its retake campaign, whose window covers both.
    app.clock.advance(SignedDuration::from_hours(72));
    let e_token = login(&app, &e.code).await;
    let later = file(&app, &e_token, 2, "software_error").await;
    let mut panel = Vec::new();
    for username in ["chair", "member1", "member2"] {
        panel.push(staff_login(&app, username).await);
    }
    uphold_and_close(&app, &panel, &later, 2).await;
    // Two administrators at once: one code is issued, the other request is refused.
    let path = retake_path(&later);
    let body = json!({"closes_on": "2026-12-05"});
    let (one, two) = tokio::join!(
        post(&app, &admin, &path, body.clone()),
        post(&app, &admin, &path, body.clone())
    );
    let mut answers = [one, two];
    answers.sort_by_key(|(status, _)| status.as_u16());
    let [(status, second), (refused, why)] = answers;
    assert_eq!(
        (status.as_u16(), refused.as_u16()),
        (201, 409),
        "{second} {why}"
    );
    assert!(
        message(&why).contains("already granted") || message(&why).contains("meanwhile"),
        "{why}"
    );
    assert_eq!(second["campaign_id"], child.as_str());
    assert_eq!(second["campaign_created"], false);
    assert_eq!(
        (&second["opens_on"], &second["closes_on"]),
        (&json!("2026-11-27"), &json!("2027-01-15"))
    );
    assert_eq!(roster_size(&app, &child).await, 2);
}
on_both_stacks!(retake_refused, a_retake_is_refused_naming_why_p19_p24_p25);
