//! Filing an appeal (p.21, p.25): the window, the grounds, the justification, one appeal per
//! result and none for a voided session.
//!
//! The window is `domain::calendar`'s p.21 deadline: 2 working days counted from the day after
//! the result was shown, closing at 00:00 Asia/Almaty after the last day. A draft may be saved
//! at any time before the window closes; submitting is the act the window governs.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::AppealError;
use crate::domain::calendar::{Calendar, Deadline, DeadlineError, appeal_filing_deadline};

/// Policy: the shortest motivated justification, in characters (p.21 requires a motivated
/// justification for each disputed question; a word or two motivates nothing).
pub const JUSTIFICATION_MIN_CHARS: usize = 20;

/// Policy: the longest justification, in characters (a page of text; the commission reads it
/// in 5 days together with every other appeal).
pub const JUSTIFICATION_MAX_CHARS: usize = 2000;

/// The grounds of p.25.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    /// Content: the candidate disagrees with the answer key.
    KeyDisputed,
    /// Content: no correct answer among the options.
    NoCorrectOption,
    /// Content: the question itself is wrong.
    QuestionWrong,
    /// Technical: a fragment or text missing from the question.
    FragmentMissing,
    /// Technical: a software error.
    SoftwareError,
}

impl Ground {
    /// Every ground, content first.
    pub const ALL: [Ground; 5] = [
        Ground::KeyDisputed,
        Ground::NoCorrectOption,
        Ground::QuestionWrong,
        Ground::FragmentMissing,
        Ground::SoftwareError,
    ];

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Ground::KeyDisputed => "key_disputed",
            Ground::NoCorrectOption => "no_correct_option",
            Ground::QuestionWrong => "question_wrong",
            Ground::FragmentMissing => "fragment_missing",
            Ground::SoftwareError => "software_error",
        }
    }

    /// Whether the ground is technical (p.25, second group) rather than about content.
    pub fn is_technical(self) -> bool {
        matches!(self, Ground::FragmentMissing | Ground::SoftwareError)
    }

    /// The ground in Kazakh and Russian, for the cabinet and the protocol.
    pub fn wording(self) -> (&'static str, &'static str) {
        match self {
            Ground::KeyDisputed => ("жауап кілтімен келіспеймін", "несогласие с ключом ответа"),
            Ground::NoCorrectOption => (
                "жауап нұсқаларының ішінде дұрысы жоқ",
                "среди вариантов нет правильного ответа",
            ),
            Ground::QuestionWrong => ("сұрақ қате құрастырылған", "вопрос составлен некорректно"),
            Ground::FragmentMissing => (
                "сұрақтың мәтіні немесе бөлігі көрсетілмеген",
                "отсутствует фрагмент или текст вопроса",
            ),
            Ground::SoftwareError => ("бағдарламалық қате", "программная ошибка"),
        }
    }
}

impl fmt::Display for Ground {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Ground {
    type Err = String;

    fn from_str(s: &str) -> Result<Ground, String> {
        Ground::ALL
            .into_iter()
            .find(|g| g.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "{s:?} is not a ground of p.25 (one of {})",
                    Ground::ALL.map(Ground::as_str).join(", ")
                )
            })
    }
}

/// One disputed question as the candidate sent it, before validation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
pub struct RawQuestion {
    /// The question's number on the candidate's paper, 1-based.
    pub number: i64,
    pub ground: String,
    pub justification: String,
}

/// One disputed question, validated: on the paper, a ground of p.25, a justification within
/// the bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputedQuestion {
    pub number: u32,
    pub ground: Ground,
    /// Trimmed.
    pub justification: String,
}

/// A refused field of one disputed question: the API's 422 names both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The question number as sent (None when the list itself is at fault).
    pub question: Option<i64>,
    /// `questions[i].number`, `questions[i].ground`, `questions[i].justification` or
    /// `questions`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.question {
            Some(q) => write!(f, "question {q}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

/// Validates the disputed questions of a paper of `paper_len` questions: each on the paper
/// once, with a ground of p.25 and a justification of [`JUSTIFICATION_MIN_CHARS`] to
/// [`JUSTIFICATION_MAX_CHARS`] characters (p.21). Every fault is reported, not only the first.
pub fn validate_questions(
    raw: &[RawQuestion],
    paper_len: u32,
) -> Result<Vec<DisputedQuestion>, AppealError> {
    let mut errors = Vec::new();
    let mut seen = BTreeSet::new();
    let mut valid = Vec::new();
    if raw.is_empty() {
        errors.push(FieldError {
            question: None,
            field: "questions".into(),
            message: "name at least one disputed question (p.21)".into(),
        });
    }
    for (i, q) in raw.iter().enumerate() {
        let fail = |field: &str, message: String| FieldError {
            question: Some(q.number),
            field: format!("questions[{i}].{field}"),
            message,
        };
        let number = u32::try_from(q.number)
            .ok()
            .filter(|n| (1..=paper_len).contains(n));
        match number {
            None => errors.push(fail(
                "number",
                format!(
                    "question {} is not on your paper (1..={paper_len})",
                    q.number
                ),
            )),
            Some(n) if !seen.insert(n) => errors.push(fail(
                "number",
                format!("question {n} is named twice; one entry a question"),
            )),
            Some(_) => {}
        }
        let ground = q.ground.parse::<Ground>().map_err(|e| fail("ground", e));
        if let Err(e) = &ground {
            errors.push(e.clone());
        }
        let justification = q.justification.trim();
        let chars = justification.chars().count();
        if chars < JUSTIFICATION_MIN_CHARS {
            errors.push(fail(
                "justification",
                format!(
                    "a motivated justification is required: at least {JUSTIFICATION_MIN_CHARS} characters, {chars} given (p.21)"
                ),
            ));
        } else if chars > JUSTIFICATION_MAX_CHARS {
            errors.push(fail(
                "justification",
                format!("at most {JUSTIFICATION_MAX_CHARS} characters, {chars} given"),
            ));
        }
        if let (Some(number), Ok(ground)) = (number, ground) {
            valid.push(DisputedQuestion {
                number,
                ground,
                justification: justification.to_owned(),
            });
        }
    }
    if errors.is_empty() {
        valid.sort_by_key(|q| q.number);
        Ok(valid)
    } else {
        Err(AppealError::Invalid(errors))
    }
}

/// What the filing rules need to know about the result being appealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilingContext {
    /// When the result was shown (p.20: at the end of the test); None when there is none.
    pub result_shown: Option<Timestamp>,
    /// The session was voided (p.19).
    pub voided: bool,
    /// An appeal on this result was already submitted.
    pub already_submitted: bool,
}

/// The p.21 window of a result shown at `result_shown`.
pub fn window(calendar: &Calendar, result_shown: Timestamp) -> Result<Deadline, DeadlineError> {
    appeal_filing_deadline(calendar, result_shown)
}

/// Whether an appeal may be filed (a draft saved or submitted) at `now`: a result exists, its
/// session is not voided, no appeal on it was submitted, and the p.21 window is open. Gives
/// the window, whose `closes_at` the receipt shows.
pub fn may_file(
    calendar: &Calendar,
    context: FilingContext,
    now: Timestamp,
) -> Result<Deadline, AppealError> {
    if context.voided {
        return Err(AppealError::Voided);
    }
    let Some(shown) = context.result_shown else {
        return Err(AppealError::NoResult);
    };
    if context.already_submitted {
        return Err(AppealError::AlreadyFiled);
    }
    let deadline = window(calendar, shown)?;
    if !deadline.is_met_by(now) {
        return Err(AppealError::WindowClosed {
            last_day: deadline.last_day,
            closes_at: deadline.closes_at.to_string(),
        });
    }
    Ok(deadline)
}
