//! Appeals (p.21-p.26), pure: who may file and until when, what a disputed question must say,
//! who sits on the commission and on each appeal's panel, how the panel's votes decide a
//! question, what each outcome does to the score, and the commission's 5-day SLA.
//!
//! # Layout
//! - [`filing`]: the p.21 window, the p.25 grounds, the justification bounds, one appeal per
//!   result, none for a voided session.
//! - [`commission`]: the commission's composition (p.22, p.23) and each appeal's panel after
//!   recusal, kept odd with substitutes from the reserve list.
//! - [`voting`]: votes, the majority per question (no ties: the panel is odd), outcomes.
//! - [`rescore`]: the score after the outcomes (p.26), with the annulment and technical-fault
//!   policies, and the rules' new decision.
//! - [`retake`]: whether a decision grants the administrator's retake for a technical fault
//!   (p.25), until when it may be sat, the retake campaign's name.
//! - [`sla`]: `decide_by` (p.24: 5 calendar days from the day of receipt), escalation under
//!   24 hours, breach, and compliance per campaign.
//!
//! Storage, the clock and the calendar file are the callers'; everything here takes them as
//! arguments. Every error names the clause it enforces.

pub mod commission;
pub mod filing;
pub mod rescore;
pub mod retake;
pub mod sla;
pub mod stats;
pub mod voting;

#[cfg(test)]
mod tests;

pub use commission::{Commission, CommissionMember, Panel, Seat};
pub use filing::{DisputedQuestion, FieldError, FilingContext, Ground, RawQuestion};
pub use rescore::{AnnulPolicy, Change, PaperAnswer, Rescored, TechnicalRemedy};
pub use sla::{Compliance, SlaState};
pub use voting::{Majority, QuestionOutcome, Verdict, Vote};

use jiff::Timestamp;

/// Why an appeal act is refused; each variant names the clause (or the policy) it enforces.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppealError {
    /// p.21: the window closed.
    #[error(
        "the appeal window closed at {closes_at} (last day {last_day}, Asia/Almaty) (p.21: not later than 2 working days after the result is shown)"
    )]
    WindowClosed {
        /// The last day on which filing was in time.
        last_day: jiff::civil::Date,
        /// The first instant that is too late (00:00 Almaty after the last day), RFC 3339.
        closes_at: String,
    },
    /// p.21: the window is counted from the result; there is none yet.
    #[error("the result has not been shown yet; an appeal follows the result (p.20, p.21)")]
    NoResult,
    /// p.19: a voided session has no result to appeal.
    #[error("the session was voided (p.19): there is no result to appeal")]
    Voided,
    /// One appeal per result (p.21: the appeal names every disputed question at once).
    #[error(
        "an appeal on this result was already submitted (p.21: one appeal names every disputed question)"
    )]
    AlreadyFiled,
    /// The questions of an appeal do not validate; each error names its question and field.
    #[error("the appeal's questions are invalid (p.21, p.25): {}", list(.0))]
    Invalid(Vec<FieldError>),
    /// The commission's composition is refused.
    #[error("{message} ({clause})")]
    Composition {
        /// The clause: p.22 or p.23.
        clause: &'static str,
        /// What is wrong, naming the member where there is one.
        message: String,
    },
    /// The panel of an appeal cannot be kept odd after recusal.
    #[error("{0} (p.23: an odd number of voting members)")]
    Recusal(String),
    /// The caller may not vote on this appeal.
    #[error("{0} (p.23)")]
    NotAVoter(String),
    /// A vote does not validate (question, reason).
    #[error("{field}: {message}")]
    BadVote {
        /// The body field at fault.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The calendar cannot count the deadline (a year missing from the data).
    #[error(transparent)]
    Calendar(#[from] crate::domain::calendar::DeadlineError),
    /// The appeal cannot be closed yet or as asked.
    #[error("{0} (p.24)")]
    NotClosable(String),
}

impl AppealError {
    /// A short code for the API (`window_closed`, `invalid`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            AppealError::WindowClosed { .. } => "window_closed",
            AppealError::NoResult => "no_result",
            AppealError::Voided => "voided",
            AppealError::AlreadyFiled => "already_filed",
            AppealError::Invalid(_) => "invalid",
            AppealError::Composition { .. } => "bad_composition",
            AppealError::Recusal(_) => "recusal",
            AppealError::NotAVoter(_) => "not_a_voter",
            AppealError::BadVote { .. } => "bad_vote",
            AppealError::NotClosable(_) => "not_closable",
            AppealError::Calendar(_) => "calendar",
        }
    }
}

fn list(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Milliseconds from `now` to `until` (negative when past).
pub(crate) fn ms_between(now: Timestamp, until: Timestamp) -> i64 {
    until.as_millisecond() - now.as_millisecond()
}
