//! Staff accounts and login sessions (staff and candidates).
//!
//! Passwords are stored as PBKDF2 hashes; session tokens and CSRF secrets are random, and
//! tokens are stored as SHA-256 digests only. A candidate's login session is tied to one exam
//! session.

use sqlx::Row;

use super::audit::{self, Event};
use super::{Constraint, Db, Error, OnConstraint, Result};
use crate::domain::secret;

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
    pub role: String,
    pub name: String,
    pub user_id: Option<String>,
    pub exam_session_id: Option<String>,
    pub csrf: String,
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
    role: &str,
    password: &str,
    actor: &str,
    at: jiff::Timestamp,
) -> Result<String> {
    let user_id = crate::id::new_id();
    let password = password.to_owned();
    let hash = kdf(move || secret::hash_password(&password)).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO staff_user (user_id, username, name, role, password_hash, created_at, disabled) \
         VALUES ($1, $2, $3, $4, $5, $6, 0)",
    )
    .bind(&user_id)
    .bind(username)
    .bind(name)
    .bind(role)
    .bind(&hash)
    .bind(at.as_millisecond())
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
            action: "user.create",
            subject: &format!("user/{username}"),
            payload: role.as_bytes(),
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
) -> Result<Option<(String, String, String)>> {
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
    Ok(Some((
        row.try_get("user_id")?,
        row.try_get("name")?,
        row.try_get("role")?,
    )))
}

/// A valid hash of an impossible password, for equal work on unknown usernames.
const DUMMY_HASH: &str = "pbkdf2-sha256$600000$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000";

/// Opens a login session.
pub async fn open_session(
    db: &Db,
    role: &str,
    name: &str,
    user_id: Option<&str>,
    exam_session_id: Option<&str>,
    at: jiff::Timestamp,
) -> Result<NewLogin> {
    let token = secret::new_token();
    let csrf = secret::new_token();
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO auth_session (token_hash, role, user_id, exam_session_id, name, csrf, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(secret::digest_hex(&token))
    .bind(role)
    .bind(user_id.map(str::to_owned))
    .bind(exam_session_id.map(str::to_owned))
    .bind(name)
    .bind(&csrf)
    .bind(at.as_millisecond())
    .bind(at.as_millisecond() + SESSION_TTL_MS)
    .execute(&mut **tx)
    .await?;
    tx.commit().await?;
    Ok(NewLogin { token, csrf })
}

/// The live login session of `token`.
pub async fn session(db: &Db, token: &str, at: jiff::Timestamp) -> Result<Option<Login>> {
    let row = sqlx::query(
        "SELECT role, name, user_id, exam_session_id, csrf FROM auth_session \
         WHERE token_hash = $1 AND expires_at > $2",
    )
    .bind(secret::digest_hex(token))
    .bind(at.as_millisecond())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Login {
            role: row.try_get("role")?,
            name: row.try_get("name")?,
            user_id: row.try_get("user_id")?,
            exam_session_id: row.try_get("exam_session_id")?,
            csrf: row.try_get("csrf")?,
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
