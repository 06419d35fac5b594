//! Validation: turns a [`Draft`] into a [`Question`], or lists everything wrong with it.
//!
//! Each check reports at the position of the field at fault and validation goes on, so one
//! pass finds every problem of a question. Texts are normalised here (see `text::normalize`)
//! and their lengths counted afterwards, in characters.

use std::collections::HashSet;

use super::diagnostic::{BankError, Diagnostic, Location};
use super::draft::{Draft, DraftText, Spanned};
use super::model::{AnswerOption, Kind, Lang, LegalRef, Localized, Question, Section};
use super::profile;
use super::text::normalize;

/// The documented limits of a question (docs/bank-format.md, "Limits").
pub mod limits {
    /// Characters of a question text, per language, after normalisation.
    pub const QUESTION_TEXT: usize = 2000;
    /// Characters of an option text, per language.
    pub const OPTION_TEXT: usize = 500;
    /// Characters of a topic.
    pub const TOPIC: usize = 200;
    /// Characters of the name of a cited act.
    pub const ACT: usize = 300;
    /// Characters of a cited clause.
    pub const CLAUSE: usize = 100;
    /// Characters of a question id.
    pub const ID: usize = 64;
    /// Characters of an option id.
    pub const OPTION_ID: usize = 16;
    /// Options of a question: at least two to choose from.
    pub const MIN_OPTIONS: usize = 2;
    /// Options of a question: at most ten, to fit a screen.
    pub const MAX_OPTIONS: usize = 10;
    /// Characters of one text as written, before markup is split or flattened: room for
    /// both languages and generous HTML, and a bound on what one text costs to read.
    pub const RAW_TEXT: usize = 65_536;
    /// Characters of one GIFT question's source (its lines, from the first to the blank
    /// line): every character is held with its position while the question is read.
    pub const QUESTION_SOURCE: usize = 65_536;
    /// Nesting of Moodle XML elements (a real file nests 6 deep): the tree is built and
    /// dropped element by element, and a bound keeps that off the stack's limits.
    pub const XML_DEPTH: usize = 64;
    /// Questions of one bank, across its files (twice the 10,000 of the benchmarks).
    pub const QUESTIONS: usize = 20_000;
    /// Diagnostics listed for one import; the rest are counted in a last one.
    pub const DIAGNOSTICS: usize = 1_000;
}

/// Whether `id` is a well-formed question id.
pub fn is_valid_id(id: &str) -> bool {
    (1..=limits::ID).contains(&id.chars().count())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '/' | ':'))
}

fn is_valid_option_id(id: &str) -> bool {
    (1..=limits::OPTION_ID).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The id an option takes from its position when it has none: a, b, c, ...
pub fn option_letter(index: usize) -> String {
    char::from(b'a' + (index % 26) as u8).to_string()
}

struct Report<'a> {
    file: &'a str,
    list: Vec<Diagnostic>,
}

impl Report<'_> {
    fn push(&mut self, at: &Location, error: BankError) {
        self.list
            .push(Diagnostic::new(self.file, at.clone(), error));
    }

    /// Reports at a read value, in the file it came from.
    fn push_at<T>(&mut self, s: &Spanned<T>, error: BankError) {
        let file = s.file.as_deref().unwrap_or(self.file);
        self.list.push(Diagnostic::new(file, s.at.clone(), error));
    }

    /// A normalised single-language field, checked for emptiness and length.
    fn field(
        &mut self,
        value: Option<&Spanned<String>>,
        what: &'static str,
        max: usize,
    ) -> Option<String> {
        let v = value?;
        let s = normalize(&v.value);
        let len = s.chars().count();
        if len == 0 {
            self.push_at(v, BankError::EmptyText { what });
            None
        } else if len > max {
            self.push_at(v, BankError::TooLong { what, len, max });
            None
        } else {
            Some(s)
        }
    }

    /// A normalised bilingual text; `None` if any language is missing or bad.
    fn text(&mut self, t: &DraftText, what: &'static str, max: usize) -> Option<Localized> {
        let mut out = [None, None];
        for (slot, lang) in out.iter_mut().zip(Lang::ALL) {
            match t.lang(lang) {
                None => self.push(&t.at, BankError::MissingLanguage(lang)),
                Some(s) => *slot = self.field(Some(s), what, max),
            }
        }
        match out {
            [Some(kk), Some(ru)] => Some(Localized { kk, ru }),
            _ => None,
        }
    }
}

/// Validates one draft (already paired if it came from monolingual files).
pub fn validate(d: &Draft) -> Result<Question, Vec<Diagnostic>> {
    let mut r = Report {
        file: &d.file,
        list: Vec::new(),
    };
    let id = match &d.id {
        None => {
            r.push(&d.at, BankError::MissingId);
            None
        }
        Some(s) if !is_valid_id(s.value.trim()) => {
            r.push_at(s, BankError::InvalidId(s.value.clone()));
            None
        }
        Some(s) => Some(s.value.trim().to_string()),
    };
    let section = match &d.section {
        None => {
            r.push(&d.at, BankError::MissingSection);
            None
        }
        Some(s) => match s.value.trim() {
            "legal" => Some(Section::Legal),
            "functional" => Some(Section::Functional),
            other => {
                r.push_at(s, BankError::UnknownSection(other.to_string()));
                None
            }
        },
    };
    let profile = check_profile(&mut r, d);
    let topic = match &d.topic {
        None => {
            r.push(&d.at, BankError::MissingTopic);
            None
        }
        Some(t) => r.field(Some(t), "topic", limits::TOPIC),
    };
    // Optional: Moodle has no difficulty. `Some(None)` is a valid absence.
    let difficulty = match &d.difficulty {
        None => Some(None),
        Some(s) => match s.value.trim().parse::<u8>() {
            Ok(n @ 1..=5) => Some(Some(n)),
            _ => {
                r.push_at(s, BankError::BadDifficulty(s.value.clone()));
                None
            }
        },
    };
    let legal = check_legal(&mut r, d, section);
    let kind = d.kind.as_ref().map_or(Kind::Single, |k| k.value);
    let no_language = d.text.kk.is_none() && d.text.ru.is_none();
    let text = if no_language {
        r.push(&d.text.at, BankError::NoLanguage);
        None
    } else {
        r.text(&d.text, "question text", limits::QUESTION_TEXT)
    };
    let options = check_options(&mut r, d, kind, no_language);
    match (
        id, section, profile, topic, difficulty, legal, text, options,
    ) {
        (
            Some(id),
            Some(section),
            Some(profile),
            Some(topic),
            Some(difficulty),
            Some(legal),
            Some(text),
            Some(options),
        ) if r.list.is_empty() => Ok(Question {
            id,
            section,
            profile,
            topic,
            difficulty,
            legal,
            kind,
            text,
            options,
        }),
        _ => Err(r.list),
    }
}

fn check_profile(r: &mut Report, d: &Draft) -> Option<Vec<String>> {
    if d.profile.is_empty() {
        r.push(&d.at, BankError::MissingProfile);
        return None;
    }
    let before = r.list.len();
    let mut seen = HashSet::new();
    let mut tags = Vec::new();
    for tag in &d.profile {
        let t = tag.value.trim();
        if !profile::is_known(t) {
            r.push_at(tag, BankError::UnknownProfileTag(t.to_string()));
        } else if !seen.insert(t) {
            r.push_at(tag, BankError::DuplicateProfileTag(t.to_string()));
        } else {
            tags.push(t.to_string());
        }
    }
    (r.list.len() == before).then_some(tags)
}

/// p.16: a legal question that cites an act cites act and clause; a functional one cites none.
/// `Some(None)` is a valid absence; `None` means an error was reported.
fn check_legal(r: &mut Report, d: &Draft, section: Option<Section>) -> Option<Option<LegalRef>> {
    match (section, &d.legal) {
        (None, _) => None,
        (Some(Section::Functional), None) => Some(None),
        (Some(Section::Functional), Some(l)) => {
            r.push(&l.at, BankError::LegalOnFunctional);
            None
        }
        // A legal question without any citation is imported (a Moodle export has none) and
        // drawn whatever the exam day; the import notes it (`NoteKind::NoCitation`).
        (Some(Section::Legal), None) => Some(None),
        (Some(Section::Legal), Some(l)) => {
            let before = r.list.len();
            if l.act.is_none() {
                r.push(&l.at, BankError::MissingLegal("act"));
            }
            if l.clause.is_none() {
                r.push(&l.at, BankError::MissingLegal("clause"));
            }
            let act = r.field(l.act.as_ref(), "act", limits::ACT);
            let clause = r.field(l.clause.as_ref(), "clause", limits::CLAUSE);
            let mut date = |v: &Option<Spanned<String>>, field: &'static str| {
                v.as_ref()
                    .and_then(|s| match s.value.trim().parse::<jiff::civil::Date>() {
                        Ok(day) => Some(day),
                        Err(_) => {
                            r.push_at(
                                s,
                                BankError::BadDate {
                                    field,
                                    value: s.value.clone(),
                                },
                            );
                            None
                        }
                    })
            };
            let valid_from = date(&l.valid_from, "valid_from");
            let valid_to = date(&l.valid_to, "valid_to");
            if let (Some(from), Some(to), Some(at)) = (valid_from, valid_to, &l.valid_to)
                && to < from
            {
                r.push_at(
                    at,
                    BankError::ValidToBeforeFrom {
                        from: from.to_string(),
                        to: to.to_string(),
                    },
                );
            }
            (r.list.len() == before).then(|| {
                Some(LegalRef {
                    act: act.unwrap_or_default(),
                    clause: clause.unwrap_or_default(),
                    valid_from,
                    valid_to,
                })
            })
        }
    }
}

fn check_options(
    r: &mut Report,
    d: &Draft,
    kind: Kind,
    no_language: bool,
) -> Option<Vec<AnswerOption>> {
    let before = r.list.len();
    let count = d.option_count();
    if count < limits::MIN_OPTIONS {
        r.push(&d.options_at, BankError::TooFewOptions { count });
    } else if count > limits::MAX_OPTIONS {
        let max = limits::MAX_OPTIONS;
        r.push(&d.options_at, BankError::TooManyOptions { count, max });
    }
    let pinned = pinned_positions(r, d, count);
    let tagged_ids: Vec<String> = match &d.option_ids {
        None => Vec::new(),
        Some(tag) => {
            let ids: Vec<String> = tag.value.split(',').map(|s| s.trim().to_string()).collect();
            if ids.len() != count {
                let e = BankError::BadOptionIds {
                    value: tag.value.clone(),
                    given: ids.len(),
                    count,
                };
                r.push_at(tag, e);
            }
            ids
        }
    };
    let mut ids = HashSet::new();
    let mut seen: [HashSet<String>; 2] = Default::default();
    let mut options = Vec::new();
    for (i, o) in d.options.iter().enumerate() {
        let id = match &o.id {
            Some(s) if !is_valid_option_id(s.value.trim()) => {
                r.push_at(s, BankError::InvalidOptionId(s.value.clone()));
                continue;
            }
            Some(s) => s.value.trim().to_string(),
            None => match (tagged_ids.get(i), &d.option_ids) {
                (Some(id), Some(tag)) if !is_valid_option_id(id) => {
                    r.push_at(tag, BankError::InvalidOptionId(id.clone()));
                    continue;
                }
                (Some(id), _) => id.clone(),
                (None, _) => option_letter(i),
            },
        };
        if !ids.insert(id.clone()) {
            let at = o.id.as_ref().map_or(&o.at, |s| &s.at);
            r.push(at, BankError::DuplicateOptionId(id.clone()));
        }
        if no_language {
            continue;
        }
        let Some(text) = r.text(&o.text, "option text", limits::OPTION_TEXT) else {
            continue;
        };
        for (k, lang) in Lang::ALL.into_iter().enumerate() {
            let t = text.get(lang);
            if !seen[k].insert(t.to_lowercase()) {
                let e = BankError::DuplicateOption {
                    lang,
                    text: t.to_string(),
                };
                match o.text.lang(lang) {
                    Some(s) => r.push_at(s, e),
                    None => r.push(&o.at, e),
                }
            }
        }
        options.push(AnswerOption {
            id,
            text,
            correct: o.correct,
            pinned: o.pinned || pinned.contains(&(i + 1)),
        });
    }
    let keys: Vec<_> = d.options.iter().filter(|o| o.correct).collect();
    match (kind, keys.as_slice()) {
        (_, []) if count > 0 => r.push(&d.options_at, BankError::NoKey),
        (Kind::Single, [_, second, ..]) => {
            r.push(&second.at, BankError::TwoKeysInSingle { count: keys.len() })
        }
        _ => {}
    }
    (r.list.len() == before).then_some(options)
}

/// The `pinned` tag: comma-separated 1-based option positions (`[pinned:4]`).
fn pinned_positions(r: &mut Report, d: &Draft, count: usize) -> HashSet<usize> {
    let Some(tag) = &d.pinned else {
        return HashSet::new();
    };
    let positions: Option<HashSet<usize>> = tag
        .value
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=count).contains(n))
        })
        .collect();
    positions.unwrap_or_else(|| {
        let e = BankError::BadPinned {
            value: tag.value.clone(),
            count,
        };
        r.push_at(tag, e);
        HashSet::new()
    })
}
