//! `synaq rules evaluate`.

use super::{err_text, ok_json};
use jiff::civil::date;
use synaq::domain::rules::{GapPolicy, Percent, Rating, evaluate, evaluation_due};

#[test]
fn evaluate_matches_the_library_in_the_gap_per_policy() {
    for (policy, gap) in [("zero", GapPolicy::Zero), ("ten", GapPolicy::Ten)] {
        let mut got = ok_json(&[
            "rules",
            "evaluate",
            "--score",
            "90",
            "--rating",
            "3,95",
            "--violations",
            "0",
            "--gap-policy",
            policy,
            "--testing-ended",
            "2025-11-14",
        ]);
        let want = evaluate(
            Percent::new(90.0).unwrap(),
            Rating::new(3.95).unwrap(),
            0,
            gap,
        )
        .unwrap();
        assert_eq!(
            got["due"],
            evaluation_due(date(2025, 11, 14)).unwrap().to_string()
        );
        got.as_object_mut().unwrap().remove("due");
        assert_eq!(got, serde_json::to_value(&want).unwrap(), "{policy}");
    }
}

#[test]
fn evaluate_refusals_name_the_flag() {
    let text = err_text(&[
        "rules",
        "evaluate",
        "--score",
        "90",
        "--rating",
        "high",
        "--violations",
        "0",
    ]);
    assert!(
        text.contains("--rating: \"high\" is not a number"),
        "{text}"
    );
    let text = err_text(&[
        "rules",
        "evaluate",
        "--score",
        "90",
        "--rating",
        "4",
        "--violations",
        "-1",
    ]);
    assert!(text.contains("--violations:"), "{text}");
    let text = err_text(&[
        "rules",
        "evaluate",
        "--score",
        "65",
        "--rating",
        "4",
        "--violations",
        "0",
    ]);
    assert!(
        text.contains("--score:") && text.contains("p.28-1"),
        "{text}"
    );
    let text = err_text(&[
        "rules",
        "evaluate",
        "--score",
        "90",
        "--rating",
        "4",
        "--violations",
        "0",
        "--gap-policy",
        "half",
    ]);
    assert!(text.contains("--gap-policy:"), "{text}");
    let text = err_text(&[
        "rules",
        "evaluate",
        "--score",
        "90",
        "--rating",
        "4",
        "--violations",
        "0",
        "--testing-ended",
        "14.11.2025",
    ]);
    assert!(text.contains("--testing-ended:"), "{text}");
}
