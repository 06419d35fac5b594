//! The JSON bodies of the evaluation and report routes (docs/reports.md).

use serde::Serialize;

use crate::domain::calendar::deadline::Deadline;
use crate::domain::report::{DispatchStatus, EvaluationStatus};
use crate::domain::rules::{Evaluation, GapPolicy};
use crate::store::report::StoredEvaluation;

/// A campaign's gap policy with its name and the clause it fills (Appendix 1-2).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct GapPolicyView {
    /// `zero` (default) or `ten`.
    pub name: &'static str,
    /// The gap the policy decides: a rating above 3.9 and not above 4.0.
    pub clause: &'static str,
    /// What the policy gives, in Russian and Kazakh and English.
    pub ru: &'static str,
    pub kk: &'static str,
    pub en: &'static str,
}

impl GapPolicyView {
    pub fn of(policy: GapPolicy) -> GapPolicyView {
        match policy {
            GapPolicy::Zero => GapPolicyView {
                name: "zero",
                clause: "p.28-1, Appendix 1-2 (rating above 3.9 and not above 4.0)",
                ru: "рейтинг выше 3,9 и не выше 4,0: 0 баллов, на рассмотрение экспертной комиссии",
                kk: "рейтинг 3,9-дан жоғары және 4,0-ден аспайды: 0 балл, сараптама комиссиясының қарауына",
                en: "a rating above 3.9 and not above 4.0 gets 0 points and is flagged for the commission",
            },
            GapPolicy::Ten => GapPolicyView {
                name: "ten",
                clause: "p.28-1, Appendix 1-2 (rating above 3.9 and not above 4.0)",
                ru: "рейтинг выше 3,9 и не выше 4,0: 10 баллов, как рейтинг выше 4",
                kk: "рейтинг 3,9-дан жоғары және 4,0-ден аспайды: 4-тен жоғары рейтинг сияқты 10 балл",
                en: "a rating above 3.9 and not above 4.0 gets 10 points, as a rating above 4",
            },
        }
    }
}

/// One stored evaluation: the rules' points and breakdown, the policy and who entered it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationView {
    /// The test score, percent correct.
    pub score: f64,
    /// From service recipients over the last 12 months, 0-5.
    pub rating: f64,
    /// Violations and errors recorded over the last 12 months.
    pub violations: u32,
    /// Criterion 1: percent x 0.8.
    pub testing_points: f64,
    /// Criterion 2: 10 for a rating above 4, else 0.
    pub rating_points: u8,
    /// Criterion 3: 10 for no violation, else 0.
    pub violation_points: u8,
    /// Out of 100.
    pub total: f64,
    /// The rating is in the (3.9, 4.0] gap of Appendix 1-2.
    pub rating_in_gap: bool,
    /// The gap was scored 0 and awaits the expert commission.
    pub flagged_for_commission: bool,
    pub gap_policy: GapPolicyView,
    pub clauses: Vec<String>,
    /// `entry` or `upload`.
    pub source: String,
    /// Unix ms.
    pub evaluated_at: i64,
    pub evaluated_by: String,
    /// The result version it was computed from is no longer the current one (a later
    /// version, an appeal's rescoring): enter it again.
    pub stale: bool,
}

impl EvaluationView {
    pub fn of(stored: &StoredEvaluation, current_result: Option<&str>) -> EvaluationView {
        let e: &Evaluation = &stored.evaluation;
        EvaluationView {
            score: e.score.value(),
            rating: e.rating.value(),
            violations: e.violations,
            testing_points: e.testing_points,
            rating_points: e.rating_points,
            violation_points: e.violation_points,
            total: e.total,
            rating_in_gap: e.rating_in_gap,
            flagged_for_commission: e.flagged_for_commission,
            gap_policy: GapPolicyView::of(e.gap_policy),
            clauses: e.clauses.clone(),
            source: stored.source.clone(),
            evaluated_at: stored.evaluated_at,
            evaluated_by: stored.evaluated_by.clone(),
            stale: current_result.is_some_and(|r| r != stored.result_id),
        }
    }
}

/// One category applicant in the evaluation listing.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApplicantView {
    pub session_id: String,
    pub iin: String,
    pub name: String,
    /// Position slug.
    pub position: String,
    /// Region slug, or `none`.
    pub region: String,
    #[schema(value_type = String)]
    pub status: EvaluationStatus,
    /// The current result's score, percent correct (none when voided or not scored).
    pub score: Option<f64>,
    pub evaluation: Option<EvaluationView>,
}

/// How many applicants stand in each status.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct EvaluationCounts {
    pub pending: u32,
    pub overdue: u32,
    pub evaluated: u32,
    pub evaluated_late: u32,
    pub not_admitted: u32,
    pub voided: u32,
    pub not_scored: u32,
    /// Evaluations whose rating is in the gap and scored 0: the commission's to look at.
    pub flagged_for_commission: u32,
}

/// `GET /api/v1/admin/campaigns/{campaign}/evaluations`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EvaluationListView {
    pub campaign_id: String,
    pub campaign: String,
    /// The day testing ends (the campaign's `closes_on`).
    pub testing_ended: String,
    /// The last day of the evaluation: 2 calendar days after (p.28-1).
    pub due: String,
    pub clause: &'static str,
    /// Unix ms.
    pub server_time: i64,
    /// The policy new evaluations are computed with.
    pub gap_policy: GapPolicyView,
    pub counts: EvaluationCounts,
    pub applicants: Vec<ApplicantView>,
}

/// The answer to an upload: how many evaluations were stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UploadedView {
    pub evaluated: usize,
}

/// A deadline as the dashboard shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadlineView {
    /// `p.31`.
    pub clause: &'static str,
    /// `5 working days`.
    pub period: String,
    /// The day counted from (not itself counted): the day testing ends.
    pub from: String,
    /// The last day the report is in time.
    pub last_day: String,
    /// The first instant too late (00:00 Asia/Almaty after the last day), RFC 3339.
    pub closes_at: String,
    /// A counted year is computed from the statutory rules, its decree not yet entered: the
    /// date may still move (docs/calendar.md).
    pub provisional: bool,
    pub provisional_years: Vec<i16>,
}

impl DeadlineView {
    pub fn of(d: &Deadline) -> DeadlineView {
        DeadlineView {
            clause: d.clause,
            period: d.period.to_string(),
            from: d.from.to_string(),
            last_day: d.last_day.to_string(),
            closes_at: d.closes_at.timestamp().to_string(),
            provisional: d.provisional,
            provisional_years: d.provisional_years.clone(),
        }
    }
}

/// One region's report on the dashboard.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RegionReportView {
    /// The region slug, or `none` for the rows whose region was not given.
    pub region: String,
    pub name_ru: String,
    pub name_kk: String,
    /// Roster rows of the region.
    pub people: u32,
    /// With a current result.
    pub scored: u32,
    /// Voided (p.19).
    pub voided: u32,
    /// Without a result: absent or not finished.
    pub not_finished: u32,
    /// `due`, `overdue`, `sent` or `sent_late`; none for the rows without a region (no LEB
    /// receives them until their region is given).
    #[schema(value_type = Option<String>)]
    pub status: Option<DispatchStatus>,
    /// Unix ms.
    pub sent_at: Option<i64>,
    pub sent_by: Option<String>,
}

/// `GET /api/v1/admin/campaigns/{campaign}/reports`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ReportDashboardView {
    pub campaign_id: String,
    pub campaign: String,
    /// Unix ms.
    pub server_time: i64,
    /// The report to each region is due by this deadline (p.31).
    pub deadline: DeadlineView,
    /// Roster rows without a region: flagged, they are in no region's report.
    pub region_not_given: u32,
    pub regions: Vec<RegionReportView>,
}
