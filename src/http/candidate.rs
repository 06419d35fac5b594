//! The candidate's routes: log in with the one-time access code, choose the language and read
//! the rules (p.18), start, the exam socket, and the personal cabinet (p.12, p.20).

use std::net::SocketAddr;
use std::time::Duration;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::auth::{Caller, cookie_token, login_cookie};
use super::{AppState, Error};
use crate::domain::bank::Lang;
use crate::domain::role::Role;
use crate::domain::secret;
use crate::live::protocol::MAX_TRANSPORT_MESSAGE;
use crate::store::{self, exam::SessionRow};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/exam/login", post(login))
        .route("/api/v1/exam/session", get(session))
        .route("/api/v1/exam/rules", post(rules))
        .route("/api/v1/exam/start", post(start))
        .route("/api/v1/exam/paper", get(paper))
        .route("/api/v1/me", get(me))
        .route("/ws/exam", get(socket))
}

/// The session as the candidate's page sees it (docs/protocol.md, `SessionView`).
#[derive(Debug, Serialize)]
pub struct SessionView {
    session_id: String,
    status: String,
    end_reason: Option<String>,
    lang: Option<String>,
    languages: Vec<Lang>,
    campaign: serde_json::Value,
    candidate: serde_json::Value,
    server_time: i64,
    started_at: Option<i64>,
    deadline: Option<i64>,
    duration_min: i64,
    extension_min: i64,
    result: Option<crate::live::protocol::ResultView>,
}

pub fn view(row: &SessionRow, now_ms: i64) -> SessionView {
    SessionView {
        session_id: row.session_id.clone(),
        status: row.status.as_str().to_owned(),
        end_reason: row.end_reason.map(|r| r.as_str().to_owned()),
        lang: row.lang.map(|l| l.as_str().to_owned()),
        languages: row.languages.clone(),
        campaign: json!({ "campaign_id": row.campaign_id, "name": row.campaign_name, "procedure": row.candidate.procedure }),
        candidate: json!({
            "name": row.candidate.name,
            "position": row.candidate.position,
            "position_name": crate::domain::rules::Position::by_slug(&row.candidate.position)
                .map(|p| json!({ "ru": p.qualified_name_ru(), "kk": p.qualified_name_kk() })),
            "organization": row.candidate.organization,
        }),
        server_time: now_ms,
        started_at: row.started_at,
        deadline: row.deadline,
        duration_min: row.duration_min,
        extension_min: row.extension_min,
        result: crate::live::session::result_view(row),
    }
}

#[derive(Debug, Deserialize)]
struct LoginBody {
    code: String,
}

/// Failed code guesses per client address per minute before that address is slowed down.
/// High on purpose: an exam hall of several hundred candidates shares one address, and a
/// valid code is looked up first and never refused or delayed, whatever the count
/// (docs/limits.md explains why a low ceiling would lock a hall out and buys nothing against
/// 80-bit codes).
pub const FAILED_CODES_PER_ADDRESS: u64 = 600;

/// How long a wrong guess over [`FAILED_CODES_PER_ADDRESS`] waits before its 429.
pub const SLOWDOWN: Duration = Duration::from_secs(1);

/// `POST /api/v1/exam/login {"code"}`: the one-time access code opens the candidate's session.
async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Json<LoginBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, Error> {
    let Json(body) = body?;
    // The code is checked first (one indexed digest lookup): a valid code always opens.
    let session_id = match secret::normalize_access_code(&body.code) {
        Some(code) => store::campaign::session_by_code(&state.db, &code).await?,
        None => None,
    };
    let Some(session_id) = session_id else {
        let fail_key = format!("login-fail:{}", peer.ip());
        let window = Duration::from_secs(60);
        if !state
            .app
            .live()
            .hit(&fail_key, window, FAILED_CODES_PER_ADDRESS)
            .await
            .map_err(live)?
        {
            tokio::time::sleep(SLOWDOWN).await;
            return Err(Error::RateLimited);
        }
        return Err(Error::Unprocessable {
            code: "bad_code",
            message: "code: this access code is not valid (check it and try again)".into(),
            details: vec![],
        });
    };
    let row = state.app.session(&session_id).await?;
    let now = state.app.clock().now();
    let login = store::account::open_session(
        &state.db,
        Role::Candidate.as_str(),
        &row.candidate.name,
        None,
        Some(&session_id),
        now,
    )
    .await?;
    let secure = headers
        .get("x-forwarded-proto")
        .is_some_and(|v| v == "https");
    let body = json!({ "token": login.token, "csrf": login.csrf, "session": view(&row, now.as_millisecond()) });
    Ok((
        [
            (header::SET_COOKIE, login_cookie(&login.token, secure)),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Json(body),
    )
        .into_response())
}

fn live(e: crate::live::LiveError) -> Error {
    Error::from(crate::app::Error::Live(e))
}

async fn session(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<SessionView>, Error> {
    let session_id = caller.candidate_session()?;
    let row = state.app.session(session_id).await?;
    Ok(Json(view(&row, state.app.clock().now_ms())))
}

#[derive(Debug, Deserialize)]
struct RulesBody {
    lang: String,
}

/// `POST /api/v1/exam/rules {"lang"}`: the language of the exam; the rules are read untimed.
async fn rules(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<RulesBody>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<SessionView>, Error> {
    let session_id = caller.candidate_session()?;
    let Json(body) = body?;
    let lang = Lang::parse(&body.lang)
        .ok_or_else(|| Error::bad_request("lang", format!("{:?} is not kk or ru", body.lang)))?;
    let row = state
        .app
        .choose_lang(session_id, lang, &caller.actor())
        .await?;
    Ok(Json(view(&row, state.app.clock().now_ms())))
}

/// `POST /api/v1/exam/start`: the 120 minutes begin (p.18).
async fn start(State(state): State<AppState>, caller: Caller) -> Result<Json<SessionView>, Error> {
    let session_id = caller.candidate_session()?;
    let row = state.app.start_exam(session_id, &caller.actor()).await?;
    Ok(Json(view(&row, state.app.clock().now_ms())))
}

/// `GET /api/v1/exam/paper`: the candidate's paper in the chosen language — question texts
/// and options in paper order, never the keys — for a session that has started.
async fn paper(State(state): State<AppState>, caller: Caller) -> Result<Response, Error> {
    let session_id = caller.candidate_session()?;
    let row = state.app.session(session_id).await?;
    if row.status == crate::domain::exam::Status::Voided || row.paper_id.is_none() {
        return Err(Error::Conflict(format!(
            "there is no paper to show: the exam is {}",
            row.status
        )));
    }
    let (paper, bank, _) = state.app.paper(&row).await?;
    let rendered = paper.render(&bank);
    let body =
        json!({ "session_id": session_id, "lang": rendered.lang, "questions": rendered.questions });
    Ok(([(header::CACHE_CONTROL, "private, no-store")], Json(body)).into_response())
}

/// `GET /api/v1/me`: the personal cabinet — term, access and status of the attestation
/// (p.12), and the result (p.20).
async fn me(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<serde_json::Value>, Error> {
    let session_id = caller.candidate_session()?;
    let row = state.app.session(session_id).await?;
    let campaign = store::campaign::get(&state.db, &row.campaign_id).await?;
    let now = state.app.clock().now_ms();
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let term = crate::domain::roster::Term::on(campaign.opens_on, campaign.closes_on, today);
    let access = match (row.status.as_str(), term) {
        ("scheduled" | "rules", crate::domain::roster::Term::Open) => "open",
        ("scheduled" | "rules", crate::domain::roster::Term::NotYetOpen) => "not_yet_open",
        ("scheduled" | "rules", crate::domain::roster::Term::Over) => "expired",
        ("in_progress", _) => "in_progress",
        _ => "closed",
    };
    Ok(Json(json!({
        "candidate": view(&row, now).candidate,
        "term": { "opens_on": campaign.opens_on, "closes_on": campaign.closes_on, "duration_min": row.duration_min },
        "access": access,
        "status": row.status.as_str(),
        "end_reason": row.end_reason.map(|r| r.as_str()),
        "procedure": row.candidate.procedure,
        "campaign": row.campaign_name,
        "result": crate::live::session::result_view(&row),
        "server_time": now,
    })))
}

/// `GET /ws/exam`: the exam socket (docs/protocol.md). Small buffers and a 64 KiB transport
/// limit (the protocol's own is 4 KiB, refused with `too_large`): a candidate sends short
/// answers, and ten thousand sockets must fit in memory.
async fn socket(
    State(state): State<AppState>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Result<Response, Error> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
        .or_else(|| cookie_token(&headers))
        .ok_or(Error::Unauthenticated)?;
    // Cross-site WebSocket hijacking: a browser always sends Origin; it must be this host.
    if let (Some(origin), Some(host)) = (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        let origin = origin.to_str().unwrap_or("");
        let host = host.to_str().unwrap_or("");
        let same = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(host);
        if !same {
            return Err(Error::Forbidden {
                admits: &[Role::Candidate],
                have: format!("origin {origin}"),
            });
        }
    }
    let login = store::account::session(&state.db, &token, state.app.clock().now())
        .await?
        .filter(|l| l.role == Role::Candidate.as_str())
        .ok_or(Error::Unauthenticated)?;
    let session_id = login.exam_session_id.ok_or(Error::Unauthenticated)?;
    let exams = state.app.clone();
    let Some(admission) = exams.gate().admit() else {
        return Ok(socket_refused(exams.gate()));
    };
    Ok(ws
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0)
        .max_message_size(MAX_TRANSPORT_MESSAGE)
        .max_frame_size(MAX_TRANSPORT_MESSAGE)
        .on_upgrade(move |socket| crate::live::session::run(socket, exams, session_id, admission))
        .into_response())
}

/// 503 for a socket this node cannot take (docs/limits.md): it holds its bound of sockets, or
/// it is shutting down. The page retries with backoff, reaching another node or this one later.
fn socket_refused(gate: &crate::live::session::Gate) -> Response {
    let message = if gate.is_shut() {
        "this server is shutting down; reconnect in a few seconds".to_owned()
    } else {
        format!(
            "this server holds its limit of {} exam sockets; reconnect in a few seconds",
            gate.limit()
        )
    };
    (
        axum::http::StatusCode::SERVICE_UNAVAILABLE,
        [(header::RETRY_AFTER, "5")],
        Json(json!({"error": {"code": "too_many_sockets", "message": message}})),
    )
        .into_response()
}
