//! `PUT /api/v1/admin/campaigns/{campaign}/seb` `{"config_key", "browser_exam_keys"}` (or
//! `null` to switch it off) and `GET` of the same: whether a campaign's exam must be taken in
//! Safe Exam Browser, with which Config Key and which Browser Exam Keys. Admins only; every
//! change audited. The check itself is `http::seb` (docs/proctoring.md, "Safe Exam Browser").

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use synaq_proctor::seb::SebKeys;

use super::super::{AppState, Caller, extract};
use super::Error;
use super::views::{SebKeysView, SebView};
use crate::store;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Body {
    config_key: String,
    browser_exam_keys: Vec<String>,
}

fn view(campaign_id: &str, keys: Option<&SebKeys>) -> Json<SebView> {
    Json(SebView {
        campaign_id: campaign_id.to_owned(),
        seb: keys.map(|k| SebKeysView {
            config_key: k.config_key.as_str().to_owned(),
            browser_exam_keys: k
                .browser_exam_keys
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
        }),
    })
}

pub async fn set(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    extract::Json(body): extract::Json<Option<Body>>,
) -> Result<Json<SebView>, Error> {
    let keys = body
        .map(|b| SebKeys::parse(&b.config_key, &b.browser_exam_keys))
        .transpose()
        .map_err(|e| super::super::Error::Unprocessable {
            code: "invalid_seb",
            message: e.to_string(),
            details: vec![e.field],
        })?;
    store::seb::set(
        &state.db,
        &campaign_id,
        keys.as_ref(),
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(view(&campaign_id, keys.as_ref()))
}

pub async fn get(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Json<SebView>, Error> {
    store::campaign::get(&state.db, &campaign_id).await?;
    let keys = store::seb::keys(&state.db, &campaign_id).await?;
    Ok(view(&campaign_id, keys.as_ref()))
}
