//! What changed between two bank versions: the questions added, changed (the same id with a
//! different content) and retired (in the old version, not in the new one), by id. A bank's
//! questions are sorted by id and their ids are unique, so one merge walk finds all three.
//! And a bank without some of its questions ([`without`]), which is what retiring them makes.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::model::Bank;

/// The question ids that differ between an old and a new bank, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankDiff {
    /// In the new bank only.
    pub added: Vec<String>,
    /// In both, with a different content (text, options, section, profile, topic, ...).
    pub changed: Vec<String>,
    /// In the old bank only.
    pub retired: Vec<String>,
    /// In both, the same.
    pub unchanged: u64,
}

/// The difference from `old` to `new`.
pub fn diff(old: &Bank, new: &Bank) -> BankDiff {
    let mut out = BankDiff::default();
    let (mut a, mut b) = (
        old.questions.iter().peekable(),
        new.questions.iter().peekable(),
    );
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => break,
            (Some(q), None) => {
                out.retired.push(q.id.clone());
                a.next();
            }
            (None, Some(q)) => {
                out.added.push(q.id.clone());
                b.next();
            }
            (Some(x), Some(y)) => match x.id.cmp(&y.id) {
                Ordering::Less => {
                    out.retired.push(x.id.clone());
                    a.next();
                }
                Ordering::Greater => {
                    out.added.push(y.id.clone());
                    b.next();
                }
                Ordering::Equal => {
                    if x == y {
                        out.unchanged += 1;
                    } else {
                        out.changed.push(x.id.clone());
                    }
                    a.next();
                    b.next();
                }
            },
        }
    }
    out
}

/// `bank` without the questions `ids` (a retirement), or the ids it does not hold, sorted and
/// without repeats.
pub fn without(bank: &Bank, ids: &[String]) -> Result<Bank, Vec<String>> {
    let wanted: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let held: BTreeSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let unknown: Vec<String> = wanted
        .difference(&held)
        .map(|id| (*id).to_owned())
        .collect();
    if !unknown.is_empty() {
        return Err(unknown);
    }
    Ok(Bank {
        questions: bank
            .questions
            .iter()
            .filter(|q| !wanted.contains(q.id.as_str()))
            .cloned()
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{AnswerOption, Kind, Localized, Question, Section};

    fn q(id: &str, text: &str) -> Question {
        let l = |s: &str| Localized {
            kk: s.to_owned(),
            ru: s.to_owned(),
        };
        Question {
            id: id.to_owned(),
            section: Section::Functional,
            profile: vec!["all".to_owned()],
            topic: "t".to_owned(),
            difficulty: None,
            legal: None,
            kind: Kind::Single,
            text: l(text),
            options: vec![
                AnswerOption {
                    id: "a".to_owned(),
                    text: l("a"),
                    correct: true,
                    pinned: false,
                },
                AnswerOption {
                    id: "b".to_owned(),
                    text: l("b"),
                    correct: false,
                    pinned: false,
                },
            ],
        }
    }

    fn bank(qs: &[(&str, &str)]) -> Bank {
        Bank {
            questions: qs.iter().map(|(id, t)| q(id, t)).collect(),
        }
    }

    #[test]
    fn added_changed_and_retired_are_told_apart_by_id() {
        let old = bank(&[("a", "1"), ("b", "2"), ("c", "3"), ("e", "5")]);
        let new = bank(&[("b", "2"), ("c", "3 changed"), ("d", "4"), ("f", "6")]);
        let d = diff(&old, &new);
        assert_eq!(d.added, ["d", "f"]);
        assert_eq!(d.changed, ["c"]);
        assert_eq!(d.retired, ["a", "e"]);
        assert_eq!(d.unchanged, 1);
    }

    #[test]
    fn a_bank_against_itself_differs_in_nothing_and_against_empty_in_everything() {
        let b = bank(&[("a", "1"), ("b", "2")]);
        assert_eq!(
            diff(&b, &b),
            BankDiff {
                unchanged: 2,
                ..BankDiff::default()
            }
        );
        let empty = bank(&[]);
        assert_eq!(diff(&empty, &b).added, ["a", "b"]);
        assert_eq!(diff(&b, &empty).retired, ["a", "b"]);
    }

    #[test]
    fn a_changed_section_or_profile_is_a_change() {
        let old = bank(&[("a", "1")]);
        let mut new = old.clone();
        new.questions[0].profile = vec!["group:management".to_owned()];
        assert_eq!(diff(&old, &new).changed, ["a"]);
        new.questions[0] = old.questions[0].clone();
        new.questions[0].section = Section::Legal;
        assert_eq!(diff(&old, &new).changed, ["a"]);
    }

    #[test]
    fn retiring_drops_the_named_questions_and_refuses_ids_the_bank_lacks() {
        let b = bank(&[("a", "1"), ("b", "2"), ("c", "3")]);
        let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let left = without(&b, &ids(&["c", "a", "a"])).unwrap();
        assert_eq!(diff(&b, &left).retired, ["a", "c"]);
        assert_eq!(left.questions.len(), 1);
        assert_eq!(
            without(&b, &ids(&["z", "a", "y", "z"])),
            Err(ids(&["y", "z"]))
        );
    }
}
