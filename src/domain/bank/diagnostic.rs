//! Import diagnostics: what is wrong with an author's file, and exactly where.
//!
//! Every importer and the validator report problems as [`Diagnostic`]s, all of them at once, so
//! that an author fixes a whole file in one pass. A bank with any diagnostic imports nothing.
//! Line-based formats (GIFT, Aiken, Moodle XML, JSON syntax errors) locate a problem by
//! `file:line:column`; the native JSON format locates it by a JSON pointer, `file#/questions/3`.

use std::fmt;

use super::model::Lang;

/// Where in a source file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// 1-based line and column; the column counts characters, not bytes.
    Line { line: u32, column: u32 },
    /// An RFC 6901 JSON pointer into the native JSON document, e.g. `/questions/3/options`.
    Pointer(String),
    /// The file as a whole (e.g. its format cannot be detected).
    File,
}

impl Location {
    /// A line/column location.
    pub fn at(line: u32, column: u32) -> Location {
        Location::Line { line, column }
    }

    /// A JSON-pointer location.
    pub fn pointer(p: impl Into<String>) -> Location {
        Location::Pointer(p.into())
    }

    /// Sort key within one file: line-based locations by position; pointers by question
    /// (`/questions/N/...`), keeping the order of their fields; the file first.
    pub(crate) fn sort_key(&self) -> (u32, u32) {
        match self {
            Location::Line { line, column } => (*line, *column),
            Location::Pointer(p) => {
                let question = p
                    .strip_prefix("/questions/")
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|n| n.parse::<u32>().ok());
                (question.map_or(0, |n| n.saturating_add(1)), 0)
            }
            Location::File => (0, 0),
        }
    }
}

/// A location in a named file, used to point at the *other* occurrence of a clash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The source file's name, as the caller gave it.
    pub file: String,
    /// Where in it.
    pub at: Location,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.at {
            Location::Line { line, column } => write!(f, "{}:{line}:{column}", self.file),
            Location::Pointer(p) => write!(f, "{}#{p}", self.file),
            Location::File => write!(f, "{}", self.file),
        }
    }
}

/// One problem in one file. Displays as `file:line:col: message` or `file#/pointer: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The source file's name, as the caller gave it.
    pub file: String,
    /// Where in it.
    pub at: Location,
    /// What is wrong, for the caller to branch on.
    pub error: BankError,
}

impl Diagnostic {
    /// A diagnostic for `file` at `at`.
    pub fn new(file: impl Into<String>, at: Location, error: BankError) -> Diagnostic {
        Diagnostic {
            file: file.into(),
            at,
            error,
        }
    }

    /// Where the problem is, as a [`Place`].
    pub fn place(&self) -> Place {
        Place {
            file: self.file.clone(),
            at: self.at.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.error)
    }
}

impl std::error::Error for Diagnostic {}

/// Everything an author can get wrong. The caller can branch on the variant; the message is
/// written for the author. Limits are those of [`super::validate::limits`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("cannot tell the format of this file; name it .json, .gift, .xml or .aiken")]
    UnknownFormat,
    #[error("syntax error: {0}")]
    Syntax(String),
    #[error("unsupported question type '{0}': only multiple choice and true/false are imported")]
    UnsupportedType(String),
    #[error("unescaped '{0}' in GIFT text; write '\\{0}'")]
    UnescapedControl(char),
    #[error("option letter '{found}' is Cyrillic U+{code:04X}; use Latin '{latin}'")]
    CyrillicLetter { found: char, code: u32, latin: char },
    #[error("images are not supported in question text")]
    Image,
    #[error(
        "unknown metadata tag '{0}' (known: id, section, topic, profile, difficulty, act, clause, valid_from, valid_to, pinned, option_ids)"
    )]
    UnknownTag(String),
    #[error("{0}")]
    Field(String),
    #[error("question has no id; give it one (`// [id:...]`, `<idnumber>`, or \"id\" in JSON)")]
    MissingId,
    #[error("invalid id '{0}': use 1-64 characters among A-Z a-z 0-9 . _ - / :")]
    InvalidId(String),
    #[error("duplicate question id '{id}', first defined at {first}")]
    DuplicateId { id: String, first: Place },
    #[error("duplicate option id '{0}'")]
    DuplicateOptionId(String),
    #[error("invalid option id '{0}': use 1-16 characters among a-z 0-9 _ -")]
    InvalidOptionId(String),
    #[error("no section; expected legal or functional (p.16)")]
    MissingSection,
    #[error("unknown section '{0}'; expected legal or functional (p.16)")]
    UnknownSection(String),
    #[error("no profile tags; use at least one, e.g. 'all'")]
    MissingProfile,
    #[error("unknown profile tag '{0}'; expected all, a position slug, group:... or category:...")]
    UnknownProfileTag(String),
    #[error("profile tag '{0}' listed twice")]
    DuplicateProfileTag(String),
    #[error("no topic")]
    MissingTopic,
    #[error("difficulty '{0}' is not 1 to 5")]
    BadDifficulty(String),
    #[error("legal question without {0} (p.16: questions on normative legal acts cite the act)")]
    MissingLegal(&'static str),
    #[error("a functional question cites no act; remove act/clause/valid_from/valid_to")]
    LegalOnFunctional,
    #[error("{field} '{value}' is not a date YYYY-MM-DD")]
    BadDate { field: &'static str, value: String },
    #[error("valid_to {to} is before valid_from {from}")]
    ValidToBeforeFrom { from: String, to: String },
    #[error(
        "text has no language: mark it with multilang spans, or give the file's language (--lang kk|ru; HTTP: lang=; or name it NAME.kk.gift / NAME.ru.gift)"
    )]
    NoLanguage,
    #[error("missing {} text (CPD p.24: testing in Kazakh or Russian)", .0.as_str())]
    MissingLanguage(Lang),
    #[error("{what} is empty")]
    EmptyText { what: &'static str },
    #[error("{what} is {len} characters long; the limit is {max}")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("{count} option(s); a question needs at least 2")]
    TooFewOptions { count: usize },
    #[error("{count} options; a question has at most {max}")]
    TooManyOptions { count: usize, max: usize },
    #[error("duplicate option in {}: '{text}' (same text after normalisation)", .lang.as_str())]
    DuplicateOption { lang: Lang, text: String },
    #[error("no key: no option is marked correct")]
    NoKey,
    #[error("{count} keys in a single-choice question; mark one, or make it multiple")]
    TwoKeysInSingle { count: usize },
    #[error("option_ids '{value}' names {given} option(s); the question has {count}")]
    BadOptionIds {
        value: String,
        given: usize,
        count: usize,
    },
    #[error("pinned '{value}' is not a list of option positions 1 to {count}")]
    BadPinned { value: String, count: usize },
    #[error(
        "question has no id and exists in {} only: a question of a monolingual file meets its {} half by id, or by position when exactly one kk and one ru file have questions without ids, as many in each",
        .present.as_str(), .missing.as_str()
    )]
    UnpairedNoId { present: Lang, missing: Lang },
    #[error("unknown kind '{0}'; expected single or multiple")]
    UnknownKind(String),
    #[error("question '{id}' exists in {} only; no {} file has it", .present.as_str(), .missing.as_str())]
    Unpaired {
        id: String,
        present: Lang,
        missing: Lang,
    },
    #[error("{what} differs from the other language's file at {other}")]
    PairMismatch { what: String, other: Place },
    #[error("{entry} decompresses to more than {max} bytes; the package is not read further")]
    PackageTooBig { entry: String, max: u64 },
    #[error("elements nested more than {max} deep; the file is not read further")]
    TooDeep { max: usize },
    #[error("more than {max} questions in the bank; the rest of the file is not read")]
    TooManyQuestions { max: usize },
    #[error("{omitted} more error(s) not listed; the first {shown} found are shown")]
    MoreErrors { shown: usize, omitted: usize },
}

/// Something an import did on the author's behalf that the author should know, and may want
/// to write into the file: not an error, the bank imports. Displays like a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The source file's name, as the caller gave it.
    pub file: String,
    /// Where in it.
    pub at: Location,
    /// What was done.
    pub kind: NoteKind,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = Place {
            file: self.file.clone(),
            at: self.at.clone(),
        };
        write!(f, "{place}: note: {}", self.kind)
    }
}

/// What an import did for the author.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteKind {
    /// A question without an id got one derived from its content (stable across re-imports
    /// of the same content, not of its position).
    #[error("question has no id; derived id {id}; add `{keep}` to keep it")]
    DerivedId { id: String, keep: String },
    /// An unmarked text was taken as one language from its letters.
    #[error(
        "text has no language markup; taken as {} from its letters (ә ғ қ ң ө ұ ү һ і are Kazakh); pass --lang (HTTP: lang=) to say so",
        .0.as_str()
    )]
    LanguageFromScript(Lang),
    /// A legal question without a citation: imported, drawn whatever the exam day.
    #[error(
        "legal question cites no act; it is drawn on every exam day (add act and clause so that it stops when the act changes)"
    )]
    NoCitation,
}

impl Note {
    /// A note for `file` at `at`.
    pub fn new(file: impl Into<String>, at: Location, kind: NoteKind) -> Note {
        Note {
            file: file.into(),
            at,
            kind,
        }
    }
}
