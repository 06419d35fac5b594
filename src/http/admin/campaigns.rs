//! `POST /api/v1/admin/campaigns`: a campaign over a stored bank version.

use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;

use crate::domain::bank::Lang;
use crate::domain::paper::Blueprint;
use crate::domain::rules::{Procedure, RuleError};
use crate::http::extract::Json;
use crate::http::views::CampaignCreatedView;
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(super) struct NewCampaign {
    name: String,
    bank_version: String,
    /// `primary`, `periodic`, `category` or `reattestation`.
    procedure: String,
    #[schema(value_type = Vec<crate::domain::bank::Lang>)]
    languages: Vec<String>,
    #[schema(format = Date)]
    opens_on: String,
    #[schema(format = Date)]
    closes_on: String,
    #[serde(default)]
    blueprint: Option<Blueprint>,
}

fn date(field: &str, text: &str) -> Result<jiff::civil::Date, Error> {
    text.parse()
        .map_err(|e| Error::bad_request(field, format!("{text:?} is not a date (YYYY-MM-DD): {e}")))
}

pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Json(c): Json<NewCampaign>,
) -> Result<(StatusCode, axum::Json<CampaignCreatedView>), Error> {
    if c.name.trim().is_empty() {
        return Err(Error::bad_request("name", "must not be empty"));
    }
    let procedure: Procedure = c
        .procedure
        .parse()
        .map_err(|e: RuleError| Error::bad_request("procedure", e.to_string()))?;
    let languages = c
        .languages
        .iter()
        .map(|l| {
            Lang::parse(l)
                .ok_or_else(|| Error::bad_request("languages", format!("{l:?} is not kk or ru")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if languages.is_empty() {
        return Err(Error::bad_request(
            "languages",
            "at least one of kk, ru (CPD p.24)",
        ));
    }
    let opens_on = date("opens_on", &c.opens_on)?;
    let closes_on = date("closes_on", &c.closes_on)?;
    if closes_on < opens_on {
        return Err(Error::bad_request("closes_on", "is before opens_on"));
    }
    let bank_version = store::bank::resolve(&state.db, &c.bank_version)
        .await
        .map_err(|e| Error::bad_request("bank_version", e.to_string()))?;
    let campaign = store::campaign::Campaign {
        campaign_id: crate::id::new_id(),
        name: c.name.trim().to_owned(),
        bank_version,
        procedure,
        languages,
        blueprint: c.blueprint.unwrap_or_default(),
        opens_on,
        closes_on,
        duration_min: 120, // p.18
    };
    let now = state.app.clock().now();
    store::campaign::create(&state.db, &campaign, &caller.actor(), now).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CampaignCreatedView {
            campaign_id: campaign.campaign_id,
        }),
    ))
}
