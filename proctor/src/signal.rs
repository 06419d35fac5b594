//! The vendor-neutral proctoring signal (p.13): what every adapter maps a vendor's event onto.

use serde::{Deserialize, Serialize};

/// What was observed, whoever observed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// No face in the webcam frame.
    FaceAbsent,
    /// More than one face in the frame.
    MultipleFaces,
    /// Looking away from the screen.
    GazeAway,
    /// Speech picked up by the microphone.
    VoiceDetected,
    /// A phone seen in the frame.
    PhoneDetected,
    /// The face does not match the candidate's identity document.
    IdentityMismatch,
    /// A second monitor attached or seen.
    SecondScreen,
    /// The screen share ended mid-exam.
    ScreenShareStopped,
    /// The exam page was hidden (another tab or window).
    TabHidden,
    /// Full screen was left.
    FullscreenExit,
    /// Copy, cut or paste in the exam page.
    CopyPaste,
    /// The browser's developer tools were opened.
    DevtoolsOpen,
    /// The window was resized.
    WindowResize,
    /// The connection dropped.
    NetworkLost,
    /// Someone else took control of the session (remote access, a second login).
    SessionTakeover,
    /// A reviewer's verdict over the whole session, not an observation.
    Verdict(Verdict),
}

/// A reviewer's verdict on a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Nothing wrong.
    Clean,
    /// Needs (another) human review.
    Suspicious,
    /// A violation: voids when a person decided it (p.19).
    Violation,
    /// The reviewer did not review it.
    NotReviewed,
}

impl Kind {
    /// Every observation kind, in a fixed order (verdicts excluded).
    pub const OBSERVATIONS: [Kind; 15] = [
        Kind::FaceAbsent,
        Kind::MultipleFaces,
        Kind::GazeAway,
        Kind::VoiceDetected,
        Kind::PhoneDetected,
        Kind::IdentityMismatch,
        Kind::SecondScreen,
        Kind::ScreenShareStopped,
        Kind::TabHidden,
        Kind::FullscreenExit,
        Kind::CopyPaste,
        Kind::DevtoolsOpen,
        Kind::WindowResize,
        Kind::NetworkLost,
        Kind::SessionTakeover,
    ];

    /// The wire name: `face_absent`, ..., and `verdict_clean`, `verdict_violation`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::FaceAbsent => "face_absent",
            Kind::MultipleFaces => "multiple_faces",
            Kind::GazeAway => "gaze_away",
            Kind::VoiceDetected => "voice_detected",
            Kind::PhoneDetected => "phone_detected",
            Kind::IdentityMismatch => "identity_mismatch",
            Kind::SecondScreen => "second_screen",
            Kind::ScreenShareStopped => "screen_share_stopped",
            Kind::TabHidden => "tab_hidden",
            Kind::FullscreenExit => "fullscreen_exit",
            Kind::CopyPaste => "copy_paste",
            Kind::DevtoolsOpen => "devtools_open",
            Kind::WindowResize => "window_resize",
            Kind::NetworkLost => "network_lost",
            Kind::SessionTakeover => "session_takeover",
            Kind::Verdict(Verdict::Clean) => "verdict_clean",
            Kind::Verdict(Verdict::Suspicious) => "verdict_suspicious",
            Kind::Verdict(Verdict::Violation) => "verdict_violation",
            Kind::Verdict(Verdict::NotReviewed) => "verdict_not_reviewed",
        }
    }

    /// The kind of a wire name, `None` when unknown.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::OBSERVATIONS
            .into_iter()
            .chain(
                [
                    Verdict::Clean,
                    Verdict::Suspicious,
                    Verdict::Violation,
                    Verdict::NotReviewed,
                ]
                .map(Kind::Verdict),
            )
            .find(|k| k.name() == name)
    }
}

/// How bad the vendor says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For the record only.
    Info,
    /// Minor.
    Low,
    /// Worth a look.
    Medium,
    /// Serious.
    High,
}

/// Whether a human looked at it: decides whether a verdict may void on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Review {
    /// Detected by software.
    Automated,
    /// Decided by a named person.
    Human { reviewer: String },
}

/// One neutral signal about one session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The vendor's id for the event, the key to dedupe on with `source`.
    pub event_id: String,
    /// The synaq exam session the signal is about.
    pub session_id: String,
    /// What was observed or decided.
    pub kind: Kind,
    /// From the vendor, or derived from the confidence where the vendor gives none.
    pub severity: Severity,
    /// 0..=1, checked at parse.
    pub confidence: f64,
    /// Unix seconds.
    pub occurred_at: i64,
    /// Seconds the condition lasted (0 for an instant).
    pub duration_s: f64,
    /// Vendor name (the `{vendor}` of the route) or `page` for the exam page itself.
    pub source: String,
    /// Whether a person decided it: only a human `violation` voids by default.
    pub review: Review,
    /// References (URLs or content addresses) to evidence the vendor holds or sent.
    pub evidence: Vec<String>,
    /// A later signal with the same key replaces this one (the server keeps the earlier in
    /// history): an Open edX review of the same attempt. `None` for plain observations.
    pub replaces: Option<String>,
    /// The vendor's payload for this event, verbatim.
    pub raw: String,
}

impl Signal {
    /// The key the server dedupes on (p.19: a replayed event has no second effect).
    pub fn dedupe_key(&self) -> String {
        format!("{}:{}", self.source, self.event_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_name_round_trips() {
        for k in Kind::OBSERVATIONS {
            assert_eq!(Kind::from_name(k.name()), Some(k));
        }
        assert_eq!(
            Kind::from_name("verdict_violation"),
            Some(Kind::Verdict(Verdict::Violation))
        );
        assert_eq!(Kind::from_name("sneezing"), None);
    }
}
