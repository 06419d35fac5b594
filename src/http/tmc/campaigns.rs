//! `GET /api/v1/tmc/campaigns`: the campaigns a TMC forms lists for, newest first (name,
//! testing dates), without the progress an administrator's listing carries.

use axum::Json;
use axum::extract::State;

use super::views::{TmcCampaignView, TmcCampaignsView};
use crate::http::{AppState, Error};
use crate::store;
use crate::store::listing::Page;

/// The most campaigns listed.
const MOST: i64 = 100;

pub(super) async fn list(State(state): State<AppState>) -> Result<Json<TmcCampaignsView>, Error> {
    let page = Page {
        number: 1,
        size: MOST,
    };
    let listed = store::listing::campaigns(&state.db, None, page).await?;
    Ok(Json(TmcCampaignsView {
        campaigns: listed
            .items
            .into_iter()
            .map(|c| TmcCampaignView {
                campaign_id: c.campaign_id,
                name: c.name,
                opens_on: c.opens_on.to_string(),
                closes_on: c.closes_on.to_string(),
            })
            .collect(),
    }))
}
