//! Item statistics of a campaign for the authors (issue 13.6), on SQLite and on PostgreSQL
//! (+ Redis): difficulty, option shares and the appeals on a question from sittings whose
//! answers the test chose, the JSON and the CSV, and the refusals.

use serde_json::{Value, json};

use crate::appeals_support::*;
use crate::common::TestApp;
use crate::on_both_stacks;

async fn item_statistics_count_the_sittings_and_appeals_of_each_question(app: TestApp) {
    let (admin, campaign_id, codes) =
        campaign(&app, &["ЦТМ Алматы", "ЦТМ Астана", "ЦТМ Шымкент"]).await;
    // Three sittings; the first paper's first question X is answered right by the first two
    // and wrong by the third, wherever it stands on their papers.
    let mut papers = Vec::new();
    let mut sats = Vec::new();
    let mut x = String::new();
    for (i, (code, session)) in codes.iter().enumerate() {
        let (token, ids) = begin(&app, code, session, "ru").await;
        if i == 0 {
            x = ids[0].clone();
        }
        let right = i < 2;
        let sat = finish(&app, code, session, &token, 60, &[(x.as_str(), right)]).await;
        papers.push(ids);
        sats.push(sat);
    }
    commission(&app, &admin, &campaign_id).await;
    let dispute = json!({"questions": [{"number": 1, "ground": "question_wrong", "justification": WHY}], "submit": true});
    let (status, filed) = post(&app, &sats[0].token, "/api/v1/me/appeals", dispute).await;
    assert_eq!(status, 201, "{filed}");

    let author = app.token("author").await;
    let path = format!("/api/v1/campaigns/{campaign_id}/item-stats");
    let (status, items) = get(&app, &author, &path).await;
    assert_eq!(status, 200, "{items}");
    let items = items.as_array().unwrap();
    // Every question on any paper, once, in id order.
    let mut all: Vec<&String> = papers.iter().flatten().collect();
    all.sort();
    all.dedup();
    let ids: Vec<&str> = items
        .iter()
        .map(|i| i["question_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, all.iter().map(|s| s.as_str()).collect::<Vec<_>>());
    let item = |id: &str| {
        items
            .iter()
            .find(|i| i["question_id"] == id)
            .unwrap()
            .clone()
    };
    let on = papers.iter().filter(|p| p.contains(&x)).count();
    let right = papers.iter().take(2).filter(|p| p.contains(&x)).count();
    let stats = item(&x);
    assert_eq!(stats["sittings"], on, "{stats}");
    let share = stats["share_correct"].as_f64().unwrap();
    assert!((share - right as f64 / on as f64).abs() < 1e-9, "{stats}");
    assert_eq!(stats["appeals"], 1, "{stats}");
    assert_eq!(stats["share_blank"], 0.0);
    let shares: f64 = stats["option_shares"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_f64().unwrap())
        .sum();
    // Every sitting chose at least one option (a multiple-choice key chooses several).
    assert!(shares >= 1.0 - 1e-9, "{stats}");
    assert_eq!(stats["flags"], json!(["few_sittings"]));
    // A question no one disputed has no appeals.
    let other = items
        .iter()
        .find(|i| i["question_id"] != x.as_str())
        .unwrap();
    assert_eq!(other["appeals"], 0);

    // The CSV: a header and one row per question, the same figures.
    let response = app
        .client
        .get(app.url(&format!("{path}.csv")))
        .bearer_auth(&author)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), items.len() + 1);
    assert!(lines[0].starts_with("question_id,sittings,share_correct,point_biserial"));
    let row = lines
        .iter()
        .find(|l| l.starts_with(&format!("{x},")))
        .unwrap();
    assert!(row.starts_with(&format!("{x},{on},{share:.3},")), "{row}");
    assert!(row.ends_with(",1,few_sittings"), "{row}");

    // The administrator reads them too; an unknown campaign is 404 naming it.
    assert_eq!(get(&app, &admin, &path).await.0, 200);
    let (status, body) = get(&app, &author, "/api/v1/campaigns/no-such/item-stats").await;
    assert_eq!(status, 404, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no-such"),
        "{body}"
    );
    // A candidate may not (the route table; tests/api/roles.rs checks every role).
    let (status, _): (_, Value) = get(&app, &sats[0].token, &path).await;
    assert_eq!(status, 403);
}
on_both_stacks!(
    item_stats,
    item_statistics_count_the_sittings_and_appeals_of_each_question
);
