//! Stored papers: the seed and everything else that regenerates a candidate's paper (p.16),
//! with the drawn items kept beside them so the paper can be shown without the bank's help and
//! checked against a regeneration.

use std::collections::BTreeSet;

use serde::Serialize;

use super::audit::{self, Event};
use super::row::{Cells, known};
use super::{Db, Error, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::bank::Lang;
use crate::domain::paper::{Blueprint, Paper, PaperItem, Profile, Seed};

/// A paper as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredPaper {
    pub paper_id: String,
    pub bank_version: String,
    pub profile: Profile,
    pub blueprint: Blueprint,
    pub exclusions: BTreeSet<String>,
    pub paper: Paper,
    pub created_at_ms: i64,
}

/// A paper to store, with everything that regenerates it.
#[derive(Debug, Clone, Copy)]
pub struct NewPaper<'a> {
    pub bank_version: &'a str,
    pub profile: &'a Profile,
    pub blueprint: &'a Blueprint,
    pub exclusions: &'a BTreeSet<String>,
    pub paper: &'a Paper,
}

/// Stores a drawn paper and audits it; returns its new id.
pub async fn insert(
    db: &Db,
    new: NewPaper<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    let mut tx = db.begin_write().await?;
    let paper_id = insert_in(&mut tx, new, actor, at).await?;
    tx.commit().await?;
    Ok(paper_id)
}

/// Stores a drawn paper inside the caller's transaction.
pub async fn insert_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    new: NewPaper<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    let NewPaper {
        bank_version,
        profile,
        blueprint,
        exclusions,
        paper,
    } = new;
    let paper_id = crate::id::new_id();
    let items = serde_json::to_string(&paper.items)?;
    sqlx::query(
        "INSERT INTO paper (paper_id, bank_version_id, seed, lang, profile, blueprint, exclusions, items, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&paper_id)
    .bind(bank_version)
    .bind(paper.seed.to_hex())
    .bind(paper.lang.as_str())
    .bind(serde_json::to_string(profile)?)
    .bind(serde_json::to_string(blueprint)?)
    .bind(serde_json::to_string(exclusions)?)
    .bind(&items)
    .bind(at.as_millisecond())
    .execute(&mut **tx)
    .await?;
    audit::append(
        tx,
        at,
        &Event {
            actor,
            action: Action::PaperDraw,
            subject: Subject::Paper(paper_id.clone()),
            payload: items.as_bytes(),
        },
    )
    .await?;
    Ok(paper_id)
}

/// The stored paper `paper_id`.
pub async fn get(db: &Db, paper_id: &str) -> Result<StoredPaper> {
    let row = sqlx::query(
        "SELECT paper_id, bank_version_id, seed, lang, profile, blueprint, exclusions, items, created_at \
         FROM paper WHERE paper_id = $1",
    )
    .bind(paper_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| Error::NotFound(format!("paper {paper_id} does not exist")))?;
    let cells = Cells::new(&row, "paper", "paper_id")?;
    Ok(StoredPaper {
        paper_id: cells.key().to_owned(),
        bank_version: cells.get("bank_version_id")?,
        profile: cells.json("profile")?,
        blueprint: cells.json("blueprint")?,
        exclusions: cells.json("exclusions")?,
        paper: Paper {
            lang: cells.parse("lang", known("language", Lang::parse))?,
            seed: cells.parse("seed", Seed::parse)?,
            items: cells.json::<Vec<PaperItem>>("items")?,
        },
        created_at_ms: cells.get("created_at")?,
    })
}
