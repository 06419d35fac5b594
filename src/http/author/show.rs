//! `GET /api/v1/banks/{version}`: one stored version, with its counts per section and per
//! profile tag (the list gives the per-section counts only: per profile needs the questions).

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;

use crate::http::{AppState, Error};
use crate::store::{
    self,
    bank::{Counts, VersionInfo},
};

/// A version and its counts.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VersionDetail {
    #[serde(flatten)]
    pub info: VersionInfo,
    pub counts: Counts,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    Path(version): Path<String>,
) -> Result<Json<VersionDetail>, Error> {
    let version = store::bank::resolve(&state.db, &version).await?;
    let info = store::bank::info(&state.db, &version)
        .await?
        .ok_or_else(|| Error::NotFound(format!("bank version {version} does not exist")))?;
    let bank = store::bank::load(&state.db, &version).await?;
    Ok(Json(VersionDetail {
        info,
        counts: Counts::of(&bank),
    }))
}
