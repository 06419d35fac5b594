//! `PUT /api/v1/admin/campaigns/{campaign}/proctoring {"policy", "review_window_h", "second_review"}`
//! and `GET` of the same: a campaign's violation policy (validated by `synaq_proctor`, every
//! error naming its field), how long its results stay provisional (default 72 h) and whether
//! an automated flag needs a second reviewer before it voids. Admins only.

use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use synaq_proctor::policy::Policy;

use super::super::{AppState, Caller, extract};
use super::Error;
use super::views::ProctoringSettingsView;
use crate::store::{self, proctor::Settings};

/// The longest review window: a month. Results provisional longer than that help no one.
const MAX_REVIEW_WINDOW_H: i64 = 31 * 24;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ProctoringSettings)]
pub struct Body {
    /// The policy (docs/proctoring.md, "The violation policy"); the default when absent.
    #[serde(default)]
    policy: Option<serde_json::Value>,
    #[serde(default)]
    review_window_h: Option<i64>,
    #[serde(default)]
    second_review: Option<bool>,
}

fn view(campaign_id: &str, s: &Settings) -> Json<ProctoringSettingsView> {
    Json(ProctoringSettingsView {
        campaign_id: campaign_id.to_owned(),
        policy: serde_json::from_str(&s.policy).unwrap_or(serde_json::Value::Null),
        review_window_h: s.review_window_h,
        second_review: s.second_review,
    })
}

pub async fn set(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    extract::Json(b): extract::Json<Body>,
) -> Result<Json<ProctoringSettingsView>, Error> {
    let policy = match b.policy {
        None => synaq_proctor::policy::DEFAULT_JSON.to_owned(),
        Some(p) => {
            let text = p.to_string();
            Policy::from_json(&text).map_err(|e| {
                super::super::Error::bad_request(format!("policy.{}", e.field), e.reason)
            })?;
            text
        }
    };
    let review_window_h = b
        .review_window_h
        .unwrap_or(store::proctor::DEFAULT_REVIEW_WINDOW_H);
    if !(0..=MAX_REVIEW_WINDOW_H).contains(&review_window_h) {
        return Err(super::super::Error::bad_request(
            "review_window_h",
            format!("0 to {MAX_REVIEW_WINDOW_H} hours"),
        )
        .into());
    }
    let settings = Settings {
        policy,
        review_window_h,
        second_review: b.second_review.unwrap_or(false),
    };
    store::proctor::set_settings(
        &state.db,
        &campaign_id,
        &settings,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(view(&campaign_id, &settings))
}

pub async fn get(
    State(state): State<AppState>,
    Path(campaign_id): Path<String>,
) -> Result<Json<ProctoringSettingsView>, Error> {
    store::campaign::get(&state.db, &campaign_id).await?;
    Ok(view(
        &campaign_id,
        &state.app.proctoring(&campaign_id).await?,
    ))
}
