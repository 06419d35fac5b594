//! The JSON bodies of the administrators' listings, as typed views: what docs/admin-api.md
//! documents with a `view=` example of each, and what `views_tests.rs` reads back with unknown
//! fields refused (so the documentation cannot drift from the code).

use serde::{Deserialize, Serialize};

use crate::domain::bank::Lang;
use crate::domain::exam::{EndReason, Status};
use crate::http::views::{Localized, ResultView};
use crate::store::listing::{CampaignSummary, Listed, Page, Progress, SessionSummary};

/// Where a page sits in its listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct PageView {
    /// 1-based.
    pub page: i64,
    pub per_page: i64,
    /// Rows of the whole listing (with its filters).
    pub total: i64,
    /// Pages of the whole listing; 0 when it is empty.
    pub pages: i64,
}

impl PageView {
    pub fn of(page: Page, total: i64) -> PageView {
        PageView {
            page: page.number,
            per_page: page.size,
            total,
            pages: (total + page.size - 1) / page.size,
        }
    }
}

/// `GET /api/v1/admin/campaigns`: a page of campaigns, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CampaignListView {
    pub campaigns: Vec<CampaignSummaryView>,
    pub page: PageView,
}

/// A campaign and its progress at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct CampaignSummaryView {
    pub campaign_id: String,
    pub name: String,
    pub bank_version: String,
    pub procedure: String,
    pub languages: Vec<Lang>,
    #[schema(value_type = String, format = Date)]
    pub opens_on: jiff::civil::Date,
    #[schema(value_type = String, format = Date)]
    pub closes_on: jiff::civil::Date,
    /// Unix ms.
    pub created_at: i64,
    pub progress: ProgressView,
}

/// How far a campaign has come. A count added here (and in `store::listing::Progress`) is
/// one more entry of the console's `PROGRESS` list (src/web/admin/console_model.js).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct ProgressView {
    /// Sessions (access codes issued).
    pub admitted: i64,
    /// Sessions whose 120 minutes began, whatever happened after.
    pub started: i64,
    pub in_progress: i64,
    /// Sessions in progress whose exam socket is open now, on any node (the live state).
    pub online: i64,
    /// Ended and scored (submitted, time up or forced), not voided.
    pub submitted: i64,
    pub voided: i64,
    /// Appeals filed (p.21); drafts are not counted.
    pub appealed: i64,
    /// Appeals closed with the commission's decision (p.24).
    pub decided: i64,
    /// Ended sessions (scored or voided) of the regions whose Appendix 2 report is marked as
    /// sent to the local executive body (p.31).
    pub reported: i64,
    /// Sessions holding a certificate not annulled (p.32).
    pub certified: i64,
}

impl From<Progress> for ProgressView {
    fn from(p: Progress) -> ProgressView {
        ProgressView {
            admitted: p.admitted,
            started: p.started,
            in_progress: p.in_progress,
            online: p.online,
            submitted: p.submitted,
            voided: p.voided,
            appealed: p.appealed,
            decided: p.decided,
            reported: p.reported,
            certified: p.certified,
        }
    }
}

impl CampaignListView {
    pub fn of(listed: Listed<CampaignSummary>, page: Page) -> CampaignListView {
        CampaignListView {
            page: PageView::of(page, listed.total),
            campaigns: listed
                .items
                .into_iter()
                .map(|c| CampaignSummaryView {
                    campaign_id: c.campaign_id,
                    name: c.name,
                    bank_version: c.bank_version,
                    procedure: c.procedure.slug().to_owned(),
                    languages: c.languages,
                    opens_on: c.opens_on,
                    closes_on: c.closes_on,
                    created_at: c.created_at,
                    progress: c.progress.into(),
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/admin/campaigns/{campaign}/sessions`: a page of a campaign's sessions, by
/// name then IIN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SessionListView {
    pub campaign_id: String,
    pub server_time: i64,
    pub sessions: Vec<SessionSummaryView>,
    pub page: PageView,
}

/// One session in the listing: who, where they are, and what they did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[cfg_attr(test, serde(deny_unknown_fields))]
pub struct SessionSummaryView {
    pub session_id: String,
    pub name: String,
    pub iin: String,
    /// The position's slug.
    pub position: String,
    pub position_name: Localized,
    pub organization: String,
    pub procedure: String,
    pub status: Status,
    pub end_reason: Option<EndReason>,
    pub lang: Option<Lang>,
    pub started_at: Option<i64>,
    pub deadline: Option<i64>,
    pub ended_at: Option<i64>,
    /// In progress only: milliseconds to the deadline, by the server's clock.
    pub time_left_ms: Option<i64>,
    /// In progress only: whether an exam socket holds the session now (the live state).
    pub online: Option<bool>,
    /// Questions with a chosen option (flags alone do not count).
    pub answered: i64,
    /// Proctoring signals received, superseded ones left out.
    pub signals: i64,
    /// `draft`, `submitted` or `closed`; null when the candidate opened no appeal.
    pub appeal: Option<String>,
    /// The current result with its decision; null before the end and once voided (p.19).
    pub result: Option<ResultView>,
}

impl SessionSummaryView {
    /// The view of `s` at `now_ms`; `online` is what the live state says of it.
    pub fn of(s: SessionSummary, now_ms: i64, online: Option<bool>) -> SessionSummaryView {
        let in_progress = s.status == Status::InProgress;
        SessionSummaryView {
            position: s.candidate.position.slug.to_owned(),
            position_name: Localized {
                kk: s.candidate.position.qualified_name_kk(),
                ru: s.candidate.position.qualified_name_ru(),
            },
            procedure: s.candidate.procedure.slug().to_owned(),
            name: s.candidate.name,
            iin: s.candidate.iin,
            organization: s.candidate.organization,
            session_id: s.session_id,
            status: s.status,
            end_reason: s.end_reason,
            lang: s.lang,
            started_at: s.started_at,
            time_left_ms: s
                .deadline
                .filter(|_| in_progress)
                .map(|d| (d - now_ms).max(0)),
            deadline: s.deadline,
            ended_at: s.ended_at,
            online: online.filter(|_| in_progress),
            answered: s.answered,
            signals: s.signals,
            appeal: s.appeal,
            result: s.result.map(|(score, decision)| ResultView {
                percent: score.percent(),
                correct: i64::from(score.correct),
                total: i64::from(score.total),
                decision,
            }),
        }
    }
}

#[cfg(test)]
#[path = "views_tests.rs"]
mod tests;
