//! The personal cabinet (`GET /api/v1/me`, docs/protocol.md "The personal cabinet"): the
//! result marked provisional while the review window lasts and while an appeal waits for the
//! commission (p.19, p.26), and the next due attestation with its clause (p.3, p.27).

use serde_json::json;

use crate::appeals_support as appeals;
use crate::common::TestApp;
use crate::on_both_stacks;
use synaq::live::clock::Clock;

async fn the_cabinet_says_why_a_result_is_provisional_and_when_the_next_attestation_is_due(
    app: TestApp,
) {
    let (_admin, _campaign, codes) = appeals::campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана"]).await;

    // A head of department at 90% (threshold 85) on Friday 27 November 2026: due again by
    // 27 November 2029 (p.3); provisional only for the review window (72 h by default).
    let passed = appeals::sit(&app, &codes[0].0, &codes[0].1, 90, "ru").await;
    let (status, me) = appeals::get(&app, &passed.token, "/api/v1/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["access"], "closed");
    assert_eq!(
        me["next_due"],
        json!({"kind": "periodic", "by": "2029-11-27", "clause": "p.3", "from": "2026-11-27"})
    );
    assert_eq!(
        me["provisional"]["reasons"],
        json!(["review_window"]),
        "{me}"
    );
    let ended = me["result"].is_object();
    assert!(ended, "{me}");
    assert_eq!(
        me["provisional"]["review_window_until"].as_i64(),
        Some(crate::common::start_time().as_millisecond() + 72 * 3_600_000)
    );

    // At 84% the same head is re-attested within 12 months (p.27) and files an appeal: the
    // result waits for the commission too.
    let failed = appeals::sit(&app, &codes[1].0, &codes[1].1, 84, "kk").await;
    let (status, filed) = appeals::post(
        &app,
        &failed.token,
        "/api/v1/me/appeals",
        json!({"questions": [{"number": 1, "ground": "key_disputed",
               "justification": "Ключ противоречит пункту 16 Правил: верный ответ — вариант Б."}],
               "submit": true}),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    let (_, me) = appeals::get(&app, &failed.token, "/api/v1/me").await;
    assert_eq!(
        me["next_due"],
        json!({"kind": "reattestation", "by": "2027-11-27", "clause": "p.27", "from": "2026-11-27"})
    );
    assert_eq!(
        me["provisional"]["reasons"],
        json!(["review_window", "appeal_pending"]),
        "{me}"
    );

    // Three days later the window has closed: only the appeal keeps it provisional; the
    // result that passed is final. (A login lives 12 h: the used codes log in again.)
    app.clock.advance(jiff::SignedDuration::from_hours(73));
    let failed = appeals::login(&app, &codes[1].0).await;
    let passed = appeals::login(&app, &codes[0].0).await;
    let (status, me) = appeals::get(&app, &failed, "/api/v1/me").await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(
        me["provisional"],
        json!({"reasons": ["appeal_pending"], "review_window_until": null})
    );
    let (_, me) = appeals::get(&app, &passed, "/api/v1/me").await;
    assert_eq!(me["provisional"], serde_json::Value::Null, "{me}");
    assert_eq!(me["next_due"]["by"], "2029-11-27");

    // A vendor's late flag opens a proctoring review: the result is provisional again until
    // a reviewer decides (p.19, "whenever the test was taken").
    synaq::store::proctor::open_review(&app.db, &codes[0].1, true, app.clock.now())
        .await
        .unwrap();
    let (_, me) = appeals::get(&app, &passed, "/api/v1/me").await;
    assert_eq!(
        me["provisional"],
        json!({"reasons": ["review_open"], "review_window_until": null}),
        "{me}"
    );
}
on_both_stacks!(
    the_cabinet_says_why_a_result_is_provisional_and_when_the_next_attestation_is_due,
    the_cabinet_says_why_a_result_is_provisional_and_when_the_next_attestation_is_due
);
