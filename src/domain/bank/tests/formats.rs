//! A worked example per format imports correctly, bilingual.

use super::*;
use crate::domain::bank::{Format, Kind, Section, to_json};

fn question<'a>(bank: &'a Bank, id: &str) -> &'a crate::domain::bank::Question {
    bank.questions
        .iter()
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

fn keys(q: &crate::domain::bank::Question) -> Vec<&str> {
    q.options
        .iter()
        .filter(|o| o.correct)
        .map(|o| o.id.as_str())
        .collect()
}

#[test]
fn native_json_worked_example_imports_with_default_option_ids() {
    let bank = ok(import(&[("bank.json", fixture!("bank.json"))]));
    let ids: Vec<_> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["F-001", "L-001"], "sorted by id");
    let l = question(&bank, "L-001");
    assert_eq!(
        (l.section, l.kind, l.difficulty),
        (Section::Legal, Kind::Single, Some(1))
    );
    let legal = l
        .legal
        .as_ref()
        .expect("legal question cites its act (p.16)");
    assert_eq!(legal.clause, "п. 16");
    assert_eq!(legal.valid_from, Some(jiff::civil::date(2024, 11, 5)));
    assert_eq!(keys(l), ["b"]);
    assert!(l.options[3].pinned && !l.options[0].pinned);
    assert_eq!(
        l.text.ru,
        "Сколько вопросов содержит тестирование при аттестации?"
    );
    let f = question(&bank, "F-001");
    assert_eq!((f.kind, f.legal.as_ref()), (Kind::Multiple, None));
    assert_eq!(keys(f), ["interests", "requirements"]);
    assert_eq!(
        f.profile,
        ["group:cc_specialists", "category:career_consultant"]
    );
}

#[test]
fn gift_worked_example_imports_categories_tags_escapes_and_true_false() {
    let bank = ok(import(&[("bank.gift", fixture!("bank.gift"))]));
    assert_eq!(bank.questions.len(), 4);
    let l2 = question(&bank, "L-002");
    assert_eq!(
        (l2.section, l2.topic.as_str()),
        (Section::Legal, "Attestation procedure")
    );
    assert_eq!(l2.legal.as_ref().map(|l| l.clause.as_str()), Some("п. 18"));
    assert_eq!(keys(l2), ["b"]);
    assert_eq!(l2.text.kk, "Тестілеу ұзақтығы қанша минут?");
    let tf = question(&bank, "L-003");
    assert_eq!(tf.options[0].text.ru, "Верно");
    assert_eq!(tf.options[1].text.kk, "Бұрыс");
    assert_eq!(keys(tf), ["a"]);
    let f2 = question(&bank, "F-002");
    assert_eq!(
        (f2.section, f2.topic.as_str()),
        (Section::Functional, "Labour market analysis")
    );
    assert!(f2.text.ru.contains("Уровень безработицы = безработные"));
    assert_eq!(f2.options[3].text.ru, "Нельзя вычислить {нет данных}");
    let f3 = question(&bank, "F-003");
    assert_eq!(
        f3.kind,
        Kind::Multiple,
        "positive ~%50% weights make it multiple choice"
    );
    assert_eq!(keys(f3), ["a", "b"]);
    assert_eq!(f3.text.kk, "Кейс-менеджер: жеке жоспарға не кіреді?");
    assert_eq!(f3.options[0].text.ru, "Цели # этапы");
    assert_eq!(f3.options[2].text.ru, "Размер зарплаты ~ примерно");
}

#[test]
fn moodle_xml_worked_example_imports_multilang_html_and_true_false() {
    let bank = ok(import(&[("bank.xml", fixture!("bank.xml"))]));
    assert_eq!(bank.questions.len(), 3);
    let l = question(&bank, "L-020");
    assert_eq!(
        (l.section, l.topic.as_str()),
        (Section::Legal, "Thresholds")
    );
    assert_eq!(
        l.text.kk,
        "Құрылымдық бөлімше басшысы үшін өту шегі қандай?"
    );
    assert_eq!(l.profile, ["group:management"]);
    assert_eq!(keys(l), ["b"]);
    let tf = question(&bank, "L-021");
    assert_eq!(
        tf.text.ru,
        "Нарушение, выявленное прокторингом, аннулирует результат."
    );
    assert_eq!(keys(tf), ["a"]);
    let f = question(&bank, "F-020");
    assert_eq!((f.section, f.kind), (Section::Functional, Kind::Multiple));
    assert_eq!(keys(f), ["a", "b"]);
    assert_eq!(f.options[2].text.kk, "Жеке әлеуметтік желі парақшасы");
}

#[test]
fn aiken_worked_example_imports_single_answer_questions() {
    let bank = ok(import(&[("bank.aiken", fixture!("bank.aiken"))]));
    assert_eq!(bank.questions.len(), 2);
    let l = question(&bank, "L-030");
    assert_eq!(
        (l.section, l.topic.as_str(), l.kind),
        (Section::Legal, "Appeals", Kind::Single)
    );
    assert_eq!(keys(l), ["b"]);
    assert_eq!(l.options[2].text.ru, "В течение 5 календарных дней");
    assert_eq!(keys(question(&bank, "L-031")), ["a"]);
}

#[test]
fn txt_files_are_detected_as_aiken_or_gift_by_content() {
    let bank = ok(import(&[
        ("aiken.txt", fixture!("bank.aiken")),
        ("gift.txt", fixture!("bank.gift")),
    ]));
    assert_eq!(bank.questions.len(), 6);
    assert_eq!(
        Format::detect("aiken.txt", fixture!("bank.aiken")),
        Some(Format::Aiken)
    );
    let none = messages(import(&[("notes.txt", "no questions here")]));
    assert_eq!(
        none,
        ["notes.txt: cannot tell the format of this file; name it .json, .gift, .xml or .aiken"]
    );
}

#[test]
fn four_formats_import_together_sorted_by_id() {
    let bank = ok(import(&[
        ("bank.xml", fixture!("bank.xml")),
        ("bank.json", fixture!("bank.json")),
        ("bank.gift", fixture!("bank.gift")),
        ("bank.aiken", fixture!("bank.aiken")),
    ]));
    let ids: Vec<_> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 11);
}

#[test]
fn caller_defaults_fill_what_a_gift_file_does_not_say() {
    let gift = "// [id:F-1]\n{mlang kk}Иә ма?{mlang}{mlang ru}Да ли?{mlang} {=1 ~2}\n";
    let opts = ImportOptions {
        section: Some(Section::Functional),
        profile: vec!["all".into()],
        topic: Some("Ethics".into()),
        difficulty: Some(2),
        ..ImportOptions::default()
    };
    let bank = ok(parse_files(&[source("d.gift", gift, None)], &opts));
    let q = &bank.questions[0];
    assert_eq!(
        (q.section, q.topic.as_str(), q.difficulty),
        (Section::Functional, "Ethics", Some(2))
    );
    assert_eq!(q.profile, ["all"]);
    let bare = messages(import(&[("d.gift", gift)]));
    assert_eq!(
        bare,
        [
            "d.gift:2:1: no section; expected legal or functional (p.16)",
            "d.gift:2:1: no profile tags; use at least one, e.g. 'all'",
            "d.gift:2:1: no topic",
        ]
    );
}

#[test]
fn texts_are_stored_nfc_trimmed_with_whitespace_collapsed() {
    // "й" written as и + combining breve (U+0306), with stray spaces and a tab.
    let json = r#"{"format": "synaq-bank/1", "questions": [{"id": "F-1", "section": "functional",
      "profile": ["all"], "topic": "  Этика ", "difficulty": 1,
      "text": {"kk": " Сұрақ\tқандай? ", "ru": "Какои\u0306  вопрос?"},
      "options": [{"text": {"kk": "Иә", "ru": "Да"}, "correct": true},
                  {"text": {"kk": "Жоқ", "ru": "Нет"}, "correct": false}]}]}"#;
    let bank = ok(import(&[("n.json", json)]));
    let q = &bank.questions[0];
    assert_eq!(q.text.ru, "Какой вопрос?");
    assert_eq!(q.text.ru.chars().count(), 13, "composed to one code point");
    assert_eq!(q.text.kk, "Сұрақ қандай?");
    assert_eq!(q.topic, "Этика");
}

#[test]
fn exported_json_reads_back_as_the_same_bank() {
    let bank = ok(import(&[
        ("bank.gift", fixture!("bank.gift")),
        ("bank.xml", fixture!("bank.xml")),
        ("bank.json", fixture!("bank.json")),
    ]));
    let text = to_json(&bank);
    assert!(text.starts_with("{\n  \"format\": \"synaq-bank/1\""));
    let again = ok(import(&[("export.json", &text)]));
    assert_eq!(again, bank);
    assert_eq!(to_json(&again), text, "the export is canonical");
}
