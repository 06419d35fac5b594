//! A question as an importer read it, before validation: every field optional, raw, and
//! located in its source file.
//!
//! Importers only transcribe; they judge nothing they can leave to `validate`, so that every
//! problem of a question is found in one pass and reported with the position of the field at
//! fault. A draft from a monolingual file (`lang: Some`) carries one language and waits for
//! `pair` to meet its counterpart.

use super::diagnostic::{BankError, Location};
use super::model::{Kind, Lang};
use super::text::{html_to_text, split_multilang};
use super::validate::limits;

/// A value with the place it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// The value as written.
    pub value: T,
    /// Where it was written.
    pub at: Location,
    /// The file it was read from when not the draft's own (the other half of a pair).
    pub file: Option<String>,
}

impl<T> Spanned<T> {
    /// A value read from the draft's own file.
    pub fn new(value: T, at: Location) -> Spanned<T> {
        Spanned {
            value,
            at,
            file: None,
        }
    }

    /// The same value, marked as read from `file` (used when pairing moves it across).
    pub fn from_file(mut self, file: &str) -> Spanned<T> {
        self.file.get_or_insert_with(|| file.to_string());
        self
    }
}

/// A text in up to two languages; each language remembers where it was read, so that an error
/// in the Russian text of a paired question points into the Russian file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftText {
    /// The Kazakh text, raw (not yet normalised).
    pub kk: Option<Spanned<String>>,
    /// The Russian text, raw.
    pub ru: Option<Spanned<String>>,
    /// Where the text as a whole was (used when a language is missing).
    pub at: Location,
    /// A text of a bilingual file with letters and no multilang markup, as read (flattened):
    /// its language is not known yet. The import may take it as the language its letters
    /// show (`text::script_lang`); otherwise validation reports it.
    pub unmarked: Option<String>,
    /// Whether the text carried multilang markup.
    pub marked: bool,
}

impl DraftText {
    /// A text with no language yet.
    pub fn empty(at: Location) -> DraftText {
        DraftText {
            kk: None,
            ru: None,
            at,
            unmarked: None,
            marked: false,
        }
    }

    /// Reads a raw text: multilang markup is split; plain text belongs to the file's `lang`
    /// (none in a bilingual file, which validation then reports, unless the text has no
    /// letters at all: `100`, `2024-11-05` and `4,7%` read the same in both languages). In a monolingual file only
    /// that language's part is kept. `html` flattens markup after the split.
    pub fn read(
        raw: &str,
        at: Location,
        lang: Option<Lang>,
        html: bool,
    ) -> Result<DraftText, BankError> {
        let len = raw.chars().count();
        if len > limits::RAW_TEXT {
            let (what, max) = ("text as written", limits::RAW_TEXT);
            return Err(BankError::TooLong { what, len, max });
        }
        let flatten = |s: String| if html { html_to_text(&s) } else { Ok(s) };
        let mut text = DraftText::empty(at.clone());
        let split = split_multilang(raw)?;
        text.marked = split.is_some();
        match (split, lang) {
            (Some(mut split), Some(only)) => {
                if let Some(s) = split.take(only) {
                    text.set(only, flatten(s)?);
                }
            }
            (Some(mut split), None) => {
                for l in Lang::ALL {
                    if let Some(s) = split.take(l) {
                        text.set(l, flatten(s)?);
                    }
                }
            }
            (None, Some(only)) => text.set(only, flatten(raw.to_string())?),
            (None, None) => {
                // A text without letters (a number, a date, a formula) reads the same in
                // both languages; any other text has no language, which validation reports.
                let flat = flatten(raw.to_string())?;
                if !flat.chars().any(char::is_alphabetic) {
                    text.set(Lang::Kk, flat.clone());
                    text.set(Lang::Ru, flat);
                } else {
                    text.unmarked = Some(flat);
                }
            }
        }
        Ok(text)
    }

    /// Sets one language's text, located where the whole text is.
    pub fn set(&mut self, lang: Lang, value: String) {
        let s = Some(Spanned::new(value, self.at.clone()));
        match lang {
            Lang::Kk => self.kk = s,
            Lang::Ru => self.ru = s,
        }
    }

    /// One language's text, if read.
    pub fn lang(&self, lang: Lang) -> Option<&Spanned<String>> {
        match lang {
            Lang::Kk => self.kk.as_ref(),
            Lang::Ru => self.ru.as_ref(),
        }
    }

    /// One language's slot, to fill or take.
    pub fn lang_mut(&mut self, lang: Lang) -> &mut Option<Spanned<String>> {
        match lang {
            Lang::Kk => &mut self.kk,
            Lang::Ru => &mut self.ru,
        }
    }
}

/// One answer option as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftOption {
    /// Explicit id; `None` takes the letter of its position (a, b, c, ...).
    pub id: Option<Spanned<String>>,
    /// The option's text.
    pub text: DraftText,
    /// Whether it is (one of) the key(s).
    pub correct: bool,
    /// Whether it keeps its place when the others shuffle.
    pub pinned: bool,
    /// Where the option starts (its GIFT marker, XML `<answer>`, JSON element).
    pub at: Location,
}

impl DraftOption {
    /// The two options of a true/false question (GIFT `{T}`, XML `truefalse`), in the file's
    /// language(s): a = true, b = false.
    pub fn true_false(answer: bool, lang: Option<Lang>, at: Location) -> Vec<DraftOption> {
        let labels = [(true, "Дұрыс", "Верно"), (false, "Бұрыс", "Неверно")];
        labels
            .into_iter()
            .map(|(value, kk, ru)| {
                let mut text = DraftText::empty(at.clone());
                for (l, s) in [(Lang::Kk, kk), (Lang::Ru, ru)] {
                    if lang.is_none_or(|only| only == l) {
                        text.set(l, s.to_string());
                    }
                }
                DraftOption {
                    id: None,
                    text,
                    correct: value == answer,
                    pinned: false,
                    at: at.clone(),
                }
            })
            .collect()
    }
}

/// The cited act, as read. Present when any of its fields was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftLegal {
    /// The act's name.
    pub act: Option<Spanned<String>>,
    /// The clause cited.
    pub clause: Option<Spanned<String>>,
    /// First day in force, raw `YYYY-MM-DD`.
    pub valid_from: Option<Spanned<String>>,
    /// Last day in force, raw `YYYY-MM-DD`.
    pub valid_to: Option<Spanned<String>>,
    /// Where the first of these was given.
    pub at: Location,
}

impl DraftLegal {
    /// A citation with nothing read yet.
    pub fn empty(at: Location) -> DraftLegal {
        DraftLegal {
            act: None,
            clause: None,
            valid_from: None,
            valid_to: None,
            at,
        }
    }
}

/// One question as read, before validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The file it was read from (the Kazakh one, for a pair).
    pub file: String,
    /// The file's language for a monolingual file; `None` for a bilingual one.
    pub lang: Option<Lang>,
    /// Where the question starts.
    pub at: Location,
    /// Stable question id.
    pub id: Option<Spanned<String>>,
    /// Raw section name; validation wants `legal` or `functional`.
    pub section: Option<Spanned<String>>,
    /// Raw profile tags, each located.
    pub profile: Vec<Spanned<String>>,
    /// Topic, raw.
    pub topic: Option<Spanned<String>>,
    /// Raw difficulty as written; validation wants 1 to 5.
    pub difficulty: Option<Spanned<String>>,
    /// The cited act, if any field of it was given.
    pub legal: Option<DraftLegal>,
    /// The Moodle category the question was under (GIFT `$CATEGORY:`, XML category
    /// question): section and topic where no tag gives them, or a `--map` entry.
    pub category: Option<Spanned<String>>,
    /// The `pinned` tag as written: 1-based positions of the options that keep their place.
    pub pinned: Option<Spanned<String>>,
    /// The `option_ids` tag as written: the options' ids by position, comma-separated.
    pub option_ids: Option<Spanned<String>>,
    /// `None` means single choice.
    pub kind: Option<Spanned<Kind>>,
    /// The question text.
    pub text: DraftText,
    /// The options, in the author's order; at most one past the limit is kept.
    pub options: Vec<DraftOption>,
    /// Options read and not kept (see [`Draft::push_option`]).
    pub options_dropped: usize,
    /// Where the options are (a GIFT answer block, JSON `/options`).
    pub options_at: Location,
}

impl Draft {
    /// A draft with nothing read yet but its place.
    pub fn new(file: &str, lang: Option<Lang>, at: Location) -> Draft {
        Draft {
            file: file.to_string(),
            lang,
            at: at.clone(),
            id: None,
            section: None,
            profile: Vec::new(),
            topic: None,
            difficulty: None,
            legal: None,
            category: None,
            pinned: None,
            option_ids: None,
            kind: None,
            text: DraftText::empty(at.clone()),
            options: Vec::new(),
            options_dropped: 0,
            options_at: at,
        }
    }

    /// Adds an option. Past one more than [`limits::MAX_OPTIONS`] (enough to refuse the
    /// question) options are only counted: a file of a million options costs no more.
    pub fn push_option(&mut self, option: DraftOption) {
        if self.options.len() <= limits::MAX_OPTIONS {
            self.options.push(option);
        } else {
            self.options_dropped += 1;
        }
    }

    /// How many options were read, kept or not.
    pub fn option_count(&self) -> usize {
        self.options.len() + self.options_dropped
    }

    /// The cited act, created on first use.
    pub fn legal_mut(&mut self, at: &Location) -> &mut DraftLegal {
        self.legal
            .get_or_insert_with(|| DraftLegal::empty(at.clone()))
    }
}
