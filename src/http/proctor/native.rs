//! `POST /api/v1/proctor/{vendor}/events`: a native batch, signed with `X-Synaq-Timestamp` and
//! `X-Synaq-Signature` over the raw body, JSON or `multipart/form-data` (the batch in the
//! `events` part, snapshots in parts the batch names `part:<name>`: `synaq_proctor::multipart`).
//! Evidence given inline as a `data:image/...;base64,` URL or as a part is decoded under
//! `EvidenceLimits`, stored by its SHA-256, and referred to as `sha256:<hex>`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use base64::Engine as _;
use synaq_proctor::adapter::native;
use synaq_proctor::evidence::{self, Evidence, EvidenceLimits};
use synaq_proctor::multipart::{self, MultipartLimits, Part};
use synaq_proctor::signal::Signal;
use synaq_proctor::verify::{NativeHeaders, verify_native};

use super::super::AppState;
use super::views::CallbackView;
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
) -> Result<Json<CallbackView>, Error> {
    let (v, secrets) = vendor(&state, &name, &["native"]).await?;
    let body = raw(body)?;
    verify_native(native_headers(&headers), &body, &secrets, now_s(&state))
        .map_err(Error::Verify)?;
    // Only now, verified, is the body read: as JSON, or as multipart with snapshots.
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(multipart::boundary);
    let (batch, snapshots) = match &boundary {
        None => (&body[..], Vec::new()),
        Some(b) => match multipart::native(&body, b, &MultipartLimits::default()) {
            Ok(m) => (m.events, m.snapshots),
            Err(e) => {
                let error = Error::Part {
                    field: e.part.clone(),
                    reason: e.reason.clone(),
                    too_large: e.too_large,
                };
                return Err(refuse(&state, &v.name, &body, error).await);
            }
        },
    };
    let mut signals = match native::parse(batch, &v.name) {
        Ok(signals) => signals,
        Err(e) => return Err(refuse(&state, &v.name, &body, Error::Malformed(e)).await),
    };
    if let Err(e) = store_evidence(&state, &mut signals, &snapshots).await {
        return Err(refuse(&state, &v.name, &body, e).await);
    }
    let out = ingest(&state, &v.name, &body, signals, |i| {
        format!("events[{i}].session_id")
    })
    .await?;
    Ok(accepted(&out))
}

/// Decodes every snapshot (inline `data:image/...;base64,` or a multipart `part:<name>`),
/// stores it by content address and puts its address in its place. Nothing is stored unless
/// every image of the batch is accepted and every part is referred to.
async fn store_evidence(
    state: &AppState,
    signals: &mut [Signal],
    parts: &[Part<'_>],
) -> Result<(), Error> {
    let limits = EvidenceLimits::default();
    let mut decoded: Vec<(Evidence, Vec<u8>)> = Vec::new();
    let mut referred = vec![false; parts.len()];
    for (i, s) in signals.iter_mut().enumerate() {
        let mut inline = false;
        for (j, reference) in s.evidence.iter_mut().enumerate() {
            let field = format!("events[{i}].evidence[{j}]");
            let (image, bytes) = if let Some(name) = reference.strip_prefix("part:") {
                let k = parts
                    .iter()
                    .position(|p| p.name == name)
                    .ok_or_else(|| Error::Part {
                        field: field.clone(),
                        reason: format!("no part named {name:?} was sent"),
                        too_large: false,
                    })?;
                referred[k] = true;
                let image =
                    evidence::decode(parts[k].data, &limits).map_err(|error| Error::Evidence {
                        field: format!("part:{name}"),
                        error,
                    })?;
                (image, parts[k].data.to_vec())
            } else if let Some(data) = reference
                .strip_prefix("data:")
                .and_then(|rest| rest.split_once(";base64,"))
                .map(|(_, data)| data)
            {
                let image = evidence::decode_base64(data, &limits)
                    .map_err(|error| Error::Evidence { field, error })?;
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(data.trim())
                    .expect("decoded once already");
                inline = true;
                (image, bytes)
            } else {
                continue;
            };
            *reference = format!("sha256:{}", image.sha256);
            decoded.push((image, bytes));
        }
        if inline {
            // The raw payload keeps the reference, not megabytes of base64.
            s.raw = serde_json::to_string(&serde_json::json!({
                "event": s.event_id, "evidence": s.evidence,
            }))
            .expect("JSON");
        }
    }
    if let Some(k) = referred.iter().position(|r| !r) {
        return Err(Error::Part {
            field: format!("part:{}", parts[k].name),
            reason: "no event's evidence refers to this part (`part:<name>`)".to_owned(),
            too_large: false,
        });
    }
    let at = state.app.clock().now();
    for (image, bytes) in decoded {
        store::proctor::put_evidence(&state.db, &image, &bytes, at).await?;
    }
    Ok(())
}
