//! The professional-activity evaluation of a career-center specialist (p.8.2, p.28-1,
//! Appendix 1-2 of seed 000): up to 100 points, all computed automatically.
//!
//! Owns the three criteria, the named policy for the rating gap the law leaves, and the
//! due date. Whether a specialist reached the threshold at all is `decision`'s business; a
//! score below 70 is refused here too (p.27.3).
//!
//! **Gap.** Appendix 1-2 gives 10 points for a rating "above 4 of 5" and 0 for "3.9 or
//! below": a rating in (3.9, 4.0] fits neither row. [`GapPolicy::Zero`] (default) gives 0
//! and flags the case for the expert commission (the "Баллы экспертной комиссии" column);
//! [`GapPolicy::Ten`] reads the gap as the upper row.

use std::str::FromStr;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::RuleError;
use super::percent::Percent;

/// Points for 100% correct (Appendix 1-2, criterion 1).
pub const TESTING_MAX_POINTS: u8 = 80;
/// Points for a rating above 4 of 5 (criterion 2).
pub const RATING_POINTS: u8 = 10;
/// Points for no recorded violation or error (criterion 3).
pub const NO_VIOLATION_POINTS: u8 = 10;
/// The p.17 threshold a specialist must reach to be evaluated (p.28-1).
pub const ADMISSION_THRESHOLD: u8 = 70;
/// Calendar days after the end of the testing stage within which the evaluation is held.
pub const EVALUATION_WITHIN_DAYS: i8 = 2;
/// Below or at this rating: 0 points.
const RATING_LOW: f64 = 3.9;
/// Above this rating: 10 points.
const RATING_HIGH: f64 = 4.0;

/// The rating from service recipients over the last 12 months, out of 5.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Rating(f64);

impl Rating {
    /// Accepts a finite value in `0..=5`.
    pub fn new(value: f64) -> Result<Self, RuleError> {
        if value.is_finite() && (0.0..=5.0).contains(&value) {
            Ok(Rating(value + 0.0))
        } else {
            Err(RuleError::RatingOutOfRange { value })
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Rating {
    type Error = RuleError;
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Rating::new(value)
    }
}

impl From<Rating> for f64 {
    fn from(r: Rating) -> f64 {
        r.0
    }
}

impl FromStr for Rating {
    type Err = RuleError;

    /// Parses "4.2" or "4,2".
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let value: f64 = s
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| RuleError::NotANumber {
                input: s.to_string(),
            })?;
        Rating::new(value)
    }
}

/// How a rating in (3.9, 4.0] is scored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GapPolicy {
    /// 0 points, flagged for the expert commission (default).
    #[default]
    Zero,
    /// 10 points, as if the rating were above 4.
    Ten,
}

impl FromStr for GapPolicy {
    type Err = RuleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "zero" | "0" => Ok(GapPolicy::Zero),
            "ten" | "10" => Ok(GapPolicy::Ten),
            _ => Err(RuleError::UnknownGapPolicy {
                input: s.to_string(),
            }),
        }
    }
}

/// The result of [`evaluate`], as shown to the commission and stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub score: Percent,
    pub rating: Rating,
    pub violations: u32,
    /// Criterion 1: percent x 0.8, to two decimals.
    pub testing_points: f64,
    /// Criterion 2.
    pub rating_points: u8,
    /// Criterion 3.
    pub violation_points: u8,
    /// The sum, at most 100.
    pub total: f64,
    /// The rating is in the (3.9, 4.0] gap of Appendix 1-2.
    pub rating_in_gap: bool,
    /// The gap was scored 0 and awaits the expert commission's look.
    pub flagged_for_commission: bool,
    pub gap_policy: GapPolicy,
    pub clauses: Vec<String>,
}

/// Scores the professional-activity evaluation (Appendix 1-2).
///
/// Refuses a score below 70: such a specialist is not admitted (p.27.3, p.28-1).
pub fn evaluate(
    score: Percent,
    rating: Rating,
    violations: u32,
    gap_policy: GapPolicy,
) -> Result<Evaluation, RuleError> {
    if !score.reaches(ADMISSION_THRESHOLD) {
        return Err(RuleError::NotAdmittedToEvaluation {
            score: score.value(),
        });
    }
    // x0.8 as x8/10, so that whole scores give exact points.
    let testing_points = round2(score.value() * 8.0 / 10.0);
    let r = rating.value();
    let rating_in_gap = r > RATING_LOW && r <= RATING_HIGH;
    let counts_as_above_4 = r > RATING_HIGH || (rating_in_gap && gap_policy == GapPolicy::Ten);
    let rating_points = if counts_as_above_4 { RATING_POINTS } else { 0 };
    let violation_points = if violations == 0 {
        NO_VIOLATION_POINTS
    } else {
        0
    };
    let total = round2(testing_points + f64::from(rating_points) + f64::from(violation_points));
    Ok(Evaluation {
        score,
        rating,
        violations,
        testing_points,
        rating_points,
        violation_points,
        total,
        rating_in_gap,
        flagged_for_commission: rating_in_gap && gap_policy == GapPolicy::Zero,
        gap_policy,
        clauses: vec!["p.28-1".into(), "Appendix 1-2".into()],
    })
}

/// The last day of the evaluation: 2 calendar days after the day the testing stage ends
/// (p.28-1).
pub fn evaluation_due(testing_ended: Date) -> Result<Date, RuleError> {
    testing_ended
        .checked_add(i32::from(EVALUATION_WITHIN_DAYS).days())
        .map_err(|_| RuleError::DateOutOfRange {
            what: "evaluation due date (p.28-1)",
        })
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
#[path = "evaluation_tests.rs"]
mod tests;
