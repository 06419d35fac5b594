//! Item statistics after a campaign, for the question authors (issue 13.6): per bank question,
//! the share answering correctly (difficulty), the corrected point-biserial discrimination
//! index, the share choosing each option and leaving it blank, the appeals filed on it, and
//! flags for items to look at — too easy, too hard, discriminating negatively.
//!
//! The point-biserial is *corrected*: it correlates answering the item correctly with the
//! candidate's score on the *other* items of their paper (the rest score), so that an item
//! does not correlate with itself. With `p` the share correct, `M1` and `M0` the mean rest
//! scores of those who answered it correctly and of the others, and `s` the (population)
//! standard deviation of the rest scores of everyone who sat it:
//! `r = (M1 - M0) / s * sqrt(p * (1 - p))`.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

/// Below this many sittings an item is not judged: its figures are shown, its flags say only
/// that there is too little data.
pub const MIN_SITTINGS: usize = 20;
/// An item more than 90% answer correctly tells little about anyone.
pub const TOO_EASY_ABOVE: f64 = 0.90;
/// An item fewer than 20% answer correctly is near guessing among four options.
pub const TOO_HARD_BELOW: f64 = 0.20;

/// One answer of one candidate to one question of their paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub question_id: String,
    /// The option ids chosen (empty: left blank).
    pub chosen: BTreeSet<String>,
    /// Whether that is the question's key.
    pub correct: bool,
}

/// A flag on an item, for the author to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Fewer than [`MIN_SITTINGS`] sittings: not judged.
    FewSittings,
    /// More than [`TOO_EASY_ABOVE`] answered correctly.
    TooEasy,
    /// Fewer than [`TOO_HARD_BELOW`] answered correctly.
    TooHard,
    /// The stronger candidates answered it correctly *less* often: a wrong key, or a
    /// misleading question.
    NegativeDiscrimination,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::FewSittings => "few_sittings",
            Flag::TooEasy => "too_easy",
            Flag::TooHard => "too_hard",
            Flag::NegativeDiscrimination => "negative_discrimination",
        }
    }
}

/// The statistics of one bank question over a campaign.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ItemStats {
    pub question_id: String,
    /// Candidates whose paper had it.
    pub sittings: usize,
    /// Share answering correctly, 0..=1.
    pub share_correct: f64,
    /// The corrected point-biserial, -1..=1; None when everyone (or no one) answered it
    /// correctly, or the rest scores do not vary.
    pub point_biserial: Option<f64>,
    /// Share choosing each option of the question (every option listed, chosen or not).
    pub option_shares: BTreeMap<String, f64>,
    /// Share leaving it blank.
    pub share_blank: f64,
    /// Appeals filed disputing it (p.21).
    pub appeals: usize,
    pub flags: Vec<Flag>,
}

/// One sitting of a question: answered correctly, the rest score, what was chosen.
type Sat<'a> = (bool, f64, &'a BTreeSet<String>);

/// The statistics of every question answered in `sheets` (one per candidate: their responses
/// to every question of their paper), with the options of each question (`options`) and the
/// appeals filed on each (`appeals`), in question-id order.
pub fn item_statistics(
    sheets: &[Vec<Response>],
    options: &BTreeMap<String, Vec<String>>,
    appeals: &BTreeMap<String, usize>,
) -> Vec<ItemStats> {
    // Per question: (correct, rest score, chosen) of each sitting.
    let mut by_question: BTreeMap<&str, Vec<Sat<'_>>> = BTreeMap::new();
    for sheet in sheets {
        let total = sheet.iter().filter(|r| r.correct).count();
        for r in sheet {
            let rest = (total - usize::from(r.correct)) as f64;
            by_question
                .entry(r.question_id.as_str())
                .or_default()
                .push((r.correct, rest, &r.chosen));
        }
    }
    by_question
        .into_iter()
        .map(|(question_id, sittings)| {
            let n = sittings.len();
            let share = |count: usize| count as f64 / n as f64;
            let correct = sittings.iter().filter(|s| s.0).count();
            let share_correct = share(correct);
            let point_biserial = point_biserial(&sittings);
            let option_shares = options
                .get(question_id)
                .into_iter()
                .flatten()
                .map(|o| {
                    let count = sittings.iter().filter(|s| s.2.contains(o)).count();
                    (o.clone(), share(count))
                })
                .collect();
            let share_blank = share(sittings.iter().filter(|s| s.2.is_empty()).count());
            let mut flags = Vec::new();
            if n < MIN_SITTINGS {
                flags.push(Flag::FewSittings);
            } else {
                if share_correct > TOO_EASY_ABOVE {
                    flags.push(Flag::TooEasy);
                }
                if share_correct < TOO_HARD_BELOW {
                    flags.push(Flag::TooHard);
                }
                if point_biserial.is_some_and(|r| r < 0.0) {
                    flags.push(Flag::NegativeDiscrimination);
                }
            }
            ItemStats {
                question_id: question_id.to_owned(),
                sittings: n,
                share_correct,
                point_biserial,
                option_shares,
                share_blank,
                appeals: appeals.get(question_id).copied().unwrap_or(0),
                flags,
            }
        })
        .collect()
}

/// The corrected point-biserial of (correct, rest score) pairs.
fn point_biserial(sittings: &[Sat<'_>]) -> Option<f64> {
    let n = sittings.len() as f64;
    let (right, wrong): (Vec<_>, Vec<_>) = sittings.iter().partition(|s| s.0);
    if right.is_empty() || wrong.is_empty() {
        return None;
    }
    let mean = |xs: &[&Sat<'_>]| xs.iter().map(|s| s.1).sum::<f64>() / xs.len() as f64;
    let all_mean = sittings.iter().map(|s| s.1).sum::<f64>() / n;
    let sd = (sittings
        .iter()
        .map(|s| (s.1 - all_mean).powi(2))
        .sum::<f64>()
        / n)
        .sqrt();
    if sd == 0.0 {
        return None;
    }
    let p = right.len() as f64 / n;
    Some((mean(&right) - mean(&wrong)) / sd * (p * (1.0 - p)).sqrt())
}

/// The statistics as CSV (UTF-8, a header row): one row per question, option shares as
/// `id=share` pairs separated by `;`, flags separated by `;`. Question ids and option ids are
/// the bank's (letters, digits, `_`, `-`), so no cell can start a spreadsheet formula.
pub fn to_csv(items: &[ItemStats]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "question_id",
        "sittings",
        "share_correct",
        "point_biserial",
        "share_blank",
        "option_shares",
        "appeals",
        "flags",
    ];
    out.write_record(header).expect("writing to memory");
    for item in items {
        let shares: Vec<String> = item
            .option_shares
            .iter()
            .map(|(id, s)| format!("{id}={s:.3}"))
            .collect();
        let flags: Vec<&str> = item.flags.iter().map(|f| f.as_str()).collect();
        out.write_record([
            item.question_id.clone(),
            item.sittings.to_string(),
            format!("{:.3}", item.share_correct),
            item.point_biserial
                .map_or(String::new(), |r| format!("{r:.3}")),
            format!("{:.3}", item.share_blank),
            shares.join(";"),
            item.appeals.to_string(),
            flags.join(";"),
        ])
        .expect("writing to memory");
    }
    out.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A known answer matrix: five candidates (rows), four questions (columns), 1 = correct.
    /// Correct answers choose `a`, wrong ones `b`, except that candidate E leaves every
    /// question they got wrong blank.
    const MATRIX: [[u8; 4]; 5] = [
        [1, 1, 1, 0], // A: total 3
        [1, 1, 0, 0], // B: 2
        [1, 0, 0, 0], // C: 1
        [0, 1, 0, 1], // D: 2
        [0, 0, 0, 1], // E: 1
    ];

    fn sheets(rows: &[[u8; 4]]) -> Vec<Vec<Response>> {
        rows.iter()
            .enumerate()
            .map(|(candidate, row)| {
                row.iter()
                    .enumerate()
                    .map(|(i, &c)| Response {
                        question_id: format!("q{}", i + 1),
                        chosen: match (c, candidate) {
                            (1, _) => ["a".to_string()].into(),
                            (_, 4) => BTreeSet::new(),
                            _ => ["b".to_string()].into(),
                        },
                        correct: c == 1,
                    })
                    .collect()
            })
            .collect()
    }

    fn options() -> BTreeMap<String, Vec<String>> {
        (1..=4)
            .map(|i| (format!("q{i}"), vec!["a".into(), "b".into(), "c".into()]))
            .collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_figures_of_a_known_answer_matrix() {
        let appeals = BTreeMap::from([("q3".to_string(), 2)]);
        let items = item_statistics(&sheets(&MATRIX), &options(), &appeals);
        let ids: Vec<&str> = items.iter().map(|i| i.question_id.as_str()).collect();
        assert_eq!(ids, ["q1", "q2", "q3", "q4"]);
        let q1 = &items[0];
        assert_eq!(q1.sittings, 5);
        assert!(close(q1.share_correct, 0.6));
        // Rest scores for q1: A 2, B 1, C 0, D 2, E 1; right (A, B, C) mean 1, wrong (D, E)
        // mean 1.5; sd of [2, 1, 0, 2, 1] = sqrt(0.56); r = -0.5 / 0.7483 * sqrt(0.24).
        assert!(
            close(
                q1.point_biserial.unwrap(),
                -0.5 / 0.56f64.sqrt() * 0.24f64.sqrt()
            ),
            "{q1:?}"
        );
        assert!(close(q1.option_shares["a"], 0.6));
        assert!(close(q1.option_shares["b"], 0.2)); // D; E left it blank
        assert!(close(q1.option_shares["c"], 0.0));
        assert!(close(q1.share_blank, 0.2));
        // q3: only the strongest candidate answered it; q4 only two weaker ones.
        let q3 = &items[2];
        assert!(close(q3.share_correct, 0.2));
        // Rest scores [2, 2, 1, 2, 1]: A alone right (rest 2) against a mean of 1.5.
        assert!(
            close(q3.point_biserial.unwrap(), 1.0 / 6f64.sqrt()),
            "{q3:?}"
        );
        assert_eq!(q3.appeals, 2);
        let q4 = &items[3];
        // Checked independently: -0.720576692...
        assert!(
            (q4.point_biserial.unwrap() + 0.720_576_692).abs() < 1e-8,
            "{q4:?}"
        );
        // Five sittings are too few to judge anything.
        assert!(items.iter().all(|i| i.flags == [Flag::FewSittings]));
    }

    #[test]
    fn items_are_flagged_too_easy_too_hard_or_negative_over_enough_sittings() {
        // The matrix four times over: 20 sittings.
        let rows: Vec<[u8; 4]> = (0..4).flat_map(|_| MATRIX).collect();
        let items = item_statistics(&sheets(&rows), &options(), &BTreeMap::new());
        assert_eq!(items[0].sittings, MIN_SITTINGS);
        assert_eq!(items[0].flags, [Flag::NegativeDiscrimination]);
        assert_eq!(items[2].flags, Vec::<Flag>::new()); // exactly 20%: not below
        assert_eq!(items[3].flags, [Flag::NegativeDiscrimination]);
        // Everyone right: too easy, and no discrimination to compute.
        let easy: Vec<[u8; 4]> = (0..20).map(|_| [1, 1, 1, 1]).collect();
        let items = item_statistics(&sheets(&easy), &options(), &BTreeMap::new());
        assert_eq!(items[0].point_biserial, None);
        assert_eq!(items[0].flags, [Flag::TooEasy]);
        // No one right: too hard.
        let hard: Vec<[u8; 4]> = (0..20).map(|_| [0, 0, 0, 0]).collect();
        let items = item_statistics(&sheets(&hard), &options(), &BTreeMap::new());
        assert_eq!(items[0].flags, [Flag::TooHard]);
    }

    #[test]
    fn the_csv_has_a_header_and_one_row_per_question() {
        let appeals = BTreeMap::from([("q3".to_string(), 2)]);
        let items = item_statistics(&sheets(&MATRIX), &options(), &appeals);
        let text = String::from_utf8(to_csv(&items)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "question_id,sittings,share_correct,point_biserial,share_blank,option_shares,appeals,flags"
        );
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines[1],
            "q1,5,0.600,-0.327,0.200,a=0.600;b=0.200;c=0.000,0,few_sittings"
        );
        assert!(lines[3].starts_with("q3,5,0.200,") && lines[3].ends_with(",2,few_sittings"));
    }
}
