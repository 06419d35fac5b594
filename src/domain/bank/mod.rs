//! The question bank: authors' files in, a validated bilingual [`Bank`] out (p.15: the QIO
//! authors and loads the questions; p.16: legal and functional halves).
//!
//! # Layout
//! * `model` — what a valid question is (the lead's types).
//! * `source` — the files handed in, format detection, import defaults.
//! * `json` — the native `synaq-bank/1` format, read and written.
//! * `gift`, `moodle_xml`, `aiken` — the Moodle formats authors already have.
//! * `meta` — the metadata convention (category paths, `key:value` tags) for those formats.
//! * `text` — normalisation, multilang markup, HTML flattening.
//! * `draft` — a question as read, before validation.
//! * `pair` — Kazakh and Russian files of the same questions paired by id.
//! * `validate` — draft to question, every problem located; the limits.
//! * `diagnostic` — the located errors.
//! * `intake` — drafts and diagnostics collected within bounds.
//! * `profile` — the known profile tags.
//!
//! Storage, the CLI and HTTP live elsewhere; this module reads no file and keeps no state.
//! The format is documented in `docs/bank-format.md`.

pub mod aiken;
pub mod diagnostic;
pub mod draft;
pub mod gift;
pub mod intake;
pub mod json;
pub mod meta;
pub mod model;
pub mod moodle_xml;
pub mod pair;
pub mod profile;
pub mod source;
pub mod text;
pub mod validate;

use std::collections::HashMap;

pub use diagnostic::{BankError, Diagnostic, Location, Place};
pub use intake::error_count;
pub use json::to_json;
pub use model::{AnswerOption, Bank, Kind, Lang, LegalRef, Localized, Question, Section};
pub use source::{Format, ImportOptions, NotUtf8, SourceFile, check_bank_name};

use draft::{Draft, Spanned};
use intake::Intake;

/// Imports a bank from authors' files: all or nothing. Every problem in every file is
/// reported, each with its position (the first [`validate::limits::DIAGNOSTICS`] found, and a
/// last diagnostic counting the rest: see [`error_count`]); a bank with any problem imports no
/// question. The bank's questions are sorted by id. Synchronous and CPU-bound, with memory
/// proportional to the files: an async caller runs it on a blocking thread.
pub fn parse_files(inputs: &[SourceFile], opts: &ImportOptions) -> Result<Bank, Vec<Diagnostic>> {
    let mut intake = Intake::default();
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
        let first = intake.drafts.len();
        match format {
            Format::Json => json::parse(&input.name, content, lang, &mut intake),
            Format::Gift => gift::parse(&input.name, content, lang, &mut intake),
            Format::MoodleXml => moodle_xml::parse(&input.name, content, lang, &mut intake),
            Format::Aiken => aiken::parse(&input.name, content, lang, &mut intake),
        }
        if format != Format::Json {
            intake.drafts[first..]
                .iter_mut()
                .for_each(|d| apply_defaults(d, opts));
        }
    }
    let (drafts, errors) = pair::pair(std::mem::take(&mut intake.drafts));
    errors.into_iter().for_each(|d| intake.report(d));
    duplicate_ids(&drafts)
        .into_iter()
        .for_each(|d| intake.report(d));
    let mut questions = Vec::new();
    for d in &drafts {
        match validate::validate(d) {
            Ok(q) => questions.push(q),
            Err(errors) => errors.into_iter().for_each(|d| intake.report(d)),
        }
    }
    drop(drafts);
    if intake.has_errors() {
        let order: HashMap<&str, usize> = inputs
            .iter()
            .enumerate()
            .map(|(i, f)| (f.name.as_str(), i))
            .rev()
            .collect();
        return Err(intake.into_diagnostics(|diags| {
            diags.sort_by_key(|d| {
                (
                    order.get(d.file.as_str()).copied().unwrap_or(usize::MAX),
                    d.at.sort_key(),
                )
            })
        }));
    }
    questions.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Bank { questions })
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
