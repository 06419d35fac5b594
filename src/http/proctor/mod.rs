//! Proctoring over HTTP (docs/proctoring.md): vendors (admin), the signed callbacks of the four
//! adapters, each campaign's proctoring settings and Safe Exam Browser keys, reinstatement, the review queue and the
//! candidate's view of whether the result is provisional. One file per action.
//!
//! Callbacks take the raw body, verify it with `synaq_proctor::verify` BEFORE anything parses
//! it, then parse with the vendor's adapter and hand the neutral signals to
//! `Application::ingest`. Refusals keep the statuses of docs/proctoring.md; a refusal of a
//! validly signed callback (unknown session, malformed body) is in the audit chain.

mod edx;
mod native;
mod policy;
mod proctorio;
mod proctoru;
mod reinstate;
mod review;
mod seb;
mod status;
mod vendors;
pub mod views;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use synaq_proctor::adapter::ParseError;
use synaq_proctor::signal::Signal;
use synaq_proctor::verify::{MAX_BODY_BYTES, Secrets, VerifyError};

use super::AppState;
use super::openapi::{Doc, Signature, object};
use super::route::{Access, Entry};
use super::views::SessionView;
use crate::app::proctor::{IngestError, Outcome};
use crate::domain::audit::Actor;
use crate::domain::role::Role;
use crate::store;

const ADMIN: Access = Access::Authenticated(&[Role::Admin]);
const REVIEWERS: Access = Access::Authenticated(&[Role::ProctorReviewer, Role::Admin]);
const CANDIDATE: Access = Access::Authenticated(&[Role::Candidate]);

pub(super) fn routes() -> Vec<Entry> {
    let accepted = "`{\"results\": [...]}`: what each signal did";
    vec![
        // The vendor's signature is the credential; evidence rides inside as base64, so the
        // crate's body limit, not the JSON one.
        Entry::post(
            "/api/v1/proctor/{vendor}/events",
            Access::Signed,
            native::events,
        )
        .limit(MAX_BODY_BYTES)
        .doc(
            Doc::new("A native vendor's signals (docs/proctoring.md, \"Native\")")
                .signed(Signature::Native, "`{\"events\": [...]}` (docs/proctoring.md)")
                .answer(200, accepted, "application/json", object(accepted)),
        ),
        Entry::post(
            "/api/v1/proctor/{vendor}/edx/attempts/{session}/reviewed",
            Access::Signed,
            edx::reviewed,
        )
        .limit(MAX_BODY_BYTES)
        .doc(
            Doc::new("Open edX's review of an attempt (docs/proctoring.md, \"Open edX\")")
                .signed(Signature::Native, "the edX review (docs/proctoring.md)")
                .answer(200, accepted, "application/json", object(accepted)),
        ),
        Entry::post(
            "/api/v1/proctor/{vendor}/proctorio",
            Access::Signed,
            proctorio::callback,
        )
        .limit(MAX_BODY_BYTES)
        .doc(
            Doc::new("A Proctorio callback, signed inside its envelope (docs/proctoring.md)")
                .signed(
                    Signature::Envelope,
                    "`{\"type\", \"nonce\", \"signature\", \"data\"}` (docs/proctoring.md)",
                )
                .answer(200, accepted, "application/json", object(accepted)),
        ),
        Entry::post(
            "/api/v1/proctor/{vendor}/proctoru",
            Access::Signed,
            proctoru::incident,
        )
        .limit(MAX_BODY_BYTES)
        .doc(
            Doc::new("A ProctorU incident (docs/proctoring.md, \"ProctorU\")")
                .signed(Signature::ProctorU, "the ProctorU incident (docs/proctoring.md)")
                .answer(200, accepted, "application/json", object(accepted)),
        ),
        Entry::post("/api/v1/admin/proctor/vendors", ADMIN, vendors::create).doc(
            Doc::new("Register a proctoring vendor and its secrets")
                .json::<vendors::NewVendor>()
                .answer(201, VENDOR, "application/json", object(VENDOR))
                .errors(&[409]),
        ),
        Entry::get("/api/v1/admin/proctor/vendors", ADMIN, vendors::list).doc(
            Doc::new("The registered vendors, never a secret").answer(
                200,
                "`{\"vendors\": [...]}`",
                "application/json",
                object("`{\"vendors\": [{\"name\", \"adapter\", ...}]}`"),
            ),
        ),
        Entry::put(
            "/api/v1/admin/proctor/vendors/{vendor}",
            ADMIN,
            vendors::replace,
        )
        .doc(
            Doc::new("Rotate a vendor's secrets (both verify until the previous one is left out)")
                .json::<vendors::Secrets>()
                .answer(200, VENDOR, "application/json", object(VENDOR))
                .errors(&[404]),
        ),
        Entry::put(
            "/api/v1/admin/campaigns/{campaign}/proctoring",
            ADMIN,
            policy::set,
        )
        .doc(
            Doc::new("Set a campaign's violation policy, review window and second review")
                .json::<policy::Body>()
                .answer(200, SETTINGS, "application/json", object(SETTINGS))
                .errors(&[404]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/proctoring",
            ADMIN,
            policy::get,
        )
        .doc(
            Doc::new("A campaign's proctoring settings")
                .answer(200, SETTINGS, "application/json", object(SETTINGS))
                .errors(&[404]),
        ),
        Entry::put("/api/v1/admin/campaigns/{campaign}/seb", ADMIN, seb::set).doc(
            Doc::new("Require Safe Exam Browser for a campaign's exam, with its Config Key and Browser Exam Keys (`null` switches it off)")
                .json::<seb::Body>()
                .answer(200, SEB, "application/json", object(SEB))
                .errors(&[404, 422]),
        ),
        Entry::get("/api/v1/admin/campaigns/{campaign}/seb", ADMIN, seb::get).doc(
            Doc::new("A campaign's Safe Exam Browser keys (`seb` is null when it is not required)")
                .answer(200, SEB, "application/json", object(SEB))
                .errors(&[404]),
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/reinstate",
            ADMIN,
            reinstate::reinstate,
        )
        .doc(
            Doc::new("Withdraw a void and restore the annulled result")
                .json::<reinstate::Reason>()
                .ok::<SessionView>(200, "the session as it then stands")
                .errors(&[404, 409]),
        ),
        Entry::get("/api/v1/review/queue", REVIEWERS, review::queue).doc(
            Doc::new("The flagged sessions, oldest first").answer(
                200,
                "`{\"queue\": [...], \"open\": n}`",
                "application/json",
                object("`{\"queue\": [review], \"open\": n}` (docs/proctoring.md, \"Review\")"),
            ),
        ),
        Entry::get(
            "/api/v1/review/sessions/{session}",
            REVIEWERS,
            review::session,
        )
        .doc(
            Doc::new("One flagged session: signals, evidence, votes")
                .answer(200, REVIEW, "application/json", object(REVIEW))
                .errors(&[404]),
        ),
        Entry::post(
            "/api/v1/review/sessions/{session}/confirm",
            REVIEWERS,
            review::confirm,
        )
        .doc(
            Doc::new("Confirm a violation (voids once enough reviewers confirmed, p.19)")
                .json::<review::Reason>()
                .answer(200, DECISION, "application/json", object(DECISION))
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/review/sessions/{session}/dismiss",
            REVIEWERS,
            review::dismiss,
        )
        .doc(
            Doc::new("Dismiss a flag")
                .json::<review::Reason>()
                .answer(200, DECISION, "application/json", object(DECISION))
                .errors(&[404, 409]),
        ),
        Entry::get("/api/v1/exam/proctoring", CANDIDATE, status::candidate).doc(
            Doc::new("Whether the candidate's result is still provisional, and why a void").answer(
                200,
                "`{\"status\", \"provisional\", \"provisional_until\", \"review_window_h\", \"voided\"}`",
                "application/json",
                object("the proctoring status (docs/proctoring.md)"),
            ),
        ),
    ]
}

const VENDOR: &str = "`{\"name\", \"adapter\", \"active_secrets\"}`";
const SEB: &str = "`{\"campaign_id\", \"seb\": {\"config_key\", \"browser_exam_keys\"} | null}`";
const SETTINGS: &str = "`{\"campaign_id\", \"policy\", \"review_window_h\", \"second_review\"}`";
const REVIEW: &str = "a flagged session (docs/proctoring.md, \"Review\")";
const DECISION: &str =
    "`{\"outcome\", \"status\", ...}`: `voided`, `dismissed` or `awaiting_second_review`";

/// A callback's refusal, or the HTTP layer's error for the admin routes.
#[derive(Debug)]
pub enum Error {
    /// The vendor in the route is not registered, or uses another adapter.
    UnknownVendor(String),
    /// Signature, headers or timestamp (docs/proctoring.md, "Refusals").
    Verify(VerifyError),
    /// A verified body that is not the vendor's shape: 422 naming the field.
    Malformed(ParseError),
    /// A verified body naming a session that does not exist: 422 naming the field.
    UnknownSession {
        field: String,
        session_id: String,
    },
    /// An evidence image refused (corrupt, a bomb, too large).
    Evidence {
        field: String,
        error: synaq_proctor::evidence::EvidenceError,
    },
    TooLarge,
    /// A multipart callback's part: malformed, over its limit, missing or referred to by no
    /// event (`field` is `part:<name>`, `parts[i]`, `body` or the evidence entry).
    Part {
        field: String,
        reason: String,
        too_large: bool,
    },
    Http(super::Error),
}

impl From<super::Error> for Error {
    fn from(e: super::Error) -> Error {
        Error::Http(e)
    }
}

impl From<store::Error> for Error {
    fn from(e: store::Error) -> Error {
        Error::Http(e.into())
    }
}

impl From<crate::app::Error> for Error {
    fn from(e: crate::app::Error) -> Error {
        Error::Http(e.into())
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code, message, field) = match self {
            Error::Http(e) => return e.into_response(),
            Error::UnknownVendor(name) => (
                StatusCode::NOT_FOUND,
                "unknown_vendor",
                format!("no vendor {name:?} is registered for this callback"),
                None,
            ),
            Error::Verify(e) => {
                let code = match e {
                    VerifyError::Stale(_) => "stale_timestamp",
                    VerifyError::Future(_) => "future_timestamp",
                    VerifyError::BadSignature => "bad_signature",
                    VerifyError::MissingHeader(_) => "missing_header",
                    VerifyError::MalformedHeader(_) => "malformed_header",
                    VerifyError::MalformedEnvelope(_) => "malformed",
                    VerifyError::TooLarge { .. } => "payload_too_large",
                };
                let field = match e {
                    VerifyError::MalformedEnvelope(f) => Some(f.to_owned()),
                    _ => None,
                };
                let status = StatusCode::from_u16(e.status_hint()).expect("a status");
                (status, code, e.to_string(), field)
            }
            Error::Malformed(e) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "malformed",
                e.to_string(),
                Some(e.field),
            ),
            Error::UnknownSession { field, session_id } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_session",
                format!("field `{field}`: session {session_id} does not exist"),
                Some(field),
            ),
            Error::Evidence { field, error } => (
                StatusCode::from_u16(error.status_hint()).expect("a status"),
                "evidence_refused",
                format!("field `{field}`: {error}"),
                Some(field),
            ),
            Error::Part {
                field,
                reason,
                too_large,
            } => (
                if too_large {
                    StatusCode::PAYLOAD_TOO_LARGE
                } else {
                    StatusCode::UNPROCESSABLE_ENTITY
                },
                if too_large {
                    "payload_too_large"
                } else {
                    "malformed"
                },
                format!("field `{field}`: {reason}"),
                Some(field),
            ),
            Error::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                format!("the request body is over the limit of {MAX_BODY_BYTES} bytes"),
                None,
            ),
        };
        let mut body = json!({ "error": { "code": code, "message": message } });
        if let Some(field) = field {
            body["error"]["field"] = json!(field);
        }
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Signature"),
            );
        }
        response
    }
}

/// The raw body, or 413 past [`MAX_BODY_BYTES`].
fn raw(body: Result<Bytes, BytesRejection>) -> Result<Bytes, Error> {
    body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge
        } else {
            Error::Http(super::Error::bad_request("body", e.body_text()))
        }
    })
}

/// The vendor of the route, registered with `adapter` (else 404), and its active secrets.
async fn vendor(
    state: &AppState,
    name: &str,
    adapters: &[&str],
) -> Result<(store::proctor::Vendor, Secrets), Error> {
    let v = store::proctor::vendor(&state.db, name)
        .await?
        .filter(|v| adapters.contains(&v.adapter.as_str()))
        .ok_or_else(|| Error::UnknownVendor(name.to_owned()))?;
    let secrets = Secrets {
        current: v.secret_current.as_bytes().to_vec(),
        previous: v.secret_previous.as_ref().map(|s| s.as_bytes().to_vec()),
    };
    Ok((v, secrets))
}

/// Audits the refusal of a verified callback, then returns it.
async fn refuse(state: &AppState, vendor: &str, body: &[u8], error: Error) -> Error {
    let reason = match &error {
        Error::Malformed(e) => e.to_string(),
        Error::UnknownSession { field, session_id } => {
            format!("{field}: unknown session {session_id}")
        }
        Error::Evidence { field, error } => format!("{field}: {error}"),
        Error::Part { field, reason, .. } => format!("{field}: {reason}"),
        _ => "refused".to_owned(),
    };
    let at = state.app.clock().now();
    if let Err(e) = store::proctor::audit_refusal(&state.db, vendor, &reason, body, at).await {
        return Error::from(e);
    }
    error
}

/// Verified, parsed signals into the pipeline; `field_of(i)` names signal `i`'s session field.
async fn ingest(
    state: &AppState,
    vendor: &str,
    body: &[u8],
    signals: Vec<Signal>,
    field_of: impl Fn(usize) -> String,
) -> Result<Vec<Outcome>, Error> {
    let actor = Actor::Vendor {
        name: vendor.to_owned(),
    };
    match state.app.ingest(&signals, &actor).await {
        Ok(out) => Ok(out),
        Err(IngestError::UnknownSession { index, session_id }) => {
            let error = Error::UnknownSession {
                field: field_of(index),
                session_id,
            };
            Err(refuse(state, vendor, body, error).await)
        }
        Err(IngestError::App(e)) => Err(e.into()),
    }
}

/// The answer to an accepted callback: what each signal did.
fn accepted(out: &[Outcome]) -> Json<views::CallbackView> {
    Json(views::CallbackView {
        results: out.iter().map(views::OutcomeView::from).collect(),
        replayed_nonce: false,
    })
}

/// The server's clock in Unix seconds, for the replay window.
fn now_s(state: &AppState) -> i64 {
    state.app.clock().now().as_second()
}
