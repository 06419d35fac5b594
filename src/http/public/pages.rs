//! The server's static pages and their assets, each with a strict content security policy,
//! and the answer to an address no route knows.

use axum::extract::Path;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use crate::http::Error;

const HTML: &str = "text/html; charset=utf-8";

/// An HTML page of the server.
pub(super) async fn html(body: &'static str) -> Response {
    page(body, HTML)
}

/// `GET /assets/{path}`: a script or style sheet of the pages, from the embedded table; the
/// browser revalidates it, so a new binary's modules are never mixed with an old one's.
pub(super) async fn asset(Path(path): Path<String>) -> Response {
    match crate::web::asset(&path) {
        Some(a) => (
            [(header::CACHE_CONTROL, "no-cache")],
            page(a.body, a.content_type),
        )
            .into_response(),
        None => not_found(Uri::from_static("/assets")).await,
    }
}

/// Any address no route knows: the API's JSON error under `/api/` and `/ws/`, otherwise a page
/// in Kazakh, Russian and English (never a blank one).
pub async fn not_found(uri: Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path.starts_with("/ws/") {
        return Error::NotFound(format!("{path}: no such route")).into_response();
    }
    (
        StatusCode::NOT_FOUND,
        page(crate::web::NOT_FOUND_HTML, HTML),
    )
        .into_response()
}

/// A static page of the server, with a strict content security policy: scripts, styles and
/// sockets of this origin only, no framing.
fn page(body: &'static str, content_type: &'static str) -> Response {
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
        .into_response()
}
