//! The HTTP API and pages. Every route is one entry of the route table ([`route`]): its
//! method, path, [`Access`] (public, or the roles it admits — checked by the table's layer,
//! never by the handler) and handler, grouped by audience, one file per action:
//! `public/` (pages, assets, health), `account/` (staff login, logout), `candidate/` (code
//! login, rules, start, paper, socket, cabinet), `author/` (banks), `admin/` (users,
//! campaigns, rosters, announcements, sessions), `tmc/` (the list of attestees, corrections,
//! personnel data, codes), `appeals/` (the cabinet's appeal, the commission's queue,
//! votes, close and protocols, the SLA dashboard, propagation). Bodies are read by the project's extractors (`extract.rs`),
//! answered as typed views (`views.rs`, documented in docs/protocol.md), and every error is
//! one type ([`Error`]) mapped to responses in one place (`error.rs`).

mod account;
pub(crate) mod admin;
mod appeals;
mod auth;
mod author;
pub mod candidate;
mod error;
pub mod extract;
mod headers;
mod leb;
pub mod listener;
pub mod openapi;
mod proctor;
pub(crate) mod public;
pub mod route;
mod seb;
mod tmc;
pub mod views;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tower_http::trace::TraceLayer;

pub use auth::{Caller, Candidate};
pub use error::Error;
pub use route::{Access, Route};

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

/// The route table: every route of the server, by audience.
fn table() -> Vec<route::Entry> {
    [
        public::routes(),
        account::routes(),
        candidate::routes(),
        author::routes(),
        admin::routes(),
        appeals::routes(),
        proctor::routes(),
        tmc::routes(),
        leb::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Every route of the server with its access, as the router is built from it.
pub fn routes() -> Vec<Route> {
    table().into_iter().map(|entry| entry.route).collect()
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    let routes = route::build(table(), &state)
        .fallback(public::not_found)
        .method_not_allowed_fallback(public::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            seb::guard,
        ))
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
