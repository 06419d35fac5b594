//! `POST /api/v1/tmc/campaigns/{campaign}/attestees` (a CSV or XLSX list: every error at
//! once, nothing imported on any) and `GET` of the same path (a page of the list with each
//! attestee's admission, reasons, correction and code).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::upload::{Upload, rows_error};
use super::views::{AttesteeListView, AttesteeView, ImportView};
use crate::domain::{attestee, roster};
use crate::http::admin::list::{page, search};
use crate::http::admin::views::PageView;
use crate::http::extract::Query;
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(super) async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    upload: Upload,
) -> Result<(StatusCode, Json<ImportView>), Error> {
    super::open_campaign(&state, &campaign_id).await?;
    let sheet = upload
        .sheet("invalid_attestees", roster::is_known_column)
        .await?;
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let listed = store::attestee::listed(&state.db, &campaign_id).await?;
    let scope = super::scope(&caller);
    let rows = attestee::parse_list(&sheet, today, scope.as_deref(), &listed)
        .map_err(|errors| rows_error("invalid_attestees", errors))?;
    let now = state.app.clock().now();
    let ids = store::attestee::add(&state.db, &campaign_id, &rows, &caller.actor(), now).await?;
    Ok((
        StatusCode::CREATED,
        Json(ImportView {
            added: ids.len(),
            attestee_ids: ids,
        }),
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// `no_data`, `admitted`, `not_admitted` or `excluded`.
    status: Option<String>,
    /// An IIN prefix or a part of the name.
    q: Option<String>,
    /// 1-based (default 1).
    page: Option<i64>,
    /// 1 to 100 (default 50).
    per_page: Option<i64>,
}

pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Json<AttesteeListView>, Error> {
    let page = page(params.page, params.per_page)?;
    let status = match params.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) if store::attestee::STATUSES.contains(&s) => Some(s.to_owned()),
        Some(s) => {
            return Err(Error::bad_request(
                "status",
                format!("{s:?} is not no_data, admitted, not_admitted or excluded"),
            ));
        }
    };
    let filter = store::attestee::Filter {
        scope: super::scope(&caller),
        status,
        q: search(params.q)?,
    };
    let listed = store::attestee::list(&state.db, &campaign_id, &filter, page).await?;
    Ok(Json(AttesteeListView {
        attestees: listed.items.iter().map(AttesteeView::from).collect(),
        page: PageView::of(page, listed.total),
    }))
}
