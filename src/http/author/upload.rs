//! `POST /api/v1/banks`: a bank version. It takes either `multipart/form-data` with one or
//! more file parts (the part's filename picks the format; Kazakh and Russian files of one bank
//! go together), or a single native JSON bank as the raw body (`Content-Type:
//! application/json`). Query parameters: `name` (the bank's lineage, default `main`), `lang`
//! (`kk`|`ru`, for monolingual files). It answers 201 with the new version id and counts per
//! section and profile, 200 with the same answer when the content was already stored, or 422
//! with every error found.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use serde::Deserialize;

use crate::domain::bank::{self, Lang, SourceFile};
use crate::http::extract::{Query, body_error};
use crate::http::{AppState, Caller, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// The bank's lineage (default `main`).
    name: Option<String>,
    /// `kk` or `ru`, for monolingual files.
    #[param(value_type = Option<crate::domain::bank::Lang>)]
    lang: Option<String>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Query(params): Query<Params>,
    request: Request,
) -> Result<(StatusCode, Json<store::bank::ImportOutcome>), Error> {
    let lang = match params.lang.as_deref() {
        None => None,
        Some(text) => Some(
            Lang::parse(text)
                .ok_or_else(|| Error::bad_request("lang", format!("{text:?} is not kk or ru")))?,
        ),
    };
    let name = params.name.unwrap_or_else(|| "main".to_owned());
    bank::check_bank_name(&name).map_err(|m| Error::bad_request("name", m))?;
    let files = read_files(&state, request, lang).await?;
    let parsed = parse_off_workers(files, lang).await?;
    let bank = parsed.map_err(|diagnostics| Error::Unprocessable {
        code: "invalid_bank",
        message: format!(
            "the bank has {} error(s); nothing was imported",
            bank::error_count(&diagnostics)
        ),
        details: diagnostics.iter().map(ToString::to_string).collect(),
    })?;
    let now = jiff::Timestamp::now();
    let outcome =
        store::bank::import(&state.db, &bank, &name, &caller.actor(), now, |_| {}).await?;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)))
}

/// Bank parses running at once, each on a blocking thread: parsing a large bank takes
/// seconds of CPU, which must not stall the async workers driving the exam sockets; further
/// uploads wait their turn here (docs/limits.md).
pub const PARSES_AT_ONCE: usize = 2;

static PARSES: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PARSES_AT_ONCE);

/// Parses the uploaded files on a blocking thread, behind [`PARSES`].
async fn parse_off_workers(
    files: Vec<SourceFile>,
    lang: Option<Lang>,
) -> Result<Result<bank::Bank, Vec<bank::Diagnostic>>, Error> {
    let _permit = PARSES
        .acquire()
        .await
        .map_err(|e| Error::Internal(Box::new(e)))?;
    let options = bank::ImportOptions {
        lang,
        ..Default::default()
    };
    tokio::task::spawn_blocking(move || bank::parse_files(&files, &options))
        .await
        .map_err(|e| Error::Internal(Box::new(e)))
}

/// The uploaded files: multipart parts, or the raw body as one JSON file.
async fn read_files(
    state: &AppState,
    request: Request,
    lang: Option<Lang>,
) -> Result<Vec<SourceFile>, Error> {
    let limit = state.config.max_upload_bytes;
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?;
        let mut files = Vec::new();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?
        {
            let name = field
                .file_name()
                .map(str::to_owned)
                .unwrap_or_else(|| format!("part-{}", files.len() + 1));
            let bytes = field.bytes().await.map_err(|e| {
                match body_error(e.status(), e.body_text(), limit) {
                    Error::BadRequest { message, .. } => Error::bad_request(name.clone(), message),
                    other => other,
                }
            })?;
            files.push(source_file(name, bytes, lang)?);
        }
        if files.is_empty() {
            return Err(Error::bad_request(
                "body",
                "the multipart body has no file part",
            ));
        }
        Ok(files)
    } else if content_type.starts_with("application/json") {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?;
        Ok(vec![source_file("upload.json".to_owned(), bytes, lang)?])
    } else {
        Err(Error::UnsupportedMediaType {
            expected: "multipart/form-data with file parts, or application/json with a native bank",
        })
    }
}

/// One uploaded file as text; the body's buffer becomes the string without a copy.
fn source_file(name: String, bytes: Bytes, lang: Option<Lang>) -> Result<SourceFile, Error> {
    SourceFile::from_bytes(name, Vec::from(bytes), lang).map_err(|e| {
        Error::bad_request(
            e.name,
            format!("not UTF-8 text (invalid byte at offset {})", e.offset),
        )
    })
}
