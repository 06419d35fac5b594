//! `PUT /api/v1/admin/campaigns/{campaign}/commission`: the commission formed by the QIO head's
//! order (p.22), with the campaign's appeal policies.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;

use super::{AppState, Caller, Error};
use crate::domain::appeal::{CommissionMember, Seat};
use crate::http::extract;
use crate::store::appeal::{Policies, StoredCommission};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = CommissionSeat)]
pub(super) struct MemberBody {
    username: String,
    role: String,
    #[serde(default)]
    organization: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = Commission)]
pub(super) struct CommissionBody {
    members: Vec<MemberBody>,
    /// `{"annulled", "technical"}`: what an annulled question and a confirmed technical fault
    /// do (docs/appeals.md).
    #[serde(default)]
    #[schema(value_type = Object)]
    policies: Policies,
}

pub(super) async fn put_commission(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    extract::Json(b): extract::Json<CommissionBody>,
) -> Result<Json<StoredCommission>, Error> {
    let members = b
        .members
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let seat: Seat = m
                .role
                .parse()
                .map_err(|e: String| Error::bad_request(format!("members[{i}].role"), e))?;
            Ok(CommissionMember {
                username: m.username,
                seat,
                organization: m.organization,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let stored = state
        .app
        .put_commission(&campaign_id, members, b.policies, &caller.actor())
        .await?;
    Ok(Json(stored))
}
