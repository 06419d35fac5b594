//! The HTTP layer's one error type and its one mapping to status codes and the JSON body
//! `{"error": {"code": "...", "message": "...", "details": [...]}}`. Internal errors are logged
//! here and never shown.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::domain::role::Role;
use crate::store;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("authentication required: send `Authorization: Bearer <token>`")]
    Unauthenticated,
    #[error("missing or wrong X-CSRF-Token header (cookie-authenticated requests must send it)")]
    Csrf,
    /// Over a per-minute limit; the answer carries `Retry-After`.
    #[error("too many attempts; wait a minute and try again")]
    RateLimited,
    /// The request conflicts with the state of what it acts on.
    #[error("{0}")]
    Conflict(String),
    /// A conflict the caller's page explains in its own words, by `code` (409).
    #[error("{message}")]
    Refused { code: &'static str, message: String },
    /// A candidate's access code whose exam is over asks for the exam again (rules, start, a
    /// voided paper): after the end the code opens only the result, the cabinet and appeals.
    #[error(
        "the exam is over (status {status}): this access code now opens only the result, the cabinet and appeals"
    )]
    ExamOver { status: crate::domain::exam::Status },
    #[error("this action is for the {} role(s); you are {have}", roles(.admits))]
    Forbidden {
        admits: &'static [Role],
        have: String,
    },
    /// A malformed request, naming the field at fault.
    #[error("{field}: {message}")]
    BadRequest { field: String, message: String },
    /// Well-formed but invalid content, with every problem found.
    #[error("{message}")]
    Unprocessable {
        code: &'static str,
        message: String,
        details: Vec<String>,
    },
    #[error("{0}")]
    NotFound(String),
    /// The route exists, but not with this method (the answer's `Allow` names its methods).
    #[error(
        "{method} {path}: this route does not take {method}; its methods are in the Allow header"
    )]
    MethodNotAllowed { method: String, path: String },
    /// A lookup by prefix matched more than one thing: the caller must say more.
    #[error("{0}")]
    Ambiguous(String),
    #[error("the request body is over the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    /// The body is not of the one content type the route reads.
    #[error("Content-Type: send {expected}")]
    UnsupportedMediaType { expected: &'static str },
    /// A failure that is the server's, not the caller's: logged, never shown.
    #[error("internal error")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The database or the live state cannot be reached now (a restart, a failover): logged,
    /// answered 503 with `Retry-After`, so that clients retry instead of giving up.
    #[error("the service is briefly unavailable; try again in a few seconds")]
    Unavailable(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// The body of every error answer, as the OpenAPI document (`openapi.rs`) states it once for
/// all routes: what [`IntoResponse`] below (and the proctoring callbacks' refusals) write.
// Read by the tests below, which parse real error bodies with it; the server only takes its
// schema.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[schema(as = Error)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// What went wrong, for programs: `bad_request`, `unauthenticated`, `forbidden`, `csrf`,
    /// `not_found`, `method_not_allowed`, `conflict`, `exam_over`, `bank_too_small`, `payload_too_large`, `unsupported_media_type`, `rate_limited`,
    /// `internal`, or a 422's own code (`invalid_bank`, `bad_code`, ...).
    pub code: String,
    /// What went wrong, for people; names the field at fault. Never internals.
    pub message: String,
    /// Every problem found (422 only).
    #[serde(default)]
    #[schema(nullable = false)]
    pub details: Option<Vec<String>>,
    /// The field at fault (a proctoring callback's refusal).
    #[serde(default)]
    #[schema(nullable = false)]
    pub field: Option<String>,
}

/// Every rate limit counts in one-minute windows: a refused client may try again after one.
const RETRY_AFTER_SECS: &str = "60";

/// A database restart or failover measured here takes 3-8 s (docs/reliability.md).
const UNAVAILABLE_RETRY_AFTER_SECS: &str = "5";

fn roles(admits: &[Role]) -> String {
    admits
        .iter()
        .map(|r| r.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    pub fn bad_request(field: impl Into<String>, message: impl Into<String>) -> Error {
        Error::BadRequest {
            field: field.into(),
            message: message.into(),
        }
    }

    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            Error::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
            Error::Forbidden { .. } => (StatusCode::FORBIDDEN, "forbidden"),
            Error::Csrf => (StatusCode::FORBIDDEN, "csrf"),
            Error::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
            Error::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
            Error::Refused { code, .. } => (StatusCode::CONFLICT, code),
            Error::ExamOver { .. } => (StatusCode::CONFLICT, "exam_over"),
            Error::BadRequest { .. } => (StatusCode::BAD_REQUEST, "bad_request"),
            Error::Unprocessable { code, .. } => (StatusCode::UNPROCESSABLE_ENTITY, code),
            Error::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            Error::MethodNotAllowed { .. } => {
                (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
            }
            Error::PayloadTooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
            Error::UnsupportedMediaType { .. } => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
            }
            Error::Ambiguous(_) => (StatusCode::BAD_REQUEST, "ambiguous"),
            Error::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            Error::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
        }
    }
}

/// Storage errors by kind: what the caller asked for is missing, ambiguous or conflicts with
/// what is stored; anything else is the server's.
impl From<store::Error> for Error {
    fn from(e: store::Error) -> Error {
        match e {
            store::Error::NotFound(m) => Error::NotFound(m),
            store::Error::Ambiguous(m) => Error::Ambiguous(m),
            store::Error::Conflict { message, .. } => Error::Conflict(message),
            store::Error::Database(e) if unreachable(&e) => {
                Error::Unavailable(Box::new(store::Error::Database(e)))
            }
            internal @ (store::Error::Corrupt(_)
            | store::Error::Database(_)
            | store::Error::Sqlite(_)
            | store::Error::Migrate(_)
            | store::Error::Directory { .. }) => Error::Internal(Box::new(internal)),
        }
    }
}

/// Whether a database error means the database cannot be reached now, rather than that it
/// refused this statement: no connection within the pool's timeout, a broken connection, or
/// PostgreSQL shutting down or starting (SQLSTATE class 08, 57P01-57P03).
fn unreachable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|c| c.starts_with("08") || matches!(&*c, "57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

impl From<crate::app::Error> for Error {
    fn from(e: crate::app::Error) -> Error {
        match e {
            crate::app::Error::Store(e) => e.into(),
            crate::app::Error::Conflict(m) => Error::Conflict(m),
            crate::app::Error::Transition(e) => Error::Conflict(e.to_string()),
            // The campaign's bank cannot fill this candidate's paper (p.16): the candidate's
            // page says so in Kazakh and Russian; the author's coverage check finds it before.
            crate::app::Error::Paper(e @ crate::domain::paper::PaperError::BadSeed { .. }) => {
                Error::Internal(Box::new(e))
            }
            crate::app::Error::Paper(e) => Error::Refused {
                code: "bank_too_small",
                message: e.to_string(),
            },
            crate::app::Error::Live(e) => Error::Unavailable(Box::new(e)),
        }
    }
}

/// The retake's refusals (p.25): a past `closes_on` is 422 naming the field; a decision that
/// grants no retake, a second grant and a voided session are 409 naming why.
impl From<crate::app::retake::Error> for Error {
    fn from(e: crate::app::retake::Error) -> Error {
        use crate::domain::appeal::retake::RetakeError;
        match e {
            crate::app::retake::Error::App(e) => e.into(),
            crate::app::retake::Error::Rule(rule @ RetakeError::ClosesOnPast { .. }) => {
                Error::Unprocessable {
                    code: "invalid",
                    message: rule.to_string(),
                    details: vec![rule.to_string()],
                }
            }
            crate::app::retake::Error::Rule(rule) => Error::Conflict(rule.to_string()),
        }
    }
}

/// The live state (rate-limit counters, the bus) failing is Redis out of reach: 503, retried.
impl From<crate::live::LiveError> for Error {
    fn from(e: crate::live::LiveError) -> Error {
        Error::Unavailable(Box::new(e))
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            Error::Internal(e) => {
                tracing::error!(error = %e, "internal error");
                "internal error".to_owned()
            }
            Error::Unavailable(e) => {
                tracing::warn!(error = %e, "unavailable: answered 503");
                self.to_string()
            }
            other => other.to_string(),
        };
        let mut body = json!({ "error": { "code": code, "message": message } });
        if let Error::Unprocessable { details, .. } = &self {
            body["error"]["details"] = json!(details);
        }
        let mut response = (status, Json(body)).into_response();
        if status == StatusCode::TOO_MANY_REQUESTS {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(RETRY_AFTER_SECS),
            );
        }
        if status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(UNAVAILABLE_RETRY_AFTER_SECS),
            );
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body(e: Error) -> ErrorBody {
        let bytes = axum::body::to_bytes(e.into_response().into_body(), usize::MAX)
            .await
            .unwrap();
        serde_json::from_slice(&bytes).expect("the body the document's Error schema states")
    }

    #[tokio::test]
    async fn every_error_body_is_the_documented_shape() {
        let b = body(Error::bad_request("lang", "not kk or ru")).await;
        assert_eq!(b.error.code, "bad_request");
        assert!(b.error.message.contains("lang"), "{}", b.error.message);
        assert!(b.error.details.is_none() && b.error.field.is_none());
        let b = body(Error::Unprocessable {
            code: "invalid_bank",
            message: "2 errors".into(),
            details: vec!["a".into(), "b".into()],
        })
        .await;
        assert_eq!(b.error.code, "invalid_bank");
        assert_eq!(b.error.details.unwrap(), vec!["a", "b"]);
        let b = body(Error::Internal("secret path /var/x".into())).await;
        assert_eq!(
            (b.error.code.as_str(), b.error.message.as_str()),
            ("internal", "internal error")
        );
    }

    #[tokio::test]
    async fn an_unreachable_database_is_503_with_retry_after_and_no_internals() {
        let e: Error = store::Error::Database(sqlx::Error::PoolTimedOut).into();
        let response = e.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[axum::http::header::RETRY_AFTER], "5");
        let e: Error = store::Error::Database(sqlx::Error::Io(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connect to 10.0.0.5:5432",
        )))
        .into();
        let b = body(e).await;
        assert_eq!(b.error.code, "unavailable");
        assert!(!b.error.message.contains("10.0.0.5"), "{}", b.error.message);
        // A statement the database refused is still the server's own failure.
        let e: Error = store::Error::Database(sqlx::Error::RowNotFound).into();
        assert_eq!(
            e.into_response().status(),
            StatusCode::INTERNAL_SERVER_ERROR
        );
        // Redis out of reach too.
        let e: Error = crate::live::LiveError("connection refused".into()).into();
        assert_eq!(e.into_response().status(), StatusCode::SERVICE_UNAVAILABLE);
    }
}
