//! `GET /api/v1/admin/appeals/sla`: open appeals with time left and SLA compliance per
//! campaign (p.24); breaches are counted, never hidden.

use axum::Json;
use axum::extract::State;

use super::{AppState, Caller, Error};
use crate::app::appeals::CampaignSla;
use crate::domain::role::Role;

pub(super) async fn dashboard(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<CampaignSla>>, Error> {
    caller.admit(&[Role::Admin, Role::CommissionChair])?;
    Ok(Json(state.app.sla_dashboard().await?))
}
