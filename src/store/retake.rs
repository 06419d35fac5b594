//! Retakes as stored (migration 0010): the retake campaign of an original campaign, and one
//! retake per appeal — the copied roster entry with its new code (only the digest is kept) and
//! a scheduled session. Granting is one transaction with the notice to the candidate's cabinet
//! and the audit entry. Whether a decision grants a retake, and until when, is
//! `domain::appeal::retake`'s; here only the writes and the conditions that make a race lose
//! cleanly (a second grant, a void meanwhile).

use serde::Serialize;
use sqlx::Row;

use super::appeal::{audit_in, insert_notice_in};
use super::campaign::Campaign;
use super::exam::lock_statuses;
use super::row::{Cells, known};
use super::{Constraint, Db, Error, OnConstraint, Result, WriteTx};
use crate::domain::appeal::retake;
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::exam::Status;
use crate::domain::secret;

/// One retake per appeal (the table's key).
const RETAKE_PK: Constraint = Constraint {
    name: "retake_pk",
    sqlite_columns: "retake.appeal_id",
};

/// One retake campaign per original campaign.
const RETAKE_OF_UNIQUE: Constraint = Constraint {
    name: "campaign_retake_of_original_unique",
    sqlite_columns: "campaign_retake_of.original_campaign_id",
};

/// One roster entry per IIN in a campaign (migrations/0002), here the retake campaign's.
const ROSTER_IIN_UNIQUE: Constraint = Constraint {
    name: "roster_entry_iin_unique",
    sqlite_columns: "roster_entry.campaign_id, roster_entry.iin",
};

/// A granted retake with what the cabinet shows of it: the retake campaign's window and the
/// new session's status. Never the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetakeRow {
    pub appeal_id: String,
    pub original_session_id: String,
    /// The new session, in the retake campaign.
    pub session_id: String,
    pub campaign_id: String,
    pub campaign_name: String,
    /// The retake campaign's window (Asia/Almaty days): the new session may start on any of
    /// them (p.11).
    pub opens_on: jiff::civil::Date,
    pub closes_on: jiff::civil::Date,
    /// The new session's status (`scheduled` until the candidate starts).
    pub status: Status,
    pub granted_by: String,
    pub granted_at: i64,
}

const SELECT: &str = "SELECT t.appeal_id, t.original_session_id, t.session_id AS retake_session_id, \
     t.campaign_id AS retake_campaign_id, c.name AS campaign_name, c.opens_on, c.closes_on, \
     s.status, t.granted_by, t.granted_at FROM retake t \
     JOIN exam_session s ON s.session_id = t.session_id \
     JOIN campaign c ON c.campaign_id = t.campaign_id";

fn from_row(row: &sqlx::any::AnyRow) -> Result<RetakeRow> {
    let cells = Cells::new(row, "retake", "appeal_id")?;
    let campaign = cells.joined("campaign", "retake_campaign_id")?;
    let session = cells.joined("exam_session", "retake_session_id")?;
    Ok(RetakeRow {
        appeal_id: cells.key().to_owned(),
        original_session_id: cells.get("original_session_id")?,
        session_id: session.key().to_owned(),
        campaign_id: campaign.key().to_owned(),
        campaign_name: campaign.get("campaign_name")?,
        opens_on: campaign.parse("opens_on", str::parse::<jiff::civil::Date>)?,
        closes_on: campaign.parse("closes_on", str::parse::<jiff::civil::Date>)?,
        status: session.parse("status", known("status", Status::parse))?,
        granted_by: cells.get("granted_by")?,
        granted_at: cells.get("granted_at")?,
    })
}

/// The retake granted for an appeal, if any.
pub async fn by_appeal(db: &Db, appeal_id: &str) -> Result<Option<RetakeRow>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.appeal_id = $1"
    )))
    .bind(appeal_id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// The retake granted for a session's result (through its appeal), if any.
pub async fn by_original_session(db: &Db, session_id: &str) -> Result<Option<RetakeRow>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.original_session_id = $1"
    )))
    .bind(session_id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// The retake campaign of `original_campaign_id`, if one was made.
pub async fn retake_campaign_of(db: &Db, original_campaign_id: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query("SELECT campaign_id FROM campaign_retake_of WHERE original_campaign_id = $1")
            .bind(original_campaign_id)
            .fetch_optional(db.pool())
            .await?
            .map(|row| row.try_get("campaign_id"))
            .transpose()?,
    )
}

/// What granting a retake writes.
pub struct Grant<'a> {
    pub appeal_id: &'a str,
    /// The appealed session.
    pub original_session_id: &'a str,
    /// Its campaign.
    pub original: &'a Campaign,
    /// The question numbers decided a technical fault (for the audit entry).
    pub questions: &'a [u32],
    /// Today in Asia/Almaty: the retake campaign opens on it when it is made.
    pub today: jiff::civil::Date,
    /// The retake's last day (`domain::appeal::retake::closes_on`).
    pub closes_on: jiff::civil::Date,
    pub notice: &'a serde_json::Value,
}

/// A retake just granted, with its code: shown once, never stored (only its digest is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Granted {
    #[serde(flatten)]
    pub retake: RetakeRow,
    pub roster_id: String,
    /// The new one-time access code.
    pub code: String,
    /// Whether this grant made the retake campaign (the first retake of the original).
    pub campaign_created: bool,
}

/// Why a grant was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrantRefused {
    /// The session was voided (p.19).
    Voided,
    /// A retake was already granted for the appeal.
    AlreadyGranted(Box<RetakeRow>),
}

/// Grants the retake in one transaction: the retake campaign (made from the original, with its
/// commission, proctoring policy and Safe Exam Browser settings copied, audited
/// `campaign.create`; or widened to cover `closes_on`), the roster entry copied with a new
/// code, a scheduled session, the retake row, the candidate's notice (recipient
/// `session:<original>`) and the audit entry `appeal.retake`.
pub async fn grant(
    db: &Db,
    grant: Grant<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<std::result::Result<Granted, GrantRefused>> {
    let mut tx = db.begin_write().await?;
    let status = lock_statuses(&mut tx, db, &[grant.original_session_id])
        .await?
        .into_iter()
        .next()
        .map(|(_, (status, _))| status)
        .ok_or_else(|| {
            Error::NotFound(format!(
                "exam session {} does not exist",
                grant.original_session_id
            ))
        })?;
    if status == Status::Voided {
        tx.rollback().await?;
        return Ok(Err(GrantRefused::Voided));
    }
    let earlier = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE t.appeal_id = $1"
    )))
    .bind(grant.appeal_id)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = earlier {
        let row = from_row(&row)?;
        tx.rollback().await?;
        return Ok(Err(GrantRefused::AlreadyGranted(Box::new(row))));
    }
    let now = at.as_millisecond();
    let (campaign, campaign_created) = retake_campaign_in(&mut tx, &grant, actor, at).await?;
    let roster_id = crate::id::new_id();
    let session_id = crate::id::new_id();
    let code = secret::new_access_code();
    let copied = sqlx::query(
        "INSERT INTO roster_entry (roster_id, campaign_id, iin, name, position, organization, \
         procedure, current_category, claimed_category, code_hash, created_at) \
         SELECT $1, $2, r.iin, r.name, r.position, r.organization, r.procedure, \
         r.current_category, r.claimed_category, $3, $4 \
         FROM roster_entry r JOIN exam_session s ON s.roster_id = r.roster_id \
         WHERE s.session_id = $5",
    )
    .bind(&roster_id)
    .bind(&campaign.campaign_id)
    .bind(secret::digest_hex(&code))
    .bind(now)
    .bind(grant.original_session_id)
    .execute(&mut **tx)
    .await
    .on_constraint(ROSTER_IIN_UNIQUE, || {
        format!(
            "the candidate is already on the roster of the retake campaign {} (a retake granted meanwhile, or a roster upload); nothing was granted",
            campaign.campaign_id
        )
    })?
    .rows_affected();
    if copied != 1 {
        return Err(Error::Corrupt(format!(
            "exam session {} has no roster entry",
            grant.original_session_id
        )));
    }
    sqlx::query(
        "INSERT INTO exam_session (session_id, roster_id, campaign_id, status, extension_min, \
         updated_at) VALUES ($1, $2, $3, $4, 0, $5)",
    )
    .bind(&session_id)
    .bind(&roster_id)
    .bind(&campaign.campaign_id)
    .bind(Status::Scheduled.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO retake (appeal_id, original_session_id, session_id, campaign_id, \
         granted_by, granted_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(grant.appeal_id)
    .bind(grant.original_session_id)
    .bind(&session_id)
    .bind(&campaign.campaign_id)
    .bind(actor.to_string())
    .bind(now)
    .execute(&mut **tx)
    .await
    .on_constraint(RETAKE_PK, || {
        format!(
            "a retake was granted for appeal {} meanwhile; one retake per appeal",
            grant.appeal_id
        )
    })?;
    insert_notice_in(
        &mut tx,
        Some(grant.appeal_id),
        &format!("session:{}", grant.original_session_id),
        "retake",
        grant.notice,
        now,
    )
    .await?;
    audit_in(
        &mut tx,
        at,
        actor,
        Action::AppealRetake,
        Subject::Appeal(grant.appeal_id.to_owned()),
        &serde_json::json!({
            "original_session_id": grant.original_session_id,
            "questions": grant.questions,
            "campaign_id": campaign.campaign_id,
            "campaign_created": campaign_created,
            "opens_on": campaign.opens_on.to_string(),
            "closes_on": campaign.closes_on.to_string(),
            "roster_id": roster_id,
            "session_id": session_id,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(Granted {
        retake: RetakeRow {
            appeal_id: grant.appeal_id.to_owned(),
            original_session_id: grant.original_session_id.to_owned(),
            session_id,
            campaign_id: campaign.campaign_id,
            campaign_name: campaign.name,
            opens_on: campaign.opens_on,
            closes_on: campaign.closes_on,
            status: Status::Scheduled,
            granted_by: actor.to_string(),
            granted_at: now,
        },
        roster_id,
        code,
        campaign_created,
    }))
}

/// The retake campaign of the grant's original campaign inside `tx`: the existing one, its
/// window widened to cover the retake (`domain::appeal::retake::window`), or a new one copied
/// from the original with its commission, proctoring policy and SEB settings. True when made.
async fn retake_campaign_in(
    tx: &mut WriteTx,
    grant: &Grant<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<(Campaign, bool)> {
    let original = grant.original;
    let existing = sqlx::query(
        "SELECT c.campaign_id, c.name, c.opens_on, c.closes_on FROM campaign_retake_of r \
         JOIN campaign c ON c.campaign_id = r.campaign_id WHERE r.original_campaign_id = $1",
    )
    .bind(&original.campaign_id)
    .fetch_optional(&mut ***tx)
    .await?;
    if let Some(row) = existing {
        let cells = Cells::new(&row, "campaign", "campaign_id")?;
        let before = (
            cells.parse("opens_on", str::parse::<jiff::civil::Date>)?,
            cells.parse("closes_on", str::parse::<jiff::civil::Date>)?,
        );
        let (opens_on, closes_on) = retake::window(Some(before), grant.today, grant.closes_on);
        let campaign = Campaign {
            campaign_id: cells.key().to_owned(),
            name: cells.get("name")?,
            opens_on,
            closes_on,
            ..original.clone()
        };
        if (opens_on, closes_on) != before {
            sqlx::query("UPDATE campaign SET opens_on = $1, closes_on = $2 WHERE campaign_id = $3")
                .bind(opens_on.to_string())
                .bind(closes_on.to_string())
                .bind(&campaign.campaign_id)
                .execute(&mut ***tx)
                .await?;
        }
        return Ok((campaign, false));
    }
    let (opens_on, closes_on) = retake::window(None, grant.today, grant.closes_on);
    let campaign = Campaign {
        campaign_id: crate::id::new_id(),
        name: retake::campaign_name(&original.name),
        opens_on,
        closes_on,
        ..original.clone()
    };
    let now = at.as_millisecond();
    let by = actor.to_string();
    sqlx::query(
        "INSERT INTO campaign (campaign_id, name, bank_version_id, procedure, languages, blueprint, \
         opens_on, closes_on, duration_min, created_at, created_by) \
         SELECT $1, $2, bank_version_id, procedure, languages, blueprint, $3, $4, duration_min, \
         $5, $6 FROM campaign WHERE campaign_id = $7",
    )
    .bind(&campaign.campaign_id)
    .bind(&campaign.name)
    .bind(opens_on.to_string())
    .bind(closes_on.to_string())
    .bind(now)
    .bind(&by)
    .bind(&original.campaign_id)
    .execute(&mut ***tx)
    .await?;
    sqlx::query(
        "INSERT INTO campaign_retake_of (campaign_id, original_campaign_id) VALUES ($1, $2)",
    )
    .bind(&campaign.campaign_id)
    .bind(&original.campaign_id)
    .execute(&mut ***tx)
    .await
    .on_constraint(RETAKE_OF_UNIQUE, || {
        format!(
            "another retake made the retake campaign of {} meanwhile; grant again",
            original.campaign_id
        )
    })?;
    // The retake is proctored, kept to the same browser and appealable like the original.
    for (table, columns) in [
        ("commission", "members, policies"),
        ("proctor_policy", "policy, review_window_h, second_review"),
        ("campaign_seb", "config_key, browser_exam_keys"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} (campaign_id, {columns}, updated_at, updated_by) \
             SELECT $1, {columns}, $2, $3 FROM {table} WHERE campaign_id = $4"
        )))
        .bind(&campaign.campaign_id)
        .bind(now)
        .bind(&by)
        .bind(&original.campaign_id)
        .execute(&mut ***tx)
        .await?;
    }
    audit_in(
        tx,
        at,
        actor,
        Action::CampaignCreate,
        Subject::Campaign(campaign.campaign_id.clone()),
        &serde_json::json!({
            "campaign": campaign,
            "retake_of": original.campaign_id,
            "copied": ["commission", "proctor_policy", "campaign_seb"],
        }),
    )
    .await?;
    Ok((campaign, true))
}
