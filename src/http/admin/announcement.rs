//! `POST /api/v1/admin/campaigns/{campaign}/announcement {"text_kk", "text_ru"}`: the QIO
//! publishes a campaign's announcement with its testing dates in advance (p.11); a new one
//! replaces it. Shown publicly at `/campaigns/{campaign}`.

use axum::extract::{Path, State};
use serde::Deserialize;

use crate::http::extract::Json;
use crate::http::public::AnnouncementView;
use crate::http::{AppState, Caller, Error};
use crate::store;

/// The most characters of one language's text.
const MAX_TEXT: usize = 10_000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct NewAnnouncement {
    /// The text in Kazakh.
    text_kk: String,
    /// The text in Russian.
    text_ru: String,
}

fn text(field: &str, text: &str) -> Result<String, Error> {
    use unicode_normalization::UnicodeNormalization;
    let text: String = text.trim().nfc().collect();
    if text.is_empty() || text.chars().count() > MAX_TEXT {
        return Err(Error::bad_request(
            field,
            format!("1 to {MAX_TEXT} characters: the announcement is read in Kazakh and Russian"),
        ));
    }
    if let Some((at, c)) = text
        .chars()
        .zip(1..)
        .find(|(c, _)| *c != '\n' && crate::domain::roster::invisible(*c).is_some())
        .map(|(c, at)| (at, c))
    {
        return Err(Error::bad_request(
            field,
            format!(
                "character {at} is U+{:04X}, invisible or a control: remove it",
                c as u32
            ),
        ));
    }
    Ok(text)
}

pub(super) async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    Json(body): Json<NewAnnouncement>,
) -> Result<axum::Json<AnnouncementView>, Error> {
    let kk = text("text_kk", &body.text_kk.replace("\r\n", "\n"))?;
    let ru = text("text_ru", &body.text_ru.replace("\r\n", "\n"))?;
    let now = state.app.clock().now();
    let published =
        store::announcement::publish(&state.db, &campaign_id, &kk, &ru, &caller.actor(), now)
            .await?;
    Ok(axum::Json(published.into()))
}
