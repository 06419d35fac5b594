//! `PUT /api/v1/admin/campaigns/{campaign}/evaluation-policy {"gap_policy": "zero"|"ten"}`:
//! how the campaign's evaluations score a rating in the (3.9, 4.0] gap of Appendix 1-2;
//! audited as `evaluation.policy`. Evaluations already stored keep the policy they were
//! computed with.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::views::GapPolicyView;
use crate::domain::rules::GapPolicy;
use crate::http::extract;
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(in crate::http) struct PolicyBody {
    /// `zero` (the default: 0 points, flagged for the commission) or `ten`.
    gap_policy: String,
}

pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    extract::Json(body): extract::Json<PolicyBody>,
) -> Result<Json<GapPolicyView>, Error> {
    let policy: GapPolicy =
        body.gap_policy
            .parse()
            .map_err(|e: crate::domain::rules::RuleError| {
                Error::bad_request("gap_policy", e.to_string())
            })?;
    store::report::set_gap_policy(
        &state.db,
        &campaign_id,
        policy,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(Json(GapPolicyView::of(policy)))
}
