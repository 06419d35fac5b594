//! The Open edX proctoring review callback: `{"status": "passed"|"violation"|"suspicious"|
//! "not_reviewed", "comments": [{"comment", "status", "start", "stop"}], "reviewed_by"}` for
//! the attempt (= session) in the route. Signed with the native headers.
//!
//! Open edX's own rule is kept: a `violation` without `reviewed_by` was not decided by a
//! person, so it becomes a `suspicious` verdict (a second, human review) instead of voiding.
//! The review is one verdict signal. Its event id is the SHA-256 of the body, so a retried
//! delivery dedupes; its `replaces` key is the attempt, so a later, different review of the
//! same attempt replaces the earlier one (the server keeps the earlier in history).

use super::{ParseError, object, opt_string, seconds, string};
use crate::signal::{Kind, Review, Severity, Signal, Verdict};
use serde_json::Value;

/// Parse a verified review for `session_id` (from the route), received at `now`.
pub fn parse(
    raw: &[u8],
    source: &str,
    session_id: &str,
    now: i64,
) -> Result<Vec<Signal>, ParseError> {
    let root = super::root(raw)?;
    let o = object(&root, "body")?;
    let status = string(o, "", "status")?;
    let reviewed_by = opt_string(o, "", "reviewed_by")?;
    let verdict = match (status.as_str(), &reviewed_by) {
        ("passed", _) => Verdict::Clean,
        ("violation", Some(_)) => Verdict::Violation,
        ("violation", None) | ("suspicious", _) => Verdict::Suspicious,
        ("not_reviewed", _) => Verdict::NotReviewed,
        (other, _) => {
            return Err(ParseError::new(
                "status",
                format!("unknown status `{other}`"),
            ));
        }
    };
    let comments = match o.get("comments") {
        None | Some(Value::Null) => &[][..],
        Some(Value::Array(c)) => c.as_slice(),
        Some(_) => return Err(ParseError::new("comments", "must be an array")),
    };
    let mut evidence = Vec::new();
    let mut first = None;
    for (i, c) in comments.iter().enumerate() {
        let path = format!("comments[{i}]");
        let co = object(c, &path)?;
        let text = string(co, &path, "comment")?;
        let start = seconds(co, &path, "start")?;
        let stop = seconds(co, &path, "stop")?;
        if stop < start {
            return Err(ParseError::new(
                format!("{path}.stop"),
                "must not be before start",
            ));
        }
        first = Some(first.map_or(start, |f: i64| f.min(start)));
        evidence.push(format!("comment:{start}-{stop}:{text}"));
    }
    let (severity, confidence) = match verdict {
        Verdict::Violation => (Severity::High, 1.0),
        Verdict::Suspicious => (Severity::Medium, 1.0),
        Verdict::Clean | Verdict::NotReviewed => (Severity::Info, 1.0),
    };
    Ok(vec![Signal {
        event_id: format!(
            "edx-review:{}",
            hex::encode(ring::digest::digest(&ring::digest::SHA256, raw))
        ),
        session_id: session_id.to_owned(),
        kind: Kind::Verdict(verdict),
        severity,
        confidence,
        occurred_at: first.unwrap_or(now),
        duration_s: 0.0,
        source: source.to_owned(),
        review: match reviewed_by {
            Some(reviewer) => Review::Human { reviewer },
            None => Review::Automated,
        },
        evidence,
        replaces: Some(format!("edx-review:{session_id}")),
        raw: String::from_utf8_lossy(raw).into_owned(),
    }])
}
