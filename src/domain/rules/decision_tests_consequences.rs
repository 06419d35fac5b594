//! p.27 and p.28 consequences, the p.27/p.30 conflict per policy, refusals and serde.

use super::*;

fn repeat(mut i: DecisionInput, of: Option<Procedure>) -> DecisionInput {
    i.procedure = Procedure::Reattestation;
    i.reattestation_of = of;
    i
}

// ---- the p.27/p.30 conflict, one test per policy ----

#[test]
fn p30_policy_gives_one_level_below_the_claimed_category() {
    let d = decide(&category(
        "cc_employment_specialist",
        60.0,
        Category::CaseManager,
        Category::Mentor,
    ))
    .unwrap();
    assert_eq!(d.policy, ConflictPolicy::P30);
    assert_eq!(
        d.consequences.resulting_category,
        Some(Category::CaseManager)
    );
    assert!(
        d.consequences.current_category_kept_until_expiry,
        "p.33: below claimed = current"
    );
    assert!(d.policy_changed_outcome);
    assert_eq!(d.outcome.code, OutcomeCode::FitsCategoryBelowClaimed);
}

#[test]
fn p27_policy_gives_one_level_below_the_current_category() {
    let mut i = category(
        "cc_employment_specialist",
        60.0,
        Category::CaseManager,
        Category::Mentor,
    );
    i.policy = ConflictPolicy::P27;
    let d = decide(&i).unwrap();
    assert_eq!(d.policy, ConflictPolicy::P27);
    assert_eq!(
        d.consequences.resulting_category,
        Some(Category::CareerConsultant)
    );
    assert!(!d.consequences.current_category_kept_until_expiry);
    assert!(d.policy_changed_outcome);
    assert_eq!(d.outcome.code, OutcomeCode::FitsCategoryBelowCurrent);
    assert!(d.outcome.ru.ends_with("на один уровень ниже действующей"));
    assert!(d.clauses.contains(&"p.27.1".to_string()));
}

#[test]
fn policies_agree_above_70_and_for_fitness_decisions() {
    for policy in [ConflictPolicy::P30, ConflictPolicy::P27] {
        let mut i = category(
            "cc_employment_specialist",
            70.0,
            Category::CaseManager,
            Category::Mentor,
        );
        i.policy = policy;
        assert_eq!(
            decide(&i).unwrap().consequences.resulting_category,
            Some(Category::CaseManager)
        );
        let mut i = input("tmc_director", Procedure::Periodic, 10.0);
        i.policy = policy;
        let d = decide(&i).unwrap();
        assert!(!d.policy_changed_outcome);
        assert_eq!(d.policy, policy, "the policy is recorded on every decision");
    }
}

#[test]
fn policy_parses_from_p30_and_p27() {
    assert_eq!(
        "p30".parse::<ConflictPolicy>().unwrap(),
        ConflictPolicy::P30
    );
    assert_eq!(
        "P.27".parse::<ConflictPolicy>().unwrap(),
        ConflictPolicy::P27
    );
    assert!(matches!(
        "p31".parse::<ConflictPolicy>(),
        Err(RuleError::UnknownConflictPolicy { .. })
    ));
}

// ---- p.27 ----

#[test]
fn no_category_holder_below_70_stays_without_category_p27_1_exception() {
    for policy in [ConflictPolicy::P30, ConflictPolicy::P27] {
        let mut i = category(
            "cc_job_placement_consultant",
            50.0,
            Category::NoCategory,
            Category::CareerConsultant,
        );
        i.policy = policy;
        let d = decide(&i).unwrap();
        assert_eq!(
            d.consequences.resulting_category,
            Some(Category::NoCategory)
        );
        assert!(!d.policy_changed_outcome);
        assert!(
            !d.consequences.dismissal,
            "dismissal only at re-attestation (p.28)"
        );
    }
}

#[test]
fn every_group_below_threshold_is_reattested_within_12_months_p27_2() {
    for i in [
        input("tmc_employment_specialist", Procedure::Primary, 69.0),
        input("cc_head_of_sector", Procedure::Periodic, 84.0),
        input("cc_social_work_assistant", Procedure::Periodic, 69.0),
        category(
            "cc_training_specialist",
            69.0,
            Category::Mentor,
            Category::Mentor,
        ),
    ] {
        let d = decide(&i).unwrap();
        assert_eq!(
            d.consequences.reattestation_within_months,
            Some(12),
            "{}",
            d.position
        );
        assert!(!d.consequences.dismissal);
        assert!(d.clauses.contains(&"p.27.2".to_string()));
    }
}

#[test]
fn category_applicant_below_70_is_not_admitted_to_evaluation_p27_3() {
    let d = decide(&category(
        "cc_training_specialist",
        69.0,
        Category::NoCategory,
        Category::CareerConsultant,
    ))
    .unwrap();
    assert!(!d.consequences.admitted_to_evaluation);
    let d = decide(&category(
        "cc_training_specialist",
        70.0,
        Category::NoCategory,
        Category::CareerConsultant,
    ))
    .unwrap();
    assert!(d.consequences.admitted_to_evaluation);
}

// ---- p.28 ----

#[test]
fn reattested_applicant_without_category_below_70_is_dismissed_p28_1() {
    let i = repeat(
        category(
            "cc_employment_specialist",
            69.0,
            Category::NoCategory,
            Category::CareerConsultant,
        ),
        None,
    );
    let d = decide(&i).unwrap();
    assert_eq!(d.base_procedure, Procedure::Category);
    assert!(d.consequences.dismissal);
    assert_eq!(d.consequences.resulting_category, None);
    assert_eq!(d.consequences.reattestation_within_months, None);
    assert!(d.clauses.contains(&"p.28.1".to_string()));
}

#[test]
fn reattested_category_holders_are_not_dismissed_but_drop_a_level_p28_exception() {
    for (current, claimed, p27_result) in [
        (
            Category::CareerConsultant,
            Category::CaseManager,
            Category::NoCategory,
        ),
        (
            Category::CaseManager,
            Category::Mentor,
            Category::CareerConsultant,
        ),
        (Category::Mentor, Category::Mentor, Category::CaseManager),
    ] {
        let mut i = repeat(
            category("cc_social_work_consultant", 69.0, current, claimed),
            None,
        );
        i.policy = ConflictPolicy::P27;
        let d = decide(&i).unwrap();
        assert!(!d.consequences.dismissal, "{current} is excepted by p.28.1");
        assert_eq!(
            d.consequences.resulting_category,
            Some(p27_result),
            "p.28.2"
        );
        assert!(d.clauses.contains(&"p.28.2".to_string()));
    }
}

#[test]
fn reattested_fitness_confirmers_below_threshold_are_dismissed_p28_1() {
    // First-time hire repeating the primary attestation.
    let d = decide(&repeat(
        input("cc_employment_specialist", Procedure::Primary, 69.0),
        Some(Procedure::Primary),
    ))
    .unwrap();
    assert_eq!(d.group, AttestationGroup::PrimaryEmployee);
    assert!(d.consequences.dismissal);
    // Assistant, TMC specialist, heads of units, deputy director, director.
    for (slug, score) in [
        ("cc_social_work_assistant", 69.0),
        ("tmc_labor_market_analyst", 69.0),
        ("tmc_head_of_department", 84.0),
        ("cc_head_of_sector", 84.0),
        ("tmc_deputy_director", 84.0),
        ("tmc_director", 84.0),
        ("cc_director", 84.0),
    ] {
        let d = decide(&repeat(input(slug, Procedure::Periodic, score), None)).unwrap();
        assert!(d.consequences.dismissal, "{slug}");
        assert_eq!(d.outcome.code, OutcomeCode::DoesNotFitPosition);
        assert_eq!(d.consequences.reattestation_within_months, None);
    }
}

#[test]
fn reattested_fitness_confirmers_at_threshold_are_kept() {
    for (slug, score) in [("tmc_director", 85.0), ("cc_social_work_assistant", 70.0)] {
        let d = decide(&repeat(input(slug, Procedure::Periodic, score), None)).unwrap();
        assert!(d.passed && !d.consequences.dismissal, "{slug}");
    }
}

// ---- refusals ----

#[test]
fn blocks_c_d_r_are_not_attested_p17() {
    for slug in [
        "tmc_lawyer",
        "tmc_accountant",
        "cc_clerk",
        "tmc_secretary",
        "cc_driver",
        "cc_boiler_operator",
    ] {
        for procedure in [Procedure::Primary, Procedure::Periodic, Procedure::Category] {
            let err = decide(&input(slug, procedure, 90.0)).unwrap_err();
            assert!(matches!(err, RuleError::NotAttested { .. }), "{slug}");
            assert!(err.to_string().contains("p.17"));
        }
    }
}

#[test]
fn category_procedure_is_refused_outside_career_center_specialists_p7() {
    for slug in [
        "tmc_employment_specialist",
        "cc_social_work_assistant",
        "cc_head_of_sector",
        "tmc_director",
    ] {
        let i = category(slug, 90.0, Category::NoCategory, Category::CareerConsultant);
        assert!(
            matches!(decide(&i), Err(RuleError::CategoryNotForPosition { .. })),
            "{slug}"
        );
    }
}

#[test]
fn claimed_category_on_a_fitness_decision_is_refused_p7() {
    let mut i = input("tmc_director", Procedure::Periodic, 90.0);
    i.claimed_category = Some(Category::Mentor);
    assert!(matches!(
        decide(&i),
        Err(RuleError::ClaimedCategoryNotForGroup { .. })
    ));
}

#[test]
fn category_application_needs_current_and_claimed_categories() {
    let mut i = category(
        "cc_employment_specialist",
        90.0,
        Category::NoCategory,
        Category::CareerConsultant,
    );
    i.current_category = None;
    assert_eq!(decide(&i).unwrap_err(), RuleError::CurrentCategoryMissing);
    let mut i = category(
        "cc_employment_specialist",
        90.0,
        Category::NoCategory,
        Category::CareerConsultant,
    );
    i.claimed_category = None;
    assert_eq!(decide(&i).unwrap_err(), RuleError::ClaimedCategoryMissing);
}

#[test]
fn claims_skipping_a_level_or_going_down_are_refused_p29() {
    for (current, claimed) in [
        (Category::NoCategory, Category::CaseManager),
        (Category::CareerConsultant, Category::Mentor),
        (Category::Mentor, Category::CaseManager),
        (Category::NoCategory, Category::NoCategory),
    ] {
        let i = category("cc_employment_specialist", 90.0, current, claimed);
        assert!(
            matches!(decide(&i), Err(RuleError::OutOfSequence { .. })),
            "{current}->{claimed}"
        );
    }
    let ok = category(
        "cc_employment_specialist",
        90.0,
        Category::Mentor,
        Category::Mentor,
    );
    assert!(decide(&ok).is_ok(), "confirming mentor is allowed");
}

#[test]
fn reattestation_bookkeeping_is_checked() {
    let i = repeat(
        input("tmc_director", Procedure::Periodic, 90.0),
        Some(Procedure::Reattestation),
    );
    assert_eq!(
        decide(&i).unwrap_err(),
        RuleError::ReattestationOfReattestation
    );
    let mut i = input("tmc_director", Procedure::Periodic, 90.0);
    i.reattestation_of = Some(Procedure::Primary);
    assert!(matches!(
        decide(&i),
        Err(RuleError::RepeatedProcedureWithoutReattestation { .. })
    ));
}

// ---- serde ----

#[test]
fn decision_serialises_and_reads_back() {
    let d = decide(&category(
        "cc_employment_specialist",
        69.5,
        Category::CaseManager,
        Category::Mentor,
    ))
    .unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["outcome"]["code"], "fits_category_below_claimed");
    assert_eq!(json["policy"], "p30");
    assert_eq!(json["score"], 69.5);
    assert_eq!(json["consequences"]["resulting_category"], "case_manager");
    let back: Decision = serde_json::from_value(json).unwrap();
    assert_eq!(back, d);
}
