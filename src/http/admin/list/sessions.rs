//! `GET /api/v1/admin/campaigns/{campaign}/sessions?status=&q=&page=&per_page=`: a page of the
//! campaign's sessions by name then IIN, with time left, answers, signals, appeal and result;
//! `q` is an IIN prefix or a part of the name. Whether a session in progress is online now
//! comes from the live state, asked for this page's sessions in progress only.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use crate::domain::exam::Status;
use crate::http::admin::views::{PageView, SessionListView, SessionSummaryView};
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;
use crate::store::listing::SessionFilter;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http::admin) struct Params {
    /// `scheduled`, `rules`, `in_progress`, `scored` or `voided`.
    #[param(value_type = Option<crate::domain::exam::Status>)]
    status: Option<String>,
    /// An IIN prefix or a part of the name.
    q: Option<String>,
    /// 1-based (default 1).
    page: Option<i64>,
    /// 1 to 100 (default 50).
    per_page: Option<i64>,
}

pub(in crate::http::admin) async fn handle(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<SessionListView>, Error> {
    let page = super::page(params.page, params.per_page)?;
    let filter = SessionFilter {
        status: super::status(params.status)?,
        q: super::search(params.q)?,
    };
    store::campaign::get(&state.db, &campaign_id).await?; // 404 for an unknown campaign
    let listed = store::listing::sessions(&state.db, &campaign_id, &filter, page).await?;
    let now = state.app.clock().now_ms();
    let live = state.app.live();
    let mut sessions = Vec::with_capacity(listed.items.len());
    for s in listed.items {
        let online = if s.status == Status::InProgress {
            Some(live.holder(&s.session_id).await?.is_some())
        } else {
            None
        };
        sessions.push(SessionSummaryView::of(s, now, online));
    }
    Ok(Json(SessionListView {
        campaign_id,
        server_time: now,
        sessions,
        page: PageView::of(page, listed.total),
    }))
}
