//! Every `json view=Name` example of docs/proctoring.md is a body its type reads, refusing
//! unknown fields (the views deny them under `cfg(test)`), and writes back unchanged; and every
//! view the proctoring routes answer with has an example.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::*;

const PROCTORING: &str = include_str!("../../../docs/proctoring.md");

/// The `json view=` blocks of the document: (name, body).
fn examples() -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    let mut lines = PROCTORING.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("```json view=") else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        found.push((name.trim(), body.join("\n")));
    }
    found
}

/// Numbers compared as numbers: `1` in the document and `1.0` written back are one value.
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

const VIEWS: [&str; 9] = [
    "CallbackView",
    "VendorView",
    "VendorsView",
    "ProctoringSettingsView",
    "SebView",
    "ProctoringStatusView",
    "ReviewQueueView",
    "ReviewItemView",
    "DecisionView",
];

fn check(name: &str, body: &str) -> Result<(), String> {
    match name {
        "CallbackView" => round_trip::<CallbackView>(body),
        "VendorView" => round_trip::<VendorView>(body),
        "VendorsView" => round_trip::<VendorsView>(body),
        "ProctoringSettingsView" => round_trip::<ProctoringSettingsView>(body),
        "SebView" => round_trip::<SebView>(body),
        "ProctoringStatusView" => round_trip::<ProctoringStatusView>(body),
        "ReviewQueueView" => round_trip::<ReviewQueueView>(body),
        "ReviewItemView" => round_trip::<ReviewItemView>(body),
        "DecisionView" => round_trip::<DecisionView>(body),
        other => Err(format!("no view named {other}")),
    }
}

#[test]
fn every_view_example_in_docs_proctoring_reads_back_as_its_type() {
    let examples = examples();
    for (name, body) in &examples {
        if let Err(e) = check(name, body) {
            panic!("docs/proctoring.md, view {name}: {e}\n{body}");
        }
    }
    for view in VIEWS {
        assert!(
            examples.iter().any(|(name, _)| *name == view),
            "docs/proctoring.md has no example of {view}"
        );
    }
}

#[test]
fn an_unknown_or_missing_field_is_refused() {
    let (_, body) = examples()
        .into_iter()
        .find(|(name, _)| *name == "DecisionView")
        .unwrap();
    let mut value: Value = serde_json::from_str(&body).unwrap();
    value["secret"] = Value::from("never sent");
    assert!(check("DecisionView", &value.to_string()).is_err());
    value.as_object_mut().unwrap().remove("secret");
    value.as_object_mut().unwrap().remove("status");
    assert!(check("DecisionView", &value.to_string()).is_err());
    let (_, body) = examples()
        .into_iter()
        .find(|(name, _)| *name == "VendorView")
        .unwrap();
    let mut value: Value = serde_json::from_str(&body).unwrap();
    value["secrets"] = serde_json::json!(["whsec_leaked"]);
    assert!(check("VendorView", &value.to_string()).is_err());
    assert!(check("NoSuchView", "{}").is_err());
}
