//! The Proctorio adapter: the `data` of a verified envelope, `{"id", "suspicion", "user_id",
//! "attempt_id", "flags": {"unfocus_detected": 0.125, ...}}`, `attempt_id` = the session id.
//! Each flag is the share of the attempt in which it was seen (0..1): a non-zero flag becomes
//! one automated signal with that share as its confidence, in flag-name order. An unknown
//! flag is refused (422), not dropped, so that nothing a vendor reports is silently lost.

use super::{ParseError, object, string, unit};
use crate::signal::{Kind, Review, Signal};

/// Proctorio flag names and the neutral kinds they map to.
pub const FLAGS: [(&str, Kind); 13] = [
    ("no_face_detected", Kind::FaceAbsent),
    ("multiple_faces_detected", Kind::MultipleFaces),
    ("looking_away_detected", Kind::GazeAway),
    ("audio_detected", Kind::VoiceDetected),
    ("phone_detected", Kind::PhoneDetected),
    ("identity_mismatch_detected", Kind::IdentityMismatch),
    ("multiple_monitors_detected", Kind::SecondScreen),
    ("screen_share_stopped", Kind::ScreenShareStopped),
    ("unfocus_detected", Kind::TabHidden),
    ("fullscreen_exit_detected", Kind::FullscreenExit),
    ("copy_paste_detected", Kind::CopyPaste),
    ("browser_resize_detected", Kind::WindowResize),
    ("network_lost_detected", Kind::NetworkLost),
];

/// Parse the raw `data` JSON ([`crate::verify::ProctorioEnvelope::raw_data`]) received at
/// `now` (the data carries no time of its own).
pub fn parse(raw_data: &str, source: &str, now: i64) -> Result<Vec<Signal>, ParseError> {
    let root = super::root(raw_data.as_bytes())?;
    let o = object(&root, "data")?;
    let id = string(o, "data", "id")?;
    let session_id = string(o, "data", "attempt_id")?;
    string(o, "data", "user_id")?;
    let flags = object(
        o.get("flags").unwrap_or(&serde_json::Value::Null),
        "data.flags",
    )?;
    let mut out = Vec::new();
    for (name, _) in flags {
        let kind = FLAGS
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, k)| *k)
            .ok_or_else(|| ParseError::new(format!("data.flags.{name}"), "unknown flag"))?;
        let share = unit(flags, "data.flags", name)?;
        if share == 0.0 {
            continue;
        }
        out.push(Signal {
            event_id: format!("{id}:{name}"),
            session_id: session_id.clone(),
            kind,
            severity: super::native::severity_of(share),
            confidence: share,
            occurred_at: now,
            duration_s: 0.0,
            source: source.to_owned(),
            review: Review::Automated,
            evidence: Vec::new(),
            replaces: None,
            raw: raw_data.to_owned(),
        });
    }
    Ok(out)
}
