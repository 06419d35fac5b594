//! The question bank: authors' files in, a validated bilingual [`Bank`] out (p.15: the QIO
//! authors and loads the questions; p.16: legal and functional halves).
//!
//! # Layout
//! * `model` — what a valid question is (the lead's types).
//! * `source` — the files handed in, format detection, import defaults.
//! * `json` — the native `synaq-bank/1` format, read and written.
//! * `gift`, `moodle_xml`, `aiken` — the Moodle formats authors already have.
//! * `meta` — the metadata convention (category paths, `key:value` tags) for those formats.
//! * `map` — the category map (`--map FILE`): Moodle categories to section, profile, topic.
//! * `id` — ids derived from a question's content, for files that give none.
//! * `export` — a bank written back as GIFT or Moodle XML, re-importable to the same bank.
//! * `qti` — IMS QTI 2.1 / 3.0 choice items in a content package (a zip).
//! * `text` — normalisation, multilang markup, HTML flattening.
//! * `draft` — a question as read, before validation.
//! * `pair` — Kazakh and Russian files of the same questions paired by id.
//! * `validate` — draft to question, every problem located; the limits.
//! * `diagnostic` — the located errors.
//! * `diff` — what changed between two versions (added, changed, retired).
//! * `intake` — drafts and diagnostics collected within bounds.
//! * `profile` — the known profile tags.
//!
//! Storage, the CLI and HTTP live elsewhere; this module reads no file and keeps no state.
//! The format is documented in `docs/bank-format.md`.

pub mod aiken;
pub mod diagnostic;
pub mod diff;
pub mod draft;
pub mod export;
pub mod gift;
pub mod id;
pub mod intake;
pub mod json;
pub mod map;
pub mod meta;
pub mod model;
pub mod moodle_xml;
pub mod pair;
pub mod profile;
pub mod qti;
pub mod source;
pub mod text;
pub mod validate;

use std::collections::HashMap;

pub use diagnostic::{BankError, Diagnostic, Location, Note, NoteKind, Place};
pub use intake::error_count;
pub use json::to_json;
pub use map::CategoryMap;
pub use model::{AnswerOption, Bank, Kind, Lang, LegalRef, Localized, Question, Section};
pub use source::{
    BadDefault, DefaultsText, Format, ImportOptions, NotUtf8, SourceFile, check_bank_name,
};

use draft::{Draft, Spanned};
use intake::Intake;

/// The outcome of an import: the bank or every problem found, and the notes — what the
/// import did for the author (derived ids, languages read from the letters, legal questions
/// without a citation), reported either way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The bank, or the diagnostics (see [`parse_files`]).
    pub bank: Result<Bank, Vec<Diagnostic>>,
    /// In the order of the files given, then by position.
    pub notes: Vec<Note>,
}

/// Imports a bank from authors' files: all or nothing. Every problem in every file is
/// reported, each with its position (the first [`validate::limits::DIAGNOSTICS`] found, and a
/// last diagnostic counting the rest: see [`error_count`]); a bank with any problem imports no
/// question. The bank's questions are sorted by id. Synchronous and CPU-bound, with memory
/// proportional to the files: an async caller runs it on a blocking thread.
pub fn parse_files(inputs: &[SourceFile], opts: &ImportOptions) -> Result<Bank, Vec<Diagnostic>> {
    import(inputs, opts).bank
}

/// [`parse_files`], with the notes of the import.
pub fn import(inputs: &[SourceFile], opts: &ImportOptions) -> Import {
    let mut intake = Intake::default();
    let mut notes = Vec::new();
    let mut formats: HashMap<&str, Format> = HashMap::new();
    for input in inputs {
        let lang = input.lang.or(opts.lang);
        // A byte-order mark is invisible in the author's editor: columns count without it.
        let content = input
            .content
            .strip_prefix('\u{feff}')
            .unwrap_or(&input.content);
        let Some(format) = input
            .format
            .or_else(|| Format::detect(&input.name, content))
        else {
            intake.error(&input.name, Location::File, BankError::UnknownFormat);
            continue;
        };
        formats.insert(&input.name, format);
        let first = intake.drafts.len();
        match format {
            Format::Json => json::parse(&input.name, content, lang, &mut intake),
            Format::Gift => gift::parse(&input.name, content, lang, &mut intake),
            Format::MoodleXml => moodle_xml::parse(&input.name, content, lang, &mut intake),
            Format::Aiken => aiken::parse(&input.name, content, lang, &mut intake),
            Format::Qti => qti::parse(&input.name, content, lang, &mut intake),
        }
        if format != Format::Json {
            for d in &mut intake.drafts[first..] {
                if let Some(lang) = language_from_script(d) {
                    let at = d.text.at.clone();
                    notes.push(Note::new(&d.file, at, NoteKind::LanguageFromScript(lang)));
                }
                if d.lang.is_none() && d.id.is_none() {
                    let id = id::derive(d);
                    notes.push(derived_note(&d.file, d.at.clone(), &id, format));
                    d.id = Some(Spanned::new(id, d.at.clone()));
                }
            }
        }
    }
    let mut paired = pair::pair(std::mem::take(&mut intake.drafts));
    // The map, the category and the defaults fill in after pairing, so that a tag in either
    // language's file beats them, and the two files' categories, named each in its own
    // language, need not agree (the Kazakh file's is taken).
    let takes_defaults = |d: &Draft| formats.get(d.file.as_str()) != Some(&Format::Json);
    for d in paired
        .drafts
        .iter_mut()
        .chain(paired.lonely.iter_mut().map(|(d, _)| d))
    {
        if takes_defaults(d) {
            if let Some(map) = &opts.map {
                map.apply(d);
            }
            meta::resolve_category(d);
            apply_defaults(d, opts);
        }
    }
    paired.diags.into_iter().for_each(|d| intake.report(d));
    for (place, id) in paired.derived {
        let format = formats
            .get(place.file.as_str())
            .copied()
            .unwrap_or(Format::Gift);
        notes.push(derived_note(&place.file, place.at, &id, format));
    }
    let drafts = paired.drafts;
    duplicate_ids(&drafts)
        .into_iter()
        .for_each(|d| intake.report(d));
    let mut questions = Vec::new();
    for d in &drafts {
        match validate::validate(d) {
            Ok(q) => {
                if q.section == Section::Legal && q.legal.is_none() {
                    notes.push(Note::new(&d.file, d.at.clone(), NoteKind::NoCitation));
                }
                questions.push(q)
            }
            Err(errors) => errors.into_iter().for_each(|d| intake.report(d)),
        }
    }
    // A half without its other half is checked too, but for the language it lacks: every
    // other problem of the question comes in the same round as the missing file.
    for (d, missing) in &paired.lonely {
        if let Err(errors) = validate::validate(d) {
            errors
                .into_iter()
                .filter(|e| !matches!(&e.error, BankError::MissingLanguage(l) if l == missing))
                .filter(|e| e.error != BankError::MissingId)
                .for_each(|e| intake.report(e));
        }
    }
    drop(drafts);
    let order: HashMap<&str, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .rev()
        .collect();
    let key = |file: &str, at: &Location| {
        (
            order.get(file).copied().unwrap_or(usize::MAX),
            at.sort_key(),
        )
    };
    notes.sort_by_key(|n| key(&n.file, &n.at));
    if intake.has_errors() {
        let bank = Err(intake.into_diagnostics(|diags| diags.sort_by_key(|d| key(&d.file, &d.at))));
        return Import { bank, notes };
    }
    questions.sort_by(|a, b| a.id.cmp(&b.id));
    Import {
        bank: Ok(Bank { questions }),
        notes,
    }
}

/// The note for an id derived for the question at `at`, saying how to keep it in the
/// file's own format.
fn derived_note(file: &str, at: Location, id: &str, format: Format) -> Note {
    let keep = match format {
        Format::MoodleXml => format!("<idnumber>{id}</idnumber>"),
        Format::Qti => format!("identifier=\"{id}\""),
        _ => format!("[id:{id}]"),
    };
    let kind = NoteKind::DerivedId {
        id: id.to_string(),
        keep,
    };
    Note::new(file, at, kind)
}

/// Reads the unmarked texts of a draft from a bilingual file as the language their letters
/// show (`text::script_lang`, judged on all of them together), if unambiguous. A question
/// none of whose texts carries markup becomes monolingual, to meet its other half by id.
fn language_from_script(d: &mut Draft) -> Option<Lang> {
    if d.lang.is_some() {
        return None;
    }
    let texts = || std::iter::once(&d.text).chain(d.options.iter().map(|o| &o.text));
    let unmarked: Vec<&str> = texts().filter_map(|t| t.unmarked.as_deref()).collect();
    if unmarked.is_empty() {
        return None;
    }
    let lang = text::script_lang(&unmarked.join(" "))?;
    let none_marked = texts().all(|t| !t.marked);
    for t in std::iter::once(&mut d.text).chain(d.options.iter_mut().map(|o| &mut o.text)) {
        if let Some(s) = t.unmarked.take() {
            t.set(lang, s);
        }
    }
    if none_marked {
        d.lang = Some(lang);
    }
    Some(lang)
}

/// The caller's defaults, where neither a tag nor a category gave the field.
fn apply_defaults(d: &mut Draft, opts: &ImportOptions) {
    let at = || d.at.clone();
    if d.section.is_none() {
        d.section = opts
            .section
            .map(|s| Spanned::new(s.as_str().to_string(), at()));
    }
    if d.topic.is_none() {
        d.topic = opts.topic.clone().map(|t| Spanned::new(t, at()));
    }
    if d.difficulty.is_none() {
        d.difficulty = opts.difficulty.map(|n| Spanned::new(n.to_string(), at()));
    }
    if d.profile.is_empty() {
        d.profile = opts
            .profile
            .iter()
            .map(|t| Spanned::new(t.clone(), at()))
            .collect();
    }
}

/// Question ids are unique across every file of a bank (a stored answer names its question).
fn duplicate_ids(drafts: &[Draft]) -> Vec<Diagnostic> {
    let mut first: HashMap<&str, Place> = HashMap::new();
    let mut diags = Vec::new();
    for d in drafts {
        let Some(id) = d.id.as_ref().map(|s| s.value.trim()) else {
            continue;
        };
        let here = pair::id_place(d);
        match first.get(id) {
            Some(place) => {
                let error = BankError::DuplicateId {
                    id: id.to_string(),
                    first: place.clone(),
                };
                diags.push(Diagnostic::new(here.file, here.at, error));
            }
            None => {
                first.insert(id, here);
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests;
