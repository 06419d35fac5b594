//! The embedded sample bank (question-bank/sample/), imported into an empty database so that
//! `cargo run --release` gives a working server with nothing else to install.

use crate::domain::audit::{Actor, Task};
use crate::domain::bank::{self, Bank, ImportOptions, SourceFile};
use crate::domain::role::Role;
use crate::domain::rules::Procedure;
use crate::store::{self, Db};

/// The sample bank's files, compiled into the binary.
pub const FILES: [(&str, &str); 2] = [
    (
        "question-bank/sample/legal.json",
        include_str!("../question-bank/sample/legal.json"),
    ),
    (
        "question-bank/sample/functional.json",
        include_str!("../question-bank/sample/functional.json"),
    ),
];

/// The sample bank, parsed and validated.
pub fn bank() -> Bank {
    let sources: Vec<SourceFile> = FILES
        .iter()
        .map(|(name, content)| SourceFile {
            name: (*name).to_owned(),
            content: (*content).to_owned(),
            format: None,
            lang: None,
        })
        .collect();
    match bank::parse_files(&sources, &ImportOptions::default()) {
        Ok(bank) => bank,
        Err(diagnostics) => {
            let list: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
            panic!("the embedded sample bank is invalid:\n{}", list.join("\n"))
        }
    }
}

/// On an empty database: imports the sample bank, issues a demo author token, creates an
/// administrator and a demo campaign with three candidates, and prints the logins (each shown
/// once). Does nothing when any bank version exists.
pub async fn bootstrap(db: &Db) -> Result<(), store::Error> {
    if store::bank::latest(db).await?.is_some() {
        return Ok(());
    }
    let now = jiff::Timestamp::now();
    let actor = &Actor::System(Task::Bootstrap);
    let outcome = store::bank::import(db, &bank(), "sample", actor, now, |_| {}).await?;
    let token = store::token::issue(db, Role::Author, "demo-author", actor, now).await?;
    let admin_password = crate::domain::secret::new_token()[..20].to_owned();
    store::account::create_user(
        db,
        "admin",
        "Demo administrator",
        Role::Admin,
        &admin_password,
        actor,
        now,
    )
    .await?;
    let today = now
        .to_zoned_datetime(crate::domain::calendar::almaty())
        .date();
    let campaign = store::campaign::Campaign {
        campaign_id: crate::id::new_id(),
        name: "Демо / Demo".to_owned(),
        bank_version: outcome.version.clone(),
        procedure: Procedure::Periodic,
        languages: vec![crate::domain::bank::Lang::Kk, crate::domain::bank::Lang::Ru],
        blueprint: crate::domain::paper::Blueprint::default(),
        opens_on: today,
        closes_on: today.saturating_add(jiff::Span::new().days(30)),
        duration_min: 120,
    };
    store::campaign::create(db, &campaign, actor, now).await?;
    let csv = format!(
        "iin,name,position,organization,procedure,current_category,claimed_category\n\
         {},Айгерім Серікқызы,tmc_employment_specialist,ЦТМ (демо),periodic,,\n\
         {},Ерлан Нұрланұлы,tmc_director,ЦТМ (демо),periodic,,\n\
         {},Мария Иванова,cc_job_placement_consultant,Карьерный центр (демо),category,карьерный консультант,кейс-менеджер\n",
        demo_iin(1),
        demo_iin(2),
        demo_iin(3)
    );
    let rows = crate::domain::roster::parse(&csv, today).expect("the demo roster is valid");
    let codes = store::campaign::add_roster(
        db,
        &campaign.campaign_id,
        &rows,
        store::campaign::RosterOrigin::QioUpload,
        actor,
        now,
    )
    .await?;
    println!(
        "empty database: imported the sample bank as version {} ({} legal + {} functional questions)",
        outcome.version, outcome.counts.legal, outcome.counts.functional
    );
    println!("demo author token (shown once): {token}");
    println!("demo administrator (shown once): username admin, password {admin_password}");
    println!("demo exam codes (shown once; open /exam and type one):");
    for code in codes {
        println!("  {}  {}", code.code, code.name);
    }
    Ok(())
}

/// A valid IIN of a person born 1990-01-0n (for the demo roster).
fn demo_iin(n: u32) -> String {
    (0..10_000u32)
        .find_map(|serial| {
            let base = format!("90010{n}3{serial:04}");
            let digits: [u8; 11] = std::array::from_fn(|i| base.as_bytes()[i] - b'0');
            crate::domain::iin::check_digit(&digits).map(|c| format!("{base}{c}"))
        })
        .expect("some serial has a check digit")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::domain::bank::Lang;
    use crate::domain::paper::{Blueprint, PaperRequest, Seed, assemble};
    use crate::domain::profile::for_position;
    use crate::domain::rules::Category;
    use crate::domain::rules::positions::POSITIONS;

    fn assembles(position: &str, claimed: Option<&str>) {
        let bank = super::bank();
        let profile = for_position(position, claimed, jiff::civil::date(2026, 12, 1)).unwrap();
        for lang in Lang::ALL {
            let paper = assemble(&PaperRequest {
                bank: &bank,
                blueprint: &Blueprint::default(),
                profile: &profile,
                lang,
                seed: Seed::from_bytes([3; 32]),
                exclusions: &BTreeSet::new(),
            })
            .unwrap_or_else(|e| panic!("{position} {claimed:?}: {e}"));
            assert_eq!(paper.items.len(), 100);
        }
    }

    #[test]
    fn the_sample_bank_gives_every_attested_position_a_full_paper_p16() {
        let attested: Vec<&str> = POSITIONS
            .iter()
            .filter(|p| p.is_attested())
            .map(|p| p.slug)
            .collect();
        assert!(attested.len() >= 18, "{attested:?}");
        for slug in attested {
            assembles(slug, None);
        }
    }

    #[test]
    fn the_sample_bank_gives_every_category_applicant_a_full_paper_p14() {
        for category in [
            Category::CareerConsultant,
            Category::CaseManager,
            Category::Mentor,
        ] {
            assembles("cc_employment_specialist", Some(category.slug()));
        }
    }

    #[test]
    fn the_sample_bank_meets_the_minimums_of_the_issue() {
        let counts = crate::store::bank::Counts::of(&super::bank());
        assert!(counts.legal >= 60 && counts.functional >= 60, "{counts:?}");
    }
}
