//! `POST /api/v1/proctor/{vendor}/proctorio`: the Proctorio envelope, which carries its own
//! signature over `nonce:data:secret`. A nonce is never accepted twice: a replay answers 200
//! with the first answer and has no effect.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use synaq_proctor::adapter::proctorio;
use synaq_proctor::verify::verify_proctorio;

use super::super::AppState;
use super::{Error, accepted, ingest, now_s, raw, refuse, vendor};
use crate::store;

pub async fn callback(
    State(state): State<AppState>,
    Path(name): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<super::views::CallbackView>, Error> {
    let (v, secrets) = vendor(&state, &name, &["proctorio"]).await?;
    let body = raw(body)?;
    let envelope = verify_proctorio(&body, &secrets).map_err(Error::Verify)?;
    if let Some(first) = store::proctor::nonce_result(&state.db, &v.name, &envelope.nonce).await? {
        store::proctor::audit_refusal(
            &state.db,
            &v.name,
            &format!("replayed nonce {}", envelope.nonce),
            &body,
            state.app.clock().now(),
        )
        .await?;
        let mut first: super::views::CallbackView =
            serde_json::from_str(&first).map_err(store::Error::from)?;
        first.replayed_nonce = true;
        return Ok(Json(first));
    }
    let signals = match proctorio::parse(&envelope.raw_data, &v.name, now_s(&state)) {
        Ok(signals) => signals,
        Err(e) => return Err(refuse(&state, &v.name, &body, Error::Malformed(e)).await),
    };
    let out = ingest(&state, &v.name, &body, signals, |_| {
        "data.attempt_id".into()
    })
    .await?;
    let answer = accepted(&out);
    store::proctor::remember_nonce(
        &state.db,
        &v.name,
        &envelope.nonce,
        &serde_json::to_string(&answer.0).map_err(store::Error::from)?,
        state.app.clock().now(),
    )
    .await?;
    Ok(answer)
}
