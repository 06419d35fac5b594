//! store::paper, store::token and the schema, on SQLite and PostgreSQL.

use std::collections::BTreeSet;

use synaq::domain::bank::Lang;
use synaq::domain::paper::{self, Blueprint, PaperRequest, Seed};
use synaq::domain::synth::synthetic_bank;
use synaq::store;

use crate::on_both_engines;

on_both_engines!(
    a_stored_paper_comes_back_whole_and_regenerates,
    |db| async move {
        let bank = synthetic_bank(400);
        let version = store::bank::import(
            &db,
            &bank,
            "a",
            &synaq::domain::audit::Actor::Cli,
            jiff::Timestamp::now(),
            |_| {},
        )
        .await
        .unwrap()
        .version;
        let profile = synaq::domain::profile::for_position(
            "tmc_director",
            None,
            jiff::civil::date(2026, 12, 1),
        )
        .unwrap();
        let blueprint = Blueprint::default();
        let exclusions: BTreeSet<String> = ["SL-0000000".to_owned()].into();
        let drawn = paper::assemble(&PaperRequest {
            bank: &bank,
            blueprint: &blueprint,
            profile: &profile,
            lang: Lang::Kk,
            seed: Seed::generate(),
            exclusions: &exclusions,
        })
        .unwrap();
        let new = store::paper::NewPaper {
            bank_version: &version,
            profile: &profile,
            blueprint: &blueprint,
            exclusions: &exclusions,
            paper: &drawn,
        };
        let id = store::paper::insert(
            &db,
            new,
            &synaq::domain::audit::Actor::Cli,
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
        let stored = store::paper::get(&db, &id).await.unwrap();
        assert_eq!(stored.paper, drawn);
        assert_eq!(stored.profile, profile);
        assert_eq!(stored.exclusions, exclusions);
        assert_eq!(stored.bank_version, version);
        let again = paper::assemble(&PaperRequest {
            bank: &store::bank::load(&db, &version).await.unwrap(),
            blueprint: &stored.blueprint,
            profile: &stored.profile,
            lang: stored.paper.lang,
            seed: stored.paper.seed,
            exclusions: &stored.exclusions,
        })
        .unwrap();
        assert_eq!(again, drawn);
        assert!(matches!(
            store::paper::get(&db, "nope").await,
            Err(store::Error::NotFound(_))
        ));
    }
);

on_both_engines!(tokens_authenticate_by_digest_only, |db| async move {
    let token = store::token::issue(
        &db,
        synaq::domain::role::Role::Author,
        "aigerim",
        &synaq::domain::audit::Actor::Cli,
        jiff::Timestamp::now(),
    )
    .await
    .unwrap();
    let holder = store::token::authenticate(&db, &token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (holder.role.as_str(), holder.name.as_str()),
        ("author", "aigerim")
    );
    assert_eq!(
        store::token::authenticate(&db, "synaq_forged")
            .await
            .unwrap(),
        None
    );
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_token")
        .fetch_all(db.pool())
        .await
        .unwrap();
    assert!(!stored.contains(&token), "the token itself is never stored");
});

// The one migrations folder yields the same tables and columns on both engines.
on_both_engines!(
    schema_has_the_same_tables_and_columns_on_every_engine,
    |db| async move {
        let sql = match db.engine() {
            store::Engine::Sqlite => {
                "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx_%' \
             ORDER BY 1"
            }
            store::Engine::Postgres => {
                "SELECT table_name || '.' || column_name FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx_%' ORDER BY 1"
            }
        };
        let mut columns: Vec<String> = sqlx::query_scalar(sql).fetch_all(db.pool()).await.unwrap();
        columns.sort();
        let expected = include_str!("schema_columns.txt")
            .lines()
            .map(str::to_owned)
            .collect::<Vec<_>>();
        assert_eq!(columns, expected);
    }
);

/// The answer writer refuses what arrives at or after the deadline, or for a session not in
/// progress, and saves the rest in the same batch.
async fn writer_refuses_late_and_closed_sessions(db: synaq::store::Db) {
    use synaq::store::answers::{Save, Saved, Value, Writer};
    let app = crate::common::spawn_node(
        db.clone(),
        std::sync::Arc::new(synaq::live::memory::MemoryState::new("w")),
        std::sync::Arc::new(synaq::live::ManualClock::new(crate::common::start_time())),
    )
    .await;
    let (_, codes) = crate::exam_support::campaign(&app, 2).await;
    crate::exam_support::start(&app, &codes[0].0).await;
    let deadline = store::exam::get(&db, &codes[0].1)
        .await
        .unwrap()
        .deadline
        .unwrap();
    let writer = Writer::spawn(db.clone(), "w".into()).unwrap();
    let save = |session: &str, seq, at_ms| Save {
        session_id: session.to_owned(),
        seq,
        q: 1,
        value: Value::Answer { choice: vec![] },
        at_ms,
    };
    assert_eq!(
        writer
            .save(save(&codes[0].1, 1, deadline - 1))
            .await
            .unwrap(),
        Saved::Durable
    );
    assert_eq!(
        writer.save(save(&codes[0].1, 2, deadline)).await.unwrap(),
        Saved::TimeUp
    );
    assert!(matches!(
        writer
            .save(save(&codes[1].1, 1, deadline - 1))
            .await
            .unwrap(),
        Saved::NotInProgress(_)
    ));
    let journal = store::exam::journal(&db, &codes[0].1).await.unwrap();
    assert_eq!(journal.iter().map(|j| j.seq).collect::<Vec<_>>(), vec![1]);
    assert!(
        store::exam::journal(&db, &codes[1].1)
            .await
            .unwrap()
            .is_empty()
    );
}

on_both_engines!(answer_writer_refuses_late_saves, |db| {
    writer_refuses_late_and_closed_sessions(db)
});

/// Saves that arrive together share batches: a replayed seq keeps its first copy in the
/// journal, each question's current answer is its newest seq's whatever the order, flags keep
/// their half of the row, a save for a session that does not exist is refused without taking
/// its batch down, and the audit chain covers every batch and still verifies.
async fn writer_batches_keep_first_copies_and_newest_answers(db: synaq::store::Db) {
    use synaq::store::answers::{Save, Saved, Value, Writer};
    let app = crate::common::spawn_node(
        db.clone(),
        std::sync::Arc::new(synaq::live::memory::MemoryState::new("w")),
        std::sync::Arc::new(synaq::live::ManualClock::new(crate::common::start_time())),
    )
    .await;
    let (_, codes) = crate::exam_support::campaign(&app, 1).await;
    crate::exam_support::start(&app, &codes[0].0).await;
    let session = codes[0].1.clone();
    let deadline = store::exam::get(&db, &session)
        .await
        .unwrap()
        .deadline
        .unwrap();
    let before = store::audit::entries_after(&db, 0, 100_000)
        .await
        .unwrap()
        .len();
    let writer = Writer::spawn(db.clone(), "w".into()).unwrap();
    let answer = |seq: i64, q: i64, pick: &str| Save {
        session_id: session.clone(),
        seq,
        q,
        value: Value::Answer {
            choice: vec![pick.to_owned()],
        },
        at_ms: deadline - 1000,
    };
    // Seqs 1..=60 over questions 1..=6, newest last; then seq 7 replayed with another value,
    // flags on questions 1 and 2 (seqs 61, 62), and a stranger.
    let mut saves: Vec<Save> = (1..=60)
        .map(|seq| answer(seq, (seq - 1) % 6 + 1, &format!("o{seq}")))
        .collect();
    saves.push(answer(7, 1, "replayed"));
    for (seq, q) in [(61, 1), (62, 2)] {
        saves.push(Save {
            value: Value::Flag { flagged: true },
            ..answer(seq, q, "")
        });
    }
    saves.push(Save {
        session_id: "no-such-session".into(),
        ..answer(1, 1, "x")
    });
    // Newest first, so that order alone would leave the oldest seq in place.
    saves.reverse();
    let outcomes = futures_util::future::join_all(saves.into_iter().map(|s| {
        let writer = writer.clone();
        async move { (s.session_id.clone(), writer.save(s).await.unwrap()) }
    }))
    .await;
    for (who, saved) in &outcomes {
        if who == "no-such-session" {
            assert!(matches!(saved, Saved::NotInProgress(_)), "{saved:?}");
        } else {
            assert_eq!(*saved, Saved::Durable);
        }
    }
    let journal = store::exam::journal(&db, &session).await.unwrap();
    assert_eq!(journal.len(), 62, "one row per seq");
    let seven = journal.iter().find(|j| j.seq == 7).unwrap();
    // The replay reached the writer first (the list is sent newest first): its copy stays.
    assert_eq!(
        seven.value,
        Value::Answer {
            choice: vec!["replayed".into()]
        }
    );
    let current = store::exam::answers(&db, &session).await.unwrap();
    assert_eq!(current.len(), 6);
    for row in &current {
        let newest = 54 + row.q; // the last round: seqs 55..=60
        assert_eq!(
            (row.seq, row.choice.clone()),
            (newest, vec![format!("o{newest}")]),
            "{row:?}"
        );
        assert_eq!(row.flagged, row.q <= 2, "{row:?}");
    }
    let entries = store::audit::entries_after(&db, 0, 100_000).await.unwrap();
    let batches = entries[before..]
        .iter()
        .filter(|e| e.record.action == "answers.save")
        .count();
    assert!((1..=63).contains(&batches), "{batches} batches");
    assert!(matches!(
        store::audit::verify(&db).await.unwrap(),
        store::audit::Verdict::Intact { .. }
    ));
}

on_both_engines!(answer_writer_shares_batches, |db| {
    writer_batches_keep_first_copies_and_newest_answers(db)
});
