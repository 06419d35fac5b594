//! Every error class, each at its exact position; all errors of a bank at once.

use super::*;

/// A valid native question as a JSON value, to be spoiled by each test.
fn base() -> serde_json::Value {
    serde_json::json!({
        "id": "L-1", "section": "legal", "profile": ["all"], "topic": "Appeals", "difficulty": 2,
        "legal": {"act": "Правила аттестации", "clause": "п. 21"},
        "text": {"kk": "Апелляция қашан беріледі?", "ru": "Когда подаётся апелляция?"},
        "options": [
            {"text": {"kk": "2 жұмыс күні", "ru": "2 рабочих дня"}, "correct": true},
            {"text": {"kk": "5 күн", "ru": "5 дней"}, "correct": false}
        ]
    })
}

/// Imports one spoiled question as `q.json`.
fn json_errors(spoil: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
    let mut q = base();
    spoil(&mut q);
    let doc = serde_json::json!({"format": "synaq-bank/1", "questions": [q]});
    messages(import(&[("q.json", &doc.to_string())]))
}

#[test]
fn the_unspoiled_question_imports() {
    let doc = serde_json::json!({"format": "synaq-bank/1", "questions": [base()]});
    assert_eq!(
        ok(import(&[("q.json", &doc.to_string())])).questions.len(),
        1
    );
}

#[test]
fn a_file_with_three_errors_reports_all_three_with_positions() {
    let got = messages(import(&[(
        "three.gift",
        fixture!("errors/three-errors.gift"),
    )]));
    assert_eq!(
        got,
        [
            "three.gift:4:108: no key: no option is marked correct",
            "three.gift:9:15: unknown profile tag 'tmc_lawyer'; expected all, a position slug, group:... or category:...",
            "three.gift:16:14: unescaped '=' in GIFT text; write '\\='",
        ]
    );
}

#[test]
fn a_bank_with_any_error_imports_nothing() {
    let result = import(&[
        ("bank.json", fixture!("bank.json")),
        ("three.gift", fixture!("errors/three-errors.gift")),
    ]);
    assert_eq!(messages(result).len(), 3);
}

#[test]
fn no_key_is_reported_at_the_options() {
    let got = json_errors(|q| q["options"][0]["correct"] = false.into());
    assert_eq!(
        got,
        ["q.json#/questions/0/options: no key: no option is marked correct"]
    );
}

#[test]
fn two_keys_in_single_choice_are_reported_at_the_second_key() {
    let gift = "// [id:F-1] [section:functional] [topic:T] [profile:all] [difficulty:1]\n\
                {mlang kk}Қайсысы?{mlang}{mlang ru}Какой?{mlang} {\n  =1\n  =2\n  ~3\n}\n";
    let got = messages(import(&[("k.gift", gift)]));
    assert_eq!(
        got,
        ["k.gift:4:3: 2 keys in a single-choice question; mark one, or make it multiple"]
    );
    let json = json_errors(|q| q["options"][1]["correct"] = true.into());
    assert_eq!(
        json,
        [
            "q.json#/questions/0/options/1: 2 keys in a single-choice question; mark one, or make it multiple"
        ]
    );
}

#[test]
fn multiple_choice_takes_several_keys_but_not_none() {
    let doc = |correct: bool| {
        let mut q = base();
        q["kind"] = "multiple".into();
        q["options"][1]["correct"] = correct.into();
        q["options"][0]["correct"] = correct.into();
        serde_json::json!({"format": "synaq-bank/1", "questions": [q]}).to_string()
    };
    assert!(import(&[("m.json", &doc(true))]).is_ok());
    assert_eq!(messages(import(&[("m.json", &doc(false))])).len(), 1);
}

#[test]
fn fewer_than_two_options_are_refused() {
    let got = json_errors(|q| q["options"].as_array_mut().unwrap().truncate(1));
    assert_eq!(
        got,
        ["q.json#/questions/0/options: 1 option(s); a question needs at least 2"]
    );
}

#[test]
fn duplicate_options_are_found_per_language_after_normalisation() {
    let got = json_errors(|q| q["options"][1]["text"]["ru"] = "  2  РАБОЧИХ дня".into());
    assert_eq!(
        got,
        [
            "q.json#/questions/0/options/1/text/ru: duplicate option in ru: '2 РАБОЧИХ дня' (same text after normalisation)"
        ]
    );
}

#[test]
fn a_missing_language_is_refused() {
    let got = json_errors(|q| {
        q["text"].as_object_mut().unwrap().remove("ru");
    });
    assert_eq!(
        got,
        ["q.json#/questions/0/text: missing ru text (CPD p.24: testing in Kazakh or Russian)"]
    );
}

#[test]
fn empty_and_over_long_texts_are_refused() {
    let got = json_errors(|q| {
        q["text"]["kk"] = " \n ".into();
        q["text"]["ru"] = "я".repeat(2001).into();
        q["options"][0]["text"]["kk"] = "ө".repeat(501).into();
    });
    assert_eq!(
        got,
        [
            "q.json#/questions/0/text/kk: question text is empty",
            "q.json#/questions/0/text/ru: question text is 2001 characters long; the limit is 2000",
            "q.json#/questions/0/options/0/text/kk: option text is 501 characters long; the limit is 500",
        ]
    );
}

#[test]
fn unknown_section_profile_tag_kind_and_difficulty_are_refused() {
    let got = json_errors(|q| {
        q["section"] = "law".into();
        q["profile"] = serde_json::json!(["all", "tmc_driver", "all"]);
        q["kind"] = "truefalse".into();
        q["difficulty"] = 6.into();
    });
    assert_eq!(
        got,
        [
            "q.json#/questions/0/kind: unknown kind 'truefalse'; expected single or multiple",
            "q.json#/questions/0/section: unknown section 'law'; expected legal or functional (p.16)",
            "q.json#/questions/0/profile/1: unknown profile tag 'tmc_driver'; expected all, a position slug, group:... or category:...",
            "q.json#/questions/0/profile/2: profile tag 'all' listed twice",
            "q.json#/questions/0/difficulty: difficulty '6' is not 1 to 5",
        ]
    );
}

#[test]
fn duplicate_ids_are_found_across_files() {
    let got = messages(import(&[
        ("a.json", fixture!("bank.json")),
        ("b.json", fixture!("bank.json")),
    ]));
    assert_eq!(
        got,
        [
            "b.json#/questions/0/id: duplicate question id 'L-001', first defined at a.json#/questions/0/id",
            "b.json#/questions/1/id: duplicate question id 'F-001', first defined at a.json#/questions/1/id",
        ]
    );
}

#[test]
fn legal_question_citing_half_an_act_is_refused_p16() {
    let got = json_errors(|q| {
        q["legal"].as_object_mut().unwrap().remove("clause");
    });
    assert_eq!(
        got,
        [
            "q.json#/questions/0/legal: legal question without clause (p.16: questions on normative legal acts cite the act)"
        ]
    );
}

#[test]
fn legal_question_citing_nothing_imports_with_a_note_p16() {
    let mut q = base();
    q.as_object_mut().unwrap().remove("legal");
    let doc = serde_json::json!({"format": "synaq-bank/1", "questions": [q]});
    let gift = "$CATEGORY: legal/Appeals\n// [id:L-9] [profile:all] [difficulty:1]\n\
                {mlang kk}Қашан?{mlang}{mlang ru}Когда?{mlang} {=1 ~2}\n";
    let inputs = [
        source("q.json", &doc.to_string(), None),
        source("l.gift", gift, None),
    ];
    let out = crate::domain::bank::import(&inputs, &ImportOptions::default());
    let bank = ok(out.bank);
    assert!(bank.questions.iter().all(|q| q.legal.is_none()));
    let notes: Vec<String> = out.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        [
            "q.json#/questions/0: note: legal question cites no act; it is drawn on every exam day (add act and clause so that it stops when the act changes)",
            "l.gift:3:1: note: legal question cites no act; it is drawn on every exam day (add act and clause so that it stops when the act changes)",
        ]
    );
}

#[test]
fn functional_question_citing_an_act_is_refused() {
    let got = json_errors(|q| q["section"] = "functional".into());
    assert_eq!(
        got,
        [
            "q.json#/questions/0/legal: a functional question cites no act; remove act/clause/valid_from/valid_to"
        ]
    );
}

#[test]
fn valid_to_before_valid_from_and_bad_dates_are_refused() {
    let got = json_errors(|q| {
        q["legal"]["valid_from"] = "2025-10-17".into();
        q["legal"]["valid_to"] = "2025-01-01".into();
    });
    assert_eq!(
        got,
        ["q.json#/questions/0/legal/valid_to: valid_to 2025-01-01 is before valid_from 2025-10-17"]
    );
    let got = json_errors(|q| q["legal"]["valid_from"] = "17.10.2025".into());
    assert_eq!(
        got,
        ["q.json#/questions/0/legal/valid_from: valid_from '17.10.2025' is not a date YYYY-MM-DD"]
    );
}

#[test]
fn unescaped_gift_control_characters_are_refused_where_they_stand() {
    let gift = "// [id:F-1] [section:functional] [topic:T] [profile:all] [difficulty:1]\n\
                {mlang kk}Иә # жоқ?{mlang}{mlang ru}Да или нет?{mlang} {\n  =1=2\n  ~3\n}\n";
    let got = messages(import(&[("e.gift", gift)]));
    assert_eq!(
        got,
        [
            "e.gift:2:14: unescaped '#' in GIFT text; write '\\#'",
            "e.gift:3:5: unescaped '=' in GIFT text; write '\\='",
        ]
    );
}

#[test]
fn json_syntax_errors_carry_serde_line_and_column() {
    let got = messages(import(&[(
        "s.json",
        "{\n  \"format\": \"synaq-bank/1\",\n  \"questions\": [,]\n}\n",
    )]));
    assert_eq!(got, ["s.json:3:17: syntax error: expected value"]);
}

#[test]
fn json_unknown_fields_and_wrong_format_are_refused() {
    let mut q = base();
    q["dificulty"] = 2.into();
    let doc = serde_json::json!({"format": "synaq-bank/2", "questions": [q]});
    let got = messages(import(&[("u.json", &doc.to_string())]));
    assert_eq!(
        got,
        [
            "u.json#/format: expected \"format\": \"synaq-bank/1\"",
            "u.json#/questions/0/dificulty: unknown field 'dificulty'",
        ]
    );
}

#[test]
fn other_moodle_types_are_refused_with_their_line() {
    let gift = messages(import(&[(
        "types.gift",
        fixture!("errors/refused-types.gift"),
    )]));
    let types: Vec<_> = gift
        .iter()
        .map(|m| m.split(": unsupported").next().unwrap_or(""))
        .collect();
    assert_eq!(
        types,
        [
            "types.gift:2:29",
            "types.gift:4:27",
            "types.gift:6:14",
            "types.gift:11:21",
            "types.gift:13:1"
        ]
    );
    assert!(
        gift[0].contains("'essay'")
            && gift[1].contains("'numerical'")
            && gift[2].contains("'matching'")
    );
    assert!(gift[3].contains("'shortanswer'") && gift[4].contains("'description'"));
    let xml = messages(import(&[(
        "types.xml",
        fixture!("errors/refused-types.xml"),
    )]));
    assert_eq!(
        xml,
        ["essay", "matching", "shortanswer", "cloze"]
            .iter()
            .zip([3, 6, 9, 12])
            .map(|(t, line)| format!("types.xml:{line}:3: unsupported question type '{t}': only multiple choice and true/false are imported"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn cyrillic_look_alike_option_letters_are_refused_with_line_and_character() {
    let got = messages(import(&[("bank.txt", fixture!("errors/cyrillic.aiken"))]));
    assert_eq!(
        got,
        [
            "bank.txt:8:1: option letter 'А' is Cyrillic U+0410; use Latin 'A'",
            "bank.txt:11:9: option letter 'С' is Cyrillic U+0421; use Latin 'C'",
        ]
    );
}

#[test]
fn aiken_refuses_several_answers_and_a_missing_answer_line() {
    let aiken = "// [id:F-1] [section:functional] [topic:T] [profile:all] [difficulty:1]\n\
                 {mlang kk}Қайсысы?{mlang}{mlang ru}Какой?{mlang}\nA. 1\nB. 2\nANSWER: A, B\n\n\
                 // [id:F-2]\n{mlang kk}Қайсысы?{mlang}{mlang ru}Какой?{mlang}\nA. 1\nB. 2\n";
    let got = messages(import(&[("a.aiken", aiken)]));
    assert_eq!(
        got,
        [
            "a.aiken:5:9: Aiken has one answer per question; use GIFT or JSON for multiple choice",
            "a.aiken:8:1: syntax error: question has no 'ANSWER:' line",
        ]
    );
}

#[test]
fn xml_syntax_errors_are_located() {
    let got = messages(import(&[(
        "x.xml",
        "<quiz>\n  <question type=\"multichoice\">\n  </quiz>\n",
    )]));
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("x.xml:3:"), "{}", got[0]);
}

#[test]
fn a_short_unmarked_text_has_no_language_and_the_error_names_the_flag() {
    let gift = "$CATEGORY: functional/T\n// [profile:all] [difficulty:1]\nКакой? {=да ~нет}\n";
    let got = messages(import(&[("n.gift", gift)]));
    assert_eq!(
        got,
        [
            "n.gift:3:1: text has no language: mark it with multilang spans, or give the file's language (--lang kk|ru; HTTP: lang=; or name it NAME.kk.gift / NAME.ru.gift)",
        ]
    );
}

#[test]
fn a_native_question_without_an_id_is_refused() {
    let got = json_errors(|q| {
        q.as_object_mut().unwrap().remove("id");
    });
    assert_eq!(
        got,
        [
            "q.json#/questions/0: question has no id; give it one (`// [id:...]`, `<idnumber>`, or \"id\" in JSON)"
        ]
    );
}

#[test]
fn a_json_file_with_three_errors_reports_all_three_by_question() {
    let mut first = base();
    first["options"][0]["correct"] = false.into();
    let mut second = base();
    second["id"] = "L-2".into();
    second["colour"] = "red".into();
    second["topic"] = "".into();
    let doc = serde_json::json!({"format": "synaq-bank/1", "questions": [first, second]});
    let got = messages(import(&[("three.json", &format!("\u{feff}{doc}"))]));
    assert_eq!(
        got,
        [
            "three.json#/questions/0/options: no key: no option is marked correct",
            "three.json#/questions/1/colour: unknown field 'colour'",
            "three.json#/questions/1/topic: topic is empty",
        ]
    );
}
