//! GIFT escapes round-trip: any text escaped with `gift::escape` reads back as itself.

use proptest::prelude::*;

use super::*;
use crate::domain::bank::gift::escape;
use crate::domain::bank::text::normalize;

fn gift_question(ru: &str, option: &str) -> String {
    format!(
        "// [id:F-1] [section:functional] [topic:T] [profile:all] [difficulty:1]\n\
         {{mlang kk}}Сұрақ{{mlang}}{{mlang ru}}{}{{mlang}} {{\n  ={{mlang kk}}Иә{{mlang}}{{mlang ru}}{}{{mlang}}\n  ~0\n}}\n",
        escape(ru),
        escape(option)
    )
}

#[test]
fn every_gift_escape_reads_back() {
    let text = r"Control: ~ = # { } : \ and a\nnewline";
    let bank = ok(import(&[("e.gift", &gift_question(text, "a=b ~c #d"))]));
    let q = &bank.questions[0];
    assert_eq!(q.text.ru, r"Control: ~ = # { } : \ and a\nnewline");
    assert_eq!(q.options[0].text.ru, "a=b ~c #d");
    let newline = ok(import(&[(
        "n.gift",
        &gift_question("line one\nline two", "x"),
    )]));
    assert_eq!(newline.questions[0].text.ru, "line one line two");
}

proptest! {
    #[test]
    fn escaped_gift_text_round_trips(
        text in r"[a-zA-Zа-яӘәҚқ0-9 ~=#{}:\\.,!?\n]{0,40}",
        option in r"[a-zA-Zа-я ~=#{}:\\]{0,20}",
    ) {
        let (text, option) = (format!("Q {text}"), format!("x {option}"));
        let bank = import(&[("p.gift", &gift_question(&text, &option))]);
        let bank = bank.map_err(|d| TestCaseError::fail(format!("{d:?}")))?;
        prop_assert_eq!(&bank.questions[0].text.ru, &normalize(&text));
        prop_assert_eq!(&bank.questions[0].options[0].text.ru, &normalize(&option));
    }

    #[test]
    fn normalisation_is_idempotent(s in r"\PC{0,40}") {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }
}
