//! The panel's votes and each disputed question's decision (p.23, p.24).
//!
//! Every voter of the panel votes on every disputed question: uphold or reject, with a reason.
//! The question's decision is the majority of the panel; the panel is odd, so there are no
//! ties. Upheld, a question's outcome follows its ground: a content ground is settled by a
//! corrected key or by annulling the question, a technical ground is a technical fault.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::filing::{DisputedQuestion, Ground};
use super::{AppealError, Panel};

/// Policy: the shortest reason a voter gives (the protocol records every reason, p.24).
pub const REASON_MIN_CHARS: usize = 5;

/// A voter's verdict on one question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Uphold,
    Reject,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Uphold => "uphold",
            Verdict::Reject => "reject",
        }
    }

    pub fn parse(s: &str) -> Option<Verdict> {
        [Verdict::Uphold, Verdict::Reject]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One voter's vote on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    pub voter: String,
    pub question: u32,
    pub verdict: Verdict,
    pub reason: String,
}

/// Checks a vote before it is recorded: the voter sits on the panel (the secretary and
/// recused members do not, p.23), the question is disputed in the appeal, the reason is given.
pub fn check_vote(
    panel: &Panel,
    secretary: &str,
    disputed: &[DisputedQuestion],
    vote: &Vote,
) -> Result<(), AppealError> {
    if vote.voter == secretary {
        return Err(AppealError::NotAVoter(format!(
            "{} is the commission's secretary, who has no vote",
            vote.voter
        )));
    }
    if panel.recused.contains(&vote.voter) {
        return Err(AppealError::NotAVoter(format!(
            "{} is from the appellant's organization and recused from this appeal",
            vote.voter
        )));
    }
    if !panel.is_voter(&vote.voter) {
        return Err(AppealError::NotAVoter(format!(
            "{} does not sit on this appeal's panel",
            vote.voter
        )));
    }
    if !disputed.iter().any(|q| q.number == vote.question) {
        return Err(AppealError::BadVote {
            field: "question".into(),
            message: format!("question {} is not disputed in this appeal", vote.question),
        });
    }
    if vote.reason.trim().chars().count() < REASON_MIN_CHARS {
        return Err(AppealError::BadVote {
            field: "reason".into(),
            message: format!(
                "question {}: every vote gives a reason of at least {REASON_MIN_CHARS} characters (p.24: the protocol records it)",
                vote.question
            ),
        });
    }
    Ok(())
}

/// The panel's decision on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Majority {
    pub question: u32,
    pub uphold: usize,
    pub reject: usize,
    pub upheld: bool,
}

/// The majority on every disputed question, once every voter has voted on every one; the
/// latest vote of a voter on a question counts. Names who has not voted on what.
pub fn tally(
    panel: &Panel,
    disputed: &[DisputedQuestion],
    votes: &[Vote],
) -> Result<Vec<Majority>, AppealError> {
    let mut latest: BTreeMap<(u32, &str), Verdict> = BTreeMap::new();
    for v in votes.iter().filter(|v| panel.is_voter(&v.voter)) {
        latest.insert((v.question, v.voter.as_str()), v.verdict);
    }
    let mut missing = Vec::new();
    let mut out = Vec::new();
    for q in disputed {
        let mut uphold = 0;
        let mut reject = 0;
        for voter in &panel.voters {
            match latest.get(&(q.number, voter.as_str())) {
                Some(Verdict::Uphold) => uphold += 1,
                Some(Verdict::Reject) => reject += 1,
                None => missing.push(format!("{voter} on question {}", q.number)),
            }
        }
        out.push(Majority {
            question: q.number,
            uphold,
            reject,
            upheld: uphold > reject,
        });
    }
    if !missing.is_empty() {
        return Err(AppealError::NotClosable(format!(
            "every voter votes on every disputed question; missing: {}",
            missing.join(", ")
        )));
    }
    Ok(out)
}

/// What an upheld question's decision does, as the chair closes the appeal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionOutcome {
    /// The majority rejected the dispute; the score stands on this question.
    Rejected,
    /// The key was wrong: the question is rescored with `key` (option ids).
    KeyCorrected { key: BTreeSet<String> },
    /// The question is annulled (no correct option, or a wrong question).
    Annulled,
    /// A technical fault was confirmed (p.25, technical grounds).
    TechnicalFault,
}

impl QuestionOutcome {
    pub fn code(&self) -> &'static str {
        match self {
            QuestionOutcome::Rejected => "rejected",
            QuestionOutcome::KeyCorrected { .. } => "key_corrected",
            QuestionOutcome::Annulled => "annulled",
            QuestionOutcome::TechnicalFault => "technical_fault",
        }
    }

    /// The outcome in Kazakh and Russian, for the protocol and the cabinet.
    pub fn wording(&self) -> (&'static str, &'static str) {
        match self {
            QuestionOutcome::Rejected => ("апелляция қанағаттандырылмады", "апелляция отклонена"),
            QuestionOutcome::KeyCorrected { .. } => (
                "жауап кілті түзетілді, нәтиже қайта есептелді",
                "ключ ответа исправлен, результат пересчитан",
            ),
            QuestionOutcome::Annulled => ("сұрақ күшін жойды", "вопрос аннулирован"),
            QuestionOutcome::TechnicalFault => (
                "техникалық ақау расталды",
                "техническая неисправность подтверждена",
            ),
        }
    }
}

/// The outcome of one question from its majority and the chair's remedy for an upheld one:
/// rejected when the majority rejected (a remedy is then refused); upheld, a content ground
/// takes a corrected key (a non-empty set of the question's options) or annulment, a
/// technical ground a technical fault (p.25).
pub fn outcome(
    question: &DisputedQuestion,
    majority: &Majority,
    remedy: Option<&QuestionOutcome>,
    options: &[String],
) -> Result<QuestionOutcome, AppealError> {
    let bad = |message: String| AppealError::BadVote {
        field: format!("outcomes.{}", question.number),
        message,
    };
    if !majority.upheld {
        return match remedy {
            None | Some(QuestionOutcome::Rejected) => Ok(QuestionOutcome::Rejected),
            Some(_) => Err(bad(format!(
                "question {}: the panel rejected it {} to {}; no remedy applies",
                question.number, majority.reject, majority.uphold
            ))),
        };
    }
    match (question.ground.is_technical(), remedy) {
        (true, None | Some(QuestionOutcome::TechnicalFault)) => Ok(QuestionOutcome::TechnicalFault),
        (false, Some(QuestionOutcome::Annulled)) => Ok(QuestionOutcome::Annulled),
        (false, None) if question.ground != Ground::KeyDisputed => Ok(QuestionOutcome::Annulled),
        (false, Some(QuestionOutcome::KeyCorrected { key })) => {
            if key.is_empty() {
                return Err(bad(format!(
                    "question {}: the corrected key is empty",
                    question.number
                )));
            }
            if let Some(unknown) = key.iter().find(|k| !options.contains(k)) {
                return Err(bad(format!(
                    "question {}: {unknown:?} is not one of its options ({})",
                    question.number,
                    options.join(", ")
                )));
            }
            Ok(QuestionOutcome::KeyCorrected { key: key.clone() })
        }
        (false, None) => Err(bad(format!(
            "question {}: upheld on key_disputed; give the corrected key or annul it",
            question.number
        ))),
        (technical, Some(other)) => Err(bad(format!(
            "question {}: a {} ground cannot end in {} (p.25)",
            question.number,
            if technical { "technical" } else { "content" },
            other.code()
        ))),
    }
}
