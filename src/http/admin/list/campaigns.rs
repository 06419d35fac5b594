//! `GET /api/v1/admin/campaigns?page=&per_page=&q=`: the campaigns, newest first, each with
//! its progress at a glance (admitted, started, in progress, submitted, voided, appealed,
//! decided); `q` is a part of the name.

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
    let listed = store::listing::campaigns(&state.db, q.as_deref(), page).await?;
    Ok(Json(CampaignListView::of(listed, page)))
}
