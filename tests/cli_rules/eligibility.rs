//! `synaq rules eligibility`.

use super::{err_text, ok_json, temp_file};
use jiff::civil::date;
use synaq::domain::rules::{Person, eligibility};

const PERSON: &str = r#"{
  "hire_date": "2023-01-10",
  "position_start": "2025-09-01",
  "leaves": [{"kind": "child_care", "start": "2023-05-01", "end": "2025-08-31"}],
  "training_hours_planned": 40,
  "training_hours_completed": 12.5,
  "procedure": "category",
  "claimed_category": "карьерный консультант",
  "profile_courses": ["career_consultant"]
}"#;

#[test]
fn eligibility_matches_the_library() {
    let path = temp_file(PERSON);
    let got = ok_json(&[
        "rules",
        "eligibility",
        "--person",
        path.to_str().unwrap(),
        "--on",
        "2025-11-20",
    ]);
    let person: Person = serde_json::from_str(PERSON).unwrap();
    let want = eligibility(&person, date(2025, 11, 20)).unwrap();
    assert_eq!(got, serde_json::to_value(&want).unwrap());
    assert_eq!(got["eligible"], false);
    assert_eq!(got["reasons"].as_array().unwrap().len(), 3);
    std::fs::remove_file(path).ok();
}

#[test]
fn eligibility_refusals_name_the_json_field() {
    let cases = [
        (
            PERSON.replace("\"2025-09-01\"", "\"01.09.2025\""),
            "position_start:",
        ),
        (
            PERSON.replace("\"child_care\"", "\"holiday\""),
            "leaves[0].kind:",
        ),
        (
            PERSON.replace("\"end\": \"2025-08-31\"", "\"end\": 5"),
            "leaves[0].end:",
        ),
        (
            PERSON.replace("\"end\": \"2025-08-31\"", "\"end\": \"2022-01-01\""),
            "leaves[0]: ends 2022-01-01 before it starts 2023-05-01",
        ),
        (PERSON.replace("12.5", "-3"), "training_hours_completed:"),
        (
            PERSON.replace("\"2023-01-10\"", "\"2025-10-01\""),
            "position_start: 2025-09-01 is before hire_date 2025-10-01",
        ),
        (
            PERSON.replace("\"карьерный консультант\"", "\"эксперт\""),
            "claimed_category:",
        ),
        (
            PERSON.replace("[\"career_consultant\"]", "[\"career_consultant\", 7]"),
            "profile_courses[1]:",
        ),
        (
            PERSON.replace("\"procedure\": \"category\",", ""),
            "procedure: missing",
        ),
        (
            PERSON
                .replace("\"procedure\"", "\"pregnant\": true, \"procedure\"")
                .replace("\"hire_date\"", "\"shoe_size\": 40, \"hire_date\""),
            "shoe_size: unknown field",
        ),
        (
            PERSON.replace("\"claimed_category\": \"карьерный консультант\",", ""),
            "claimed_category:",
        ),
        ("[1, 2]".to_string(), "(document): expected a JSON object"),
        ("{not json".to_string(), "(document):"),
    ];
    for (json, field) in cases {
        let path = temp_file(&json);
        let text = err_text(&[
            "rules",
            "eligibility",
            "--person",
            path.to_str().unwrap(),
            "--on",
            "2025-11-20",
        ]);
        assert!(
            text.contains(&format!(": {field}")),
            "want {field}, got {text}"
        );
        std::fs::remove_file(path).ok();
    }
    let text = err_text(&[
        "rules",
        "eligibility",
        "--person",
        "/nonexistent/person.json",
        "--on",
        "2025-11-20",
    ]);
    assert!(text.contains("--person: cannot read"), "{text}");
    let path = temp_file(PERSON);
    let text = err_text(&[
        "rules",
        "eligibility",
        "--person",
        path.to_str().unwrap(),
        "--on",
        "tomorrow",
    ]);
    assert!(text.contains("--on: \"tomorrow\" is not a date"), "{text}");
    std::fs::remove_file(path).ok();
}
