//! `GET /api/v1/banks/{version}/export?format=json|gift|xml&lang=kk|ru`: a stored version as
//! native JSON, Moodle GIFT or Moodle XML (bilingual with multilang markup, or one language
//! with `lang`), re-importable to the same version id (`domain::bank::export`).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::bank::Lang;
use crate::domain::bank::export::{self, ExportFormat};
use crate::http::extract::Query;
use crate::http::{AppState, Error};
use crate::store;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct Params {
    /// `json` (default), `gift` or `xml`.
    format: Option<String>,
    /// `kk` or `ru`: one language only (GIFT and XML), for a pair of monolingual files.
    #[param(value_type = Option<crate::domain::bank::Lang>)]
    lang: Option<String>,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    Path(version): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, Error> {
    let raw = params.format.as_deref().unwrap_or("json");
    let format = ExportFormat::parse(raw)
        .ok_or_else(|| Error::bad_request("format", format!("{raw:?} is not json, gift or xml")))?;
    let lang = match params.lang.as_deref() {
        None => None,
        Some(l) => Some(
            Lang::parse(l)
                .ok_or_else(|| Error::bad_request("lang", format!("{l:?} is not kk or ru")))?,
        ),
    };
    if format == ExportFormat::Json && lang.is_some() {
        return Err(Error::bad_request(
            "lang",
            "the native JSON format is always bilingual; ask for format=gift or xml",
        ));
    }
    let version = store::bank::resolve(&state.db, &version).await?;
    let bank = store::bank::load(&state.db, &version).await?;
    let text = export::export(&bank, format, lang).map_err(|e| Error::Unprocessable {
        code: "not_exportable",
        message: e.to_string(),
        details: Vec::new(),
    })?;
    let suffix = lang.map_or(String::new(), |l| format!(".{}", l.as_str()));
    let filename = format!(
        "bank-{}{suffix}.{}",
        &version[..12.min(version.len())],
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.media_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        text,
    )
        .into_response())
}
