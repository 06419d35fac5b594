//! The JSON bodies of the proctoring routes, as typed views: what docs/proctoring.md documents
//! with a `view=` example of each, and what `views_tests.rs` reads back with unknown fields
//! refused (so the documentation cannot drift from the code).

use serde::{Deserialize, Serialize};

/// A campaign's Safe Exam Browser requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SebView {
    pub campaign_id: String,
    /// Null: the campaign does not require Safe Exam Browser.
    pub seb: Option<SebKeysView>,
}

/// The keys of a campaign that requires Safe Exam Browser (lowercase hex).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SebKeysView {
    pub config_key: String,
    pub browser_exam_keys: Vec<String>,
}
