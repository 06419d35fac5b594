//! Behaviour of the whole import, on the fixture files in `question-bank/fixtures/`.

mod errors;
mod formats;
mod hostile;
mod moodle;
mod pairing;
mod props;
mod qti;
mod roundtrip;

use super::{Bank, Diagnostic, ImportOptions, Lang, SourceFile, parse_files};

/// A fixture's text, by path under `question-bank/fixtures/`.
macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/question-bank/fixtures/",
            $path
        ))
    };
}
pub(crate) use fixture;

fn source(name: &str, content: &str, lang: Option<Lang>) -> SourceFile {
    SourceFile {
        name: name.to_string(),
        content: content.to_string(),
        format: None,
        lang,
    }
}

/// Imports bilingual files with no defaults.
fn import(files: &[(&str, &str)]) -> Result<Bank, Vec<Diagnostic>> {
    let inputs: Vec<_> = files.iter().map(|(n, c)| source(n, c, None)).collect();
    parse_files(&inputs, &ImportOptions::default())
}

/// The diagnostics as the author reads them.
fn messages(result: Result<Bank, Vec<Diagnostic>>) -> Vec<String> {
    match result {
        Ok(bank) => panic!(
            "expected errors, imported {} questions",
            bank.questions.len()
        ),
        Err(diags) => diags.iter().map(ToString::to_string).collect(),
    }
}

/// The bank, or a panic listing every diagnostic.
fn ok(result: Result<Bank, Vec<Diagnostic>>) -> Bank {
    result.unwrap_or_else(|d| panic!("{}", d.iter().map(|d| format!("\n{d}")).collect::<String>()))
}
