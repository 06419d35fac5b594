//! The administrators' listings (docs/admin-api.md): campaigns with their progress, and a
//! campaign of 300 sessions listed page by page, searched by IIN prefix and by name, filtered
//! by status; on SQLite with in-process live state, and on PostgreSQL with Redis.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

async fn get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let r = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// The campaign `id` in the campaigns listing.
async fn listed_campaign(app: &TestApp, admin: &str, id: &str) -> Value {
    let (status, list) = get(app, admin, "/api/v1/admin/campaigns?per_page=100").await;
    assert_eq!(status, 200, "{list}");
    list["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign_id"] == id)
        .unwrap_or_else(|| panic!("{id} not listed: {list}"))
        .clone()
}

async fn a_campaign_of_300_is_listed_page_by_page_and_searched(app: TestApp) {
    let (admin, codes) = campaign(&app, 300).await;
    let campaign_id = app
        .application
        .as_ref()
        .unwrap()
        .session(&codes[0].1)
        .await
        .unwrap()
        .campaign_id;
    let sessions = |query: &str| format!("/api/v1/admin/campaigns/{campaign_id}/sessions?{query}");

    // Candidate 0 is in the exam, online, one answer saved and two page signals; candidate 1
    // submitted; candidate 2 was voided before starting.
    let token = start(&app, &codes[0].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    let choice = option(&state, 1, 0);
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [choice], "seq": 1}),
    )
    .await;
    send(
        &mut ws,
        json!({"type": "flag", "q": 2, "flagged": true, "seq": 2}),
    )
    .await;
    for n in 0..2 {
        send(&mut ws, json!({"type": "signal", "id": format!("h-{n}"), "kind": "tab_hidden", "duration_ms": 4200})).await;
    }
    assert_eq!(expect(&mut ws, "ack").await["seq"], 1);
    assert_eq!(expect(&mut ws, "ack").await["seq"], 2);
    let other = start(&app, &codes[1].0).await;
    let mut done = connect(&app, &other).await;
    ready(&app, &other, &mut done).await;
    send(&mut done, json!({"type": "submit", "seq": 1})).await;
    expect(&mut done, "ended").await;
    let voided = app
        .client
        .post(app.url(&format!("/api/v1/admin/sessions/{}/void", codes[2].1)))
        .bearer_auth(&admin)
        .json(&json!({"reason": "not admitted after all"}))
        .send()
        .await
        .unwrap();
    assert_eq!(voided.status(), 200);

    // The campaign at a glance.
    let listed = listed_campaign(&app, &admin, &campaign_id).await;
    assert_eq!(
        listed["progress"],
        json!({"admitted": 300, "started": 2, "in_progress": 1, "online": 1, "submitted": 1, "voided": 1,
               "appealed": 0, "decided": 0, "reported": 0, "certified": 0}),
        "{listed}"
    );
    assert_eq!(listed["procedure"], "periodic");
    assert_eq!(listed["opens_on"], "2026-11-01");

    // Every session once, over three pages of 100, by name then IIN; past the end: empty.
    let mut seen = BTreeSet::new();
    let mut names = Vec::new();
    for page in 1..=3 {
        let (status, body) = get(
            &app,
            &admin,
            &sessions(&format!("page={page}&per_page=100")),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            body["page"],
            json!({"page": page, "per_page": 100, "total": 300, "pages": 3})
        );
        let rows = body["sessions"].as_array().unwrap();
        assert_eq!(rows.len(), 100);
        for row in rows {
            seen.insert(row["session_id"].as_str().unwrap().to_owned());
            names.push(row["name"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(seen.len(), 300, "a session listed twice or missed");
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "rows come by name");
    let (_, past) = get(&app, &admin, &sessions("page=4&per_page=100")).await;
    assert_eq!(past["sessions"], json!([]));
    assert_eq!(past["page"]["total"], 300);
    let (_, default) = get(&app, &admin, &sessions("")).await;
    assert_eq!(
        default["page"],
        json!({"page": 1, "per_page": 50, "total": 300, "pages": 6})
    );

    // The one in progress: online, time left by the server's clock, answers (a flag alone does
    // not count) and signals.
    let in_progress = sessions("status=in_progress");
    eventually(|| async {
        let (_, body) = get(&app, &admin, &in_progress).await;
        body["sessions"][0]["signals"] == 2
    })
    .await;
    let (_, body) = get(&app, &admin, &in_progress).await;
    assert_eq!(body["page"]["total"], 1, "{body}");
    let row = body["sessions"][0].clone();
    assert_eq!(row["session_id"], codes[0].1.as_str());
    assert_eq!(row["online"], true, "{row}");
    assert_eq!(row["time_left_ms"], 120 * 60_000, "{row}");
    assert_eq!(row["answered"], 1, "{row}");
    assert_eq!(row["iin"], iin(0));
    assert_eq!(
        row["position_name"]["ru"],
        "Специалист по содействию занятости (ЦТМ)"
    );
    assert_eq!(row["result"], Value::Null);
    // The submitted one carries its result and decision; the voided one none.
    let (_, scored) = get(&app, &admin, &sessions("status=scored")).await;
    let row = &scored["sessions"][0];
    assert_eq!(
        (row["session_id"].as_str(), row["end_reason"].as_str()),
        (Some(codes[1].1.as_str()), Some("submitted"))
    );
    assert_eq!(row["result"]["total"], 100, "{row}");
    assert_eq!(row["result"]["decision"]["passed"], false, "{row}");
    assert_eq!(
        (row["online"].clone(), row["time_left_ms"].clone()),
        (Value::Null, Value::Null)
    );
    let (_, void) = get(&app, &admin, &sessions("status=voided")).await;
    assert_eq!(void["page"]["total"], 1);
    assert_eq!(void["sessions"][0]["result"], Value::Null);

    // Search: an IIN prefix (persons 0-99 share `85031030`), a whole IIN, a name in any case.
    let (_, prefix) = get(&app, &admin, &sessions("q=85031030&per_page=100")).await;
    assert_eq!(prefix["page"]["total"], 100, "{}", prefix["page"]);
    let (_, one) = get(&app, &admin, &sessions(&format!("q={}", iin(137)))).await;
    assert_eq!(one["page"]["total"], 1);
    assert_eq!(one["sessions"][0]["name"], "Кандидат 137");
    for q in ["кандидат 25", "КАНДИДАТ 25", "Кандидат 25", "ндидат 25"]
    {
        let (status, found) = get(&app, &admin, &sessions(&format!("q={q}"))).await;
        assert_eq!(status, 200, "{found}");
        // Кандидат 25 and 250-259.
        assert_eq!(found["page"]["total"], 11, "q={q}: {}", found["page"]);
    }
    let (_, none) = get(&app, &admin, &sessions("q=%25")).await;
    assert_eq!(none["page"]["total"], 0, "a % is literal");
    let (_, both) = get(&app, &admin, &sessions("q=Кандидат 1&status=scored")).await;
    assert_eq!(both["page"]["total"], 1, "filters combine");

    // Refusals name the parameter; an unknown campaign is 404.
    for (query, field) in [
        ("status=finished", "status"),
        ("per_page=101", "per_page"),
        ("page=0", "page"),
        ("page=x", "page"),
    ] {
        let (status, body) = get(&app, &admin, &sessions(query)).await;
        assert_eq!(status, 400, "{query}: {body}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(field),
            "{query}: {body}"
        );
    }
    let (status, _) = get(&app, &admin, "/api/v1/admin/campaigns/nope/sessions").await;
    assert_eq!(status, 404);
}
on_both_stacks!(
    a_campaign_of_300_is_listed_page_by_page_and_searched,
    a_campaign_of_300_is_listed_page_by_page_and_searched
);

async fn campaigns_are_listed_newest_first_with_their_appeals(app: TestApp) {
    use crate::appeals_support as appeals;
    let (admin, campaign_id, codes) = appeals::campaign(&app, &["ЦТМ Алматы"]).await;
    let sat = appeals::sit(&app, &codes[0].0, &codes[0].1, 84, "ru").await;
    let (status, filed) = appeals::post(
        &app,
        &sat.token,
        "/api/v1/me/appeals",
        json!({"questions": [{"number": 1, "ground": "key_disputed",
               "justification": "Ключ противоречит пункту 16 Правил: верный ответ — вариант Б."}],
               "submit": true}),
    )
    .await;
    assert_eq!(status, 201, "{filed}");
    let listed = listed_campaign(&app, &admin, &campaign_id).await;
    assert_eq!(listed["progress"]["appealed"], 1, "{listed}");
    assert_eq!(listed["progress"]["decided"], 0, "{listed}");
    assert_eq!(listed["progress"]["submitted"], 1, "{listed}");
    let (_, rows) = get(
        &app,
        &admin,
        &format!("/api/v1/admin/campaigns/{campaign_id}/sessions"),
    )
    .await;
    assert_eq!(rows["sessions"][0]["appeal"], "submitted", "{rows}");

    // A second campaign, created a minute later, comes first; a name search finds either;
    // pages of one.
    app.clock.advance(jiff::SignedDuration::from_mins(1));
    let (_, second) = campaign(&app, 1).await;
    let second_id = app
        .application
        .as_ref()
        .unwrap()
        .session(&second[0].1)
        .await
        .unwrap()
        .campaign_id;
    let (_, page) = get(&app, &admin, "/api/v1/admin/campaigns?per_page=1").await;
    assert_eq!(
        page["page"],
        json!({"page": 1, "per_page": 1, "total": 2, "pages": 2})
    );
    assert_eq!(
        page["campaigns"][0]["campaign_id"],
        second_id.as_str(),
        "newest first"
    );
    let (_, next) = get(&app, &admin, "/api/v1/admin/campaigns?per_page=1&page=2").await;
    assert_eq!(next["campaigns"][0]["campaign_id"], campaign_id.as_str());
    let (_, past) = get(&app, &admin, "/api/v1/admin/campaigns?page=3&per_page=1").await;
    assert_eq!(
        (past["campaigns"].clone(), past["page"]["total"].clone()),
        (json!([]), json!(2))
    );
    let (_, found) = get(&app, &admin, "/api/v1/admin/campaigns?q=test").await;
    assert_eq!(found["page"]["total"], 1, "{found}");
    assert_eq!(found["campaigns"][0]["campaign_id"], second_id.as_str());
    assert_eq!(found["campaigns"][0]["progress"]["admitted"], 1);
}
on_both_stacks!(
    campaigns_are_listed_newest_first_with_their_appeals,
    campaigns_are_listed_newest_first_with_their_appeals
);

#[tokio::test]
async fn the_admin_console_page_and_its_modules_are_served() {
    let app = crate::common::spawn_app(crate::common::sqlite().await).await;
    let page = app.client.get(app.url("/admin")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("/assets/admin/console.js"), "{html}");
    for module in ["/assets/admin/console.js", "/assets/admin/console_model.js"] {
        let r = app.client.get(app.url(module)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{module}");
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/javascript")
        );
    }
}
