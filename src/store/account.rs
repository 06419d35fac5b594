//! Staff accounts and login sessions (staff and candidates).
//!
//! Passwords are stored as PBKDF2 hashes; session tokens and CSRF secrets are random, and
//! tokens are stored as SHA-256 digests only. A candidate's login session is tied to one exam
//! session.

use sqlx::Row;

use super::audit::{self, Event};
use super::row::Cells;
use super::{Constraint, Db, Error, OnConstraint, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::role::Role;
use crate::domain::secret;
use synaq_proctor::seb::SebKeys;

/// One account per username (migrations/0002).
const USERNAME_UNIQUE: Constraint = Constraint {
    name: "staff_user_username_unique",
    sqlite_columns: "staff_user.username",
};

/// PBKDF2 runs at most this many at once, each on a blocking thread: a burst of staff logins
/// (or account creations) queues here and never occupies the async workers that drive the
/// exam sockets. Two is a quarter of a typical 8-core node, and keeps a 2-core node answering.
pub const PASSWORD_CHECKS_AT_ONCE: usize = 2;

static KDF: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(PASSWORD_CHECKS_AT_ONCE);

/// Runs the slow password function `work` on a blocking thread, behind [`KDF`].
async fn kdf<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let _permit = KDF
        .acquire()
        .await
        .map_err(|e| Error::Corrupt(format!("password check queue closed: {e}")))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| Error::Corrupt(format!("password task failed: {e}")))
}

/// How long a login session lives: a working day, covering the rules and the 120 minutes with
/// a wide margin.
pub const SESSION_TTL_MS: i64 = 12 * 60 * 60 * 1000;

/// Who a login session belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    pub role: Role,
    pub name: String,
    pub user_id: Option<String>,
    pub exam_session_id: Option<String>,
    pub csrf: String,
    /// The organization or region of a scoped staff role ([`Role::scope_kind`]).
    pub scope: Option<String>,
    /// Who the login acts as in the audit chain: the candidate of its exam session, or the
    /// staff member by username.
    pub actor: Actor,
    /// A candidate's Safe Exam Browser gate, read with the login: the keys of the campaign's
    /// SEB requirement and whether the session has ended ([`super::seb::gate`]);
    /// None when the campaign requires no SEB, and for every staff login.
    pub seb: Option<(SebKeys, bool)>,
}

/// A new login: the token (shown once) and its CSRF secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLogin {
    pub token: String,
    pub csrf: String,
}

/// Creates a staff user. A taken username is `Error::Conflict`-like: `NotFound` is not it, so
/// callers check [`user_exists`] first for a friendly message; the unique constraint is the
/// final word.
pub async fn create_user(
    db: &Db,
    username: &str,
    name: &str,
    role: Role,
    password: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    create_scoped_user(db, username, name, role, None, password, actor, at).await
}

/// [`create_user`] for a role limited to an organization or a region (`scope`,
/// [`Role::scope_kind`]).
#[allow(clippy::too_many_arguments)]
pub async fn create_scoped_user(
    db: &Db,
    username: &str,
    name: &str,
    role: Role,
    scope: Option<&str>,
    password: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    let user_id = crate::id::new_id();
    let password = password.to_owned();
    let hash = kdf(move || secret::hash_password(&password)).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO staff_user (user_id, username, name, role, password_hash, created_at, disabled, scope) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
    )
    .bind(&user_id)
    .bind(username)
    .bind(name)
    .bind(role.as_str())
    .bind(&hash)
    .bind(at.as_millisecond())
    .bind(scope)
    .execute(&mut **tx)
    .await
    .on_constraint(USERNAME_UNIQUE, || {
        format!("username: {username:?} is taken")
    })?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::UserCreate,
            subject: Subject::Account(username.to_owned()),
            payload: role.as_str().as_bytes(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user_id)
}

/// Checks a staff password; the user's id, name and role when it matches.
pub async fn check_password(
    db: &Db,
    username: &str,
    password: &str,
) -> Result<Option<(String, String, Role)>> {
    let row = sqlx::query("SELECT user_id, name, role, password_hash FROM staff_user WHERE username = $1 AND disabled = 0")
        .bind(username)
        .fetch_optional(db.pool())
        .await?;
    let password = password.to_owned();
    let Some(row) = row else {
        // Same work for an unknown user as for a wrong password: no timing oracle.
        kdf(move || secret::verify_password(&password, DUMMY_HASH)).await?;
        return Ok(None);
    };
    let hash: String = row.try_get("password_hash")?;
    let ok = kdf(move || secret::verify_password(&password, &hash)).await?;
    if !ok {
        return Ok(None);
    }
    let cells = Cells::new(&row, "staff_user", "user_id")?;
    Ok(Some((
        cells.key().to_owned(),
        cells.get("name")?,
        cells.parse("role", Role::parse)?,
    )))
}

/// A valid hash of an impossible password, for equal work on unknown usernames.
const DUMMY_HASH: &str = "pbkdf2-sha256$600000$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000";

/// Opens a login session.
pub async fn open_session(
    db: &Db,
    role: Role,
    name: &str,
    user_id: Option<&str>,
    exam_session_id: Option<&str>,
    at: jiff::Timestamp,
) -> Result<NewLogin> {
    let token = secret::new_token();
    let csrf = secret::new_token();
    db.execute_write(sqlx::query(
        "INSERT INTO auth_session (token_hash, role, user_id, exam_session_id, name, csrf, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(secret::digest_hex(&token))
    .bind(role.as_str())
    .bind(user_id.map(str::to_owned))
    .bind(exam_session_id.map(str::to_owned))
    .bind(name)
    .bind(&csrf)
    .bind(at.as_millisecond())
    .bind(at.as_millisecond() + SESSION_TTL_MS))
    .await?;
    Ok(NewLogin { token, csrf })
}

/// The live login session of `token`.
pub async fn session(db: &Db, token: &str, at: jiff::Timestamp) -> Result<Option<Login>> {
    let token_hash = secret::digest_hex(token);
    let row = sqlx::query(
        "SELECT a.token_hash, a.role, a.name, a.user_id, a.exam_session_id, a.csrf, u.username, u.scope, \
         s.campaign_id, s.config_key, s.browser_exam_keys, e.status AS exam_status \
         FROM auth_session a LEFT JOIN staff_user u ON u.user_id = a.user_id \
         LEFT JOIN exam_session e ON e.session_id = a.exam_session_id \
         LEFT JOIN campaign_seb s ON s.campaign_id = e.campaign_id \
         WHERE a.token_hash = $1 AND a.expires_at > $2 AND (a.user_id IS NULL OR u.disabled = 0)",
    )
    .bind(&token_hash)
    .bind(at.as_millisecond())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        // Named by the token's digest: the token itself never reaches a message.
        let cells = Cells::new(&row, "auth_session", "token_hash")?;
        let role = cells.parse("role", Role::parse)?;
        let exam_session_id: Option<String> = cells.get("exam_session_id")?;
        let username: Option<String> = cells.get("username")?;
        let actor = match (role, &exam_session_id, username) {
            (Role::Candidate, Some(session), _) => Actor::candidate(session),
            (Role::Candidate, None, _) => {
                return Err(cells.corrupt("exam_session_id", "a candidate's login has none"));
            }
            (role, _, Some(username)) => Actor::Staff { role, username },
            (_, _, None) => {
                return Err(cells.corrupt("user_id", "a staff login names no account"));
            }
        };
        // One statement for the login and the gate: every candidate request reads both.
        let seb_campaign: Option<String> = cells.get("campaign_id")?;
        let seb = seb_campaign
            .map(|_| super::seb::gate(&row, "exam_status"))
            .transpose()?;
        Ok(Login {
            role,
            name: cells.get("name")?,
            user_id: cells.get("user_id")?,
            exam_session_id,
            csrf: cells.get("csrf")?,
            scope: cells.get("scope")?,
            actor,
            seb,
        })
    })
    .transpose()
}

/// Ends a login session.
pub async fn close_session(db: &Db, token: &str) -> Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM auth_session WHERE token_hash = $1")
        .bind(secret::digest_hex(token))
        .execute(&mut **tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
