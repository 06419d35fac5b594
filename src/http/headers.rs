//! Security headers on every response: no MIME sniffing, no framing, no referrer, and a
//! default content security policy that allows nothing. Pages that need more (the landing
//! page's inline style, the exam page's own scripts and socket) set their own policy, which
//! this layer leaves in place. Token-bearing answers (the two logins) set
//! `Cache-Control: no-store` themselves.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of answers that are not pages (JSON, errors): nothing may load, nothing may frame.
pub const DEFAULT_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// `router` with the headers added to every response that does not already carry them.
pub fn add<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router
        .layer(set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
}
