//! The console's routes (docs/admin-api.md): staff accounts listed, disabled (their logins
//! die, their password is refused) and enabled; a campaign's sessions exported as CSV and
//! XLSX with a formula-looking name kept as text; online now counted campaign-wide from the
//! live state; one session's overview. On SQLite with in-process live state, and on
//! PostgreSQL with Redis.

use serde_json::{Value, json};

use crate::appeals_support::{get, post};
use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

const PASSWORD: &str = "console-password-2026";

async fn login(app: &TestApp, username: &str) -> (u16, Value) {
    let (status, body) = post(
        app,
        "",
        "/api/v1/auth/login",
        json!({"username": username, "password": PASSWORD}),
    )
    .await;
    (status.as_u16(), body)
}

async fn staff_accounts_are_listed_and_a_disabled_ones_logins_die(app: TestApp) {
    let admin = app.token("admin").await;
    for (username, name, role, scope) in [
        (
            "leb.almaty",
            "Асель Нурланова",
            "leb_officer",
            Some("Город Алматы"),
        ),
        (
            "tmc.op",
            "Ерлан Сапаров",
            "tmc_operator",
            Some("ЦТМ Алматы"),
        ),
        ("author.one", "Гүлнар Ахметова", "author", None),
    ] {
        let (status, body) = post(&app, &admin, "/api/v1/admin/users",
            json!({"username": username, "password": PASSWORD, "role": role, "name": name, "scope": scope})).await;
        assert_eq!(status, 201, "{username}: {body}");
    }
    // A scope where the role takes none, or none where it needs one: 400 naming `scope`.
    let (status, body) = post(&app, &admin, "/api/v1/admin/users",
        json!({"username": "x.author", "password": PASSWORD, "role": "author", "name": "X", "scope": "ЦТМ"})).await;
    assert_eq!(
        (
            status.as_u16(),
            body["error"]["message"]
                .as_str()
                .unwrap()
                .starts_with("scope")
        ),
        (400, true),
        "{body}"
    );

    // Listed by username with role and scope (the region as its slug); searched by a
    // username prefix in any case or a part of the name.
    let (status, list) = get(&app, &admin, "/api/v1/admin/users").await;
    assert_eq!(status, 200, "{list}");
    let names: Vec<&str> = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["author.one", "leb.almaty", "tmc.op"]);
    assert_eq!(
        list["page"],
        json!({"page": 1, "per_page": 50, "total": 3, "pages": 1})
    );
    assert_eq!(list["users"][1]["scope"], "almaty");
    assert_eq!(list["users"][1]["role"], "leb_officer");
    assert_eq!(list["users"][2]["scope"], "ЦТМ Алматы");
    assert_eq!(list["users"][2]["disabled"], false);
    assert!(list["users"][0].get("password_hash").is_none());
    for (q, found) in [
        ("TMC", "tmc.op"),
        ("сапаров", "tmc.op"),
        ("Нурлан", "leb.almaty"),
    ] {
        let (_, r) = get(&app, &admin, &format!("/api/v1/admin/users?q={q}")).await;
        assert_eq!(r["page"]["total"], 1, "q={q}: {r}");
        assert_eq!(r["users"][0]["username"], found, "q={q}");
    }
    let (_, page2) = get(&app, &admin, "/api/v1/admin/users?per_page=2&page=2").await;
    assert_eq!(page2["users"][0]["username"], "tmc.op");
    let (status, _) = get(&app, &admin, "/api/v1/admin/users?per_page=0").await;
    assert_eq!(status, 400);

    // The operator logs in (twice); disabling kills both logins at once and refuses the
    // password; the audit chain has the reason.
    let (status, first) = login(&app, "tmc.op").await;
    assert_eq!(status, 200, "{first}");
    let (_, second) = login(&app, "tmc.op").await;
    let tokens = [
        first["token"].as_str().unwrap().to_owned(),
        second["token"].as_str().unwrap().to_owned(),
    ];
    let (status, _) = post(&app, &tokens[0], "/api/v1/auth/logout", json!({})).await;
    assert!(status.is_success());
    let (_, third) = login(&app, "tmc.op").await;
    let live = third["token"].as_str().unwrap().to_owned();
    let (status, before) = get(&app, &live, "/api/v1/me").await;
    assert_eq!(
        status, 403,
        "a live login is refused only by role before: {before}"
    );
    let (status, body) = post(
        &app,
        &admin,
        "/api/v1/admin/users/tmc.op/disable",
        json!({"reason": "  "}),
    )
    .await;
    assert_eq!(
        (status.as_u16(), body["error"]["code"].as_str()),
        (400, Some("bad_request")),
        "{body}"
    );
    let (status, user) = post(
        &app,
        &admin,
        "/api/v1/admin/users/tmc.op/disable",
        json!({"reason": "left the TMC"}),
    )
    .await;
    assert_eq!(status, 200, "{user}");
    assert_eq!(user["disabled"], true);
    for token in [&live, &tokens[1]] {
        let (status, body) = get(&app, token, "/api/v1/me").await;
        assert_eq!(
            status, 401,
            "a disabled account's login still works: {body}"
        );
    }
    let (status, body) = login(&app, "tmc.op").await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (422, Some("bad_credentials")),
        "{body}"
    );
    let (_, listed) = get(&app, &admin, "/api/v1/admin/users?q=tmc").await;
    assert_eq!(listed["users"][0]["disabled"], true);
    let audited: Vec<(String, String)> = sqlx::query_as(
        "SELECT action, subject FROM audit_entry WHERE action IN ('user.disable', 'user.enable') ORDER BY seq",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(
        audited,
        [("user.disable".to_owned(), "user/tmc.op".to_owned())]
    );

    // Disabling again changes nothing; enabling lets the password in again.
    let (status, again) = post(
        &app,
        &admin,
        "/api/v1/admin/users/tmc.op/disable",
        json!({"reason": "again"}),
    )
    .await;
    assert_eq!(
        (status.as_u16(), again["disabled"].as_bool()),
        (200, Some(true))
    );
    let (status, user) = post(
        &app,
        &admin,
        "/api/v1/admin/users/tmc.op/enable",
        json!({"reason": "came back"}),
    )
    .await;
    assert_eq!(
        (status.as_u16(), user["disabled"].as_bool()),
        (200, Some(false)),
        "{user}"
    );
    let (status, body) = login(&app, "tmc.op").await;
    assert_eq!(status, 200, "{body}");

    // Unknown accounts are 404; an administrator cannot disable their own account.
    let (status, _) = post(
        &app,
        &admin,
        "/api/v1/admin/users/nobody/disable",
        json!({"reason": "x"}),
    )
    .await;
    assert_eq!(status, 404);
    let (status, _) = post(
        &app,
        &admin,
        "/api/v1/admin/users",
        json!({"username": "root.admin", "password": PASSWORD, "role": "admin", "name": "Админ"}),
    )
    .await;
    assert_eq!(status, 201);
    let (_, root) = login(&app, "root.admin").await;
    let root = root["token"].as_str().unwrap().to_owned();
    let (status, body) = post(
        &app,
        &root,
        "/api/v1/admin/users/root.admin/disable",
        json!({"reason": "oops"}),
    )
    .await;
    assert_eq!(status, 409, "{body}");
}
on_both_stacks!(
    staff_accounts_are_listed_and_a_disabled_ones_logins_die,
    staff_accounts_are_listed_and_a_disabled_ones_logins_die
);

async fn sessions_export_as_csv_and_xlsx_with_formulas_kept_as_text(app: TestApp) {
    let (admin, codes) = campaign(&app, 2).await;
    let campaign_id = app
        .application
        .as_ref()
        .unwrap()
        .session(&codes[0].1)
        .await
        .unwrap()
        .campaign_id;
    // A name a spreadsheet would run as a formula.
    let evil = "=HYPERLINK(\"http://evil.example\",\"Иванов\")";
    let csv = format!(
        "iin,name,position,organization,procedure\n{},\"{}\",tmc_employment_specialist,@ЦТМ,periodic\n",
        iin(7),
        evil.replace('"', "\"\"")
    );
    let added = upload_roster(&app, &admin, &campaign_id, csv).await;
    assert_eq!(added.len(), 1);
    let token = start(&app, &codes[1].0).await;
    let mut ws = connect(&app, &token).await;
    ready(&app, &token, &mut ws).await;
    send(&mut ws, json!({"type": "submit", "seq": 1})).await;
    expect(&mut ws, "ended").await;

    let url = |ext: &str, query: &str| {
        app.url(&format!(
            "/api/v1/admin/campaigns/{campaign_id}/sessions.{ext}{query}"
        ))
    };
    let r = app
        .client
        .get(url("csv", ""))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(&format!("sessions-{campaign_id}.csv"))
    );
    let body = r.bytes().await.unwrap();
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark first");
    let text = String::from_utf8(body[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("ФИО,ИИН,Должность"), "{}", lines[0]);
    // By name: the formula-looking one (its '=' sorts first) behind an apostrophe.
    assert!(
        lines[1].starts_with("\"'=HYPERLINK(\"\"http://evil.example\"\""),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains(",'@ЦТМ,"), "{}", lines[1]);
    assert!(
        lines[3].starts_with(&format!("Кандидат 1,{},", iin(1))),
        "{}",
        lines[3]
    );
    assert!(lines[3].contains(",оценена,submitted,ru,2026-11-27 12:00,2026-11-27 12:00,0,0,,0,100,0,не соответствует занимаемой должности"), "{}", lines[3]);
    // The filters of the listing apply.
    let r = app
        .client
        .get(url("csv", "?status=scored"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    let filtered = r.text().await.unwrap();
    assert_eq!(
        filtered.split("\r\n").filter(|l| !l.is_empty()).count(),
        2,
        "{filtered}"
    );
    let r = app
        .client
        .get(url("csv", "?status=done"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);

    let r = app
        .client
        .get(url("xlsx", ""))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap().to_vec();
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("Test (2026-11-01 — 2026-12-31)".into()))
    );
    assert_eq!(range.get_value((2, 0)), Some(&Data::String("ФИО".into())));
    assert_eq!(
        range.get_value((3, 0)),
        Some(&Data::String(evil.into())),
        "the name as text"
    );
    assert_eq!(range.get_value((5, 14)), Some(&Data::Float(100.0)));
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell holds a formula"
    );

    let r = app
        .client
        .get(app.url("/api/v1/admin/campaigns/nope/sessions.xlsx"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
}
on_both_stacks!(
    sessions_export_as_csv_and_xlsx_with_formulas_kept_as_text,
    sessions_export_as_csv_and_xlsx_with_formulas_kept_as_text
);

async fn online_now_is_counted_campaign_wide_and_a_session_has_an_overview(app: TestApp) {
    let (admin, codes) = campaign(&app, 3).await;
    let campaign_id = app
        .application
        .as_ref()
        .unwrap()
        .session(&codes[0].1)
        .await
        .unwrap()
        .campaign_id;
    // Two in progress, one of them with its socket open, answering and signalling.
    let token = start(&app, &codes[0].0).await;
    let _offline = start(&app, &codes[1].0).await;
    let mut ws = connect(&app, &token).await;
    let state = ready(&app, &token, &mut ws).await;
    send(
        &mut ws,
        json!({"type": "answer", "q": 1, "choice": [option(&state, 1, 0)], "seq": 1}),
    )
    .await;
    send(
        &mut ws,
        json!({"type": "flag", "q": 2, "flagged": true, "seq": 2}),
    )
    .await;
    send(
        &mut ws,
        json!({"type": "signal", "id": "h-1", "kind": "tab_hidden", "duration_ms": 4200}),
    )
    .await;
    assert_eq!(expect(&mut ws, "ack").await["seq"], 1);
    assert_eq!(expect(&mut ws, "ack").await["seq"], 2);

    let progress = || async {
        let (_, list) = get(&app, &admin, "/api/v1/admin/campaigns").await;
        list["campaigns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["campaign_id"] == campaign_id.as_str())
            .unwrap()["progress"]
            .clone()
    };
    let p = progress().await;
    assert_eq!(
        (p["in_progress"].as_i64(), p["online"].as_i64()),
        (Some(2), Some(1)),
        "{p}"
    );

    let overview = format!("/api/v1/admin/sessions/{}/overview", codes[0].1);
    eventually(|| async {
        get(&app, &admin, &overview).await.1["signals"]
            .as_array()
            .is_some_and(|s| s.len() == 1)
    })
    .await;
    let (status, o) = get(&app, &admin, &overview).await;
    assert_eq!(status, 200, "{o}");
    assert_eq!(o["online"], true);
    assert_eq!(o["time_left_ms"], 120 * 60_000);
    assert_eq!(
        (o["answered"].as_i64(), o["journal_size"].as_i64()),
        (Some(1), Some(2)),
        "{o}"
    );
    assert_eq!(o["signals"][0]["kind"], "tab_hidden");
    assert_eq!(o["signals"][0]["source"], "page");
    assert_eq!(o["session"]["status"], "in_progress");
    let (_, other) = get(
        &app,
        &admin,
        &format!("/api/v1/admin/sessions/{}/overview", codes[2].1),
    )
    .await;
    assert_eq!(
        (
            other["online"].clone(),
            other["time_left_ms"].clone(),
            other["journal_size"].as_i64()
        ),
        (Value::Null, Value::Null, Some(0))
    );

    // The socket closes: nobody is online.
    drop(ws);
    eventually(|| async { progress().await["online"] == 0 }).await;
    let (status, _) = get(&app, &admin, "/api/v1/admin/sessions/nope/overview").await;
    assert_eq!(status, 404);
}
on_both_stacks!(
    online_now_is_counted_campaign_wide_and_a_session_has_an_overview,
    online_now_is_counted_campaign_wide_and_a_session_has_an_overview
);
