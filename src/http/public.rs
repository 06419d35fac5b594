//! Routes open to everyone: the landing page, the candidate's pages and their assets, the
//! health check, and the answer to an unknown address (404).

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(landing))
        .route("/health", get(health))
        .route("/exam", get(|| page(crate::web::EXAM_HTML, HTML)))
        .route("/me", get(|| page(crate::web::ME_HTML, HTML)))
        .route(
            "/commission",
            get(|| page(crate::web::commission::CONSOLE_HTML, HTML)),
        )
        .route("/assets/{*path}", get(asset))
        .fallback(not_found)
}

const HTML: &str = "text/html; charset=utf-8";

/// `GET /assets/{path}`: a script or style sheet of the pages, from the embedded table; the
/// browser revalidates it, so a new binary's modules are never mixed with an old one's.
async fn asset(Path(path): Path<String>) -> Response {
    match crate::web::asset(&path) {
        Some(a) => (
            [(header::CACHE_CONTROL, "no-cache")],
            page(a.body, a.content_type).await,
        )
            .into_response(),
        None => not_found(Uri::from_static("/assets")).await,
    }
}

/// Any address no route knows: the API's JSON error under `/api/` and `/ws/`, otherwise a page
/// in Kazakh, Russian and English (never a blank one).
async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path.starts_with("/ws/") {
        return Error::NotFound(format!("{path}: no such route")).into_response();
    }
    (
        StatusCode::NOT_FOUND,
        page(crate::web::NOT_FOUND_HTML, HTML).await,
    )
        .into_response()
}

/// A static page of the server, with a strict content security policy: scripts, styles and
/// sockets of this origin only, no framing.
async fn page(body: &'static str, content_type: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
}

/// The landing page, in Kazakh, Russian and English.
async fn landing() -> impl IntoResponse {
    page(crate::web::LANDING_HTML, HTML).await
}

/// `200 {"status": "ok", ...}` when the database answers; 500 otherwise.
async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Error> {
    state.db.ping().await?;
    Ok(Json(json!({
        "status": "ok",
        "database": state.db.engine().as_str(),
        "node": state.app.node(),
        "sockets": state.app.connected(),
        "version": env!("CARGO_PKG_VERSION"),
        "time": crate::web::almaty_now(),
    })))
}
