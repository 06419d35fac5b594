//! The HTTP API and pages: one axum router per audience, merged by [`app`]; one error type
//! ([`Error`]) mapped to responses in one place (`error.rs`).
//!
//! Routes so far: `GET /` (landing page), `GET /health`, and the author's
//! `POST /api/v1/banks` / `GET /api/v1/banks`.

mod auth;
mod author;
mod error;
mod public;

use std::sync::Arc;

use axum::Router;
use tower_http::trace::TraceLayer;

pub use auth::Caller;
pub use error::Error;

use crate::config::Config;
use crate::store::Db;

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(public::router())
        .merge(author::router(&state.config))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
