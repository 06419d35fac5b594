//! API tokens: opaque bearer tokens with one role each, stored as SHA-256 digests only, so a
//! leaked database does not leak usable tokens. The token itself is shown once, at issue.

use super::audit::{self, Event};
use super::row::Cells;
use super::{Db, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::role::Role;
use crate::domain::secret::{self, digest_hex as digest};

/// A token's holder, as the HTTP layer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    pub role: Role,
    /// The organization or region a scoped role is limited to ([`Role::scope_kind`]).
    pub scope: Option<String>,
}

impl Holder {
    /// The holder as the audit chain names it.
    pub fn actor(&self) -> Actor {
        Actor::ApiToken {
            role: self.role,
            name: self.name.clone(),
        }
    }
}

/// Issues a new 256-bit token for `role` and returns it (the only time it is ever visible).
pub async fn issue(
    db: &Db,
    role: Role,
    name: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    issue_scoped(db, role, None, name, actor, at).await
}

/// [`issue`] for a role limited to an organization or a region (`scope`).
pub async fn issue_scoped(
    db: &Db,
    role: Role,
    scope: Option<&str>,
    name: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    let token = format!("synaq_{}", secret::new_token());
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO api_token (token_hash, role, name, created_at, revoked, scope) VALUES ($1, $2, $3, $4, 0, $5)")
        .bind(digest(&token))
        .bind(role.as_str())
        .bind(name)
        .bind(at.as_millisecond())
        .bind(scope)
        .execute(&mut **tx)
        .await?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::TokenIssue,
            subject: Subject::Token(name.to_owned()),
            payload: role.as_str().as_bytes(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The holder of `token`, if it is a live token.
pub async fn authenticate(db: &Db, token: &str) -> Result<Option<Holder>> {
    let row = sqlx::query(
        "SELECT role, name, scope FROM api_token WHERE token_hash = $1 AND revoked = 0",
    )
    .bind(digest(token))
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        // Named by the token's name: its hash is the secret's digest and stays out of logs.
        let cells = Cells::new(&row, "api_token", "name")?;
        Ok(Holder {
            role: cells.parse("role", Role::parse)?,
            name: cells.key().to_owned(),
            scope: cells.get("scope")?,
        })
    })
    .transpose()
}

/// Revokes `token` of holder `name` for good (the holder logged out); true when it was a live
/// token. The revocation is audited.
pub async fn revoke(
    db: &Db,
    token: &str,
    name: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<bool> {
    let mut tx = db.begin_write().await?;
    let done =
        sqlx::query("UPDATE api_token SET revoked = 1 WHERE token_hash = $1 AND revoked = 0")
            .bind(digest(token))
            .execute(&mut **tx)
            .await?
            .rows_affected()
            > 0;
    if done {
        audit::append(
            &mut tx,
            at,
            &Event {
                actor,
                action: Action::TokenRevoke,
                subject: Subject::Token(name.to_owned()),
                payload: b"logout",
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}
