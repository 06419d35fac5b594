//! The JSON bodies of the proctoring routes, as typed views: what docs/proctoring.md documents
//! with a `view=` example of each, and what `views_tests.rs` reads back with unknown fields
//! refused (so the documentation cannot drift from the code).

use serde::{Deserialize, Serialize};
use synaq_proctor::signal::Signal;

use crate::domain::exam::Status;

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

/// The answer to an accepted callback: what each signal did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CallbackView {
    pub results: Vec<OutcomeView>,
    /// Proctorio only: the nonce was seen before, and this is the first answer again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replayed_nonce: bool,
}

/// What one signal of a callback did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct OutcomeView {
    /// The event id as stored (for edx the session id, `:` and the body's SHA-256).
    pub id: String,
    pub session_id: String,
    /// `record`, `flag` or `void`: the first time's, for a duplicate.
    pub action: String,
    /// Seen before: no second effect.
    pub duplicate: bool,
}

impl From<&crate::app::proctor::Outcome> for OutcomeView {
    fn from(o: &crate::app::proctor::Outcome) -> OutcomeView {
        OutcomeView {
            id: o.id.clone(),
            session_id: o.session_id.clone(),
            action: o.action.to_owned(),
            duplicate: o.duplicate,
        }
    }
}

/// A vendor as registered or updated: never a secret, only how many are active.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct VendorView {
    pub name: String,
    pub adapter: String,
    /// 1, or 2 during a rotation.
    pub active_secrets: u8,
}

/// The registered vendors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct VendorsView {
    pub vendors: Vec<VendorListedView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct VendorListedView {
    pub name: String,
    pub adapter: String,
    pub active_secrets: u8,
    /// Unix ms.
    pub created_at: i64,
    pub updated_at: i64,
}

impl From<crate::store::proctor::VendorInfo> for VendorListedView {
    fn from(v: crate::store::proctor::VendorInfo) -> VendorListedView {
        VendorListedView {
            name: v.name,
            adapter: v.adapter,
            active_secrets: v.active_secrets,
            created_at: v.created_at,
            updated_at: v.updated_at,
        }
    }
}

/// A campaign's proctoring settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ProctoringSettingsView {
    pub campaign_id: String,
    /// The violation policy as written (docs/proctoring.md, "The violation policy").
    pub policy: serde_json::Value,
    /// Results stay provisional this many hours after the exam ends.
    pub review_window_h: i64,
    /// Two reviewers confirm an automated flag before it voids.
    pub second_review: bool,
}

/// The candidate's view: whether the result is still provisional, and a void's reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ProctoringStatusView {
    pub status: Status,
    pub provisional: bool,
    /// Unix ms; null once the window closed (or before the result).
    pub provisional_until: Option<i64>,
    pub review_window_h: i64,
    /// Null unless voided.
    pub voided: Option<VoidedView>,
}

/// Why a session was voided (p.19).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct VoidedView {
    /// `signal` (the campaign's policy on a proctoring signal), `review` (a reviewer
    /// confirmed a flag) or `staff` (an administrator); null for a void noted before causes
    /// were kept. The page words it in kk/ru.
    pub cause: Option<String>,
    /// The signal's kind (`phone_detected`, ...) when the cause is a signal.
    pub kind: Option<String>,
    /// Null for a void recorded before reasons were kept.
    pub reason: Option<String>,
    /// Unix ms.
    pub at: Option<i64>,
    /// Always `p.19`.
    pub clause: String,
}

/// The review queue: the oldest flagged sessions (up to 200) and how many are open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ReviewQueueView {
    pub queue: Vec<ReviewItemView>,
    pub open: usize,
}

/// One flagged session with everything a reviewer decides on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ReviewItemView {
    pub session_id: String,
    /// `open`, `confirmed` or `dismissed`.
    pub state: String,
    /// Opened by an automated flag, not a person's verdict.
    pub automated: bool,
    /// Unix ms.
    pub opened_at: i64,
    /// 2 for an automated flag in a campaign asking for a second review, else 1.
    pub confirmations_needed: u8,
    pub votes: Vec<VoteView>,
    pub status: Status,
    pub candidate: ReviewCandidateView,
    pub campaign: ReviewCampaignView,
    /// Every signal of the session, superseded ones too, oldest first.
    pub signals: Vec<SignalView>,
    pub evidence: Vec<EvidenceView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ReviewCandidateView {
    pub name: String,
    pub organization: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ReviewCampaignView {
    pub campaign_id: String,
    pub name: String,
}

/// A reviewer's vote in the current round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct VoteView {
    pub reviewer: String,
    /// `confirm` or `dismiss`.
    pub decision: String,
    pub reason: String,
    pub at_ms: i64,
}

/// A stored signal: the neutral signal (`synaq_proctor::signal::Signal`, its vendor payload
/// verbatim in `raw`) and what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SignalView {
    /// The kind's wire name (`verdict_violation`, `tab_hidden`, ...).
    pub kind: String,
    pub signal: Signal,
    pub action: String,
    /// Unix ms.
    pub received_at: i64,
    /// A later review of the same attempt replaced it.
    pub superseded: bool,
}

/// A stored evidence image and its thumbnail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct EvidenceView {
    /// The content address of the original.
    pub sha256: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    /// A PNG at most 320 px on its longer side.
    pub thumbnail_png_base64: String,
}

/// What a reviewer's confirm or dismiss did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct DecisionView {
    /// `voided`, `dismissed` or `awaiting_second_review`.
    pub outcome: String,
    /// While awaiting: the confirmations so far and those needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmations: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needed: Option<i64>,
    /// The session's status after the decision.
    pub status: Status,
}

impl From<crate::store::proctor::StoredSignal> for SignalView {
    fn from(s: crate::store::proctor::StoredSignal) -> SignalView {
        SignalView {
            kind: s.kind.to_owned(),
            signal: s.signal,
            action: s.action.to_owned(),
            received_at: s.received_at,
            superseded: s.superseded,
        }
    }
}

impl From<crate::store::proctor::EvidenceInfo> for EvidenceView {
    fn from(e: crate::store::proctor::EvidenceInfo) -> EvidenceView {
        EvidenceView {
            sha256: e.sha256,
            mime: e.mime,
            width: e.width,
            height: e.height,
            bytes: e.bytes,
            thumbnail_png_base64: e.thumbnail_png_base64,
        }
    }
}

impl From<crate::store::proctor::VoteRecord> for VoteView {
    fn from(v: crate::store::proctor::VoteRecord) -> VoteView {
        VoteView {
            reviewer: v.reviewer,
            decision: v.decision,
            reason: v.reason,
            at_ms: v.at_ms,
        }
    }
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
