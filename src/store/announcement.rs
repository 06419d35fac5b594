//! A campaign's announcement with its testing dates, published in advance (p.11)
//! (migrations/0013): one per campaign, replaced by a new publication, each audited.

use serde::Serialize;

use super::audit::{self, Event};
use super::row::Cells;
use super::{Db, Error, Result, campaign};
use crate::domain::audit::{Action, Actor, Subject};

/// An announcement as the public reads it: the campaign's dates and the text in Kazakh and
/// Russian.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Announcement {
    pub campaign_id: String,
    pub campaign_name: String,
    /// The testing dates (Asia/Almaty days), the campaign's own.
    pub opens_on: jiff::civil::Date,
    pub closes_on: jiff::civil::Date,
    pub text_kk: String,
    pub text_ru: String,
    /// Unix milliseconds.
    pub published_at: i64,
}

/// Publishes (or replaces) the announcement of `campaign_id`.
pub async fn publish(
    db: &Db,
    campaign_id: &str,
    text_kk: &str,
    text_ru: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Announcement> {
    let campaign = campaign::get(db, campaign_id).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM campaign_announcement WHERE campaign_id = $1")
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "INSERT INTO campaign_announcement (campaign_id, text_kk, text_ru, published_at, published_by) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(campaign_id)
    .bind(text_kk)
    .bind(text_ru)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    let announcement = Announcement {
        campaign_id: campaign.campaign_id,
        campaign_name: campaign.name,
        opens_on: campaign.opens_on,
        closes_on: campaign.closes_on,
        text_kk: text_kk.to_owned(),
        text_ru: text_ru.to_owned(),
        published_at: at.as_millisecond(),
    };
    let payload = serde_json::to_vec(&announcement)?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::AnnouncementPublish,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(announcement)
}

/// The announcement of `campaign_id`; not found until published.
pub async fn get(db: &Db, campaign_id: &str) -> Result<Announcement> {
    let campaign = campaign::get(db, campaign_id).await?;
    let row = sqlx::query(
        "SELECT campaign_id, text_kk, text_ru, published_at FROM campaign_announcement \
         WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or_else(|| {
        Error::NotFound(format!(
            "campaign {campaign_id} has no announcement published yet"
        ))
    })?;
    let cells = Cells::new(&row, "campaign_announcement", "campaign_id")?;
    Ok(Announcement {
        campaign_id: campaign.campaign_id,
        campaign_name: campaign.name,
        opens_on: campaign.opens_on,
        closes_on: campaign.closes_on,
        text_kk: cells.get("text_kk")?,
        text_ru: cells.get("text_ru")?,
        published_at: cells.get("published_at")?,
    })
}
