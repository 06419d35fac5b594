//! `GET /api/v1/admin/campaigns?page=&per_page=&q=`: the campaigns, newest first, each with
//! its progress at a glance (admitted, started, in progress, online now, submitted, voided,
//! appealed, decided, reported, certified); `q` is a part of the name.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use crate::http::admin::views::CampaignListView;
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http::admin) struct Params {
    /// 1-based (default 1).
    page: Option<i64>,
    /// 1 to 100 (default 50).
    per_page: Option<i64>,
    /// A part of the campaign's name.
    q: Option<String>,
}

pub(in crate::http::admin) async fn handle(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<CampaignListView>, Error> {
    let page = super::page(params.page, params.per_page)?;
    let q = super::search(params.q)?;
    let mut listed = store::listing::campaigns(&state.db, q.as_deref(), page).await?;
    // Online now: the live state asked about the listed campaigns' sessions in progress.
    let ids: Vec<String> = listed.items.iter().map(|c| c.campaign_id.clone()).collect();
    let running = store::listing::in_progress_of(&state.db, &ids).await?;
    let live = state.app.live();
    for c in &mut listed.items {
        let sessions: Vec<String> = running
            .iter()
            .filter(|(campaign, _)| *campaign == c.campaign_id)
            .map(|(_, session)| session.clone())
            .collect();
        c.progress.online = live.online(&sessions).await? as i64;
    }
    Ok(Json(CampaignListView::of(listed, page)))
}
