//! Who may sit the test on a given date (p.4, p.5, p.6, p.10, p.14; CPD p.15, p.21).
//!
//! Owns the [`Person`] record an admin loads with the roster and [`eligibility`], which
//! lists every reason a person may not sit, with its clause, in three languages, and the
//! date from which each reason lapses. The wording of the reasons is `eligibility_reasons`'.
//! The p.4 one-year deadline and p.3 three-year cycle are `domain::calendar`'s.
//!
//! Dates: a period's `end` is its last day (inclusive); the person is back at work the
//! next day. "Not earlier than 12 months after returning to work" (p.6.3) is counted from
//! that next day.

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::RuleError;
use super::category::Category;
use super::procedure::Procedure;

pub use super::eligibility_reasons::{Reason, ReasonCode};

/// Months in the position before any attestation (p.4, p.6.1).
pub const MIN_MONTHS_IN_POSITION: i32 = 6;
/// Months after returning from maternity, child-care or adoption leave (p.6.3).
pub const MONTHS_AFTER_LEAVE: i32 = 12;
/// The least training a year's individual plan holds, in academic hours of 60 minutes
/// (CPD p.15); fewer completed hours leave the plan unfulfilled (CPD p.21).
pub const MIN_TRAINING_HOURS: f64 = 40.0;

/// Academic hours of 60 minutes (CPD p.15), finite and not negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct AcademicHours(f64);

impl AcademicHours {
    pub fn new(value: f64) -> Result<Self, RuleError> {
        if value.is_finite() && value >= 0.0 {
            Ok(AcademicHours(value + 0.0))
        } else {
            Err(RuleError::InvalidHours {
                field: "hours",
                value,
            })
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for AcademicHours {
    type Error = RuleError;
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        AcademicHours::new(value)
    }
}

impl From<AcademicHours> for f64 {
    fn from(h: AcademicHours) -> f64 {
        h.0
    }
}

/// The leaves p.6 and p.10 name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeaveKind {
    /// Pregnancy and childbirth (p.6.3).
    Maternity,
    /// Child care (p.6.3).
    ChildCare,
    /// Adoption of a newborn child (p.6.3).
    Adoption,
    /// Study leave (p.6.4).
    Study,
}

/// A span of days; `end` is the last day, `None` while it lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Date,
    #[serde(default)]
    pub end: Option<Date>,
}

impl Period {
    /// True when `day` falls within the period.
    pub fn covers(&self, day: Date) -> bool {
        self.start <= day && self.end.is_none_or(|e| day <= e)
    }

    /// The first working day after the period, if it has ended.
    pub fn back_on(&self) -> Option<Date> {
        self.end.and_then(|e| e.checked_add(1.day()).ok())
    }

    fn check(&self, field: String) -> Result<(), RuleError> {
        match self.end {
            Some(end) if end < self.start => Err(RuleError::InvalidPeriod {
                field,
                start: self.start,
                end,
            }),
            _ => Ok(()),
        }
    }
}

/// A leave of some kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leave {
    pub kind: LeaveKind,
    pub start: Date,
    #[serde(default)]
    pub end: Option<Date>,
}

impl Leave {
    pub fn period(&self) -> Period {
        Period {
            start: self.start,
            end: self.end,
        }
    }
}

/// What the roster knows about one attestee (Appendix 1 plus the p.6, p.10, p.14 facts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Day of joining the TMC or career center.
    pub hire_date: Date,
    /// Day of taking the current position: the 6 months of p.4 and p.6.1 run from it.
    pub position_start: Date,
    /// Joined a TMC or career center for the first time and has not yet passed primary
    /// attestation (p.4, p.5).
    #[serde(default)]
    pub first_time_hire: bool,
    #[serde(default)]
    pub leaves: Vec<Leave>,
    /// p.6.2.
    #[serde(default)]
    pub pregnant: bool,
    /// p.10.3.
    #[serde(default)]
    pub business_trips_abroad: Vec<Period>,
    /// Periods of incapacity for work (p.10.1).
    #[serde(default)]
    pub incapacity: Vec<Period>,
    /// Hours of this calendar year's individual plan (CPD p.15: at least 40).
    #[serde(default = "default_plan")]
    pub training_hours_planned: AcademicHours,
    /// Hours completed this calendar year on the Platform (p.14.1).
    pub training_hours_completed: AcademicHours,
    /// Categories in whose profile the person completed courses (p.14.2).
    #[serde(default)]
    pub profile_courses: Vec<Category>,
    pub procedure: Procedure,
    #[serde(default)]
    pub claimed_category: Option<Category>,
}

fn default_plan() -> AcademicHours {
    AcademicHours(MIN_TRAINING_HOURS)
}

/// The answer of [`eligibility`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    pub on: Date,
    pub eligible: bool,
    /// Every reason, in clause order; empty when eligible.
    pub reasons: Vec<Reason>,
    /// When not eligible: the first day on which every reason has lapsed, if all of them
    /// lapse on a known date; `None` when eligible or when some reason depends on an event
    /// (training completed, pregnancy, an open-ended leave).
    pub eligible_from: Option<Date>,
}

/// Checks admission of `person` to the test on the day `on`.
///
/// Refuses a malformed record (a period ending before it starts, a position taken before
/// hiring, a category application without the claimed category).
pub fn eligibility(person: &Person, on: Date) -> Result<Eligibility, RuleError> {
    validate(person)?;
    let mut reasons = Vec::new();
    let primary = person.procedure == Procedure::Primary;

    // p.4, p.6.1: six months in the position.
    let six_months = add_months(person.position_start, MIN_MONTHS_IN_POSITION)?;
    if on < six_months {
        reasons.push(Reason::under_six_months(
            primary,
            person.position_start,
            six_months,
        ));
    }
    // p.4, p.5: primary attestation is the first-time hire's, and comes first.
    if primary && !person.first_time_hire {
        reasons.push(Reason::primary_only_for_first_time_hires());
    }
    if person.first_time_hire
        && matches!(person.procedure, Procedure::Periodic | Procedure::Category)
    {
        reasons.push(Reason::primary_attestation_first());
    }
    // p.6.2.
    if person.pregnant {
        reasons.push(Reason::pregnant());
    }
    // p.6.3, p.6.4.
    for leave in &person.leaves {
        let period = leave.period();
        if leave.start > on {
            continue;
        }
        if leave.kind == LeaveKind::Study {
            if period.covers(on) {
                reasons.push(Reason::on_study_leave(period.back_on()));
            }
            continue;
        }
        let until = match period.back_on() {
            Some(back) => Some(add_months(back, MONTHS_AFTER_LEAVE)?),
            None => None,
        };
        if period.covers(on) {
            reasons.push(Reason::on_leave(leave.kind, until));
        } else if until.is_some_and(|u| on < u) {
            reasons.push(Reason::returned_recently(
                leave.kind,
                period.back_on(),
                until,
            ));
        }
    }
    // p.10.1, p.10.3: the TMC corrects the list.
    for p in person.incapacity.iter().filter(|p| p.covers(on)) {
        reasons.push(Reason::incapacity_for_work(p.back_on()));
    }
    for p in person.business_trips_abroad.iter().filter(|p| p.covers(on)) {
        reasons.push(Reason::business_trip_abroad(p.back_on()));
    }
    // p.14.1, CPD p.15, p.21.
    if person.training_hours_completed.value() < required_training_hours(person) {
        reasons.push(Reason::training_plan_not_completed(
            person.training_hours_completed.value(),
            required_training_hours(person),
        ));
    }
    // p.14.2.
    if let Some(claimed) = claims(person)?
        && !person.profile_courses.contains(&claimed)
    {
        reasons.push(Reason::profile_courses_not_completed(claimed));
    }

    let eligible = reasons.is_empty();
    let eligible_from = if eligible {
        None
    } else {
        reasons
            .iter()
            .map(|r| r.eligible_from)
            .collect::<Option<Vec<Date>>>()
            .and_then(|dates| dates.into_iter().max())
    };
    Ok(Eligibility {
        on,
        eligible,
        reasons,
        eligible_from,
    })
}

/// The hours the person must have completed: the plan, and never fewer than 40 (CPD p.15).
pub fn required_training_hours(person: &Person) -> f64 {
    person
        .training_hours_planned
        .value()
        .max(MIN_TRAINING_HOURS)
}

/// The category claimed when the procedure is a category application (p.14.2); a
/// re-attestation claims one only if it names it.
fn claims(person: &Person) -> Result<Option<Category>, RuleError> {
    match (person.procedure, person.claimed_category) {
        (Procedure::Category, None) => Err(RuleError::ClaimedCategoryMissing),
        (Procedure::Category | Procedure::Reattestation, claimed) => Ok(claimed),
        _ => Ok(None),
    }
}

fn validate(person: &Person) -> Result<(), RuleError> {
    if person.position_start < person.hire_date {
        return Err(RuleError::PositionBeforeHire {
            hire_date: person.hire_date,
            position_start: person.position_start,
        });
    }
    for (i, l) in person.leaves.iter().enumerate() {
        l.period().check(format!("leaves[{i}]"))?;
    }
    for (i, p) in person.business_trips_abroad.iter().enumerate() {
        p.check(format!("business_trips_abroad[{i}]"))?;
    }
    for (i, p) in person.incapacity.iter().enumerate() {
        p.check(format!("incapacity[{i}]"))?;
    }
    Ok(())
}

fn add_months(day: Date, months: i32) -> Result<Date, RuleError> {
    day.checked_add(months.months())
        .map_err(|_| RuleError::DateOutOfRange {
            what: "eligibility date (p.6)",
        })
}

#[cfg(test)]
#[path = "eligibility_tests.rs"]
mod tests;
