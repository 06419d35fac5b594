//! Hostile files: nesting, sizes and error counts past every bound, each refused with its
//! position and within bounded memory. Each import runs on a thread with the default 2 MiB
//! stack of a spawned thread, where the unbounded importers overflowed.

use super::*;
use crate::domain::bank::validate::limits;
use crate::domain::bank::{BankError, error_count};

/// Imports bilingual files on a fresh thread with a 2 MiB stack.
fn import_on_small_stack(files: Vec<(&'static str, String)>) -> Vec<Diagnostic> {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let inputs: Vec<_> = files.iter().map(|(n, c)| source(n, c, None)).collect();
            match parse_files(&inputs, &ImportOptions::default()) {
                Ok(bank) => panic!("imported {} questions", bank.questions.len()),
                Err(diags) => diags,
            }
        })
        .expect("a thread")
        .join()
        .expect("the import returns rather than crash")
}

#[test]
fn moodle_xml_nested_60000_deep_is_refused_at_the_first_element_too_deep() {
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<quiz>{}{}</quiz>\n",
        "<a>".repeat(60_000),
        "</a>".repeat(60_000)
    );
    let diags = import_on_small_stack(vec![("deep.xml", xml)]);
    assert_eq!(diags.len(), 1);
    // <quiz> is depth 1 at column 1; the 65th element opens after 63 `<a>` tags.
    assert_eq!(
        diags[0].to_string(),
        "deep.xml:2:196: elements nested more than 64 deep; the file is not read further"
    );
}

#[test]
fn moodle_xml_nested_200000_deep_and_never_closed_is_refused() {
    let xml = format!("<quiz>{}</quiz>", "<a>".repeat(200_000));
    let diags = import_on_small_stack(vec![("deep.xml", xml)]);
    assert_eq!(
        diags[0].error,
        BankError::TooDeep {
            max: limits::XML_DEPTH
        }
    );
}

#[test]
fn moodle_xml_at_the_depth_limit_still_reads() {
    // 64 levels: quiz, question, then 62 wrappers inside the question text's HTML.
    let inner = format!("{}{}", "<b>".repeat(62), "</b>".repeat(62));
    let xml = format!(
        "<quiz><question type=\"multichoice\"><questiontext><text>x</text></questiontext>{inner}</question></quiz>"
    );
    let diags = import_on_small_stack(vec![("ok.xml", xml)]);
    assert!(
        diags
            .iter()
            .all(|d| !matches!(d.error, BankError::TooDeep { .. })),
        "{diags:?}"
    );
}

#[test]
fn json_nested_60000_deep_stops_at_serde_json_recursion_limit() {
    let json = format!("{}{}", "[".repeat(60_000), "]".repeat(60_000));
    let diags = import_on_small_stack(vec![("deep.json", json)]);
    assert_eq!(
        diags[0].to_string(),
        "deep.json:1:128: syntax error: recursion limit exceeded"
    );
}

#[test]
fn gift_with_an_error_per_character_lists_a_thousand_and_counts_the_rest() {
    // Short enough to be read as one question: every `}` is an unescaped control character.
    let gift = format!("Q{} {{=a ~b}}\n", "}".repeat(5_000));
    let diags = import_on_small_stack(vec![("braces.gift", gift)]);
    assert_eq!(diags.len(), limits::DIAGNOSTICS + 1);
    assert_eq!(
        diags[0].to_string(),
        "braces.gift:1:2: unescaped '}' in GIFT text; write '\\}'"
    );
    assert_eq!(error_count(&diags), 5_000, "every brace counted");
    assert!(matches!(
        diags.last().unwrap().error,
        BankError::MoreErrors { shown: 1000, .. }
    ));
}

#[test]
fn a_gift_question_past_its_source_limit_is_refused_whole_at_its_start() {
    let gift = format!("// [id:q1]\n  {}{{=a ~b}}\n", "word ".repeat(20_000));
    let diags = import_on_small_stack(vec![("giant.gift", gift)]);
    assert_eq!(
        diags[0].to_string(),
        "giant.gift:2:3: question source is 100010 characters long; the limit is 65536"
    );
}

#[test]
fn a_bank_past_its_question_limit_stops_reading_at_the_first_question_over() {
    let gift = "a {=b ~c}\n\n".repeat(limits::QUESTIONS + 50);
    let diags = import_on_small_stack(vec![("many.gift", gift)]);
    let over = diags
        .iter()
        .find(|d| matches!(d.error, BankError::TooManyQuestions { .. }))
        .expect("the limit is reported");
    let line = 2 * limits::QUESTIONS as u32 + 1;
    assert_eq!(
        over.to_string(),
        format!(
            "many.gift:{line}:1: more than 20000 questions in the bank; the rest of the file is not read"
        )
    );
}

#[test]
fn a_question_of_a_million_options_keeps_eleven_and_counts_them_all() {
    let aiken = format!("Q?\n{}ANSWER: A\n", "A. x\n".repeat(1_000_000));
    let diags = import_on_small_stack(vec![("opts.aiken", aiken)]);
    assert!(
        diags.iter().any(|d| d.error
            == BankError::TooManyOptions {
                count: 1_000_000,
                max: 10
            }),
        "{diags:?}"
    );
}

#[test]
fn a_raw_text_past_its_limit_is_refused() {
    let text = "x".repeat(limits::RAW_TEXT + 1);
    let xml = format!(
        "<quiz>\n<question type=\"multichoice\"><questiontext format=\"plain_text\"><text>{text}</text></questiontext></question></quiz>"
    );
    let diags = import_on_small_stack(vec![("long.xml", xml)]);
    assert_eq!(
        diags[0].to_string(),
        "long.xml:2:64: text as written is 65537 characters long; the limit is 65536"
    );
}
