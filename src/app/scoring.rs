//! Scoring a session that ended: its score against the paper's key, and the decision of the
//! rules for that score (p.17, p.30).

use std::collections::BTreeMap;

use crate::domain::exam::{self, PaperKey, Score};
use crate::domain::rules::{self, ConflictPolicy, DecisionInput, Percent, RuleError};
use crate::store;

/// The score of `answers` and the rules' decision for the candidate; an error when the rules
/// cannot decide (the stored candidate's position, procedure or categories do not fit them).
pub fn grade(
    key: &PaperKey,
    candidate: &store::exam::Candidate,
    answers: &BTreeMap<i64, Vec<String>>,
) -> Result<(Score, rules::Decision), RuleError> {
    let score = exam::score(key, answers);
    Ok((score, decide(candidate, score)?))
}

/// The decision of the rules (p.17, p.30) for a candidate's score.
fn decide(candidate: &store::exam::Candidate, score: Score) -> Result<rules::Decision, RuleError> {
    rules::decide(&DecisionInput {
        procedure: candidate.procedure,
        reattestation_of: None,
        position: candidate.position,
        score: Percent::new(score.percent())?,
        current_category: candidate.current_category,
        claimed_category: candidate.claimed_category,
        policy: ConflictPolicy::default(),
    })
}
