//! Tests of Appendix 1-2 scoring, the rating gap per policy, and the p.28-1 due date.

use super::*;
use jiff::civil::date;

fn pct(x: f64) -> Percent {
    Percent::new(x).unwrap()
}

fn rating(x: f64) -> Rating {
    Rating::new(x).unwrap()
}

#[test]
fn full_marks_give_100_points_appendix_1_2() {
    let e = evaluate(pct(100.0), rating(5.0), 0, GapPolicy::Zero).unwrap();
    assert_eq!(
        (e.testing_points, e.rating_points, e.violation_points),
        (80.0, 10, 10)
    );
    assert_eq!(e.total, 100.0);
}

#[test]
fn testing_points_are_percent_times_0_8() {
    for (score, points) in [
        (70.0, 56.0),
        (85.0, 68.0),
        (84.0, 67.2),
        (72.5, 58.0),
        (99.0, 79.2),
    ] {
        let e = evaluate(pct(score), rating(3.0), 1, GapPolicy::Zero).unwrap();
        assert_eq!(e.testing_points, points, "{score}");
        assert_eq!(e.total, points, "{score}");
    }
}

#[test]
fn rating_above_4_gives_10_and_3_9_or_below_gives_0() {
    for (r, points) in [
        (4.01, 10),
        (4.5, 10),
        (5.0, 10),
        (3.9, 0),
        (3.0, 0),
        (0.0, 0),
    ] {
        for policy in [GapPolicy::Zero, GapPolicy::Ten] {
            let e = evaluate(pct(90.0), rating(r), 0, policy).unwrap();
            assert_eq!(e.rating_points, points, "{r} under {policy:?}");
            assert!(!e.rating_in_gap && !e.flagged_for_commission, "{r}");
        }
    }
}

#[test]
fn gap_rating_scores_zero_and_is_flagged_under_zero_policy() {
    for r in [3.91, 3.95, 4.0] {
        let e = evaluate(pct(90.0), rating(r), 0, GapPolicy::Zero).unwrap();
        assert_eq!(e.rating_points, 0, "{r}");
        assert!(e.rating_in_gap && e.flagged_for_commission, "{r}");
        assert_eq!(e.total, 82.0);
    }
}

#[test]
fn gap_rating_scores_ten_under_ten_policy() {
    for r in [3.91, 3.95, 4.0] {
        let e = evaluate(pct(90.0), rating(r), 0, GapPolicy::Ten).unwrap();
        assert_eq!(e.rating_points, 10, "{r}");
        assert!(e.rating_in_gap && !e.flagged_for_commission, "{r}");
        assert_eq!(e.total, 92.0);
    }
}

#[test]
fn any_violation_gives_0_and_none_gives_10() {
    assert_eq!(
        evaluate(pct(90.0), rating(4.5), 0, GapPolicy::Zero)
            .unwrap()
            .violation_points,
        10
    );
    assert_eq!(
        evaluate(pct(90.0), rating(4.5), 1, GapPolicy::Zero)
            .unwrap()
            .violation_points,
        0
    );
    assert_eq!(
        evaluate(pct(90.0), rating(4.5), 7, GapPolicy::Zero)
            .unwrap()
            .violation_points,
        0
    );
}

#[test]
fn score_below_70_is_not_admitted_p27_3() {
    for s in [0.0, 69.0, 69.5] {
        let err = evaluate(pct(s), rating(5.0), 0, GapPolicy::Zero).unwrap_err();
        assert!(
            matches!(err, RuleError::NotAdmittedToEvaluation { .. }),
            "{s}"
        );
        assert!(err.to_string().contains("p.28-1"));
    }
    assert!(evaluate(pct(70.0), rating(5.0), 0, GapPolicy::Zero).is_ok());
}

#[test]
fn evaluation_is_due_2_calendar_days_after_testing_ends_p28_1() {
    assert_eq!(
        evaluation_due(date(2025, 11, 14)).unwrap(),
        date(2025, 11, 16)
    );
    assert_eq!(
        evaluation_due(date(2025, 12, 31)).unwrap(),
        date(2026, 1, 2)
    );
    assert_ne!(
        evaluation_due(date(2025, 11, 14)).unwrap(),
        date(2025, 11, 17)
    );
}

#[test]
fn rating_and_gap_policy_parse_and_refuse_bad_input() {
    assert_eq!("4,2".parse::<Rating>().unwrap().value(), 4.2);
    assert!(matches!(
        "5.1".parse::<Rating>(),
        Err(RuleError::RatingOutOfRange { .. })
    ));
    assert!(matches!(
        "good".parse::<Rating>(),
        Err(RuleError::NotANumber { .. })
    ));
    assert_eq!("TEN".parse::<GapPolicy>().unwrap(), GapPolicy::Ten);
    assert_eq!("zero".parse::<GapPolicy>().unwrap(), GapPolicy::Zero);
    assert!(matches!(
        "half".parse::<GapPolicy>(),
        Err(RuleError::UnknownGapPolicy { .. })
    ));
}
