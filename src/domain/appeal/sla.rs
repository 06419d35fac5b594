//! The commission's time limit (p.24): the decision within 5 calendar days from the day the
//! appeal was received, i.e. `decide_by` is 00:00 Asia/Almaty after the fifth day; an
//! escalation when less than [`ESCALATE_WITHIN_MS`] remain; a breach once it passes, recorded
//! and counted, never hidden.

use jiff::Timestamp;
use serde::Serialize;

use super::ms_between;
use crate::domain::calendar::{Calendar, Deadline, DeadlineError, commission_decision_deadline};

/// Policy: escalate to the chair and the administrator when less than 24 hours remain.
pub const ESCALATE_WITHIN_MS: i64 = 24 * 60 * 60 * 1000;

/// p.24: the deadline of an appeal received at `received`.
pub fn decide_by(calendar: &Calendar, received: Timestamp) -> Result<Deadline, DeadlineError> {
    commission_decision_deadline(calendar, received)
}

/// Where an appeal stands against its deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SlaState {
    /// Open, 24 hours or more left.
    OnTime { left_ms: i64 },
    /// Open, less than 24 hours left: the chair and the administrator are told.
    Escalate { left_ms: i64 },
    /// Open past the deadline (p.24 breached).
    Breached { late_ms: i64 },
    /// Decided before the deadline.
    Met,
    /// Decided after it (p.24 breached).
    MetLate { late_ms: i64 },
}

impl SlaState {
    /// The state of an appeal due at `decide_by`, decided at `closed_at` (if it was), at `now`.
    pub fn at(decide_by: Timestamp, closed_at: Option<Timestamp>, now: Timestamp) -> SlaState {
        match closed_at {
            Some(closed) if closed < decide_by => SlaState::Met,
            Some(closed) => SlaState::MetLate {
                late_ms: ms_between(decide_by, closed),
            },
            None => {
                let left_ms = ms_between(now, decide_by);
                if left_ms <= 0 {
                    SlaState::Breached { late_ms: -left_ms }
                } else if left_ms < ESCALATE_WITHIN_MS {
                    SlaState::Escalate { left_ms }
                } else {
                    SlaState::OnTime { left_ms }
                }
            }
        }
    }

    pub fn is_breach(self) -> bool {
        matches!(self, SlaState::Breached { .. } | SlaState::MetLate { .. })
    }
}

/// SLA compliance of a campaign's appeals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Compliance {
    pub met: usize,
    pub met_late: usize,
    pub open_on_time: usize,
    pub open_escalated: usize,
    pub open_breached: usize,
    /// Share of the appeals whose deadline has been settled (decided, or passed) that were
    /// decided in time, in percent; None when none is settled yet.
    pub percent: Option<f64>,
}

/// Compliance over `states`.
pub fn compliance(states: &[SlaState]) -> Compliance {
    let count = |f: fn(&SlaState) -> bool| states.iter().filter(|s| f(s)).count();
    let met = count(|s| matches!(s, SlaState::Met));
    let met_late = count(|s| matches!(s, SlaState::MetLate { .. }));
    let open_breached = count(|s| matches!(s, SlaState::Breached { .. }));
    let settled = met + met_late + open_breached;
    Compliance {
        met,
        met_late,
        open_on_time: count(|s| matches!(s, SlaState::OnTime { .. })),
        open_escalated: count(|s| matches!(s, SlaState::Escalate { .. })),
        open_breached,
        percent: (settled > 0).then(|| met as f64 * 100.0 / settled as f64),
    }
}
