//! The evaluation (p.28-1) and the reports (p.31, p.32) over HTTP (docs/reports.md): the
//! evaluation refused below the threshold, the gap flagged, uploads all-or-nothing with line
//! and column; the dashboard's due dates and statuses with the test clock (a 2027 deadline
//! provisional); Appendix 2 and 5 as XLSX (opened with calamine) and CSV, a formula-looking
//! name kept as text, a voided session shown voided, the region filter. On SQLite with
//! in-process live state, and on PostgreSQL with Redis.

use calamine::{Data, Reader};
use serde_json::{Value, json};
use synaq::live::Clock;

use crate::common::TestApp;
use crate::exam_support::*;
use crate::on_both_stacks;

async fn call(
    app: &TestApp,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let url = app.url(path);
    let builder = match method {
        "GET" => app.client.get(url),
        "POST" => app.client.post(url),
        "PUT" => app.client.put(url),
        other => panic!("{other}"),
    };
    let builder = builder.bearer_auth(token);
    let builder = match body {
        Some(b) => builder.json(&b),
        None => builder,
    };
    let r = builder.send().await.unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn upload(
    app: &TestApp,
    token: &str,
    campaign: &str,
    content_type: &str,
    body: Vec<u8>,
) -> (u16, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/v1/admin/campaigns/{campaign}/evaluations")))
        .bearer_auth(token)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

/// The file at `path`: status, content type, content disposition, bytes.
async fn download(app: &TestApp, token: &str, path: &str) -> (u16, String, String, Vec<u8>) {
    let r = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let header = |name: &str| {
        r.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let (ct, cd) = (header("content-type"), header("content-disposition"));
    (
        r.status().as_u16(),
        ct,
        cd,
        r.bytes().await.unwrap().to_vec(),
    )
}

/// A campaign from `opens_on` to `closes_on` over the sample bank; its id.
async fn new_campaign(app: &TestApp, admin: &str, opens_on: &str, closes_on: &str) -> String {
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
    let (status, created) = call(
        app,
        admin,
        "POST",
        "/api/v1/admin/campaigns",
        Some(
            json!({"name": "Аттестация декабрь", "bank_version": version, "procedure": "category",
                    "languages": ["kk", "ru"], "opens_on": opens_on, "closes_on": closes_on}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    created["campaign_id"].as_str().unwrap().to_owned()
}

/// Writes a result version of `percent` for the session, as the exam would, with the rules'
/// decision for its candidate.
async fn score(app: &TestApp, session_id: &str, percent: u32) {
    use synaq::domain::rules::{ConflictPolicy, DecisionInput, Percent, decide};
    let row = app
        .application
        .as_ref()
        .unwrap()
        .session(session_id)
        .await
        .unwrap();
    let c = &row.candidate;
    let decision = decide(&DecisionInput {
        procedure: c.procedure,
        reattestation_of: None,
        position: c.position,
        score: Percent::new(f64::from(percent)).unwrap(),
        current_category: c.current_category,
        claimed_category: c.claimed_category,
        policy: ConflictPolicy::default(),
    })
    .unwrap();
    let mut tx = app.db.begin_write().await.unwrap();
    synaq::store::result::insert_in(
        &mut tx,
        session_id,
        synaq::store::result::Source::Exam,
        synaq::domain::exam::Score {
            correct: percent,
            total: 100,
            percent_bp: percent * 100,
        },
        &decision,
        &synaq::domain::audit::Actor::Cli,
        app.clock.now().as_millisecond(),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE exam_session SET status = 'scored', ended_at = $1 WHERE session_id = $2")
        .bind(app.clock.now().as_millisecond())
        .bind(session_id)
        .execute(&mut **tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

const FORMULA: &str = "=HYPERLINK(\"http://evil\",\"x\")";

/// The roster: (name, position, procedure, current, claimed, region, score or void).
const PEOPLE: [(&str, &str, &str, &str, &str, &str); 10] = [
    (
        FORMULA,
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "karaganda",
    ),
    (
        "Бекова Дана",
        "cc_employment_specialist",
        "category",
        "career_consultant",
        "case_manager",
        "karaganda",
    ),
    (
        "Валиев Тимур",
        "cc_employment_specialist",
        "category",
        "career_consultant",
        "case_manager",
        "karaganda",
    ),
    (
        "Гани Асель",
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "karaganda",
    ),
    (
        "Досов Марат",
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "karaganda",
    ),
    (
        "Ким Ольга",
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "almaty",
    ),
    (
        "Нуров Али",
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "",
    ),
    (
        "Омарова Сауле",
        "cc_employment_specialist",
        "category",
        "career_consultant",
        "case_manager",
        "karaganda",
    ),
    (
        "Пак Игорь",
        "tmc_employment_specialist",
        "periodic",
        "",
        "",
        "karaganda",
    ),
    (
        "Сейтов Нурлан",
        "cc_employment_specialist",
        "category",
        "career_consultant",
        "case_manager",
        "astana",
    ),
];

async fn evaluations_and_reports(app: TestApp) {
    let admin = app.token("admin").await;
    // The test clock: Friday 27 November 2026; testing ends Friday 11 December.
    let campaign = new_campaign(&app, &admin, "2026-11-27", "2026-12-11").await;
    // Everyone but person 6, whose roster has no region column (the rows without a region).
    let mut csv = String::from(
        "iin,name,position,organization,procedure,current_category,claimed_category,region,place_of_work,education\n",
    );
    for (i, (name, position, procedure, current, claimed, region)) in PEOPLE.iter().enumerate() {
        if i == 6 {
            continue;
        }
        csv.push_str(&format!(
            "{},\"{}\",{position},ЦТМ Караганды,{procedure},{current},{claimed},{region},Отдел занятости {i},высшее\n",
            iin(i as u32),
            name.replace('"', "\"\"")
        ));
    }
    let mut codes = upload_roster(&app, &admin, &campaign, csv).await;
    let (name, position, procedure, ..) = PEOPLE[6];
    let other = format!(
        "iin,name,position,organization,procedure\n{},{name},{position},ЦТМ,{procedure}\n",
        iin(6)
    );
    codes.insert(
        6,
        upload_roster(&app, &admin, &campaign, other)
            .await
            .remove(0),
    );
    let session = |i: usize| codes[i].1.clone();
    for (i, percent) in [
        (0, 72),
        (1, 90),
        (2, 60),
        (3, 80),
        (5, 65),
        (6, 75),
        (7, 85),
        (8, 100),
        (9, 88),
    ] {
        score(&app, &session(i), percent).await;
    }
    // Person 3 is voided after the result (p.19); person 4 never came.
    let (status, voided) = call(
        &app,
        &admin,
        "POST",
        &format!("/api/v1/admin/sessions/{}/void", session(3)),
        Some(json!({"reason": "proctoring: a second person"})),
    )
    .await;
    assert_eq!(status, 200, "{voided}");

    // The evaluation listing: the category applicants only.
    let evaluations = format!("/api/v1/admin/campaigns/{campaign}/evaluations");
    let (status, list) = call(&app, &admin, "GET", &evaluations, None).await;
    assert_eq!(status, 200, "{list}");
    assert_eq!(
        list["due"], "2026-12-13",
        "2 calendar days after closes_on (p.28-1)"
    );
    assert_eq!(list["gap_policy"]["name"], "zero");
    let statuses: Vec<(String, String)> = list["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_owned(),
                a["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            ("Бекова Дана".to_owned(), "pending".to_owned()),
            ("Валиев Тимур".to_owned(), "not_admitted".to_owned()),
            ("Омарова Сауле".to_owned(), "pending".to_owned()),
            ("Сейтов Нурлан".to_owned(), "pending".to_owned())
        ]
    );

    // Below the threshold: refused with the reason (p.27).
    let (status, refused) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(2)),
        Some(json!({"rating": 4.5, "violations": 0})),
    )
    .await;
    assert_eq!(status, 409, "{refused}");
    assert_eq!(refused["error"]["code"], "not_admitted_to_evaluation");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("p.27"),
        "{refused}"
    );
    // Not a category applicant; not in this campaign.
    let (status, refused) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(0)),
        Some(json!({"rating": 4.5, "violations": 0})),
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("not_a_category_applicant"))
    );
    let (status, _) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", "f".repeat(32)),
        Some(json!({"rating": 4.5, "violations": 0})),
    )
    .await;
    assert_eq!(status, 404);
    let (status, bad) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(1)),
        Some(json!({"rating": 5.5, "violations": 0})),
    )
    .await;
    assert_eq!(
        (
            status,
            bad["error"]["message"]
                .as_str()
                .map(|m| m.starts_with("rating:"))
        ),
        (400, Some(true)),
        "{bad}"
    );

    // A rating in the (3.9, 4.0] gap: 0 points under the default policy, flagged.
    let (status, evaluated) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(1)),
        Some(json!({"rating": 3.95, "violations": 0})),
    )
    .await;
    assert_eq!(status, 200, "{evaluated}");
    assert_eq!(evaluated["testing_points"], 72.0);
    assert_eq!(evaluated["rating_points"], 0);
    assert_eq!(evaluated["violation_points"], 10);
    assert_eq!(evaluated["total"], 82.0);
    assert_eq!(evaluated["rating_in_gap"], true);
    assert_eq!(evaluated["flagged_for_commission"], true);
    assert_eq!(evaluated["gap_policy"]["name"], "zero");
    assert!(
        evaluated["gap_policy"]["clause"]
            .as_str()
            .unwrap()
            .contains("Appendix 1-2")
    );
    assert!(
        evaluated["clauses"]
            .as_array()
            .unwrap()
            .contains(&json!("p.28-1"))
    );

    // An evaluated applicant whose session is voided afterwards shows as voided (p.19).
    let (status, _) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(9)),
        Some(json!({"rating": 4.5, "violations": false})),
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &app,
        &admin,
        "POST",
        &format!("/api/v1/admin/sessions/{}/void", session(9)),
        Some(json!({"reason": "proctoring: phone on the desk"})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, list) = call(&app, &admin, "GET", &evaluations, None).await;
    let seitov = &list["applicants"][3];
    assert_eq!(seitov["status"], "voided", "{list}");
    assert_eq!(seitov["score"], Value::Null);
    assert_eq!(seitov["evaluation"]["total"], 90.4, "kept, shown as voided");
    assert_eq!(list["counts"]["voided"], 1);
    let (status, refused) = call(
        &app,
        &admin,
        "PUT",
        &format!("{evaluations}/{}", session(9)),
        Some(json!({"rating": 4.5, "violations": 0})),
    )
    .await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (409, Some("voided"))
    );

    // An upload with errors stores nothing and names every line and column.
    let bad = format!(
        "iin,rating,violations\n{},4.5,0\n{},4.5,0\n{},4.5,нет\n{},4.5,maybe\n",
        iin(7),
        iin(2),
        iin(99),
        iin(1)
    );
    let (status, refused) = upload(&app, &admin, &campaign, "text/csv", bad.into_bytes()).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "invalid_evaluations");
    let details: Vec<&str> = refused["error"]["details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    assert_eq!(details.len(), 3, "{details:?}");
    assert!(
        details[2].starts_with("line 5, column violations:"),
        "{details:?}"
    );
    assert!(
        details[0].starts_with("line 3, column iin:") && details[0].contains("p.27"),
        "{details:?}"
    );
    assert!(
        details[1].starts_with("line 4, column iin:")
            && details[1].contains("not on this campaign's roster"),
        "{details:?}"
    );
    let (_, list) = call(&app, &admin, "GET", &evaluations, None).await;
    assert_eq!(
        list["applicants"][2]["status"], "pending",
        "nothing was stored"
    );
    assert_eq!(list["applicants"][0]["evaluation"]["source"], "entry");
    assert_eq!(list["counts"]["flagged_for_commission"], 1);

    // An XLSX upload: the gap under the `ten` policy, and a violation as yes.
    let (status, policy) = call(
        &app,
        &admin,
        "PUT",
        &format!("/api/v1/admin/campaigns/{campaign}/evaluation-policy"),
        Some(json!({"gap_policy": "ten"})),
    )
    .await;
    assert_eq!(
        (status, policy["name"].as_str()),
        (200, Some("ten")),
        "{policy}"
    );
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["iin", "rating", "violations"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, iin(7)).unwrap();
    sheet.write_number(1, 1, 4.0).unwrap();
    sheet.write_string(1, 2, "да").unwrap();
    let (status, stored) = upload(
        &app,
        &admin,
        &campaign,
        synaq::domain::report::upload::XLSX_MEDIA_TYPE,
        book.save_to_buffer().unwrap(),
    )
    .await;
    assert_eq!(
        (status, stored["evaluated"].as_u64()),
        (200, Some(1)),
        "{stored}"
    );
    let (status, _) = upload(&app, &admin, &campaign, "application/pdf", b"%PDF".to_vec()).await;
    assert_eq!(status, 415);

    // Past the due date: evaluated in time stays evaluated; nothing pending is left.
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 17)); // 14 December
    let (_, list) = call(&app, &admin, "GET", &evaluations, None).await;
    let omarova = &list["applicants"][2];
    assert_eq!(omarova["status"], "evaluated", "{list}");
    assert_eq!(
        omarova["evaluation"]["rating_points"], 10,
        "the gap counts 10 under `ten`"
    );
    assert_eq!(omarova["evaluation"]["violation_points"], 0);
    assert_eq!(omarova["evaluation"]["total"], 78.0);
    assert_eq!(omarova["evaluation"]["flagged_for_commission"], false);
    assert_eq!(
        list["applicants"][0]["evaluation"]["gap_policy"]["name"], "zero",
        "a stored evaluation keeps its policy"
    );

    // The dashboard (now Monday 14 December): the report is due 21 December (p.31).
    let reports = format!("/api/v1/admin/campaigns/{campaign}/reports");
    let (status, dash) = call(&app, &admin, "GET", &reports, None).await;
    assert_eq!(status, 200, "{dash}");
    assert_eq!(dash["deadline"]["last_day"], "2026-12-21");
    assert_eq!(dash["deadline"]["clause"], "p.31");
    assert_eq!(dash["deadline"]["provisional"], false);
    assert_eq!(dash["region_not_given"], 1);
    let regions = dash["regions"].as_array().unwrap();
    let slugs: Vec<&str> = regions
        .iter()
        .map(|r| r["region"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["karaganda", "astana", "almaty", "none"]);
    assert_eq!(
        (
            &regions[0]["people"],
            &regions[0]["scored"],
            &regions[0]["voided"],
            &regions[0]["not_finished"]
        ),
        (&json!(7), &json!(5), &json!(1), &json!(1))
    );
    assert_eq!(regions[0]["status"], "due");
    assert_eq!(
        regions[3]["status"],
        Value::Null,
        "no LEB receives the rows without a region"
    );

    let sent = |region: &str| format!("{reports}/appendix2/{region}/sent");
    let (status, karaganda) = call(&app, &admin, "POST", &sent("karaganda"), None).await;
    assert_eq!(
        (status, karaganda["status"].as_str()),
        (200, Some("sent")),
        "{karaganda}"
    );
    let (status, again) = call(&app, &admin, "POST", &sent("karaganda"), None).await;
    assert_eq!(status, 409, "{again}");
    assert!(
        again["error"]["message"]
            .as_str()
            .unwrap()
            .contains("already marked as sent at 2026-12-14 12:00 Asia/Almaty"),
        "{again}"
    );
    assert_eq!(call(&app, &admin, "POST", &sent("none"), None).await.0, 409);
    assert_eq!(
        call(&app, &admin, "POST", &sent("atlantis"), None).await.0,
        404
    );

    // Tuesday 22 December in Almaty: Almaty's report is overdue, then sent late.
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 8));
    let (_, dash) = call(&app, &admin, "GET", &reports, None).await;
    assert_eq!(dash["regions"][0]["status"], "sent");
    assert_eq!(dash["regions"][2]["region"], "almaty");
    assert_eq!(dash["regions"][2]["status"], "overdue");
    let (_, almaty) = call(&app, &admin, "POST", &sent("almaty"), None).await;
    assert_eq!(almaty["status"], "sent_late", "{almaty}");
    let actions: Vec<String> = sqlx::query_scalar("SELECT action FROM audit_entry ORDER BY seq")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    for action in ["evaluation.enter", "evaluation.policy", "report.sent"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} audited: {actions:?}"
        );
    }
    assert_eq!(actions.iter().filter(|a| *a == "report.sent").count(), 2);

    // Appendix 2 of Karaganda as XLSX: opened with calamine, every cell checked.
    let appendix2 = format!("{reports}/appendix2");
    let (status, ct, cd, bytes) = download(
        &app,
        &admin,
        &format!("{appendix2}?region=karaganda&format=xlsx"),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(ct, synaq::domain::report::upload::XLSX_MEDIA_TYPE);
    assert_eq!(
        cd,
        format!("attachment; filename=\"appendix2-{campaign}-karaganda.xlsx\"")
    );
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    let text = |r: u32, c: u32| match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => format!("#{f}"),
        Some(Data::Empty) | None => String::new(),
        other => panic!("({r}, {c}): {other:?}"),
    };
    assert_eq!(text(0, 0), synaq::domain::report::APPENDIX2_TITLE_KK);
    assert_eq!(text(1, 0), synaq::domain::report::APPENDIX2_TITLE_RU);
    assert!(text(2, 0).contains("Аттестация декабрь"));
    assert!(text(3, 0).contains("Карагандинская область"));
    assert_eq!(text(5, 3), "Ф.И.О. (при наличии)");
    let rows: Vec<Vec<String>> = (6..13)
        .map(|r| (0..8).map(|c| text(r, c)).collect())
        .collect();
    assert_eq!(text(13, 0), "", "seven people of Karaganda: {rows:?}");
    assert_eq!(
        rows[0],
        [
            "#1",
            "Карагандинская область",
            "Отдел занятости 0",
            FORMULA,
            "Специалист по содействию занятости",
            "подтверждение соответствия занимаемой должности",
            "#72",
            "соответствует занимаемой должности"
        ]
    );
    assert_eq!(
        rows[1][7],
        "соответствует заявленной квалификационной категории"
    );
    assert_eq!(
        (
            rows[3][3].as_str(),
            rows[3][6].as_str(),
            rows[3][7].as_str()
        ),
        ("Гани Асель", "", synaq::domain::report::VOIDED_RU)
    );
    assert_eq!(
        (rows[4][3].as_str(), rows[4][7].as_str()),
        ("Досов Марат", synaq::domain::report::NOT_FINISHED_RU)
    );
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell is a formula"
    );

    // The same as CSV: the formula-looking name is defused; another region has its own rows.
    let (status, ct, cd, bytes) = download(
        &app,
        &admin,
        &format!("{appendix2}?region=karaganda&format=csv"),
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(cd.ends_with("karaganda.csv\""), "{cd}");
    let csv = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .collect();
    assert_eq!(lines.len(), 8, "{csv}");
    assert!(
        lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{}",
        lines[1]
    );
    assert!(
        lines[4].contains(synaq::domain::report::VOIDED_RU),
        "{}",
        lines[4]
    );
    let (_, _, _, bytes) = download(
        &app,
        &admin,
        &format!("{appendix2}?region=almaty&format=csv"),
    )
    .await;
    let csv = String::from_utf8(bytes).unwrap();
    assert_eq!(csv.trim_end().split("\r\n").count(), 2, "{csv}");
    assert!(
        csv.contains("Ким Ольга") && csv.contains("Город Алматы"),
        "{csv}"
    );
    let (_, _, _, bytes) =
        download(&app, &admin, &format!("{appendix2}?region=none&format=csv")).await;
    assert!(String::from_utf8(bytes).unwrap().contains("Нуров Али"));
    for query in ["region=atlantis", "", "region=almaty&format=pdf"] {
        let (status, ..) = download(&app, &admin, &format!("{appendix2}?{query}")).await;
        assert_eq!(status, 400, "{query}");
    }

    // Appendix 5: the category and its date, or the fitness and its date; no voided row.
    let (status, _, cd, bytes) = download(
        &app,
        &admin,
        &format!("{reports}/appendix5?region=karaganda&format=csv"),
    )
    .await;
    assert_eq!(status, 200);
    assert!(cd.contains("appendix5-"), "{cd}");
    let csv = String::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = csv
        .trim_start_matches('\u{feff}')
        .trim_end()
        .split("\r\n")
        .collect();
    assert_eq!(lines.len(), 6, "five scored in Karaganda: {csv}");
    assert!(
        !csv.contains("Гани Асель") && !csv.contains("Досов Марат"),
        "{csv}"
    );
    let bekova = lines.iter().find(|l| l.contains("Бекова Дана")).unwrap();
    assert!(
        bekova.ends_with(",высшее,Жұмыспен қамтуға жәрдемдесу жөніндегі маман / Специалист по содействию занятости,кейс-менеджер / кейс-менеджер,2026-11-27,,"),
        "{bekova}"
    );
    let pak = lines.iter().find(|l| l.contains("Пак Игорь")).unwrap();
    assert!(
        pak.ends_with(
            ",,,атқаратын лауазымына сәйкес келеді / соответствует занимаемой должности,2026-11-27"
        ),
        "{pak}"
    );
}

on_both_stacks!(
    evaluations_and_reports_with_the_test_clock,
    evaluations_and_reports
);

async fn a_deadline_in_2027_is_provisional(app: TestApp) {
    let admin = app.token("admin").await;
    let campaign = new_campaign(&app, &admin, "2027-01-11", "2027-01-15").await;
    let (status, dash) = call(
        &app,
        &admin,
        "GET",
        &format!("/api/v1/admin/campaigns/{campaign}/reports"),
        None,
    )
    .await;
    assert_eq!(status, 200, "{dash}");
    assert_eq!(dash["deadline"]["last_day"], "2027-01-22");
    assert_eq!(dash["deadline"]["provisional"], true);
    assert_eq!(dash["deadline"]["provisional_years"], json!([2027]));
    assert_eq!(dash["regions"], json!([]));
    let (status, list) = call(
        &app,
        &admin,
        "GET",
        &format!("/api/v1/admin/campaigns/{campaign}/evaluations"),
        None,
    )
    .await;
    assert_eq!(
        (status, list["due"].as_str()),
        (200, Some("2027-01-17")),
        "{list}"
    );
    let (status, _) = call(
        &app,
        &admin,
        "GET",
        "/api/v1/admin/campaigns/nope/reports",
        None,
    )
    .await;
    assert_eq!(status, 404);
}

on_both_stacks!(
    a_report_deadline_in_2027_is_provisional,
    a_deadline_in_2027_is_provisional
);
