//! `GET /api/v1/banks/{version}/diff/{other}`: what changed from `version` (the old) to
//! `other` (the new) — the question ids added, changed (same id, different content) and
//! retired (`domain::bank::diff`), with both versions' counts per section and profile.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;

use crate::domain::bank::diff;
use crate::http::{AppState, Error};
use crate::store::{self, bank::Counts};

/// The difference between two versions.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct VersionDiff {
    /// The old version's full id.
    pub from: String,
    /// The new version's full id.
    pub to: String,
    /// Question ids in the new version only.
    pub added: Vec<String>,
    /// Question ids in both, with a different content.
    pub changed: Vec<String>,
    /// Question ids in the old version only.
    pub retired: Vec<String>,
    /// How many questions are the same in both.
    pub unchanged: u64,
    pub from_counts: Counts,
    pub to_counts: Counts,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    Path((version, other)): Path<(String, String)>,
) -> Result<Json<VersionDiff>, Error> {
    let from = store::bank::resolve(&state.db, &version).await?;
    let to = store::bank::resolve(&state.db, &other).await?;
    let old = store::bank::load(&state.db, &from).await?;
    let new = store::bank::load(&state.db, &to).await?;
    let d = diff::diff(&old, &new);
    Ok(Json(VersionDiff {
        from,
        to,
        added: d.added,
        changed: d.changed,
        retired: d.retired,
        unchanged: d.unchanged,
        from_counts: Counts::of(&old),
        to_counts: Counts::of(&new),
    }))
}
