//! Proctoring's tables (migrations/0005): vendors and their secrets, the signals with their
//! dedupe keys and the policy's action, Proctorio nonces, each campaign's policy, voids and
//! reinstatements, evidence by content address, and the human review queue. Every change is
//! audited in its own transaction. What a signal does is decided by the caller (`app::proctor`)
//! through the closure [`record`] takes, inside the transaction that stores it.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};
use synaq_proctor::policy::Action;
use synaq_proctor::signal::Signal;

use super::audit::{self, Event};
use super::row::Cells;
use super::{Constraint, Db, Error, OnConstraint, Result};
use crate::domain::audit::{Action as Audited, Actor, Subject};
use crate::domain::exam::{Status, Transition};

const VENDOR_NAME_UNIQUE: Constraint = Constraint {
    name: "proctor_vendor_pkey",
    sqlite_columns: "proctor_vendor.name",
};

/// A registered vendor with its secrets (never serialised: see [`VendorInfo`]).
#[derive(Clone)]
pub struct Vendor {
    pub name: String,
    pub adapter: String,
    pub secret_current: String,
    pub secret_previous: Option<String>,
}

impl std::fmt::Debug for Vendor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vendor")
            .field("name", &self.name)
            .field("adapter", &self.adapter)
            .field("secrets", &"<hidden>")
            .finish()
    }
}

/// What an administrator sees of a vendor: no secret, only how many are active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VendorInfo {
    pub name: String,
    pub adapter: String,
    pub active_secrets: u8,
    pub created_at: i64,
    pub updated_at: i64,
}

fn audited<'a>(
    actor: &'a Actor,
    action: Audited,
    subject: Subject,
    payload: &'a [u8],
) -> Event<'a> {
    Event {
        actor,
        action,
        subject,
        payload,
    }
}

/// Registers a vendor (audited without its secrets).
pub async fn create_vendor(db: &Db, v: &Vendor, actor: &Actor, at: jiff::Timestamp) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let now = at.as_millisecond();
    sqlx::query(
        "INSERT INTO proctor_vendor (name, adapter, secret_current, secret_previous, created_at, \
         created_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5)",
    )
    .bind(&v.name)
    .bind(&v.adapter)
    .bind(&v.secret_current)
    .bind(v.secret_previous.clone())
    .bind(now)
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await
    .on_constraint(VENDOR_NAME_UNIQUE, || {
        format!(
            "vendor {} is registered already; PUT replaces its secrets",
            v.name
        )
    })?;
    let payload = serde_json::to_vec(&serde_json::json!({"name": v.name, "adapter": v.adapter}))?;
    let subject = Subject::Vendor(v.name.clone());
    audit::append(
        &mut tx,
        at,
        &audited(actor, Audited::VendorCreate, subject, &payload),
    )
    .await?;
    tx.commit().await
}

/// Replaces a vendor's secrets (and, when given, its adapter); audited without them.
pub async fn replace_vendor(db: &Db, v: &Vendor, actor: &Actor, at: jiff::Timestamp) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE proctor_vendor SET adapter = $1, secret_current = $2, secret_previous = $3, \
         updated_at = $4 WHERE name = $5",
    )
    .bind(&v.adapter)
    .bind(&v.secret_current)
    .bind(v.secret_previous.clone())
    .bind(at.as_millisecond())
    .bind(&v.name)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if changed == 0 {
        return Err(Error::NotFound(format!(
            "vendor {} is not registered",
            v.name
        )));
    }
    let payload = serde_json::to_vec(&serde_json::json!({
        "name": v.name, "adapter": v.adapter,
        "active_secrets": 1 + u8::from(v.secret_previous.is_some()),
    }))?;
    let subject = Subject::Vendor(v.name.clone());
    audit::append(
        &mut tx,
        at,
        &audited(actor, Audited::VendorSecrets, subject, &payload),
    )
    .await?;
    tx.commit().await
}

/// The vendor `name` with its secrets, if registered.
pub async fn vendor(db: &Db, name: &str) -> Result<Option<Vendor>> {
    let row = sqlx::query(
        "SELECT name, adapter, secret_current, secret_previous FROM proctor_vendor WHERE name = $1",
    )
    .bind(name)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(Vendor {
            name: r.try_get("name")?,
            adapter: r.try_get("adapter")?,
            secret_current: r.try_get("secret_current")?,
            secret_previous: r.try_get("secret_previous")?,
        })
    })
    .transpose()
}

/// Every vendor, by name, without secrets.
pub async fn vendors(db: &Db) -> Result<Vec<VendorInfo>> {
    let rows = sqlx::query(
        "SELECT name, adapter, secret_previous, created_at, updated_at FROM proctor_vendor \
         ORDER BY name",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let previous: Option<String> = r.try_get("secret_previous")?;
            Ok(VendorInfo {
                name: r.try_get("name")?,
                adapter: r.try_get("adapter")?,
                active_secrets: 1 + u8::from(previous.is_some()),
                created_at: r.try_get("created_at")?,
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect()
}

/// The campaign of each of `sessions` that exists (missing ones are absent from the map).
pub async fn campaigns_of(db: &Db, sessions: &[&str]) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    for chunk in sessions.chunks(500) {
        let list = db.values(chunk.len(), "?");
        let sql = format!(
            "SELECT session_id, campaign_id FROM exam_session WHERE session_id IN ({list})"
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for s in chunk {
            q = q.bind(*s);
        }
        for row in q.fetch_all(db.pool()).await? {
            out.insert(row.try_get("session_id")?, row.try_get("campaign_id")?);
        }
    }
    Ok(out)
}

fn action_str(a: Action) -> &'static str {
    match a {
        Action::Record => "record",
        Action::Flag => "flag",
        Action::Void => "void",
    }
}

/// A stored action (`record`, `flag`, `void`).
fn parse_action(s: &str) -> std::result::Result<Action, String> {
    match s {
        "record" => Ok(Action::Record),
        "flag" => Ok(Action::Flag),
        "void" => Ok(Action::Void),
        other => Err(format!("{other:?} is not a signal action")),
    }
}

/// What storing one signal came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub event_id: String,
    pub session_id: String,
    /// The policy's action: for a duplicate, the action decided the first time.
    pub action: Action,
    /// The event id was seen before: nothing was stored, nothing happens (p.19: no second
    /// effect).
    pub duplicate: bool,
}

/// The session's signals that count (not superseded) of `kinds`, oldest first: only what the
/// policy can look at is read (a kind no rule counts needs nothing).
async fn active_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    session_id: &str,
    kinds: &[&'static str],
) -> Result<Vec<Signal>> {
    if kinds.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = (0..kinds.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "SELECT signal_id, signal FROM proctor_signal WHERE session_id = $1 AND superseded_by IS NULL \
         AND kind IN ({}) ORDER BY received_at, signal_id",
        list.join(", ")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql)).bind(session_id);
    for k in kinds {
        q = q.bind(*k);
    }
    let rows = q.fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|r| Cells::new(r, "proctor_signal", "signal_id")?.json("signal"))
        .collect()
}

/// A signal id that sorts in the order of arrival (the manual clock of tests, and a batch,
/// give many signals the same `received_at`): the wall clock's nanoseconds, then randomness.
fn sortable_id() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{nanos:024}-{}", crate::id::new_id())
}

/// Stores `signals` (from one callback or page message) in one transaction: a signal whose
/// dedupe key is stored already is a duplicate with its first action; each new one replaces
/// the earlier signal with its `replaces` key (kept, marked superseded), gets
/// `decide(its session's signals so far of the kinds `counted(it)` names, it)`, and is audited
/// as `proctor.signal`. Earlier signals of the same batch count: the transaction reads its own
/// writes.
pub async fn record(
    db: &Db,
    signals: &[Signal],
    actor: &Actor,
    at: jiff::Timestamp,
    counted: impl Fn(&Signal) -> Vec<&'static str>,
    mut decide: impl FnMut(&[Signal], &Signal) -> Action,
) -> Result<Vec<Recorded>> {
    let mut tx = db.begin_write().await?;
    let mut out = Vec::with_capacity(signals.len());
    for signal in signals {
        let key = signal.dedupe_key();
        let first =
            sqlx::query("SELECT signal_id, action FROM proctor_signal WHERE dedupe_key = $1")
                .bind(&key)
                .fetch_optional(&mut **tx)
                .await?;
        if let Some(first) = first {
            let action =
                Cells::new(&first, "proctor_signal", "signal_id")?.parse("action", parse_action)?;
            // A validly signed replay: no effect, but the vendor did send it.
            let payload = serde_json::to_vec(&serde_json::json!({"key": key}))?;
            let subject = Subject::Session(signal.session_id.clone());
            audit::append(
                &mut tx,
                at,
                &audited(actor, Audited::ProctorDuplicate, subject, &payload),
            )
            .await?;
            out.push(Recorded {
                event_id: signal.event_id.clone(),
                session_id: signal.session_id.clone(),
                action,
                duplicate: true,
            });
            continue;
        }
        let signal_id = sortable_id();
        if let Some(replaces) = &signal.replaces {
            sqlx::query(
                "UPDATE proctor_signal SET superseded_by = $1 WHERE session_id = $2 \
                 AND replaces = $3 AND superseded_by IS NULL",
            )
            .bind(&signal_id)
            .bind(&signal.session_id)
            .bind(replaces)
            .execute(&mut **tx)
            .await?;
        }
        let prior = active_in(&mut tx, &signal.session_id, &counted(signal)).await?;
        let action = decide(&prior, signal);
        let json = serde_json::to_string(signal)?;
        sqlx::query(
            "INSERT INTO proctor_signal (signal_id, dedupe_key, session_id, source, kind, replaces, \
             superseded_by, action, signal, received_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)",
        )
        .bind(&signal_id)
        .bind(&key)
        .bind(&signal.session_id)
        .bind(&signal.source)
        .bind(signal.kind.name())
        .bind(signal.replaces.clone())
        .bind(action_str(action))
        .bind(&json)
        .bind(at.as_millisecond())
        .execute(&mut **tx)
        .await?;
        let payload = serde_json::to_vec(&serde_json::json!({
            "key": key, "kind": signal.kind.name(), "action": action_str(action),
            "signal_digest": crate::domain::audit::payload_digest(json.as_bytes()),
        }))?;
        let subject = Subject::Session(signal.session_id.clone());
        audit::append(
            &mut tx,
            at,
            &audited(actor, Audited::ProctorSignal, subject, &payload),
        )
        .await?;
        out.push(Recorded {
            event_id: signal.event_id.clone(),
            session_id: signal.session_id.clone(),
            action,
            duplicate: false,
        });
    }
    tx.commit().await?;
    Ok(out)
}

/// A signal as stored: the neutral signal, what it did, and whether a later one replaced it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredSignal {
    /// The kind's wire name (`verdict_violation`, `tab_hidden`, ...).
    pub kind: &'static str,
    pub signal: Signal,
    pub action: &'static str,
    pub received_at: i64,
    pub superseded: bool,
}

/// Every signal of the session (superseded ones too: the history), oldest first.
pub async fn signals(db: &Db, session_id: &str) -> Result<Vec<StoredSignal>> {
    let rows = sqlx::query(
        "SELECT signal_id, signal, action, received_at, superseded_by FROM proctor_signal \
         WHERE session_id = $1 ORDER BY received_at, signal_id",
    )
    .bind(session_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let cells = Cells::new(r, "proctor_signal", "signal_id")?;
            let superseded: Option<String> = cells.get("superseded_by")?;
            let signal: Signal = cells.json("signal")?;
            Ok(StoredSignal {
                kind: signal.kind.name(),
                signal,
                action: action_str(cells.parse("action", parse_action)?),
                received_at: cells.get("received_at")?,
                superseded: superseded.is_some(),
            })
        })
        .collect()
}

/// The answer given the first time `nonce` of `vendor` was accepted, if it was.
pub async fn nonce_result(db: &Db, vendor: &str, nonce: &str) -> Result<Option<String>> {
    Ok(
        sqlx::query_scalar("SELECT result FROM proctor_nonce WHERE vendor = $1 AND nonce = $2")
            .bind(vendor)
            .bind(nonce)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// Remembers `nonce` with the answer it got; false when another request stored it first.
pub async fn remember_nonce(
    db: &Db,
    vendor: &str,
    nonce: &str,
    result: &str,
    at: jiff::Timestamp,
) -> Result<bool> {
    let inserted = sqlx::query(
        "INSERT INTO proctor_nonce (vendor, nonce, result, received_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (vendor, nonce) DO NOTHING",
    )
    .bind(vendor)
    .bind(nonce)
    .bind(result)
    .bind(at.as_millisecond())
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Records a refused callback whose signature verified (audited: the vendor did send it).
pub async fn audit_refusal(
    db: &Db,
    vendor: &str,
    reason: &str,
    body: &[u8],
    at: jiff::Timestamp,
) -> Result<()> {
    let payload = serde_json::to_vec(&serde_json::json!({
        "reason": reason, "body_digest": crate::domain::audit::payload_digest(body),
    }))?;
    let actor = Actor::Vendor {
        name: vendor.to_owned(),
    };
    audit::append_retrying(
        db,
        at,
        &audited(
            &actor,
            Audited::ProctorRefused,
            Subject::Vendor(vendor.to_owned()),
            &payload,
        ),
    )
    .await?;
    Ok(())
}

/// A campaign's proctoring settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settings {
    /// The policy JSON as written (validated by `synaq_proctor::policy::Policy::from_json`).
    pub policy: String,
    /// Results stay provisional this many hours after the exam ends (vendor verdicts come late).
    pub review_window_h: i64,
    /// Two reviewers must confirm before an automated flag voids.
    pub second_review: bool,
}

/// The default review window: 72 hours after the exam ends.
pub const DEFAULT_REVIEW_WINDOW_H: i64 = 72;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            policy: synaq_proctor::policy::DEFAULT_JSON.to_owned(),
            review_window_h: DEFAULT_REVIEW_WINDOW_H,
            second_review: false,
        }
    }
}

/// Sets a campaign's proctoring settings (audited).
pub async fn set_settings(
    db: &Db,
    campaign_id: &str,
    s: &Settings,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    super::campaign::get(db, campaign_id).await?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO proctor_policy (campaign_id, policy, review_window_h, second_review, \
         updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (campaign_id) DO UPDATE SET policy = excluded.policy, \
         review_window_h = excluded.review_window_h, second_review = excluded.second_review, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(campaign_id)
    .bind(&s.policy)
    .bind(s.review_window_h)
    .bind(i64::from(s.second_review))
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .execute(&mut **tx)
    .await?;
    let payload = serde_json::to_vec(s)?;
    let subject = Subject::Campaign(campaign_id.to_owned());
    audit::append(
        &mut tx,
        at,
        &audited(actor, Audited::ProctorPolicy, subject, &payload),
    )
    .await?;
    tx.commit().await
}

/// A campaign's settings, the default when none were set.
pub async fn settings(db: &Db, campaign_id: &str) -> Result<Settings> {
    let row = sqlx::query(
        "SELECT policy, review_window_h, second_review FROM proctor_policy WHERE campaign_id = $1",
    )
    .bind(campaign_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        None => Settings::default(),
        Some(r) => Settings {
            policy: r.try_get("policy")?,
            review_window_h: r.try_get("review_window_h")?,
            second_review: r.try_get::<i64, _>("second_review")? == 1,
        },
    })
}

/// What voided a session (p.19), stored with the void so the candidate's page can say it in
/// kk/ru.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoidCause {
    /// The campaign's policy on a proctoring signal (the signal's kind is kept).
    Signal,
    /// A proctoring reviewer confirmed a flag.
    Review,
    /// An administrator.
    Staff,
}

impl VoidCause {
    pub fn as_str(self) -> &'static str {
        match self {
            VoidCause::Signal => "signal",
            VoidCause::Review => "review",
            VoidCause::Staff => "staff",
        }
    }

    pub fn parse(text: &str) -> Option<VoidCause> {
        [VoidCause::Signal, VoidCause::Review, VoidCause::Staff]
            .into_iter()
            .find(|c| c.as_str() == text)
    }
}

/// Why a void is noted: its cause, the signal kind of a policy's void, the reason in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoidNote<'a> {
    pub cause: VoidCause,
    /// The signal's kind (`phone_detected`, ...) when the cause is a signal.
    pub kind: Option<&'a str>,
    pub reason: &'a str,
}

/// One void of a session and, if it came, its reinstatement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoidRecord {
    /// None for a void noted before causes were kept.
    pub cause: Option<VoidCause>,
    pub kind: Option<String>,
    pub reason: String,
    pub voided_by: String,
    pub voided_at: i64,
    pub reinstated_at: Option<i64>,
    pub reinstated_by: Option<String>,
    pub reinstate_reason: Option<String>,
}

/// Notes why a session is being voided (the void itself is `store::exam::void`, audited
/// there); noted first, so the socket that hears of the void can tell the candidate why. The
/// note's id, to withdraw it ([`withdraw_void_note`]) when the void did not happen.
pub async fn note_void(
    db: &Db,
    session_id: &str,
    note: VoidNote<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<String> {
    let void_id = crate::id::new_id();
    sqlx::query(
        "INSERT INTO proctor_void (void_id, session_id, reason, voided_by, voided_at, cause, kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&void_id)
    .bind(session_id)
    .bind(note.reason)
    .bind(actor.to_string())
    .bind(at.as_millisecond())
    .bind(note.cause.as_str())
    .bind(note.kind.map(str::to_owned))
    .execute(db.pool())
    .await?;
    Ok(void_id)
}

/// Withdraws the note of a void that did not happen (the session was voided already).
pub async fn withdraw_void_note(db: &Db, void_id: &str) -> Result<()> {
    sqlx::query("DELETE FROM proctor_void WHERE void_id = $1")
        .bind(void_id)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The session's voids, oldest first.
pub async fn voids(db: &Db, session_id: &str) -> Result<Vec<VoidRecord>> {
    let rows = sqlx::query(
        "SELECT void_id, cause, kind, reason, voided_by, voided_at, reinstated_at, reinstated_by, \
         reinstate_reason FROM proctor_void WHERE session_id = $1 ORDER BY voided_at, void_id",
    )
    .bind(session_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let cells = Cells::new(r, "proctor_void", "void_id")?;
            Ok(VoidRecord {
                cause: cells.parse_opt("cause", |text| {
                    VoidCause::parse(text).ok_or_else(|| format!("unknown cause {text:?}"))
                })?,
                kind: cells.get("kind")?,
                reason: r.try_get("reason")?,
                voided_by: r.try_get("voided_by")?,
                voided_at: r.try_get("voided_at")?,
                reinstated_at: r.try_get("reinstated_at")?,
                reinstated_by: r.try_get("reinstated_by")?,
                reinstate_reason: r.try_get("reinstate_reason")?,
            })
        })
        .collect()
}

/// Reinstates a voided session whose result was annulled: the session is scored again, every
/// version annulled by the void is restored, the void is marked reinstated, all audited in one
/// transaction. False when the session is not voided (someone else won, or it never was).
/// A session voided before it was scored has no result to restore: a conflict.
pub async fn reinstate(
    db: &Db,
    session_id: &str,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<bool> {
    let transition = Transition::Reinstate;
    let mut tx = db.begin_write().await?;
    let annulled: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM result WHERE session_id = $1 AND annulled_at IS NOT NULL",
    )
    .bind(session_id)
    .fetch_one(&mut **tx)
    .await?;
    let from: Vec<String> = transition
        .allowed_from()
        .iter()
        .map(|s: &Status| format!("'{}'", s.as_str()))
        .collect();
    let won = sqlx::query(AssertSqlSafe(format!(
        "UPDATE exam_session SET status = '{}', updated_at = $1 WHERE session_id = $2 \
         AND status IN ({})",
        transition.target().as_str(),
        from.join(", ")
    )))
    .bind(at.as_millisecond())
    .bind(session_id)
    .execute(&mut **tx)
    .await?
    .rows_affected()
        == 1;
    if !won {
        tx.rollback().await?;
        return Ok(false);
    }
    if annulled == 0 {
        tx.rollback().await?;
        return Err(Error::Conflict {
            constraint: "result_session_version_unique",
            message: "the session was voided before it was scored: there is no result to \
                      restore (p.19)"
                .into(),
        });
    }
    sqlx::query("UPDATE result SET annulled_at = NULL WHERE session_id = $1")
        .bind(session_id)
        .execute(&mut **tx)
        .await?;
    sqlx::query(
        "UPDATE proctor_void SET reinstated_at = $1, reinstated_by = $2, reinstate_reason = $3 \
         WHERE session_id = $4 AND reinstated_at IS NULL",
    )
    .bind(at.as_millisecond())
    .bind(actor.to_string())
    .bind(reason)
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    let subject = Subject::Session(session_id.to_owned());
    audit::append(
        &mut tx,
        at,
        &audited(actor, Audited::ExamReinstate, subject, reason.as_bytes()),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Stores an evidence image under its SHA-256 (once: the same bytes are one row).
pub async fn put_evidence(
    db: &Db,
    e: &synaq_proctor::evidence::Evidence,
    original: &[u8],
    at: jiff::Timestamp,
) -> Result<()> {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD;
    sqlx::query(
        "INSERT INTO proctor_evidence (sha256, mime, width, height, bytes, original, thumbnail, \
         received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&e.sha256)
    .bind(e.mime)
    .bind(i64::from(e.width))
    .bind(i64::from(e.height))
    .bind(original.len() as i64)
    .bind(b64.encode(original))
    .bind(b64.encode(&e.thumbnail_png))
    .bind(at.as_millisecond())
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A stored evidence image's description and its thumbnail (PNG, base64).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceInfo {
    pub sha256: String,
    pub mime: String,
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub thumbnail_png_base64: String,
}

/// The evidence at `sha256`, if stored.
pub async fn evidence(db: &Db, sha256: &str) -> Result<Option<EvidenceInfo>> {
    let row = sqlx::query(
        "SELECT sha256, mime, width, height, bytes, thumbnail FROM proctor_evidence WHERE sha256 = $1",
    )
    .bind(sha256)
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(EvidenceInfo {
            sha256: r.try_get("sha256")?,
            mime: r.try_get("mime")?,
            width: r.try_get("width")?,
            height: r.try_get("height")?,
            bytes: r.try_get("bytes")?,
            thumbnail_png_base64: r.try_get("thumbnail")?,
        })
    })
    .transpose()
}

/// A session waiting in (or decided by) the review queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub session_id: String,
    pub state: String,
    /// Opened by an automated flag (not a person's verdict).
    pub automated: bool,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
}

fn review_from(r: &sqlx::any::AnyRow) -> Result<Review> {
    Ok(Review {
        session_id: r.try_get("session_id")?,
        state: r.try_get("state")?,
        automated: r.try_get::<i64, _>("automated")? == 1,
        opened_at: r.try_get("opened_at")?,
        closed_at: r.try_get("closed_at")?,
    })
}

/// Puts the session in the review queue (a flag); reopens a review decided earlier. An open
/// review opened by an automated flag becomes a human one when a person's verdict flags it.
pub async fn open_review(
    db: &Db,
    session_id: &str,
    automated: bool,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    let current = sqlx::query(
        "SELECT session_id, state, automated, opened_at, closed_at FROM proctor_review \
         WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(&mut **tx)
    .await?;
    let current = current.as_ref().map(review_from).transpose()?;
    let automated = i64::from(automated);
    match current {
        None => {
            sqlx::query(
                "INSERT INTO proctor_review (session_id, state, automated, opened_at, closed_at) \
                 VALUES ($1, 'open', $2, $3, NULL)",
            )
            .bind(session_id)
            .bind(automated)
            .bind(at.as_millisecond())
            .execute(&mut **tx)
            .await?;
        }
        Some(r) if r.state == "open" => {
            sqlx::query(
                "UPDATE proctor_review SET automated = automated * $1 WHERE session_id = $2",
            )
            .bind(automated)
            .bind(session_id)
            .execute(&mut **tx)
            .await?;
        }
        Some(_) => {
            sqlx::query(
                "UPDATE proctor_review SET state = 'open', automated = $1, opened_at = $2, \
                 closed_at = NULL WHERE session_id = $3",
            )
            .bind(automated)
            .bind(at.as_millisecond())
            .bind(session_id)
            .execute(&mut **tx)
            .await?;
        }
    }
    tx.commit().await
}

/// Takes a voided session off the queue: there is nothing left to decide (state `voided`).
pub async fn close_review_voided(db: &Db, session_id: &str, at: jiff::Timestamp) -> Result<()> {
    sqlx::query(
        "UPDATE proctor_review SET state = 'voided', closed_at = $1 WHERE session_id = $2 \
         AND state = 'open'",
    )
    .bind(at.as_millisecond())
    .bind(session_id)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The open reviews, oldest first.
pub async fn queue(db: &Db) -> Result<Vec<Review>> {
    let rows = sqlx::query(
        "SELECT session_id, state, automated, opened_at, closed_at FROM proctor_review \
         WHERE state = 'open' ORDER BY opened_at, session_id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(review_from).collect()
}

/// The session's review, if it was ever flagged.
pub async fn review(db: &Db, session_id: &str) -> Result<Option<Review>> {
    let row = sqlx::query(
        "SELECT session_id, state, automated, opened_at, closed_at FROM proctor_review \
         WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(review_from).transpose()
}

/// A reviewer's decision on a flagged session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The violation stands: the session is voided (p.19).
    Confirm,
    /// No violation: the session leaves the queue.
    Dismiss,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Confirm => "confirm",
            Decision::Dismiss => "dismiss",
        }
    }
}

/// What a vote came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    /// Confirmed by enough reviewers: the caller voids the session.
    Confirmed,
    /// Confirmed by this reviewer; `have` of `need` confirmations so far.
    Pending {
        have: i64,
        need: i64,
    },
    Dismissed,
}

/// Records `reviewer`'s decision on the session's open review (audited). `confirmations` is
/// how many distinct reviewers must confirm (2 when the campaign asks for a second review of an
/// automated flag). A reviewer votes once per opening of the review.
pub async fn vote(
    db: &Db,
    session_id: &str,
    reviewer: &Actor,
    decision: Decision,
    reason: &str,
    confirmations: i64,
    at: jiff::Timestamp,
) -> Result<Vote> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT session_id, state, automated, opened_at, closed_at FROM proctor_review \
         WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_optional(&mut **tx)
    .await?;
    let review = row.as_ref().map(review_from).transpose()?;
    let Some(review) = review.filter(|r| r.state == "open") else {
        tx.rollback().await?;
        return Err(Error::Conflict {
            constraint: "proctor_review_pkey",
            message: format!("session {session_id} is not waiting for review"),
        });
    };
    sqlx::query(
        "INSERT INTO proctor_review_vote (session_id, reviewer, decision, reason, at_ms, round) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(session_id)
    .bind(reviewer.to_string())
    .bind(decision.as_str())
    .bind(reason)
    .bind(at.as_millisecond())
    .bind(review.opened_at)
    .execute(&mut **tx)
    .await
    .on_constraint(
        Constraint {
            name: "proctor_review_vote_pk",
            sqlite_columns: "proctor_review_vote.session_id, proctor_review_vote.round, \
                             proctor_review_vote.reviewer",
        },
        || format!("{reviewer} has already decided on this review; another reviewer must"),
    )?;
    let have: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM proctor_review_vote WHERE session_id = $1 AND round = $2 \
         AND decision = 'confirm'",
    )
    .bind(session_id)
    .bind(review.opened_at)
    .fetch_one(&mut **tx)
    .await?;
    let outcome = match decision {
        Decision::Dismiss => Vote::Dismissed,
        Decision::Confirm if have >= confirmations => Vote::Confirmed,
        Decision::Confirm => Vote::Pending {
            have,
            need: confirmations,
        },
    };
    let state = match outcome {
        Vote::Confirmed => Some("confirmed"),
        Vote::Dismissed => Some("dismissed"),
        Vote::Pending { .. } => None,
    };
    if let Some(state) = state {
        sqlx::query("UPDATE proctor_review SET state = $1, closed_at = $2 WHERE session_id = $3")
            .bind(state)
            .bind(at.as_millisecond())
            .bind(session_id)
            .execute(&mut **tx)
            .await?;
    }
    let payload = serde_json::to_vec(&serde_json::json!({
        "decision": decision.as_str(), "reason": reason, "confirmations": have,
        "needed": confirmations,
    }))?;
    let subject = Subject::Session(session_id.to_owned());
    audit::append(
        &mut tx,
        at,
        &audited(reviewer, Audited::ProctorReview, subject, &payload),
    )
    .await?;
    tx.commit().await?;
    Ok(outcome)
}

/// One reviewer's vote, for the queue's view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteRecord {
    pub reviewer: String,
    pub decision: String,
    pub reason: String,
    pub at_ms: i64,
}

/// The votes on the session's current review round.
pub async fn votes(db: &Db, session_id: &str, round: i64) -> Result<Vec<VoteRecord>> {
    let rows = sqlx::query(
        "SELECT reviewer, decision, reason, at_ms FROM proctor_review_vote \
         WHERE session_id = $1 AND round = $2 ORDER BY at_ms, reviewer",
    )
    .bind(session_id)
    .bind(round)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(VoteRecord {
                reviewer: r.try_get("reviewer")?,
                decision: r.try_get("decision")?,
                reason: r.try_get("reason")?,
                at_ms: r.try_get("at_ms")?,
            })
        })
        .collect()
}
