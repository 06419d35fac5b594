//! The administrators' API (QIO operators): staff accounts, campaigns, rosters with access
//! codes, and the sessions of a running exam (extend, submit, void, inspect answers).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::candidate::{SessionView, view};
use super::{AppState, Caller, Error};
use crate::domain::bank::Lang;
use crate::domain::paper::Blueprint;
use crate::domain::role::Role;
use crate::domain::rules::Procedure;
use crate::domain::{roster, secret};
use crate::store;

const ADMIN: &[Role] = &[Role::Admin];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/admin/users", post(create_user))
        .route("/api/v1/admin/campaigns", post(create_campaign))
        .route("/api/v1/admin/campaigns/{id}/roster", post(add_roster))
        .route("/api/v1/admin/sessions/{id}", get(session))
        .route("/api/v1/admin/sessions/{id}/answers", get(answers))
        .route("/api/v1/admin/sessions/{id}/extend", post(extend))
        .route("/api/v1/admin/sessions/{id}/{action}", post(act))
}

type JsonBody<T> = Result<Json<T>, axum::extract::rejection::JsonRejection>;

fn body<T>(body: JsonBody<T>) -> Result<T, Error> {
    body.map(|Json(b)| b).map_err(Error::from)
}

#[derive(Debug, Deserialize)]
struct NewUser {
    username: String,
    password: String,
    role: String,
    name: String,
}

async fn create_user(
    State(state): State<AppState>,
    caller: Caller,
    b: JsonBody<NewUser>,
) -> Result<StatusCode, Error> {
    caller.admit(ADMIN)?;
    let user = body(b)?;
    let role = Role::parse(&user.role).map_err(|e| Error::bad_request("role", e.to_string()))?;
    if role == Role::Candidate {
        return Err(Error::bad_request(
            "role",
            "candidates log in with access codes, not accounts",
        ));
    }
    let username_ok = (3..=64).contains(&user.username.len())
        && user
            .username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if !username_ok {
        return Err(Error::bad_request(
            "username",
            "3-64 characters of a-z, 0-9, '.', '_', '-'",
        ));
    }
    secret::check_password_strength(&user.password)
        .map_err(|m| Error::bad_request("password", m))?;
    if user.name.trim().is_empty() {
        return Err(Error::bad_request("name", "must not be empty"));
    }
    let now = state.app.clock().now();
    store::account::create_user(
        &state.db,
        &user.username,
        user.name.trim(),
        role.as_str(),
        &user.password,
        &caller.actor(),
        now,
    )
    .await?;
    Ok(StatusCode::CREATED)
}

#[derive(Debug, Deserialize)]
struct NewCampaign {
    name: String,
    bank_version: String,
    procedure: String,
    languages: Vec<String>,
    opens_on: String,
    closes_on: String,
    #[serde(default)]
    blueprint: Option<Blueprint>,
}

async fn create_campaign(
    State(state): State<AppState>,
    caller: Caller,
    b: JsonBody<NewCampaign>,
) -> Result<(StatusCode, Json<serde_json::Value>), Error> {
    caller.admit(ADMIN)?;
    let c = body(b)?;
    if c.name.trim().is_empty() {
        return Err(Error::bad_request("name", "must not be empty"));
    }
    let procedure: Procedure =
        c.procedure
            .parse()
            .map_err(|e: crate::domain::rules::RuleError| {
                Error::bad_request("procedure", e.to_string())
            })?;
    let languages = c
        .languages
        .iter()
        .map(|l| {
            Lang::parse(l)
                .ok_or_else(|| Error::bad_request("languages", format!("{l:?} is not kk or ru")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    if languages.is_empty() {
        return Err(Error::bad_request(
            "languages",
            "at least one of kk, ru (CPD p.24)",
        ));
    }
    let date = |field: &str, text: &str| {
        text.parse::<jiff::civil::Date>().map_err(|e| {
            Error::bad_request(field, format!("{text:?} is not a date (YYYY-MM-DD): {e}"))
        })
    };
    let opens_on = date("opens_on", &c.opens_on)?;
    let closes_on = date("closes_on", &c.closes_on)?;
    if closes_on < opens_on {
        return Err(Error::bad_request("closes_on", "is before opens_on"));
    }
    let bank_version = store::bank::resolve(&state.db, &c.bank_version)
        .await
        .map_err(|e| Error::bad_request("bank_version", e.to_string()))?;
    let campaign = store::campaign::Campaign {
        campaign_id: crate::id::new_id(),
        name: c.name.trim().to_owned(),
        bank_version,
        procedure: procedure.slug().to_owned(),
        languages,
        blueprint: c.blueprint.unwrap_or_default(),
        opens_on,
        closes_on,
        duration_min: 120, // p.18
    };
    store::campaign::create(
        &state.db,
        &campaign,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "campaign_id": campaign.campaign_id })),
    ))
}

/// `POST /api/v1/admin/campaigns/{id}/roster` with a CSV body: every row validated (all errors
/// at once, with line and column), then one access code per row, shown only in this answer.
async fn add_roster(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    csv: String,
) -> Result<(StatusCode, Json<serde_json::Value>), Error> {
    caller.admit(ADMIN)?;
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let campaign = store::campaign::get(&state.db, &campaign_id).await?;
    roster::check_roster_allowed(campaign.opens_on, campaign.closes_on, today)
        .map_err(Error::Conflict)?;
    let rows = roster::parse(&csv, today).map_err(|errors| Error::Unprocessable {
        code: "invalid_roster",
        message: format!(
            "the roster has {} error(s); nothing was added",
            errors.len()
        ),
        details: errors.iter().map(ToString::to_string).collect(),
    })?;
    let entries = store::campaign::add_roster(
        &state.db,
        &campaign_id,
        &rows,
        &caller.actor(),
        state.app.clock().now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(json!({ "entries": entries }))))
}

/// The session `id` as it stands now, for the answer of an action on it.
async fn session_view(state: &AppState, id: &str) -> Result<Json<SessionView>, Error> {
    let row = state.app.session(id).await?;
    Ok(Json(view(&row, state.app.clock().now_ms())))
}

async fn session(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<SessionView>, Error> {
    caller.admit(ADMIN)?;
    session_view(&state, &id).await
}

async fn answers(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, Error> {
    caller.admit(ADMIN)?;
    state.app.session(&id).await?;
    let answers = state.app.answers(&id).await?;
    let journal = state.app.journal(&id).await?;
    Ok(Json(json!({ "answers": answers, "journal": journal })))
}

#[derive(Debug, Deserialize)]
struct Extend {
    minutes: i64,
    reason: String,
}

#[derive(Debug, Deserialize)]
struct Reason {
    reason: String,
}

fn reason(text: &str) -> Result<&str, Error> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 1000 {
        return Err(Error::bad_request(
            "reason",
            "1 to 1000 characters: it goes to the audit log",
        ));
    }
    Ok(text)
}

/// Extends the deadline (audited, with a reason); the open socket hears it at once.
async fn extend(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    b: JsonBody<Extend>,
) -> Result<Json<SessionView>, Error> {
    caller.admit(ADMIN)?;
    let e = body(b)?;
    if !(1..=120).contains(&e.minutes) {
        return Err(Error::bad_request("minutes", "1 to 120"));
    }
    state
        .app
        .extend(&id, e.minutes, reason(&e.reason)?, &caller.actor())
        .await?;
    session_view(&state, &id).await
}

/// What an administrator can do to a session with a reason (it goes to the audit log).
#[derive(Debug, Clone, Copy)]
enum Action {
    /// Submit on the candidate's behalf (e.g. a candidate who cannot continue).
    Submit,
    /// Void at any time, even after submission (p.19).
    Void,
}

/// `POST /api/v1/admin/sessions/{id}/submit` and `.../void`, with `{"reason"}`.
async fn act(
    State(state): State<AppState>,
    caller: Caller,
    Path((id, action)): Path<(String, String)>,
    b: JsonBody<Reason>,
) -> Result<Json<SessionView>, Error> {
    let action = match action.as_str() {
        "submit" => Action::Submit,
        "void" => Action::Void,
        other => return Err(Error::NotFound(format!("no session action {other:?}"))),
    };
    caller.admit(ADMIN)?;
    let r = body(b)?;
    let (reason, actor) = (reason(&r.reason)?, caller.actor());
    match action {
        Action::Submit => state.app.force_submit(&id, reason, &actor).await?,
        Action::Void => state.app.void(&id, reason, &actor).await?,
    }
    session_view(&state, &id).await
}
