//! The body of a TMC upload: a CSV text (`text/csv`) or an XLSX workbook
//! (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`, its first sheet), up
//! to the configured upload limit, read into a [`Sheet`] whose header or reading errors are
//! answered 422 naming the line.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;

use crate::domain::roster::RosterError;
use crate::domain::sheet::{self, Sheet};
use crate::http::extract::body_error;
use crate::http::{AppState, Error};

/// The XLSX media type.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An upload as received: its bytes and whether they are a workbook.
pub struct Upload {
    bytes: Bytes,
    xlsx: bool,
}

impl FromRequest<AppState> for Upload {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Upload, Error> {
        let essence = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default();
        let xlsx = match essence.as_str() {
            "text/csv" | "text/plain" => false,
            XLSX => true,
            _ => {
                return Err(Error::UnsupportedMediaType {
                    expected: "text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                });
            }
        };
        let limit = state.config.max_upload_bytes;
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|e| body_error(e.status(), e.body_text(), limit))?;
        Ok(Upload { bytes, xlsx })
    }
}

impl Upload {
    /// The upload as a sheet, read on a blocking thread (a workbook up to the upload limit
    /// is unzipped and parsed); `known` tells the header row of a workbook.
    pub async fn sheet(&self, code: &'static str, known: fn(&str) -> bool) -> Result<Sheet, Error> {
        let text = if self.xlsx {
            None
        } else {
            Some(String::from_utf8(self.bytes.to_vec()).map_err(|e| {
                Error::bad_request(
                    "body",
                    format!(
                        "not UTF-8 text (byte {}): save the file as \"CSV UTF-8\"",
                        e.utf8_error().valid_up_to()
                    ),
                )
            })?)
        };
        let bytes = self.bytes.clone();
        let read = tokio::task::spawn_blocking(move || match text {
            Some(text) => sheet::read_csv(&text),
            None => sheet::read_xlsx(&bytes, known),
        })
        .await
        .map_err(|e| Error::Internal(Box::new(e)))?;
        read.map_err(|message| {
            rows_error(
                code,
                vec![RosterError {
                    line: 1,
                    column: "header".into(),
                    message,
                }],
            )
        })
    }
}

/// The 422 of an upload with errors: every one, with its line and column; nothing stored.
pub fn rows_error(code: &'static str, errors: Vec<RosterError>) -> Error {
    Error::Unprocessable {
        code,
        message: format!(
            "the upload has {} error(s); nothing was imported",
            errors.len()
        ),
        details: errors.iter().map(ToString::to_string).collect(),
    }
}
