//! Named constraints become `store::Error::Conflict` on both engines; other writes succeed.

use synaq::store;

use crate::on_both_engines;

on_both_engines!(
    a_taken_username_is_a_conflict_naming_its_constraint,
    |db| async move {
        let at = jiff::Timestamp::now();
        store::account::create_user(
            &db,
            "aigerim",
            "Aigerim",
            synaq::domain::role::Role::Admin,
            "a long passphrase 1",
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .unwrap();
        store::account::create_user(
            &db,
            "dana",
            "Dana",
            synaq::domain::role::Role::Admin,
            "a long passphrase 2",
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .expect("another username is no conflict");
        let err = store::account::create_user(
            &db,
            "aigerim",
            "Other",
            synaq::domain::role::Role::Admin,
            "a long passphrase 3",
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .unwrap_err();
        let store::Error::Conflict {
            constraint,
            message,
        } = &err
        else {
            panic!("expected a conflict, got {err:?}");
        };
        assert_eq!(*constraint, "staff_user_username_unique");
        assert!(message.contains("aigerim"), "{message}");
    }
);

on_both_engines!(
    an_iin_already_on_the_roster_is_a_conflict,
    |db| async move {
        let at = jiff::Timestamp::now();
        let version = store::bank::import(
            &db,
            &synaq::sample::bank(),
            "sample",
            &synaq::domain::audit::Actor::Cli,
            at,
            |_| {},
        )
        .await
        .unwrap()
        .version;
        let campaign = store::campaign::Campaign {
            campaign_id: synaq::id::new_id(),
            name: "Test".into(),
            bank_version: version,
            procedure: synaq::domain::rules::Procedure::Periodic,
            languages: vec![synaq::domain::bank::Lang::Kk],
            blueprint: Default::default(),
            opens_on: jiff::civil::date(2026, 11, 1),
            closes_on: jiff::civil::date(2026, 12, 31),
            duration_min: 120,
        };
        store::campaign::create(&db, &campaign, &synaq::domain::audit::Actor::Cli, at)
            .await
            .unwrap();
        let csv = |n: u32| {
            format!(
                "iin,name,position,organization,procedure\n{},Кандидат,tmc_employment_specialist,ЦТМ,periodic\n",
                crate::exam_support::iin(n)
            )
        };
        let rows = |n| {
            synaq::domain::roster::parse(
                &csv(n),
                at.to_zoned_datetime(synaq::domain::calendar::almaty())
                    .date(),
            )
            .unwrap()
        };
        store::campaign::add_roster(
            &db,
            &campaign.campaign_id,
            &rows(1),
            store::campaign::RosterOrigin::QioUpload,
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .unwrap();
        store::campaign::add_roster(
            &db,
            &campaign.campaign_id,
            &rows(2),
            store::campaign::RosterOrigin::QioUpload,
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .expect("another IIN is no conflict");
        let err = store::campaign::add_roster(
            &db,
            &campaign.campaign_id,
            &rows(1),
            store::campaign::RosterOrigin::QioUpload,
            &synaq::domain::audit::Actor::Cli,
            at,
        )
        .await
        .unwrap_err();
        assert!(
            matches!(
                err,
                store::Error::Conflict {
                    constraint: "roster_entry_iin_unique",
                    ..
                }
            ),
            "{err:?}"
        );
    }
);
