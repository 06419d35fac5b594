//! `GET /api/v1/admin/campaigns/{campaign}/reports`: per region, how many people, scored,
//! voided and not finished; the p.31 deadline (5 working days after testing ends; a year
//! without its decree is provisional, and the flag is carried); when the report was marked
//! sent; and its status (due, overdue, sent, sent late). The rows without a region are one
//! more group, counted in `region_not_given`: no LEB receives them.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};

use super::views::{DeadlineView, RegionReportView, ReportDashboardView};
use crate::domain::region::REGIONS;
use crate::domain::report::{RegionGroup, Standing, dispatch_status};
use crate::http::{AppState, Error};
use crate::store;

pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Json<ReportDashboardView>, Error> {
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    let deadline = super::report_deadline(&state.db, &campaign).await?;
    let people = store::report::people(&state.db, &campaign_id).await?;
    let sent = store::report::dispatches(&state.db, &campaign_id).await?;
    let now = state.app.clock().now();
    // Regions in the order of REGIONS, then the rows without a region.
    let order = |g: &RegionGroup| match g {
        RegionGroup::Region(r) => REGIONS.iter().position(|x| x.slug == r.slug).unwrap_or(0),
        RegionGroup::NotGiven => REGIONS.len(),
    };
    let mut groups: BTreeMap<usize, RegionReportView> = BTreeMap::new();
    let blank = |g: RegionGroup| RegionReportView {
        region: g.slug().to_owned(),
        name_ru: g.name_ru().to_owned(),
        name_kk: g.name_kk().to_owned(),
        people: 0,
        scored: 0,
        voided: 0,
        not_finished: 0,
        status: None,
        sent_at: None,
        sent_by: None,
    };
    for entry in &people {
        let group = RegionGroup::of(entry.person.region);
        let row = groups.entry(order(&group)).or_insert_with(|| blank(group));
        row.people += 1;
        match entry.person.standing {
            Standing::Scored { .. } => row.scored += 1,
            Standing::Voided => row.voided += 1,
            Standing::NotFinished => row.not_finished += 1,
        }
    }
    // A report marked sent stays listed even if its rows moved.
    for slug in sent.keys() {
        if let Some(group) = RegionGroup::parse(slug) {
            groups.entry(order(&group)).or_insert_with(|| blank(group));
        }
    }
    let mut region_not_given = 0;
    for row in groups.values_mut() {
        if row.region == crate::domain::report::NO_REGION {
            region_not_given = row.people;
            continue;
        }
        let dispatch = sent.get(&row.region);
        let sent_at = dispatch.and_then(|d| jiff::Timestamp::from_millisecond(d.sent_at).ok());
        row.status = Some(dispatch_status(&deadline, sent_at, now));
        row.sent_at = dispatch.map(|d| d.sent_at);
        row.sent_by = dispatch.map(|d| d.sent_by.clone());
    }
    Ok(Json(ReportDashboardView {
        campaign_id,
        campaign: campaign.name,
        server_time: now.as_millisecond(),
        deadline: DeadlineView::of(&deadline),
        region_not_given,
        regions: groups.into_values().collect(),
    }))
}
