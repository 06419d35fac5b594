//! The native adapter: synaq's own batch format, `{"events": [{"id", "session_id", "kind",
//! "confidence", "occurred_at", "duration_s", "evidence": [...], "reviewed_by"?}]}`. Signed
//! with [`crate::verify::verify_native`]. An event is automated unless it names the person who
//! decided it in `reviewed_by` (a vendor's human-reviewed verdict, which the default policy
//! lets void: p.19).

use super::{ParseError, number, object, opt_string, seconds, string, unit};
use crate::signal::{Kind, Review, Severity, Signal};
use serde_json::Value;

/// Parse a verified native batch from vendor `source`.
pub fn parse(raw: &[u8], source: &str) -> Result<Vec<Signal>, ParseError> {
    let root = super::root(raw)?;
    let events = object(&root, "body")?
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| ParseError::new("events", "must be an array"))?;
    if events.is_empty() {
        return Err(ParseError::new("events", "must not be empty"));
    }
    events
        .iter()
        .enumerate()
        .map(|(i, e)| event(e, &format!("events[{i}]"), source))
        .collect()
}

fn event(e: &Value, path: &str, source: &str) -> Result<Signal, ParseError> {
    let o = object(e, path)?;
    let kind_name = string(o, path, "kind")?;
    let kind = Kind::from_name(&kind_name).ok_or_else(|| {
        ParseError::new(
            format!("{path}.kind"),
            format!("unknown kind `{kind_name}`"),
        )
    })?;
    let confidence = unit(o, path, "confidence")?;
    let duration_s = match o.get("duration_s") {
        None | Some(Value::Null) => 0.0,
        Some(_) => number(o, path, "duration_s")?,
    };
    if duration_s < 0.0 {
        return Err(ParseError::new(
            format!("{path}.duration_s"),
            "must not be negative",
        ));
    }
    let evidence = match o.get("evidence") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(j, v)| {
                v.as_str().map(str::to_owned).ok_or_else(|| {
                    ParseError::new(format!("{path}.evidence[{j}]"), "must be a string")
                })
            })
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ParseError::new(
                format!("{path}.evidence"),
                "must be an array",
            ));
        }
    };
    Ok(Signal {
        event_id: string(o, path, "id")?,
        session_id: string(o, path, "session_id")?,
        kind,
        severity: severity_of(confidence),
        confidence,
        occurred_at: seconds(o, path, "occurred_at")?,
        duration_s,
        source: source.to_owned(),
        review: match opt_string(o, path, "reviewed_by")? {
            Some(reviewer) => Review::Human { reviewer },
            None => Review::Automated,
        },
        evidence,
        replaces: None,
        raw: e.to_string(),
    })
}

/// Native events carry no severity of their own: it follows the confidence.
pub(crate) fn severity_of(confidence: f64) -> Severity {
    match confidence {
        c if c >= 0.9 => Severity::High,
        c if c >= 0.6 => Severity::Medium,
        c if c >= 0.3 => Severity::Low,
        _ => Severity::Info,
    }
}
