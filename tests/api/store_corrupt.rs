//! A stored value that does not read back as its domain type is `store::Error::Corrupt`
//! naming the table, the column and the row, on both engines; and a decision the rules cannot
//! make ends nothing and stores nothing.

use synaq::domain::audit::Actor;
use synaq::domain::exam::EndReason;
use synaq::domain::role::Role;
use synaq::store;

use crate::common::TestApp;
use crate::exam_support::{campaign, start};
use crate::{on_both_engines, on_both_stacks};

/// The message of a `Corrupt` error, or a panic naming what came instead.
fn corrupt<T: std::fmt::Debug>(result: store::Result<T>) -> String {
    match result {
        Err(store::Error::Corrupt(message)) => message,
        other => panic!("expected a corrupt error, got {other:?}"),
    }
}

async fn roster_id(db: &store::Db, session: &str) -> String {
    sqlx::query_scalar("SELECT roster_id FROM exam_session WHERE session_id = $1")
        .bind(session.to_owned())
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn tamper(db: &store::Db, sql: &str, id: &str) {
    let changed = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .bind(id.to_owned())
        .execute(db.pool())
        .await
        .unwrap()
        .rows_affected();
    assert_eq!(changed, 1, "{sql}");
}

async fn tampered_rows_are_corrupt_naming_table_column_and_row(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let session = codes[0].1.clone();
    let db = &app.db;
    let roster = roster_id(db, &session).await;

    tamper(
        db,
        "UPDATE roster_entry SET claimed_category = 'boss' WHERE roster_id = $1",
        &roster,
    )
    .await;
    let message = corrupt(store::exam::get(db, &session).await);
    assert!(
        message.contains(&format!("roster_entry.claimed_category of row {roster}"))
            && message.contains("boss"),
        "{message}"
    );

    tamper(
        db,
        "UPDATE roster_entry SET claimed_category = NULL, position = 'astronaut' WHERE roster_id = $1",
        &roster,
    )
    .await;
    let message = corrupt(store::exam::get(db, &session).await);
    assert!(
        message.contains(&format!("roster_entry.position of row {roster}"))
            && message.contains("astronaut"),
        "{message}"
    );

    tamper(
        db,
        "UPDATE roster_entry SET position = 'tmc_employment_specialist' WHERE roster_id = $1",
        &roster,
    )
    .await;
    store::exam::get(db, &session)
        .await
        .expect("the repaired row reads");
    tamper(
        db,
        "UPDATE exam_session SET status = 'paused' WHERE session_id = $1",
        &session,
    )
    .await;
    let message = corrupt(store::exam::get(db, &session).await);
    assert!(
        message.contains(&format!("exam_session.status of row {session}"))
            && message.contains("paused"),
        "{message}"
    );
    sqlx::query(
        "INSERT INTO answer_journal (session_id, seq, q, kind, value, at_ms, node) \
         VALUES ($1, 7, 1, 'erase', '[]', 0, 'n')",
    )
    .bind(session.clone())
    .execute(db.pool())
    .await
    .unwrap();
    let message = corrupt(store::exam::journal(db, &session).await);
    assert!(
        message.contains(&format!("answer_journal.kind of row {session}/7"))
            && message.contains("erase"),
        "{message}"
    );
    // Through HTTP the corrupt row is an internal error, never a guess.
    let token = app.token("admin").await;
    let shown = app
        .client
        .get(app.url(&format!("/api/v1/admin/sessions/{session}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(shown.status(), 500);
}
on_both_stacks!(
    tampered_session_rows,
    tampered_rows_are_corrupt_naming_table_column_and_row
);

on_both_engines!(a_tampered_token_role_is_corrupt, |db| async move {
    let token = store::token::issue(&db, Role::Author, "ci", &Actor::Cli, jiff::Timestamp::now())
        .await
        .unwrap();
    sqlx::query("UPDATE api_token SET role = 'root' WHERE name = 'ci'")
        .execute(db.pool())
        .await
        .unwrap();
    let message = corrupt(store::token::authenticate(&db, &token).await);
    assert!(
        message.contains("api_token.role of row ci") && message.contains("root"),
        "{message}"
    );
    assert!(!message.contains(&token), "a token never reaches a message");
});

async fn a_decision_the_rules_cannot_make_ends_nothing_and_stores_nothing(app: TestApp) {
    let (_, codes) = campaign(&app, 1).await;
    let (code, session) = codes[0].clone();
    start(&app, &code).await;
    let db = &app.db;
    let roster = roster_id(db, &session).await;
    // A position p.17 does not attest: a real position, but no rule decides its result.
    tamper(
        db,
        "UPDATE roster_entry SET position = 'tmc_lawyer' WHERE roster_id = $1",
        &roster,
    )
    .await;
    let exams = app.application.as_ref().unwrap();
    let err = exams
        .end(
            &session,
            EndReason::Submitted,
            &Actor::candidate(&session),
            false,
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("p.17"), "{err}");
    let row = store::exam::get(db, &session).await.unwrap();
    assert_eq!(row.status, synaq::domain::exam::Status::InProgress);
    assert!(
        store::result::history(db, &session)
            .await
            .unwrap()
            .is_empty()
    );
    let ends: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_entry WHERE action LIKE 'exam.end.%'")
            .fetch_one(db.pool())
            .await
            .unwrap();
    assert_eq!(ends, 0);
}
on_both_stacks!(
    undecidable_result,
    a_decision_the_rules_cannot_make_ends_nothing_and_stores_nothing
);
