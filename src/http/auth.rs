//! Who is calling, and whether they may. A caller authenticates with
//! - `Authorization: Bearer <token>`: a login session's token or an API token; or
//! - the `synaq_session` cookie (HttpOnly, SameSite=Strict) set at login — then every unsafe
//!   request must also carry `X-CSRF-Token` matching the session's CSRF secret.
//!
//! Every handler states the roles it admits with [`Caller::admit`] as its first step.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};

use super::{AppState, Error};
use crate::domain::audit::Actor;
use crate::domain::role::Role;
use crate::store::{account, token};

/// The login cookie's name.
pub const COOKIE: &str = "synaq_session";

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub name: String,
    pub role: Option<Role>,
    role_name: String,
    /// The exam session of a candidate.
    pub exam_session_id: Option<String>,
    /// The bearer or cookie token, for logout.
    pub token: String,
    actor: Actor,
}

impl Caller {
    /// Refuses the call unless the caller holds one of `admits`.
    pub fn admit(&self, admits: &'static [Role]) -> Result<Role, Error> {
        match self.role {
            Some(role) if admits.contains(&role) => Ok(role),
            _ => Err(Error::Forbidden {
                admits,
                have: self.role_name.clone(),
            }),
        }
    }

    /// The candidate's exam session; refuses other callers.
    pub fn candidate_session(&self) -> Result<&str, Error> {
        self.admit(&[Role::Candidate])?;
        self.exam_session_id
            .as_deref()
            .ok_or(Error::Unauthenticated)
    }

    /// Who the audit chain names for what this caller does.
    pub fn actor(&self) -> Actor {
        self.actor.clone()
    }
}

/// The value of the login cookie, if sent.
pub fn cookie_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, Error> {
        let now = state.app.clock().now();
        if let Some(token) = bearer(&parts.headers) {
            if let Some(login) = account::session(&state.db, &token, now).await? {
                return Ok(from_login(login, token));
            }
            let holder = token::authenticate(&state.db, &token)
                .await?
                .ok_or(Error::Unauthenticated)?;
            return Ok(Caller {
                actor: holder.actor(),
                role: Some(holder.role),
                role_name: holder.role.as_str().to_owned(),
                name: holder.name,
                exam_session_id: None,
                token,
            });
        }
        let token = cookie_token(&parts.headers).ok_or(Error::Unauthenticated)?;
        let login = account::session(&state.db, &token, now)
            .await?
            .ok_or(Error::Unauthenticated)?;
        let safe = matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
        if !safe {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            // Compare digests: equal-length values whose comparison time says nothing of the secret.
            if crate::domain::secret::digest_hex(sent)
                != crate::domain::secret::digest_hex(&login.csrf)
            {
                return Err(Error::Csrf);
            }
        }
        Ok(from_login(login, token))
    }
}

fn from_login(login: account::Login, token: String) -> Caller {
    Caller {
        name: login.name,
        role: Some(login.role),
        role_name: login.role.as_str().to_owned(),
        actor: login.actor,
        exam_session_id: login.exam_session_id,
        token,
    }
}

/// The `Set-Cookie` value of a new login: HttpOnly, SameSite=Strict, the whole site.
pub fn login_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{secure}")
}

/// The `Set-Cookie` value that removes the login cookie.
pub fn logout_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}
