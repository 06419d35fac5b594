//! `GET /api/v1/admin/users?q=&page=&per_page=`: the staff accounts by username, paginated;
//! `q` is a username prefix or a part of the name.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::{UserListView, UserView};
use crate::http::admin::list::{page, search};
use crate::http::admin::views::PageView;
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http::admin) struct Params {
    /// A username prefix or a part of the name.
    q: Option<String>,
    /// 1-based (default 1).
    page: Option<i64>,
    /// 1 to 100 (default 50).
    per_page: Option<i64>,
}

pub(in crate::http::admin) async fn handle(
    State(state): State<AppState>,
    Query(params): Query<Params>,
) -> Result<Json<UserListView>, Error> {
    let page = page(params.page, params.per_page)?;
    let q = search(params.q)?;
    let listed = store::staff::users(&state.db, q.as_deref(), page).await?;
    Ok(Json(UserListView {
        users: listed.items.into_iter().map(UserView::from).collect(),
        page: PageView::of(page, listed.total),
    }))
}
