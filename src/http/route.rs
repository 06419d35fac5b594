//! The route table: every route of the server is one [`Entry`] stating its method, path
//! template, [`Access`] and handler, and [`build`] turns the table into the axum router with
//! the access check layered on each route. A route cannot be added without saying who may
//! call it, and a handler never checks roles itself: behind an `Authenticated` entry it
//! receives the admitted [`Caller`](super::Caller), and a public route has none to receive.
//!
//! Adding a route is one line in its audience's `routes()`:
//! `Entry::post("/api/v1/appeals", Access::Authenticated(&[Role::Candidate]), file::handle),`
//!
//! [`routes`](super::routes) lists the table (method, path, access) for the generated route
//! × role test (tests/api/roles.rs). An API route also carries its [`Doc`] (`.doc(...)`): the
//! OpenAPI document (`openapi.rs`) is built from the table, so its paths, methods and roles are
//! the router's own.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::{Next, from_fn_with_state};
use axum::response::Response;
use axum::routing::{MethodFilter, MethodRouter, on};

use super::openapi::Doc;
use super::{AppState, Error, JSON_BODY_LIMIT, auth};
use crate::domain::role::Role;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, with or without credentials (pages, health, the two logins).
    Public,
    /// An authenticated caller holding one of these roles: 401 `unauthenticated` without
    /// valid credentials (or 403 `csrf` for a cookie without its header on an unsafe method),
    /// 403 `forbidden` for any other role. `Role::ALL`: anyone logged in.
    Authenticated(&'static [Role]),
    /// A proctoring vendor's callback: no login, the vendor's signature over the raw body is
    /// the credential. The handler verifies it before anything reads the body: 404 for an
    /// unknown vendor, 401 for a missing, wrong or stale signature (docs/proctoring.md).
    Signed,
}

impl Access {
    /// Whether a caller holding `role` gets past the check.
    pub fn admits(self, role: Role) -> bool {
        match self {
            Access::Public => true,
            Access::Authenticated(roles) => roles.contains(&role),
            // Session credentials count for nothing here: only the vendor's signature does.
            Access::Signed => false,
        }
    }
}

/// One route as the table lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    /// The axum path template, e.g. `/api/v1/admin/sessions/{session}/void`.
    pub path: &'static str,
    pub access: Access,
}

/// How large a body the route reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// [`JSON_BODY_LIMIT`].
    Json,
    /// The configured bank upload limit (`max_upload_bytes`).
    Upload,
    /// A limit of the route's own, in bytes.
    Bytes(usize),
}

/// A route of the table with its handler.
pub struct Entry {
    pub route: Route,
    handler: MethodRouter<AppState>,
    limit: Limit,
    /// The route's OpenAPI operation; every route under `/api/`, `/ws/` and `/health` has one.
    doc: Option<Doc>,
}

impl Entry {
    fn new<H, T>(method: Method, path: &'static str, access: Access, handler: H) -> Entry
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).expect("a routable method");
        Entry {
            route: Route {
                method,
                path,
                access,
            },
            handler: on(filter, handler),
            limit: Limit::Json,
            doc: None,
        }
    }

    pub fn get<H, T>(path: &'static str, access: Access, handler: H) -> Entry
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Entry::new(Method::GET, path, access, handler)
    }

    pub fn post<H, T>(path: &'static str, access: Access, handler: H) -> Entry
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Entry::new(Method::POST, path, access, handler)
    }

    pub fn put<H, T>(path: &'static str, access: Access, handler: H) -> Entry
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        Entry::new(Method::PUT, path, access, handler)
    }

    /// The route reads bodies up to `bytes` instead of [`JSON_BODY_LIMIT`].
    pub fn limit(mut self, bytes: usize) -> Entry {
        self.limit = Limit::Bytes(bytes);
        self
    }

    /// The route takes uploads up to the configured `max_upload_bytes`, not [`JSON_BODY_LIMIT`].
    pub fn uploads(mut self) -> Entry {
        self.limit = Limit::Upload;
        self
    }

    /// The route's OpenAPI operation: summary, bodies, answers and errors (`openapi.rs`).
    pub fn doc(mut self, doc: Doc) -> Entry {
        self.doc = Some(doc);
        self
    }

    /// The operation the route documents itself with, if any.
    pub(super) fn operation(&self) -> Option<&Doc> {
        self.doc.as_ref()
    }
}

/// The router of `entries`, each with its body limit and access check.
pub fn build(entries: Vec<Entry>, state: &AppState) -> Router<AppState> {
    let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
    for entry in entries {
        let limit = match entry.limit {
            Limit::Json => JSON_BODY_LIMIT,
            Limit::Upload => state.config.max_upload_bytes,
            Limit::Bytes(bytes) => bytes,
        };
        let mut handler = entry.handler.route_layer(DefaultBodyLimit::max(limit));
        if let Access::Authenticated(roles) = entry.route.access {
            handler = handler.route_layer(from_fn_with_state(
                state.clone(),
                move |State(state): State<AppState>, request: Request, next: Next| {
                    admit(state, roles, request, next)
                },
            ));
        }
        let merged = match by_path.remove(entry.route.path) {
            Some(other) => other.merge(handler),
            None => handler,
        };
        by_path.insert(entry.route.path, merged);
    }
    by_path
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
}

/// The access check of an `Authenticated` route: authenticates, refuses other roles, and
/// hands the caller to the handler.
async fn admit(
    state: AppState,
    roles: &'static [Role],
    request: Request,
    next: Next,
) -> Result<Response, Error> {
    let (mut parts, body) = request.into_parts();
    // The Safe Exam Browser layer, outside this one, may have read the login already.
    let caller = match parts.extensions.remove::<auth::Authenticated>() {
        Some(auth::Authenticated(caller)) => caller,
        None => auth::authenticate(&parts, &state).await?,
    };
    caller.admit(roles)?;
    parts.extensions.insert(caller);
    Ok(next.run(Request::from_parts(parts, body)).await)
}
