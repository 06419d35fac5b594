//! `POST /api/v1/admin/campaigns/{campaign}/reports/appendix2/{region}/sent`: the region's
//! Appendix 2 report was sent to its LEB now (p.31; the LEB's 3 working days of p.32 run from
//! here); stored in `report_dispatch` and audited as `report.sent`. Marked once: a second mark
//! is 409 naming the first. The rows without a region (`none`) go to no LEB and are refused.

use axum::Json;
use axum::extract::{Path, State};

use super::views::RegionReportView;
use crate::domain::report::{RegionGroup, Standing, dispatch_status};
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path((campaign_id, region)): Path<(String, String)>,
) -> Result<Json<RegionReportView>, Error> {
    let group = RegionGroup::parse(&region).ok_or_else(|| {
        Error::NotFound(format!("{region:?} is not a region slug (docs/reports.md)"))
    })?;
    let RegionGroup::Region(r) = group else {
        return Err(Error::Conflict(
            "the rows without a region go to no LEB: give their region in the roster first".into(),
        ));
    };
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    let deadline = super::report_deadline(&state.db, &campaign).await?;
    let now = state.app.clock().now();
    let dispatch =
        store::report::mark_sent(&state.db, &campaign_id, r.slug, &caller.actor(), now).await?;
    let mut row = RegionReportView {
        region: r.slug.to_owned(),
        name_ru: r.name_ru.to_owned(),
        name_kk: r.name_kk.to_owned(),
        people: 0,
        scored: 0,
        voided: 0,
        not_finished: 0,
        status: Some(dispatch_status(&deadline, Some(now), now)),
        sent_at: Some(dispatch.sent_at),
        sent_by: Some(dispatch.sent_by),
    };
    for e in store::report::people(&state.db, &campaign_id).await? {
        if RegionGroup::of(e.person.region) != group {
            continue;
        }
        row.people += 1;
        match e.person.standing {
            Standing::Scored { .. } => row.scored += 1,
            Standing::Voided => row.voided += 1,
            Standing::NotFinished => row.not_finished += 1,
        }
    }
    Ok(Json(row))
}
