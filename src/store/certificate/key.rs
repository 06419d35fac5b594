//! The Ed25519 keys that sign the certificates' QR codes (docs/certificates.md, "The signing
//! key"): generated on first use and stored as PKCS#8 in `certificate_key`; a rotation
//! retires the active key, which still verifies what it signed. The private key never leaves
//! this module's callers: no `Debug` of it, no log, no answer, never in the audit chain.

use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::certificate::seal;
use crate::store::audit::{self, Event};
use crate::store::row::Cells;
use crate::store::{Db, Error, Result, WriteTx};

/// The key that signs new certificates. Its PKCS#8 bytes never leave the server: no `Debug`
/// of them, no log, no answer.
#[derive(Clone)]
pub struct SigningKey {
    pub key_id: String,
    pub pkcs8: Vec<u8>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .field("pkcs8", &"<hidden>")
            .finish()
    }
}

/// A published public key.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicKey {
    pub key_id: String,
    /// 32 bytes, base64url.
    pub public_key: String,
    /// Signs new certificates now.
    pub active: bool,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

/// The active signing key; generated (and audited) on first use.
pub async fn active_key(db: &Db, actor: &Actor, at: jiff::Timestamp) -> Result<SigningKey> {
    if let Some(key) = read_active(db).await? {
        return Ok(key);
    }
    let mut tx = db.begin_write().await?;
    match insert_key(&mut tx, actor, at).await {
        Ok(key) => {
            tx.commit().await?;
            Ok(key)
        }
        // Another node generated it meanwhile: use theirs.
        Err(Error::Database(e)) if crate::store::is_unique_violation(&e) => {
            tx.rollback().await?;
            read_active(db)
                .await?
                .ok_or_else(|| Error::NotFound("no active certificate key".into()))
        }
        Err(e) => Err(e),
    }
}

/// Retires the active key (it still verifies what it signed) and generates the next one.
pub async fn rotate_key(db: &Db, actor: &Actor, at: jiff::Timestamp) -> Result<PublicKey> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE certificate_key SET active = NULL, retired_at = $1 WHERE active = 1")
        .bind(at.as_millisecond())
        .execute(&mut **tx)
        .await?;
    let key = insert_key(&mut tx, actor, at).await?;
    tx.commit().await?;
    public_keys(db)
        .await?
        .into_iter()
        .find(|k| k.key_id == key.key_id)
        .ok_or_else(|| Error::NotFound("the new key".into()))
}

async fn read_active(db: &Db) -> Result<Option<SigningKey>> {
    let row = sqlx::query("SELECT key_id, pkcs8 FROM certificate_key WHERE active = 1")
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        let cells = Cells::new(&row, "certificate_key", "key_id")?;
        Ok(SigningKey {
            key_id: cells.key().to_owned(),
            pkcs8: cells.parse("pkcs8", |t| seal::unb64(t).ok_or("not base64url"))?,
        })
    })
    .transpose()
}

async fn insert_key(tx: &mut WriteTx, actor: &Actor, at: jiff::Timestamp) -> Result<SigningKey> {
    let pkcs8 = crate::id::ed25519_pkcs8();
    let public = seal::public_key(&pkcs8).map_err(|e| Error::Corrupt(e.to_string()))?;
    let key_id = seal::key_id(&public);
    let public_b64 = seal::b64(&public);
    sqlx::query(
        "INSERT INTO certificate_key (key_id, public_key, pkcs8, active, created_at, retired_at) \
         VALUES ($1, $2, $3, 1, $4, NULL)",
    )
    .bind(&key_id)
    .bind(&public_b64)
    .bind(seal::b64(&pkcs8))
    .bind(at.as_millisecond())
    .execute(&mut ***tx)
    .await?;
    audit::append(
        tx,
        at,
        &Event {
            actor,
            action: Action::CertificateKey,
            subject: Subject::CertificateKey(key_id.clone()),
            payload: public_b64.as_bytes(),
        },
    )
    .await?;
    Ok(SigningKey { key_id, pkcs8 })
}

/// Every key ever used, the active one first, then newest first.
pub async fn public_keys(db: &Db) -> Result<Vec<PublicKey>> {
    sqlx::query(
        "SELECT key_id, public_key, active, created_at, retired_at FROM certificate_key \
         ORDER BY COALESCE(active, 0) DESC, created_at DESC",
    )
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|row| {
        let cells = Cells::new(row, "certificate_key", "key_id")?;
        Ok(PublicKey {
            key_id: cells.key().to_owned(),
            public_key: cells.get("public_key")?,
            active: cells.get::<Option<i64>>("active")? == Some(1),
            created_at: cells.get("created_at")?,
            retired_at: cells.get("retired_at")?,
        })
    })
    .collect()
}

/// The public key `key_id` (raw bytes), if it was ever used.
pub async fn public_key(db: &Db, key_id: &str) -> Result<Option<Vec<u8>>> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT public_key FROM certificate_key WHERE key_id = $1")
            .bind(key_id)
            .fetch_optional(db.pool())
            .await?;
    text.map(|t| {
        seal::unb64(&t).ok_or_else(|| {
            Error::Corrupt(format!(
                "certificate_key.public_key of row {key_id}: not base64url"
            ))
        })
    })
    .transpose()
}
