//! The Safe Exam Browser check at the HTTP edge (docs/proctoring.md, "Safe Exam Browser"): a
//! layer over the whole router that, for a candidate whose campaign requires SEB, verifies
//! `X-SafeExamBrowser-ConfigKeyHash` and `X-SafeExamBrowser-RequestHash` on the exam page,
//! the candidate's exam API, the cabinet and the socket upgrade, and refuses with 403 naming
//! the key that failed. The hashing, the comparison and the URL rebuilt behind trusted
//! proxies are `synaq_proctor::seb`'s; this file only reads the request and answers.
//!
//! Who the candidate is comes from the request's own credentials (bearer or cookie), as the
//! route table's layer will read them after this one; a request without a candidate login
//! passes through untouched (the route refuses it, or it is no candidate's). Once the session
//! has ended the cabinet and the exam routes are reachable from any browser: the result is
//! shown in the cabinet (p.20) and appeals are filed there (p.21), outside the exam.

use std::net::SocketAddr;

use axum::Json;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use synaq_proctor::seb::{
    CONFIG_KEY_HEADER, REQUEST_HASH_HEADER, RequestTarget, SebError, SebHeaders, absolute_url,
    verify,
};

use super::{AppState, auth};

/// The paths the check covers: the exam page, the candidate's exam API (session, rules,
/// start, paper, proctoring status), the cabinet and the socket.
fn guarded(path: &str) -> bool {
    path == "/exam"
        || path == "/me"
        || path == "/ws/exam"
        || path == "/api/v1/me"
        || path.starts_with("/api/v1/me/")
        || (path.starts_with("/api/v1/exam/") && path != "/api/v1/exam/login")
}

/// The layer: passes what it does not cover, verifies what it does.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !guarded(request.uri().path()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    match check(&state, &parts).await {
        Ok(caller) => {
            // The route table's layer admits this caller without reading the login again.
            if let Some(caller) = caller {
                parts.extensions.insert(auth::Authenticated(caller));
            }
            next.run(Request::from_parts(parts, body)).await
        }
        Err(refusal) => refusal,
    }
}

/// The candidate's check; the caller it authenticated, if the credentials were good.
async fn check(
    state: &AppState,
    parts: &axum::http::request::Parts,
) -> Result<Option<auth::Caller>, Response> {
    let Ok(caller) = auth::authenticate(parts, state).await else {
        return Ok(None);
    };
    let Some(session_id) = caller.exam_session_id.clone() else {
        return Ok(Some(caller));
    };
    // The campaign's keys came with the login, in the same statement.
    let Some((keys, ended)) = caller.seb.as_ref() else {
        return Ok(Some(caller));
    };
    if *ended {
        return Ok(Some(caller));
    }
    let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .ok_or_else(|| {
            super::Error::Internal("the listener records no peer address".into()).into_response()
        })?;
    let path_and_query = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let target = RequestTarget {
        peer,
        scheme: "http",
        host: header(header::HOST.as_str()).or(parts.uri.authority().map(|a| a.as_str())),
        path_and_query,
        forwarded: header("forwarded"),
        x_forwarded_proto: header("x-forwarded-proto"),
        x_forwarded_host: header("x-forwarded-host"),
        websocket: parts.uri.path() == "/ws/exam",
    };
    let url = absolute_url(target, &state.config.trusted_proxies);
    let sent = SebHeaders {
        config_key_hash: header(CONFIG_KEY_HEADER),
        request_hash: header(REQUEST_HASH_HEADER),
    };
    verify(keys, &url, sent).map_err(|e| {
        tracing::info!(session = %session_id, code = e.code(), %url, "Safe Exam Browser check refused");
        refusal(e, parts.uri.path())
    })?;
    Ok(Some(caller))
}

/// A refusal's code and the pages' sentences (the exam page's script shows the same from
/// `src/web/shared/strings.js`, keyed `err.<code>`).
struct Refusal {
    code: &'static str,
    kk: &'static str,
    ru: &'static str,
}

fn refusal_of(e: SebError) -> Refusal {
    match e {
        SebError::HeadersMissing => Refusal {
            code: "seb_headers_missing",
            kk: "Бұл емтихан тек Safe Exam Browser арқылы ашылады. Емтиханды Safe Exam Browser-де ашыңыз.",
            ru: "Этот экзамен открывается только в Safe Exam Browser. Откройте экзамен в Safe Exam Browser.",
        },
        SebError::ConfigKeyMismatch => Refusal {
            code: "seb_config_key_mismatch",
            kk: "Safe Exam Browser басқа баптаулармен іске қосылған (Config Key сәйкес емес). Емтиханның баптау файлын ашыңыз.",
            ru: "Safe Exam Browser запущен с другими настройками (Config Key не совпадает). Откройте файл настроек экзамена.",
        },
        SebError::BrowserExamKeyMismatch => Refusal {
            code: "seb_browser_exam_key_mismatch",
            kk: "Safe Exam Browser-дің бұл нұсқасына рұқсат жоқ (Browser Exam Key сәйкес емес). Ұйымдастырушыға хабарласыңыз.",
            ru: "Эта версия Safe Exam Browser не допущена (Browser Exam Key не совпадает). Обратитесь к организатору.",
        },
    }
}

/// 403 naming the key: JSON for the API and the socket, a page in kk/ru/en for the pages.
fn refusal(e: SebError, path: &str) -> Response {
    let Refusal { code, kk, ru } = refusal_of(e);
    debug_assert_eq!(code, e.code());
    if path.starts_with("/api/") || path.starts_with("/ws/") {
        let body = json!({"error": {"code": code, "message": e.to_string()}});
        return (StatusCode::FORBIDDEN, Json(body)).into_response();
    }
    let html = format!(
        "<!doctype html><html lang=\"kk\"><head><meta charset=\"utf-8\"><title>Safe Exam Browser</title></head>\
         <body><main><h1>Safe Exam Browser</h1><p lang=\"kk\">{kk}</p><p lang=\"ru\">{ru}</p>\
         <p lang=\"en\">{e}</p><p><code>{code}</code></p></main></body></html>"
    );
    (
        StatusCode::FORBIDDEN,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html,
    )
        .into_response()
}
