//! IMS QTI packages (question-bank/fixtures/qti/): unpacked within bounds, items read with
//! located errors, kk and ru items paired by identifier.

use std::io::Write;

use super::*;
use crate::domain::bank::{Kind, Section, qti};

const PACKAGE: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/question-bank/fixtures/qti/package.zip"
));

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in files {
        w.start_file(*name, options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn functional_all() -> ImportOptions {
    ImportOptions {
        section: Some(Section::Functional),
        profile: vec!["all".into()],
        topic: Some("QTI".into()),
        ..ImportOptions::default()
    }
}

fn item(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<assessmentItem identifier=\"F-1\" xml:lang=\"ru\">\n\
         <responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\">\n\
         <correctResponse><value>B</value></correctResponse>\n</responseDeclaration>\n\
         <itemBody>\n{body}\n</itemBody>\n</assessmentItem>\n"
    )
}

const MANIFEST: &str = "<manifest>\n<resources>\n\
    <resource type=\"imsqti_item_xmlv2p1\" href=\"q.xml\"/>\n</resources>\n</manifest>\n";

#[test]
fn a_qti_package_of_21_and_30_items_imports_paired_by_identifier() {
    let files = qti::unpack("package.zip", PACKAGE, None).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "package.zip/items/L-100.ru.xml",
            "package.zip/items/L-100.kk.xml",
            "package.zip/items/F-200.ru.xml",
            "package.zip/items/F-200.kk.xml",
        ],
        "the manifest's items, not its web content"
    );
    let bank = ok(parse_files(&files, &functional_all()));
    assert_eq!(bank.questions.len(), 2);
    let single = &bank.questions[1];
    assert_eq!(single.id, "L-100");
    assert_eq!(single.text.kk, "Тестілеу ұзақтығы қанша минут?");
    assert_eq!(
        single.text.ru,
        "Какова продолжительность тестирования в минутах?"
    );
    assert_eq!(single.kind, Kind::Single);
    let keys: Vec<(&str, bool)> = single
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.correct))
        .collect();
    assert_eq!(keys, [("a", false), ("b", true), ("c", false)]);
    let multiple = &bank.questions[0];
    assert_eq!(
        (multiple.id.as_str(), multiple.kind),
        ("F-200", Kind::Multiple)
    );
    assert_eq!(
        multiple.text.ru,
        "Что входит в индивидуальный план обучения работника?"
    );
    let got: Vec<(&str, bool, bool)> = multiple
        .options
        .iter()
        .map(|o| (o.id.as_str(), o.correct, o.pinned))
        .collect();
    assert_eq!(
        got,
        [
            ("plan", true, false),
            ("hours", true, false),
            ("salary", false, false),
            ("none", false, true)
        ]
    );
}

#[test]
fn problems_of_a_package_name_the_file_inside_it_and_the_line() {
    let missing = zip_of(&[("imsmanifest.xml", MANIFEST.as_bytes())]);
    let got: Vec<String> = qti::unpack("p.zip", &missing, None)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "p.zip/imsmanifest.xml:3:1: syntax error: the manifest names q.xml, which the package does not hold"
        ]
    );
    let bad = item(
        "<p>Какова продолжительность тестирования в минутах?</p>\n\
         <choiceInteraction responseIdentifier=\"RESPONSE\" maxChoices=\"1\">\n\
         <simpleChoice identifier=\"A\">90</simpleChoice>\n\
         <simpleChoice identifier=\"C\">120</simpleChoice>\n</choiceInteraction>",
    );
    let package = zip_of(&[
        ("imsmanifest.xml", MANIFEST.as_bytes()),
        ("q.xml", bad.as_bytes()),
    ]);
    let files = qti::unpack("p.zip", &package, None).unwrap();
    let got = messages(parse_files(&files, &functional_all()));
    assert_eq!(
        got,
        ["p.zip/q.xml:4:18: syntax error: correct response 'B' names no simpleChoice"]
    );
    let other = item("<p>Сколько?</p>\n<textEntryInteraction responseIdentifier=\"RESPONSE\"/>");
    let package = zip_of(&[
        ("imsmanifest.xml", MANIFEST.as_bytes()),
        ("q.xml", other.as_bytes()),
    ]);
    let files = qti::unpack("p.zip", &package, None).unwrap();
    assert_eq!(
        messages(parse_files(&files, &functional_all())),
        [
            "p.zip/q.xml:8:1: unsupported question type 'textentryinteraction': only multiple choice and true/false are imported"
        ]
    );
}

#[test]
fn a_zip_bomb_is_cut_off_at_the_bound() {
    let zeros = vec![b' '; (qti::MAX_ENTRY_BYTES + 10) as usize];
    let package = zip_of(&[("imsmanifest.xml", zeros.as_slice())]);
    assert!(
        package.len() < 100_000,
        "compressed to {} bytes",
        package.len()
    );
    let got: Vec<String> = qti::unpack("bomb.zip", &package, None)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        got,
        [
            "bomb.zip: imsmanifest.xml decompresses to more than 4194304 bytes; the package is not read further"
        ]
    );
    let none = qti::unpack("x.zip", b"PK\x03\x04 not really", None).unwrap_err();
    assert!(
        none[0]
            .to_string()
            .starts_with("x.zip: syntax error: not a zip package"),
        "{}",
        none[0]
    );
}
