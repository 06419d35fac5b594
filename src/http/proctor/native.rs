//! `POST /api/v1/proctor/{vendor}/events`: a native batch, signed with `X-Synaq-Timestamp` and
//! `X-Synaq-Signature`. Evidence given inline as a `data:image/...;base64,` URL is decoded
//! under `EvidenceLimits`, stored by its SHA-256, and referred to as `sha256:<hex>`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use synaq_proctor::adapter::native;
use synaq_proctor::evidence::{self, EvidenceLimits};
use synaq_proctor::signal::Signal;
use synaq_proctor::verify::{NativeHeaders, verify_native};

use super::super::AppState;
use super::{Error, accepted, ingest, now_s, raw, refuse, vendor};
use crate::store;

/// The native headers of a request.
pub(super) fn native_headers(headers: &HeaderMap) -> NativeHeaders<'_> {
    NativeHeaders {
        timestamp: headers
            .get("x-synaq-timestamp")
            .and_then(|v| v.to_str().ok()),
        signature: headers
            .get("x-synaq-signature")
            .and_then(|v| v.to_str().ok()),
    }
}

pub async fn events(
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<super::views::CallbackView>, Error> {
    let (v, secrets) = vendor(&state, &name, &["native"]).await?;
    let body = raw(body)?;
    verify_native(native_headers(&headers), &body, &secrets, now_s(&state))
        .map_err(Error::Verify)?;
    let mut signals = match native::parse(&body, &v.name) {
        Ok(signals) => signals,
        Err(e) => return Err(refuse(&state, &v.name, &body, Error::Malformed(e)).await),
    };
    if let Err(e) = store_evidence(&state, &mut signals).await {
        return Err(refuse(&state, &v.name, &body, e).await);
    }
    let out = ingest(&state, &v.name, &body, signals, |i| {
        format!("events[{i}].session_id")
    })
    .await?;
    Ok(accepted(&out))
}

/// Decodes every inline image, stores it by content address and puts its address in its
/// place. Nothing is stored unless every image of the batch is accepted.
async fn store_evidence(state: &AppState, signals: &mut [Signal]) -> Result<(), Error> {
    let limits = EvidenceLimits::default();
    let mut decoded = Vec::new();
    for (i, s) in signals.iter_mut().enumerate() {
        for (j, reference) in s.evidence.iter_mut().enumerate() {
            let Some(data) = reference
                .strip_prefix("data:")
                .and_then(|rest| rest.split_once(";base64,"))
                .map(|(_, data)| data.to_owned())
            else {
                continue;
            };
            let field = format!("events[{i}].evidence[{j}]");
            let image = evidence::decode_base64(&data, &limits)
                .map_err(|error| Error::Evidence { field, error })?;
            *reference = format!("sha256:{}", image.sha256);
            decoded.push((image, data));
        }
        if decoded.is_empty() {
            continue;
        }
        // The raw payload keeps the reference, not megabytes of base64.
        s.raw = serde_json::to_string(&serde_json::json!({
            "event": s.event_id, "evidence": s.evidence,
        }))
        .expect("JSON");
    }
    let at = state.app.clock().now();
    for (image, data) in decoded {
        use base64::Engine as _;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data.trim())
            .expect("decoded once already");
        store::proctor::put_evidence(&state.db, &image, &bytes, at).await?;
    }
    Ok(())
}
