//! The violation policy as data (p.19): per campaign, JSON, validated at load with errors
//! naming the field. [`decide`] is the pure answer to "what does this signal do to this
//! session", from (policy, the session's signals so far, the signal).
//!
//! The default ([`Policy::default`], [`DEFAULT_JSON`]): a vendor's human-reviewed `violation`
//! verdict voids; an automated `violation` and any `suspicious` verdict flag for human
//! review; automated observations accumulate toward review (counts, total durations, above a
//! confidence) and never void on their own. Software misreads faces, light and rooms; voiding
//! someone's attestation is for a person to decide. A campaign that wants automated voiding
//! must write a rule with `"action": "void"`.

use crate::signal::{Kind, Review, Signal, Verdict};
use serde_json::{Map, Value};
use thiserror::Error;

/// What a signal does to its session. Ordered: a stronger action wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Action {
    /// Kept in the session's record, nothing else.
    Record,
    /// The session goes to (or stays in) the human review queue.
    Flag,
    /// The session's result is voided.
    Void,
}

/// One rule: signals of `kinds` at or above `min_confidence` fire `action` once the session
/// holds at least `count` of them or at least `total_duration_s` seconds of them (either
/// threshold suffices; an absent one never fires).
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Observation kinds counted together.
    pub kinds: Vec<Kind>,
    /// Weaker signals neither fire nor count.
    pub min_confidence: f64,
    /// Fires at this many signals, this one included.
    pub count: Option<u32>,
    /// Fires at this many seconds of them in all.
    pub total_duration_s: Option<f64>,
    /// What firing does.
    pub action: Action,
}

/// A campaign's policy.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// What a human-reviewed `violation` verdict does (default void).
    pub human_violation: Action,
    /// What an automated `violation` or any `suspicious` verdict does (default flag).
    pub other_violation: Action,
    /// Rules over observations; the strongest firing action wins.
    pub rules: Vec<Rule>,
}

/// A policy that does not validate: the JSON path of the field and what is wrong.
#[derive(Debug, Error, PartialEq, Eq)]
#[error("policy field `{field}`: {reason}")]
pub struct PolicyError {
    pub field: String,
    pub reason: String,
}

fn err(field: impl Into<String>, reason: impl Into<String>) -> PolicyError {
    PolicyError {
        field: field.into(),
        reason: reason.into(),
    }
}

/// The default policy as JSON, the format a campaign writes.
pub const DEFAULT_JSON: &str = r#"{
  "verdicts": { "human_violation": "void", "other_violation": "flag" },
  "rules": [
    { "kinds": ["identity_mismatch", "session_takeover"], "min_confidence": 0.8,
      "count": 1, "action": "flag" },
    { "kinds": ["multiple_faces", "phone_detected", "second_screen"], "min_confidence": 0.7,
      "count": 2, "total_duration_s": 30, "action": "flag" },
    { "kinds": ["face_absent", "gaze_away", "voice_detected"], "min_confidence": 0.7,
      "count": 5, "total_duration_s": 120, "action": "flag" },
    { "kinds": ["tab_hidden", "fullscreen_exit", "copy_paste", "devtools_open",
                "screen_share_stopped"], "min_confidence": 0.5, "count": 3, "action": "flag" }
  ]
}"#;

impl Default for Policy {
    fn default() -> Self {
        Policy::from_json(DEFAULT_JSON).expect("the default policy validates")
    }
}

fn action(v: Option<&Value>, field: &str) -> Result<Action, PolicyError> {
    match v.and_then(Value::as_str) {
        Some("record") => Ok(Action::Record),
        Some("flag") => Ok(Action::Flag),
        Some("void") => Ok(Action::Void),
        Some(other) => Err(err(
            field,
            format!("unknown action `{other}` (record, flag, void)"),
        )),
        None => Err(err(field, "must be one of \"record\", \"flag\", \"void\"")),
    }
}

fn only(o: &Map<String, Value>, path: &str, known: &[&str]) -> Result<(), PolicyError> {
    match o.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(err(format!("{path}{k}"), "unknown field")),
        None => Ok(()),
    }
}

impl Policy {
    /// Parse and validate a policy; every error names its field.
    pub fn from_json(text: &str) -> Result<Policy, PolicyError> {
        let root: Value =
            serde_json::from_str(text).map_err(|e| err("policy", format!("not JSON: {e}")))?;
        let o = root
            .as_object()
            .ok_or_else(|| err("policy", "must be an object"))?;
        only(o, "", &["verdicts", "rules"])?;
        let (human_violation, other_violation) = match o.get("verdicts") {
            None => (Action::Void, Action::Flag),
            Some(Value::Object(v)) => {
                only(v, "verdicts.", &["human_violation", "other_violation"])?;
                (
                    match v.get("human_violation") {
                        None => Action::Void,
                        x => action(x, "verdicts.human_violation")?,
                    },
                    match v.get("other_violation") {
                        None => Action::Flag,
                        x => action(x, "verdicts.other_violation")?,
                    },
                )
            }
            Some(_) => return Err(err("verdicts", "must be an object")),
        };
        let rules = match o.get("rules") {
            None => Vec::new(),
            Some(Value::Array(rs)) => rs
                .iter()
                .enumerate()
                .map(|(i, r)| rule(r, &format!("rules[{i}]")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(err("rules", "must be an array")),
        };
        Ok(Policy {
            human_violation,
            other_violation,
            rules,
        })
    }
}

fn rule(r: &Value, path: &str) -> Result<Rule, PolicyError> {
    let o = r
        .as_object()
        .ok_or_else(|| err(path, "must be an object"))?;
    only(
        o,
        &format!("{path}."),
        &[
            "kinds",
            "min_confidence",
            "count",
            "total_duration_s",
            "action",
        ],
    )?;
    let kinds = o
        .get("kinds")
        .and_then(Value::as_array)
        .filter(|a| !a.is_empty())
        .ok_or_else(|| {
            err(
                format!("{path}.kinds"),
                "must be a non-empty array of kinds",
            )
        })?
        .iter()
        .enumerate()
        .map(|(j, k)| {
            let f = format!("{path}.kinds[{j}]");
            let name = k.as_str().ok_or_else(|| err(&f, "must be a string"))?;
            Kind::from_name(name)
                .filter(|k| !matches!(k, Kind::Verdict(_)))
                .ok_or_else(|| err(&f, format!("unknown observation kind `{name}`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let min_confidence = match o.get("min_confidence") {
        None => 0.0,
        Some(v) => v
            .as_f64()
            .filter(|c| (0.0..=1.0).contains(c))
            .ok_or_else(|| {
                err(
                    format!("{path}.min_confidence"),
                    "must be a number within 0..1",
                )
            })?,
    };
    let count = match o.get("count") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .filter(|c| (1..=u32::MAX as u64).contains(c))
                .ok_or_else(|| {
                    err(
                        format!("{path}.count"),
                        "must be a whole number of at least 1",
                    )
                })? as u32,
        ),
    };
    let total_duration_s = match o.get("total_duration_s") {
        None => None,
        Some(v) => Some(
            v.as_f64()
                .filter(|d| *d > 0.0 && d.is_finite())
                .ok_or_else(|| {
                    err(
                        format!("{path}.total_duration_s"),
                        "must be a positive number of seconds",
                    )
                })?,
        ),
    };
    if count.is_none() && total_duration_s.is_none() {
        return Err(err(
            format!("{path}.count"),
            "a rule needs `count` or `total_duration_s`",
        ));
    }
    Ok(Rule {
        kinds,
        min_confidence,
        count,
        total_duration_s,
        action: action(o.get("action"), &format!("{path}.action"))?,
    })
}

/// What `signal` does to a session that already holds `prior` (its signals so far, `signal`
/// not among them). Pure.
pub fn decide(policy: &Policy, prior: &[Signal], signal: &Signal) -> Action {
    match signal.kind {
        // p.19: a violation decided by a person voids the result at any time.
        Kind::Verdict(Verdict::Violation) => match signal.review {
            Review::Human { .. } => policy.human_violation,
            Review::Automated => policy.other_violation,
        },
        Kind::Verdict(Verdict::Suspicious) => policy.other_violation,
        Kind::Verdict(Verdict::Clean | Verdict::NotReviewed) => Action::Record,
        kind => policy
            .rules
            .iter()
            .filter(|r| r.kinds.contains(&kind) && signal.confidence >= r.min_confidence)
            .filter(|r| {
                let counted = prior
                    .iter()
                    .chain(std::iter::once(signal))
                    .filter(|s| r.kinds.contains(&s.kind) && s.confidence >= r.min_confidence);
                let (n, secs) = counted.fold((0u64, 0.0), |(n, d), s| (n + 1, d + s.duration_s));
                r.count.is_some_and(|c| n >= u64::from(c))
                    || r.total_duration_s.is_some_and(|t| secs >= t)
            })
            .map(|r| r.action)
            .max()
            .unwrap_or(Action::Record),
    }
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
