//! Who is calling, and whether they may. A caller authenticates with
//! - `Authorization: Bearer <token>`: a login session's token or an API token; or
//! - the `synaq_session` cookie (HttpOnly, SameSite=Strict) set at login — then every unsafe
//!   request must also carry `X-CSRF-Token` matching the session's CSRF secret.
//!
//! Which roles a route admits is stated once, in its entry of the route table
//! (`route.rs`): the table's layer authenticates ([`authenticate`]), refuses other roles and
//! hands the [`Caller`] to the handler. A handler can obtain a [`Caller`] (or a [`Candidate`])
//! only behind that layer.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{AppState, Error};
use crate::domain::audit::Actor;
use crate::domain::role::Role;
use crate::store::{account, token};
use synaq_proctor::seb::{RequestTarget, TrustedProxies, absolute_url};

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
    /// The organization (`tmc_operator`) or region slug (`leb_officer`) the caller is limited
    /// to; `None` for unscoped roles.
    pub scope: Option<String>,
    actor: Actor,
    /// A candidate's Safe Exam Browser gate, read with the login (`account::Login::seb`).
    pub seb: Option<(synaq_proctor::seb::SebKeys, bool)>,
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

/// The caller the route table's layer admitted. A route the table lists as public has none:
/// asking for one there is the server's mistake, never the caller's.
impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Caller, Error> {
        parts.extensions.get::<Caller>().cloned().ok_or_else(|| {
            Error::Internal(
                format!(
                    "{} {}: the handler reads a caller but its route is public",
                    parts.method,
                    parts.uri.path()
                )
                .into(),
            )
        })
    }
}

/// A candidate and the one exam session their login opened: every candidate route acts on
/// this session, never on one the request names.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub session_id: String,
    pub caller: Caller,
}

impl<S: Send + Sync> FromRequestParts<S> for Candidate {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Candidate, Error> {
        let caller = Caller::from_request_parts(parts, state).await?;
        caller.admit(&[Role::Candidate])?;
        let session_id = caller
            .exam_session_id
            .clone()
            .ok_or(Error::Unauthenticated)?;
        Ok(Candidate { session_id, caller })
    }
}

/// A caller an outer layer authenticated from this request's own credentials, for the route
/// table's layer to admit (or refuse) without reading the login a second time. Only server
/// code puts it into a request's extensions.
#[derive(Debug, Clone)]
pub struct Authenticated(pub Caller);

/// Who sent the request: a bearer token (a login session's or an API token), or the login
/// cookie with, on an unsafe method, the matching `X-CSRF-Token`.
pub async fn authenticate(parts: &Parts, state: &AppState) -> Result<Caller, Error> {
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
            scope: holder.scope,
            seb: None,
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
        if crate::domain::secret::digest_hex(sent) != crate::domain::secret::digest_hex(&login.csrf)
        {
            return Err(Error::Csrf);
        }
    }
    Ok(from_login(login, token))
}

fn from_login(login: account::Login, token: String) -> Caller {
    Caller {
        name: login.name,
        role: Some(login.role),
        role_name: login.role.as_str().to_owned(),
        actor: login.actor,
        exam_session_id: login.exam_session_id,
        token,
        scope: login.scope,
        seb: login.seb,
    }
}

/// The `Set-Cookie` value of a new login: HttpOnly, SameSite=Strict, the whole site.
fn login_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200{secure}")
}

/// The `Set-Cookie` value that removes the login cookie.
pub fn logout_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// Who is on the other end of a login: the address its attempts are counted by, and whether
/// it came over HTTPS (through the proxy) so the cookie must be `Secure`.
#[derive(Debug, Clone, Copy)]
pub struct Client {
    pub ip: IpAddr,
    pub https: bool,
}

impl FromRequestParts<AppState> for Client {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Client, Error> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .ok_or_else(|| Error::Internal("the listener records no peer address".into()))?;
        // The cookie is `Secure` when the page came over HTTPS, which only a trusted proxy's
        // forwarding headers can say (any client can send `X-Forwarded-Proto: https`).
        let https = own_origin(&parts.headers, peer.0.ip(), &state.config.trusted_proxies)
            .starts_with("https://");
        Ok(Client {
            ip: peer.0.ip(),
            https,
        })
    }
}

/// The origin (`scheme://host`) the client addressed: the `Host` header over plain HTTP, or
/// what a trusted proxy's `Forwarded` / `X-Forwarded-Proto` / `X-Forwarded-Host` say
/// (`synaq_proctor::seb::absolute_url`, `--trusted-proxies`); from any other peer those
/// headers are ignored.
pub(crate) fn own_origin(headers: &HeaderMap, peer: IpAddr, trusted: &TrustedProxies) -> String {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let url = absolute_url(
        RequestTarget {
            peer,
            scheme: "http",
            host: header(header::HOST.as_str()),
            path_and_query: "/",
            forwarded: header("forwarded"),
            x_forwarded_proto: header("x-forwarded-proto"),
            x_forwarded_host: header("x-forwarded-host"),
            websocket: false,
        },
        trusted,
    );
    url.strip_suffix('/').unwrap_or(&url).to_owned()
}

/// The answer to a login: its body, the login cookie and `Cache-Control: no-store` (the body
/// carries the token).
pub fn login_answer(client: Client, token: &str, body: impl Serialize) -> Response {
    let secure = client.https;
    let mut response = axum::Json(body).into_response();
    let cookie =
        HeaderValue::from_str(&login_cookie(token, secure)).expect("a token is printable ASCII");
    let headers = response.headers_mut();
    headers.insert(header::SET_COOKIE, cookie);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Cross-site WebSocket hijacking: a browser always sends `Origin` on a socket's handshake,
/// and it must be the origin the client addressed ([`own_origin`]: scheme and host, behind a
/// trusted proxy the ones it forwarded); 403 naming the origin otherwise. A client that is no
/// browser sends none and is judged by its credentials alone.
pub(crate) fn same_origin(
    headers: &HeaderMap,
    peer: IpAddr,
    trusted: &TrustedProxies,
    admits: &'static [Role],
) -> Result<(), Error> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("");
    let own = own_origin(headers, peer, trusted);
    if !origin.eq_ignore_ascii_case(&own) {
        return Err(Error::Forbidden {
            admits,
            have: format!("origin {origin}"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod origin_tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    const PROXY: &str = "10.0.0.1";
    const CLIENT: &str = "203.0.113.7";

    #[test]
    fn forwarded_https_is_believed_only_from_a_trusted_proxy() {
        let trusted = TrustedProxies::parse(PROXY).unwrap();
        let h = headers(&[
            ("host", "exam.local"),
            ("x-forwarded-proto", "https"),
            ("x-forwarded-host", "exam.gov.kz"),
        ]);
        assert_eq!(
            own_origin(&h, PROXY.parse().unwrap(), &trusted),
            "https://exam.gov.kz"
        );
        // The same headers from anyone else change nothing.
        assert_eq!(
            own_origin(&h, CLIENT.parse().unwrap(), &trusted),
            "http://exam.local"
        );
        assert_eq!(
            own_origin(&h, PROXY.parse().unwrap(), &TrustedProxies::default()),
            "http://exam.local"
        );
    }

    #[test]
    fn a_socket_origin_must_be_the_addressed_origin() {
        let trusted = TrustedProxies::parse(PROXY).unwrap();
        let proxy: IpAddr = PROXY.parse().unwrap();
        let behind = |origin: &str| {
            headers(&[
                ("host", "127.0.0.1:8080"),
                ("x-forwarded-proto", "https"),
                ("x-forwarded-host", "exam.gov.kz"),
                ("origin", origin),
            ])
        };
        assert!(same_origin(&behind("https://exam.gov.kz"), proxy, &trusted, &[]).is_ok());
        // Behind the proxy the page's origin is the public one, not the internal Host.
        assert!(same_origin(&behind("http://127.0.0.1:8080"), proxy, &trusted, &[]).is_err());
        assert!(same_origin(&behind("https://evil.example"), proxy, &trusted, &[]).is_err());
        // Plain HTTP: the scheme counts too.
        let direct = headers(&[
            ("host", "exam.local:8080"),
            ("origin", "http://exam.local:8080"),
        ]);
        let client: IpAddr = CLIENT.parse().unwrap();
        assert!(same_origin(&direct, client, &trusted, &[]).is_ok());
        let wrong_scheme = headers(&[
            ("host", "exam.local:8080"),
            ("origin", "https://exam.local:8080"),
        ]);
        assert!(same_origin(&wrong_scheme, client, &trusted, &[]).is_err());
        // A client that is no browser sends no Origin.
        assert!(same_origin(&headers(&[("host", "x")]), client, &trusted, &[]).is_ok());
    }
}
