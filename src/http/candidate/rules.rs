//! `POST /api/v1/exam/rules {"lang"}`: the language of the exam; the rules are read untimed
//! (p.18).

use axum::extract::State;
use serde::Deserialize;

use crate::domain::bank::Lang;
use crate::http::auth::Candidate;
use crate::http::extract::Json;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = LanguageChoice)]
pub(super) struct Body {
    #[schema(value_type = crate::domain::bank::Lang)]
    lang: String,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
    Json(body): Json<Body>,
) -> Result<axum::Json<SessionView>, Error> {
    let lang = Lang::parse(&body.lang)
        .ok_or_else(|| Error::bad_request("lang", format!("{:?} is not kk or ru", body.lang)))?;
    let row = state
        .app
        .choose_lang(&candidate.session_id, lang, &candidate.caller.actor())
        .await
        .map_err(super::over)?;
    Ok(axum::Json(SessionView::of(
        &row,
        state.app.clock().now_ms(),
    )))
}
