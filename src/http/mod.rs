//! The HTTP API and pages: one axum router per audience, merged by [`app`]; one error type
//! ([`Error`]) mapped to responses in one place (`error.rs`).
//!
//! Routes: docs/protocol.md lists them (candidate, staff, admin, the exam socket), plus
//! `GET /` (landing page), `GET /health`, the exam page and cabinet, and the author's
//! `POST /api/v1/banks` / `GET /api/v1/banks`.

mod account;
mod admin;
mod auth;
mod author;
pub mod candidate;
mod error;
mod headers;
pub mod listener;
mod public;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::trace::TraceLayer;

pub use auth::Caller;
pub use error::Error;

use crate::app::Application;
use crate::config::Config;
use crate::store::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The application's database, for the routes that only read or write one repository.
    pub db: Db,
    pub config: Arc<Config>,
    /// The exam application of this node: every workflow that spans store, live and domain.
    pub app: Arc<Application>,
}

impl AppState {
    pub fn new(app: Arc<Application>, config: Arc<Config>) -> AppState {
        AppState {
            db: app.db().clone(),
            config,
            app,
        }
    }
}

/// The largest JSON body accepted outside bank uploads (which have their own, larger limit):
/// a roster of several thousand candidates fits; anything larger is 413 naming this limit.
pub const JSON_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    let routes = Router::new()
        .merge(public::router())
        .merge(author::router(&state.config))
        .merge(account::router())
        .merge(candidate::router())
        .merge(admin::router())
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT));
    // One INFO span per request carrying its `x-request-id` (the client's, or a new UUID,
    // echoed on the response), the method and the path: never the query or a header, where
    // a token could ride.
    let x_request_id = axum::http::HeaderName::from_static("x-request-id");
    let trace = TraceLayer::new_for_http()
        .make_span_with(|r: &axum::extract::Request| {
            let id = r
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok());
            let (id, path) = (id.unwrap_or("-"), r.uri().path());
            tracing::info_span!("request", %id, method = %r.method(), %path)
        })
        .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO));
    headers::add(routes)
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(
            x_request_id.clone(),
        ))
        .layer(trace)
        .layer(tower_http::request_id::SetRequestIdLayer::new(
            x_request_id,
            tower_http::request_id::MakeRequestUuid,
        ))
        .with_state(state)
}
