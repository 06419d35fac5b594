//! `POST /api/v1/tmc/campaigns/{campaign}/attestees/{attestee}/correction`: the TMC corrects
//! its list (p.10), excluding a person for incapacity for work (up to two months), a leave of
//! p.6 or a business trip abroad, with the period, or re-including them. The admission is
//! recomputed with the correction's period; an unused code dies.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::views::AttesteeView;
use crate::domain::attestee::{Exclusion, ExclusionReason, admission};
use crate::http::extract::Json as JsonBody;
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Correction {
    /// True to exclude, false to re-include.
    excluded: bool,
    /// `incapacity`, `maternity`, `child_care`, `adoption`, `study_leave` or
    /// `business_trip_abroad` (p.10); required to exclude.
    #[schema(value_type = Option<ExclusionReason>)]
    reason: Option<String>,
    /// The first day (YYYY-MM-DD); required to exclude.
    #[schema(format = Date)]
    from: Option<String>,
    /// The last day (YYYY-MM-DD); required for an incapacity (at most two months).
    #[schema(format = Date)]
    until: Option<String>,
    /// An order's or certificate's number.
    #[serde(default)]
    note: String,
}

fn date(field: &str, text: Option<&str>) -> Result<Option<jiff::civil::Date>, Error> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.parse()
                .map_err(|_| Error::bad_request(field, format!("{t:?} is not a date (YYYY-MM-DD)")))
        })
        .transpose()
}

fn exclusion(c: &Correction) -> Result<Option<Exclusion>, Error> {
    if !c.excluded {
        return Ok(None);
    }
    let reason = c
        .reason
        .as_deref()
        .ok_or_else(|| Error::bad_request("reason", "the reason of p.10 is required"))?;
    let reason = ExclusionReason::parse(reason).map_err(|m| Error::bad_request("reason", m))?;
    let from = date("from", c.from.as_deref())?
        .ok_or_else(|| Error::bad_request("from", "the period's first day is required"))?;
    let exclusion = Exclusion {
        reason,
        from,
        until: date("until", c.until.as_deref())?,
        note: c.note.trim().to_owned(),
    };
    exclusion
        .check()
        .map_err(|(field, message)| Error::bad_request(field, message))?;
    Ok(Some(exclusion))
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path((campaign_id, attestee_id)): Path<(String, String)>,
    JsonBody(correction): JsonBody<Correction>,
) -> Result<Json<AttesteeView>, Error> {
    let scope = super::scope(&caller);
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    let attestee =
        store::attestee::get(&state.db, &campaign_id, &attestee_id, scope.as_deref()).await?;
    let exclusion = exclusion(&correction)?;
    // p.6, p.10: the correction's period is one of the rules' reasons on the testing day.
    let admitted = admission(
        &attestee.row,
        attestee.facts.as_ref(),
        exclusion.as_ref(),
        campaign.opens_on,
    )
    .map_err(|m| Error::bad_request("body", m))?;
    let now = state.app.clock().now();
    store::attestee::correct(
        &state.db,
        &attestee,
        exclusion.as_ref(),
        admitted,
        &caller.actor(),
        now,
    )
    .await?;
    let stored =
        store::attestee::get(&state.db, &campaign_id, &attestee_id, scope.as_deref()).await?;
    Ok(Json(AttesteeView::from(&stored)))
}
