//! `synaq rules decide`.

use super::{err_text, ok_json};
use synaq::domain::rules::{
    Category, ConflictPolicy, DecisionInput, Percent, Position, Procedure, decide,
};

#[test]
fn decide_matches_the_library_for_a_category_applicant_at_69_5() {
    let got = ok_json(&[
        "rules",
        "decide",
        "--position",
        "Специалист по содействию занятости (карьерный центр)",
        "--procedure",
        "category",
        "--score",
        "69.5",
        "--current-category",
        "кейс-менеджер",
        "--claimed-category",
        "mentor",
    ]);
    let want = decide(&DecisionInput {
        procedure: Procedure::Category,
        reattestation_of: None,
        position: Position::by_slug("cc_employment_specialist").unwrap(),
        score: Percent::new(69.5).unwrap(),
        current_category: Some(Category::CaseManager),
        claimed_category: Some(Category::Mentor),
        policy: ConflictPolicy::P30,
    })
    .unwrap();
    assert_eq!(got, serde_json::to_value(&want).unwrap());
    assert_eq!(got["outcome"]["code"], "fits_category_below_claimed");
}

#[test]
fn decide_under_p27_policy_gives_one_level_below_current() {
    let got = ok_json(&[
        "rules",
        "decide",
        "--position",
        "cc_training_specialist",
        "--procedure",
        "category",
        "--score",
        "60",
        "--current-category",
        "case_manager",
        "--claimed-category",
        "mentor",
        "--policy",
        "p27",
    ]);
    assert_eq!(got["policy"], "p27");
    assert_eq!(
        got["consequences"]["resulting_category"],
        "career_consultant"
    );
}

#[test]
fn decide_head_of_sector_at_84_and_85() {
    for (score, fits) in [("84", false), ("85", true)] {
        let got = ok_json(&[
            "rules",
            "decide",
            "--position",
            "Руководитель сектора",
            "--procedure",
            "periodic",
            "--score",
            score,
        ]);
        assert_eq!(got["passed"], fits, "{score}");
        assert_eq!(got["threshold"], 85);
    }
}

#[test]
fn decide_reattestation_dismisses_a_tmc_specialist() {
    let got = ok_json(&[
        "rules",
        "decide",
        "--position",
        "Аналитик рынка труда",
        "--procedure",
        "reattestation",
        "--score",
        "69",
    ]);
    assert_eq!(got["consequences"]["dismissal"], true);
    assert_eq!(got["base_procedure"], "periodic");
}

#[test]
fn decide_refusals_name_the_flag() {
    fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        [&["rules", "decide", "--procedure", "periodic"][..], extra].concat()
    }
    let text = err_text(&with(&["--position", "tmc_director", "--score", "abc"]));
    assert!(text.contains("--score: \"abc\" is not a number"), "{text}");
    let text = err_text(&with(&["--position", "tmc_director", "--score", "101"]));
    assert!(text.contains("--score:"), "{text}");
    let text = err_text(&with(&[
        "--position",
        "Специалист по содействию занятости",
        "--score",
        "80",
    ]));
    assert!(
        text.contains("--position:") && text.contains("(карьерный центр)"),
        "{text}"
    );
    let text = err_text(&with(&[
        "--position",
        "Аналитк рынка труда",
        "--score",
        "80",
    ]));
    assert!(
        text.contains("--position:") && text.contains("tmc_labor_market_analyst"),
        "{text}"
    );
    let text = err_text(&with(&["--position", "Юрист", "--score", "80"]));
    assert!(
        text.contains("--position:") && text.contains("p.17"),
        "{text}"
    );
    let text = err_text(&with(&[
        "--position",
        "cc_head_of_sector",
        "--score",
        "80",
        "--claimed-category",
        "эксперт",
    ]));
    assert!(
        text.contains("--claimed-category:") && text.contains("эксперт"),
        "{text}"
    );
    let text = err_text(&with(&[
        "--position",
        "cc_head_of_sector",
        "--score",
        "80",
        "--policy",
        "p31",
    ]));
    assert!(text.contains("--policy:"), "{text}");
    let text = err_text(&[
        "rules",
        "decide",
        "--position",
        "cc_head_of_sector",
        "--score",
        "80",
        "--procedure",
        "annual",
    ]);
    assert!(text.contains("--procedure:"), "{text}");
    let text = err_text(&[
        "rules",
        "decide",
        "--position",
        "cc_employment_specialist",
        "--score",
        "80",
        "--procedure",
        "category",
        "--current-category",
        "no_category",
    ]);
    assert!(
        text.contains("--claimed-category:") && text.contains("p.14.2"),
        "{text}"
    );
}
