//! Routes open to everyone: the landing page and the health check.

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use super::{AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(landing))
        .route("/health", get(health))
        .route(
            "/exam",
            get(|| page(crate::web::EXAM_HTML, "text/html; charset=utf-8")),
        )
        .route(
            "/exam/exam.js",
            get(|| page(crate::web::EXAM_JS, "text/javascript; charset=utf-8")),
        )
        .route(
            "/exam/exam.css",
            get(|| page(crate::web::EXAM_CSS, "text/css; charset=utf-8")),
        )
        .route(
            "/me",
            get(|| page(crate::web::ME_HTML, "text/html; charset=utf-8")),
        )
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

/// The landing page, in Kazakh, Russian and English. It has no script and one inline style
/// block, so its policy allows inline styles and nothing else.
async fn landing() -> impl IntoResponse {
    (
        [(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
             frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        )],
        Html(crate::web::LANDING_HTML),
    )
}

/// `200 {"status": "ok", ...}` when the database answers; 500 otherwise.
async fn health(State(state): State<AppState>) -> Result<Json<serde_json::Value>, Error> {
    state.db.ping().await?;
    Ok(Json(json!({
        "status": "ok",
        "database": state.db.engine().as_str(),
        "node": state.exams.node(),
        "sockets": state.exams.connected(),
        "version": env!("CARGO_PKG_VERSION"),
        "time": crate::web::almaty_now(),
    })))
}
