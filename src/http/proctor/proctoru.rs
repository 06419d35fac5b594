//! `POST /api/v1/proctor/{vendor}/proctoru`: one ProctorU incident, signed with
//! `X-ProctorU-Signature: sha1=<HMAC-SHA1 of the raw body>`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use synaq_proctor::adapter::proctoru;
use synaq_proctor::verify::verify_proctoru;

use super::super::AppState;
use super::{Error, accepted, ingest, raw, refuse, vendor};

pub async fn incident(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<super::views::CallbackView>, Error> {
    let (v, secrets) = vendor(&state, &name, &["proctoru"]).await?;
    let body = raw(body)?;
    let signature = headers
        .get("x-proctoru-signature")
        .and_then(|v| v.to_str().ok());
    verify_proctoru(signature, &body, &secrets).map_err(Error::Verify)?;
    let signals = match proctoru::parse(&body, &v.name) {
        Ok(signals) => signals,
        Err(e) => return Err(refuse(&state, &v.name, &body, Error::Malformed(e)).await),
    };
    let out = ingest(&state, &v.name, &body, signals, |_| "reservation_id".into()).await?;
    Ok(accepted(&out))
}
