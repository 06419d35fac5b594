//! The HTTP calls the tool makes, typed after `docs/protocol.md`: the admin's setup and audit
//! calls and the candidate's login, rules and start. Every failure becomes one [`HttpError`]
//! carrying the status and the server's error `code`, so the stats can count them by kind.

use std::fmt;
use std::time::Duration;

use reqwest::{Client, RequestBuilder, StatusCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Value, json};

/// A failed HTTP call: the status (none when the request never got an answer) and the
/// server's `error.code` (or `transport` / `decode`).
#[derive(Debug, Clone)]
pub struct HttpError {
    pub step: &'static str,
    pub status: Option<u16>,
    pub code: String,
    pub message: String,
}

impl HttpError {
    /// The key the stats count this failure under, e.g. `http_login_429`.
    pub fn kind(&self) -> String {
        match self.status {
            Some(status) => format!("http_{}_{status}", self.step),
            None => format!("http_{}_{}", self.step, self.code),
        }
    }

    /// Worth trying again: rate limited, or the server was busy or unreachable.
    pub fn is_transient(&self) -> bool {
        match self.status {
            None => true,
            Some(s) => s == 429 || s == 502 || s == 503 || s == 504,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.status {
            Some(s) => write!(f, "{}: HTTP {s} {}: {}", self.step, self.code, self.message),
            None => write!(f, "{}: {}: {}", self.step, self.code, self.message),
        }
    }
}

impl std::error::Error for HttpError {}

/// An id the server may send as a string or a number; kept as its text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Id(pub String);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Id(s)),
            Value::Number(n) => Ok(Id(n.to_string())),
            other => Err(serde::de::Error::custom(format!("not an id: {other}"))),
        }
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One stored bank version (`GET /api/v1/banks`, newest first).
/// A candidate's paper: question numbers, kinds and option ids (texts are not kept).
#[derive(Debug, Deserialize)]
pub struct Paper {
    pub questions: Vec<crate::protocol::Question>,
}

#[derive(Debug, Deserialize)]
pub struct BankVersion {
    pub version: String,
}

#[derive(Debug, Deserialize)]
struct StaffLogin {
    token: String,
    role: String,
}

#[derive(Debug, Deserialize)]
struct CampaignCreated {
    campaign_id: Id,
}

/// One roster row as the server answers it: the code is shown only here.
#[derive(Debug, Clone, Deserialize)]
pub struct RosterEntry {
    pub session_id: Id,
    pub code: String,
}

#[derive(Debug, Deserialize)]
struct RosterCreated {
    entries: Vec<RosterEntry>,
}

/// The part of a login answer the tool needs.
#[derive(Debug, Deserialize)]
pub struct Login {
    pub token: String,
    pub session: SessionView,
}

/// The part of a `SessionView` the tool needs.
#[derive(Debug, Deserialize)]
pub struct SessionView {
    pub session_id: Id,
    pub status: String,
}

/// What the server stored for one session (`GET /api/v1/admin/sessions/{id}/answers`).
#[derive(Debug, Deserialize)]
pub struct StoredAnswers {
    pub answers: Vec<StoredAnswer>,
    pub journal: Vec<JournalEntry>,
}

/// The current answer to one question.
#[derive(Debug, Deserialize)]
pub struct StoredAnswer {
    pub q: u32,
    pub choice: Vec<String>,
    pub seq: u64,
}

/// One message of the session's journal (answers, flags, submit): only its seq matters here.
#[derive(Debug, Deserialize)]
pub struct JournalEntry {
    pub seq: u64,
}

/// The campaign the setup creates.
pub struct NewCampaign<'a> {
    pub name: &'a str,
    pub bank_version: &'a str,
    pub opens_on: &'a str,
    pub closes_on: &'a str,
}

/// A client for one server; cheap to clone (one connection pool).
#[derive(Clone)]
pub struct Api {
    http: Client,
    base: String,
}

impl Api {
    /// A client for `base` (`http://host:port`, no trailing path).
    pub fn new(base: &str) -> anyhow::Result<Api> {
        let http = Client::builder()
            .timeout(Duration::from_secs(60))
            .connect_timeout(Duration::from_secs(10))
            .pool_max_idle_per_host(256)
            .build()?;
        Ok(Api {
            http,
            base: base.trim_end_matches('/').to_owned(),
        })
    }

    /// A staff member's bearer token from username and password; refused unless an admin.
    pub async fn staff_login(&self, username: &str, password: &str) -> Result<String, HttpError> {
        let req = self
            .http
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "username": username, "password": password }));
        let login: StaffLogin = send("staff_login", req).await?;
        if login.role != "admin" {
            return Err(HttpError {
                step: "staff_login",
                status: None,
                code: "not_admin".into(),
                message: format!("{username} is {}, not admin", login.role),
            });
        }
        Ok(login.token)
    }

    pub async fn banks(&self, admin: &str) -> Result<Vec<BankVersion>, HttpError> {
        let req = self.http.get(self.url("/api/v1/banks")).bearer_auth(admin);
        send("banks", req).await
    }

    pub async fn create_campaign(&self, admin: &str, c: &NewCampaign<'_>) -> Result<Id, HttpError> {
        let body = json!({
            "name": c.name,
            "bank_version": c.bank_version,
            "procedure": "periodic",
            "languages": ["kk", "ru"],
            "opens_on": c.opens_on,
            "closes_on": c.closes_on,
        });
        let req = self
            .http
            .post(self.url("/api/v1/admin/campaigns"))
            .bearer_auth(admin)
            .json(&body);
        let created: CampaignCreated = send("campaign", req).await?;
        Ok(created.campaign_id)
    }

    pub async fn roster(
        &self,
        admin: &str,
        campaign: &Id,
        csv: String,
    ) -> Result<Vec<RosterEntry>, HttpError> {
        let req = self
            .http
            .post(self.url(&format!("/api/v1/admin/campaigns/{campaign}/roster")))
            .bearer_auth(admin)
            .header(reqwest::header::CONTENT_TYPE, "text/csv")
            .timeout(Duration::from_secs(300))
            .body(csv);
        let created: RosterCreated = send("roster", req).await?;
        Ok(created.entries)
    }

    pub async fn login(&self, code: &str) -> Result<Login, HttpError> {
        let req = self
            .http
            .post(self.url("/api/v1/exam/login"))
            .json(&json!({ "code": code }));
        send("login", req).await
    }

    pub async fn rules(&self, token: &str, lang: &str) -> Result<SessionView, HttpError> {
        let req = self
            .http
            .post(self.url("/api/v1/exam/rules"))
            .bearer_auth(token)
            .json(&json!({ "lang": lang }));
        send("rules", req).await
    }

    pub async fn start(&self, token: &str) -> Result<SessionView, HttpError> {
        let req = self
            .http
            .post(self.url("/api/v1/exam/start"))
            .bearer_auth(token)
            .json(&json!({}));
        send("start", req).await
    }

    /// The candidate's paper (`GET /api/v1/exam/paper`): the socket's `state` carries none.
    pub async fn paper(&self, token: &str) -> Result<Paper, HttpError> {
        let req = self
            .http
            .get(self.url("/api/v1/exam/paper"))
            .bearer_auth(token);
        send("paper", req).await
    }

    pub async fn answers(&self, admin: &str, session: &Id) -> Result<StoredAnswers, HttpError> {
        let req = self
            .http
            .get(self.url(&format!("/api/v1/admin/sessions/{session}/answers")))
            .bearer_auth(admin);
        send("audit", req).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

/// Sends `req` and decodes a 2xx JSON answer; anything else becomes an [`HttpError`].
async fn send<T: DeserializeOwned>(
    step: &'static str,
    req: RequestBuilder,
) -> Result<T, HttpError> {
    let failure = |status: Option<StatusCode>, code: &str, message: String| HttpError {
        step,
        status: status.map(|s| s.as_u16()),
        code: code.to_owned(),
        message,
    };
    let response = req
        .send()
        .await
        .map_err(|e| failure(None, "transport", e.to_string()))?;
    let status = response.status();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| failure(Some(status), "transport", e.to_string()))?;
    if !status.is_success() {
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        let code = body["error"]["code"].as_str().unwrap_or("unknown");
        let message = body["error"]["message"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| String::from_utf8_lossy(&bytes).chars().take(200).collect());
        return Err(failure(Some(status), code, message));
    }
    serde_json::from_slice(&bytes).map_err(|e| failure(Some(status), "decode", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_as_strings_or_numbers() {
        let a: Id = serde_json::from_str("\"s-1\"").unwrap();
        let b: Id = serde_json::from_str("42").unwrap();
        assert_eq!((a.0.as_str(), b.0.as_str()), ("s-1", "42"));
        assert!(serde_json::from_str::<Id>("null").is_err());
    }

    #[test]
    fn rate_limited_login_is_transient_but_a_bad_code_is_not() {
        let e = |status| HttpError {
            step: "login",
            status: Some(status),
            code: String::new(),
            message: String::new(),
        };
        assert!(e(429).is_transient());
        assert!(!e(401).is_transient());
        assert_eq!(e(429).kind(), "http_login_429");
    }
}
