//! Appeals as stored (migration 0006): each campaign's commission, the appeals, the panel's
//! votes and the cabinet notices. Every write commits with its audit entry; the rules that
//! decide what may be written are `domain::appeal`'s and `app::appeals`' — here only the
//! conditional updates that make a race lose cleanly (a draft submitted twice, an appeal
//! closed twice, a session voided meanwhile).

use serde::{Deserialize, Serialize};
use sqlx::{Any, Row, Transaction};

use super::audit::{self, Event};
use super::exam::lock_statuses;
use super::row::{Cells, known};
use super::{Constraint, Db, Error, OnConstraint, Result, WriteTx};
use crate::domain::appeal::{
    AnnulPolicy, CommissionMember, DisputedQuestion, Panel, TechnicalRemedy, Verdict, Vote,
};
use crate::domain::audit::{Action, Actor, Subject, Task};
use crate::domain::exam::{Score, Status};
use crate::domain::role::Role;
use crate::domain::rules::Decision;

const APPEAL_SESSION_UNIQUE: Constraint = Constraint {
    name: "appeal_session_unique",
    sqlite_columns: "appeal.session_id",
};

/// The campaign's appeal policies (p.26), chosen with the commission.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policies {
    /// What an annulled question does (default: credited).
    #[serde(default)]
    pub annulled: AnnulPolicy,
    /// What a confirmed technical fault does (default: credited).
    #[serde(default)]
    pub technical: TechnicalRemedy,
}

/// A campaign's commission as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredCommission {
    pub campaign_id: String,
    pub members: Vec<CommissionMember>,
    pub policies: Policies,
    pub updated_at: i64,
    pub updated_by: String,
}

/// An appeal's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealStatus {
    /// Editable by the candidate; not yet received.
    Draft,
    /// Received (p.24: the 5 days run); the panel votes.
    Submitted,
    /// Decided by the chair; the protocol exists.
    Closed,
}

impl AppealStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AppealStatus::Draft => "draft",
            AppealStatus::Submitted => "submitted",
            AppealStatus::Closed => "closed",
        }
    }

    fn parse(s: &str) -> Option<AppealStatus> {
        [
            AppealStatus::Draft,
            AppealStatus::Submitted,
            AppealStatus::Closed,
        ]
        .into_iter()
        .find(|v| v.as_str() == s)
    }
}

/// What the chair's close decided, kept with the appeal for the protocol and the cabinet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosedDecision {
    /// Per disputed question: the votes' tally and the outcome.
    pub questions: Vec<QuestionDecision>,
    pub policies: Policies,
    pub before: Score,
    /// None when a retake was granted (a technical fault under that remedy).
    pub after: Option<Score>,
    pub decision_before: Decision,
    pub decision_after: Option<Decision>,
    /// The clause the rescoring applies.
    pub clause: String,
}

/// One disputed question's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionDecision {
    pub number: u32,
    pub uphold: usize,
    pub reject: usize,
    pub outcome: crate::domain::appeal::QuestionOutcome,
}

/// An appeal as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppealRow {
    pub appeal_id: String,
    pub session_id: String,
    pub campaign_id: String,
    pub result_id: String,
    pub status: AppealStatus,
    pub questions: Vec<DisputedQuestion>,
    pub filing_closes_at: i64,
    pub received_at: Option<i64>,
    pub decide_by: Option<i64>,
    pub panel: Option<Panel>,
    pub escalated_at: Option<i64>,
    pub breached_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub closed_by: Option<String>,
    pub decision: Option<ClosedDecision>,
    pub new_result_id: Option<String>,
    /// When its corrections were propagated to the campaign's other sessions.
    pub propagated_at: Option<i64>,
    /// Incremented by every change (a filing, a vote): a close applies only to the revision
    /// whose votes it counted.
    pub revision: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "appeal_id, session_id, campaign_id, result_id, status, questions, \
     filing_closes_at, received_at, decide_by, panel, escalated_at, breached_at, closed_at, \
     closed_by, decision, new_result_id, propagated_at, revision, created_at, updated_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<AppealRow> {
    let cells = Cells::new(row, "appeal", "appeal_id")?;
    Ok(AppealRow {
        appeal_id: cells.key().to_owned(),
        session_id: cells.get("session_id")?,
        campaign_id: cells.get("campaign_id")?,
        result_id: cells.get("result_id")?,
        status: cells.parse("status", known("appeal status", AppealStatus::parse))?,
        questions: cells.json("questions")?,
        filing_closes_at: cells.get("filing_closes_at")?,
        received_at: cells.get("received_at")?,
        decide_by: cells.get("decide_by")?,
        panel: cells.parse_opt("panel", |t| serde_json::from_str(t))?,
        escalated_at: cells.get("escalated_at")?,
        breached_at: cells.get("breached_at")?,
        closed_at: cells.get("closed_at")?,
        closed_by: cells.get("closed_by")?,
        decision: cells.parse_opt("decision", |t| serde_json::from_str(t))?,
        new_result_id: cells.get("new_result_id")?,
        propagated_at: cells.get("propagated_at")?,
        revision: cells.get("revision")?,
        created_at: cells.get("created_at")?,
        updated_at: cells.get("updated_at")?,
    })
}

/// Appends the audit entry of an appeal act inside `tx`.
pub(super) async fn audit_in(
    tx: &mut Transaction<'static, Any>,
    at: jiff::Timestamp,
    actor: &Actor,
    action: Action,
    subject: Subject,
    payload: &impl Serialize,
) -> Result<()> {
    let payload = serde_json::to_vec(payload)?;
    audit::append(
        tx,
        at,
        &Event {
            actor,
            action,
            subject,
            payload: &payload,
        },
    )
    .await?;
    Ok(())
}

/// Replaces the campaign's commission (audited `appeal.commission`).
pub async fn put_commission(
    db: &Db,
    campaign_id: &str,
    members: &[CommissionMember],
    policies: Policies,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<StoredCommission> {
    let mut tx = db.begin_write().await?;
    let members_json = serde_json::to_string(members)?;
    let policies_json = serde_json::to_string(&policies)?;
    sqlx::query(
        "INSERT INTO commission (campaign_id, members, policies, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (campaign_id) DO UPDATE SET \
         members = excluded.members, policies = excluded.policies, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(campaign_id)
    .bind(&members_json)
    .bind(&policies_json)
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    let stored = StoredCommission {
        campaign_id: campaign_id.to_owned(),
        members: members.to_vec(),
        policies,
        updated_at: at.as_millisecond(),
        updated_by: actor.to_string(),
    };
    audit_in(
        &mut tx,
        at,
        actor,
        Action::AppealCommission,
        Subject::Campaign(campaign_id.to_owned()),
        &stored,
    )
    .await?;
    tx.commit().await?;
    Ok(stored)
}

/// The campaign's commission, if formed.
pub async fn commission(db: &Db, campaign_id: &str) -> Result<Option<StoredCommission>> {
    let row = sqlx::query(
        "SELECT campaign_id, members, policies, updated_at, updated_by FROM commission \
         WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        let cells = Cells::new(&row, "commission", "campaign_id")?;
        Ok(StoredCommission {
            campaign_id: cells.key().to_owned(),
            members: cells.json("members")?,
            policies: cells.json("policies")?,
            updated_at: cells.get("updated_at")?,
            updated_by: cells.get("updated_by")?,
        })
    })
    .transpose()
}

/// The appeal of a session, if any.
pub async fn by_session(db: &Db, session_id: &str) -> Result<Option<AppealRow>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appeal WHERE session_id = $1"
    )))
    .bind(session_id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()
}

/// The appeal `appeal_id`.
pub async fn get(db: &Db, appeal_id: &str) -> Result<AppealRow> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM appeal WHERE appeal_id = $1"
    )))
    .bind(appeal_id)
    .fetch_optional(db.pool())
    .await?
    .as_ref()
    .map(from_row)
    .transpose()?
    .ok_or_else(|| Error::NotFound(format!("appeal {appeal_id} does not exist")))
}

/// Every received appeal (submitted or closed), of one campaign or of all, oldest first.
pub async fn received(db: &Db, campaign_id: Option<&str>) -> Result<Vec<AppealRow>> {
    let rows = match campaign_id {
        Some(id) => {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {COLUMNS} FROM appeal WHERE campaign_id = $1 AND status <> 'draft' \
                 ORDER BY received_at, appeal_id"
            )))
            .bind(id)
            .fetch_all(db.pool())
            .await?
        }
        None => sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM appeal WHERE status <> 'draft' ORDER BY received_at, appeal_id"
        )))
        .fetch_all(db.pool())
        .await?,
    };
    rows.iter().map(from_row).collect()
}

/// The session's status, share-locked for the rest of `tx` (a void waits for the commit).
async fn locked_status(tx: &mut WriteTx, db: &Db, session_id: &str) -> Result<Status> {
    let statuses = lock_statuses(tx, db, &[session_id]).await?;
    statuses
        .into_iter()
        .next()
        .map(|(_, (status, _))| status)
        .ok_or_else(|| Error::NotFound(format!("exam session {session_id} does not exist")))
}

/// What a filing writes.
#[derive(Debug, Clone)]
pub struct Filing<'a> {
    pub session_id: &'a str,
    pub campaign_id: &'a str,
    pub result_id: &'a str,
    pub questions: &'a [DisputedQuestion],
    pub filing_closes_at: i64,
    /// `Some(decide_by)` submits the appeal (received now); None saves a draft.
    pub submit_with_decide_by: Option<i64>,
}

/// Why a filing was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingRefused {
    /// The session was voided meanwhile (p.19).
    Voided,
    /// The appeal was already submitted.
    AlreadySubmitted,
}

/// Creates or replaces the session's draft, or submits it, with the audit entry (`appeal.draft`
/// or `appeal.submit`) and, on submission, the candidate's "received" notice — all in one
/// transaction, so an acknowledged appeal is durable.
pub async fn file(
    db: &Db,
    filing: Filing<'_>,
    notice: &serde_json::Value,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<std::result::Result<AppealRow, FilingRefused>> {
    let mut tx = db.begin_write().await?;
    if locked_status(&mut tx, db, filing.session_id).await? == Status::Voided {
        tx.rollback().await?;
        return Ok(Err(FilingRefused::Voided));
    }
    let now = at.as_millisecond();
    let status = match filing.submit_with_decide_by {
        Some(_) => AppealStatus::Submitted,
        None => AppealStatus::Draft,
    };
    let received = filing.submit_with_decide_by.map(|_| now);
    let questions = serde_json::to_string(filing.questions)?;
    let existing = sqlx::query("SELECT appeal_id FROM appeal WHERE session_id = $1")
        .bind(filing.session_id)
        .fetch_optional(&mut **tx)
        .await?;
    let appeal_id = match existing {
        Some(row) => {
            let appeal_id: String = row.try_get("appeal_id")?;
            let changed = sqlx::query(
                "UPDATE appeal SET status = $1, questions = $2, received_at = $3, decide_by = $4, \
                 filing_closes_at = $5, updated_at = $6, revision = revision + 1 \
                 WHERE appeal_id = $7 AND status = 'draft'",
            )
            .bind(status.as_str())
            .bind(&questions)
            .bind(received)
            .bind(filing.submit_with_decide_by)
            .bind(filing.filing_closes_at)
            .bind(now)
            .bind(&appeal_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if changed == 0 {
                tx.rollback().await?;
                return Ok(Err(FilingRefused::AlreadySubmitted));
            }
            appeal_id
        }
        None => {
            let appeal_id = crate::id::new_id();
            sqlx::query(
                "INSERT INTO appeal (appeal_id, session_id, campaign_id, result_id, status, questions, \
                 filing_closes_at, received_at, decide_by, revision, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $10)",
            )
            .bind(&appeal_id)
            .bind(filing.session_id)
            .bind(filing.campaign_id)
            .bind(filing.result_id)
            .bind(status.as_str())
            .bind(&questions)
            .bind(filing.filing_closes_at)
            .bind(received)
            .bind(filing.submit_with_decide_by)
            .bind(now)
            .execute(&mut **tx)
            .await
            .on_constraint(APPEAL_SESSION_UNIQUE, || {
                "an appeal on this result already exists".into()
            })?;
            appeal_id
        }
    };
    if received.is_some() {
        insert_notice_in(
            &mut tx,
            Some(&appeal_id),
            &format!("session:{}", filing.session_id),
            "received",
            notice,
            now,
        )
        .await?;
    }
    let action = match status {
        AppealStatus::Submitted => Action::AppealSubmit,
        _ => Action::AppealDraft,
    };
    audit_in(
        &mut tx,
        at,
        actor,
        action,
        Subject::Appeal(appeal_id.clone()),
        &serde_json::json!({
            "session_id": filing.session_id, "questions": filing.questions,
            "received_at": received, "decide_by": filing.submit_with_decide_by,
        }),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(get(db, &appeal_id).await?))
}

/// Records (or replaces) a vote, fixing the appeal's panel at the first vote; audited
/// `appeal.vote`. False when the appeal is not open for votes (not submitted, or closed).
pub async fn vote(
    db: &Db,
    appeal_id: &str,
    panel: &Panel,
    vote: &Vote,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<bool> {
    let mut tx = db.begin_write().await?;
    let now = at.as_millisecond();
    let open = sqlx::query(
        "UPDATE appeal SET panel = COALESCE(panel, $1), updated_at = $2, revision = revision + 1 \
         WHERE appeal_id = $3 AND status = 'submitted'",
    )
    .bind(serde_json::to_string(panel)?)
    .bind(now)
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if open == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO appeal_vote (appeal_id, question, voter, verdict, reason, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (appeal_id, question, voter) DO UPDATE SET \
         verdict = excluded.verdict, reason = excluded.reason, at_ms = excluded.at_ms",
    )
    .bind(appeal_id)
    .bind(i64::from(vote.question))
    .bind(&vote.voter)
    .bind(vote.verdict.as_str())
    .bind(vote.reason.trim())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    audit_in(
        &mut tx,
        at,
        actor,
        Action::AppealVote,
        Subject::Appeal(appeal_id.to_owned()),
        vote,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The votes on an appeal, by question then voter.
pub async fn votes(db: &Db, appeal_id: &str) -> Result<Vec<Vote>> {
    let rows = sqlx::query(
        "SELECT question, voter, verdict, reason FROM appeal_vote WHERE appeal_id = $1 \
         ORDER BY question, voter",
    )
    .bind(appeal_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let question: i64 = row.try_get("question")?;
            let voter: String = row.try_get("voter")?;
            let cells = Cells::keyed(
                row,
                "appeal_vote",
                format!("{appeal_id}/{question}/{voter}"),
            );
            Ok(Vote {
                question: cells.int("question")?,
                verdict: cells.parse("verdict", known("verdict", Verdict::parse))?,
                reason: cells.get("reason")?,
                voter,
            })
        })
        .collect()
}

/// What closing an appeal writes.
pub struct Closing<'a> {
    pub appeal_id: &'a str,
    /// The revision whose votes were counted.
    pub revision: i64,
    pub session_id: &'a str,
    pub decision: &'a ClosedDecision,
    pub notice: &'a serde_json::Value,
}

/// Why a close was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseRefused {
    /// The session was voided (p.19): it is never rescored back to life.
    Voided,
    /// The appeal is not open (closed already, or still a draft), or a vote came in after the
    /// votes were counted.
    NotOpen,
}

/// Closes the appeal: the decision, the new result version (source `appeal`, when the score
/// is rescored), the candidate's "decided" notice and the audit entry, in one transaction.
pub async fn close(
    db: &Db,
    closing: Closing<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<std::result::Result<AppealRow, CloseRefused>> {
    let mut tx = db.begin_write().await?;
    if locked_status(&mut tx, db, closing.session_id).await? == Status::Voided {
        tx.rollback().await?;
        return Ok(Err(CloseRefused::Voided));
    }
    let now = at.as_millisecond();
    let changed = sqlx::query(
        "UPDATE appeal SET status = 'closed', closed_at = $1, closed_by = $2, decision = $3, \
         updated_at = $1, revision = revision + 1 \
         WHERE appeal_id = $4 AND status = 'submitted' AND revision = $5",
    )
    .bind(now)
    .bind(actor.to_string())
    .bind(serde_json::to_string(closing.decision)?)
    .bind(closing.appeal_id)
    .bind(closing.revision)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(Err(CloseRefused::NotOpen));
    }
    let mut new_result = None;
    if let (Some(after), Some(decision)) =
        (closing.decision.after, &closing.decision.decision_after)
    {
        let version = super::result::insert_in(
            &mut tx,
            closing.session_id,
            super::result::Source::Appeal,
            after,
            decision,
            actor,
            now,
        )
        .await?;
        sqlx::query("UPDATE appeal SET new_result_id = $1 WHERE appeal_id = $2")
            .bind(&version.result_id)
            .bind(closing.appeal_id)
            .execute(&mut **tx)
            .await?;
        new_result = Some(version.result_id);
    }
    insert_notice_in(
        &mut tx,
        Some(closing.appeal_id),
        &format!("session:{}", closing.session_id),
        "decided",
        closing.notice,
        now,
    )
    .await?;
    audit_in(
        &mut tx,
        at,
        actor,
        Action::AppealClose,
        Subject::Appeal(closing.appeal_id.to_owned()),
        &serde_json::json!({ "decision": closing.decision, "new_result_id": new_result }),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(get(db, closing.appeal_id).await?))
}

/// Which SLA mark to set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaMark {
    /// Less than 24 hours left (column `escalated_at`).
    Escalated,
    /// `decide_by` passed while open (column `breached_at`).
    Breached,
}

/// Sets the mark once (a second call changes nothing and returns false), with notices to
/// `recipients` and the audit entry (`appeal.escalated` / `appeal.breached`).
pub async fn mark(
    db: &Db,
    appeal_id: &str,
    mark: SlaMark,
    recipients: &[String],
    notice: &serde_json::Value,
    at: jiff::Timestamp,
) -> Result<bool> {
    let (column, kind, action) = match mark {
        SlaMark::Escalated => ("escalated_at", "escalated", Action::AppealEscalated),
        SlaMark::Breached => ("breached_at", "breached", Action::AppealBreached),
    };
    let mut tx = db.begin_write().await?;
    let now = at.as_millisecond();
    let changed = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE appeal SET {column} = $1 WHERE appeal_id = $2 AND {column} IS NULL \
         AND status = 'submitted'"
    )))
    .bind(now)
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for recipient in recipients {
        insert_notice_in(&mut tx, Some(appeal_id), recipient, kind, notice, now).await?;
    }
    audit_in(
        &mut tx,
        at,
        &Actor::System(Task::Appeals),
        action,
        Subject::Appeal(appeal_id.to_owned()),
        notice,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A notice in a cabinet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    pub notice_id: String,
    pub appeal_id: Option<String>,
    pub kind: String,
    pub body: serde_json::Value,
    pub at_ms: i64,
}

/// Puts a notice in a cabinet inside `tx`.
pub(super) async fn insert_notice_in(
    tx: &mut Transaction<'static, Any>,
    appeal_id: Option<&str>,
    recipient: &str,
    kind: &str,
    body: &serde_json::Value,
    at_ms: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO appeal_notice (notice_id, appeal_id, recipient, kind, body, at_ms) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(crate::id::new_id())
    .bind(appeal_id)
    .bind(recipient)
    .bind(kind)
    .bind(serde_json::to_string(body)?)
    .bind(at_ms)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The notices of `recipients`, newest first; with `since_ms`, only those written at or after
/// it (the notice socket's catch-up).
pub async fn notices(db: &Db, recipients: &[String], since_ms: Option<i64>) -> Result<Vec<Notice>> {
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let mut shape = format!("recipient IN ({})", vec!["?"; recipients.len()].join(", "));
    if since_ms.is_some() {
        shape.push_str(" AND at_ms >= ?");
    }
    let filter = db.values(1, &shape);
    let mut query = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT notice_id, appeal_id, kind, body, at_ms FROM appeal_notice \
         WHERE {filter} ORDER BY at_ms DESC, notice_id"
    )));
    for r in recipients {
        query = query.bind(r.clone());
    }
    if let Some(since_ms) = since_ms {
        query = query.bind(since_ms);
    }
    query
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| {
            let cells = Cells::new(row, "appeal_notice", "notice_id")?;
            Ok(Notice {
                notice_id: cells.key().to_owned(),
                appeal_id: cells.get("appeal_id")?,
                kind: cells.get("kind")?,
                body: cells.json("body")?,
                at_ms: cells.get("at_ms")?,
            })
        })
        .collect()
}

/// The scored sessions of a campaign and their papers: (session_id, paper_id), for the
/// question statistics and for propagation. Voided sessions are left out (p.19).
pub async fn scored_sessions(db: &Db, campaign_id: &str) -> Result<Vec<(String, String)>> {
    // The campaign with its retake campaign (p.25) and, for a retake campaign, its original:
    // one attestation, one bank version, so one set of statistics and corrections.
    let rows = sqlx::query(
        "SELECT session_id, paper_id FROM exam_session WHERE campaign_id IN ( \
           SELECT $1 UNION \
           SELECT campaign_id FROM campaign_retake_of WHERE original_campaign_id = $2 UNION \
           SELECT original_campaign_id FROM campaign_retake_of WHERE campaign_id = $3) \
         AND status = 'scored' AND paper_id IS NOT NULL ORDER BY session_id",
    )
    .bind(campaign_id)
    .bind(campaign_id)
    .bind(campaign_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("session_id")?, row.try_get("paper_id")?)))
        .collect()
}

/// The role of an active staff account, None when there is no such account or it is disabled.
pub async fn staff_role(db: &Db, username: &str) -> Result<Option<Role>> {
    sqlx::query("SELECT username, role FROM staff_user WHERE username = $1 AND disabled = 0")
        .bind(username)
        .fetch_optional(db.pool())
        .await?
        .map(|row| Cells::new(&row, "staff_user", "username")?.parse("role", Role::parse))
        .transpose()
}

/// The username of the staff account behind a login token, None for API tokens and
/// candidates (the commission's votes are cast by named accounts, p.23).
pub async fn username_of_token(db: &Db, token: &str) -> Result<Option<String>> {
    Ok(sqlx::query(
        "SELECT u.username FROM auth_session a JOIN staff_user u ON u.user_id = a.user_id \
         WHERE a.token_hash = $1",
    )
    .bind(crate::domain::secret::digest_hex(token))
    .fetch_optional(db.pool())
    .await?
    .map(|row| row.try_get("username"))
    .transpose()?)
}

/// One session's result changed by a propagation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Propagated {
    pub session_id: String,
    pub before: Score,
    pub after: Score,
    pub decision_before: Decision,
    pub decision_after: Decision,
    /// Whether the rules' outcome changed, not only the score.
    pub decision_changed: bool,
}

/// Applies a propagation: marks the appeal propagated (once: false when it already was), and
/// for each change whose session is still not voided writes the next result version (source
/// `propagation`), the candidate's notice and an audit entry — all in one transaction. The
/// changes written (a session voided meanwhile is left out, p.19).
pub async fn propagate(
    db: &Db,
    appeal_id: &str,
    changes: &[Propagated],
    notice: &serde_json::Value,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Option<Vec<Propagated>>> {
    let mut tx = db.begin_write().await?;
    let now = at.as_millisecond();
    let marked = sqlx::query(
        "UPDATE appeal SET propagated_at = $1 WHERE appeal_id = $2 AND status = 'closed' \
         AND propagated_at IS NULL",
    )
    .bind(now)
    .bind(appeal_id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if marked == 0 {
        tx.rollback().await?;
        return Ok(None);
    }
    let mut written = Vec::new();
    for change in changes {
        if locked_status(&mut tx, db, &change.session_id).await? == Status::Voided {
            continue;
        }
        let version = super::result::insert_in(
            &mut tx,
            &change.session_id,
            super::result::Source::Propagation,
            change.after,
            &change.decision_after,
            actor,
            now,
        )
        .await?;
        insert_notice_in(
            &mut tx,
            Some(appeal_id),
            &format!("session:{}", change.session_id),
            "propagated",
            notice,
            now,
        )
        .await?;
        audit_in(
            &mut tx,
            at,
            actor,
            Action::AppealPropagate,
            Subject::Session(change.session_id.clone()),
            &serde_json::json!({"appeal_id": appeal_id, "change": change, "result_id": version.result_id}),
        )
        .await?;
        written.push(change.clone());
    }
    audit_in(
        &mut tx,
        at,
        actor,
        Action::AppealPropagated,
        Subject::Appeal(appeal_id.to_owned()),
        &serde_json::json!({"sessions": written.iter().map(|c| &c.session_id).collect::<Vec<_>>()}),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(written))
}
