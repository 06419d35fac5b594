//! The TMC's list of attestees (p.9, Appendix 1), its corrections (p.10) and each attestee's
//! admission to testing (p.4-p.6, p.14).
//!
//! Owns the checks of a list upload beyond the roster's own cell checks (`domain::roster`
//! validates every cell): rows of another organization than the operator's, persons already
//! on the list; the reasons and periods of a correction; and how an attestee's admission
//! follows from the personnel data (`domain::personnel`) by `rules::eligibility` on the
//! campaign's first testing day. Storing all this is `store::attestee`'s.

use std::collections::HashMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::domain::personnel::Facts;
use crate::domain::roster::{Form, RosterError, RosterRow, parse_sheet};
use crate::domain::rules::eligibility::{Leave, LeaveKind, Period};
use crate::domain::rules::{Person, Reason, eligibility};
use crate::domain::sheet::Sheet;

/// Validates a list of attestees uploaded by an operator limited to `scope` (`None`: an
/// admin, every organization): every cell (`roster::parse_sheet` as [`Form::Attestees`]),
/// every row of another organization (p.9: a TMC forms its own list) and every IIN already
/// on the list (`listed`: IIN to the name stored), all errors at once in line order.
pub fn parse_list(
    sheet: &Sheet,
    today: Date,
    scope: Option<&str>,
    listed: &HashMap<String, String>,
) -> Result<Vec<RosterRow>, Vec<RosterError>> {
    let (rows, mut errors) = parse_sheet(sheet, today, Form::Attestees);
    for row in &rows {
        if let Some(scope) = scope
            && row.organization != scope
        {
            errors.push(RosterError {
                line: row.line,
                column: "organization".into(),
                message: format!(
                    "{:?} is another organization: you form the list of {scope:?} only (p.9)",
                    row.organization
                ),
            });
        }
        if let Some(name) = listed.get(&row.iin.to_string()) {
            errors.push(RosterError {
                line: row.line,
                column: "iin".into(),
                message: format!("{} ({name}) is already on this campaign's list", row.iin),
            });
        }
    }
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// Why the TMC takes a person off the list (p.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExclusionReason {
    /// Temporary incapacity for work, up to two months (p.10.1).
    Incapacity,
    /// Maternity leave (p.10.2, p.6.3).
    Maternity,
    /// Child-care leave (p.10.2, p.6.3).
    ChildCare,
    /// Leave for the adoption of a newborn child (p.10.2, p.6.3).
    Adoption,
    /// Study leave (p.10.2, p.6.4).
    StudyLeave,
    /// A business trip abroad (p.10.3).
    BusinessTripAbroad,
}

impl ExclusionReason {
    pub const ALL: [ExclusionReason; 6] = [
        ExclusionReason::Incapacity,
        ExclusionReason::Maternity,
        ExclusionReason::ChildCare,
        ExclusionReason::Adoption,
        ExclusionReason::StudyLeave,
        ExclusionReason::BusinessTripAbroad,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ExclusionReason::Incapacity => "incapacity",
            ExclusionReason::Maternity => "maternity",
            ExclusionReason::ChildCare => "child_care",
            ExclusionReason::Adoption => "adoption",
            ExclusionReason::StudyLeave => "study_leave",
            ExclusionReason::BusinessTripAbroad => "business_trip_abroad",
        }
    }

    pub fn parse(slug: &str) -> Result<ExclusionReason, String> {
        ExclusionReason::ALL
            .into_iter()
            .find(|r| r.slug() == slug)
            .ok_or_else(|| {
                format!(
                    "{slug:?} is not a reason of p.10; reasons are incapacity, maternity, child_care, adoption, study_leave, business_trip_abroad"
                )
            })
    }

    /// The clause that names the reason.
    pub fn clause(self) -> &'static str {
        match self {
            ExclusionReason::Incapacity => "p.10.1",
            ExclusionReason::BusinessTripAbroad => "p.10.3",
            _ => "p.10.2",
        }
    }

    fn leave(self) -> Option<LeaveKind> {
        match self {
            ExclusionReason::Maternity => Some(LeaveKind::Maternity),
            ExclusionReason::ChildCare => Some(LeaveKind::ChildCare),
            ExclusionReason::Adoption => Some(LeaveKind::Adoption),
            ExclusionReason::StudyLeave => Some(LeaveKind::Study),
            ExclusionReason::Incapacity | ExclusionReason::BusinessTripAbroad => None,
        }
    }
}

/// Months a period of incapacity may last to be a correction of the list (p.10.1).
pub const MAX_INCAPACITY_MONTHS: i32 = 2;

/// A correction of the list: the person is excluded for `reason` over a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub reason: ExclusionReason,
    pub from: Date,
    /// The last day; `None` while it lasts (a leave whose end is not known).
    pub until: Option<Date>,
    /// What the operator wrote (an order's number, a certificate).
    pub note: String,
}

impl Exclusion {
    /// Refuses a period that ends before it starts, and an incapacity without an end or of
    /// more than two months (p.10.1). The error names the field.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if let Some(until) = self.until
            && until < self.from
        {
            return Err((
                "until",
                format!("{until} is before the start, {}", self.from),
            ));
        }
        if self.reason == ExclusionReason::Incapacity {
            let most = self
                .from
                .checked_add(MAX_INCAPACITY_MONTHS.months())
                .map_err(|_| ("from", "out of range".to_owned()))?;
            match self.until {
                None => {
                    return Err((
                        "until",
                        "an incapacity for work needs its last day (p.10.1: up to two months)"
                            .into(),
                    ));
                }
                Some(until) if until >= most => {
                    return Err((
                        "until",
                        format!(
                            "an incapacity for work of up to two months corrects the list (p.10.1): from {} the last day is at most {}",
                            self.from,
                            most.yesterday().unwrap_or(most)
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        if self.note.chars().count() > 500 {
            return Err(("note", "at most 500 characters".into()));
        }
        Ok(())
    }

    /// The person's record with this correction's period added, so that the rules give its
    /// reason and clause (p.6, p.10).
    fn apply(&self, person: &mut Person) {
        let period = Period {
            start: self.from,
            end: self.until,
        };
        match self.reason.leave() {
            Some(kind) => person.leaves.push(Leave {
                kind,
                start: self.from,
                end: self.until,
            }),
            None if self.reason == ExclusionReason::Incapacity => person.incapacity.push(period),
            None => person.business_trips_abroad.push(period),
        }
    }
}

/// Where an attestee stands for testing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Admission {
    /// No personnel data uploaded for the person yet.
    NoData,
    /// Every condition of p.4-p.6 and p.14 holds on the first testing day.
    Admitted,
    /// Some condition fails; the reasons say which, with their clauses.
    NotAdmitted,
}

impl Admission {
    pub fn slug(self) -> &'static str {
        match self {
            Admission::NoData => "no_data",
            Admission::Admitted => "admitted",
            Admission::NotAdmitted => "not_admitted",
        }
    }

    pub fn parse(slug: &str) -> Option<Admission> {
        [
            Admission::NoData,
            Admission::Admitted,
            Admission::NotAdmitted,
        ]
        .into_iter()
        .find(|a| a.slug() == slug)
    }
}

/// The admission of the attestee `row` with the personnel data `facts` (if uploaded) and its
/// correction (if excluded), on `first_day`, the campaign's first testing day: the rules'
/// `eligibility` (p.4-p.6, p.10, p.14). A record the rules refuse (a position taken before
/// hiring, a period ending before it starts) is the upload's error.
pub fn admission(
    row: &RosterRow,
    facts: Option<&Facts>,
    exclusion: Option<&Exclusion>,
    first_day: Date,
) -> Result<(Admission, Vec<Reason>), String> {
    let Some(facts) = facts else {
        return Ok((Admission::NoData, Vec::new()));
    };
    let mut person = facts.person(row.procedure, row.claimed_category);
    if let Some(exclusion) = exclusion {
        exclusion.apply(&mut person);
    }
    let answer = eligibility(&person, first_day).map_err(|e| e.to_string())?;
    Ok(if answer.eligible {
        (Admission::Admitted, Vec::new())
    } else {
        (Admission::NotAdmitted, answer.reasons)
    })
}

#[cfg(test)]
#[path = "attestee_tests.rs"]
mod tests;
