//! The time limits of the Attestation Rules, as deadlines at the end of a day in Almaty.
//!
//! Owns: which period each clause sets ([`Rule::period`]), counting it from the triggering
//! day, and the exact closing instant. It leaves deciding what to do when a deadline is
//! missed (refuse the appeal, flag the LEB) to the callers.
//!
//! Counting convention (Civil Code of RK: a period starts on the day after the event that
//! begins it): the triggering day itself is never counted. "2 working days after the result"
//! shown on Friday 20 March 2026 ends on Friday 27 March (23, 24 and 25 March are Nauryz days
//! off). A period in months or years ends on the same-numbered day of the last month, or the
//! last day of that month when it has no such day (31 August + 6 months = 28 February). A
//! last day on a day off is not moved: the rules count calendar days for p.24 and p.28-1 and
//! months or years for p.3, p.4 and p.27.
//!
//! Closing instant: a deadline closes at the START of the day after its last day, in
//! Asia/Almaty, exclusive. An act at instant `t` is in time exactly when `t < closes_at`, so
//! the whole last day up to 23:59:59.999999999 local time counts.

use std::fmt;

use jiff::civil::Date;
use jiff::{Timestamp, ToSpan, ZonedDateTime};
use serde::{Deserialize, Serialize};

use super::{
    Calendar, CalendarError, When, add_calendar_days, end_of_almaty_day, start_of_almaty_day,
};

/// A time limit set by a clause of the Attestation Rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// p.3: attested at least once every 3 years, counted from the last attestation.
    PeriodicAttestation,
    /// p.4: primary attestation within 1 year of taking the position, not before 6 months.
    PrimaryAttestation,
    /// p.21: the appeal is filed not later than 2 working days after the result is shown.
    AppealFiling,
    /// p.24: the commission decides within 5 calendar days from the day the appeal arrives.
    CommissionDecision,
    /// p.27: re-attestation not later than 12 months after a result below the threshold.
    Reattestation,
    /// p.28-1: the professional-activity evaluation within 2 calendar days after the day the
    /// testing stage ends.
    Evaluation,
    /// p.31: the QIO reports the results to the LEB within 5 working days after testing ends.
    ReportToLeb,
    /// p.32: the LEB decides within 3 working days after receiving the results.
    LebDecision,
}

/// How long a period is, and in which unit it is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Days of the five-day week that are not holidays or days off (the calendar data).
    WorkingDays(u32),
    /// Every day counts.
    CalendarDays(u32),
    /// Calendar months.
    Months(u32),
    /// Calendar years.
    Years(u32),
}

impl Rule {
    /// Every rule, in clause order.
    pub const ALL: [Rule; 8] = [
        Rule::PeriodicAttestation,
        Rule::PrimaryAttestation,
        Rule::AppealFiling,
        Rule::CommissionDecision,
        Rule::Reattestation,
        Rule::Evaluation,
        Rule::ReportToLeb,
        Rule::LebDecision,
    ];

    /// The clause of the Attestation Rules that sets the limit.
    pub const fn clause(self) -> &'static str {
        match self {
            Rule::PeriodicAttestation => "p.3",
            Rule::PrimaryAttestation => "p.4",
            Rule::AppealFiling => "p.21",
            Rule::CommissionDecision => "p.24",
            Rule::Reattestation => "p.27",
            Rule::Evaluation => "p.28-1",
            Rule::ReportToLeb => "p.31",
            Rule::LebDecision => "p.32",
        }
    }

    /// The period the clause sets (for p.4, the latest end: within 1 year).
    pub const fn period(self) -> Period {
        match self {
            Rule::PeriodicAttestation => Period::Years(3),
            Rule::PrimaryAttestation | Rule::Reattestation => Period::Months(12),
            Rule::AppealFiling => Period::WorkingDays(2),
            Rule::CommissionDecision => Period::CalendarDays(5),
            Rule::Evaluation => Period::CalendarDays(2),
            Rule::ReportToLeb => Period::WorkingDays(5),
            Rule::LebDecision => Period::WorkingDays(3),
        }
    }

    /// The day the period is counted from, in the clause's words.
    pub const fn counted_from(self) -> &'static str {
        match self {
            Rule::PeriodicAttestation => "the last attestation",
            Rule::PrimaryAttestation => "taking the position",
            Rule::AppealFiling => "the day the result is shown",
            Rule::CommissionDecision => "the day the appeal is received",
            Rule::Reattestation => "the result below the threshold",
            Rule::Evaluation | Rule::ReportToLeb => "the day testing ends",
            Rule::LebDecision => "the day the results are received",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::WorkingDays(n) => write!(f, "{n} working days"),
            Period::CalendarDays(n) => write!(f, "{n} calendar days"),
            Period::Months(n) => write!(f, "{n} months"),
            Period::Years(n) => write!(f, "{n} years"),
        }
    }
}

/// A computed deadline: the last day on which the act is in time, and the exclusive instant
/// at which the window closes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// The rule that sets it.
    pub rule: Rule,
    /// The clause, for messages and the audit (`"p.21"`).
    pub clause: &'static str,
    /// The period counted.
    pub period: Period,
    /// The Almaty date the period is counted from (not itself counted).
    pub from: Date,
    /// The last day on which the act is in time.
    pub last_day: Date,
    /// 00:00 Asia/Almaty of the day after `last_day`: the first instant that is too late.
    pub closes_at: ZonedDateTime,
    /// The years whose working days were counted (empty for calendar days, months, years).
    pub calendar_years: Vec<i16>,
    /// Those of `calendar_years` computed from the statutory rules, their decree not yet
    /// entered or confirmed: the deadline may still move when it is.
    pub provisional_years: Vec<i16>,
    /// Whether any counted year is provisional (`!provisional_years.is_empty()`).
    pub provisional: bool,
}

impl Deadline {
    /// Whether an act at `at` is in time (strictly before [`Deadline::closes_at`]).
    pub fn is_met_by(&self, at: Timestamp) -> bool {
        at < self.closes_at.timestamp()
    }
}

/// A window with both ends: p.4's primary attestation, not before 6 months and within 1 year
/// of taking the position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Window {
    /// The rule that sets it.
    pub rule: Rule,
    /// The clause (`"p.4"`).
    pub clause: &'static str,
    /// The Almaty date the position was taken.
    pub from: Date,
    /// The first day the attestation may take place.
    pub first_day: Date,
    /// 00:00 Asia/Almaty of `first_day`: the first instant inside the window.
    pub opens_at: ZonedDateTime,
    /// The last day the attestation may take place.
    pub last_day: Date,
    /// 00:00 Asia/Almaty of the day after `last_day`: the first instant outside the window.
    pub closes_at: ZonedDateTime,
}

impl Window {
    /// Whether an attestation at `at` falls inside the window.
    pub fn contains(&self, at: Timestamp) -> bool {
        self.opens_at.timestamp() <= at && at < self.closes_at.timestamp()
    }
}

/// A deadline could not be computed; names the clause and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the {} deadline ({} after {}) cannot be computed: {source}", .rule.clause(), .rule.period(), .rule.counted_from())]
pub struct DeadlineError {
    /// The rule whose deadline was asked for.
    pub rule: Rule,
    /// The calendar problem (typically a year missing from the data).
    #[source]
    pub source: CalendarError,
}

/// The deadline of any rule counted from `from` (a date, or an instant taken as its Almaty
/// date). Only the working-day rules (p.21, p.31, p.32) consult `calendar`; it is taken by
/// every rule so that callers need not know which unit a clause counts in.
pub fn deadline(
    calendar: &Calendar,
    rule: Rule,
    from: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    let wrap = |source| DeadlineError { rule, source };
    let from = from.into().almaty_date();
    let last_day = add_period(calendar, from, rule.period()).map_err(wrap)?;
    let (calendar_years, provisional_years) = match rule.period() {
        // The days counted are those after `from` up to `last_day`.
        Period::WorkingDays(n) if n > 0 => {
            let first = from
                .tomorrow()
                .map_err(|_| wrap(CalendarError::OutOfRange(from)))?;
            (
                (first.year()..=last_day.year()).collect(),
                calendar.provisional_years(first, last_day).map_err(wrap)?,
            )
        }
        _ => (Vec::new(), Vec::new()),
    };
    Ok(Deadline {
        rule,
        clause: rule.clause(),
        period: rule.period(),
        from,
        last_day,
        closes_at: end_of_almaty_day(last_day).map_err(wrap)?,
        provisional: !provisional_years.is_empty(),
        calendar_years,
        provisional_years,
    })
}

/// p.21: the appeal must be filed not later than 2 working days after the result is shown.
pub fn appeal_filing_deadline(
    calendar: &Calendar,
    result_shown: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::AppealFiling, result_shown)
}

/// p.24: the commission's protocol within 5 calendar days from the day the appeal arrives.
pub fn commission_decision_deadline(
    calendar: &Calendar,
    received: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::CommissionDecision, received)
}

/// p.31: the QIO's report to each LEB within 5 working days after testing ends.
pub fn report_to_leb_deadline(
    calendar: &Calendar,
    testing_ended: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::ReportToLeb, testing_ended)
}

/// p.32: the LEB's decision, certificates and report within 3 working days of receiving the
/// results.
pub fn leb_decision_deadline(
    calendar: &Calendar,
    results_received: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::LebDecision, results_received)
}

/// p.28-1: the professional-activity evaluation within 2 calendar days after the day the
/// testing stage ends.
pub fn evaluation_deadline(
    calendar: &Calendar,
    testing_ended: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::Evaluation, testing_ended)
}

/// p.3: the next attestation at the latest 3 years after the last one.
pub fn periodic_attestation_deadline(
    calendar: &Calendar,
    last_attestation: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::PeriodicAttestation, last_attestation)
}

/// p.27: re-attestation not later than 12 months after the result below the threshold.
pub fn reattestation_deadline(
    calendar: &Calendar,
    result: impl Into<When>,
) -> Result<Deadline, DeadlineError> {
    deadline(calendar, Rule::Reattestation, result)
}

/// The earliest start of p.4's window: not earlier than 6 months after taking the position.
const PRIMARY_NOT_BEFORE: Period = Period::Months(6);

/// p.4: the primary attestation of a first-time hire, from 6 months after taking the position
/// (inclusive) to 1 year after it (inclusive).
pub fn primary_attestation_window(
    calendar: &Calendar,
    took_position: impl Into<When>,
) -> Result<Window, DeadlineError> {
    let rule = Rule::PrimaryAttestation;
    let wrap = |source| DeadlineError { rule, source };
    let from = took_position.into().almaty_date();
    let first_day = add_period(calendar, from, PRIMARY_NOT_BEFORE).map_err(wrap)?;
    let closing = deadline(calendar, rule, from)?;
    Ok(Window {
        rule,
        clause: rule.clause(),
        from,
        first_day,
        opens_at: start_of_almaty_day(first_day).map_err(wrap)?,
        last_day: closing.last_day,
        closes_at: closing.closes_at,
    })
}

/// The last day of `period` counted from the day after `from`.
fn add_period(calendar: &Calendar, from: Date, period: Period) -> Result<Date, CalendarError> {
    let out_of_range = |_| CalendarError::OutOfRange(from);
    match period {
        Period::WorkingDays(n) => calendar.add_working_days(from, n),
        Period::CalendarDays(n) => add_calendar_days(from, n),
        Period::Months(n) => from
            .checked_add(i64::from(n).months())
            .map_err(out_of_range),
        Period::Years(n) => from.checked_add(i64::from(n).years()).map_err(out_of_range),
    }
}
