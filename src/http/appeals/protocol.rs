//! The protocol of a decided appeal (p.24) as HTML and PDF: the candidate's own in the
//! cabinet (`/api/v1/me/appeals/protocol.{html,pdf}`), any for the commission and the
//! administrators (`/api/v1/commission/appeals/{appeal}/protocol.{html,pdf}`).

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{AppState, Candidate, Error};

/// The two renderings.
#[derive(Debug, Clone, Copy)]
enum Format {
    Html,
    Pdf,
}

async fn render(state: &AppState, appeal_id: &str, format: Format) -> Result<Response, Error> {
    let protocol = state.app.protocol(appeal_id).await?;
    Ok(match format {
        Format::Html => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8".to_owned())],
            protocol.html(),
        )
            .into_response(),
        Format::Pdf => {
            let pdf = protocol.pdf().map_err(|e| Error::Internal(e.into()))?;
            (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("inline; filename=\"protocol-{appeal_id}.pdf\""),
                    ),
                ],
                pdf,
            )
                .into_response()
        }
    })
}

/// The candidate's own appeal's id.
async fn own(state: &AppState, candidate: &Candidate) -> Result<String, Error> {
    state
        .app
        .my_appeal(&candidate.session_id)
        .await?
        .map(|v| v.appeal.appeal_id)
        .ok_or_else(|| Error::NotFound("you have filed no appeal".into()))
}

pub(super) async fn mine_html(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Response, Error> {
    let id = own(&state, &candidate).await?;
    render(&state, &id, Format::Html).await
}

pub(super) async fn mine_pdf(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Response, Error> {
    let id = own(&state, &candidate).await?;
    render(&state, &id, Format::Pdf).await
}

pub(super) async fn html(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    render(&state, &id, Format::Html).await
}

pub(super) async fn pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, Error> {
    render(&state, &id, Format::Pdf).await
}
