//! Campaigns and their rosters: the administrator's side of an exam. Adding roster rows issues
//! one-time access codes (returned once, stored as digests) and creates each attestee's exam
//! session in `scheduled`.

use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use super::audit::{self, Event};
use super::row::Cells;
use super::{Constraint, Db, Error, OnConstraint, Result, WriteTx};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::bank::Lang;
use crate::domain::exam::Status;
use crate::domain::paper::Blueprint;
use crate::domain::roster::RosterRow;
use crate::domain::rules::Procedure;
use crate::domain::secret;

/// One roster entry per IIN in a campaign (migrations/0002).
const ROSTER_IIN_UNIQUE: Constraint = Constraint {
    name: "roster_entry_iin_unique",
    sqlite_columns: "roster_entry.campaign_id, roster_entry.iin",
};

/// A campaign as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Campaign {
    pub campaign_id: String,
    pub name: String,
    pub bank_version: String,
    pub procedure: Procedure,
    pub languages: Vec<Lang>,
    pub blueprint: Blueprint,
    pub opens_on: jiff::civil::Date,
    pub closes_on: jiff::civil::Date,
    /// 120 (p.18).
    pub duration_min: i64,
}

/// A code issued to one roster row: shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssuedCode {
    pub roster_id: String,
    pub session_id: String,
    pub iin: String,
    pub name: String,
    pub code: String,
}

/// Rows per multi-row INSERT (11 parameters each for roster rows).
const BATCH: usize = 400;

/// Stores a new campaign.
pub async fn create(
    db: &Db,
    campaign: &Campaign,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO campaign (campaign_id, name, bank_version_id, procedure, languages, blueprint, \
         opens_on, closes_on, duration_min, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&campaign.campaign_id)
    .bind(&campaign.name)
    .bind(&campaign.bank_version)
    .bind(campaign.procedure.slug())
    .bind(serde_json::to_string(&campaign.languages)?)
    .bind(serde_json::to_string(&campaign.blueprint)?)
    .bind(campaign.opens_on.to_string())
    .bind(campaign.closes_on.to_string())
    .bind(campaign.duration_min)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    let payload = serde_json::to_vec(campaign)?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::CampaignCreate,
            subject: Subject::Campaign(campaign.campaign_id.clone()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The campaign `campaign_id`.
pub async fn get(db: &Db, campaign_id: &str) -> Result<Campaign> {
    let row = sqlx::query(
        "SELECT campaign_id, name, bank_version_id, procedure, languages, blueprint, opens_on, closes_on, \
         duration_min FROM campaign WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| Error::NotFound(format!("campaign {campaign_id} does not exist")))?;
    let cells = Cells::new(&row, "campaign", "campaign_id")?;
    Ok(Campaign {
        campaign_id: cells.key().to_owned(),
        name: cells.get("name")?,
        bank_version: cells.get("bank_version_id")?,
        procedure: cells.parse("procedure", str::parse::<Procedure>)?,
        languages: cells.json("languages")?,
        blueprint: cells.json("blueprint")?,
        opens_on: cells.parse("opens_on", str::parse::<jiff::civil::Date>)?,
        closes_on: cells.parse("closes_on", str::parse::<jiff::civil::Date>)?,
        duration_min: cells.get("duration_min")?,
    })
}

/// Where roster rows come from, as the audit chain's `roster.add` records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RosterOrigin {
    /// The QIO's direct upload of people admitted outside synaq (the admin's roster CSV).
    QioUpload,
    /// The admitted attestees of a TMC's list (p.9, p.14), given codes by `store::attestee`.
    AdmittedAttestees,
}

/// Adds roster rows to a campaign, issuing a code and a scheduled exam session for each.
/// All rows or none: an IIN already on the campaign's roster refuses the whole upload.
pub async fn add_roster(
    db: &Db,
    campaign_id: &str,
    rows: &[RosterRow],
    origin: RosterOrigin,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Vec<IssuedCode>> {
    get(db, campaign_id).await?;
    let mut tx = db.begin_write().await?;
    let issued = insert_roster(&mut tx, db, campaign_id, rows, at).await?;
    audit_roster_add(&mut tx, campaign_id, &issued, origin, actor, at).await?;
    tx.commit().await?;
    Ok(issued)
}

/// Appends the `roster.add` of `issued` to the chain: last in its transaction.
pub(crate) async fn audit_roster_add(
    tx: &mut WriteTx,
    campaign_id: &str,
    issued: &[IssuedCode],
    origin: RosterOrigin,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let entries: Vec<(&str, &str)> = issued
        .iter()
        .map(|c| (c.roster_id.as_str(), c.iin.as_str()))
        .collect();
    let payload = serde_json::to_vec(&serde_json::json!({"origin": origin, "entries": entries}))?;
    audit::append(
        tx,
        at,
        &Event {
            actor,
            action: Action::RosterAdd,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    Ok(())
}

/// Inserts roster rows with their codes and scheduled sessions in `tx` (not audited: the
/// caller appends its `roster.add`). An IIN already on the roster refuses all of them.
pub(crate) async fn insert_roster(
    tx: &mut WriteTx,
    db: &Db,
    campaign_id: &str,
    rows: &[RosterRow],
    at: jiff::Timestamp,
) -> Result<Vec<IssuedCode>> {
    let issued: Vec<IssuedCode> = rows
        .iter()
        .map(|row| IssuedCode {
            roster_id: crate::id::new_id(),
            session_id: crate::id::new_id(),
            iin: row.iin.to_string(),
            name: row.name.clone(),
            code: secret::new_access_code(),
        })
        .collect();
    let now = at.as_millisecond();
    // Name the lines of the upload whose IIN is already on the roster (the constraint below
    // still guards a concurrent upload).
    let present: std::collections::HashSet<String> =
        sqlx::query_scalar("SELECT iin FROM roster_entry WHERE campaign_id = $1")
            .bind(campaign_id)
            .fetch_all(&mut ***tx)
            .await?
            .into_iter()
            .collect();
    let again: Vec<String> = rows
        .iter()
        .filter(|r| present.contains(&r.iin.to_string()))
        .map(|r| format!("line {} (IIN {})", r.line, r.iin))
        .collect();
    if !again.is_empty() {
        const SHOWN: usize = 20;
        let more = match again.len().saturating_sub(SHOWN) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        return Err(Error::Conflict {
            constraint: ROSTER_IIN_UNIQUE.name,
            message: format!(
                "{}{more}: already on this campaign's roster; nothing was added",
                again[..again.len().min(SHOWN)].join(", ")
            ),
        });
    }
    for (chunk_rows, chunk_codes) in rows.chunks(BATCH).zip(issued.chunks(BATCH)) {
        let sql = format!(
            "INSERT INTO roster_entry (roster_id, campaign_id, iin, name, position, organization, procedure, \
             current_category, claimed_category, code_hash, created_at, region, place_of_work, service_years, \
             education) VALUES {}",
            db.values(chunk_rows.len(), &Db::shape(15))
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql));
        for (row, code) in chunk_rows.iter().zip(chunk_codes) {
            insert = insert
                .bind(code.roster_id.clone())
                .bind(campaign_id.to_owned())
                .bind(code.iin.clone())
                .bind(row.name.clone())
                .bind(row.position.slug)
                .bind(row.organization.clone())
                .bind(row.procedure.slug())
                .bind(row.current_category.map(|c| c.slug().to_owned()))
                .bind(row.claimed_category.map(|c| c.slug().to_owned()))
                .bind(secret::digest_hex(&code.code))
                .bind(now)
                .bind(row.region.map_or("", |r| r.slug))
                .bind(row.place_of_work.clone())
                .bind(row.service_years.clone())
                .bind(row.education.clone());
        }
        insert
            .execute(&mut ***tx)
            .await
            .on_constraint(ROSTER_IIN_UNIQUE, || {
                "an IIN of this upload is already on the campaign's roster; nothing was added"
                    .into()
            })?;
        let sql = format!(
            "INSERT INTO exam_session (session_id, roster_id, campaign_id, status, extension_min, updated_at) VALUES {}",
            db.values(chunk_codes.len(), "(?, ?, ?, ?, 0, ?)")
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql));
        for code in chunk_codes {
            insert = insert
                .bind(code.session_id.clone())
                .bind(code.roster_id.clone())
                .bind(campaign_id.to_owned())
                .bind(Status::Scheduled.as_str())
                .bind(now);
        }
        insert.execute(&mut ***tx).await?;
    }
    Ok(issued)
}

/// The exam session of the access code `code` (already normalised).
pub async fn session_by_code(db: &Db, code: &str) -> Result<Option<String>> {
    let row = sqlx::query(
        "SELECT s.session_id FROM roster_entry r JOIN exam_session s ON s.roster_id = r.roster_id \
         WHERE r.code_hash = $1",
    )
    .bind(secret::digest_hex(code))
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|r| r.try_get("session_id")).transpose()?)
}

/// The distinct (position slug, claimed category) pairs of a campaign's roster, each with how
/// many roster rows have it, in slug order: the profiles its papers will be drawn for.
pub async fn roster_profiles(
    db: &Db,
    campaign_id: &str,
) -> Result<Vec<(String, Option<String>, i64)>> {
    get(db, campaign_id).await?;
    let rows = sqlx::query(
        "SELECT position, claimed_category, COUNT(*) AS n FROM roster_entry WHERE campaign_id = $1 \
         GROUP BY position, claimed_category ORDER BY position, claimed_category",
    )
    .bind(campaign_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("position")?,
                row.try_get("claimed_category")?,
                row.try_get("n")?,
            ))
        })
        .collect()
}

/// Replaces the access code of the roster row behind exam session `session_id` with a new
/// one (returned once, stored as a digest): the old code no longer opens anything, and every
/// login the old code opened for this session is closed, all in one audited transaction. The
/// session itself is untouched — its status, answers and result stay as they are.
pub async fn reissue_code(
    db: &Db,
    session_id: &str,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<IssuedCode> {
    let mut tx = db.begin_write().await?;
    let issued = reissue_in(&mut tx, session_id, reason, actor, at).await?;
    tx.commit().await?;
    Ok(issued)
}

/// [`reissue_code`] in `tx`, audited there (the event last).
pub(crate) async fn reissue_in(
    tx: &mut WriteTx,
    session_id: &str,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<IssuedCode> {
    let (issued, closed) = replace_code(tx, session_id).await?;
    let payload = serde_json::to_vec(&serde_json::json!({
        "roster_id": issued.roster_id,
        "reason": reason,
        "logins_closed": closed,
    }))?;
    audit::append(
        tx,
        at,
        &Event {
            actor,
            action: Action::CodeReissue,
            subject: Subject::Session(session_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    Ok(issued)
}

/// Replaces the access code of the roster row behind `session_id` with a new one in `tx` and
/// closes every login the old code opened: the new code and how many logins closed. Not
/// audited: the caller's event records why.
pub(crate) async fn replace_code(tx: &mut WriteTx, session_id: &str) -> Result<(IssuedCode, u64)> {
    let code = secret::new_access_code();
    let row = sqlx::query(
        "SELECT r.roster_id, r.iin, r.name FROM exam_session s \
         JOIN roster_entry r ON r.roster_id = s.roster_id WHERE s.session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(&mut ***tx)
    .await?
    .ok_or_else(|| Error::NotFound(format!("exam session {session_id} does not exist")))?;
    let cells = Cells::new(&row, "roster_entry", "roster_id")?;
    let issued = IssuedCode {
        roster_id: cells.key().to_owned(),
        session_id: session_id.to_owned(),
        iin: cells.get("iin")?,
        name: cells.get("name")?,
        code,
    };
    sqlx::query("UPDATE roster_entry SET code_hash = $1 WHERE roster_id = $2")
        .bind(secret::digest_hex(&issued.code))
        .bind(&issued.roster_id)
        .execute(&mut ***tx)
        .await?;
    let closed = sqlx::query("DELETE FROM auth_session WHERE exam_session_id = $1")
        .bind(session_id)
        .execute(&mut ***tx)
        .await?
        .rows_affected();
    Ok((issued, closed))
}
