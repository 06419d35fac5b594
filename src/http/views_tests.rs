//! Every example of docs/protocol.md tagged as a view is a body its type reads, refusing
//! unknown fields (the views deny them under `cfg(test)`), and writes back unchanged: the
//! documentation cannot drift from the code.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::*;

const PROTOCOL: &str = include_str!("../../docs/protocol.md");

/// The `json view=Name` blocks of the document: (name, body).
fn examples() -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    let mut lines = PROTOCOL.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("```json view=") else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        found.push((name.trim(), body.join("\n")));
    }
    found
}

/// Numbers compared as numbers: `0.0` in the document and `0` written back are one value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn round_trip<T: DeserializeOwned + Serialize>(body: &str) -> Result<(), String> {
    let view: T = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let written = serde_json::to_value(&view).map_err(|e| e.to_string())?;
    let documented: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    if same(&written, &documented) {
        Ok(())
    } else {
        Err(format!("written back as {written}"))
    }
}

/// Every view the API answers with; each must have an example.
const VIEWS: [&str; 9] = [
    "SessionView",
    "CandidateLoginView",
    "PaperView",
    "MeView",
    "AnswersView",
    "StaffLoginView",
    "CampaignCreatedView",
    "RosterView",
    "ResultView",
];

fn check(name: &str, body: &str) -> Result<(), String> {
    match name {
        "SessionView" => round_trip::<SessionView>(body),
        "CandidateLoginView" => round_trip::<CandidateLoginView>(body),
        "PaperView" => round_trip::<PaperView>(body),
        "MeView" => round_trip::<MeView>(body),
        "AnswersView" => round_trip::<AnswersView>(body),
        "StaffLoginView" => round_trip::<StaffLoginView>(body),
        "CampaignCreatedView" => round_trip::<CampaignCreatedView>(body),
        "RosterView" => round_trip::<RosterView>(body),
        "ResultView" => round_trip::<ResultView>(body),
        other => Err(format!("no view named {other}")),
    }
}

#[test]
fn every_view_example_in_the_protocol_deserializes_into_its_type() {
    let examples = examples();
    assert!(
        examples.len() >= VIEWS.len() - 1,
        "{} examples",
        examples.len()
    );
    for (name, body) in &examples {
        if let Err(e) = check(name, body) {
            panic!("docs/protocol.md, view {name}: {e}\n{body}");
        }
    }
    // ResultView is documented inside the scored SessionView; every other view on its own.
    for view in VIEWS.iter().filter(|v| **v != "ResultView") {
        assert!(
            examples.iter().any(|(name, _)| name == view),
            "docs/protocol.md has no example of {view}"
        );
    }
}

#[test]
fn an_unknown_or_missing_field_is_refused() {
    let (_, body) = examples()
        .into_iter()
        .find(|(name, _)| *name == "StaffLoginView")
        .unwrap();
    let mut value: Value = serde_json::from_str(&body).unwrap();
    value["password"] = Value::from("never sent");
    assert!(check("StaffLoginView", &value.to_string()).is_err());
    value.as_object_mut().unwrap().remove("password");
    value.as_object_mut().unwrap().remove("csrf");
    assert!(check("StaffLoginView", &value.to_string()).is_err());
    assert!(check("NoSuchView", "{}").is_err());
}
