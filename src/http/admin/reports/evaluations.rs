//! `GET /api/v1/admin/campaigns/{campaign}/evaluations`: the campaign's category applicants
//! with the status of their professional-activity evaluation (p.28-1: within 2 calendar days
//! after testing ends), points and breakdown; and
//! `PUT /api/v1/admin/campaigns/{campaign}/evaluations/{session} {"rating", "violations"}`:
//! one applicant's evaluation entered by hand, computed by the rules with the campaign's gap
//! policy, stored and audited.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::views::{
    ApplicantView, EvaluationCounts, EvaluationListView, EvaluationView, GapPolicyView,
};
use crate::domain::report::{EvaluationStatus, RegionGroup, Standing, evaluation_status};
use crate::domain::rules::{self, GapPolicy, Percent, Procedure, Rating};
use crate::http::extract;
use crate::http::{AppState, Caller, Error};
use crate::store;
use crate::store::report::{Entry, NewEvaluation};

/// Whether the entry is a category application (p.8.2, p.28-1): the roster's procedure, or
/// the procedure its decision repeated.
pub(super) fn is_applicant(entry: &Entry) -> bool {
    entry.person.procedure == Procedure::Category
        || matches!(&entry.person.standing, Standing::Scored { decision, .. }
            if decision.base_procedure == Procedure::Category)
}

/// Why an entry cannot be evaluated: a code for pages and the reason.
pub(super) struct Refusal {
    pub code: &'static str,
    pub message: String,
}

impl From<Refusal> for Error {
    fn from(r: Refusal) -> Error {
        Error::Refused {
            code: r.code,
            message: r.message,
        }
    }
}

/// The evaluation of `entry` with `rating` and `violations` under `policy`, or why there is
/// none: not a category applicant, voided (p.19), no result yet, or below the threshold
/// (p.27: not admitted to the evaluation).
pub(super) fn evaluate(
    entry: &Entry,
    rating: Rating,
    violations: u32,
    policy: GapPolicy,
) -> Result<NewEvaluation, Refusal> {
    if !is_applicant(entry) {
        return Err(Refusal {
            code: "not_a_category_applicant",
            message: format!(
                "{} is not a category applicant: the professional-activity evaluation is for career-center specialists applying for a category (p.28-1)",
                entry.person.name
            ),
        });
    }
    let (percent, decision) = match &entry.person.standing {
        Standing::Voided => {
            return Err(Refusal {
                code: "voided",
                message: format!(
                    "the session of {} was voided (p.19): its result is annulled and nothing is evaluated",
                    entry.person.name
                ),
            });
        }
        Standing::NotFinished => {
            return Err(Refusal {
                code: "not_scored",
                message: format!(
                    "{} has no test result yet: the evaluation follows the test (p.28-1)",
                    entry.person.name
                ),
            });
        }
        Standing::Scored {
            percent, decision, ..
        } => (*percent, decision),
    };
    let refused = |message: String| Refusal {
        code: "not_admitted_to_evaluation",
        message,
    };
    if !decision.passed {
        // p.27.3: a category applicant below the threshold is not admitted to the evaluation.
        return Err(refused(format!(
            "{} scored {percent}%, below the {}% threshold: not admitted to the professional-activity evaluation (p.27.3, p.28-1)",
            entry.person.name, decision.threshold
        )));
    }
    let score = Percent::new(percent).map_err(|e| refused(e.to_string()))?;
    let evaluation =
        rules::evaluate(score, rating, violations, policy).map_err(|e| refused(e.to_string()))?;
    Ok(NewEvaluation {
        session_id: entry.session_id.clone(),
        result_id: entry.result_id.clone().unwrap_or_default(),
        evaluation,
    })
}

pub(in crate::http) async fn list(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Json<EvaluationListView>, Error> {
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    let policy = store::report::gap_policy(&state.db, &campaign_id).await?;
    let due = rules::evaluation_due(campaign.closes_on).map_err(|e| Error::Unprocessable {
        code: "deadline_unknown",
        message: e.to_string(),
        details: vec![],
    })?;
    let people = store::report::people(&state.db, &campaign_id).await?;
    let stored = store::report::evaluations(&state.db, &campaign_id).await?;
    let now = state.app.clock().now();
    let mut counts = EvaluationCounts::default();
    let mut applicants = Vec::new();
    for entry in people.iter().filter(|e| is_applicant(e)) {
        let evaluation = stored.get(&entry.session_id);
        let evaluated_at =
            evaluation.and_then(|e| jiff::Timestamp::from_millisecond(e.evaluated_at).ok());
        let status = evaluation_status(&entry.person.standing, due, evaluated_at, now);
        let counter = match status {
            EvaluationStatus::Pending => &mut counts.pending,
            EvaluationStatus::Overdue => &mut counts.overdue,
            EvaluationStatus::Evaluated => &mut counts.evaluated,
            EvaluationStatus::EvaluatedLate => &mut counts.evaluated_late,
            EvaluationStatus::NotAdmitted => &mut counts.not_admitted,
            EvaluationStatus::Voided => &mut counts.voided,
            EvaluationStatus::NotScored => &mut counts.not_scored,
        };
        *counter += 1;
        let view = evaluation.map(|e| EvaluationView::of(e, entry.result_id.as_deref()));
        if view
            .as_ref()
            .is_some_and(|v| v.flagged_for_commission && status != EvaluationStatus::Voided)
        {
            counts.flagged_for_commission += 1;
        }
        applicants.push(ApplicantView {
            session_id: entry.session_id.clone(),
            iin: entry.person.iin.clone(),
            name: entry.person.name.clone(),
            position: entry.person.position.slug.to_owned(),
            region: RegionGroup::of(entry.person.region).slug().to_owned(),
            status,
            score: match &entry.person.standing {
                Standing::Scored { percent, .. } => Some(*percent),
                _ => None,
            },
            evaluation: view,
        });
    }
    Ok(Json(EvaluationListView {
        campaign_id,
        campaign: campaign.name,
        testing_ended: campaign.closes_on.to_string(),
        due: due.to_string(),
        clause: "p.28-1",
        server_time: now.as_millisecond(),
        gap_policy: GapPolicyView::of(policy),
        counts,
        applicants,
    }))
}

/// Violations over the last 12 months: a count, or `true`/`false` (yes = 1).
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(untagged)]
pub(in crate::http) enum Violations {
    Count(u32),
    Any(bool),
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = EvaluationEntry)]
pub(in crate::http) struct EntryBody {
    /// From service recipients over the last 12 months, 0 to 5.
    rating: f64,
    /// Violations and errors recorded over the last 12 months: a count, or true/false.
    #[schema(value_type = Object)]
    violations: Violations,
}

pub(in crate::http) async fn put(
    State(state): State<AppState>,
    caller: Caller,
    Path((campaign_id, session_id)): Path<(String, String)>,
    extract::Json(body): extract::Json<EntryBody>,
) -> Result<Json<EvaluationView>, Error> {
    let rating =
        Rating::new(body.rating).map_err(|e| Error::bad_request("rating", e.to_string()))?;
    let violations = match body.violations {
        Violations::Count(n) => n,
        Violations::Any(any) => u32::from(any),
    };
    store::campaign::get(&state.db, &campaign_id).await?;
    let policy = store::report::gap_policy(&state.db, &campaign_id).await?;
    let people = store::report::people(&state.db, &campaign_id).await?;
    let entry = people
        .iter()
        .find(|e| e.session_id == session_id)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "exam session {session_id} is not in campaign {campaign_id}"
            ))
        })?;
    let new = evaluate(entry, rating, violations, policy)?;
    let now = state.app.clock().now();
    store::report::put_evaluations(
        &state.db,
        &campaign_id,
        std::slice::from_ref(&new),
        "entry",
        &caller.actor(),
        now,
    )
    .await?;
    let stored = store::report::StoredEvaluation {
        session_id: new.session_id,
        result_id: new.result_id.clone(),
        evaluation: new.evaluation,
        source: "entry".into(),
        evaluated_at: now.as_millisecond(),
        evaluated_by: caller.actor().to_string(),
    };
    Ok(Json(EvaluationView::of(&stored, Some(&new.result_id))))
}
