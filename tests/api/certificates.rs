//! The LEB's part (p.32): the region's results, the decision, the certificate with its signed
//! QR code — taken back out of the PDF and decoded with rqrr, its signature checked with the
//! published key — `/verify` (current, forged, annulled after a void, unknown), the holder's
//! cabinet, Appendix 5, and the region scope (another region's sessions are 404).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::appeals_support::{begin, finish, get, login, post};
use crate::common::TestApp;
use crate::exam_support::{iin, upload_roster};
use crate::on_both_stacks;
use crate::qr::qr_of_pdf;
use synaq::domain::role::Role;
use synaq::live::Clock;

/// A token of an `leb_officer` of `region`.
async fn officer(app: &TestApp, region: &str) -> String {
    synaq::store::token::issue_scoped(
        &app.db,
        Role::LebOfficer,
        Some(region),
        &format!("leb-{region}"),
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap()
}

/// The admin, the campaign, and (code, session) of: 0 and 1 in Astana, 2 in Karaganda.
async fn campaign(app: &TestApp) -> (String, String, Vec<(String, String)>) {
    let admin = app.token("admin").await;
    let version = synaq::store::bank::import(
        &app.db,
        &synaq::sample::bank(),
        "sample",
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
        |_| {},
    )
    .await
    .unwrap()
    .version;
    let (_, created) = post(
        app,
        &admin,
        "/api/v1/admin/campaigns",
        json!({"name": "Аттестация 2026", "bank_version": version, "procedure": "periodic",
               "languages": ["kk", "ru"], "opens_on": "2026-11-01", "closes_on": "2026-11-27"}),
    )
    .await;
    let campaign = created["campaign_id"].as_str().unwrap().to_owned();
    let csv = format!(
        "iin,name,position,organization,procedure,region,education\n\
         {},Гауһар Әбілқызы,tmc_employment_specialist,ЦТМ Астана,periodic,astana,высшее\n\
         {},Бекзат Серікұлы,tmc_employment_specialist,ЦТМ Астана,periodic,astana,высшее\n\
         {},Дана Ержанқызы,tmc_employment_specialist,ЦТМ Караганда,periodic,karaganda,высшее\n",
        iin(70),
        iin(71),
        iin(72)
    );
    let codes = upload_roster(app, &admin, &campaign, csv).await;
    (admin, campaign, codes)
}

/// The campaign's (reported, certified) counts in the admin's campaigns listing.
async fn progress(app: &TestApp, admin: &str, campaign: &str) -> (i64, i64) {
    let (status, list) = get(app, admin, "/api/v1/admin/campaigns?per_page=100").await;
    assert_eq!(status, 200, "{list}");
    let listed = list["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign_id"] == campaign)
        .unwrap_or_else(|| panic!("{campaign} not listed: {list}"))
        .clone();
    let p = &listed["progress"];
    (
        p["reported"].as_i64().unwrap(),
        p["certified"].as_i64().unwrap(),
    )
}

/// Sits the exam with every answer right and submits it.
async fn sit_all_right(app: &TestApp, code: &str, session: &str) {
    let (token, items) = begin(app, code, session, "ru").await;
    finish(app, code, session, &token, items.len(), &[]).await;
}

/// `name`'s value in the query of `url`.
fn query_value(url: &str, name: &str) -> String {
    url.split_once('?')
        .unwrap()
        .1
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap()
        .to_owned()
}

async fn bytes(app: &TestApp, token: &str, path: &str) -> (StatusCode, String, Vec<u8>) {
    let response = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, kind, response.bytes().await.unwrap().to_vec())
}

async fn issue_verify_and_annul(app: TestApp) {
    let (admin, campaign, codes) = campaign(&app).await;
    let (a, b, c) = (&codes[0], &codes[1], &codes[2]);
    sit_all_right(&app, &a.0, &a.1).await;
    sit_all_right(&app, &c.0, &c.1).await;
    let astana = officer(&app, "astana").await;
    let karaganda = officer(&app, "karaganda").await;

    // The region's results: its two people, not Karaganda's; the due date counted from the
    // p.31 deadline (no dispatch recorded), 5 + 3 working days after 27 November 2026.
    let (status, listed) = get(&app, &astana, "/api/v1/leb/results").await;
    assert_eq!(status, 200, "{listed}");
    assert_eq!(listed["region"], "astana");
    assert_eq!(
        (listed["region_kk"].as_str(), listed["region_ru"].as_str()),
        (Some("Астана қаласы"), Some("Город Астана"))
    );
    assert_eq!(listed["page"]["total"], 2, "{listed}");
    let row = listed["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["session_id"] == a.1.as_str())
        .unwrap()
        .clone();
    assert_eq!(row["stage"], "pending", "{row}");
    assert_eq!(row["verdict"]["code"], "fits_position");
    assert_eq!(row["gives"], "appendix_4");
    assert_eq!(row["due"]["from"], "report_deadline");
    assert_eq!(row["due"]["received_on"], "2026-12-04");
    assert_eq!(row["due"]["last_day"], "2026-12-09");
    assert_eq!(row["due"]["provisional"], false);
    assert_eq!(row["overdue"], false);
    assert!(row["blocked"].is_null(), "{row}");
    let (_, pending) = get(&app, &astana, "/api/v1/leb/results?status=awaiting").await;
    assert_eq!(pending["rows"][0]["session_id"], b.1.as_str(), "{pending}");
    assert_eq!(pending["rows"][0]["blocked_code"], "not_over", "{pending}");
    assert!(pending["rows"][0]["blocked_until"].is_null());
    let (_, none) = get(&app, &astana, &format!("/api/v1/leb/results?q={}", iin(72))).await;
    assert_eq!(
        none["page"]["total"], 0,
        "another region's IIN finds nothing"
    );
    let (status, bad) = get(&app, &astana, "/api/v1/leb/results?status=late").await;
    assert_eq!(status, 400, "{bad}");
    let (_, all) = get(&app, &admin, "/api/v1/leb/results").await;
    assert_eq!(all["page"]["total"], 3, "an admin reads every region");

    // Another region's session is 404 everywhere; no certificate before a decision.
    let decision =
        json!({"decided_on": "2026-11-27", "order_number": "17-ө", "note": "Хаттама № 3"});
    let (status, _) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", c.1),
        decision.clone(),
    )
    .await;
    assert_eq!(status, 404);
    let (status, early) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/certificate", a.1),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "{early}");
    let (status, untested) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", b.1),
        decision.clone(),
    )
    .await;
    assert_eq!(status, 409, "{untested}");
    let (status, future) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", a.1),
        json!({"decided_on": "2026-12-31", "order_number": "1"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        future["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("decided_on:")
    );

    // The decision, once.
    let path = format!("/api/v1/leb/sessions/{}/decision", a.1);
    let (status, decided) = post(&app, &astana, &path, decision.clone()).await;
    assert_eq!(status, 201, "{decided}");
    assert_eq!(decided["verdict"]["code"], "fits_position");
    assert_eq!(decided["due_on"], "2026-12-09");
    assert_eq!(decided["late"], false);
    let (status, _) = post(&app, &astana, &path, decision.clone()).await;
    assert_eq!(status, 409, "one decision per result");

    // The certificate.
    let (status, issued) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/certificate", a.1),
        json!({}),
    )
    .await;
    assert_eq!(status, 201, "{issued}");
    let number = issued["number"].as_str().unwrap().to_owned();
    assert!(number.starts_with("18-2026-00001-"), "{number}");
    assert_eq!(issued["kind"], "appendix_4");
    assert_eq!(issued["valid_until"], "2029-11-27");
    let (status, twice) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/certificate", a.1),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "{twice}");

    // The console's progress: one certified; reported once Astana's report is marked sent
    // (a: scored; b never sat; c is Karaganda's, not sent).
    assert_eq!(progress(&app, &admin, &campaign).await, (0, 1));
    let (status, sent) = post(
        &app,
        &admin,
        &format!("/api/v1/admin/campaigns/{campaign}/reports/appendix2/astana/sent"),
        json!({}),
    )
    .await;
    assert_eq!(status, 200, "{sent}");
    assert_eq!(progress(&app, &admin, &campaign).await, (1, 1));

    // The PDF: its QR decodes to the verify URL, signed by the published key.
    let (status, kind, pdf) = bytes(
        &app,
        &astana,
        &format!("/api/v1/leb/certificates/{number}.pdf"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/pdf");
    let text = pdf_extract::extract_text_from_mem(&pdf).unwrap();
    assert!(text.contains("Гауһар Әбілқызы"), "{text}");
    assert!(
        text.contains("Атқаратын лауазымына сәйкестігі туралы куәлік"),
        "{text}"
    );
    let url = qr_of_pdf(&pdf);
    assert_eq!(url, issued["verify_url"].as_str().unwrap());
    assert!(
        url.starts_with(&format!("http://{}/verify/{number}?p=", app.addr)),
        "{url}"
    );
    let (p, s) = (query_value(&url, "p"), query_value(&url, "s"));
    let payload: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&p).unwrap()).unwrap();
    assert_eq!(payload["n"], number.as_str());
    assert_eq!(payload["k"], "appendix_4");
    assert_eq!(payload["f"], "Гауһар Әбілқызы");
    assert_eq!(payload["d"], "fits_position");
    assert_eq!(payload["t"], "2026-11-27");
    let (status, keys) = get(&app, "", "/api/v1/certificates/key").await;
    assert_eq!(status, 200);
    let key = keys["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key_id"] == payload["i"])
        .unwrap_or_else(|| panic!("{keys}"));
    assert_eq!(key["algorithm"], "ed25519");
    let public = URL_SAFE_NO_PAD
        .decode(key["public_key"].as_str().unwrap())
        .unwrap();
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, &public)
        .verify(
            &URL_SAFE_NO_PAD.decode(&p).unwrap(),
            &URL_SAFE_NO_PAD.decode(&s).unwrap(),
        )
        .expect("the QR's signature verifies with the published key");
    assert!(!keys.to_string().contains("pkcs8"));

    // /verify: genuine and current; a tampered payload is not genuine; an unknown number.
    let verify = format!("/api/v1/verify/{number}?p={p}&s={s}");
    let (status, verified) = get(&app, "", &verify).await;
    assert_eq!(status, 200, "{verified}");
    assert_eq!(verified["status"], "current");
    assert_eq!(verified["genuine"], true);
    assert_eq!(verified["signature_valid"], true);
    assert_eq!(verified["full_name"], "Гауһар Әбілқызы");
    let shown = verified.to_string();
    assert!(
        !shown.contains(&iin(70)) && !shown.contains("percent"),
        "{shown}"
    );
    let mut forged_payload = payload.clone();
    forged_payload["u"] = json!("2099-12-31");
    let forged = URL_SAFE_NO_PAD.encode(forged_payload.to_string());
    let (_, tampered) = get(
        &app,
        "",
        &format!("/api/v1/verify/{number}?p={forged}&s={s}"),
    )
    .await;
    assert_eq!(tampered["status"], "forged");
    assert_eq!(tampered["genuine"], false);
    let page = app
        .client
        .get(app.url(&format!("/verify/{number}?p={p}&s={s}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("data-status=\"current\""), "{html}");
    assert!(html.contains("Удостоверение подлинное и действительно"));
    let (status, _) = get(&app, "", "/api/v1/verify/18-2026-00002-AAAAA").await;
    assert_eq!(status, 404);
    let unknown = app
        .client
        .get(app.url("/verify/18-2026-00002-AAAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("data-status=\"unknown\"")
    );

    // Scope: Karaganda's officer cannot see it; the holder can, the other candidate cannot.
    let (status, _, _) = bytes(
        &app,
        &karaganda,
        &format!("/api/v1/leb/certificates/{number}.pdf"),
    )
    .await;
    assert_eq!(status, 404);
    let holder = login(&app, &a.0).await;
    let (status, mine) = get(&app, &holder, "/api/v1/me/certificates").await;
    assert_eq!(status, 200);
    assert_eq!(mine[0]["number"], number.as_str(), "{mine}");
    let (status, _, own) = bytes(
        &app,
        &holder,
        &format!("/api/v1/me/certificates/{number}.pdf"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(qr_of_pdf(&own), url);
    let other = login(&app, &c.0).await;
    let (status, _, _) = bytes(
        &app,
        &other,
        &format!("/api/v1/me/certificates/{number}.pdf"),
    )
    .await;
    assert_eq!(status, 404);

    // Appendix 5 of the region, with the decision's own date.
    let (status, kind, csv) = bytes(
        &app,
        &astana,
        &format!("/api/v1/leb/reports/appendix5?campaign={campaign}&format=csv"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/csv"));
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.contains(&iin(70)) && csv.contains("Гауһар Әбілқызы"),
        "{csv}"
    );
    assert!(csv.contains("2026-11-27"), "{csv}");
    assert!(
        !csv.contains("Дана Ержанқызы"),
        "another region's row: {csv}"
    );
    let (status, kind, xlsx) = bytes(&app, &astana, "/api/v1/leb/reports/appendix5").await;
    assert_eq!(status, 200, "{kind}");
    assert!(xlsx.starts_with(b"PK"));
    let (status, _) = get(&app, &admin, "/api/v1/leb/reports/appendix5").await;
    assert_eq!(status, 400, "an admin names the region");

    // A void after the issue annuls the certificate (p.19), in the void's transaction.
    let (status, _) = post(
        &app,
        &admin,
        &format!("/api/v1/admin/sessions/{}/void", a.1),
        json!({"reason": "proctoring: a second person (p.19)"}),
    )
    .await;
    assert_eq!(status, 200);
    let (_, annulled) = get(&app, "", &verify).await;
    assert_eq!(annulled["status"], "annulled", "{annulled}");
    assert!(annulled["annulled_at"].is_i64());
    let html = app
        .client
        .get(app.url(&format!("/verify/{number}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("data-status=\"annulled\""), "{html}");
    assert_eq!(
        progress(&app, &admin, &campaign).await,
        (1, 0),
        "the annulled certificate is not counted; the voided result stays reported"
    );
    let (_, after) = get(&app, &astana, &format!("/api/v1/leb/results?q={}", iin(70))).await;
    assert_eq!(after["rows"][0]["stage"], "voided", "{after}");
    assert!(after["rows"][0]["certificate"].is_null());
    let (status, _) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/certificate", a.1),
        json!({}),
    )
    .await;
    assert_eq!(status, 409, "a voided session gets no certificate");
    let entries = synaq::store::audit::entries_after(&app.db, 0, 10_000)
        .await
        .unwrap();
    let actions: Vec<String> = entries.iter().map(|e| e.record.action.clone()).collect();
    for action in [
        "certificate.key",
        "leb.decide",
        "certificate.issue",
        "certificate.annul",
    ] {
        assert!(actions.contains(&action.to_owned()), "{action} is audited");
    }
    let annul = actions
        .iter()
        .position(|a| a == "certificate.annul")
        .unwrap();
    assert_eq!(
        actions[annul + 1],
        "exam.void",
        "one transaction, the void's"
    );
}

on_both_stacks!(issue_verify_annul, issue_verify_and_annul);

/// A rotation retires the active key; what it signed still verifies.
async fn rotation_keeps_old_certificates_verifiable(app: TestApp) {
    let (admin, _, codes) = campaign(&app).await;
    let a = &codes[0];
    sit_all_right(&app, &a.0, &a.1).await;
    let astana = officer(&app, "astana").await;
    let (status, _) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", a.1),
        json!({"decided_on": "2026-11-27", "order_number": "5"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, issued) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/certificate", a.1),
        json!({}),
    )
    .await;
    let (status, rotated) = post(
        &app,
        &admin,
        "/api/v1/admin/certificates/key/rotate",
        json!({}),
    )
    .await;
    assert_eq!(status, 201, "{rotated}");
    let keys = rotated["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0]["active"], true);
    assert_ne!(keys[0]["key_id"], issued["key_id"]);
    assert_eq!(keys[1]["key_id"], issued["key_id"]);
    assert_eq!(keys[1]["active"], false);
    let (p, s) = (
        issued["payload"].as_str().unwrap(),
        issued["signature"].as_str().unwrap(),
    );
    let number = issued["number"].as_str().unwrap();
    let (_, verified) = get(&app, "", &format!("/api/v1/verify/{number}?p={p}&s={s}")).await;
    assert_eq!(verified["status"], "current", "{verified}");
    assert_eq!(verified["signature_valid"], true);
}

on_both_stacks!(key_rotation, rotation_keeps_old_certificates_verifiable);

/// While the result may still change — a proctoring review open (p.19), an appeal submitted
/// (p.24, p.26) — or once voided, the decision is refused with the reason, and the listing
/// shows the same reason.
async fn the_decision_waits_for_review_and_appeal(app: TestApp) {
    use crate::appeals_support::WHY;
    let (admin, _, codes) = campaign(&app).await;
    let (a, b) = (&codes[0], &codes[1]);
    sit_all_right(&app, &a.0, &a.1).await;
    sit_all_right(&app, &b.0, &b.1).await;
    let astana = officer(&app, "astana").await;
    let decision = json!({"decided_on": "2026-11-27", "order_number": "9"});

    synaq::store::proctor::open_review(&app.db, &a.1, true, app.clock.now())
        .await
        .unwrap();
    let (status, refused) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", a.1),
        decision.clone(),
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("proctoring review"),
        "{refused}"
    );
    let (_, listed) = get(&app, &astana, &format!("/api/v1/leb/results?q={}", iin(70))).await;
    assert!(
        listed["rows"][0]["blocked"]
            .as_str()
            .unwrap()
            .contains("proctoring review"),
        "{listed}"
    );

    let candidate = login(&app, &b.0).await;
    let (status, filed) = post(
        &app,
        &candidate,
        "/api/v1/me/appeals",
        json!({"questions": [{"number": 1, "ground": "key_disputed", "justification": WHY}], "submit": true}),
    )
    .await;
    assert!(status.is_success(), "{status} {filed}");
    let (status, refused) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", b.1),
        decision.clone(),
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("appeal is open"),
        "{refused}"
    );

    let (status, _) = post(
        &app,
        &admin,
        &format!("/api/v1/admin/sessions/{}/void", a.1),
        json!({"reason": "a confirmed violation (p.19)"}),
    )
    .await;
    assert_eq!(status, 200);
    let (status, refused) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", a.1),
        decision,
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("voided (p.19)"),
        "{refused}"
    );
}

on_both_stacks!(decision_refusals, the_decision_waits_for_review_and_appeal);

/// With the QIO's dispatch recorded, the 3 working days count from it (p.32); past them an
/// undecided row is overdue, and a decision taken then is recorded as late.
async fn the_due_date_counts_from_the_dispatch_and_marks_overdue(app: TestApp) {
    let (admin, campaign, codes) = campaign(&app).await;
    let a = &codes[0];
    sit_all_right(&app, &a.0, &a.1).await;
    let astana = officer(&app, "astana").await;
    // Sent on Friday 27 November 2026 at noon in Almaty: Monday 30, Tuesday 1, Wednesday 2.
    sqlx::query(
        "INSERT INTO report_dispatch (campaign_id, region, sent_at, sent_by) VALUES ($1, 'astana', $2, 'staff:admin:qio')",
    )
    .bind(&campaign)
    .bind(app.clock.now().as_millisecond())
    .execute(app.db.pool())
    .await
    .unwrap();
    let (_, listed) = get(
        &app,
        &astana,
        &format!("/api/v1/leb/results?campaign={campaign}&status=pending"),
    )
    .await;
    let row = &listed["rows"][0];
    assert_eq!(row["due"]["from"], "dispatch", "{listed}");
    assert_eq!(row["due"]["received_on"], "2026-11-27");
    assert_eq!(row["due"]["last_day"], "2026-12-02");
    assert_eq!(row["overdue"], false);

    // Before the decision the administrators' Appendix 5 gives the result's own date.
    let appendix5 =
        format!("/api/v1/admin/campaigns/{campaign}/reports/appendix5?region=astana&format=csv");
    let (status, _, csv) = bytes(&app, &admin, &appendix5).await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    let before = csv
        .lines()
        .find(|l| l.contains(&iin(70)))
        .unwrap()
        .to_owned();

    // Thursday 3 December: overdue.
    app.clock.advance(jiff::SignedDuration::from_hours(6 * 24));
    let (_, listed) = get(&app, &astana, "/api/v1/leb/results?status=pending").await;
    assert_eq!(listed["today"], "2026-12-03");
    assert_eq!(listed["rows"][0]["overdue"], true, "{listed}");
    let (status, decided) = post(
        &app,
        &astana,
        &format!("/api/v1/leb/sessions/{}/decision", a.1),
        json!({"decided_on": "2026-12-03", "order_number": "21"}),
    )
    .await;
    assert_eq!(status, 201, "{decided}");
    assert_eq!(decided["due_on"], "2026-12-02");
    assert_eq!(decided["late"], true);
    let (_, listed) = get(&app, &astana, "/api/v1/leb/results?status=decided").await;
    assert_eq!(listed["rows"][0]["overdue"], true, "decided late: {listed}");

    // The administrators' Appendix 5 now gives the LEB's decision date, not the result's.
    let (status, _, after) = bytes(&app, &admin, &appendix5).await;
    assert_eq!(status, 200);
    let after = String::from_utf8(after).unwrap();
    let row = after.lines().find(|l| l.contains(&iin(70))).unwrap();
    assert!(row.ends_with(",2026-12-03"), "{row}");
    assert!(before.ends_with(",2026-11-27"), "{before}");
}

on_both_stacks!(
    due_from_dispatch,
    the_due_date_counts_from_the_dispatch_and_marks_overdue
);
