//! store::audit on SQLite and PostgreSQL: appends chain, verification finds tampering.

use synaq::domain::audit::{Action, Actor, AuditRecord, GENESIS, Subject, seal};
use synaq::domain::role::Role;
use synaq::store::audit::{self, Event, Verdict};

use crate::on_both_engines;

async fn append_n(db: &synaq::store::Db, n: usize) {
    for i in 0..n {
        audit::append_retrying(
            db,
            jiff::Timestamp::now(),
            &Event {
                actor: &Actor::Cli,
                action: Action::ExamRules,
                subject: Subject::Session(format!("s{i}")),
                payload: b"{}",
            },
        )
        .await
        .unwrap();
    }
}

on_both_engines!(an_appended_chain_verifies, |db| async move {
    assert_eq!(
        audit::verify(&db).await.unwrap(),
        Verdict::Intact { entries: 0 }
    );
    append_n(&db, 5).await;
    assert_eq!(
        audit::verify(&db).await.unwrap(),
        Verdict::Intact { entries: 5 }
    );
    let entries = audit::entries_after(&db, 0, 100).await.unwrap();
    assert_eq!(
        entries.iter().map(|e| e.record.seq).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
    assert_eq!(entries[1].prev_hash, entries[0].hash);
});

on_both_engines!(a_tampered_row_is_named_by_verify, |db| async move {
    append_n(&db, 6).await;
    sqlx::query("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 4")
        .execute(db.pool())
        .await
        .unwrap();
    match audit::verify(&db).await.unwrap() {
        Verdict::Broken { verified, error } => {
            assert_eq!(verified, 3);
            assert_eq!(error.seq(), 4);
        }
        intact => panic!("tampering went unnoticed: {intact:?}"),
    }
});

on_both_engines!(a_deleted_row_is_a_gap, |db| async move {
    append_n(&db, 4).await;
    sqlx::query("DELETE FROM audit_entry WHERE seq = 2")
        .execute(db.pool())
        .await
        .unwrap();
    match audit::verify(&db).await.unwrap() {
        Verdict::Broken { error, .. } => assert_eq!(error.seq(), 3),
        intact => panic!("deletion went unnoticed: {intact:?}"),
    }
});

on_both_engines!(
    concurrent_appends_keep_one_unbroken_chain,
    |db| async move {
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { append_n(&db, 5).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(
            audit::verify(&db).await.unwrap(),
            Verdict::Intact { entries: 40 }
        );
    }
);

on_both_engines!(imports_and_tokens_are_audited, |db| async move {
    synaq::store::bank::import(
        &db,
        &synaq::domain::synth::synthetic_bank(10),
        "a",
        &Actor::Staff {
            role: Role::Author,
            username: "x".into(),
        },
        jiff::Timestamp::now(),
        |_| {},
    )
    .await
    .unwrap();
    synaq::store::token::issue(
        &db,
        synaq::domain::role::Role::Author,
        "x",
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let entries = audit::entries_after(&db, 0, 10).await.unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.record.action.as_str()).collect();
    assert_eq!(actions, vec!["bank.import", "token.issue"]);
    assert_eq!(entries[0].record.actor, "staff:author:x");
    assert!(matches!(
        entries[0].record.subject.parse::<Subject>(),
        Ok(Subject::Bank(_))
    ));
    assert_eq!(entries[1].record.actor.parse::<Actor>(), Ok(Actor::Cli));
    assert_eq!(
        entries[1].record.subject.parse::<Subject>(),
        Ok(Subject::Token("x".into()))
    );
});

// Entries written before the vocabulary existed ("admin:Алия", "candidate", "candidates")
// keep verifying, and the chain continues after them: the hash covers the stored strings.
on_both_engines!(
    a_chain_from_before_the_vocabulary_still_verifies,
    |db| async move {
        let mut prev = GENESIS;
        for (seq, actor, action, subject) in [
            (1, "cli", "bank.import", "bank_version/v1"),
            (2, "admin:Алия Серикова", "exam.extend", "exam_session/s1"),
            (3, "candidate", "exam.takeover", "exam_session/s1"),
            (4, "candidates", "answers.save", "answers/2"),
        ] {
            let (entry, hash) = seal(
                &prev,
                AuditRecord {
                    seq,
                    at_ms: 1_700_000_000_000 + seq,
                    actor: actor.into(),
                    action: action.into(),
                    subject: subject.into(),
                    payload_digest: synaq::domain::audit::payload_digest(b"{}"),
                },
            );
            prev = hash;
            sqlx::query(
                "INSERT INTO audit_entry (seq, at_ms, actor, action, subject, payload_digest,                  prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(entry.record.seq)
            .bind(entry.record.at_ms)
            .bind(&entry.record.actor)
            .bind(&entry.record.action)
            .bind(&entry.record.subject)
            .bind(&entry.record.payload_digest)
            .bind(&entry.prev_hash)
            .bind(&entry.hash)
            .execute(db.pool())
            .await
            .unwrap();
        }
        append_n(&db, 2).await;
        assert_eq!(
            audit::verify(&db).await.unwrap(),
            Verdict::Intact { entries: 6 }
        );
    }
);

// Transactions that each change something and append to the chain, many at once (as exam
// starts, submits and answer batches do), all commit: none fails on the chain's number.
on_both_engines!(
    concurrent_audited_transactions_all_commit,
    |db| async move {
        let tasks: Vec<_> = (0..16)
            .map(|i| {
                let db = db.clone();
                tokio::spawn(async move {
                    for j in 0..5 {
                        synaq::store::token::issue(
                            &db,
                            synaq::domain::role::Role::Author,
                            &format!("t{i}-{j}"),
                            &synaq::domain::audit::Actor::Cli,
                            jiff::Timestamp::now(),
                        )
                        .await
                        .expect("an audited write never fails on the chain's number");
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(
            audit::verify(&db).await.unwrap(),
            Verdict::Intact { entries: 80 }
        );
    }
);

// A whole exam — campaign, roster, rules, start, paper, end — writes only entries of the
// vocabulary, naming the candidate by session, and the chain verifies.
async fn a_whole_exam_writes_only_the_vocabulary(app: crate::common::TestApp) {
    use synaq::domain::exam::EndReason;

    let (_, codes) = crate::exam_support::campaign(&app, 1).await;
    let (code, session) = codes[0].clone();
    crate::exam_support::start(&app, &code).await;
    let candidate = Actor::candidate(&session);
    app.application
        .as_ref()
        .unwrap()
        .end(&session, EndReason::Submitted, &candidate, false)
        .await
        .unwrap();
    let entries = audit::entries_after(&app.db, 0, 1000).await.unwrap();
    let mut by_candidate = Vec::new();
    for e in &entries {
        let actor: Actor = e.record.actor.parse().unwrap();
        let action: Action = e.record.action.parse().unwrap();
        let subject: Subject = e.record.subject.parse().unwrap();
        if actor == candidate {
            by_candidate.push((action, subject));
        }
    }
    let on_session = Subject::Session(session.clone());
    assert_eq!(
        by_candidate
            .iter()
            .map(|(action, _)| *action)
            .collect::<Vec<_>>(),
        vec![
            Action::ExamRules,
            Action::PaperDraw,
            Action::ExamStart,
            Action::ExamEnd(EndReason::Submitted)
        ]
    );
    assert_eq!(by_candidate[3].1, on_session);
    assert!(matches!(by_candidate[1].1, Subject::Paper(_)));
    assert!(
        entries
            .iter()
            .any(|e| e.record.actor == "token:admin:test-admin" && e.record.action == "roster.add")
    );
    assert_eq!(
        audit::verify(&app.db).await.unwrap(),
        Verdict::Intact {
            entries: entries.len() as i64
        }
    );
}
crate::on_both_stacks!(whole_exam, a_whole_exam_writes_only_the_vocabulary);
