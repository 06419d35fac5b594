//! `GET /api/v1/campaigns/{campaign}/item-stats` and `.../item-stats.csv`: the campaign's item
//! statistics for the authors (docs/bank-format.md, "Item statistics"): difficulty, corrected
//! point-biserial, option shares, appeals, flags.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::domain::item_stats::{self, ItemStats};
use crate::http::{AppState, Error};

pub(super) async fn json(
    State(state): State<AppState>,
    Path(campaign): Path<String>,
) -> Result<Json<Vec<ItemStats>>, Error> {
    Ok(Json(state.app.item_statistics(&campaign).await?))
}

pub(super) async fn csv(
    State(state): State<AppState>,
    Path(campaign): Path<String>,
) -> Result<Response, Error> {
    let items = state.app.item_statistics(&campaign).await?;
    let disposition = format!(
        "attachment; filename=\"item-stats-{}.csv\"",
        campaign.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "_")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        item_stats::to_csv(&items),
    )
        .into_response())
}
