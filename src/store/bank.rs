//! Bank versions: immutable, content-addressed snapshots of a question bank.
//!
//! A version's id is the SHA-256 of its canonical content ([`version_id`]), so importing the
//! same questions twice — from the CLI or over HTTP, from JSON or from GIFT — is a no-op that
//! answers with the same id. A version names its parent (the previous version of the same
//! bank name) and the questions it retired, i.e. those of the parent it no longer holds.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use super::audit::{self, Event};
use super::row::Cells;
use super::{Db, Error, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::bank::{Bank, Question, Section};

/// Rows per multi-row INSERT: below every engine's bound-parameter limit (5 columns each).
const INSERT_BATCH: usize = 500;

/// The content address of a bank: hex SHA-256 of its canonical JSON, prefixed with the format
/// name so a future format cannot collide with this one.
pub fn version_id(bank: &Bank) -> String {
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    ctx.update(b"synaq-bank/1\n");
    ctx.update(&serde_json::to_vec(bank).expect("a bank always serialises"));
    hex::encode(ctx.finish())
}

/// Questions per section, and per profile tag and section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub legal: u64,
    pub functional: u64,
    /// tag -> { "legal": n, "functional": n }
    #[schema(value_type = std::collections::BTreeMap<String, std::collections::BTreeMap<String, u64>>)]
    pub by_profile: BTreeMap<String, BTreeMap<&'static str, u64>>,
}

impl Counts {
    pub fn of(bank: &Bank) -> Counts {
        let mut counts = Counts::default();
        for q in &bank.questions {
            match q.section {
                Section::Legal => counts.legal += 1,
                Section::Functional => counts.functional += 1,
            }
            for tag in &q.profile {
                *counts
                    .by_profile
                    .entry(tag.clone())
                    .or_default()
                    .entry(q.section.as_str())
                    .or_default() += 1;
            }
        }
        counts
    }
}

/// The answer to an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportOutcome {
    pub version: String,
    pub bank_name: String,
    /// False when this exact content was already stored: nothing was written.
    pub created: bool,
    pub parent: Option<String>,
    pub questions: u64,
    pub counts: Counts,
    /// Question ids of the parent version that this version no longer holds.
    pub retired: Vec<String>,
    /// What the import did for the author (derived ids, languages read from the letters),
    /// as `file:line:col: note: ...` lines; filled by the caller that parsed the files, and
    /// absent when there are none (the audit entry of an import never carries them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// A stored version, as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct VersionInfo {
    pub version: String,
    pub bank_name: String,
    pub parent: Option<String>,
    pub questions: i64,
    pub legal: i64,
    pub functional: i64,
    pub retired: Vec<String>,
    pub created_at_ms: i64,
    pub created_by: String,
}

/// Stores `bank` as a version of `bank_name` unless its content is already stored. `progress`
/// is told how many questions are written so far (for a progress bar on large imports).
pub async fn import(
    db: &Db,
    bank: &Bank,
    bank_name: &str,
    actor: &Actor,
    at: jiff::Timestamp,
    mut progress: impl FnMut(u64),
) -> Result<ImportOutcome> {
    let version = version_id(bank);
    let counts = Counts::of(bank);
    if let Some(existing) = info(db, &version).await? {
        return Ok(ImportOutcome {
            version,
            bank_name: existing.bank_name,
            created: false,
            parent: existing.parent,
            questions: bank.questions.len() as u64,
            counts,
            retired: existing.retired,
            notes: Vec::new(),
        });
    }
    let mut tx = db.begin_write().await?;
    let parent: Option<String> = sqlx::query(
        "SELECT bank_version_id FROM bank_version WHERE bank_name = $1 \
         ORDER BY created_at DESC, bank_version_id DESC LIMIT 1",
    )
    .bind(bank_name)
    .fetch_optional(&mut **tx)
    .await?
    .map(|row| row.try_get("bank_version_id"))
    .transpose()?;
    let retired: Vec<String> = match &parent {
        None => Vec::new(),
        Some(parent) => {
            let now: BTreeSet<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
            sqlx::query(
                "SELECT question_id FROM question WHERE bank_version_id = $1 ORDER BY question_id",
            )
            .bind(parent)
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|row| row.try_get::<String, _>("question_id"))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|id| !now.contains(id.as_str()))
            .collect()
        }
    };
    let inserted = sqlx::query(
        "INSERT INTO bank_version (bank_version_id, bank_name, parent_id, question_count, \
         legal_count, functional_count, retired, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&version)
    .bind(bank_name)
    .bind(parent.clone())
    .bind(bank.questions.len() as i64)
    .bind(counts.legal as i64)
    .bind(counts.functional as i64)
    .bind(serde_json::to_string(&retired)?)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await;
    if let Err(e) = inserted {
        // Another writer stored the same content first: that is the no-op answer.
        if super::is_unique_violation(&e) {
            drop(tx);
            return Box::pin(import(db, bank, bank_name, actor, at, progress)).await;
        }
        return Err(e.into());
    }
    let mut written = 0u64;
    for chunk in bank.questions.chunks(INSERT_BATCH) {
        let bodies: Vec<String> = chunk
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()?;
        // Placeholders by engine (`Db::values`): sqlx's QueryBuilder emits `?` under the Any
        // driver, which PostgreSQL refuses, and `$n` is slow on SQLite.
        let sql = format!(
            "INSERT INTO question (bank_version_id, question_id, section, topic, body) VALUES {}",
            db.values(chunk.len(), &Db::shape(5))
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql));
        for (q, body) in chunk.iter().zip(bodies) {
            insert = insert
                .bind(version.clone())
                .bind(q.id.clone())
                .bind(q.section.as_str())
                .bind(q.topic.clone())
                .bind(body);
        }
        insert.execute(&mut **tx).await?;
        written += chunk.len() as u64;
        progress(written);
    }
    let outcome = ImportOutcome {
        version: version.clone(),
        bank_name: bank_name.to_owned(),
        created: true,
        parent,
        questions: bank.questions.len() as u64,
        counts,
        retired,
        notes: Vec::new(),
    };
    let payload = serde_json::to_vec(&outcome)?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::BankImport,
            subject: Subject::Bank(version.clone()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// The stored version `version`, if any.
pub async fn info(db: &Db, version: &str) -> Result<Option<VersionInfo>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "{SELECT_VERSION} WHERE bank_version_id = $1"
    )))
    .bind(version)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(version_from_row).transpose()
}

/// Every stored version, newest first.
pub async fn list(db: &Db) -> Result<Vec<VersionInfo>> {
    sqlx::query(AssertSqlSafe(format!(
        "{SELECT_VERSION} ORDER BY created_at DESC, bank_version_id"
    )))
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(version_from_row)
    .collect()
}

/// The full id of the version whose id starts with `prefix` (at least 4 hex digits).
pub async fn resolve(db: &Db, prefix: &str) -> Result<String> {
    let prefix = prefix.trim().to_ascii_lowercase();
    if prefix.len() < 4 || prefix.len() > 64 || !prefix.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::NotFound(format!(
            "bank version {prefix:?}: give at least 4 hexadecimal digits of a version id"
        )));
    }
    let rows = sqlx::query(
        "SELECT bank_version_id FROM bank_version WHERE bank_version_id LIKE $1 ORDER BY bank_version_id LIMIT 2",
    )
    .bind(format!("{prefix}%"))
    .fetch_all(db.pool())
    .await?;
    match rows.as_slice() {
        [] => Err(Error::NotFound(format!(
            "no bank version starts with {prefix}"
        ))),
        [one] => Ok(one.try_get("bank_version_id")?),
        _ => Err(Error::Ambiguous(format!(
            "more than one bank version starts with {prefix}: give more digits"
        ))),
    }
}

/// The questions of `version`, sorted by id.
pub async fn load(db: &Db, version: &str) -> Result<Bank> {
    if info(db, version).await?.is_none() {
        return Err(Error::NotFound(format!(
            "bank version {version} does not exist"
        )));
    }
    let rows = sqlx::query(
        "SELECT question_id, body FROM question WHERE bank_version_id = $1 ORDER BY question_id",
    )
    .bind(version)
    .fetch_all(db.pool())
    .await?;
    let questions = rows
        .iter()
        .map(|row| {
            let question: String = row.try_get("question_id")?;
            Cells::keyed(row, "question", format!("{version}/{question}")).json::<Question>("body")
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Bank { questions })
}

/// The newest version of any bank, if one is stored.
pub async fn latest(db: &Db) -> Result<Option<VersionInfo>> {
    Ok(list(db).await?.into_iter().next())
}

const SELECT_VERSION: &str = "SELECT bank_version_id, bank_name, parent_id, question_count, legal_count, \
     functional_count, retired, created_at, created_by FROM bank_version";

/// `bank_version_id`, `bank_name`, `parent_id` and the three counts.
type Plain = (String, String, Option<String>, i64, i64, i64);

fn version_from_row(row: &sqlx::any::AnyRow) -> Result<VersionInfo> {
    // The plain columns by position, in `SELECT_VERSION`'s order; the JSON one by name.
    let (version, bank_name, parent, questions, legal, functional): Plain =
        sqlx::FromRow::from_row(row)?;
    let retired = Cells::new(row, "bank_version", "bank_version_id")?.json("retired")?;
    let (created_at_ms, created_by) = (row.try_get("created_at")?, row.try_get("created_by")?);
    Ok(VersionInfo {
        version,
        bank_name,
        parent,
        questions,
        legal,
        functional,
        retired,
        created_at_ms,
        created_by,
    })
}
