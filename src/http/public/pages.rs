//! The server's static pages and their assets, each with a strict content security policy,
//! and the answer to an address no route knows.

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, Uri, header};
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
        None => not_found(Uri::from_static("/assets"), HeaderMap::new()).await,
    }
}

/// Any address no route knows: the API's JSON error under `/api/` and `/ws/` and for a client
/// that asks for JSON rather than HTML, otherwise a page in Kazakh, Russian and English (never
/// a blank one).
pub async fn not_found(uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") || path.starts_with("/ws/") || wants_json(&headers) {
        return Error::NotFound(format!("{path}: no such route")).into_response();
    }
    (
        StatusCode::NOT_FOUND,
        page(crate::web::NOT_FOUND_HTML, HTML),
    )
        .into_response()
}

/// A known address asked with a method it does not take: the API's JSON error (never an empty
/// body); the router adds the `Allow` header.
pub async fn method_not_allowed(method: axum::http::Method, uri: Uri) -> Response {
    Error::MethodNotAllowed {
        method: method.to_string(),
        path: uri.path().to_owned(),
    }
    .into_response()
}

/// Whether the client's `Accept` names JSON and not HTML (a program, not a browser: a
/// browser's `Accept` always names `text/html` for a page).
fn wants_json(headers: &HeaderMap) -> bool {
    let accept = headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
        .to_ascii_lowercase();
    (accept.contains("application/json") || accept.contains("+json"))
        && !accept.contains("text/html")
}

/// A page the server writes for the request (escaped text, no script), under the same policy.
pub(super) fn dynamic(status: StatusCode, body: String) -> Response {
    (status, page(body, HTML)).into_response()
}

/// A static page of the server, with a strict content security policy: scripts, styles and
/// sockets of this origin only, no framing.
fn page(body: impl IntoResponse, content_type: &'static str) -> Response {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT, value.parse().unwrap());
        h
    }

    #[test]
    fn a_program_asking_for_json_gets_json_and_a_browser_the_page() {
        assert!(wants_json(&accept("application/json")));
        assert!(wants_json(&accept("application/problem+json")));
        assert!(!wants_json(&accept(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
        )));
        assert!(!wants_json(&accept("text/html, application/json;q=0.5")));
        assert!(!wants_json(&accept("*/*")));
        assert!(!wants_json(&HeaderMap::new()));
    }
}
