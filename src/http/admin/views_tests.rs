//! Every example of docs/admin-api.md tagged as a view is a body its type reads, refusing
//! unknown fields (the views deny them under `cfg(test)`), and writes back unchanged.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::*;

const DOC: &str = include_str!("../../../docs/admin-api.md");

/// The `json view=Name` blocks of the document: (name, body).
fn examples() -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    let mut lines = DOC.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("```json view=") else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        found.push((name.trim(), body.join("\n")));
    }
    found
}

fn round_trip<T: DeserializeOwned + Serialize>(body: &str) -> Result<(), String> {
    let view: T = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let written = serde_json::to_value(&view).map_err(|e| e.to_string())?;
    let documented: Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    if written == documented {
        Ok(())
    } else {
        Err(format!("written back as {written}"))
    }
}

const VIEWS: [&str; 4] = [
    "CampaignListView",
    "SessionListView",
    "SessionOverviewView",
    "UserListView",
];

fn check(name: &str, body: &str) -> Result<(), String> {
    match name {
        "CampaignListView" => round_trip::<CampaignListView>(body),
        "SessionListView" => round_trip::<SessionListView>(body),
        "SessionOverviewView" => {
            round_trip::<crate::http::admin::sessions::SessionOverviewView>(body)
        }
        "UserListView" => round_trip::<crate::http::admin::users::UserListView>(body),
        other => Err(format!("no view named {other}")),
    }
}

#[test]
fn every_documented_admin_view_reads_back_unchanged() {
    let examples = examples();
    for name in VIEWS {
        assert!(
            examples.iter().any(|(n, _)| *n == name),
            "docs/admin-api.md has no example of {name}"
        );
    }
    for (name, body) in &examples {
        if let Err(e) = check(name, body) {
            panic!("docs/admin-api.md, view {name}: {e}\n{body}");
        }
    }
}

#[test]
fn a_page_view_counts_the_pages_of_its_listing() {
    let page = |number, size| Page { number, size };
    assert_eq!(PageView::of(page(1, 50), 0).pages, 0);
    assert_eq!(PageView::of(page(1, 50), 50).pages, 1);
    assert_eq!(PageView::of(page(2, 50), 51).pages, 2);
    assert_eq!(PageView::of(page(1, 1), 300).pages, 300);
}
