//! The TMC's list of attestees (migrations/0013): the rows an operator uploads (p.9), their
//! corrections (p.10), the personnel data and the admission computed from it (p.4-p.6, p.14),
//! and the access codes of the admitted, issued through `campaign::insert_roster` (the one
//! code that makes roster entries and exam sessions). Every write is audited in its own
//! transaction.
//!
//! The checks are the domain's (`domain::attestee`, `domain::personnel`); a caller limited to
//! one organization passes it as `scope` and never reads or changes another's rows.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::{AssertSqlSafe, Row};

use super::audit::{self, Event};
use super::campaign::{self, IssuedCode, RosterOrigin};
use super::listing::{Listed, Page, escape_like, name_patterns};
use super::row::{Cells, known};
use super::{Constraint, Db, Error, OnConstraint, Result, WriteTx};
use crate::domain::attestee::{Admission, Exclusion, ExclusionReason};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::iin::Iin;
use crate::domain::personnel::Facts;
use crate::domain::region::Region;
use crate::domain::roster::RosterRow;
use crate::domain::rules::{Category, Position, Procedure, Reason};

/// One person per IIN on a campaign's list (migrations/0013).
const ATTESTEE_IIN_UNIQUE: Constraint = Constraint {
    name: "attestee_iin_unique",
    sqlite_columns: "attestee.campaign_id, attestee.iin",
};

/// A person of the list as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Attestee {
    pub attestee_id: String,
    pub campaign_id: String,
    /// The Appendix 1 columns (its `line` is 0: the upload's line is not kept).
    pub row: RosterRow,
    /// The correction of p.10, while excluded.
    pub exclusion: Option<Exclusion>,
    /// The personnel data last uploaded.
    pub facts: Option<Facts>,
    pub admission: Admission,
    /// Why not admitted, each with its clause; empty otherwise.
    pub reasons: Vec<Reason>,
    /// The testing day the admission was computed for.
    pub admission_on: Option<jiff::civil::Date>,
    /// The exam session of the code issued, if any.
    pub session_id: Option<String>,
    pub session_status: Option<String>,
    /// The code issued died with an exclusion (p.10); a new one is issued once re-included.
    pub code_dead: bool,
}

impl Attestee {
    /// Where the code stands: `none`, `issued` or `revoked`.
    pub fn code(&self) -> &'static str {
        match (&self.session_id, self.code_dead) {
            (None, _) => "none",
            (Some(_), false) => "issued",
            (Some(_), true) => "revoked",
        }
    }

    /// The status the listing shows and filters on: `excluded` while corrected off the list,
    /// else the admission.
    pub fn status(&self) -> &'static str {
        match self.exclusion {
            Some(_) => "excluded",
            None => self.admission.slug(),
        }
    }
}

const SELECT: &str = "SELECT a.attestee_id, a.campaign_id, a.number, a.iin, a.name, a.position, \
     a.organization, a.procedure, a.current_category, a.claimed_category, a.region, a.place_of_work, \
     a.service_years, a.education, a.excluded_reason, a.excluded_from, a.excluded_until, \
     a.excluded_note, a.personnel, a.admission, a.reasons, a.admission_on, a.code_dead, \
     s.session_id, s.status AS session_status \
     FROM attestee a LEFT JOIN exam_session s ON s.roster_id = a.roster_id";

fn date(text: &str) -> std::result::Result<jiff::civil::Date, jiff::Error> {
    text.parse()
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Attestee> {
    let cells = Cells::new(row, "attestee", "attestee_id")?;
    let iin: String = cells.get("iin")?;
    let exclusion = match cells.parse_opt("excluded_reason", ExclusionReason::parse)? {
        None => None,
        Some(reason) => Some(Exclusion {
            reason,
            from: cells.parse("excluded_from", date)?,
            until: cells.parse_opt("excluded_until", date)?,
            note: cells.get("excluded_note")?,
        }),
    };
    let facts: Option<String> = cells.get("personnel")?;
    Ok(Attestee {
        attestee_id: cells.key().to_owned(),
        campaign_id: cells.get("campaign_id")?,
        row: RosterRow {
            line: 0,
            number: cells.get("number")?,
            iin: Iin::parse(&iin).map_err(|e| cells.corrupt("iin", e))?,
            name: cells.get("name")?,
            position: cells.parse("position", known("position", Position::by_slug))?,
            organization: cells.get("organization")?,
            procedure: cells.parse("procedure", str::parse::<Procedure>)?,
            current_category: cells.parse_opt("current_category", str::parse::<Category>)?,
            claimed_category: cells.parse_opt("claimed_category", str::parse::<Category>)?,
            region: Some(cells.parse("region", known("region", Region::by_slug))?),
            place_of_work: cells.get("place_of_work")?,
            service_years: cells.get("service_years")?,
            education: cells.get("education")?,
        },
        exclusion,
        facts: facts
            .map(|f| serde_json::from_str(&f).map_err(|e| cells.corrupt("personnel", e)))
            .transpose()?,
        admission: cells.parse("admission", known("admission", Admission::parse))?,
        reasons: cells.json("reasons")?,
        admission_on: cells.parse_opt("admission_on", date)?,
        session_id: cells.get("session_id")?,
        session_status: cells.get("session_status")?,
        code_dead: cells.get::<i64>("code_dead")? != 0,
    })
}

/// The clause limiting a statement to `scope` as its parameter `n`; empty for `None`, whose
/// callers then bind no such parameter ([`bind_scope`]).
fn in_scope(scope: Option<&str>, n: usize) -> String {
    match scope {
        Some(_) => format!(" AND a.organization = ${n}"),
        None => String::new(),
    }
}

/// Binds `scope` when [`in_scope`] named it.
fn bind_scope<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    scope: Option<&str>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match scope {
        Some(scope) => query.bind(scope.to_owned()),
        None => query,
    }
}

/// The IINs on a campaign's list, each with the name stored.
pub async fn listed(db: &Db, campaign_id: &str) -> Result<HashMap<String, String>> {
    let rows = sqlx::query("SELECT iin, name FROM attestee WHERE campaign_id = $1")
        .bind(campaign_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("iin")?, r.try_get("name")?)))
        .collect()
}

/// Rows per multi-row INSERT (17 parameters each).
const BATCH: usize = 200;

/// Adds validated rows to a campaign's list, all or none (an IIN already listed refuses the
/// upload: the domain names its line; the constraint guards a concurrent upload). Each starts
/// with no personnel data. Audited as `attestee.import`.
pub async fn add(
    db: &Db,
    campaign_id: &str,
    rows: &[RosterRow],
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Vec<String>> {
    campaign::get(db, campaign_id).await?;
    let ids: Vec<String> = rows.iter().map(|_| crate::id::new_id()).collect();
    let now = at.as_millisecond();
    let mut tx = db.begin_write().await?;
    for (chunk, chunk_ids) in rows.chunks(BATCH).zip(ids.chunks(BATCH)) {
        let sql = format!(
            "INSERT INTO attestee (attestee_id, campaign_id, number, iin, name, position, organization, \
             procedure, current_category, claimed_category, region, place_of_work, service_years, \
             education, admission, reasons, created_at, updated_at) VALUES {}",
            db.values(chunk.len(), &Db::shape(18))
        );
        let mut insert = sqlx::query(AssertSqlSafe(sql));
        for (row, id) in chunk.iter().zip(chunk_ids) {
            insert = insert
                .bind(id.clone())
                .bind(campaign_id.to_owned())
                .bind(row.number.clone())
                .bind(row.iin.to_string())
                .bind(row.name.clone())
                .bind(row.position.slug)
                .bind(row.organization.clone())
                .bind(row.procedure.slug())
                .bind(row.current_category.map(|c| c.slug().to_owned()))
                .bind(row.claimed_category.map(|c| c.slug().to_owned()))
                .bind(row.region.map_or("", |r| r.slug))
                .bind(row.place_of_work.clone())
                .bind(row.service_years.clone())
                .bind(row.education.clone())
                .bind(Admission::NoData.slug())
                .bind("[]")
                .bind(now)
                .bind(now);
        }
        insert
            .execute(&mut **tx)
            .await
            .on_constraint(ATTESTEE_IIN_UNIQUE, || {
                "an IIN of this upload is already on the campaign's list; nothing was added".into()
            })?;
    }
    let organizations: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.organization.as_str()).collect();
    let payload = serde_json::to_vec(&serde_json::json!({
        "attestees": ids,
        "organizations": organizations,
    }))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::AttesteeImport,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(ids)
}

/// Which attestees of a campaign to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this organization's (a `tmc_operator`'s scope).
    pub scope: Option<String>,
    /// `no_data`, `admitted`, `not_admitted` or `excluded` ([`Attestee::status`]).
    pub status: Option<String>,
    /// An IIN prefix or a part of the name.
    pub q: Option<String>,
}

/// The statuses [`Filter::status`] takes.
pub const STATUSES: [&str; 4] = ["no_data", "admitted", "not_admitted", "excluded"];

/// One page of a campaign's list, by name then IIN.
pub async fn list(
    db: &Db,
    campaign_id: &str,
    filter: &Filter,
    page: Page,
) -> Result<Listed<Attestee>> {
    campaign::get(db, campaign_id).await?;
    let mut binds: Vec<String> = vec![campaign_id.to_owned()];
    let mut clauses = vec!["a.campaign_id = $1".to_owned()];
    if let Some(scope) = &filter.scope {
        binds.push(scope.clone());
        clauses.push(format!("a.organization = ${}", binds.len()));
    }
    match filter.status.as_deref() {
        None => {}
        Some("excluded") => clauses.push("a.excluded_reason IS NOT NULL".into()),
        Some(status) => {
            binds.push(status.to_owned());
            clauses.push(format!(
                "a.excluded_reason IS NULL AND a.admission = ${}",
                binds.len()
            ));
        }
    }
    if let Some(q) = filter.q.as_deref() {
        let mut any = Vec::new();
        binds.push(format!("{}%", escape_like(q)));
        any.push(format!("a.iin LIKE ${} ESCAPE '\\'", binds.len()));
        for pattern in name_patterns(q) {
            binds.push(pattern);
            any.push(format!("a.name LIKE ${} ESCAPE '\\'", binds.len()));
        }
        clauses.push(format!("({})", any.join(" OR ")));
    }
    let filter_sql = clauses.join(" AND ");
    let sql = format!(
        "{SELECT} WHERE {filter_sql} ORDER BY a.name, a.iin LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query
        .bind(page.size)
        .bind((page.number - 1).max(0) * page.size)
        .fetch_all(db.pool())
        .await?;
    let items = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let mut count = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM attestee a WHERE {filter_sql}"
    )));
    for b in &binds {
        count = count.bind(b.clone());
    }
    let total: i64 = count.fetch_one(db.pool()).await?;
    Ok(Listed { items, total })
}

/// Every attestee of a campaign within `scope` (all organizations when `None`).
pub async fn all(db: &Db, campaign_id: &str, scope: Option<&str>) -> Result<Vec<Attestee>> {
    let sql = format!(
        "{SELECT} WHERE a.campaign_id = $1{} ORDER BY a.name, a.iin",
        in_scope(scope, 2)
    );
    let rows = bind_scope(sqlx::query(AssertSqlSafe(sql)).bind(campaign_id), scope)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

/// The attestee `attestee_id` of `campaign_id` within `scope`: another campaign's or another
/// organization's is not found, so that its existence does not leak.
pub async fn get(
    db: &Db,
    campaign_id: &str,
    attestee_id: &str,
    scope: Option<&str>,
) -> Result<Attestee> {
    let sql = format!(
        "{SELECT} WHERE a.attestee_id = $1 AND a.campaign_id = $2{}",
        in_scope(scope, 3)
    );
    let query = sqlx::query(AssertSqlSafe(sql))
        .bind(attestee_id)
        .bind(campaign_id);
    let row = bind_scope(query, scope)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| Error::NotFound(format!("attestee {attestee_id} is not on this list")))?;
    from_row(&row)
}

/// A new admission of one attestee.
#[derive(Debug, Clone, PartialEq)]
pub struct Admitted {
    pub attestee_id: String,
    pub facts: Facts,
    pub admission: Admission,
    pub reasons: Vec<Reason>,
}

/// Stores the personnel data and the admissions computed from it on `on` (the first testing
/// day), all or none, audited as `attestee.personnel` with each person's status.
pub async fn set_admissions(
    db: &Db,
    campaign_id: &str,
    updates: &[Admitted],
    on: jiff::civil::Date,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<()> {
    let mut tx = db.begin_write().await?;
    for u in updates {
        sqlx::query(
            "UPDATE attestee SET personnel = $1, admission = $2, reasons = $3, admission_on = $4, \
             updated_at = $5 WHERE attestee_id = $6 AND campaign_id = $7",
        )
        .bind(serde_json::to_string(&u.facts)?)
        .bind(u.admission.slug())
        .bind(serde_json::to_string(&u.reasons)?)
        .bind(on.to_string())
        .bind(at.as_millisecond())
        .bind(&u.attestee_id)
        .bind(campaign_id)
        .execute(&mut **tx)
        .await?;
    }
    let statuses: Vec<(&str, &str)> = updates
        .iter()
        .map(|u| (u.attestee_id.as_str(), u.admission.slug()))
        .collect();
    let payload = serde_json::to_vec(&serde_json::json!({"on": on, "admissions": statuses}))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::PersonnelImport,
            subject: Subject::Campaign(campaign_id.to_owned()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a correction did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Corrected {
    /// The unused code of the attestee died, with its logins (p.10: an excluded person is
    /// not tested).
    pub code_revoked: bool,
    pub logins_closed: u64,
}

/// Excludes `attestee` (with `exclusion`) or re-includes it (`None`), storing its admission
/// recomputed; an exclusion kills a code issued and not yet used (the session `scheduled` or
/// at the rules), and is refused (409) once the exam began. Audited as `attestee.correct`.
pub async fn correct(
    db: &Db,
    attestee: &Attestee,
    exclusion: Option<&Exclusion>,
    admission: (Admission, Vec<Reason>),
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Corrected> {
    let mut tx = db.begin_write().await?;
    // Read the session again inside the transaction: it may have started since.
    let session: Option<(String, String, i64)> = sqlx::query(
        "SELECT s.session_id, s.status, a.code_dead FROM attestee a \
         JOIN exam_session s ON s.roster_id = a.roster_id WHERE a.attestee_id = $1",
    )
    .bind(&attestee.attestee_id)
    .fetch_optional(&mut **tx)
    .await?
    .map(|r| -> Result<_> {
        Ok((
            r.try_get("session_id")?,
            r.try_get("status")?,
            r.try_get("code_dead")?,
        ))
    })
    .transpose()?;
    let mut done = Corrected {
        code_revoked: false,
        logins_closed: 0,
    };
    if let (Some(_), Some((session_id, status, 0))) = (exclusion, &session) {
        if !matches!(status.as_str(), "scheduled" | "rules") {
            return Err(Error::Conflict {
                constraint: "attestee_exam_started",
                message: format!(
                    "the exam of {} began (status {status}): the list can no longer be corrected for it",
                    attestee.row.name
                ),
            });
        }
        let (_, closed) = campaign::replace_code(&mut tx, session_id).await?;
        done = Corrected {
            code_revoked: true,
            logins_closed: closed,
        };
    }
    sqlx::query(
        "UPDATE attestee SET excluded_reason = $1, excluded_from = $2, excluded_until = $3, \
         excluded_note = $4, admission = $5, reasons = $6, code_dead = $7, updated_at = $8 \
         WHERE attestee_id = $9",
    )
    .bind(exclusion.map(|e| e.reason.slug()))
    .bind(exclusion.map(|e| e.from.to_string()))
    .bind(exclusion.and_then(|e| e.until).map(|d| d.to_string()))
    .bind(exclusion.map_or(String::new(), |e| e.note.clone()))
    .bind(admission.0.slug())
    .bind(serde_json::to_string(&admission.1)?)
    .bind(i64::from(done.code_revoked || attestee.code_dead))
    .bind(at.as_millisecond())
    .bind(&attestee.attestee_id)
    .execute(&mut **tx)
    .await?;
    let payload = serde_json::to_vec(&serde_json::json!({
        "excluded": exclusion,
        "admission": admission.0.slug(),
        "code_revoked": done.code_revoked,
        "logins_closed": done.logins_closed,
    }))?;
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: Action::AttesteeCorrect,
            subject: Subject::Attestee(attestee.attestee_id.clone()),
            payload: &payload,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(done)
}

/// Issues access codes to the admitted attestees within `scope` who hold none (a new roster
/// entry and scheduled session each, through `campaign::insert_roster`) and to the
/// re-included whose code died (a replacement, as the admin's re-issue). Excluded, not
/// admitted and not yet known attestees get none. The codes are returned once.
pub async fn issue_codes(
    db: &Db,
    campaign_id: &str,
    scope: Option<&str>,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Vec<IssuedCode>> {
    campaign::get(db, campaign_id).await?;
    let mut tx = db.begin_write().await?;
    let sql = format!(
        "{SELECT} WHERE a.campaign_id = $1{} AND a.excluded_reason IS NULL \
         AND a.admission = 'admitted' AND (a.roster_id IS NULL OR a.code_dead = 1) \
         ORDER BY a.name, a.iin",
        in_scope(scope, 2)
    );
    let rows = bind_scope(sqlx::query(AssertSqlSafe(sql)).bind(campaign_id), scope)
        .fetch_all(&mut **tx)
        .await?;
    let due = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let (fresh, revived): (Vec<&Attestee>, Vec<&Attestee>) =
        due.iter().partition(|a| a.session_id.is_none());
    let rows: Vec<RosterRow> = fresh.iter().map(|a| a.row.clone()).collect();
    let mut issued = if rows.is_empty() {
        Vec::new()
    } else {
        insert_fresh(&mut tx, db, campaign_id, &fresh, &rows, at).await?
    };
    let mut reissued = Vec::new();
    for a in &revived {
        let session_id = a.session_id.as_deref().expect("revived has a session");
        let (code, closed) = campaign::replace_code(&mut tx, session_id).await?;
        sqlx::query("UPDATE attestee SET code_dead = 0, updated_at = $1 WHERE attestee_id = $2")
            .bind(at.as_millisecond())
            .bind(&a.attestee_id)
            .execute(&mut **tx)
            .await?;
        reissued.push((code, closed));
    }
    if !issued.is_empty() {
        campaign::audit_roster_add(
            &mut tx,
            campaign_id,
            &issued,
            RosterOrigin::AdmittedAttestees,
            actor,
            at,
        )
        .await?;
    }
    for (code, closed) in reissued {
        let payload = serde_json::to_vec(&serde_json::json!({
            "roster_id": code.roster_id,
            "reason": "re-included on the list of attestees (p.10)",
            "logins_closed": closed,
        }))?;
        audit::append(
            &mut tx,
            at,
            &Event {
                actor,
                action: Action::CodeReissue,
                subject: Subject::Session(code.session_id.clone()),
                payload: &payload,
            },
        )
        .await?;
        issued.push(code);
    }
    tx.commit().await?;
    Ok(issued)
}

/// The roster entries of the `fresh` attestees, linked back to them.
async fn insert_fresh(
    tx: &mut WriteTx,
    db: &Db,
    campaign_id: &str,
    fresh: &[&Attestee],
    rows: &[RosterRow],
    at: jiff::Timestamp,
) -> Result<Vec<IssuedCode>> {
    // A person the QIO's roster upload already gave a code (admitted outside synaq) cannot
    // get a second one: name them, issue nothing.
    let present: std::collections::HashSet<String> =
        sqlx::query_scalar("SELECT iin FROM roster_entry WHERE campaign_id = $1")
            .bind(campaign_id)
            .fetch_all(&mut ***tx)
            .await?
            .into_iter()
            .collect();
    let coded: Vec<String> = fresh
        .iter()
        .filter(|a| present.contains(&a.row.iin.to_string()))
        .map(|a| format!("{} ({})", a.row.iin, a.row.name))
        .collect();
    if !coded.is_empty() {
        return Err(Error::Conflict {
            constraint: "roster_entry_iin_unique",
            message: format!(
                "{} already hold a code from the QIO's roster upload; nothing was issued: ask the QIO, or exclude them from the list",
                coded.join(", ")
            ),
        });
    }
    let issued = campaign::insert_roster(tx, db, campaign_id, rows, at).await?;
    for (a, code) in fresh.iter().zip(&issued) {
        sqlx::query("UPDATE attestee SET roster_id = $1, updated_at = $2 WHERE attestee_id = $3")
            .bind(&code.roster_id)
            .bind(at.as_millisecond())
            .bind(&a.attestee_id)
            .execute(&mut ***tx)
            .await?;
    }
    Ok(issued)
}
