//! Kazakh and Russian files of the same questions pair by id (CPD p.24).

use super::*;
use crate::domain::bank::{Kind, Section};

fn pair_import(files: &[(&str, &str, Lang)]) -> Result<Bank, Vec<Diagnostic>> {
    let inputs: Vec<_> = files
        .iter()
        .map(|(n, c, l)| source(n, c, Some(*l)))
        .collect();
    parse_files(&inputs, &ImportOptions::default())
}

#[test]
fn kazakh_and_russian_files_pair_by_id_in_any_order() {
    let bank = ok(pair_import(&[
        (
            "attestation.kk.gift",
            fixture!("pair/attestation.kk.gift"),
            Lang::Kk,
        ),
        (
            "attestation.ru.gift",
            fixture!("pair/attestation.ru.gift"),
            Lang::Ru,
        ),
    ]));
    assert_eq!(bank.questions.len(), 2);
    let q = &bank.questions[0];
    assert_eq!(
        (q.id.as_str(), q.section, q.kind),
        ("L-040", Section::Legal, Kind::Single)
    );
    assert_eq!(
        q.topic, "Admission",
        "metadata written in the Kazakh file only"
    );
    assert_eq!(q.text.kk, "Тестілеуге жіберу шарты қандай?");
    assert_eq!(q.text.ru, "Каково условие допуска к тестированию?");
    assert_eq!(
        q.options[0].text.ru,
        "Выполнение часов индивидуального плана обучения"
    );
    assert!(q.options[0].correct);
    let tf = &bank.questions[1];
    assert_eq!(tf.profile, ["cc_career_guidance_specialist"]);
    assert!(tf.text.ru.starts_with("Претендент на категорию"));
}

#[test]
fn the_import_language_applies_to_files_naming_none() {
    let inputs = [
        source("a.gift", fixture!("pair/attestation.kk.gift"), None),
        source(
            "b.gift",
            fixture!("pair/attestation.ru.gift"),
            Some(Lang::Ru),
        ),
    ];
    let opts = ImportOptions {
        lang: Some(Lang::Kk),
        ..ImportOptions::default()
    };
    assert_eq!(ok(parse_files(&inputs, &opts)).questions.len(), 2);
}

#[test]
fn a_question_in_one_language_only_is_an_error_naming_its_id_and_file() {
    let got = messages(pair_import(&[
        (
            "attestation.kk.gift",
            fixture!("pair/attestation.kk.gift"),
            Lang::Kk,
        ),
        (
            "unpaired.ru.gift",
            fixture!("pair/unpaired.ru.gift"),
            Lang::Ru,
        ),
    ]));
    // The lonely half is checked too: its other problems come in the same round.
    assert_eq!(
        got,
        [
            "unpaired.ru.gift:11:4: question 'L-042' exists in ru only; no kk file has it",
            "unpaired.ru.gift:12:1: no section; expected legal or functional (p.16)",
            "unpaired.ru.gift:12:1: no profile tags; use at least one, e.g. 'all'",
            "unpaired.ru.gift:12:1: no topic",
        ]
    );
    let alone = messages(pair_import(&[(
        "only.kk.gift",
        fixture!("pair/attestation.kk.gift"),
        Lang::Kk,
    )]));
    assert_eq!(alone.len(), 2);
    assert!(alone[0].contains("question 'L-040' exists in kk only; no ru file has it"));
}

#[test]
fn halves_that_disagree_on_keys_or_metadata_are_refused() {
    let ru = fixture!("pair/attestation.ru.gift")
        .replace("  =Выполнение", "  ~Выполнение")
        .replace("  ~Стаж", "  =Стаж")
        .replace("// [id:L-041]", "// [id:L-041] [difficulty:3]");
    let got = messages(pair_import(&[
        ("kk.gift", fixture!("pair/attestation.kk.gift"), Lang::Kk),
        ("ru.gift", &ru, Lang::Ru),
    ]));
    assert_eq!(
        got,
        [
            "kk.gift:6:3: key of option 1 differs from the other language's file at ru.gift:8:3",
            "kk.gift:7:3: key of option 2 differs from the other language's file at ru.gift:9:3",
            "kk.gift:11:55: difficulty differs from the other language's file at ru.gift:3:15",
        ]
    );
}

#[test]
fn an_error_in_the_russian_half_points_into_the_russian_file() {
    let ru = fixture!("pair/attestation.ru.gift")
        .replace("~Рекомендация руководителя", "~Стаж работы не менее 10 лет");
    let got = messages(pair_import(&[
        ("kk.gift", fixture!("pair/attestation.kk.gift"), Lang::Kk),
        ("ru.gift", &ru, Lang::Ru),
    ]));
    assert_eq!(
        got,
        [
            "ru.gift:10:4: duplicate option in ru: 'Стаж работы не менее 10 лет' (same text after normalisation)"
        ]
    );
}

#[test]
fn halves_pair_across_formats() {
    let kk = "$CATEGORY: functional/Ethics\n// [id:F-50] [profile:all] [difficulty:1]\n\
              Деректерді жария етуге бола ма?\nA. Иә\nB. Жоқ\nANSWER: B\n";
    let ru = "// [id:F-50]\nМожно ли разглашать данные? {~Да =Нет}\n";
    let bank = ok(pair_import(&[
        ("kk.aiken", kk, Lang::Kk),
        ("ru.gift", ru, Lang::Ru),
    ]));
    let q = &bank.questions[0];
    assert_eq!(
        (q.text.kk.as_str(), q.text.ru.as_str()),
        (
            "Деректерді жария етуге бола ма?",
            "Можно ли разглашать данные?"
        )
    );
    assert_eq!(
        (q.options[1].text.ru.as_str(), q.options[1].correct),
        ("Нет", true)
    );
}
