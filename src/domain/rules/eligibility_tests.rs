//! Tests of admission: p.4, p.5, p.6, p.10, p.14, CPD p.15/p.21.

use super::*;
use jiff::civil::date;

fn hours(h: f64) -> AcademicHours {
    AcademicHours::new(h).unwrap()
}

/// A TMC employee in post since 2023, trained, sitting periodic attestation.
fn person() -> Person {
    Person {
        hire_date: date(2023, 1, 10),
        position_start: date(2023, 1, 10),
        first_time_hire: false,
        leaves: vec![],
        pregnant: false,
        business_trips_abroad: vec![],
        incapacity: vec![],
        training_hours_planned: hours(40.0),
        training_hours_completed: hours(40.0),
        profile_courses: vec![],
        procedure: Procedure::Periodic,
        claimed_category: None,
    }
}

fn codes(e: &Eligibility) -> Vec<ReasonCode> {
    e.reasons.iter().map(|r| r.code).collect()
}

const ON: Date = date(2025, 11, 20);

#[test]
fn trained_employee_in_post_is_eligible() {
    let e = eligibility(&person(), ON).unwrap();
    assert!(e.eligible, "{:?}", e.reasons);
    assert_eq!(e.eligible_from, None);
}

#[test]
fn under_six_months_in_position_is_not_attested_p6_1() {
    let mut p = person();
    p.position_start = date(2025, 6, 1);
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::UnderSixMonthsInPosition]);
    assert_eq!(e.reasons[0].clause, "p.6.1");
    assert_eq!(e.eligible_from, Some(date(2025, 12, 1)));
    assert!(
        eligibility(&p, date(2025, 12, 1)).unwrap().eligible,
        "exactly 6 months is enough"
    );
}

#[test]
fn first_time_hire_sits_primary_from_six_months_p4() {
    let mut p = person();
    p.first_time_hire = true;
    p.procedure = Procedure::Primary;
    p.position_start = date(2025, 8, 31);
    p.hire_date = date(2025, 8, 31);
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(e.reasons[0].clause, "p.4, p.6.1");
    // 31 August + 6 months = 28 February.
    assert_eq!(e.eligible_from, Some(date(2026, 2, 28)));
    assert!(eligibility(&p, date(2026, 2, 28)).unwrap().eligible);
}

#[test]
fn primary_is_refused_to_a_returning_employee_p4() {
    let mut p = person();
    p.procedure = Procedure::Primary;
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::PrimaryOnlyForFirstTimeHires]);
    assert_eq!(e.eligible_from, None);
}

#[test]
fn first_time_hire_cannot_apply_for_a_category_before_primary_p5() {
    let mut p = person();
    p.first_time_hire = true;
    p.procedure = Procedure::Category;
    p.claimed_category = Some(Category::CareerConsultant);
    p.profile_courses = vec![Category::CareerConsultant];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::PrimaryAttestationFirst]);
    assert!(e.reasons[0].message_kk.contains("санатсыз"));
}

#[test]
fn pregnant_employee_is_not_attested_p6_2() {
    let mut p = person();
    p.pregnant = true;
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::Pregnant]);
    assert_eq!(e.eligible_from, None);
}

#[test]
fn on_child_care_leave_eligible_12_months_after_return_p6_3() {
    let mut p = person();
    p.leaves = vec![Leave {
        kind: LeaveKind::ChildCare,
        start: date(2024, 3, 1),
        end: Some(date(2025, 12, 31)),
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::OnChildCareLeave]);
    assert_eq!(e.eligible_from, Some(date(2027, 1, 1)));
}

#[test]
fn returned_from_maternity_leave_within_12_months_is_not_attested_p6_3() {
    let mut p = person();
    p.leaves = vec![Leave {
        kind: LeaveKind::Maternity,
        start: date(2024, 9, 1),
        end: Some(date(2025, 2, 28)),
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::ReturnedFromLeaveLessThan12Months]);
    assert_eq!(e.eligible_from, Some(date(2026, 3, 1)));
    let json = serde_json::to_value(&e.reasons[0]).unwrap();
    assert_eq!(json["code"], "returned_from_leave_less_than_12_months");
    assert!(!eligibility(&p, date(2026, 2, 28)).unwrap().eligible);
    assert!(eligibility(&p, date(2026, 3, 1)).unwrap().eligible);
}

#[test]
fn open_ended_adoption_leave_has_no_eligible_date_p6_3() {
    let mut p = person();
    p.leaves = vec![Leave {
        kind: LeaveKind::Adoption,
        start: date(2025, 10, 1),
        end: None,
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::OnAdoptionLeave]);
    assert_eq!(e.eligible_from, None);
}

#[test]
fn study_leave_blocks_only_while_it_lasts_p6_4() {
    let mut p = person();
    p.leaves = vec![Leave {
        kind: LeaveKind::Study,
        start: date(2025, 11, 1),
        end: Some(date(2025, 11, 30)),
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::OnStudyLeave]);
    assert_eq!(e.eligible_from, Some(date(2025, 12, 1)));
    assert!(eligibility(&p, date(2025, 12, 1)).unwrap().eligible);
}

#[test]
fn future_leave_does_not_block_today() {
    let mut p = person();
    p.leaves = vec![Leave {
        kind: LeaveKind::Maternity,
        start: date(2026, 1, 1),
        end: None,
    }];
    assert!(eligibility(&p, ON).unwrap().eligible);
}

#[test]
fn incapacity_and_business_trip_abroad_correct_the_list_p10() {
    let mut p = person();
    p.incapacity = vec![Period {
        start: date(2025, 11, 1),
        end: Some(date(2025, 12, 10)),
    }];
    p.business_trips_abroad = vec![Period {
        start: date(2025, 11, 18),
        end: Some(date(2025, 11, 25)),
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(
        codes(&e),
        [
            ReasonCode::IncapacityForWork,
            ReasonCode::BusinessTripAbroad
        ]
    );
    assert_eq!(e.eligible_from, Some(date(2025, 12, 11)));
    assert!(eligibility(&p, date(2025, 12, 11)).unwrap().eligible);
}

#[test]
fn training_below_40_hours_is_not_admitted_p14_1() {
    let mut p = person();
    p.training_hours_completed = hours(39.5);
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::TrainingPlanNotCompleted]);
    assert!(
        e.reasons[0].message_ru.contains("39.5 из 40"),
        "{}",
        e.reasons[0].message_ru
    );
    // A plan of 20 hours still needs 40 (CPD p.15, p.21); a plan of 60 needs 60.
    p.training_hours_planned = hours(20.0);
    p.training_hours_completed = hours(20.0);
    assert!(!eligibility(&p, ON).unwrap().eligible);
    p.training_hours_planned = hours(60.0);
    p.training_hours_completed = hours(59.0);
    assert!(!eligibility(&p, ON).unwrap().eligible);
    p.training_hours_completed = hours(60.0);
    assert!(eligibility(&p, ON).unwrap().eligible);
}

#[test]
fn category_applicant_needs_profile_courses_p14_2() {
    let mut p = person();
    p.procedure = Procedure::Category;
    p.claimed_category = Some(Category::CaseManager);
    p.profile_courses = vec![Category::CareerConsultant];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(codes(&e), [ReasonCode::ProfileCoursesNotCompleted]);
    assert!(e.reasons[0].message_kk.contains("кейс-менеджер"));
    p.profile_courses.push(Category::CaseManager);
    assert!(eligibility(&p, ON).unwrap().eligible);
}

#[test]
fn category_application_without_claimed_category_is_refused() {
    let mut p = person();
    p.procedure = Procedure::Category;
    assert_eq!(
        eligibility(&p, ON).unwrap_err(),
        RuleError::ClaimedCategoryMissing
    );
}

#[test]
fn every_reason_is_given_and_the_latest_date_wins() {
    let mut p = person();
    p.position_start = date(2025, 9, 1);
    p.leaves = vec![Leave {
        kind: LeaveKind::ChildCare,
        start: date(2023, 5, 1),
        end: Some(date(2025, 8, 31)),
    }];
    let e = eligibility(&p, ON).unwrap();
    assert_eq!(
        codes(&e),
        [
            ReasonCode::UnderSixMonthsInPosition,
            ReasonCode::ReturnedFromLeaveLessThan12Months
        ]
    );
    assert_eq!(e.eligible_from, Some(date(2026, 9, 1)));
    p.pregnant = true;
    assert_eq!(
        eligibility(&p, ON).unwrap().eligible_from,
        None,
        "pregnancy has no date"
    );
}

#[test]
fn malformed_periods_name_the_field() {
    let mut p = person();
    p.incapacity = vec![Period {
        start: date(2025, 11, 10),
        end: Some(date(2025, 11, 1)),
    }];
    let err = eligibility(&p, ON).unwrap_err();
    assert!(err.to_string().starts_with("incapacity[0]"), "{err}");
    let mut p = person();
    p.position_start = date(2022, 1, 1);
    assert!(matches!(
        eligibility(&p, ON),
        Err(RuleError::PositionBeforeHire { .. })
    ));
}

#[test]
fn person_reads_from_json_with_defaults() {
    let p: Person = serde_json::from_str(
        r#"{"hire_date":"2023-01-10","position_start":"2023-01-10","training_hours_completed":41,
            "procedure":"periodic","leaves":[{"kind":"child_care","start":"2024-01-01","end":"2024-06-30"}]}"#,
    )
    .unwrap();
    assert_eq!(p.training_hours_planned.value(), 40.0);
    assert_eq!(p.leaves[0].kind, LeaveKind::ChildCare);
    assert!(serde_json::from_str::<Person>(r#"{"hire_date":"2023-01-10","bogus":1}"#).is_err());
    assert!(AcademicHours::new(-1.0).is_err());
}
