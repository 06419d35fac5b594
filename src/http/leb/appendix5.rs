//! `GET /api/v1/leb/reports/appendix5?campaign=&format=xlsx|csv&region=`: the region's
//! Appendix 5 (p.32.3) with each decision's own date (`app::leb::appendix5`, over the columns and
//! cells of `report::appendix5_table`, the administrators' table's).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::region::Region;
use crate::http::extract::Query;
use crate::http::{AppState, Caller, Error};
use crate::store::leb::Scope;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// One campaign's id; every campaign when absent.
    campaign: Option<String>,
    /// `xlsx` (default) or `csv`.
    format: Option<String>,
    /// Administrators: the region (slug or name). An officer always gets its own.
    region: Option<String>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let region = match super::scope(&caller, params.region.as_deref())? {
        Scope::Region(slug) | Scope::All(Some(slug)) => slug,
        Scope::All(None) => {
            return Err(Error::bad_request(
                "region",
                "name the region whose Appendix 5 to write",
            ));
        }
    };
    let region = Region::by_slug(&region)
        .ok_or_else(|| Error::Conflict(format!("{region:?} is no region of Kazakhstan")))?;
    let csv = match params.format.as_deref().map(str::trim) {
        None | Some("") | Some("xlsx") => false,
        Some("csv") => true,
        Some(other) => {
            return Err(Error::bad_request(
                "format",
                format!("{other:?}: xlsx or csv"),
            ));
        }
    };
    let campaign = params
        .campaign
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let table = state.app.leb_appendix5(region, campaign).await?;
    let (body, content_type, ext) = if csv {
        (table.to_csv(), "text/csv; charset=utf-8", "csv")
    } else {
        (
            table.to_xlsx().map_err(|e| Error::Internal(Box::new(e)))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"appendix5-{}.{ext}\"", region.slug),
            ),
        ],
        body,
    )
        .into_response())
}
