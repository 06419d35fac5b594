//! `POST /api/v1/leb/sessions/{session}/certificate`: issue the certificate of the decision
//! (p.32.2); `GET /api/v1/leb/certificates/{number}.pdf` (or `{number}` for its JSON) for the
//! region's officers and the administrators; `GET /api/v1/me/certificates` and
//! `/api/v1/me/certificates/{number}.pdf`: the candidate's own, and only those.

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

use super::views::CertificateView;
use crate::http::auth::own_origin;
use crate::http::{AppState, Caller, Candidate, Error};
use crate::store::certificate::CertificateRow;

pub(super) async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(session_id): Path<String>,
) -> Result<(StatusCode, axum::Json<CertificateView>), Error> {
    let scope = super::scope(&caller, None)?;
    // The QR points at the origin the officer addressed (through a trusted proxy, its own).
    let origin = own_origin(&headers, peer.ip(), &state.config.trusted_proxies);
    let certificate = state
        .app
        .leb_issue(&scope, &session_id, &origin, &caller.actor())
        .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(CertificateView::of(&certificate)),
    ))
}

/// The certificate as the PDF download.
fn pdf_response(c: &CertificateRow) -> Result<Response, Error> {
    let pdf = crate::web::leb::certificate::pdf(c).map_err(|e| Error::Internal(e.into()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"certificate-{}.pdf\"", c.number),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        pdf,
    )
        .into_response())
}

pub(super) async fn pdf(
    State(state): State<AppState>,
    caller: Caller,
    Path(file): Path<String>,
) -> Result<Response, Error> {
    let scope = super::scope(&caller, None)?;
    let (number, as_pdf) = match file.strip_suffix(".pdf") {
        Some(number) => (number, true),
        None => (file.as_str(), false),
    };
    let certificate = state.app.leb_certificate(&scope, number).await?;
    if as_pdf {
        pdf_response(&certificate)
    } else {
        Ok(axum::Json(CertificateView::of(&certificate)).into_response())
    }
}

pub(super) async fn mine(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<axum::Json<Vec<CertificateView>>, Error> {
    let certificates = state.app.my_certificates(&candidate.session_id).await?;
    Ok(axum::Json(
        certificates.iter().map(CertificateView::of).collect(),
    ))
}

pub(super) async fn mine_pdf(
    State(state): State<AppState>,
    candidate: Candidate,
    Path(file): Path<String>,
) -> Result<Response, Error> {
    let number = file.strip_suffix(".pdf").unwrap_or(&file);
    let certificates = state.app.my_certificates(&candidate.session_id).await?;
    let certificate = certificates
        .iter()
        .find(|c| c.number == number)
        .ok_or_else(|| Error::NotFound(format!("you hold no certificate {number}")))?;
    pdf_response(certificate)
}
