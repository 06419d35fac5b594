//! The embedded sample bank (question-bank/sample/), imported into an empty database so that
//! `cargo run --release` gives a working server with nothing else to install.

use crate::domain::bank::{self, Bank, ImportOptions, SourceFile};
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

/// On an empty database: imports the sample bank and issues a demo author token, printing
/// both. Does nothing when any bank version exists.
pub async fn bootstrap(db: &Db) -> Result<(), store::Error> {
    if store::bank::latest(db).await?.is_some() {
        return Ok(());
    }
    let now = jiff::Timestamp::now();
    let outcome =
        store::bank::import(db, &bank(), "sample", "system:bootstrap", now, |_| {}).await?;
    let token = store::token::issue(db, "author", "demo-author", "system:bootstrap", now).await?;
    println!(
        "empty database: imported the sample bank as version {} ({} legal + {} functional questions)",
        outcome.version, outcome.counts.legal, outcome.counts.functional
    );
    println!("demo author token (shown once): {token}");
    Ok(())
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
