//! The next due attestation after a decision, as the personal cabinet shows it: 3 years
//! after the decision (p.3; a category's term, p.7), within 12 months after a result below
//! the threshold (re-attestation, p.27.2), or none when dismissal follows (p.28.1).
//!
//! Pure: the decision and the day it was taken are arguments. Terms in months and years run
//! to the same day of the later month, the 29th of February ending on the 28th (the civil-law
//! way of counting, as `Category::term_ends_on` and `domain::calendar` count).

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::category::CATEGORY_TERM_YEARS;
use super::{Decision, Procedure, RuleError};

/// What comes after a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NextKind {
    /// The next periodic attestation (p.3) or the end of the category's term (p.7).
    Periodic,
    /// Re-attestation after a result below the threshold (p.27.2).
    Reattestation,
    /// Below the threshold again at re-attestation: dismissal, no further attestation (p.28.1).
    Dismissal,
}

/// The next due attestation and the clause that sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextDue {
    pub kind: NextKind,
    /// The last day by which it is due (inclusive); none on dismissal.
    pub by: Option<Date>,
    /// `p.3`, `p.7`, `p.27` or `p.28`.
    pub clause: &'static str,
}

/// The next due attestation after `decision`, taken on `decided_on` (Asia/Almaty).
pub fn next_due(decision: &Decision, decided_on: Date) -> Result<NextDue, RuleError> {
    let c = &decision.consequences;
    if c.dismissal {
        // p.28.1
        return Ok(NextDue {
            kind: NextKind::Dismissal,
            by: None,
            clause: "p.28",
        });
    }
    if let Some(months) = c.reattestation_within_months {
        // p.27.2
        let by = decided_on
            .checked_add(i64::from(months).months())
            .map_err(|_| RuleError::DateOutOfRange {
                what: "re-attestation (p.27)",
            })?;
        return Ok(NextDue {
            kind: NextKind::Reattestation,
            by: Some(by),
            clause: "p.27",
        });
    }
    // p.3: at least once every 3 years; a category is assigned for 3 years (p.7).
    let by = decided_on
        .checked_add(CATEGORY_TERM_YEARS.years())
        .map_err(|_| RuleError::DateOutOfRange {
            what: "next attestation (p.3)",
        })?;
    let category = decision.base_procedure == Procedure::Category && c.resulting_category.is_some();
    Ok(NextDue {
        kind: NextKind::Periodic,
        by: Some(by),
        clause: if category { "p.7" } else { "p.3" },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::{
        Category, ConflictPolicy, DecisionInput, Percent, Position, decide,
    };

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    fn decision(
        slug: &str,
        procedure: Procedure,
        score: f64,
        categories: Option<(Category, Category)>,
    ) -> Decision {
        decide(&DecisionInput {
            procedure,
            reattestation_of: None,
            position: Position::by_slug(slug).unwrap(),
            score: Percent::new(score).unwrap(),
            current_category: categories.map(|c| c.0),
            claimed_category: categories.map(|c| c.1),
            policy: ConflictPolicy::default(),
        })
        .unwrap()
    }

    #[test]
    fn a_tmc_specialist_at_70_percent_is_due_again_3_years_later_p3() {
        let d = decision("tmc_employment_specialist", Procedure::Periodic, 70.0, None);
        let next = next_due(&d, date(2026, 12, 3)).unwrap();
        assert_eq!(
            next,
            NextDue {
                kind: NextKind::Periodic,
                by: Some(date(2029, 12, 3)),
                clause: "p.3"
            }
        );
    }

    #[test]
    fn a_director_at_85_percent_is_due_3_years_later_and_at_84_within_12_months_p3_p27() {
        let pass = decision("tmc_director", Procedure::Periodic, 85.0, None);
        assert_eq!(
            next_due(&pass, date(2026, 5, 15)).unwrap().by,
            Some(date(2029, 5, 15))
        );
        let fail = decision("tmc_director", Procedure::Periodic, 84.0, None);
        assert_eq!(
            next_due(&fail, date(2026, 5, 15)).unwrap(),
            NextDue {
                kind: NextKind::Reattestation,
                by: Some(date(2027, 5, 15)),
                clause: "p.27"
            }
        );
    }

    #[test]
    fn a_primary_attestation_at_69_percent_calls_for_reattestation_within_12_months_p27() {
        let d = decision("tmc_employment_specialist", Procedure::Primary, 69.0, None);
        let next = next_due(&d, date(2026, 3, 20)).unwrap();
        assert_eq!(next.kind, NextKind::Reattestation);
        assert_eq!(next.by, Some(date(2027, 3, 20)));
    }

    #[test]
    fn below_the_threshold_again_at_reattestation_means_dismissal_and_nothing_due_p28() {
        let d = decision(
            "tmc_employment_specialist",
            Procedure::Reattestation,
            69.0,
            None,
        );
        assert!(d.consequences.dismissal);
        assert_eq!(
            next_due(&d, date(2027, 3, 1)).unwrap(),
            NextDue {
                kind: NextKind::Dismissal,
                by: None,
                clause: "p.28"
            }
        );
    }

    #[test]
    fn a_category_holder_below_the_threshold_at_reattestation_keeps_a_lower_category_for_3_years_p28_p7()
     {
        let d = decision(
            "cc_employment_specialist",
            Procedure::Reattestation,
            60.0,
            Some((Category::CaseManager, Category::Mentor)),
        );
        assert!(!d.consequences.dismissal, "p.28.1's exception");
        let next = next_due(&d, date(2027, 1, 10)).unwrap();
        assert_eq!(next.kind, NextKind::Periodic);
        assert_eq!(next.by, Some(date(2030, 1, 10)));
        assert_eq!(next.clause, "p.7");
    }

    #[test]
    fn a_category_awarded_at_85_percent_runs_3_years_p7() {
        let d = decision(
            "cc_employment_specialist",
            Procedure::Category,
            85.0,
            Some((Category::CareerConsultant, Category::CaseManager)),
        );
        assert_eq!(
            next_due(&d, date(2026, 6, 30)).unwrap(),
            NextDue {
                kind: NextKind::Periodic,
                by: Some(date(2029, 6, 30)),
                clause: "p.7"
            }
        );
    }

    #[test]
    fn a_category_applicant_at_69_percent_is_reattested_within_12_months_p27() {
        let d = decision(
            "cc_employment_specialist",
            Procedure::Category,
            69.0,
            Some((Category::CareerConsultant, Category::CaseManager)),
        );
        let next = next_due(&d, date(2026, 6, 30)).unwrap();
        assert_eq!(next.kind, NextKind::Reattestation);
        assert_eq!(next.by, Some(date(2027, 6, 30)));
    }

    #[test]
    fn a_decision_on_a_leap_day_is_due_on_the_28th_of_february() {
        let pass = decision("tmc_employment_specialist", Procedure::Periodic, 90.0, None);
        assert_eq!(
            next_due(&pass, date(2024, 2, 29)).unwrap().by,
            Some(date(2027, 2, 28)),
            "3 years from 29 February"
        );
        let fail = decision("tmc_employment_specialist", Procedure::Periodic, 50.0, None);
        assert_eq!(
            next_due(&fail, date(2028, 2, 29)).unwrap().by,
            Some(date(2029, 2, 28)),
            "12 months from 29 February"
        );
        // Into a leap year the day stays.
        assert_eq!(
            next_due(&pass, date(2025, 2, 28)).unwrap().by,
            Some(date(2028, 2, 28))
        );
    }

    #[test]
    fn the_twelve_months_end_on_the_same_day_and_the_last_day_of_a_short_month() {
        let fail = decision("tmc_employment_specialist", Procedure::Periodic, 0.0, None);
        assert_eq!(
            next_due(&fail, date(2026, 12, 31)).unwrap().by,
            Some(date(2027, 12, 31))
        );
    }

    #[test]
    fn a_date_beyond_the_calendar_is_an_error_not_a_panic() {
        let pass = decision("tmc_employment_specialist", Procedure::Periodic, 90.0, None);
        assert!(matches!(
            next_due(&pass, date(9998, 6, 1)),
            Err(RuleError::DateOutOfRange { .. })
        ));
    }
}
