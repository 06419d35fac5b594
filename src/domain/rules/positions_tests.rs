//! Tests of the seed-004 table and the p.17 group mapping.

use super::*;

#[test]
fn slugs_are_unique_and_prefixed_by_org() {
    for (i, p) in POSITIONS.iter().enumerate() {
        assert!(
            POSITIONS[i + 1..].iter().all(|q| q.slug != p.slug),
            "{}",
            p.slug
        );
        let prefix = match p.org {
            Org::Tmc => "tmc_",
            Org::Cc => "cc_",
        };
        assert!(p.slug.starts_with(prefix), "{}", p.slug);
        assert!(!p.name_kk.is_empty() && !p.name_ru.is_empty());
    }
}

#[test]
fn seed_004_counts_per_org_and_block() {
    let count = |org, block| {
        POSITIONS
            .iter()
            .filter(|p| p.org == org && p.block == block)
            .count()
    };
    assert_eq!(count(Org::Tmc, StaffBlock::A), 4);
    assert_eq!(count(Org::Tmc, StaffBlock::B), 5);
    assert_eq!(count(Org::Tmc, StaffBlock::C), 8);
    assert_eq!(count(Org::Tmc, StaffBlock::D), 2);
    assert_eq!(count(Org::Tmc, StaffBlock::R), 4);
    assert_eq!(count(Org::Cc, StaffBlock::A), 2);
    assert_eq!(count(Org::Cc, StaffBlock::B), 6);
    assert_eq!(count(Org::Cc, StaffBlock::C), 1);
    assert_eq!(count(Org::Cc, StaffBlock::D), 3);
    assert_eq!(count(Org::Cc, StaffBlock::R), 5);
}

#[test]
fn assistant_is_block_d_in_seed_004_but_attested_by_p17_4() {
    let a = Position::by_slug("cc_social_work_assistant").unwrap();
    assert_eq!(a.block, StaffBlock::D);
    assert!(a.is_attested());
    assert_eq!(
        attestation_group(a, Procedure::Periodic).unwrap(),
        AttestationGroup::SpecialistOrAssistant
    );
}

#[test]
fn only_blocks_a_b_and_the_assistant_are_attested() {
    for p in POSITIONS {
        let expected =
            matches!(p.block, StaffBlock::A | StaffBlock::B) || p.kind == PositionKind::Assistant;
        assert_eq!(p.is_attested(), expected, "{}", p.slug);
    }
}

#[test]
fn groups_of_p17_for_each_procedure() {
    use AttestationGroup::*;
    let g = |slug: &str, proc| attestation_group(Position::by_slug(slug).unwrap(), proc);
    assert_eq!(
        g("tmc_director", Procedure::Primary).unwrap(),
        PrimaryEmployee
    );
    assert_eq!(g("tmc_director", Procedure::Periodic).unwrap(), Management);
    assert_eq!(
        g("cc_head_of_sector", Procedure::Periodic).unwrap(),
        Management
    );
    assert_eq!(
        g(
            "tmc_head_of_department_chief_accountant",
            Procedure::Periodic
        )
        .unwrap(),
        Management
    );
    assert_eq!(
        g("tmc_labor_market_analyst", Procedure::Periodic).unwrap(),
        SpecialistOrAssistant
    );
    assert_eq!(
        g("cc_employment_specialist", Procedure::Category).unwrap(),
        CategoryApplicant
    );
    assert_eq!(
        g("cc_employment_specialist", Procedure::Periodic).unwrap(),
        CategoryApplicant
    );
    assert!(matches!(
        g("tmc_employment_specialist", Procedure::Category),
        Err(RuleError::CategoryNotForPosition { .. })
    ));
    assert!(matches!(
        g("tmc_lawyer", Procedure::Primary),
        Err(RuleError::NotAttested { .. })
    ));
    assert!(matches!(
        g("tmc_director", Procedure::Reattestation),
        Err(RuleError::UnresolvedReattestation)
    ));
}

#[test]
fn thresholds_are_70_except_management_85_p17() {
    assert_eq!(AttestationGroup::PrimaryEmployee.threshold(), 70);
    assert_eq!(AttestationGroup::CategoryApplicant.threshold(), 70);
    assert_eq!(AttestationGroup::Management.threshold(), 85);
    assert_eq!(AttestationGroup::SpecialistOrAssistant.threshold(), 70);
}

#[test]
fn shared_names_are_qualified_by_org() {
    let cc = Position::by_slug("cc_employment_specialist").unwrap();
    assert_eq!(
        cc.qualified_name_ru(),
        "Специалист по содействию занятости (карьерный центр)"
    );
    assert_eq!(
        cc.qualified_name_kk(),
        "Жұмыспен қамтуға жәрдемдесу жөніндегі маман (мансап орталығы)"
    );
    let tmc = Position::by_slug("tmc_employment_specialist").unwrap();
    assert_eq!(
        tmc.qualified_name_ru(),
        "Специалист по содействию занятости (ЦТМ)"
    );
    let analyst = Position::by_slug("tmc_labor_market_analyst").unwrap();
    assert_eq!(analyst.qualified_name_ru(), "Аналитик рынка труда");
}

#[test]
fn positions_md_slugs_are_all_present() {
    for slug in [
        "tmc_director",
        "tmc_deputy_director",
        "tmc_head_of_department",
        "tmc_head_of_department_chief_accountant",
        "tmc_employment_specialist",
        "tmc_training_specialist",
        "tmc_employer_relations_specialist",
        "tmc_labor_market_analyst",
        "tmc_social_work_consultant",
        "cc_director",
        "cc_head_of_sector",
        "cc_employment_specialist",
        "cc_career_guidance_specialist",
        "cc_job_placement_consultant",
        "cc_training_specialist",
        "cc_employer_relations_specialist",
        "cc_social_work_consultant",
        "cc_social_work_assistant",
    ] {
        assert!(
            Position::by_slug(slug).is_some_and(|p| p.is_attested()),
            "{slug}"
        );
    }
}
