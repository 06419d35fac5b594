//! Multipart native callbacks (docs/proctoring.md, "Multipart evidence"): the signature over
//! the raw multipart bytes, snapshots in parts the batch names `part:<name>`, and every
//! refusal naming its part: a bomb, a corrupt image, a part over its limit, too many parts, a
//! part no event refers to, a reference to no part, a batch not first. On SQLite + memory and
//! on PostgreSQL + Redis.

use base64::Engine as _;
use reqwest::StatusCode;
use serde_json::{Value, json};
use synaq_proctor::multipart::build;
use synaq_proctor::verify::sign_native;

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;
use crate::proctor::*;
use crate::proctor_review::{PNG_1X1, bomb};

const BOUNDARY: &str = "synaq-test-boundary-3f9a";

fn png() -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(PNG_1X1)
        .unwrap()
}

/// A batch of one event referring to `evidence`.
fn batch(id: &str, session: &str, evidence: &[&str], now: i64) -> Vec<u8> {
    json!({"events": [{"id": id, "session_id": session, "kind": "phone_detected", "confidence": 0.95,
                       "occurred_at": now, "duration_s": 8, "evidence": evidence}]})
    .to_string()
    .into_bytes()
}

/// POSTs a multipart body signed over its raw bytes with `secret`.
async fn post_multipart(app: &TestApp, secret: &str, body: Vec<u8>) -> (StatusCode, Value) {
    let ts = now_s(app);
    let r = app
        .client
        .post(app.url("/api/v1/proctor/acme/events"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("x-synaq-timestamp", ts.to_string())
        .header(
            "x-synaq-signature",
            sign_native(secret.as_bytes(), ts, &body),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    json_of(r).await
}

async fn multipart_snapshots_are_verified_decoded_and_stored(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let now = now_s(&app);
    let png = png();
    let events = batch(
        "m-1",
        &session,
        &["part:webcam-1", "https://vendor.example/clip/4"],
        now,
    );
    let body = build(
        BOUNDARY,
        &[
            ("events", "application/json", &events),
            ("webcam-1", "image/png", &png),
        ],
    );
    // Signed with another secret: 401 before anything is parsed.
    let (status, answer) = post_multipart(&app, "whsec_not_the_vendors_0001", body.clone()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{answer}");
    let (status, answer) = post_multipart(&app, SECRET, body.clone()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["results"][0]["action"], "record", "{answer}");
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    let reference = &stored[0].signal.evidence[0];
    let sha = reference
        .strip_prefix("sha256:")
        .unwrap_or_else(|| panic!("{reference}"));
    assert_eq!(
        stored[0].signal.evidence[1],
        "https://vendor.example/clip/4"
    );
    let e = synaq::store::proctor::evidence(&app.db, sha)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((e.mime.as_str(), e.width, e.height), ("image/png", 1, 1));
    // A retried delivery dedupes.
    let (status, answer) = post_multipart(&app, SECRET, body).await;
    assert_eq!(
        (status, &answer["results"][0]["duplicate"]),
        (StatusCode::OK, &json!(true))
    );
    assert_chain_intact(&app).await;
}
on_both_stacks!(
    multipart_snapshots,
    multipart_snapshots_are_verified_decoded_and_stored
);

async fn every_bad_part_is_refused_naming_it(app: TestApp) {
    let (admin, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    register(&app, &admin, "acme", "native", &[SECRET]).await;
    let now = now_s(&app);
    let png = png();
    let bomb = base64::engine::general_purpose::STANDARD
        .decode(bomb())
        .unwrap();
    let corrupt = b"\x89PNG\r\n\x1a\nnot really a png at all".to_vec();
    let refuse = |events: Vec<u8>, parts: Vec<(&'static str, Vec<u8>)>| {
        let mut all: Vec<(&str, &str, Vec<u8>)> = vec![("events", "application/json", events)];
        all.extend(parts.into_iter().map(|(n, d)| (n, "image/png", d)));
        let borrowed: Vec<(&str, &str, &[u8])> =
            all.iter().map(|(n, c, d)| (*n, *c, d.as_slice())).collect();
        build(BOUNDARY, &borrowed)
    };
    let cases: Vec<(Vec<u8>, u16, &str, &str)> = vec![
        (
            refuse(
                batch("b-1", &session, &["part:snap"], now),
                vec![("snap", bomb.clone())],
            ),
            422,
            "evidence_refused",
            "part:snap",
        ),
        (
            refuse(
                batch("b-2", &session, &["part:snap"], now),
                vec![("snap", corrupt.clone())],
            ),
            422,
            "evidence_refused",
            "part:snap",
        ),
        (
            refuse(
                batch("b-3", &session, &["part:snap"], now),
                vec![("snap", png.clone()), ("extra", png.clone())],
            ),
            422,
            "malformed",
            "part:extra",
        ),
        (
            refuse(batch("b-4", &session, &["part:missing"], now), vec![]),
            422,
            "malformed",
            "events[0].evidence[0]",
        ),
        (
            build(
                BOUNDARY,
                &[
                    ("snap", "image/png", &png),
                    (
                        "events",
                        "application/json",
                        &batch("b-5", &session, &["part:snap"], now),
                    ),
                ],
            ),
            422,
            "malformed",
            "parts[0]",
        ),
        (
            refuse(
                batch("b-6", &session, &["part:snap"], now),
                vec![("snap", vec![0u8; 4 * 1024 * 1024 + 1])],
            ),
            413,
            "payload_too_large",
            "part:snap",
        ),
        (
            refuse(
                batch("b-7", &session, &[], now),
                (0..17)
                    .map(|i| {
                        (
                            [
                                "p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9", "p10",
                                "p11", "p12", "p13", "p14", "p15", "p16",
                            ][i],
                            png.clone(),
                        )
                    })
                    .collect(),
            ),
            422,
            "malformed",
            "parts[17]",
        ),
        (
            {
                let mut open = refuse(batch("b-8", &session, &[], now), vec![]);
                open.truncate(open.len() - 10);
                open
            },
            422,
            "malformed",
            "part:events",
        ),
    ];
    for (body, status, code, field) in cases {
        let (got, answer) = post_multipart(&app, SECRET, body).await;
        assert_eq!(got.as_u16(), status, "{field}: {answer}");
        assert_eq!(answer["error"]["code"], code, "{answer}");
        assert_eq!(answer["error"]["field"], field, "{answer}");
    }
    let stored = synaq::store::proctor::signals(&app.db, &session)
        .await
        .unwrap();
    assert!(
        stored.is_empty(),
        "a refused batch stores nothing: {stored:?}"
    );
    let audited = audit_actions(&app).await;
    assert_eq!(
        audited.iter().filter(|a| *a == "proctor.refused").count(),
        8,
        "each validly signed refusal is audited: {audited:?}"
    );
    assert_chain_intact(&app).await;
}
on_both_stacks!(multipart_refusals, every_bad_part_is_refused_naming_it);
