//! Whether a bank can fill a paper (p.16) for a profile on every day of a campaign, checked
//! before the campaign opens: a bank too small for a position is otherwise found only when a
//! candidate presses Start. A paper draws `blueprint.legal` and `blueprint.functional`
//! questions the profile admits on the exam day (legal ones only while their act is in force)
//! and meets each topic quota; [`super::assemble`] fails exactly when one of these counts is
//! short, so counting is enough — no draw, no seed.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Blueprint, Profile};
use crate::domain::bank::{Bank, Section};

/// One count a paper cannot meet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Shortfall {
    pub section: Section,
    /// The topic of a quota; absent for the section as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// Questions the paper needs.
    pub needed: usize,
    /// Questions the profile admits, on the worst day.
    pub available: usize,
    /// The first day of the campaign with that fewest count (`YYYY-MM-DD`).
    #[schema(value_type = String)]
    pub on: jiff::civil::Date,
}

impl Shortfall {
    /// How many questions are missing.
    pub fn missing(&self) -> usize {
        self.needed - self.available
    }
}

/// The days between `from` and `to` (inclusive) on which the set of legal questions in force
/// can change: the first day, and each day an act enters into force or the day after it ends.
fn change_days(
    bank: &Bank,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> BTreeSet<jiff::civil::Date> {
    let mut days = BTreeSet::from([from]);
    for legal in bank.questions.iter().filter_map(|q| q.legal.as_ref()) {
        let after_end = legal.valid_to.and_then(|d| d.tomorrow().ok());
        for day in [legal.valid_from, after_end].into_iter().flatten() {
            if day > from && day <= to {
                days.insert(day);
            }
        }
    }
    days
}

/// Every count of `blueprint` the bank cannot meet for `profile` on some day from `from` to
/// `to` (the campaign's days), each with its fewest eligible questions and the first day it
/// occurs; empty when every day's paper can be filled. `profile.exam_date` is ignored.
pub fn shortfalls(
    bank: &Bank,
    blueprint: &Blueprint,
    profile: &Profile,
    from: jiff::civil::Date,
    to: jiff::civil::Date,
) -> Vec<Shortfall> {
    let mut needs: Vec<(Section, Option<&str>, usize)> = Section::ALL
        .into_iter()
        .map(|s| (s, None, blueprint.count(s)))
        .collect();
    needs.extend(
        blueprint
            .topic_quotas
            .iter()
            .map(|q| (q.section, Some(q.topic.as_str()), q.count)),
    );
    let mut worst: Vec<Option<Shortfall>> = vec![None; needs.len()];
    for day in change_days(bank, from, to) {
        let on_day = Profile {
            exam_date: day,
            ..profile.clone()
        };
        let admitted: Vec<_> = bank.questions.iter().filter(|q| on_day.admits(q)).collect();
        for (slot, (section, topic, needed)) in worst.iter_mut().zip(&needs) {
            let available = admitted
                .iter()
                .filter(|q| q.section == *section && topic.is_none_or(|t| q.topic == t))
                .count();
            if available < *needed && slot.as_ref().is_none_or(|s| available < s.available) {
                *slot = Some(Shortfall {
                    section: *section,
                    topic: topic.map(str::to_owned),
                    needed: *needed,
                    available,
                    on: day,
                });
            }
        }
    }
    worst.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{AnswerOption, Kind, LegalRef, Localized, Question};
    use crate::domain::paper::TopicQuota;
    use jiff::civil::date;

    fn q(
        id: usize,
        section: Section,
        profile: &str,
        topic: &str,
        legal: Option<LegalRef>,
    ) -> Question {
        let l = |s: &str| Localized {
            kk: s.to_owned(),
            ru: s.to_owned(),
        };
        Question {
            id: format!("q{id:04}"),
            section,
            profile: vec![profile.to_owned()],
            topic: topic.to_owned(),
            difficulty: None,
            legal,
            kind: Kind::Single,
            text: l("?"),
            options: ["a", "b"]
                .iter()
                .map(|o| AnswerOption {
                    id: (*o).to_owned(),
                    text: l(o),
                    correct: *o == "a",
                    pinned: false,
                })
                .collect(),
        }
    }

    fn profile(tags: &[&str]) -> Profile {
        Profile {
            name: "p".to_owned(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            exam_date: date(2000, 1, 1),
        }
    }

    /// 50 legal for `all`, `functional` functional ones for `mine`.
    fn bank(functional: usize) -> Bank {
        let mut questions: Vec<Question> = (0..50)
            .map(|i| q(i, Section::Legal, "all", "law", None))
            .collect();
        questions
            .extend((0..functional).map(|i| q(100 + i, Section::Functional, "mine", "work", None)));
        Bank { questions }
    }

    #[test]
    fn fifty_and_fifty_fill_the_paper_p16_and_forty_nine_are_one_short() {
        let (from, to) = (date(2026, 12, 1), date(2026, 12, 20));
        let full = bank(50);
        assert!(
            shortfalls(
                &full,
                &Blueprint::default(),
                &profile(&["all", "mine"]),
                from,
                to
            )
            .is_empty()
        );
        let short = bank(49);
        let s = shortfalls(
            &short,
            &Blueprint::default(),
            &profile(&["all", "mine"]),
            from,
            to,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].section, s[0].needed, s[0].available, s[0].missing()),
            (Section::Functional, 50, 49, 1)
        );
        assert_eq!(s[0].on, from);
        // Another position's profile admits none of the functional questions.
        let other = shortfalls(
            &full,
            &Blueprint::default(),
            &profile(&["all", "theirs"]),
            from,
            to,
        );
        assert_eq!(
            (other[0].section, other[0].available),
            (Section::Functional, 0)
        );
    }

    #[test]
    fn an_act_that_ends_during_the_campaign_shortens_the_days_after_it() {
        let mut b = bank(50);
        b.questions[0].legal = Some(LegalRef {
            act: "act".to_owned(),
            clause: "1".to_owned(),
            valid_from: None,
            valid_to: Some(date(2026, 12, 9)),
        });
        let p = profile(&["all", "mine"]);
        assert!(
            shortfalls(
                &b,
                &Blueprint::default(),
                &p,
                date(2026, 12, 1),
                date(2026, 12, 9)
            )
            .is_empty()
        );
        let s = shortfalls(
            &b,
            &Blueprint::default(),
            &p,
            date(2026, 12, 1),
            date(2026, 12, 20),
        );
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].section, s[0].available, s[0].on),
            (Section::Legal, 49, date(2026, 12, 10))
        );
    }

    #[test]
    fn a_topic_quota_the_bank_cannot_meet_is_named() {
        let b = bank(50);
        let blueprint = Blueprint {
            topic_quotas: vec![TopicQuota {
                section: Section::Functional,
                topic: "safety".to_owned(),
                count: 5,
            }],
            ..Blueprint::default()
        };
        let s = shortfalls(
            &b,
            &blueprint,
            &profile(&["all", "mine"]),
            date(2026, 12, 1),
            date(2026, 12, 1),
        );
        assert_eq!(s.len(), 1);
        assert_eq!(
            (s[0].topic.as_deref(), s[0].needed, s[0].available),
            (Some("safety"), 5, 0)
        );
    }
}
