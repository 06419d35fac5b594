//! Synthetic banks for load tests and benchmarks: many valid bilingual questions, made
//! deterministically from a count (the same `n` always gives the same bank).

use crate::domain::bank::{AnswerOption, Bank, Kind, LegalRef, Localized, Question, Section};

/// Profile tags spread over synthetic questions, so papers for every position assemble.
const PROFILES: [&str; 4] = [
    "all",
    "group:management",
    "group:tmc_specialists",
    "group:cc_specialists",
];

/// A bank of `n` questions, half legal and half functional; a quarter are multiple choice,
/// every fifth has a pinned last option, half of each section is tagged `all`, ten topics.
pub fn synthetic_bank(n: usize) -> Bank {
    let mut questions: Vec<Question> = (0..n).map(synthetic_question).collect();
    questions.sort_by(|a, b| a.id.cmp(&b.id));
    Bank { questions }
}

fn synthetic_question(i: usize) -> Question {
    let section = if i.is_multiple_of(2) {
        Section::Legal
    } else {
        Section::Functional
    };
    let prefix = match section {
        Section::Legal => "SL",
        Section::Functional => "SF",
    };
    let profile = if (i / 2).is_multiple_of(2) {
        "all"
    } else {
        PROFILES[1 + (i / 4) % 3]
    };
    let kind = if (i / 2) % 4 == 2 {
        Kind::Multiple
    } else {
        Kind::Single
    };
    let option_count = 4 + i % 2;
    let options = (0..option_count)
        .map(|k| {
            let id = char::from(b'a' + k as u8).to_string();
            let pinned = i.is_multiple_of(5) && k == option_count - 1;
            AnswerOption {
                text: Localized {
                    kk: format!("{i}-сұрақтың {id} нұсқасы"),
                    ru: format!("Вариант {id} вопроса {i}"),
                },
                correct: k == 0 || (kind == Kind::Multiple && k == 1),
                pinned,
                id,
            }
        })
        .collect();
    Question {
        id: format!("{prefix}-{i:07}"),
        section,
        profile: vec![profile.to_owned()],
        topic: format!("topic-{}", (i / 4) % 10),
        difficulty: Some((1 + i % 5) as u8),
        legal: (section == Section::Legal).then(|| LegalRef {
            act: "Synthetic act".to_owned(),
            clause: format!("p.{}", 1 + i % 34),
            valid_from: None,
            valid_to: None,
        }),
        kind,
        text: Localized {
            kk: format!("Синтетикалық сұрақ № {i}: дұрыс жауапты таңдаңыз."),
            ru: format!("Синтетический вопрос № {i}: выберите верный ответ."),
        },
        options,
    }
}
