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
mod proctor;
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
        .merge(proctor::router())
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT));
    headers::add(routes)
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
