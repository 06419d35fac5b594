//! Moodle's own exports (question-bank/fixtures/moodle/): no section, profile, difficulty or
//! ids, imported with the caller's defaults, and written back to the same bank.

use super::*;
use crate::domain::bank::export::{ExportFormat, export};
use crate::domain::bank::{CategoryMap, Import, Kind, Section, import as import_with_notes};

fn legal_all(lang: Option<Lang>) -> ImportOptions {
    ImportOptions {
        lang,
        section: Some(Section::Legal),
        profile: vec!["all".into()],
        ..ImportOptions::default()
    }
}

fn run(files: &[(&str, &str, Option<Lang>)], opts: &ImportOptions) -> Import {
    let inputs: Vec<_> = files.iter().map(|(n, c, l)| source(n, c, *l)).collect();
    import_with_notes(&inputs, opts)
}

fn notes(out: &Import) -> Vec<String> {
    out.notes.iter().map(ToString::to_string).collect()
}

#[test]
fn a_plain_moodle_gift_export_imports_with_section_and_profile() {
    let out = run(
        &[("bilingual.gift", fixture!("moodle/bilingual.gift"), None)],
        &legal_all(None),
    );
    let n = notes(&out);
    let bank = ok(out.bank);
    assert_eq!(bank.questions.len(), 4);
    assert!(bank.questions.iter().all(|q| q.section == Section::Legal
        && q.profile == ["all"]
        && q.topic == "Default for Аттестация ЦТМ"
        && q.difficulty.is_none()));
    let duration = bank
        .questions
        .iter()
        .find(|q| q.text.ru == "Какова продолжительность тестирования в минутах?")
        .unwrap();
    assert_eq!(
        duration.options.len(),
        3,
        "the general feedback is no option"
    );
    assert_eq!(duration.options[1].text.kk, "120");
    assert!(duration.options[1].correct);
    let plan = bank
        .questions
        .iter()
        .find(|q| q.kind == Kind::Multiple)
        .expect("the ~%50% question is multiple choice");
    let keys: Vec<bool> = plan.options.iter().map(|o| o.correct).collect();
    assert_eq!(
        keys,
        [true, true, false],
        "a negative weight is a distractor"
    );
    assert_eq!(plan.options[2].text.ru, "Размер зарплаты");
    let derived: Vec<&String> = n.iter().filter(|n| n.contains("derived id")).collect();
    assert_eq!(derived.len(), 4, "{n:#?}");
    let first = &duration.id;
    assert!(
        n.contains(&format!(
            "bilingual.gift:6:1: note: question has no id; derived id {first}; add `[id:{first}]` to keep it"
        )),
        "{n:#?}"
    );
    assert_eq!(n.iter().filter(|n| n.contains("cites no act")).count(), 4);
}

#[test]
fn derived_ids_follow_the_content_not_the_position() {
    let gift = fixture!("moodle/bilingual.gift");
    let once = ok(run(&[("a.gift", gift, None)], &legal_all(None)).bank);
    // The same questions in another order, one of them tagged by hand.
    let blocks: Vec<&str> = gift.split("\n\n\n").collect();
    let reordered = format!("{}\n\n\n{}\n\n\n{}", blocks[0], blocks[3], blocks[1]);
    let again = ok(run(&[("b.gift", &reordered, None)], &legal_all(None)).bank);
    for q in &again.questions {
        assert!(
            once.questions
                .iter()
                .any(|p| p.id == q.id && p.text == q.text)
        );
    }
    let edited = reordered.replace("в минутах?", "в минутах?!");
    let edited = ok(run(&[("c.gift", &edited, None)], &legal_all(None)).bank);
    assert!(
        edited
            .questions
            .iter()
            .any(|q| !once.questions.iter().any(|p| p.id == q.id))
    );
}

#[test]
fn a_moodle_xml_export_imports_and_keeps_its_idnumbers() {
    let out = run(
        &[("bilingual.xml", fixture!("moodle/bilingual.xml"), None)],
        &legal_all(None),
    );
    let n = notes(&out);
    let bank = ok(out.bank);
    assert_eq!(bank.questions.len(), 3);
    assert!(bank.questions.iter().any(|q| q.id == "L-020"));
    let multiple = bank
        .questions
        .iter()
        .find(|q| q.kind == Kind::Multiple)
        .unwrap();
    let keys: Vec<bool> = multiple.options.iter().map(|o| o.correct).collect();
    assert_eq!(keys, [true, true, false]);
    let tf = bank
        .questions
        .iter()
        .find(|q| q.options[0].text.ru == "Верно")
        .unwrap();
    assert!(tf.options[0].correct);
    let derived: Vec<&String> = n.iter().filter(|n| n.contains("derived id")).collect();
    assert_eq!(derived.len(), 2, "{n:#?}");
    assert!(derived[0].contains("add `<idnumber>q-"), "{}", derived[0]);
}

#[test]
fn kazakh_and_russian_exports_without_ids_pair_by_position() {
    let out = run(
        &[
            (
                "attestation.ru.gift",
                fixture!("moodle/attestation.ru.gift"),
                None,
            ),
            (
                "attestation.kk.gift",
                fixture!("moodle/attestation.kk.gift"),
                None,
            ),
        ],
        &legal_all(None),
    );
    let n = notes(&out);
    let bank = ok(out.bank);
    assert_eq!(bank.questions.len(), 4);
    let q = bank
        .questions
        .iter()
        .find(|q| q.text.ru.starts_with("С какой"))
        .unwrap();
    assert_eq!(
        q.text.kk,
        "Еңбек мобильділігі орталықтарының жұмыскерлерін аттестаттау қандай кезеңділікпен өткізіледі?"
    );
    let id = &q.id;
    for file in ["attestation.ru.gift", "attestation.kk.gift"] {
        assert!(
            n.iter()
                .any(|n| n.starts_with(file) && n.contains(&format!("derived id {id};"))),
            "{file}: {n:#?}"
        );
    }
}

#[test]
fn unmarked_files_take_their_language_from_their_letters() {
    let out = run(
        &[
            (
                "attestation.kk.xml",
                fixture!("moodle/attestation.kk.xml"),
                None,
            ),
            ("ru-only.xml", fixture!("moodle/ru-only.xml"), None),
        ],
        &legal_all(None),
    );
    let n = notes(&out);
    let bank = ok(out.bank);
    assert_eq!(bank.questions.len(), 3);
    assert!(bank.questions.iter().all(|q| q.text.kk != q.text.ru));
    assert!(
        n.contains(&"ru-only.xml:20:7: note: text has no language markup; taken as ru from its letters (ә ғ қ ң ө ұ ү һ і are Kazakh); pass --lang (HTTP: lang=) to say so".to_string()),
        "{n:#?}"
    );
    assert_eq!(n.iter().filter(|n| n.contains("taken as kk")).count(), 3);
}

#[test]
fn a_russian_file_alone_reports_every_problem_in_one_round() {
    // No kk file, no ids, and one question with a bad tag: all three kinds at once.
    let ru = fixture!("moodle/ru-only.xml").replacen(
        "<shownumcorrect/>",
        "<shownumcorrect/>\n    <tags><tag><text>difficulty:9</text></tag></tags>",
        1,
    );
    let kk = "// [id:L-1] [profile:all]\n::t::Тестілеу қанша сұрақтан тұрады? {=100 ~50}\n";
    let got = messages(
        run(
            &[
                ("ru-only.xml", &ru, Some(Lang::Ru)),
                ("one.kk.gift", kk, None),
            ],
            &ImportOptions {
                lang: None,
                ..legal_all(None)
            },
        )
        .bank,
    );
    assert_eq!(
        got,
        [
            "ru-only.xml:15:3: question has no id and exists in ru only: a question of a monolingual file meets its kk half by id, or by position when exactly one kk and one ru file have questions without ids, as many in each",
            "ru-only.xml:43:16: difficulty '9' is not 1 to 5",
            "ru-only.xml:65:3: question has no id and exists in ru only: a question of a monolingual file meets its kk half by id, or by position when exactly one kk and one ru file have questions without ids, as many in each",
            "ru-only.xml:94:3: question has no id and exists in ru only: a question of a monolingual file meets its kk half by id, or by position when exactly one kk and one ru file have questions without ids, as many in each",
            "one.kk.gift:1:4: question 'L-1' exists in kk only; no ru file has it",
            "one.kk.gift:2:1: no topic",
        ]
    );
}

#[test]
fn a_category_map_gives_section_profile_and_topic_and_tags_still_win() {
    let map = CategoryMap::parse("map.csv", fixture!("moodle/map.csv")).unwrap();
    let opts = ImportOptions {
        map: Some(map),
        section: Some(Section::Functional),
        ..ImportOptions::default()
    };
    let gift = format!(
        "{}\n\n// [topic:From a tag]\n::x::{{mlang kk}}Қанша?{{mlang}}{{mlang ru}}Сколько?{{mlang}} {{=1 ~2}}\n",
        fixture!("moodle/bilingual.gift")
    );
    let bank = ok(run(&[("m.gift", &gift, None)], &opts).bank);
    assert_eq!(bank.questions.len(), 5);
    let tagged = bank
        .questions
        .iter()
        .find(|q| q.text.ru == "Сколько?")
        .unwrap();
    assert_eq!(tagged.topic, "From a tag");
    assert!(
        bank.questions
            .iter()
            .all(|q| q.section == Section::Legal && q.profile == ["all"])
    );
    assert_eq!(
        bank.questions
            .iter()
            .filter(|q| q.topic == "Attestation procedure")
            .count(),
        4
    );
}

#[test]
fn a_tag_in_the_file_beats_the_default() {
    let gift = "$CATEGORY: Ethics\n// [section:functional] [profile:cc_director]\n\
                {mlang kk}Иә ма?{mlang}{mlang ru}Да ли?{mlang} {=1 ~2}\n";
    let bank = ok(run(&[("t.gift", gift, None)], &legal_all(None)).bank);
    let q = &bank.questions[0];
    assert_eq!(
        (q.section, q.profile.as_slice(), q.topic.as_str()),
        (
            Section::Functional,
            &["cc_director".to_string()][..],
            "Ethics"
        )
    );
}

/// Every bank of the fixtures, as imported.
fn fixture_banks() -> Vec<(&'static str, Bank)> {
    vec![
        ("sample", crate::sample::bank()),
        (
            "fixtures",
            ok(import(&[
                ("bank.json", fixture!("bank.json")),
                ("bank.gift", fixture!("bank.gift")),
                ("bank.xml", fixture!("bank.xml")),
                ("bank.aiken", fixture!("bank.aiken")),
            ])),
        ),
        (
            "moodle-xml",
            ok(run(
                &[("bilingual.xml", fixture!("moodle/bilingual.xml"), None)],
                &legal_all(None),
            )
            .bank),
        ),
        (
            "moodle",
            ok(run(
                &[
                    ("bilingual.gift", fixture!("moodle/bilingual.gift"), None),
                    (
                        "attestation.ru.gift",
                        fixture!("moodle/attestation.ru.gift"),
                        None,
                    ),
                    (
                        "attestation.kk.gift",
                        fixture!("moodle/attestation.kk.gift"),
                        None,
                    ),
                ],
                &legal_all(None),
            )
            .bank),
        ),
    ]
}

#[test]
fn gift_and_xml_exports_reimport_to_the_same_bank() {
    for (name, bank) in fixture_banks() {
        for format in [
            ExportFormat::Gift,
            ExportFormat::MoodleXml,
            ExportFormat::Json,
        ] {
            let file = format!("{name}.{}", format.extension());
            let text = export(&bank, format, None).unwrap();
            let again = ok(import(&[(file.as_str(), text.as_str())]));
            assert_eq!(again, bank, "{file}");
            let notes = run(
                &[(file.as_str(), text.as_str(), None)],
                &ImportOptions::default(),
            )
            .notes;
            assert!(
                notes
                    .iter()
                    .all(|n| n.kind == crate::domain::bank::NoteKind::NoCitation),
                "{file}: {notes:?}"
            );
        }
    }
}

#[test]
fn a_monolingual_export_pair_reimports_to_the_same_bank() {
    for (name, bank) in fixture_banks() {
        for format in [ExportFormat::Gift, ExportFormat::MoodleXml] {
            let ext = format.extension();
            let kk = export(&bank, format, Some(Lang::Kk)).unwrap();
            let ru = export(&bank, format, Some(Lang::Ru)).unwrap();
            let (kk_name, ru_name) = (format!("{name}.kk.{ext}"), format!("{name}.ru.{ext}"));
            let again = ok(import(&[
                (kk_name.as_str(), kk.as_str()),
                (ru_name.as_str(), ru.as_str()),
            ]));
            assert_eq!(again, bank, "{name}.{ext}");
        }
    }
}

#[test]
fn what_gift_and_xml_cannot_carry_is_refused_by_id() {
    let mut bank = crate::sample::bank();
    bank.questions[0].topic = "/root".into();
    let id = bank.questions[0].id.clone();
    let e = export(&bank, ExportFormat::MoodleXml, None).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "question '{id}' cannot be written as Moodle XML: its topic '/root' starts with '/'; export the bank as json"
        )
    );
    assert!(export(&bank, ExportFormat::Json, None).is_ok());
    let mut arrow = crate::sample::bank();
    arrow.questions[0].options[1].text.ru = "A -> B".into();
    let e = export(&arrow, ExportFormat::Gift, None).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "question '{id}' cannot be written as GIFT: its option 'b' holds '->', which GIFT reads as a matching question; export the bank as json"
        )
    );
    assert!(
        export(&arrow, ExportFormat::MoodleXml, None).is_ok(),
        "XML has no such marker"
    );
}

#[test]
fn option_ids_and_pinning_travel_as_tags() {
    let gift = "// [id:F-1] [section:functional] [topic:T] [profile:all] [option_ids:yes,no,none] [pinned:3]\n\
                {mlang kk}Иә ма?{mlang}{mlang ru}Да ли?{mlang} {=1 ~2 ~3}\n";
    let bank = ok(import(&[("o.gift", gift)]));
    let o = &bank.questions[0].options;
    assert_eq!(
        (o[0].id.as_str(), o[2].id.as_str(), o[2].pinned, o[1].pinned),
        ("yes", "none", true, false)
    );
    let wrong = gift
        .replace("[option_ids:yes,no,none]", "[option_ids:yes,no]")
        .replace("[pinned:3]", "[pinned:4]");
    assert_eq!(
        messages(import(&[("o.gift", &wrong)])),
        [
            "o.gift:1:58: option_ids 'yes,no' names 2 option(s); the question has 3",
            "o.gift:1:78: pinned '4' is not a list of option positions 1 to 3",
        ]
    );
}

#[test]
fn categories_named_in_each_language_take_the_kazakh_one() {
    let ru =
        fixture!("moodle/attestation.ru.gift").replace("Default for Аттестация ЦТМ", "Аттестация");
    let bank = ok(run(
        &[
            ("attestation.ru.gift", &ru, None),
            (
                "attestation.kk.gift",
                fixture!("moodle/attestation.kk.gift"),
                None,
            ),
        ],
        &legal_all(None),
    )
    .bank);
    assert!(
        bank.questions
            .iter()
            .all(|q| q.topic == "Default for Аттестация ЦТМ")
    );
}

#[test]
fn a_tag_in_one_language_file_beats_the_default_in_the_other() {
    let kk = "// [id:F-1] [section:functional] [topic:T]\nСұрақ қандай? {=1 ~2}\n";
    let ru = "// [id:F-1]\nКакой вопрос? {=1 ~2}\n";
    let bank = ok(run(
        &[
            ("b.kk.gift", kk, Some(Lang::Kk)),
            ("b.ru.gift", ru, Some(Lang::Ru)),
        ],
        &legal_all(None),
    )
    .bank);
    assert_eq!(bank.questions[0].section, Section::Functional);
    assert_eq!(bank.questions[0].profile, ["all"]);
}
