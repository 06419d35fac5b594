//! `GET /api/v1/admin/calendar/years/{year}`: the year's working days, holidays and whether
//! it is entered, confirmed or provisional.

use axum::Json;
use axum::extract::{Path, State};

use crate::domain::calendar::YearSummary;
use crate::http::{AppState, Error};

pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    Path(year): Path<String>,
) -> Result<Json<YearSummary>, Error> {
    let year = super::parse_year(&year)?;
    let calendar = super::current(&state.db).await?;
    let summary = calendar
        .year_summary(year)
        .map_err(|e| Error::NotFound(e.to_string()))?;
    Ok(Json(summary))
}
