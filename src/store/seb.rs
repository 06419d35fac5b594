//! Safe Exam Browser settings per campaign (migrations/0009): the Config Key and the admitted
//! Browser Exam Keys, read back through `synaq_proctor::seb::SebKeys::parse` (a stored key
//! that does not parse is corrupt). Setting or clearing them is audited as the campaign's
//! proctoring settings (`proctor.policy`, payload `{"seb": ...}`); the keys are not secrets
//! (SEB itself sends only their hashes, and the settings file carries them), so the payload
//! names them.

use serde_json::json;
use sqlx::Row;
use synaq_proctor::seb::SebKeys;

use super::audit::{self, Event};
use super::row::Cells;
use super::{Db, Result};
use crate::domain::audit::{Action, Actor, Subject};

/// Sets (`Some`) or switches off (`None`) a campaign's SEB requirement, audited.
pub async fn set(
    db: &Db,
    campaign_id: &str,
    keys: Option<&SebKeys>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    super::campaign::get(db, campaign_id).await?;
    let mut tx = db.begin_write().await?;
    match keys {
        Some(k) => {
            let bek: Vec<&str> = k.browser_exam_keys.iter().map(|k| k.as_str()).collect();
            sqlx::query(
                "INSERT INTO campaign_seb (campaign_id, config_key, browser_exam_keys, \
                 updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
                 ON CONFLICT (campaign_id) DO UPDATE SET config_key = excluded.config_key, \
                 browser_exam_keys = excluded.browser_exam_keys, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )
            .bind(campaign_id)
            .bind(k.config_key.as_str())
            .bind(serde_json::to_string(&bek)?)
            .bind(at.as_millisecond())
            .bind(actor.to_string())
            .execute(&mut **tx)
            .await?;
        }
        None => {
            sqlx::query("DELETE FROM campaign_seb WHERE campaign_id = $1")
                .bind(campaign_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    let seb = keys.map(|k| {
        json!({
            "config_key": k.config_key.as_str(),
            "browser_exam_keys": k.browser_exam_keys.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        })
    });
    let payload = serde_json::to_vec(&json!({ "seb": seb }))?;
    let event = Event {
        actor,
        action: Action::ProctorPolicy,
        subject: Subject::Campaign(campaign_id.to_owned()),
        payload: &payload,
    };
    audit::append(&mut tx, at, &event).await?;
    tx.commit().await
}

/// A campaign's SEB keys; None when it does not require SEB.
pub async fn keys(db: &Db, campaign_id: &str) -> Result<Option<SebKeys>> {
    let row = sqlx::query(
        "SELECT campaign_id, config_key, browser_exam_keys FROM campaign_seb \
         WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| decode(&r)).transpose()
}

/// The SEB gate of a candidate's exam session, from a row holding `campaign_seb`'s columns and
/// the session's status in `status_column`: the campaign's keys and whether the session has
/// ended (after which the cabinet and the result are reachable from any browser). The login's
/// read (`account::session`) joins them.
pub(super) fn gate(r: &sqlx::any::AnyRow, status_column: &str) -> Result<(SebKeys, bool)> {
    let keys = decode(r)?;
    let cells = Cells::new(r, "exam_session", "campaign_id")?;
    let status = cells.parse(
        status_column,
        super::row::known("status", crate::domain::exam::Status::parse),
    )?;
    Ok((keys, status.is_ended()))
}

fn decode(r: &sqlx::any::AnyRow) -> Result<SebKeys> {
    let cells = Cells::new(r, "campaign_seb", "campaign_id")?;
    let config_key: String = r.try_get("config_key")?;
    let bek: Vec<String> = cells.json("browser_exam_keys")?;
    SebKeys::parse(&config_key, &bek).map_err(|e| cells.corrupt(&e.field, e.reason))
}
