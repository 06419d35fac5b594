//! The exam session's rules, pure: what a candidate's message may do given the paper and the
//! clock, and scoring (percent correct, multiple choice all-or-nothing). The lifecycle itself
//! is `domain::lifecycle` (re-exported here).
//!
//! The socket code (`live::session`) feeds [`ExamSession::on_message`] an event and `now`
//! and carries out the returned [`Step`]: persist, acknowledge, refuse, end.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub use super::lifecycle::{EndReason, Status, Transition, TransitionError};

use std::sync::Arc;

use crate::domain::bank::{Bank, Kind, Question};
use crate::domain::paper::Paper;

/// The answer key of a whole paper: item `n` (at index `n - 1`) is a question of the shared,
/// immutable bank. Four bytes an item: ten thousand sockets share one bank in memory.
#[derive(Debug, Clone)]
pub struct PaperKey {
    bank: Arc<Bank>,
    items: Vec<u32>,
}

impl PaperKey {
    /// The key of `paper` from the bank it was drawn from (sorted by id, as banks are).
    /// Panics if a question of the paper is not in the bank: a programming error.
    pub fn new(paper: &Paper, bank: Arc<Bank>) -> PaperKey {
        let items = paper
            .items
            .iter()
            .map(|item| {
                bank.questions
                    .binary_search_by(|q| q.id.as_str().cmp(&item.question_id))
                    .expect("the paper's question is in its bank") as u32
            })
            .collect();
        PaperKey { bank, items }
    }

    /// The question of item `index` (0-based).
    fn question(&self, index: usize) -> Option<&Question> {
        self.items
            .get(index)
            .map(|&i| &self.bank.questions[i as usize])
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// Why a candidate's message was refused. Nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("question {q} is not on this paper (1..={count})")]
    UnknownQuestion { q: i64, count: usize },
    #[error("option {option:?} is not an option of question {q}")]
    BadChoice { q: i64, option: String },
    #[error("question {q} takes one answer (single choice)")]
    SingleChoice { q: i64 },
    #[error("the time is up (p.18: 120 minutes); the exam was submitted at the deadline")]
    TimeUp,
    #[error("the exam is not in progress ({status})")]
    NotInProgress { status: Status },
}

impl Refusal {
    /// The protocol's error code (docs/protocol.md).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::UnknownQuestion { .. } => "unknown_question",
            Refusal::BadChoice { .. } | Refusal::SingleChoice { .. } => "bad_choice",
            Refusal::TimeUp => "time_up",
            Refusal::NotInProgress { .. } => "not_in_progress",
        }
    }
}

/// What a candidate's message asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Answer { q: i64, choice: Vec<String> },
    Flag { q: i64, flagged: bool },
    Submit,
}

/// What to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Save this answer (choice sorted, deduplicated), then acknowledge.
    SaveAnswer { q: i64, choice: Vec<String> },
    /// Save this flag, then acknowledge.
    SaveFlag { q: i64, flagged: bool },
    /// End the exam.
    End(EndReason),
}

/// A session in progress, as the socket holds it.
#[derive(Debug, Clone)]
pub struct ExamSession {
    pub status: Status,
    /// Unix ms.
    pub deadline_ms: i64,
    pub key: PaperKey,
}

impl ExamSession {
    /// Whether the deadline has passed at `now_ms`: the deadline instant itself is too late.
    pub fn is_past_deadline(&self, now_ms: i64) -> bool {
        now_ms >= self.deadline_ms
    }

    /// Decides what a candidate's request leads to at `now_ms`.
    pub fn on_message(&self, request: Request, now_ms: i64) -> Result<Step, Refusal> {
        if self.status != Status::InProgress {
            return Err(Refusal::NotInProgress {
                status: self.status,
            });
        }
        if self.is_past_deadline(now_ms) {
            // p.18: an answer after the deadline is refused; the deadline submits.
            return Err(Refusal::TimeUp);
        }
        match request {
            Request::Answer { q, choice } => {
                let item = self.item(q)?;
                let choice: BTreeSet<String> = choice.into_iter().collect();
                if let Some(option) = choice
                    .iter()
                    .find(|o| !item.options.iter().any(|opt| &opt.id == *o))
                {
                    return Err(Refusal::BadChoice {
                        q,
                        option: option.clone(),
                    });
                }
                if item.kind == Kind::Single && choice.len() > 1 {
                    return Err(Refusal::SingleChoice { q });
                }
                Ok(Step::SaveAnswer {
                    q,
                    choice: choice.into_iter().collect(),
                })
            }
            Request::Flag { q, flagged } => {
                self.item(q)?;
                Ok(Step::SaveFlag { q, flagged })
            }
            Request::Submit => Ok(Step::End(EndReason::Submitted)),
        }
    }

    fn item(&self, q: i64) -> Result<&Question, Refusal> {
        usize::try_from(q)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| self.key.question(i))
            .ok_or(Refusal::UnknownQuestion {
                q,
                count: self.key.len(),
            })
    }
}

/// A score: correct answers of the total, and the percent in basis points (1/100 of a percent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub correct: u32,
    pub total: u32,
    /// percent x 100, rounded down: 100 questions give whole percents.
    pub percent_bp: u32,
}

impl Score {
    pub fn percent(&self) -> f64 {
        f64::from(self.percent_bp) / 100.0
    }
}

/// Scores `answers` (question number -> chosen option ids) against `key`: a question counts
/// when the chosen set equals the key set exactly — multiple choice is all-or-nothing.
pub fn score(key: &PaperKey, answers: &BTreeMap<i64, Vec<String>>) -> Score {
    let correct = (0..key.len())
        .filter(|&i| {
            let question = key.question(i).expect("index within the paper");
            answers.get(&(i as i64 + 1)).is_some_and(|chosen| {
                let chosen: BTreeSet<&str> = chosen.iter().map(String::as_str).collect();
                let keys: BTreeSet<&str> = question
                    .options
                    .iter()
                    .filter(|o| o.correct)
                    .map(|o| o.id.as_str())
                    .collect();
                chosen == keys
            })
        })
        .count() as u32;
    let total = key.len() as u32;
    let percent_bp = (correct * 10_000).checked_div(total).unwrap_or(0);
    Score {
        correct,
        total,
        percent_bp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(
        id: &str,
        kind: Kind,
        options: &[&str],
        correct: &[&str],
    ) -> crate::domain::bank::Question {
        let text = |t: &str| crate::domain::bank::Localized {
            kk: t.into(),
            ru: t.into(),
        };
        crate::domain::bank::Question {
            id: id.into(),
            section: crate::domain::bank::Section::Functional,
            profile: vec!["all".into()],
            topic: "t".into(),
            difficulty: Some(1),
            legal: None,
            kind,
            text: text(id),
            options: options
                .iter()
                .map(|o| crate::domain::bank::AnswerOption {
                    id: o.to_string(),
                    text: text(o),
                    correct: correct.contains(o),
                    pinned: false,
                })
                .collect(),
        }
    }

    fn session() -> ExamSession {
        let bank = Arc::new(Bank {
            questions: vec![
                question("Q1", Kind::Single, &["a", "b", "c"], &["b"]),
                question("Q2", Kind::Multiple, &["a", "b", "c", "d"], &["a", "c"]),
            ],
        });
        let paper = Paper {
            lang: crate::domain::bank::Lang::Ru,
            seed: crate::domain::paper::Seed::from_bytes([0; 32]),
            items: ["Q1", "Q2"]
                .iter()
                .map(|id| crate::domain::paper::PaperItem {
                    question_id: id.to_string(),
                    section: crate::domain::bank::Section::Functional,
                    option_order: vec![],
                })
                .collect(),
        };
        ExamSession {
            status: Status::InProgress,
            deadline_ms: 1_000,
            key: PaperKey::new(&paper, bank),
        }
    }

    fn answer(q: i64, choice: &[&str]) -> Request {
        Request::Answer {
            q,
            choice: choice.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn an_answer_within_the_paper_and_time_is_saved_sorted() {
        assert_eq!(
            session().on_message(answer(2, &["c", "a", "c"]), 999),
            Ok(Step::SaveAnswer {
                q: 2,
                choice: vec!["a".into(), "c".into()]
            })
        );
        assert_eq!(
            session().on_message(answer(1, &[]), 0),
            Ok(Step::SaveAnswer {
                q: 1,
                choice: vec![]
            })
        );
    }

    #[test]
    fn an_answer_at_or_after_the_deadline_is_refused_p18() {
        assert_eq!(
            session().on_message(answer(1, &["b"]), 1_000),
            Err(Refusal::TimeUp)
        );
        assert_eq!(
            session().on_message(Request::Submit, 5_000),
            Err(Refusal::TimeUp)
        );
    }

    #[test]
    fn questions_and_options_outside_the_paper_are_refused() {
        assert_eq!(
            session().on_message(answer(0, &["a"]), 0),
            Err(Refusal::UnknownQuestion { q: 0, count: 2 })
        );
        assert_eq!(
            session().on_message(answer(3, &["a"]), 0),
            Err(Refusal::UnknownQuestion { q: 3, count: 2 })
        );
        assert_eq!(
            session().on_message(answer(-1, &["a"]), 0),
            Err(Refusal::UnknownQuestion { q: -1, count: 2 })
        );
        assert_eq!(
            session().on_message(answer(1, &["z"]), 0),
            Err(Refusal::BadChoice {
                q: 1,
                option: "z".into()
            })
        );
        assert_eq!(
            session().on_message(answer(1, &["a", "b"]), 0),
            Err(Refusal::SingleChoice { q: 1 })
        );
        let flag = Request::Flag {
            q: 9,
            flagged: true,
        };
        assert_eq!(
            session().on_message(flag, 0).unwrap_err().code(),
            "unknown_question"
        );
    }

    #[test]
    fn nothing_is_accepted_unless_in_progress() {
        let mut s = session();
        s.status = Status::Voided;
        assert_eq!(
            s.on_message(answer(1, &["b"]), 0),
            Err(Refusal::NotInProgress {
                status: Status::Voided
            })
        );
    }

    #[test]
    fn multiple_choice_is_all_or_nothing() {
        let key = session().key;
        let answers = |pairs: &[(i64, &[&str])]| -> BTreeMap<i64, Vec<String>> {
            pairs
                .iter()
                .map(|(q, c)| (*q, c.iter().map(|s| s.to_string()).collect()))
                .collect()
        };
        assert_eq!(
            score(&key, &answers(&[(1, &["b"]), (2, &["a", "c"])])).percent_bp,
            10_000
        );
        assert_eq!(
            score(&key, &answers(&[(1, &["b"]), (2, &["a"])])).correct,
            1
        );
        assert_eq!(
            score(&key, &answers(&[(1, &["b"]), (2, &["a", "b", "c"])])).correct,
            1
        );
        assert_eq!(score(&key, &answers(&[])).correct, 0);
        let half = score(&key, &answers(&[(2, &["c", "a"])]));
        assert_eq!(
            (half.correct, half.total, half.percent_bp, half.percent()),
            (1, 2, 5_000, 50.0)
        );
    }

    #[test]
    fn only_scored_and_voided_sessions_are_over() {
        assert!(Status::Scored.is_ended() && Status::Voided.is_ended());
        assert!(!Status::InProgress.is_ended() && !Status::Rules.is_ended());
    }
}
