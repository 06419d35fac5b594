//! The public side of the certificates: `GET /api/v1/certificates/key` (the Ed25519 public
//! keys), `GET /api/v1/verify/{number}?p=&s=` (JSON) and `GET /verify/{number}?p=&s=` (the
//! kk/ru page the QR code opens); and the administrators' key rotation.
//!
//! Not an enumeration oracle: a number carries 25 random bits beside its sequence, and one
//! address may check [`CHECKS_PER_MINUTE`] numbers a minute.

use std::time::Duration;

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::views::{KeysView, PublicKeyView, VerifyView};
use crate::http::auth::Client;
use crate::http::extract::Query;
use crate::http::{AppState, Caller, Error};
use crate::store;

/// Checks one address may make a minute.
pub const CHECKS_PER_MINUTE: u64 = 60;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// The QR's payload (base64url).
    p: Option<String>,
    /// The QR's Ed25519 signature (base64url).
    s: Option<String>,
}

async fn keys_view(state: &AppState) -> Result<KeysView, Error> {
    let keys = store::certificate::public_keys(&state.db).await?;
    Ok(KeysView {
        keys: keys.iter().map(PublicKeyView::of).collect(),
    })
}

pub(super) async fn keys(State(state): State<AppState>) -> Result<axum::Json<KeysView>, Error> {
    Ok(axum::Json(keys_view(&state).await?))
}

pub(super) async fn rotate(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<(StatusCode, axum::Json<KeysView>), Error> {
    store::certificate::rotate_key(&state.db, &caller.actor(), state.app.clock().now()).await?;
    Ok((StatusCode::CREATED, axum::Json(keys_view(&state).await?)))
}

/// Counts the check against the address's limit.
async fn limit(state: &AppState, client: Client) -> Result<(), Error> {
    let key = format!("certificate-verify:{}", client.ip);
    if !state
        .app
        .live()
        .hit(&key, Duration::from_secs(60), CHECKS_PER_MINUTE)
        .await?
    {
        return Err(Error::RateLimited);
    }
    Ok(())
}

async fn check(
    state: &AppState,
    number: &str,
    params: &Params,
) -> Result<Option<crate::app::leb::Verification>, Error> {
    let seal = match (params.p.as_deref(), params.s.as_deref()) {
        (Some(p), Some(s)) => Some((p, s)),
        (None, None) => None,
        // Half a seal verifies nothing: it is no seal of this certificate.
        (p, s) => Some((p.unwrap_or(""), s.unwrap_or(""))),
    };
    Ok(state.app.verify_certificate(number, seal).await?)
}

pub(super) async fn json(
    State(state): State<AppState>,
    client: Client,
    Path(number): Path<String>,
    Query(params): Query<Params>,
) -> Result<axum::Json<VerifyView>, Error> {
    limit(&state, client).await?;
    let found = check(&state, &number, &params).await?.ok_or_else(|| {
        Error::NotFound(format!("no certificate was issued with number {number:?}"))
    })?;
    Ok(axum::Json(VerifyView::of(&found)))
}

pub(super) async fn html(
    State(state): State<AppState>,
    client: Client,
    Path(number): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    limit(&state, client).await?;
    let found = check(&state, &number, &params).await?;
    let keys = store::certificate::public_keys(&state.db).await?;
    let status = if found.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    let page = crate::web::leb::verify::page(&number, found.as_ref(), &keys);
    Ok((
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
            ),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )
        .into_response())
}
