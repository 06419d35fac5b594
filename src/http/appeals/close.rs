//! `POST /api/v1/commission/appeals/{appeal}/close`: the chair closes the appeal (p.24) with the
//! remedy of each upheld question; the result is rescored into a new version (p.26).

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::{AppState, Caller, Error, username};
use crate::app::appeals::AppealView;
use crate::domain::appeal::QuestionOutcome;
use crate::http::extract;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = AppealClosing)]
pub(super) struct CloseBody {
    /// Question number -> remedy of an upheld question (`{"kind": "key_corrected", "key":
    /// [...]}` or `{"kind": "annulled"}`); defaults follow the ground.
    #[serde(default)]
    #[schema(value_type = BTreeMap<String, Object>)]
    outcomes: BTreeMap<u32, QuestionOutcome>,
}

pub(super) async fn close(
    State(state): State<AppState>,
    caller: Caller,
    Path(appeal_id): Path<String>,
    extract::Json(b): extract::Json<CloseBody>,
) -> Result<Json<AppealView>, Error> {
    let chair = username(&state, &caller).await?;
    let view = state
        .app
        .close_appeal(&appeal_id, &chair, &b.outcomes, &caller.actor())
        .await?;
    Ok(Json(view))
}
