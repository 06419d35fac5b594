//! What an import has collected so far — drafts and diagnostics — kept within bounds, so that
//! the memory an import takes is proportional to its files whatever they contain.
//!
//! A hostile or broken file can produce an error per character (4 MiB of unescaped `}` in GIFT
//! is four million diagnostics) or a question per line. The intake keeps the first
//! [`limits::DIAGNOSTICS`] diagnostics found and counts the rest, and stops reading questions
//! once a bank has [`limits::QUESTIONS`]. The importers read into it; `parse_files` turns it
//! into the result. The limits themselves live in `validate::limits` and `docs/limits.md`.

use super::diagnostic::{BankError, Diagnostic, Location};
use super::draft::Draft;
use super::validate::limits;

/// The drafts and diagnostics of one import, across all its files.
#[derive(Debug, Default)]
pub(crate) struct Intake {
    /// The drafts read, in file order.
    pub drafts: Vec<Draft>,
    /// The first [`limits::DIAGNOSTICS`] diagnostics found.
    diags: Vec<Diagnostic>,
    /// How many more were found and not kept, and the file of the first of them.
    omitted: usize,
    omitted_file: Option<String>,
    /// Questions met so far (read or refused), to stop at [`limits::QUESTIONS`].
    questions: usize,
}

impl Intake {
    /// Records a diagnostic, or only counts it once [`limits::DIAGNOSTICS`] are kept.
    pub(crate) fn report(&mut self, d: Diagnostic) {
        if self.diags.len() < limits::DIAGNOSTICS {
            self.diags.push(d);
        } else {
            self.omitted += 1;
            self.omitted_file.get_or_insert(d.file);
        }
    }

    /// Records a problem at `at` in `file`.
    pub(crate) fn error(&mut self, file: &str, at: Location, error: BankError) {
        if self.diags.len() < limits::DIAGNOSTICS {
            self.diags.push(Diagnostic::new(file, at, error));
        } else {
            self.omitted += 1;
            self.omitted_file.get_or_insert_with(|| file.to_string());
        }
    }

    /// Counts a question starting at `at`. `false` once the bank would pass
    /// [`limits::QUESTIONS`]: the importer stops reading its file, and the first question over
    /// the limit is reported where it starts.
    pub(crate) fn question(&mut self, file: &str, at: &Location) -> bool {
        self.questions += 1;
        if self.questions == limits::QUESTIONS + 1 {
            let max = limits::QUESTIONS;
            let e = BankError::TooManyQuestions { max };
            self.error(file, at.clone(), e);
        }
        self.questions <= limits::QUESTIONS
    }

    /// Whether diagnostics were found.
    pub(crate) fn has_errors(&self) -> bool {
        !self.diags.is_empty()
    }

    /// The diagnostics kept, with a last one counting those left out, if any. `sort` orders
    /// the kept ones before the count is appended.
    pub(crate) fn into_diagnostics(
        self,
        sort: impl FnOnce(&mut Vec<Diagnostic>),
    ) -> Vec<Diagnostic> {
        let mut diags = self.diags;
        sort(&mut diags);
        if let Some(file) = self.omitted_file {
            let e = BankError::MoreErrors {
                shown: diags.len(),
                omitted: self.omitted,
            };
            diags.push(Diagnostic::new(file, Location::File, e));
        }
        diags
    }
}

/// How many problems a list of diagnostics stands for: the ones listed, plus those a final
/// [`BankError::MoreErrors`] counts without listing. For "N error(s)" summaries.
pub fn error_count(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .map(|d| match d.error {
            BankError::MoreErrors { omitted, .. } => omitted,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_past_the_limit_are_counted_not_kept() {
        let mut intake = Intake::default();
        for n in 0..limits::DIAGNOSTICS as u32 + 5 {
            intake.error("a.gift", Location::at(n + 1, 1), BankError::NoKey);
        }
        let diags = intake.into_diagnostics(|_| {});
        assert_eq!(diags.len(), limits::DIAGNOSTICS + 1);
        assert_eq!(error_count(&diags), limits::DIAGNOSTICS + 5);
        assert_eq!(
            diags.last().unwrap().to_string(),
            "a.gift: 5 more error(s) not listed; the first 1000 found are shown"
        );
    }

    #[test]
    fn under_the_limit_nothing_is_added() {
        let mut intake = Intake::default();
        intake.error("a.gift", Location::at(1, 1), BankError::NoKey);
        let diags = intake.into_diagnostics(|_| {});
        assert_eq!(diags.len(), 1);
        assert_eq!(error_count(&diags), 1);
    }

    #[test]
    fn the_question_past_the_limit_is_refused_once() {
        let mut intake = Intake::default();
        let at = Location::at(1, 1);
        for _ in 0..limits::QUESTIONS {
            assert!(intake.question("a.gift", &at));
        }
        assert!(!intake.question("a.gift", &at));
        assert!(!intake.question("b.gift", &at));
        let diags = intake.into_diagnostics(|_| {});
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].error,
            BankError::TooManyQuestions {
                max: limits::QUESTIONS
            }
        );
    }
}
