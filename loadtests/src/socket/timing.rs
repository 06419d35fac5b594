//! When and what a candidate answers: the answer plan drawn from the paper, think times with
//! jitter, and the reconnect backoff.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::{Instant, sleep_until};

use crate::protocol::Question;

/// The answers to give, in paper order: one random option, or one or two for a multiple
/// choice question. Questions without options are skipped.
pub fn plan(mut paper: Vec<Question>) -> VecDeque<(u32, Vec<String>)> {
    paper.sort_by_key(|q| q.n);
    paper
        .into_iter()
        .filter(|q| !q.options.is_empty())
        .map(|q| {
            let count = q.options.len();
            let first = rand::random_range(0..count);
            let mut choice = vec![q.options[first].id.clone()];
            if q.is_multiple() && count > 1 && rand::random_bool(0.5) {
                let second = (first + rand::random_range(1..count)) % count;
                choice.push(q.options[second].id.clone());
            }
            (q.n, choice)
        })
        .collect()
}

/// A think time drawn uniformly within ±50% of `mean`.
pub fn think(mean: Duration) -> Duration {
    if mean.is_zero() {
        return mean;
    }
    mean.mul_f64(rand::random_range(0.5..=1.5))
}

/// Backoff after `failures` failed connects: 100 ms doubling to 5 s, with jitter.
pub fn backoff(failures: u32) -> Duration {
    let base = Duration::from_millis(100 << failures.min(6).saturating_sub(1));
    base.min(Duration::from_secs(5))
        .mul_f64(rand::random_range(0.5..=1.5))
}

/// Sleeps until `until`; true when the stop came first.
pub async fn wait_or_stop(until: Instant, stop: Instant) -> bool {
    if until >= stop {
        sleep_until(stop).await;
        return true;
    }
    sleep_until(until).await;
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::OptionId;

    fn question(n: u32, kind: &str, options: &[&str]) -> Question {
        Question {
            n,
            kind: kind.into(),
            options: options
                .iter()
                .map(|id| OptionId { id: (*id).into() })
                .collect(),
        }
    }

    #[test]
    fn plan_answers_in_paper_order_with_valid_options() {
        let paper = vec![
            question(2, "multiple", &["a", "b", "c"]),
            question(1, "single", &["x", "y"]),
            question(3, "single", &[]),
        ];
        for _ in 0..50 {
            let plan = plan(paper.clone());
            assert_eq!(plan.iter().map(|p| p.0).collect::<Vec<_>>(), [1, 2]);
            assert_eq!(plan[0].1.len(), 1);
            assert!(["x", "y"].contains(&plan[0].1[0].as_str()));
            let multi = &plan[1].1;
            assert!((1..=2).contains(&multi.len()));
            assert!(multi.iter().all(|c| ["a", "b", "c"].contains(&c.as_str())));
            assert!(
                multi.len() == 1 || multi[0] != multi[1],
                "two distinct options"
            );
        }
    }

    #[test]
    fn think_time_stays_within_half_either_side() {
        for _ in 0..200 {
            let t = think(Duration::from_millis(100));
            assert!(t >= Duration::from_millis(50) && t <= Duration::from_millis(150));
        }
        assert_eq!(think(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert!(backoff(1) <= Duration::from_millis(150));
        assert!(backoff(20) <= Duration::from_millis(7_500));
        assert!(backoff(20) >= Duration::from_millis(1_600));
    }
}
