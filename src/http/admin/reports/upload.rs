//! `POST /api/v1/admin/campaigns/{campaign}/evaluations` with a CSV (`text/csv`) or XLSX
//! body: the columns `iin`, `rating`, `violations` (`domain::report::upload`). Every line is
//! checked — the file's cells, then that the IIN is on the campaign's roster and its holder is
//! a category applicant who reached the threshold (p.27, p.28-1) — and every problem is named
//! with its line and column; with any problem nothing is stored (422 `invalid_evaluations`).

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};

use super::evaluations::evaluate;
use super::views::UploadedView;
use crate::domain::report::upload::{self, Format, UploadError};
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(in crate::http) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<UploadedView>, Error> {
    let body = body.map_err(|e| {
        crate::http::extract::body_error(e.status(), e.body_text(), state.config.max_upload_bytes)
    })?;
    let format = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(Format::of_media_type)
        .ok_or(Error::UnsupportedMediaType {
            expected: "text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })?;
    store::campaign::get(&state.db, &campaign_id).await?;
    let invalid = |errors: Vec<UploadError>| Error::Unprocessable {
        code: "invalid_evaluations",
        message: format!("the file has {} error(s); nothing was stored", errors.len()),
        details: errors.iter().map(ToString::to_string).collect(),
    };
    let (lines, mut errors) = upload::parse_lines(&body, format).map_err(invalid)?;
    let policy = store::report::gap_policy(&state.db, &campaign_id).await?;
    let people = store::report::people(&state.db, &campaign_id).await?;
    let mut evaluations = Vec::with_capacity(lines.len());
    for line in &lines {
        let iin = line.iin.to_string();
        let fail = |message: String| UploadError {
            line: line.line,
            column: "iin".into(),
            message,
        };
        match people.iter().find(|e| e.person.iin == iin) {
            None => errors.push(fail(format!("IIN {iin} is not on this campaign's roster"))),
            Some(entry) => match evaluate(entry, line.rating, line.violations, policy) {
                Ok(e) => evaluations.push(e),
                Err(refusal) => errors.push(fail(refusal.message)),
            },
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(invalid(errors));
    }
    store::report::put_evaluations(
        &state.db,
        &campaign_id,
        &evaluations,
        "upload",
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok(Json(UploadedView {
        evaluated: evaluations.len(),
    }))
}
