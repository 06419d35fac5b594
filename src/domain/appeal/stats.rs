//! A disputed question's statistics over the campaign, for the commission (p.24): the share
//! of candidates who answered it correctly, the share choosing each option, and the upper-lower
//! discrimination index (the share correct in the top 27% of total scores minus that in the
//! bottom 27%, among the candidates whose paper had the question).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// The fraction of each end of the score ranking compared by the discrimination index
/// (Kelley's 27%).
pub const DISCRIMINATION_GROUP: f64 = 0.27;

/// One candidate's paper as far as the statistics need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sitting {
    /// Their total correct answers (orders the candidates).
    pub total_correct: u32,
    /// What they chose on the question.
    pub chosen: BTreeSet<String>,
    /// Whether that was the key.
    pub correct: bool,
}

/// The statistics of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionStats {
    /// Candidates whose paper had the question.
    pub sittings: usize,
    /// Share answering correctly, 0..=1; None without sittings.
    pub share_correct: Option<f64>,
    /// Upper minus lower group's share correct, -1..=1; None with fewer than 2 per group.
    pub discrimination: Option<f64>,
    /// Share choosing each option (an option id; a multiple choice counts every option chosen).
    pub option_shares: BTreeMap<String, f64>,
    /// Share leaving it unanswered.
    pub share_blank: Option<f64>,
}

/// The statistics of a question over `sittings`, for its `options`.
pub fn question_stats(options: &[String], sittings: &[Sitting]) -> QuestionStats {
    let n = sittings.len();
    let share = |count: usize| count as f64 / n as f64;
    let option_shares = options
        .iter()
        .map(|o| {
            let count = sittings.iter().filter(|s| s.chosen.contains(o)).count();
            (o.clone(), if n == 0 { 0.0 } else { share(count) })
        })
        .collect();
    let mut ranked: Vec<&Sitting> = sittings.iter().collect();
    ranked.sort_by_key(|s| std::cmp::Reverse(s.total_correct));
    let group = (n as f64 * DISCRIMINATION_GROUP).round() as usize;
    let correct_share =
        |g: &[&Sitting]| g.iter().filter(|s| s.correct).count() as f64 / g.len() as f64;
    QuestionStats {
        sittings: n,
        share_correct: (n > 0).then(|| share(sittings.iter().filter(|s| s.correct).count())),
        discrimination: (group >= 2)
            .then(|| correct_share(&ranked[..group]) - correct_share(&ranked[n - group..])),
        option_shares,
        share_blank: (n > 0)
            .then(|| share(sittings.iter().filter(|s| s.chosen.is_empty()).count())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitting(total: u32, chosen: &str, key: &str) -> Sitting {
        let chosen: BTreeSet<String> = chosen.chars().map(String::from).collect();
        let key: BTreeSet<String> = key.chars().map(String::from).collect();
        Sitting {
            total_correct: total,
            correct: chosen == key,
            chosen,
        }
    }

    #[test]
    fn shares_and_the_discrimination_index_of_ten_candidates() {
        // Ten sittings, key "b". The 3 best (27% of 10 rounds to 3) all right, the 3 worst
        // all wrong: the index is 1.0; 6 of 10 right overall.
        let options: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let sittings = [
            sitting(95, "b", "b"),
            sitting(90, "b", "b"),
            sitting(88, "b", "b"),
            sitting(80, "b", "b"),
            sitting(75, "a", "b"),
            sitting(72, "b", "b"),
            sitting(70, "b", "b"),
            sitting(60, "a", "b"),
            sitting(55, "", "b"),
            sitting(40, "c", "b"),
        ];
        let stats = question_stats(&options, &sittings);
        assert_eq!(stats.sittings, 10);
        assert_eq!(stats.share_correct, Some(0.6));
        assert_eq!(stats.discrimination, Some(1.0));
        assert_eq!(stats.option_shares["a"], 0.2);
        assert_eq!(stats.option_shares["b"], 0.6);
        assert_eq!(stats.option_shares["c"], 0.1);
        assert_eq!(stats.share_blank, Some(0.1));
    }

    #[test]
    fn a_question_the_weak_answer_better_discriminates_negatively() {
        let options: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let sittings: Vec<Sitting> = (0..8)
            .map(|i| sitting(100 - i * 10, if i < 4 { "a" } else { "b" }, "b"))
            .collect();
        let stats = question_stats(&options, &sittings);
        assert_eq!(stats.discrimination, Some(-1.0));
    }

    #[test]
    fn too_few_sittings_give_no_index() {
        let options: Vec<String> = vec!["a".into()];
        let stats = question_stats(&options, &[sitting(50, "a", "a")]);
        assert_eq!(
            (stats.share_correct, stats.discrimination),
            (Some(1.0), None)
        );
        let none = question_stats(&options, &[]);
        assert_eq!((none.sittings, none.share_correct), (0, None));
    }
}
