//! [`RuleError`]: every refusal of the rules code, each naming the clause behind it.
//!
//! Callers branch on the variant (the CLI maps each to the field it came from; the HTTP layer
//! to a 422); the message is for people.

use thiserror::Error;

use super::category::Category;
use super::positions::StaffBlock;
use super::procedure::Procedure;

/// Why the rules refused an input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum RuleError {
    #[error("\"{input}\" is not a number")]
    NotANumber { input: String },

    #[error("score {value} is outside 0..=100 percent (p.17: percent of correct answers)")]
    PercentOutOfRange { value: f64 },

    #[error("rating {value} is outside 0..=5 (Appendix 1-2: a rating out of 5)")]
    RatingOutOfRange { value: f64 },

    #[error("unknown position \"{input}\" (seed 004 typical structure); closest: {}", closest.join(", "))]
    UnknownPosition { input: String, closest: Vec<String> },

    #[error("position \"{input}\" exists in both the TMC and the career center (seed 004); say which: {}", choices.join(" or "))]
    AmbiguousPosition { input: String, choices: Vec<String> },

    #[error(
        "unknown category \"{input}\"; expected one of: без категории (no_category), карьерный консультант (career_consultant), кейс-менеджер (case_manager), наставник (mentor) (p.28)"
    )]
    UnknownCategory { input: String },

    #[error(
        "unknown procedure \"{input}\"; expected one of: primary, periodic, category, reattestation (Appendix 1)"
    )]
    UnknownProcedure { input: String },

    #[error(
        "unknown policy \"{input}\"; expected p30 (default: one level below the claimed category, p.30.2) or p27 (one level below the current one, p.27.1)"
    )]
    UnknownConflictPolicy { input: String },

    #[error(
        "unknown gap policy \"{input}\"; expected zero (default, flagged for the commission) or ten (Appendix 1-2: a rating in (3.9, 4.0])"
    )]
    UnknownGapPolicy { input: String },

    #[error(
        "{slug} (staff block {block:?}) is not attested: p.17 names only managers, specialists and the career-center assistant"
    )]
    NotAttested {
        slug: &'static str,
        block: StaffBlock,
    },

    #[error(
        "{slug} holds no qualification category: categories belong to career-center unit specialists only (p.7, p.17.2)"
    )]
    CategoryNotForPosition { slug: &'static str },

    #[error(
        "a claimed category belongs only to a career-center specialist applying for a category (p.7, p.17.2); {slug} at {procedure} has none"
    )]
    ClaimedCategoryNotForGroup {
        slug: &'static str,
        procedure: Procedure,
    },

    #[error(
        "a category decision needs the current category (p.30.2: \"fits the current category\")"
    )]
    CurrentCategoryMissing,

    #[error("a category application needs the claimed category (p.14.2, p.30.2)")]
    ClaimedCategoryMissing,

    #[error(
        "claimed category {claimed} does not follow the current {current}: one may claim the next level or confirm the current one (p.29: sequence of categories)"
    )]
    OutOfSequence {
        current: Category,
        claimed: Category,
    },

    #[error(
        "periodic attestation of a career-center specialist confirms the current category {current}; claiming {claimed} is procedure category (p.2.2, p.17.2)"
    )]
    ConfirmationClaimsOther {
        current: Category,
        claimed: Category,
    },

    #[error("re-attestation must name the procedure it repeats (p.27.2)")]
    UnresolvedReattestation,

    #[error(
        "re-attestation repeats a primary, periodic or category attestation, not itself (p.27.2, p.28)"
    )]
    ReattestationOfReattestation,

    #[error(
        "the repeated procedure is given only for procedure reattestation, not {procedure} (p.27.2)"
    )]
    RepeatedProcedureWithoutReattestation { procedure: Procedure },

    #[error(
        "score {score}% is below the 70% threshold: not admitted to the professional-activity evaluation (p.27.3, p.28-1)"
    )]
    NotAdmittedToEvaluation { score: f64 },

    #[error(
        "{field}: {value} is not a number of academic hours (CPD p.15: hours of 60 minutes, 0 or more)"
    )]
    InvalidHours { field: &'static str, value: f64 },

    #[error("{field}: ends {end} before it starts {start}")]
    InvalidPeriod {
        field: String,
        start: jiff::civil::Date,
        end: jiff::civil::Date,
    },

    #[error("position_start {position_start} is before hire_date {hire_date}")]
    PositionBeforeHire {
        hire_date: jiff::civil::Date,
        position_start: jiff::civil::Date,
    },

    #[error("date out of range computing the {what}")]
    DateOutOfRange { what: &'static str },
}
