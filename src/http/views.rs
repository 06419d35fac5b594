//! The JSON bodies the API answers with, as typed views: what docs/protocol.md documents with
//! an example of each, and what `views_tests.rs` checks those examples against (so the
//! documentation cannot drift from the code).

use serde::{Deserialize, Serialize};

use crate::domain::bank::{Kind, Lang, Section};
use crate::domain::exam::{EndReason, Status};
use crate::domain::role::Role;
pub use crate::live::protocol::ResultView;
pub use crate::live::session::result_view;
use crate::store::answers::Value;
use crate::store::exam::{AnswerRow, JournalRow, SessionRow};

/// A session as the candidate's page and the administrator see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SessionView {
    pub session_id: String,
    pub status: Status,
    /// Null while the exam has not ended; a voided session keeps the reason it ended with.
    pub end_reason: Option<EndReason>,
    /// Null before the candidate chooses.
    pub lang: Option<Lang>,
    /// The campaign's languages (CPD p.24).
    pub languages: Vec<Lang>,
    pub campaign: CampaignRef,
    pub candidate: CandidateView,
    pub server_time: i64,
    pub started_at: Option<i64>,
    /// Null before the start.
    pub deadline: Option<i64>,
    /// 120 (p.18).
    pub duration_min: i64,
    pub extension_min: i64,
    /// Set once scored; null before, and once voided (p.19).
    pub result: Option<ResultView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CampaignRef {
    pub campaign_id: String,
    pub name: String,
    pub procedure: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CandidateView {
    pub name: String,
    /// The position's slug.
    pub position: String,
    /// The position's full name, when the slug is one of the rules' positions.
    pub position_name: Option<Localized>,
    pub organization: String,
}

/// A text in both languages of the exam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct Localized {
    pub kk: String,
    pub ru: String,
}

impl SessionView {
    pub fn of(row: &SessionRow, now_ms: i64) -> SessionView {
        SessionView {
            session_id: row.session_id.clone(),
            status: row.status,
            end_reason: row.end_reason,
            lang: row.lang,
            languages: row.languages.clone(),
            campaign: CampaignRef {
                campaign_id: row.campaign_id.clone(),
                name: row.campaign_name.clone(),
                procedure: row.candidate.procedure.slug().to_owned(),
            },
            candidate: CandidateView::of(row),
            server_time: now_ms,
            started_at: row.started_at,
            deadline: row.deadline,
            duration_min: row.duration_min,
            extension_min: row.extension_min,
            result: result_view(row),
        }
    }
}

impl CandidateView {
    pub fn of(row: &SessionRow) -> CandidateView {
        CandidateView {
            name: row.candidate.name.clone(),
            position: row.candidate.position.slug.to_owned(),
            position_name: Some(Localized {
                kk: row.candidate.position.qualified_name_kk(),
                ru: row.candidate.position.qualified_name_ru(),
            }),
            organization: row.candidate.organization.clone(),
        }
    }
}

/// The answer to a candidate's login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CandidateLoginView {
    pub token: String,
    /// The value of `X-CSRF-Token` for cookie-authenticated unsafe requests.
    pub csrf: String,
    pub session: SessionView,
}

/// The answer to a staff login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct StaffLoginView {
    pub token: String,
    pub csrf: String,
    pub role: Role,
    pub name: String,
}

/// The personal cabinet (p.12, p.20).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct MeView {
    pub candidate: CandidateView,
    pub term: TermView,
    /// Before the start `open`, `not_yet_open` or `expired` (from the campaign's dates, in
    /// Asia/Almaty); `in_progress`; `closed` once ended or voided (the code then opens only the
    /// result, the cabinet and the appeal).
    pub access: String,
    pub status: Status,
    pub end_reason: Option<EndReason>,
    pub procedure: String,
    /// The campaign's name.
    pub campaign: String,
    pub result: Option<ResultView>,
    /// Set while the result may still change: why, and until when if that is known.
    pub provisional: Option<ProvisionalView>,
    /// The next due attestation after the decision; null without a result (or once voided).
    pub next_due: Option<NextDueView>,
    pub server_time: i64,
}

/// Why a result shown in the cabinet is not final yet (p.19, p.26).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ProvisionalView {
    /// Any of `review_window` (vendor verdicts may still arrive, p.19), `review_open` (a
    /// proctoring review of the session is open, p.19), `appeal_pending` (the commission has
    /// not decided the appeal yet, p.24, p.26).
    pub reasons: Vec<String>,
    /// The end of the review window (Unix ms) while it lasts.
    pub review_window_until: Option<i64>,
}

/// The next due attestation (`domain::rules::next_due`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct NextDueView {
    /// `periodic` (p.3, p.7), `reattestation` (p.27) or `dismissal` (p.28: nothing due).
    pub kind: String,
    /// The last day (Asia/Almaty) by which it is due; null on dismissal.
    #[schema(value_type = Option<String>, format = Date)]
    pub by: Option<jiff::civil::Date>,
    pub clause: String,
    /// The day the decision counts from: the day of the test (Asia/Almaty).
    #[schema(value_type = String, format = Date)]
    pub from: jiff::civil::Date,
}

/// The term of the attestation (p.12).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct TermView {
    #[schema(value_type = String, format = Date)]
    pub opens_on: jiff::civil::Date,
    #[schema(value_type = String, format = Date)]
    pub closes_on: jiff::civil::Date,
    pub duration_min: i64,
}

/// The candidate's paper: texts in the chosen language, in paper order, never the keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct PaperView {
    pub session_id: String,
    pub lang: Lang,
    pub questions: Vec<QuestionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct QuestionView {
    /// 1-based number on the paper.
    pub number: usize,
    pub question_id: String,
    pub section: Section,
    pub kind: Kind,
    pub text: String,
    pub options: Vec<OptionView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct OptionView {
    pub id: String,
    pub text: String,
}

/// A new campaign.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CampaignCreatedView {
    pub campaign_id: String,
}

/// The access codes of a roster, shown only in this answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct RosterView {
    pub entries: Vec<IssuedCodeView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct IssuedCodeView {
    pub roster_id: String,
    pub session_id: String,
    pub iin: String,
    pub name: String,
    pub code: String,
}

/// A session's current answers and its answer journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct AnswersView {
    pub answers: Vec<AnswerView>,
    pub journal: Vec<JournalView>,
}

/// The current answer to one question (only questions answered or flagged have one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct AnswerView {
    pub q: i64,
    /// Option ids; `[]` when cleared or only flagged.
    pub choice: Vec<String>,
    /// The `seq` of the message that set `choice`.
    pub seq: i64,
    pub flagged: bool,
}

/// One accepted message of the journal, in `seq` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct JournalView {
    pub seq: i64,
    pub q: i64,
    /// `answer` or `flag`.
    pub kind: String,
    /// What the message set: the choice (an array of option ids) of an `answer`, the
    /// `flagged` boolean of a `flag`.
    pub value: serde_json::Value,
    pub at_ms: i64,
}

impl From<AnswerRow> for AnswerView {
    fn from(a: AnswerRow) -> AnswerView {
        AnswerView {
            q: a.q,
            choice: a.choice,
            seq: a.seq,
            flagged: a.flagged,
        }
    }
}

impl From<JournalRow> for JournalView {
    fn from(j: JournalRow) -> JournalView {
        JournalView {
            seq: j.seq,
            q: j.q,
            kind: match j.value {
                Value::Answer { .. } => "answer".to_owned(),
                Value::Flag { .. } => "flag".to_owned(),
            },
            value: match j.value {
                Value::Answer { choice } => serde_json::json!(choice),
                Value::Flag { flagged } => serde_json::json!(flagged),
            },
            at_ms: j.at_ms,
        }
    }
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
