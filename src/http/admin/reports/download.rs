//! `GET /api/v1/admin/campaigns/{campaign}/reports/appendix2?region=<slug>&format=xlsx|csv`
//! (p.31) and `.../reports/appendix5?region=&format=` (p.32): one region's table (or `none`,
//! the rows without a region) as an XLSX workbook or a CSV, with a Content-Disposition file
//! name. Every cell goes through `export::Table` (text is never a formula).
//!
//! Appendix 5 gives the LEB's verdict and decision date where the LEB has decided (p.32),
//! else the rules' decision with the result's date (`report::appendix5`); the LEB's own
//! Appendix 5 (`/api/v1/leb/reports/appendix5`) has the same columns and cells.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::report::{self, Person, RegionGroup};
use crate::export::Table;
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::http) struct Params {
    /// A region slug (docs/reports.md), or `none` for the rows without a region.
    region: Option<String>,
    /// `xlsx` (default) or `csv`.
    format: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Csv,
}

fn format(params: &Params) -> Result<Format, Error> {
    match params.format.as_deref().map(str::trim) {
        None | Some("") | Some("xlsx") => Ok(Format::Xlsx),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(Error::bad_request(
            "format",
            format!("{other:?} is not xlsx or csv"),
        )),
    }
}

/// The campaign's name, the group asked for and its people.
async fn load(
    state: &AppState,
    campaign_id: &str,
    params: &Params,
) -> Result<(String, RegionGroup, Vec<Person>), Error> {
    let region = params
        .region
        .as_deref()
        .ok_or_else(|| Error::bad_request("region", "give the region's slug, or none"))?;
    let group = super::region_group("region", region)?;
    let campaign = store::campaign::get(&state.db, campaign_id).await?;
    let people = store::report::people(&state.db, campaign_id)
        .await?
        .into_iter()
        .map(|e| e.person)
        .collect();
    Ok((campaign.name, group, people))
}

fn file(
    table: &Table,
    name: &str,
    campaign_id: &str,
    group: RegionGroup,
    format: Format,
) -> Result<Response, Error> {
    let safe: String = campaign_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (media, bytes, extension) = match format {
        Format::Xlsx => (
            crate::domain::report::upload::XLSX_MEDIA_TYPE,
            table.to_xlsx().map_err(|e| Error::Internal(Box::new(e)))?,
            "xlsx",
        ),
        Format::Csv => ("text/csv; charset=utf-8", table.to_csv(), "csv"),
    };
    let disposition = format!(
        "attachment; filename=\"{name}-{safe}-{}.{extension}\"",
        group.file_part()
    );
    Ok((
        [
            (header::CONTENT_TYPE, media.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

pub(in crate::http) async fn appendix2(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let format = format(&params)?;
    let (name, group, people) = load(&state, &campaign_id, &params).await?;
    let table = report::appendix2(&name, group, &people);
    file(&table, "appendix2", &campaign_id, group, format)
}

pub(in crate::http) async fn appendix5(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let format = format(&params)?;
    let (name, group, people) = load(&state, &campaign_id, &params).await?;
    let table = report::appendix5(&name, group, &people);
    file(&table, "appendix5", &campaign_id, group, format)
}
