//! The exam session's lifecycle as one pure function: a [`Status`] and a [`Transition`] give
//! the new status or a [`TransitionError`] naming the clause that forbids it.
//!
//! ```text
//! scheduled --choose_lang--> rules --start--> in_progress --end--> scored
//!               (rules --choose_lang--> rules)   (in_progress --extend--> in_progress)
//! any but voided --void--> voided --reinstate--> scored   (the annulled result restored)
//! ```
//!
//! There is no "submitted, not yet scored" status: an exam is scored in the transaction that
//! ends it, so no other reader ever sees it ended and unscored. Why it ended is its
//! [`EndReason`]; voiding is its own transition (p.19), not a way of ending.
//!
//! The store's conditional updates take their allowed-from states from
//! [`Transition::allowed_from`], so the database and this table cannot disagree.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Codes issued; the candidate has not opened the rules yet.
    Scheduled,
    /// Reading the rules: not timed (p.18).
    Rules,
    /// The 120 minutes run (p.18).
    InProgress,
    /// Ended (submitted, time up or forced) and scored in the same step; the result is shown
    /// (p.20).
    Scored,
    /// Voided by a proctoring violation or an administrator, whenever it was taken (p.19).
    Voided,
}

impl Status {
    /// Every status, in the order of a session's life.
    pub const ALL: [Status; 5] = [
        Status::Scheduled,
        Status::Rules,
        Status::InProgress,
        Status::Scored,
        Status::Voided,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scheduled => "scheduled",
            Status::Rules => "rules",
            Status::InProgress => "in_progress",
            Status::Scored => "scored",
            Status::Voided => "voided",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the exam is over for the candidate.
    pub fn is_ended(self) -> bool {
        matches!(self, Status::Scored | Status::Voided)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an exam ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EndReason {
    /// The candidate submitted.
    Submitted,
    /// The deadline passed (p.18: 120 minutes).
    TimeUp,
    /// An administrator submitted on the candidate's behalf.
    Forced,
}

impl EndReason {
    pub fn as_str(self) -> &'static str {
        match self {
            EndReason::Submitted => "submitted",
            EndReason::TimeUp => "time_up",
            EndReason::Forced => "forced",
        }
    }

    /// The reason stored as `s`; None for anything else (rows written before voiding became
    /// its own transition say `voided` here, and their status says the rest).
    pub fn parse(s: &str) -> Option<EndReason> {
        [EndReason::Submitted, EndReason::TimeUp, EndReason::Forced]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A change of a session's status (or, for `Extend`, of its deadline within a status).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// The candidate chooses the language and opens the rules; while reading them the
    /// language may still change (p.18: the reading is not timed).
    ChooseLang,
    /// The 120 minutes begin (p.18).
    Start,
    /// An administrator moves the deadline of an exam in progress.
    Extend,
    /// The exam ends and is scored (p.18, p.20).
    End(EndReason),
    /// The result is annulled, whenever the test was taken (p.19).
    Void,
    /// A void is withdrawn (the vendor retracted, a reviewer erred): the result is restored.
    Reinstate,
}

impl Transition {
    /// The statuses this transition may leave from.
    pub fn allowed_from(self) -> &'static [Status] {
        match self {
            Transition::ChooseLang => &[Status::Scheduled, Status::Rules],
            Transition::Start => &[Status::Rules],
            Transition::Extend | Transition::End(_) => &[Status::InProgress],
            Transition::Void => &[
                Status::Scheduled,
                Status::Rules,
                Status::InProgress,
                Status::Scored,
            ],
            Transition::Reinstate => &[Status::Voided],
        }
    }

    /// The status it leads to.
    pub fn target(self) -> Status {
        match self {
            Transition::ChooseLang => Status::Rules,
            Transition::Start | Transition::Extend => Status::InProgress,
            Transition::End(_) => Status::Scored,
            Transition::Void => Status::Voided,
            Transition::Reinstate => Status::Scored,
        }
    }

    /// The clause of the rules that fixes where it may leave from.
    pub fn clause(self) -> &'static str {
        match self {
            Transition::ChooseLang | Transition::Start | Transition::Extend => "p.18",
            Transition::End(_) => "p.18, p.20",
            Transition::Void | Transition::Reinstate => "p.19",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Transition::ChooseLang => "choose the language of",
            Transition::Start => "start",
            Transition::Extend => "extend",
            Transition::End(_) => "end",
            Transition::Void => "void",
            Transition::Reinstate => "reinstate",
        }
    }
}

/// A transition that the session's status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} an exam that is {from}: {} ({})", .transition.verb(), why(*.transition, *.from), .transition.clause())]
pub struct TransitionError {
    pub transition: Transition,
    pub from: Status,
}

fn why(transition: Transition, from: Status) -> &'static str {
    match (transition, from) {
        (Transition::Start, Status::Scheduled) => "choose the language and read the rules first",
        (Transition::ChooseLang, _) => "the language is chosen before the exam starts",
        (Transition::Start, _) => "an exam starts once",
        (Transition::Extend, _) => "only an exam in progress can be extended",
        (Transition::End(_), _) => "only an exam in progress can end",
        (Transition::Void, _) => "it is voided already",
        (Transition::Reinstate, _) => "only a voided exam can be reinstated",
    }
}

/// The status a session in `from` is in after `transition`, or why it may not happen.
pub fn apply(from: Status, transition: Transition) -> Result<Status, TransitionError> {
    if transition.allowed_from().contains(&from) {
        Ok(transition.target())
    } else {
        Err(TransitionError { transition, from })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use Status::*;

    const ALL_TRANSITIONS: [Transition; 8] = [
        Transition::ChooseLang,
        Transition::Start,
        Transition::Extend,
        Transition::End(EndReason::Submitted),
        Transition::End(EndReason::TimeUp),
        Transition::End(EndReason::Forced),
        Transition::Void,
        Transition::Reinstate,
    ];

    /// The whole table: every status against every transition.
    fn expected(from: Status, t: Transition) -> Option<Status> {
        match (from, t) {
            (Scheduled | Rules, Transition::ChooseLang) => Some(Rules),
            (Rules, Transition::Start) => Some(InProgress),
            (InProgress, Transition::Extend) => Some(InProgress),
            (InProgress, Transition::End(_)) => Some(Scored),
            (Scheduled | Rules | InProgress | Scored, Transition::Void) => Some(Voided),
            (Voided, Transition::Reinstate) => Some(Scored),
            _ => None,
        }
    }

    #[test]
    fn the_lifecycle_table_is_exactly_this() {
        for from in Status::ALL {
            for t in ALL_TRANSITIONS {
                assert_eq!(apply(from, t).ok(), expected(from, t), "{from} x {t:?}");
            }
        }
    }

    #[test]
    fn the_rules_are_read_untimed_and_the_language_may_change_while_reading_p18() {
        assert_eq!(apply(Scheduled, Transition::ChooseLang), Ok(Rules));
        assert_eq!(apply(Rules, Transition::ChooseLang), Ok(Rules));
        let err = apply(InProgress, Transition::ChooseLang).unwrap_err();
        assert!(err.to_string().contains("p.18"), "{err}");
    }

    #[test]
    fn the_120_minutes_start_only_after_the_rules_p18() {
        let err = apply(Scheduled, Transition::Start).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot start an exam that is scheduled: choose the language and read the rules \
             first (p.18)"
        );
        assert_eq!(apply(Rules, Transition::Start), Ok(InProgress));
        assert!(apply(InProgress, Transition::Start).is_err());
    }

    #[test]
    fn an_ended_exam_is_scored_in_the_same_step_p20() {
        for reason in [EndReason::Submitted, EndReason::TimeUp, EndReason::Forced] {
            assert_eq!(apply(InProgress, Transition::End(reason)), Ok(Scored));
            assert!(apply(Scored, Transition::End(reason)).is_err());
            assert!(apply(Rules, Transition::End(reason)).is_err());
        }
    }

    #[test]
    fn a_result_is_voided_whenever_the_test_was_taken_but_once_p19() {
        for from in [Scheduled, Rules, InProgress, Scored] {
            assert_eq!(apply(from, Transition::Void), Ok(Voided), "{from}");
        }
        let err = apply(Voided, Transition::Void).unwrap_err();
        assert!(err.to_string().contains("(p.19)"), "{err}");
    }

    #[test]
    fn only_a_reinstatement_leaves_a_voided_session_p19() {
        for t in ALL_TRANSITIONS {
            let expected = matches!(t, Transition::Reinstate);
            assert_eq!(apply(Voided, t).is_ok(), expected, "{t:?}");
        }
        assert!(apply(Scored, Transition::Reinstate).is_err());
    }

    #[test]
    fn stored_names_round_trip_and_the_old_voided_end_reason_reads_as_none() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
        assert_eq!(Status::parse("submitted"), None);
        assert_eq!(EndReason::parse("time_up"), Some(EndReason::TimeUp));
        assert_eq!(EndReason::parse("voided"), None);
    }
}
