//! Routes open to everyone: the landing page and the health check.

use axum::extract::State;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(landing))
        .route("/health", get(health))
}

/// The landing page, in Kazakh, Russian and English.
async fn landing() -> impl IntoResponse {
    Html(crate::web::LANDING_HTML)
}

/// `200 {"status": "ok", ...}` when the database answers; 500 otherwise.
async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Error> {
    state.db.ping().await?;
    Ok(Json(json!({
        "status": "ok",
        "database": state.db.engine().as_str(),
        "version": env!("CARGO_PKG_VERSION"),
        "time": crate::web::almaty_now(),
    })))
}
