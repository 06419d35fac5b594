//! The law as code: the Attestation Rules (order No. 422 as amended by No. 271) and the
//! parts of the CPD Rules and of the typical staff structure (order No. 324) they rely on.
//!
//! # Layout
//! - [`positions`]: the seed-004 positions, staff blocks, and the p.17 group of a position.
//! - [`lookup`]: finding a position or category from typed text.
//! - [`category`]: the category ladder, its 3-year term and the one-level-down step.
//! - [`percent`]: the [`Percent`] score newtype.
//! - [`procedure`]: the four attestation procedures.
//! - [`decision`]: [`decide`] — thresholds, p.30 decisions, p.27/p.28/p.33 consequences.
//! - [`evaluation`]: the professional-activity evaluation of p.28-1 and Appendix 1-2.
//! - [`mod@next_due`]: the next due attestation after a decision (p.3, p.7, p.27, p.28).
//! - [`mod@eligibility`]: who may sit the test on a date (p.4-p.6, p.10, p.14, CPD p.15, p.21).
//! - [`eligibility_reasons`]: the reasons of ineligibility, in en, ru and kk.
//! - [`error`]: [`RuleError`], every refusal naming its clause.
//!
//! Everything here is pure: dates are arguments, nothing reads a clock or a file.
//! Working-day deadlines (p.21, p.31, p.32) and the 12-month re-attestation date belong to
//! `domain::calendar`.

pub mod category;
pub mod decision;
pub mod eligibility;
pub mod eligibility_reasons;
pub mod error;
pub mod evaluation;
pub mod lookup;
pub mod next_due;
pub mod percent;
pub mod positions;
pub mod procedure;

pub use category::Category;
pub use decision::{ConflictPolicy, Consequences, Decision, DecisionInput, Outcome, decide};
pub use eligibility::{Eligibility, Person, Reason, eligibility};
pub use error::RuleError;
pub use evaluation::{Evaluation, GapPolicy, Rating, evaluate, evaluation_due};
pub use lookup::{find_position, normalize};
pub use next_due::{NextDue, NextKind, next_due};
pub use percent::Percent;
pub use positions::{AttestationGroup, Org, Position, PositionKind, StaffBlock, attestation_group};
pub use procedure::Procedure;
