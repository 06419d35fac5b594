//! Tests of `decide` from the law's own numbers: every p.17/p.30 row at 69/70 and 84/85,
//! every p.27/p.28 exception, both conflict policies.

use super::*;
use crate::domain::rules::positions::POSITIONS;

fn pct(x: f64) -> Percent {
    Percent::new(x).unwrap()
}

fn input(slug: &str, procedure: Procedure, score: f64) -> DecisionInput {
    DecisionInput {
        procedure,
        reattestation_of: None,
        position: Position::by_slug(slug).unwrap_or_else(|| panic!("no {slug}")),
        score: pct(score),
        current_category: None,
        claimed_category: None,
        policy: ConflictPolicy::default(),
    }
}

fn category(slug: &str, score: f64, current: Category, claimed: Category) -> DecisionInput {
    DecisionInput {
        current_category: Some(current),
        claimed_category: Some(claimed),
        ..input(slug, Procedure::Category, score)
    }
}

fn attested() -> impl Iterator<Item = &'static Position> {
    POSITIONS.iter().filter(|p| p.is_attested())
}

const MANAGEMENT: [&str; 6] = [
    "tmc_director",
    "tmc_deputy_director",
    "tmc_head_of_department",
    "tmc_head_of_department_chief_accountant",
    "cc_director",
    "cc_head_of_sector",
];

const SPECIALISTS_AND_ASSISTANT: [&str; 6] = [
    "tmc_employment_specialist",
    "tmc_training_specialist",
    "tmc_employer_relations_specialist",
    "tmc_labor_market_analyst",
    "tmc_social_work_consultant",
    "cc_social_work_assistant",
];

const CC_SPECIALISTS: [&str; 6] = [
    "cc_employment_specialist",
    "cc_career_guidance_specialist",
    "cc_job_placement_consultant",
    "cc_training_specialist",
    "cc_employer_relations_specialist",
    "cc_social_work_consultant",
];

// ---- p.17.1 / p.30.1: primary attestation, 70% ----

#[test]
fn every_attested_position_at_primary_fits_from_70_p17_1_p30_1() {
    for p in attested() {
        for (score, fits) in [
            (69.0, false),
            (69.5, false),
            (70.0, true),
            (84.0, true),
            (85.0, true),
        ] {
            let d = decide(&input(p.slug, Procedure::Primary, score)).unwrap();
            assert_eq!(d.group, AttestationGroup::PrimaryEmployee, "{}", p.slug);
            assert_eq!(d.threshold, 70);
            assert_eq!(d.passed, fits, "{} at {score}", p.slug);
            let want = if fits {
                OutcomeCode::FitsPosition
            } else {
                OutcomeCode::DoesNotFitPosition
            };
            assert_eq!(d.outcome.code, want, "{} at {score}", p.slug);
            assert!(
                d.clauses.contains(&"p.17.1".to_string())
                    && d.clauses.contains(&"p.30.1".to_string())
            );
        }
    }
}

#[test]
fn newly_hired_head_of_unit_at_70_fits_at_primary_p17_1() {
    let d = decide(&input("tmc_head_of_department", Procedure::Primary, 70.0)).unwrap();
    assert!(d.passed);
    let d = decide(&input("tmc_head_of_department", Procedure::Periodic, 70.0)).unwrap();
    assert!(!d.passed, "the same score at periodic is below 85 (p.17.3)");
}

// ---- p.17.3 / p.30.3: management, 85% ----

#[test]
fn head_of_unit_at_84_percent_does_not_fit_p17_3() {
    for slug in MANAGEMENT {
        for score in [69.0, 70.0, 84.0, 84.5, 84.99] {
            let d = decide(&input(slug, Procedure::Periodic, score)).unwrap();
            assert_eq!(d.group, AttestationGroup::Management);
            assert_eq!(d.threshold, 85);
            assert!(!d.passed, "{slug} at {score}");
            assert_eq!(d.outcome.code, OutcomeCode::DoesNotFitPosition);
            assert_eq!(d.outcome.ru, "не соответствует занимаемой должности");
            assert_eq!(d.consequences.reattestation_within_months, Some(12));
        }
    }
}

#[test]
fn director_deputy_and_heads_at_85_percent_fit_p17_3_p30_3() {
    for slug in MANAGEMENT {
        for score in [85.0, 100.0] {
            let d = decide(&input(slug, Procedure::Periodic, score)).unwrap();
            assert!(d.passed, "{slug} at {score}");
            assert_eq!(d.outcome.code, OutcomeCode::FitsPosition);
            assert_eq!(d.outcome.kk, "атқаратын лауазымына сәйкес келеді");
            assert_eq!(d.clauses, ["p.17.3", "p.30.3"]);
        }
    }
}

// ---- p.17.4 / p.30.4: TMC specialists and the career-center assistant, 70% ----

#[test]
fn tmc_specialist_and_assistant_at_69_do_not_fit_p17_4() {
    for slug in SPECIALISTS_AND_ASSISTANT {
        for score in [0.0, 69.0, 69.5, 69.99] {
            let d = decide(&input(slug, Procedure::Periodic, score)).unwrap();
            assert_eq!(d.group, AttestationGroup::SpecialistOrAssistant);
            assert!(!d.passed, "{slug} at {score}");
            assert_eq!(d.outcome.code, OutcomeCode::DoesNotFitPosition);
        }
    }
}

#[test]
fn tmc_specialist_and_assistant_at_70_fit_p17_4_p30_4() {
    for slug in SPECIALISTS_AND_ASSISTANT {
        for score in [70.0, 84.0, 85.0] {
            let d = decide(&input(slug, Procedure::Periodic, score)).unwrap();
            assert!(d.passed, "{slug} at {score}");
            assert_eq!(d.outcome.code, OutcomeCode::FitsPosition);
            assert_eq!(d.clauses, ["p.17.4", "p.30.4"]);
            assert_eq!(d.consequences.reattestation_within_months, None);
        }
    }
}

// ---- p.17.2 / p.30.2: career-center specialist applying for a category ----

#[test]
fn category_applicant_at_85_fits_the_claimed_category_p30_2() {
    for slug in CC_SPECIALISTS {
        let d = decide(&category(
            slug,
            85.0,
            Category::CareerConsultant,
            Category::CaseManager,
        ))
        .unwrap();
        assert_eq!(d.group, AttestationGroup::CategoryApplicant);
        assert_eq!(d.outcome.code, OutcomeCode::FitsClaimedCategory);
        assert_eq!(
            d.consequences.resulting_category,
            Some(Category::CaseManager)
        );
        assert!(d.consequences.admitted_to_evaluation);
        assert!(!d.consequences.current_category_kept_until_expiry);
    }
}

#[test]
fn category_applicant_at_84_fits_only_the_current_category_p30_2_p33() {
    for slug in CC_SPECIALISTS {
        for score in [70.0, 84.0, 84.5] {
            let d = decide(&category(
                slug,
                score,
                Category::CareerConsultant,
                Category::CaseManager,
            ))
            .unwrap();
            assert!(d.passed, "70 is the threshold (p.17.2)");
            assert_eq!(
                d.outcome.code,
                OutcomeCode::FitsCurrentCategory,
                "{slug} at {score}"
            );
            assert_eq!(
                d.consequences.resulting_category,
                Some(Category::CareerConsultant)
            );
            assert!(d.consequences.current_category_kept_until_expiry);
            assert!(
                d.consequences.admitted_to_evaluation,
                "p.28-1: reached the threshold"
            );
            assert_eq!(d.consequences.reattestation_within_months, None);
            assert!(d.clauses.contains(&"p.33".to_string()));
        }
    }
}

#[test]
fn category_applicant_at_69_fits_one_level_below_claimed_p30_2() {
    for slug in CC_SPECIALISTS {
        for score in [69.0, 69.5] {
            let d = decide(&category(
                slug,
                score,
                Category::CaseManager,
                Category::Mentor,
            ))
            .unwrap();
            assert!(!d.passed);
            assert_eq!(d.outcome.code, OutcomeCode::FitsCategoryBelowClaimed);
            assert_eq!(
                d.consequences.resulting_category,
                Some(Category::CaseManager)
            );
            assert!(!d.consequences.admitted_to_evaluation, "p.27.3");
            assert_eq!(
                d.consequences.reattestation_within_months,
                Some(12),
                "p.27.2"
            );
        }
    }
}

#[test]
fn sixty_nine_and_a_half_is_in_the_69_and_less_band() {
    let d = decide(&category(
        "cc_training_specialist",
        69.5,
        Category::NoCategory,
        Category::CareerConsultant,
    ))
    .unwrap();
    assert_eq!(d.outcome.code, OutcomeCode::FitsCategoryBelowClaimed);
    let d = decide(&category(
        "cc_training_specialist",
        84.5,
        Category::NoCategory,
        Category::CareerConsultant,
    ))
    .unwrap();
    assert_eq!(d.outcome.code, OutcomeCode::FitsCurrentCategory);
}

#[test]
fn periodic_career_center_specialist_confirms_current_category_p2_2() {
    let mut i = input("cc_employment_specialist", Procedure::Periodic, 85.0);
    i.current_category = Some(Category::CaseManager);
    let d = decide(&i).unwrap();
    assert_eq!(d.group, AttestationGroup::CategoryApplicant);
    assert_eq!(d.consequences.claimed_category, Some(Category::CaseManager));
    assert_eq!(
        d.consequences.resulting_category,
        Some(Category::CaseManager)
    );
    i.score = pct(69.0);
    let d = decide(&i).unwrap();
    assert_eq!(
        d.consequences.resulting_category,
        Some(Category::CareerConsultant)
    );
    assert!(
        !d.policy_changed_outcome,
        "below claimed = below current when confirming"
    );
}

#[test]
fn periodic_career_center_specialist_claiming_another_category_is_refused() {
    let mut i = input("cc_employment_specialist", Procedure::Periodic, 85.0);
    i.current_category = Some(Category::CaseManager);
    i.claimed_category = Some(Category::Mentor);
    assert!(matches!(
        decide(&i),
        Err(RuleError::ConfirmationClaimsOther { .. })
    ));
}

#[test]
fn fitness_decisions_never_admit_to_evaluation_p8_2() {
    for slug in MANAGEMENT.iter().chain(&SPECIALISTS_AND_ASSISTANT) {
        let d = decide(&input(slug, Procedure::Periodic, 100.0)).unwrap();
        assert!(!d.consequences.admitted_to_evaluation, "{slug}");
        assert_eq!(d.consequences.resulting_category, None);
    }
}

#[path = "decision_tests_consequences.rs"]
mod consequences;
