//! The evaluation (p.28-1) and the reports (p.31, p.32) in storage: a campaign's people with
//! what became of their tests (one statement: roster, session and current result version),
//! the stored evaluations, the campaign's gap policy, and the reports sent to each region's
//! LEB (`report_dispatch`). Every write appends to the audit chain in its transaction.

use std::collections::HashMap;

use sqlx::Row;

use super::audit::{self, Event};
use super::row::{Cells, known};
use super::{Constraint, Db, Error, OnConstraint, Result};

/// One mark per region's report of a campaign (migrations/0012).
const DISPATCH_PK: Constraint = Constraint {
    name: "report_dispatch_pk",
    sqlite_columns: "report_dispatch.campaign_id, report_dispatch.region",
};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::certificate::Verdict;
use crate::domain::exam::Status;
use crate::domain::region::Region;
use crate::domain::report::{LebDecided, Person, Standing};
use crate::domain::rules::{Decision, Evaluation, GapPolicy, Position, Procedure};

/// One roster row of a campaign with its session and current result.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub session_id: String,
    pub status: Status,
    /// The current (newest, not annulled) result version's id.
    pub result_id: Option<String>,
    pub person: Person,
}

/// Every person of `campaign_id`, by name then IIN, with the current result version of their
/// session: scored, voided (the session voided or its versions annulled, p.19), or not
/// finished.
pub async fn people(db: &Db, campaign_id: &str) -> Result<Vec<Entry>> {
    let rows = sqlx::query(
        "SELECT s.session_id, s.status, r.roster_id, r.iin, r.name, r.position, r.organization, \
         r.place_of_work, r.education, r.procedure, r.region, \
         res.result_id, res.percent_bp, res.decision, res.created_at, res.annulled_at, \
         d.verdict, d.decided_on \
         FROM roster_entry r JOIN exam_session s ON s.roster_id = r.roster_id \
         LEFT JOIN result res ON res.session_id = s.session_id AND res.version = \
           (SELECT MAX(x.version) FROM result x WHERE x.session_id = s.session_id) \
         LEFT JOIN leb_decision d ON d.result_id = res.result_id \
         WHERE r.campaign_id = $1 ORDER BY r.name, r.iin",
    )
    .bind(campaign_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(entry).collect()
}

fn entry(row: &sqlx::any::AnyRow) -> Result<Entry> {
    let session = Cells::new(row, "exam_session", "session_id")?;
    let status = session.parse("status", known("status", Status::parse))?;
    let roster = session.joined("roster_entry", "roster_id")?;
    let region = roster.parse("region", |slug| match slug {
        "" => Ok(None),
        slug => Region::by_slug(slug)
            .map(Some)
            .ok_or_else(|| format!("unknown region {slug:?}")),
    })?;
    let result_id: Option<String> = session.get("result_id")?;
    let annulled_at: Option<i64> = session.get("annulled_at")?;
    let mut leb = None;
    let (standing, current) = match result_id {
        Some(id) if annulled_at.is_none() && status != Status::Voided => {
            let r = Cells::keyed(row, "result", id.clone());
            let verdict: Option<String> = r.get("verdict")?;
            if verdict.is_some() {
                let d = r.joined("leb_decision", "result_id")?;
                leb = Some(LebDecided {
                    verdict: d.json::<Verdict>("verdict")?,
                    decided_on: d.parse("decided_on", str::parse::<jiff::civil::Date>)?,
                });
            }
            let percent_bp: i64 = r.get("percent_bp")?;
            let created_at: i64 = r.get("created_at")?;
            let at = jiff::Timestamp::from_millisecond(created_at)
                .map_err(|e| r.corrupt("created_at", e))?;
            (
                Standing::Scored {
                    percent: percent_bp as f64 / 100.0,
                    decision: Box::new(r.json::<Decision>("decision")?),
                    at,
                },
                Some(id),
            )
        }
        Some(_) => (Standing::Voided, None),
        None if status == Status::Voided => (Standing::Voided, None),
        None => (Standing::NotFinished, None),
    };
    Ok(Entry {
        session_id: session.key().to_owned(),
        status,
        result_id: current,
        person: Person {
            iin: roster.get("iin")?,
            name: roster.get("name")?,
            position: roster.parse("position", known("position", Position::by_slug))?,
            organization: roster.get("organization")?,
            place_of_work: roster.get("place_of_work")?,
            education: roster.get("education")?,
            procedure: roster.parse("procedure", str::parse::<Procedure>)?,
            region,
            standing,
            leb,
        },
    })
}

/// A stored evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvaluation {
    pub session_id: String,
    /// The result version it was computed from.
    pub result_id: String,
    pub evaluation: Evaluation,
    /// `entry` (one by one) or `upload` (a file).
    pub source: String,
    pub evaluated_at: i64,
    pub evaluated_by: String,
}

/// The evaluations of `campaign_id`, by session.
pub async fn evaluations(db: &Db, campaign_id: &str) -> Result<HashMap<String, StoredEvaluation>> {
    let rows = sqlx::query(
        "SELECT session_id, result_id, evaluation, source, evaluated_at, evaluated_by \
         FROM evaluation WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let cells = Cells::new(row, "evaluation", "session_id")?;
            let stored = StoredEvaluation {
                session_id: cells.key().to_owned(),
                result_id: cells.get("result_id")?,
                evaluation: cells.json("evaluation")?,
                source: cells.get("source")?,
                evaluated_at: cells.get("evaluated_at")?,
                evaluated_by: cells.get("evaluated_by")?,
            };
            Ok((stored.session_id.clone(), stored))
        })
        .collect()
}

/// One evaluation to store: the session, the result version and the rules' evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvaluation {
    pub session_id: String,
    pub result_id: String,
    pub evaluation: Evaluation,
}

/// Stores `evaluations` of `campaign_id` (each replacing the session's earlier one) and
/// appends one `evaluation.enter` to the audit chain, all in one transaction: all or none.
/// One evaluation is audited on its session, several on the campaign.
pub async fn put_evaluations(
    db: &Db,
    campaign_id: &str,
    evaluations: &[NewEvaluation],
    source: &'static str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    for e in evaluations {
        sqlx::query("DELETE FROM evaluation WHERE session_id = $1")
            .bind(&e.session_id)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO evaluation (session_id, campaign_id, result_id, rating, violations, \
             evaluation, source, evaluated_at, evaluated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&e.session_id)
        .bind(campaign_id)
        .bind(&e.result_id)
        .bind(e.evaluation.rating.value().to_string())
        .bind(i64::from(e.evaluation.violations))
        .bind(serde_json::to_string(&e.evaluation)?)
        .bind(source)
        .bind(at.as_millisecond())
        .bind(actor.to_string())
        .execute(&mut **tx)
        .await?;
    }
    let payload: Vec<serde_json::Value> = evaluations
        .iter()
        .map(|e| {
            serde_json::json!({
                "session_id": e.session_id,
                "result_id": e.result_id,
                "rating": e.evaluation.rating,
                "violations": e.evaluation.violations,
                "total": e.evaluation.total,
                "gap_policy": e.evaluation.gap_policy,
            })
        })
        .collect();
    let subject = match evaluations {
        [one] => Subject::Session(one.session_id.clone()),
        _ => Subject::Campaign(campaign_id.to_owned()),
    };
    let payload =
        serde_json::to_vec(&serde_json::json!({"source": source, "evaluations": payload}))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::EvaluationEnter,
            subject,
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The campaign's policy for the rating gap of Appendix 1-2.
pub async fn gap_policy(db: &Db, campaign_id: &str) -> Result<GapPolicy> {
    let row = sqlx::query("SELECT campaign_id, gap_policy FROM campaign WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| Error::NotFound(format!("campaign {campaign_id} does not exist")))?;
    Cells::new(&row, "campaign", "campaign_id")?.parse("gap_policy", str::parse::<GapPolicy>)
}

/// The stored form of a gap policy.
pub fn gap_policy_slug(policy: GapPolicy) -> &'static str {
    match policy {
        GapPolicy::Zero => "zero",
        GapPolicy::Ten => "ten",
    }
}

/// Sets the campaign's gap policy; audited as `evaluation.policy`. Evaluations stored before
/// keep the policy they were computed with (each records its own).
pub async fn set_gap_policy(
    db: &Db,
    campaign_id: &str,
    policy: GapPolicy,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query("UPDATE campaign SET gap_policy = $1 WHERE campaign_id = $2")
        .bind(gap_policy_slug(policy))
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound(format!(
            "campaign {campaign_id} does not exist"
        )));
    }
    let payload = serde_json::to_vec(&serde_json::json!({"gap_policy": policy}))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::EvaluationPolicy,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A region's report as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatch {
    pub region: String,
    pub sent_at: i64,
    pub sent_by: String,
}

/// The reports of `campaign_id` marked as sent, by region slug.
pub async fn dispatches(db: &Db, campaign_id: &str) -> Result<HashMap<String, Dispatch>> {
    let rows =
        sqlx::query("SELECT region, sent_at, sent_by FROM report_dispatch WHERE campaign_id = $1")
            .bind(campaign_id)
            .fetch_all(db.pool())
            .await?;
    rows.iter()
        .map(|row| {
            let d = Dispatch {
                region: row.try_get("region")?,
                sent_at: row.try_get("sent_at")?,
                sent_by: row.try_get("sent_by")?,
            };
            Ok((d.region.clone(), d))
        })
        .collect()
}

/// Marks `region`'s report of `campaign_id` as sent now by `actor`; audited as `report.sent`.
/// A report already marked keeps its first mark: [`Error::Conflict`] names when it was sent.
pub async fn mark_sent(
    db: &Db,
    campaign_id: &str,
    region: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Dispatch> {
    let mut tx = db.begin_write().await?;
    let earlier = sqlx::query(
        "SELECT sent_at, sent_by FROM report_dispatch WHERE campaign_id = $1 AND region = $2",
    )
    .bind(campaign_id)
    .bind(region)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = earlier {
        let sent_at: i64 = row.try_get("sent_at")?;
        let sent_by: String = row.try_get("sent_by")?;
        let when = jiff::Timestamp::from_millisecond(sent_at)
            .map(|t| {
                t.to_zoned_datetime(crate::domain::calendar::almaty())
                    .strftime("%Y-%m-%d %H:%M Asia/Almaty")
                    .to_string()
            })
            .unwrap_or_else(|_| sent_at.to_string());
        return Err(Error::Conflict {
            constraint: DISPATCH_PK.name,
            message: format!(
                "the report to {region} was already marked as sent at {when} by {sent_by}"
            ),
        });
    }
    sqlx::query(
        "INSERT INTO report_dispatch (campaign_id, region, sent_at, sent_by) VALUES ($1, $2, $3, $4)",
    )
    .bind(campaign_id)
    .bind(region)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await
    .on_constraint(DISPATCH_PK, || {
        format!("the report to {region} was just marked as sent by another request")
    })?;
    let payload = serde_json::to_vec(&serde_json::json!({"region": region}))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::ReportSent,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Dispatch {
        region: region.to_owned(),
        sent_at: at.as_millisecond(),
        sent_by: actor.to_string(),
    })
}
