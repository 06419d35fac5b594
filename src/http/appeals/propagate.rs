//! `POST /api/v1/admin/appeals/{appeal}/propagation`: a corrected key or an annulled question
//! applied to every session of the campaign that had it (p.26); `{"apply": false}` (the
//! default) is the dry run listing exactly what would change.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::{AppState, Caller, Error};
use crate::app::appeals::Propagation;
use crate::http::extract;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = PropagationRequest)]
pub(super) struct PropagateBody {
    #[serde(default)]
    apply: bool,
}

pub(super) async fn propagate(
    State(state): State<AppState>,
    caller: Caller,
    Path(appeal_id): Path<String>,
    extract::Json(b): extract::Json<PropagateBody>,
) -> Result<Json<Propagation>, Error> {
    Ok(Json(
        state
            .app
            .propagate(&appeal_id, b.apply, &caller.actor())
            .await?,
    ))
}
