//! store::bank on SQLite and PostgreSQL.

use synaq::domain::bank::Bank;
use synaq::domain::synth::synthetic_bank;
use synaq::store::bank;

use crate::on_both_engines;

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

on_both_engines!(
    import_stores_a_version_and_reimport_is_a_noop,
    |db| async move {
        let sample = synaq::sample::bank();
        let first = bank::import(
            &db,
            &sample,
            "sample",
            &synaq::domain::audit::Actor::Cli,
            now(),
            |_| {},
        )
        .await
        .unwrap();
        assert!(first.created);
        assert_eq!(first.version, bank::version_id(&sample));
        assert_eq!(
            first.counts.legal + first.counts.functional,
            sample.questions.len() as u64
        );
        let again = bank::import(
            &db,
            &sample,
            "sample",
            &synaq::domain::audit::Actor::Cli,
            now(),
            |_| {},
        )
        .await
        .unwrap();
        assert!(!again.created);
        assert_eq!(again.version, first.version);
        assert_eq!(bank::list(&db).await.unwrap().len(), 1);
        assert_eq!(bank::load(&db, &first.version).await.unwrap(), sample);
    }
);

on_both_engines!(
    a_new_version_retires_the_questions_it_drops,
    |db| async move {
        let full = synthetic_bank(40);
        let v1 = bank::import(
            &db,
            &full,
            "lineage",
            &synaq::domain::audit::Actor::Cli,
            now(),
            |_| {},
        )
        .await
        .unwrap();
        let smaller = Bank {
            questions: full.questions[2..].to_vec(),
        };
        let v2 = bank::import(
            &db,
            &smaller,
            "lineage",
            &synaq::domain::audit::Actor::Cli,
            now(),
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(v2.parent.as_deref(), Some(v1.version.as_str()));
        let dropped: Vec<String> = full.questions[..2].iter().map(|q| q.id.clone()).collect();
        assert_eq!(v2.retired, dropped);
        let info = bank::info(&db, &v2.version).await.unwrap().unwrap();
        assert_eq!(info.retired, dropped);
        // The old version stays whole: versions are immutable.
        assert_eq!(bank::load(&db, &v1.version).await.unwrap(), full);
    }
);

on_both_engines!(
    large_banks_are_written_in_batches_with_progress,
    |db| async move {
        let big = synthetic_bank(1_234);
        let mut seen = Vec::new();
        let outcome = bank::import(
            &db,
            &big,
            "big",
            &synaq::domain::audit::Actor::Cli,
            now(),
            |n| seen.push(n),
        )
        .await
        .unwrap();
        assert_eq!(seen, vec![500, 1000, 1234]);
        assert_eq!(outcome.questions, 1234);
        assert_eq!(
            bank::load(&db, &outcome.version)
                .await
                .unwrap()
                .questions
                .len(),
            1234
        );
    }
);

on_both_engines!(versions_resolve_by_unique_prefix, |db| async move {
    let v = bank::import(
        &db,
        &synthetic_bank(10),
        "a",
        &synaq::domain::audit::Actor::Cli,
        now(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        bank::resolve(&db, &v.version[..8]).await.unwrap(),
        v.version
    );
    assert_eq!(
        bank::resolve(&db, &v.version.to_uppercase()[..8])
            .await
            .unwrap(),
        v.version
    );
    let missing = if v.version.starts_with("0000") {
        "ffff"
    } else {
        "0000"
    };
    assert!(matches!(
        bank::resolve(&db, missing).await,
        Err(synaq::store::Error::NotFound(_))
    ));
    assert!(matches!(
        bank::resolve(&db, "ab%").await,
        Err(synaq::store::Error::NotFound(_))
    ));
    assert!(matches!(
        bank::load(&db, missing).await,
        Err(synaq::store::Error::NotFound(_))
    ));
});

on_both_engines!(
    concurrent_imports_of_the_same_content_store_it_once,
    |db| async move {
        let sample = synthetic_bank(200);
        let tasks: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                let sample = sample.clone();
                tokio::spawn(async move {
                    bank::import(
                        &db,
                        &sample,
                        "race",
                        &synaq::domain::audit::Actor::Cli,
                        now(),
                        |_| {},
                    )
                    .await
                    .unwrap()
                })
            })
            .collect();
        let mut created = 0;
        for task in tasks {
            created += task.await.unwrap().created as u32;
        }
        assert_eq!(created, 1);
        assert_eq!(bank::list(&db).await.unwrap().len(), 1);
    }
);
