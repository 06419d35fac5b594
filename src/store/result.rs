//! Result versions: a session's score and decision, never overwritten in place. The exam
//! writes version 1 when it ends; a later version supersedes the one before; a void annuls
//! them all (p.19). A session's current result is its newest version, unless annulled.

use serde::Serialize;
use sqlx::{Any, Row, Transaction};

use super::row::{Cells, known};
use super::{Db, Result};
use crate::domain::audit::Actor;
use crate::domain::exam::Score;
use crate::domain::rules::Decision;

/// What produced a result version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Scoring the answers when the exam ended (p.20).
    Exam,
    /// Rescoring after an appeal (p.26).
    Appeal,
    /// Rescoring after a key correction found by another candidate's appeal.
    Propagation,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Exam => "exam",
            Source::Appeal => "appeal",
            Source::Propagation => "propagation",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        [Source::Exam, Source::Appeal, Source::Propagation]
            .into_iter()
            .find(|v| v.as_str() == s)
    }
}

/// One version of a session's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultVersion {
    pub result_id: String,
    /// 1, 2, 3 ... per session.
    pub version: i64,
    pub source: Source,
    pub score: Score,
    /// The rules' decision, with the policy in force and the clauses applied.
    pub decision: Decision,
    /// The version this one replaces.
    pub supersedes: Option<String>,
    pub created_at: i64,
    /// The stored form of the [`Actor`] that made it.
    pub created_by: String,
    /// When the session was voided (p.19); an annulled version is no one's result.
    pub annulled_at: Option<i64>,
}

const COLUMNS: &str = "result_id, version, source, correct, total, percent_bp, decision, \
     supersedes, created_at, created_by, annulled_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<ResultVersion> {
    let cells = Cells::new(row, "result", "result_id")?;
    Ok(ResultVersion {
        result_id: cells.key().to_owned(),
        version: cells.get("version")?,
        source: cells.parse("source", known("source", Source::parse))?,
        score: Score {
            correct: cells.int("correct")?,
            total: cells.int("total")?,
            percent_bp: cells.int("percent_bp")?,
        },
        decision: cells.json("decision")?,
        supersedes: cells.get("supersedes")?,
        created_at: cells.get("created_at")?,
        created_by: cells.get("created_by")?,
        annulled_at: cells.get("annulled_at")?,
    })
}

/// Writes the next result version of `session_id` inside `tx`, superseding the newest one.
pub async fn insert_in(
    tx: &mut Transaction<'static, Any>,
    session_id: &str,
    source: Source,
    score: Score,
    decision: &Decision,
    actor: &Actor,
    at_ms: i64,
) -> Result<ResultVersion> {
    let newest = sqlx::query(
        "SELECT result_id, version FROM result WHERE session_id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(session_id)
    .fetch_optional(&mut **tx)
    .await?;
    let (supersedes, version) = match newest {
        Some(row) => (
            Some(row.try_get::<String, _>("result_id")?),
            row.try_get::<i64, _>("version")? + 1,
        ),
        None => (None, 1),
    };
    let result_id = crate::id::new_id();
    sqlx::query(
        "INSERT INTO result (result_id, session_id, version, source, correct, total, percent_bp, \
         decision, supersedes, created_at, created_by, annulled_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL)",
    )
    .bind(&result_id)
    .bind(session_id)
    .bind(version)
    .bind(source.as_str())
    .bind(i64::from(score.correct))
    .bind(i64::from(score.total))
    .bind(i64::from(score.percent_bp))
    .bind(serde_json::to_string(decision)?)
    .bind(supersedes.clone())
    .bind(at_ms)
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(ResultVersion {
        result_id,
        version,
        source,
        score,
        decision: decision.clone(),
        supersedes,
        created_at: at_ms,
        created_by: actor.to_string(),
        annulled_at: None,
    })
}

/// Annuls every version of the session's result inside `tx` (p.19); how many it annulled.
pub async fn annul_in(
    tx: &mut Transaction<'static, Any>,
    session_id: &str,
    at_ms: i64,
) -> Result<u64> {
    Ok(sqlx::query(
        "UPDATE result SET annulled_at = $1 WHERE session_id = $2 AND annulled_at IS NULL",
    )
    .bind(at_ms)
    .bind(session_id)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// The session's current result: its newest version, unless annulled.
pub async fn current(db: &Db, session_id: &str) -> Result<Option<ResultVersion>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM result WHERE session_id = $1 ORDER BY version DESC LIMIT 1"
    )))
    .bind(session_id)
    .fetch_optional(db.pool())
    .await?;
    let newest = row.as_ref().map(from_row).transpose()?;
    Ok(newest.filter(|r| r.annulled_at.is_none()))
}

/// Every version of the session's result, oldest first.
pub async fn history(db: &Db, session_id: &str) -> Result<Vec<ResultVersion>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM result WHERE session_id = $1 ORDER BY version"
    )))
    .bind(session_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(from_row)
    .collect()
}
