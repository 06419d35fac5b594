//! The ProctorU adapter: one incident per callback, `{"incident_id", "reservation_id",
//! "type", "severity": "low"|"medium"|"high", "occurred_at", "duration_s", "description",
//! "reviewed_by"}`, `reservation_id` = the session id. An incident is raised by a live
//! proctor, so `reviewed_by` names them when present; it is still a flag, not a verdict.

use super::{ParseError, number, object, opt_string, seconds, string};
use crate::signal::{Kind, Review, Severity, Signal};
use serde_json::Value;

/// ProctorU incident types and the neutral kinds they map to.
pub const TYPES: [(&str, Kind); 15] = [
    ("face_not_visible", Kind::FaceAbsent),
    ("multiple_people", Kind::MultipleFaces),
    ("looking_away", Kind::GazeAway),
    ("talking", Kind::VoiceDetected),
    ("phone_use", Kind::PhoneDetected),
    ("id_mismatch", Kind::IdentityMismatch),
    ("second_monitor", Kind::SecondScreen),
    ("screen_share_ended", Kind::ScreenShareStopped),
    ("left_exam_tab", Kind::TabHidden),
    ("fullscreen_exit", Kind::FullscreenExit),
    ("copy_paste", Kind::CopyPaste),
    ("devtools_open", Kind::DevtoolsOpen),
    ("window_resized", Kind::WindowResize),
    ("connection_lost", Kind::NetworkLost),
    ("remote_access", Kind::SessionTakeover),
];

/// Parse a verified incident.
pub fn parse(raw: &[u8], source: &str) -> Result<Vec<Signal>, ParseError> {
    let root = super::root(raw)?;
    let o = object(&root, "body")?;
    let ty = string(o, "", "type")?;
    let kind = TYPES
        .iter()
        .find(|(n, _)| *n == ty)
        .map(|(_, k)| *k)
        .ok_or_else(|| ParseError::new("type", format!("unknown incident type `{ty}`")))?;
    let severity = match string(o, "", "severity")?.as_str() {
        "low" => Severity::Low,
        "medium" => Severity::Medium,
        "high" => Severity::High,
        other => {
            return Err(ParseError::new(
                "severity",
                format!("unknown severity `{other}`"),
            ));
        }
    };
    let duration_s = match o.get("duration_s") {
        None | Some(Value::Null) => 0.0,
        Some(_) => number(o, "", "duration_s")?,
    };
    if duration_s < 0.0 {
        return Err(ParseError::new("duration_s", "must not be negative"));
    }
    let description = opt_string(o, "", "description")?;
    Ok(vec![Signal {
        event_id: string(o, "", "incident_id")?,
        session_id: string(o, "", "reservation_id")?,
        kind,
        severity,
        confidence: 1.0,
        occurred_at: seconds(o, "", "occurred_at")?,
        duration_s,
        source: source.to_owned(),
        review: match opt_string(o, "", "reviewed_by")? {
            Some(reviewer) => Review::Human { reviewer },
            None => Review::Automated,
        },
        evidence: description
            .into_iter()
            .map(|d| format!("note:{d}"))
            .collect(),
        replaces: None,
        raw: String::from_utf8_lossy(raw).into_owned(),
    }])
}
