//! Scoring a session that ended: its score against the paper's key, and the decision of the
//! rules for that score (p.17, p.30).

use std::collections::BTreeMap;

use crate::domain::exam::{self, PaperKey, Score};
use crate::domain::rules::{
    self, Category, ConflictPolicy, DecisionInput, Percent, Position, Procedure,
};
use crate::store;

/// The score of `answers` and the rules' decision for the candidate; an error when the rules
/// cannot decide (the candidate's stored position, procedure or categories do not fit).
pub fn grade(
    key: &PaperKey,
    candidate: &store::exam::Candidate,
    answers: &BTreeMap<i64, Vec<String>>,
) -> Result<(Score, rules::Decision), String> {
    let score = exam::score(key, answers);
    Ok((score, decide(candidate, score)?))
}

/// The decision of the rules (p.17, p.30) for a candidate's score.
pub(super) fn decide(
    candidate: &store::exam::Candidate,
    score: Score,
) -> Result<rules::Decision, String> {
    {
        let position: &'static Position = Position::by_slug(&candidate.position)
            .ok_or_else(|| format!("unknown position {}", candidate.position))?;
        let procedure: Procedure = candidate
            .procedure
            .parse()
            .map_err(|e: rules::RuleError| e.to_string())?;
        let category = |c: &Option<String>| -> Result<Option<Category>, String> {
            c.as_deref()
                .map(|c| c.parse::<Category>().map_err(|e| e.to_string()))
                .transpose()
        };
        rules::decide(&DecisionInput {
            procedure,
            reattestation_of: None,
            position,
            score: Percent::new(score.percent()).map_err(|e| e.to_string())?,
            current_category: category(&candidate.current_category)?,
            claimed_category: category(&candidate.claimed_category)?,
            policy: ConflictPolicy::default(),
        })
        .map_err(|e| e.to_string())
    }
}
