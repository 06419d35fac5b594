//! `GET /api/v1/admin/appeals/sla`: open appeals with time left and SLA compliance per
//! campaign (p.24); breaches are counted, never hidden.

use axum::Json;
use axum::extract::State;

use super::{AppState, Error};
use crate::app::appeals::CampaignSla;

pub(super) async fn dashboard(
    State(state): State<AppState>,
) -> Result<Json<Vec<CampaignSla>>, Error> {
    Ok(Json(state.app.sla_dashboard().await?))
}
