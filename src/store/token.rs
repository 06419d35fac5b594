//! API tokens: opaque bearer tokens with one role each, stored as SHA-256 digests only, so a
//! leaked database does not leak usable tokens. The token itself is shown once, at issue.

use sqlx::Row;

use super::audit::{self, Event};
use super::{Db, Result};

/// A token's holder, as the HTTP layer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub name: String,
    pub role: String,
}

fn digest(token: &str) -> String {
    hex::encode(ring::digest::digest(
        &ring::digest::SHA256,
        token.as_bytes(),
    ))
}

/// Issues a new 256-bit token for `role` and returns it (the only time it is ever visible).
pub async fn issue(
    db: &Db,
    role: &str,
    name: &str,
    actor: &str,
    at: jiff::Timestamp,
) -> Result<String> {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 32];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .expect("the operating system's random source failed");
    let token = format!("synaq_{}", hex::encode(bytes));
    let mut tx = db.begin_write().await?;
    sqlx::query("INSERT INTO api_token (token_hash, role, name, created_at, revoked) VALUES ($1, $2, $3, $4, 0)")
        .bind(digest(&token))
        .bind(role)
        .bind(name)
        .bind(at.as_millisecond())
        .execute(&mut **tx)
        .await?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: "token.issue",
            subject: &format!("token/{name}"),
            payload: role.as_bytes(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// The holder of `token`, if it is a live token.
pub async fn authenticate(db: &Db, token: &str) -> Result<Option<Holder>> {
    let row = sqlx::query("SELECT role, name FROM api_token WHERE token_hash = $1 AND revoked = 0")
        .bind(digest(token))
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        Ok(Holder {
            role: row.try_get("role")?,
            name: row.try_get("name")?,
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
    actor: &str,
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
                action: "token.revoke",
                subject: &format!("token/{name}"),
                payload: b"logout",
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}
