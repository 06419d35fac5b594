//! The question-bank model: what a validated, bilingual question is.
//!
//! Every importer (native JSON, Moodle GIFT, Moodle XML, Aiken) ends in these types; paper
//! assembly (`domain::paper`) and storage only ever see them. A [`Question`] here is always
//! valid: it is built by `domain::bank::validate`, never by hand outside tests.

use serde::{Deserialize, Serialize};

/// The two halves of every paper (p.16): 50 on normative legal acts, 50 on the labor functions.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Legal,
    Functional,
}

impl Section {
    pub const ALL: [Section; 2] = [Section::Legal, Section::Functional];

    pub fn as_str(self) -> &'static str {
        match self {
            Section::Legal => "legal",
            Section::Functional => "functional",
        }
    }
}

/// The languages of testing, at the employee's choice (CPD p.24).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Kk, Lang::Ru];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// A text in both languages of the exam; a question lacking either is refused at import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub kk: String,
    pub ru: String,
}

impl Localized {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }
}

/// Single choice has exactly one key; multiple choice one or more, scored all-or-nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Single,
    Multiple,
}

/// One answer option. `id` is stable within its question ("a", "b", ...) so that a stored
/// answer names the option, not its shuffled position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerOption {
    pub id: String,
    pub text: Localized,
    /// Whether this option is (one of) the key(s).
    pub correct: bool,
    /// A pinned option keeps its place when the others shuffle ("none of the above" stays last).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

/// The normative act a legal question cites, and the dates it is in force. A question whose act
/// ended before the exam date is never drawn (p.16: knowledge of the acts in force).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRef {
    pub act: String,
    pub clause: String,
    /// First day the cited text is in force (inclusive), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<jiff::civil::Date>,
    /// Last day the cited text is in force (inclusive), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<jiff::civil::Date>,
}

impl LegalRef {
    /// Whether the cited text is in force on `day`.
    pub fn in_force_on(&self, day: jiff::civil::Date) -> bool {
        self.valid_from.is_none_or(|from| from <= day) && self.valid_to.is_none_or(|to| day <= to)
    }
}

/// A validated bilingual question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id chosen by the author; the same id in a later bank version is the same question.
    pub id: String,
    pub section: Section,
    /// Profile tags (see docs/bank-format.md): `all`, a position slug, `group:...`,
    /// `category:...`. Never empty.
    pub profile: Vec<String>,
    pub topic: String,
    /// 1 (easiest) to 5; `None` when the author gave none (Moodle has no difficulty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<u8>,
    /// The act a legal question cites (p.16); absent on functional ones, and on a legal
    /// question whose author gave no citation (it is then drawn on every exam day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<LegalRef>,
    pub kind: Kind,
    pub text: Localized,
    pub options: Vec<AnswerOption>,
}

/// A validated bank: questions sorted by id, ids unique. The content of a bank version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bank {
    pub questions: Vec<Question>,
}
