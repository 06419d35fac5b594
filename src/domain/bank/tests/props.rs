//! Properties of every importer on generated input (bounded case counts; the fuzz targets in
//! `fuzz/` run the same oracles for minutes):
//! - no input panics an importer;
//! - every line/column diagnostic points inside the file the author handed in;
//! - whatever imports survives the native writer: `parse(to_json(parse(x))) == parse(x)`,
//!   and the GIFT and Moodle XML writers likewise (bilingual, and as a kk/ru pair), where
//!   they do not refuse a question.

use proptest::prelude::*;

use super::*;
use crate::domain::bank::export::{self, ExportFormat};
use crate::domain::bank::{Format, Location, to_json};

/// Imports one file of `format`, bilingual, with no defaults.
fn import_as(format: Format, name: &str, content: &str) -> Result<Bank, Vec<Diagnostic>> {
    let file = SourceFile {
        name: name.to_string(),
        content: content.to_string(),
        format: Some(format),
        lang: None,
    };
    parse_files(&[file], &ImportOptions::default())
}

/// Every line/column diagnostic is 1-based and inside `text` (after a byte-order mark).
fn located_inside(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in diags {
        if let Location::Line { line, column } = d.at {
            prop_assert!(line >= 1 && column >= 1, "{d}: not 1-based");
            let Some(l) = lines.get(line as usize - 1) else {
                return Err(TestCaseError::fail(format!(
                    "{d}: line {line} of {}",
                    lines.len()
                )));
            };
            let width = l.chars().count() as u32;
            prop_assert!(column <= width + 1, "{d}: column {column}, line of {width}");
        }
    }
    Ok(())
}

/// The importer's outcome checked: located diagnostics, or a bank the writer round-trips.
fn check(format: Format, name: &str, content: &str) -> Result<(), TestCaseError> {
    match import_as(format, name, content) {
        Err(diags) => located_inside(content, &diags),
        Ok(bank) => {
            let written = to_json(&bank);
            let again = import_as(Format::Json, "again.json", &written)
                .map_err(|d| TestCaseError::fail(format!("{d:?}\n{written}")))?;
            prop_assert_eq!(&again, &bank);
            // And through the Moodle writers, unless they refuse the question by its id.
            for (format, name) in [
                (Format::Gift, "again.gift"),
                (Format::MoodleXml, "again.xml"),
            ] {
                let export = match format {
                    Format::Gift => ExportFormat::Gift,
                    _ => ExportFormat::MoodleXml,
                };
                let Ok(written) = export::export(&bank, export, None) else {
                    continue;
                };
                let again = import_as(format, name, &written)
                    .map_err(|d| TestCaseError::fail(format!("{d:?}\n{written}")))?;
                prop_assert_eq!(&again, &bank, "{}", written);
                // As a pair of monolingual files, one per language.
                let (Ok(kk), Ok(ru)) = (
                    export::export(&bank, export, Some(Lang::Kk)),
                    export::export(&bank, export, Some(Lang::Ru)),
                ) else {
                    return Err(TestCaseError::fail("one language refused, both not"));
                };
                let ext = name.rsplit('.').next().unwrap_or("");
                let files: Vec<SourceFile> = [(Lang::Kk, kk), (Lang::Ru, ru)]
                    .into_iter()
                    .map(|(lang, content)| SourceFile {
                        name: format!("again.{}.{ext}", lang.as_str()),
                        content,
                        format: Some(format),
                        lang: Some(lang),
                    })
                    .collect();
                let pair = parse_files(&files, &ImportOptions::default()).map_err(|d| {
                    TestCaseError::fail(format!(
                        "{d:?}\n{}\n{}",
                        files[0].content, files[1].content
                    ))
                })?;
                prop_assert_eq!(&pair, &bank);
            }
            Ok(())
        }
    }
}

/// Text an author might type: Kazakh and Russian letters, digits, punctuation, each format's
/// markup characters, entities, tabs and line ends.
fn author_text() -> impl Strategy<Value = String> {
    r"[a-zA-Zа-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ0-9 .,;!?%()\[\]{}~=#:\\/<>&'\x22\t\r\n-]{0,60}"
}

/// Lines built from the tokens the importers look for, so that generated files reach past
/// the first syntax check.
fn token_soup(tokens: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(tokens).prop_map(str::to_string),
            2 => author_text(),
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

const GIFT_TOKENS: &[&str] = &[
    "::",
    "{",
    "}",
    "=",
    "~",
    "#",
    "%50%",
    "%-100%",
    "//",
    "// [id:F-1]",
    " [section:functional]",
    " [topic:T]",
    " [profile:all]",
    " [difficulty:2]",
    "$CATEGORY: legal/T\n",
    "{mlang kk}",
    "{mlang ru}",
    "{mlang}",
    "\\n",
    "\\{",
    "\n\n",
    "[html]",
    "[markdown]",
    "TRUE",
    "FALSE",
    "{#1:2}",
    "->",
];

const AIKEN_TOKENS: &[&str] = &[
    "A. ",
    "B) ",
    "C. ",
    "D. ",
    "\n",
    "\n\n",
    "ANSWER: A\n",
    "ANSWER: B, C\n",
    "ANSWER:",
    "{mlang kk}",
    "{mlang ru}",
    "{mlang}",
    "// [id:L-1] [profile:all] [difficulty:1] [act:A] [clause:1]\n",
    "$CATEGORY: legal/T\n",
    "// [section:functional] [topic:T]",
];

const XML_TOKENS: &[&str] = &[
    "<quiz>",
    "</quiz>",
    "<question type=\"multichoice\">",
    "<question type=\"category\">",
    "</question>",
    "<questiontext format=\"html\">",
    "</questiontext>",
    "<text>",
    "</text>",
    "<![CDATA[",
    "]]>",
    "<answer fraction=\"100\">",
    "<answer fraction=\"0\">",
    "</answer>",
    "<single>true</single>",
    "<single>false</single>",
    "<idnumber>L-1</idnumber>",
    "<tags>",
    "</tags>",
    "<tag><text>profile:all</text></tag>",
    "<tag><text>difficulty:1</text></tag>",
    "<category><text>$course$/top/legal/T</text></category>",
    "<span lang=\"kk\" class=\"multilang\">",
    "<span lang=\"ru\" class=\"multilang\">",
    "</span>",
    "&amp;",
    "&lt;",
    "&#1234;",
    "&bogus;",
    "<?xml version=\"1.0\"?>",
    "<!-- c -->",
    "<p>",
    "</p>",
    "<br/>",
];

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"format\"",
    "\"synaq-bank/1\"",
    "\"questions\"",
    "\"id\"",
    "\"L-001\"",
    "\"section\"",
    "\"legal\"",
    "\"functional\"",
    "\"profile\"",
    "[\"all\"]",
    "\"topic\"",
    "\"difficulty\"",
    "1",
    "6",
    "-1",
    "\"kind\"",
    "\"single\"",
    "\"multiple\"",
    "\"text\"",
    "{\"kk\": \"а\", \"ru\": \"б\"}",
    "\"options\"",
    "\"correct\"",
    "true",
    "false",
    "\"pinned\"",
    "null",
    "\"act\"",
    "\"clause\"",
    "\"valid_from\"",
    "\"2024-13-40\"",
    "\\u0000",
];

/// A GIFT question whose texts and metadata are generated: often valid, so the round trip
/// is exercised, with the text fields free.
fn gift_question() -> impl Strategy<Value = String> {
    (
        1u32..9999,
        author_text(),
        author_text(),
        prop::collection::vec((author_text(), any::<bool>()), 2..6),
        0u8..7,
    )
        .prop_map(|(id, kk, ru, options, difficulty)| {
            use crate::domain::bank::gift::escape;
            let mut q = format!(
                "// [id:F-{id}] [section:functional] [topic:T] [profile:all] [difficulty:{difficulty}]\n\
                 {{mlang kk}}{}{{mlang}}{{mlang ru}}{}{{mlang}} {{\n",
                escape(&kk),
                escape(&ru)
            );
            let mut key = false;
            for (text, correct) in options {
                let mark = if correct && !key { '=' } else { '~' };
                key |= correct;
                q.push_str(&format!("  {mark}{}\n", escape(&text)));
            }
            q.push_str("}\n\n");
            q
        })
}

/// A native question whose every text is generated, metadata included: when it imports,
/// the Moodle writers must write it back as it is, or refuse it by its id.
fn json_question() -> impl Strategy<Value = serde_json::Value> {
    (
        (author_text(), author_text(), author_text(), author_text()),
        prop::collection::vec((author_text(), author_text(), any::<bool>(), any::<bool>()), 2..5),
        (any::<bool>(), any::<bool>(), 0u8..6, any::<bool>()),
    )
        .prop_map(|((kk, ru, topic, act), options, (legal, multiple, difficulty, ids))| {
            let options: Vec<serde_json::Value> = options
                .into_iter()
                .enumerate()
                .map(|(i, (kk, ru, correct, pinned))| {
                    let mut o = serde_json::json!({"text": {"kk": kk, "ru": ru}, "correct": correct || i == 0, "pinned": pinned});
                    if ids {
                        o["id"] = format!("o{}", 9 - i).into();
                    }
                    o
                })
                .collect();
            let mut q = serde_json::json!({
                "id": "Q-1", "profile": ["all"], "topic": topic,
                "section": if legal { "legal" } else { "functional" },
                "kind": if multiple { "multiple" } else { "single" },
                "text": {"kk": kk, "ru": ru}, "options": options,
            });
            if difficulty > 0 {
                q["difficulty"] = difficulty.into();
            }
            if legal {
                q["legal"] = serde_json::json!({"act": act, "clause": "п. 1", "valid_from": "2024-11-05"});
            }
            serde_json::json!({"format": "synaq-bank/1", "questions": [q]})
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_native_banks_round_trip_through_every_writer(doc in json_question()) {
        check(Format::Json, "gen.json", &doc.to_string())?;
    }

    #[test]
    fn no_text_panics_any_importer(text in r"\PC{0,200}") {
        for (format, name) in [
            (Format::Json, "x.json"),
            (Format::Gift, "x.gift"),
            (Format::MoodleXml, "x.xml"),
            (Format::Aiken, "x.aiken"),
        ] {
            check(format, name, &text)?;
        }
    }

    #[test]
    fn gift_soup_is_located_or_round_trips(text in token_soup(GIFT_TOKENS)) {
        check(Format::Gift, "soup.gift", &text)?;
    }

    #[test]
    fn aiken_soup_is_located_or_round_trips(text in token_soup(AIKEN_TOKENS)) {
        check(Format::Aiken, "soup.aiken", &text)?;
    }

    #[test]
    fn xml_soup_is_located_or_round_trips(text in token_soup(XML_TOKENS)) {
        check(Format::MoodleXml, "soup.xml", &text)?;
    }

    #[test]
    fn json_soup_is_located_or_round_trips(text in token_soup(JSON_TOKENS)) {
        check(Format::Json, "soup.json", &text)?;
    }

    #[test]
    fn generated_gift_banks_round_trip_through_the_writer(
        questions in prop::collection::vec(gift_question(), 1..6),
    ) {
        check(Format::Gift, "gen.gift", &questions.concat())?;
    }

    /// The fixtures cut anywhere (a truncated upload) are refused with located errors, or
    /// still import and round-trip.
    #[test]
    fn every_fixture_cut_short_is_located_or_round_trips(cut in 0usize..4000) {
        for (format, name, text) in [
            (Format::Json, "bank.json", fixture!("bank.json")),
            (Format::Gift, "bank.gift", fixture!("bank.gift")),
            (Format::MoodleXml, "bank.xml", fixture!("bank.xml")),
            (Format::Aiken, "bank.aiken", fixture!("bank.aiken")),
        ] {
            let mut end = cut.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            check(format, name, &text[..end])?;
        }
    }
}

/// The fixtures themselves import and round-trip (the properties above start from them).
#[test]
fn every_fixture_round_trips_through_the_writer() {
    for (format, name, text) in [
        (Format::Json, "bank.json", fixture!("bank.json")),
        (Format::Gift, "bank.gift", fixture!("bank.gift")),
        (Format::MoodleXml, "bank.xml", fixture!("bank.xml")),
        (Format::Aiken, "bank.aiken", fixture!("bank.aiken")),
    ] {
        let bank = ok(import_as(format, name, text));
        assert!(!bank.questions.is_empty(), "{name}");
        let again = ok(import_as(Format::Json, "again.json", &to_json(&bank)));
        assert_eq!(again, bank, "{name}");
    }
}

/// Found by `no_text_panics_any_importer` and the JSON soup: serde_json's columns count bytes
/// and start at 0 on an empty file; a diagnostic's count characters from 1.
#[test]
fn json_syntax_errors_are_located_by_character_from_one() {
    let at = |text: &str| match import_as(Format::Json, "s.json", text) {
        Err(d) => d[0].to_string(),
        Ok(_) => panic!("{text:?} imported"),
    };
    assert_eq!(
        at(""),
        "s.json:1:1: syntax error: EOF while parsing a value"
    );
    // Eleven characters, 37 bytes: the end of the string is character 11, not byte 36.
    assert_eq!(
        at("\"🌀𞹝𐠈®\u{16f4f}ௐ\u{9d7}ⴰ🣀\u{11d3a}"),
        "s.json:1:11: syntax error: EOF while parsing a string"
    );
    assert_eq!(
        at("{\n  \"format\": \"Сұрақ"),
        "s.json:2:18: syntax error: EOF while parsing a string"
    );
}
