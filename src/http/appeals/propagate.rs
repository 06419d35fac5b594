//! `POST /api/v1/admin/appeals/{id}/propagation`: a corrected key or an annulled question
//! applied to every session of the campaign that had it (p.26); `{"apply": false}` (the
//! default) is the dry run listing exactly what would change.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::{AppState, Caller, Error, JsonBody, body};
use crate::app::appeals::Propagation;
use crate::domain::role::Role;

#[derive(Debug, Deserialize)]
pub(super) struct PropagateBody {
    #[serde(default)]
    apply: bool,
}

pub(super) async fn propagate(
    State(state): State<AppState>,
    caller: Caller,
    Path(appeal_id): Path<String>,
    b: JsonBody<PropagateBody>,
) -> Result<Json<Propagation>, Error> {
    caller.admit(&[Role::Admin])?;
    let b = body(b)?;
    Ok(Json(
        state
            .app
            .propagate(&appeal_id, b.apply, &caller.actor())
            .await?,
    ))
}
