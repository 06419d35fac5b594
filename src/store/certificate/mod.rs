//! The LEB's decisions and certificates (migrations/0015) and the keys that sign the
//! certificates' QR codes. Every write is audited in its own transaction; the annulment of
//! a voided session's certificates runs inside the void's transaction ([`annul_in`]).
//!
//! The signing keys are `key`'s.
//!
//! A decision or an issue first touches the session's row (`status = status` where it is
//! `scored`): on PostgreSQL that row lock orders it with a concurrent void, so no certificate
//! can be issued for a session voided meanwhile.

mod key;

pub use key::{PublicKey, SigningKey, active_key, public_key, public_keys, rotate_key};

use jiff::civil::Date;
use sqlx::{Any, AssertSqlSafe, Row, Transaction};

use super::audit::{self, Event};
use super::row::{Cells, known};
use super::{Constraint, Db, Error, OnConstraint, Result, WriteTx};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::certificate::seal::{self, Payload};
use crate::domain::certificate::{Due, Fields, Kind, Number, RANDOM_CHARS, Verdict};

const DECISION_UNIQUE: Constraint = Constraint {
    name: "leb_decision_result_unique",
    sqlite_columns: "leb_decision.result_id",
};

/// A decision to record.
#[derive(Debug, Clone)]
pub struct NewDecision<'a> {
    pub session_id: &'a str,
    pub result_id: &'a str,
    pub region: &'a str,
    pub verdict: Verdict,
    pub decided_on: Date,
    pub order_number: &'a str,
    pub note: &'a str,
    pub due: &'a Due,
}

/// A recorded LEB decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DecisionRow {
    pub decision_id: String,
    pub session_id: String,
    pub result_id: String,
    pub region: String,
    pub verdict: Verdict,
    pub decided_on: Date,
    pub order_number: String,
    pub note: String,
    pub due_on: Date,
    pub due_provisional: bool,
    pub decided_at: i64,
    pub decided_by: String,
}

const DECISION_COLUMNS: &str = "decision_id, session_id, result_id, region, verdict, decided_on, \
     order_number, note, due_on, due_provisional, decided_at, decided_by";

fn decision_from(row: &sqlx::any::AnyRow) -> Result<DecisionRow> {
    let cells = Cells::new(row, "leb_decision", "decision_id")?;
    Ok(DecisionRow {
        decision_id: cells.key().to_owned(),
        session_id: cells.get("session_id")?,
        result_id: cells.get("result_id")?,
        region: cells.get("region")?,
        verdict: cells.json("verdict")?,
        decided_on: cells.parse("decided_on", str::parse::<Date>)?,
        order_number: cells.get("order_number")?,
        note: cells.get("note")?,
        due_on: cells.parse("due_on", str::parse::<Date>)?,
        due_provisional: cells.get::<i64>("due_provisional")? == 1,
        decided_at: cells.get("decided_at")?,
        decided_by: cells.get("decided_by")?,
    })
}

/// Holds the session's row while it is scored (see the module's note); false when it is not.
async fn hold_scored(tx: &mut WriteTx, session_id: &str) -> Result<bool> {
    Ok(sqlx::query(
        "UPDATE exam_session SET status = status WHERE session_id = $1 AND status = 'scored'",
    )
    .bind(session_id)
    .execute(&mut ***tx)
    .await?
    .rows_affected()
        == 1)
}

/// Records the decision on `new.result_id`, audited; 409 when that result version is decided
/// already or the session is no longer scored.
pub async fn decide(
    db: &Db,
    new: &NewDecision<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<DecisionRow> {
    let mut tx = db.begin_write().await?;
    if !hold_scored(&mut tx, new.session_id).await? {
        tx.rollback().await?;
        return Err(Error::Conflict {
            constraint: "exam_session.status",
            message: "the session is no longer scored (voided meanwhile?): nothing to decide"
                .into(),
        });
    }
    let row = DecisionRow {
        decision_id: crate::id::new_id(),
        session_id: new.session_id.to_owned(),
        result_id: new.result_id.to_owned(),
        region: new.region.to_owned(),
        verdict: new.verdict,
        decided_on: new.decided_on,
        order_number: new.order_number.to_owned(),
        note: new.note.to_owned(),
        due_on: new.due.last_day,
        due_provisional: new.due.provisional,
        decided_at: at.as_millisecond(),
        decided_by: actor.to_string(),
    };
    sqlx::query(
        "INSERT INTO leb_decision (decision_id, session_id, result_id, region, verdict, decided_on, \
         order_number, note, due_on, due_provisional, decided_at, decided_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&row.decision_id)
    .bind(&row.session_id)
    .bind(&row.result_id)
    .bind(&row.region)
    .bind(serde_json::to_string(&row.verdict)?)
    .bind(row.decided_on.to_string())
    .bind(&row.order_number)
    .bind(&row.note)
    .bind(row.due_on.to_string())
    .bind(i64::from(row.due_provisional))
    .bind(row.decided_at)
    .bind(&row.decided_by)
    .execute(&mut **tx)
    .await
    .on_constraint(DECISION_UNIQUE, || {
        "this result is decided already (p.32): one decision per result version".into()
    })?;
    let payload = serde_json::to_vec(&row)?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::LebDecide,
            subject: Subject::Session(new.session_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// The decision taken on the result version `result_id`, if any.
pub async fn decision_of_result(db: &Db, result_id: &str) -> Result<Option<DecisionRow>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {DECISION_COLUMNS} FROM leb_decision WHERE result_id = $1"
    )))
    .bind(result_id)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(decision_from).transpose()
}

/// An issued certificate.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CertificateRow {
    pub number: String,
    pub decision_id: String,
    pub session_id: String,
    pub region: String,
    pub kind: Kind,
    pub fields: Fields,
    /// The QR's `p` and `s`, exactly as signed.
    pub payload: String,
    pub signature: String,
    pub key_id: String,
    pub verify_url: String,
    pub issued_at: i64,
    pub issued_by: String,
    /// The session was voided after the issue (p.19).
    pub annulled_at: Option<i64>,
}

const CERTIFICATE_COLUMNS: &str = "certificate_number, decision_id, session_id, region, kind, \
     fields, payload, signature, key_id, verify_url, issued_at, issued_by, annulled_at";

fn certificate_from(row: &sqlx::any::AnyRow) -> Result<CertificateRow> {
    let cells = Cells::new(row, "certificate", "certificate_number")?;
    Ok(CertificateRow {
        number: cells.key().to_owned(),
        decision_id: cells.get("decision_id")?,
        session_id: cells.get("session_id")?,
        region: cells.get("region")?,
        kind: cells.parse("kind", known("kind", Kind::parse))?,
        fields: cells.json("fields")?,
        payload: cells.get("payload")?,
        signature: cells.get("signature")?,
        key_id: cells.get("key_id")?,
        verify_url: cells.get("verify_url")?,
        issued_at: cells.get("issued_at")?,
        issued_by: cells.get("issued_by")?,
        annulled_at: cells.get("annulled_at")?,
    })
}

/// A certificate to issue: the number is drawn here.
#[derive(Debug)]
pub struct NewCertificate<'a> {
    pub decision_id: &'a str,
    pub session_id: &'a str,
    /// The 1-based region number of the certificate number.
    pub region_number: u8,
    pub fields: &'a Fields,
    pub key: &'a SigningKey,
    /// Where `/verify` is served (the QR's URL).
    pub origin: &'a str,
}

/// How often a number is drawn again when two issuers took the same sequence at once.
const NUMBER_ATTEMPTS: usize = 8;

/// Issues the certificate: the next sequence number of the region and year with a random
/// part, the payload sealed with `new.key`, audited. 409 when the decision has a live
/// certificate already or the session is no longer scored.
pub async fn issue(
    db: &Db,
    new: &NewCertificate<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<CertificateRow> {
    let fields = new.fields;
    let year = fields.decided_on.year();
    for _ in 0..NUMBER_ATTEMPTS {
        let mut tx = db.begin_write().await?;
        if !hold_scored(&mut tx, new.session_id).await? {
            tx.rollback().await?;
            return Err(Error::Conflict {
                constraint: "exam_session.status",
                message: "the session is no longer scored (voided?): no certificate (p.19)".into(),
            });
        }
        let live: Option<String> = sqlx::query_scalar(
            "SELECT certificate_number FROM certificate WHERE decision_id = $1 AND live = 1",
        )
        .bind(new.decision_id)
        .fetch_optional(&mut **tx)
        .await?;
        if let Some(number) = live {
            tx.rollback().await?;
            return Err(Error::Conflict {
                constraint: "certificate_live_decision",
                message: format!("certificate {number} is issued for this decision already"),
            });
        }
        let last: Option<i64> =
            sqlx::query_scalar("SELECT MAX(seq) FROM certificate WHERE region = $1 AND year = $2")
                .bind(&fields.region)
                .bind(i64::from(year))
                .fetch_one(&mut **tx)
                .await?;
        let seq = last.unwrap_or(0) + 1;
        let random = crate::id::random_bytes::<RANDOM_CHARS>();
        let number = Number::new(
            new.region_number,
            year,
            u32::try_from(seq).map_err(|_| Error::Corrupt("sequence out of range".into()))?,
            random,
        )
        .to_string();
        let payload = Payload {
            v: seal::VERSION,
            n: number.clone(),
            k: fields.kind,
            f: fields.full_name.clone(),
            d: fields.verdict.code().to_owned(),
            w: match fields.category {
                Some(c) => c.slug().to_owned(),
                None => fields.position.clone(),
            },
            t: fields.decided_on.to_string(),
            u: fields.valid_until.to_string(),
            i: new.key.key_id.clone(),
        };
        let sealed =
            seal::seal(&new.key.pkcs8, &payload).map_err(|e| Error::Corrupt(e.to_string()))?;
        let row = CertificateRow {
            verify_url: seal::verify_url(new.origin, &number, &sealed),
            number,
            decision_id: new.decision_id.to_owned(),
            session_id: new.session_id.to_owned(),
            region: fields.region.clone(),
            kind: fields.kind,
            fields: fields.clone(),
            payload: sealed.payload,
            signature: sealed.signature,
            key_id: new.key.key_id.clone(),
            issued_at: at.as_millisecond(),
            issued_by: actor.to_string(),
            annulled_at: None,
        };
        let inserted = sqlx::query(
            "INSERT INTO certificate (certificate_number, decision_id, session_id, region, year, seq, \
             kind, fields, payload, signature, key_id, verify_url, issued_at, issued_by, \
             annulled_at, live) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, 1)",
        )
        .bind(&row.number)
        .bind(&row.decision_id)
        .bind(&row.session_id)
        .bind(&row.region)
        .bind(i64::from(year))
        .bind(seq)
        .bind(row.kind.as_str())
        .bind(serde_json::to_string(&row.fields)?)
        .bind(&row.payload)
        .bind(&row.signature)
        .bind(&row.key_id)
        .bind(&row.verify_url)
        .bind(row.issued_at)
        .bind(&row.issued_by)
        .execute(&mut **tx)
        .await;
        match inserted {
            Ok(_) => {}
            // Another issuer took this sequence (or, once in 33 million, this number).
            Err(e) if super::is_unique_violation(&e) => {
                tx.rollback().await?;
                continue;
            }
            Err(e) => return Err(e.into()),
        }
        audit::append(
            &mut tx,
            at,
            &Event {
                actor,
                action: Action::CertificateIssue,
                subject: Subject::Certificate(row.number.clone()),
                payload: row.payload.as_bytes(),
            },
        )
        .await?;
        tx.commit().await?;
        return Ok(row);
    }
    Err(Error::Conflict {
        constraint: "certificate_region_year_seq",
        message: "too many certificates were issued at once in this region; try again".into(),
    })
}

/// The certificate `number`, if issued.
pub async fn certificate(db: &Db, number: &str) -> Result<Option<CertificateRow>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificate WHERE certificate_number = $1"
    )))
    .bind(number)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(certificate_from).transpose()
}

/// The certificates of a session, newest first (annulled ones included).
pub async fn of_session(db: &Db, session_id: &str) -> Result<Vec<CertificateRow>> {
    sqlx::query(AssertSqlSafe(format!(
        "SELECT {CERTIFICATE_COLUMNS} FROM certificate WHERE session_id = $1 \
         ORDER BY issued_at DESC, certificate_number"
    )))
    .bind(session_id)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(certificate_from)
    .collect()
}

/// Annuls the session's live certificates inside the void's transaction `tx` (p.19: a void
/// after the issue annuls the certificate), each audited; their numbers.
pub async fn annul_in(
    tx: &mut Transaction<'static, Any>,
    session_id: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Vec<String>> {
    let numbers: Vec<String> = sqlx::query(
        "SELECT certificate_number FROM certificate WHERE session_id = $1 AND annulled_at IS NULL \
         ORDER BY certificate_number",
    )
    .bind(session_id)
    .fetch_all(&mut **tx)
    .await?
    .iter()
    .map(|row| row.try_get::<String, _>("certificate_number"))
    .collect::<std::result::Result<_, _>>()?;
    if numbers.is_empty() {
        return Ok(numbers);
    }
    sqlx::query(
        "UPDATE certificate SET annulled_at = $1, live = NULL \
         WHERE session_id = $2 AND annulled_at IS NULL",
    )
    .bind(at.as_millisecond())
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    for number in &numbers {
        audit::append(
            tx,
            at,
            &Event {
                actor,
                action: Action::CertificateAnnul,
                subject: Subject::Certificate(number.clone()),
                payload: session_id.as_bytes(),
            },
        )
        .await?;
    }
    Ok(numbers)
}
