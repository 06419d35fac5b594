//! `GET /api/v1/leb/results?campaign=&q=&status=&region=&page=&per_page=`: a page of the
//! region's results, each with its p.32 due date, overdue flag, the decision the result calls
//! for (or the one taken), why it cannot be decided yet, and its certificate.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::views::{LebListView, LebRowView};
use crate::http::admin::list::{page, search};
use crate::http::admin::views::PageView;
use crate::http::extract::Query;
use crate::http::{AppState, Caller, Error};
use crate::store::leb::{Filter, Scope, Stage};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// One campaign's id; all campaigns when absent.
    campaign: Option<String>,
    /// An IIN prefix or a part of the name.
    q: Option<String>,
    /// `awaiting`, `voided`, `pending`, `decided` or `certified`.
    status: Option<String>,
    /// Administrators: one region (slug or name). An officer always reads its own.
    region: Option<String>,
    /// 1-based (default 1).
    page: Option<i64>,
    /// 1 to 100 (default 50).
    per_page: Option<i64>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<Params>,
) -> Result<Json<LebListView>, Error> {
    let scope = super::scope(&caller, params.region.as_deref())?;
    let page = page(params.page, params.per_page)?;
    let stage = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(Stage::parse(text).ok_or_else(|| {
            Error::bad_request(
                "status",
                format!("{text:?} is not awaiting, voided, pending, decided or certified"),
            )
        })?),
    };
    let campaign = params
        .campaign
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty());
    let region = match &scope {
        Scope::All(region) => region.clone(),
        Scope::Region(region) => Some(region.clone()),
    };
    let filter = Filter {
        scope,
        campaign,
        q: search(params.q)?,
        stage,
    };
    let listed = state.app.leb_results(&filter, page).await?;
    let named = region
        .as_deref()
        .and_then(crate::domain::region::Region::by_slug);
    Ok(Json(LebListView {
        region_kk: named.map(|r| r.name_kk.to_owned()),
        region_ru: named.map(|r| r.name_ru.to_owned()),
        region,
        today: crate::domain::calendar::almaty_date(state.app.clock().now()).to_string(),
        rows: listed.items.iter().map(LebRowView::of).collect(),
        page: PageView::of(page, listed.total),
    }))
}
