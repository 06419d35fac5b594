//! The score after an appeal (p.26): each question's outcome applied to the candidate's
//! answers, under the named policies, then decided again by the rules (p.17, p.30).
//!
//! **Annulment** ([`AnnulPolicy`]): an annulled question is credited to the candidate (the
//! default: the fault was the test's, not theirs) or removed from the denominator.
//! **Technical fault** ([`TechnicalRemedy`]): the question is credited (default) or a retake
//! is granted by an administrator, in which case this result is not rescored.
//! A corrected key applies all-or-nothing, as the exam's scoring does.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::domain::exam::Score;
use crate::domain::rules::{self, Decision, DecisionInput, Percent, RuleError};

/// What an annulled question does to the score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnulPolicy {
    /// Counted as answered correctly (default).
    #[default]
    Credit,
    /// Not counted at all: the total shrinks by one.
    RemoveFromDenominator,
}

/// What a confirmed technical fault does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TechnicalRemedy {
    /// Counted as answered correctly (default).
    #[default]
    Credit,
    /// An administrator grants a retake; the result is not rescored.
    Retake,
}

/// A change to one question of the paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    KeyCorrected(BTreeSet<String>),
    Annulled,
    TechnicalFault,
}

/// One question of the paper as scored: what the candidate chose and the key in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperAnswer {
    pub number: u32,
    pub chosen: BTreeSet<String>,
    pub key: BTreeSet<String>,
}

/// The score after the changes, or a retake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rescored {
    Score {
        score: Score,
    },
    /// A technical fault under [`TechnicalRemedy::Retake`]: no new score.
    Retake,
}

/// Applies `changes` (by question number) to the paper's answers.
pub fn rescore(
    answers: &[PaperAnswer],
    changes: &BTreeMap<u32, Change>,
    annul: AnnulPolicy,
    technical: TechnicalRemedy,
) -> Rescored {
    let mut correct = 0u32;
    let mut total = 0u32;
    for a in answers {
        match changes.get(&a.number) {
            None => {
                total += 1;
                correct += u32::from(a.chosen == a.key);
            }
            Some(Change::KeyCorrected(key)) => {
                total += 1;
                correct += u32::from(&a.chosen == key);
            }
            Some(Change::Annulled) => match annul {
                AnnulPolicy::Credit => {
                    total += 1;
                    correct += 1;
                }
                AnnulPolicy::RemoveFromDenominator => {}
            },
            Some(Change::TechnicalFault) => match technical {
                TechnicalRemedy::Credit => {
                    total += 1;
                    correct += 1;
                }
                TechnicalRemedy::Retake => return Rescored::Retake,
            },
        }
    }
    Rescored::Score {
        score: Score {
            correct,
            total,
            percent_bp: (correct * 10_000).checked_div(total).unwrap_or(0),
        },
    }
}

/// The rules' decision on the rescored score, with everything else as decided before.
pub fn redecide(before: &DecisionInput, score: Score) -> Result<Decision, RuleError> {
    rules::decide(&DecisionInput {
        score: Percent::new(score.percent())?,
        ..*before
    })
}
