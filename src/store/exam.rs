//! Exam sessions: reading them, and every transition of their life — language chosen (rules),
//! start, extension, end (submit, deadline, force) with scoring, void — each a conditional
//! update that only one caller can win, audited in the same transaction. Which statuses a
//! transition may leave from is `domain::lifecycle`'s table, never a literal here.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, Row, Transaction};

use super::answers::Value;
use super::audit::{self, Event};
use super::result::{ResultVersion, Source};
use super::row::{Cells, known};
use super::{Db, Error, Result, WriteTx};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::bank::Lang;
use crate::domain::exam::{EndReason, Score, Status, Transition};
use crate::domain::rules::{Category, Decision, Position, Procedure};

/// The attestee behind a session (a roster row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub name: String,
    pub iin: String,
    #[serde(serialize_with = "position_slug")]
    pub position: &'static Position,
    pub organization: String,
    pub procedure: Procedure,
    pub current_category: Option<Category>,
    pub claimed_category: Option<Category>,
}

/// A position is stored, and shown, by its slug.
fn position_slug<S: serde::Serializer>(p: &&'static Position, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(p.slug)
}

impl Candidate {
    /// The candidate of a roster row (joined as `roster_id`, `name`, `iin`, `position`, ...).
    pub(crate) fn from_row(cells: &Cells<'_>) -> Result<Candidate> {
        Ok(Candidate {
            name: cells.get("name")?,
            iin: cells.get("iin")?,
            position: cells.parse("position", known("position", Position::by_slug))?,
            organization: cells.get("organization")?,
            procedure: cells.parse("procedure", str::parse::<Procedure>)?,
            current_category: cells.parse_opt("current_category", str::parse::<Category>)?,
            claimed_category: cells.parse_opt("claimed_category", str::parse::<Category>)?,
        })
    }
}

/// An exam session as stored, with its candidate and campaign.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRow {
    pub session_id: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub bank_version: String,
    pub duration_min: i64,
    pub languages: Vec<Lang>,
    pub candidate: Candidate,
    pub status: Status,
    pub lang: Option<Lang>,
    pub paper_id: Option<String>,
    pub started_at: Option<i64>,
    pub deadline: Option<i64>,
    pub extension_min: i64,
    pub ended_at: Option<i64>,
    pub end_reason: Option<EndReason>,
    /// The current result version (`store::result`): none before the end, and none once
    /// voided (p.19).
    pub result: Option<ResultVersion>,
}

const SELECT_SESSION: &str = "SELECT s.session_id, s.campaign_id, c.name AS campaign_name, c.bank_version_id, \
     c.duration_min, c.languages, r.roster_id, r.name, r.iin, r.position, r.organization, r.procedure, r.current_category, \
     r.claimed_category, s.status, s.lang, s.paper_id, s.started_at, s.deadline, s.extension_min, s.ended_at, \
     s.end_reason \
     FROM exam_session s JOIN roster_entry r ON r.roster_id = s.roster_id \
     JOIN campaign c ON c.campaign_id = s.campaign_id WHERE s.session_id = $1";

fn session_from_row(row: &sqlx::any::AnyRow) -> Result<SessionRow> {
    let session = Cells::new(row, "exam_session", "session_id")?;
    let campaign = session.joined("campaign", "campaign_id")?;
    Ok(SessionRow {
        session_id: session.key().to_owned(),
        campaign_id: campaign.key().to_owned(),
        campaign_name: campaign.get("campaign_name")?,
        bank_version: campaign.get("bank_version_id")?,
        duration_min: campaign.get("duration_min")?,
        languages: campaign.json("languages")?,
        candidate: Candidate::from_row(&session.joined("roster_entry", "roster_id")?)?,
        status: session.parse("status", known("status", Status::parse))?,
        lang: session.parse_opt("lang", known("language", Lang::parse))?,
        paper_id: session.get("paper_id")?,
        started_at: session.get("started_at")?,
        deadline: session.get("deadline")?,
        extension_min: session.get("extension_min")?,
        ended_at: session.get("ended_at")?,
        end_reason: session
            .parse_opt("end_reason", |text| match EndReason::parse(text) {
                Some(reason) => Ok(Some(reason)),
                // Written before voiding became its own transition; the status says voided.
                None if text == "voided" => Ok(None),
                None => Err(format!("unknown end reason {text:?}")),
            })?
            .flatten(),
        result: None,
    })
}

/// The session `session_id`.
pub async fn get(db: &Db, session_id: &str) -> Result<SessionRow> {
    let row = sqlx::query(SELECT_SESSION)
        .bind(session_id)
        .fetch_optional(db.pool())
        .await?
        .ok_or_else(|| Error::NotFound(format!("exam session {session_id} does not exist")))?;
    let mut session = session_from_row(&row)?;
    // A result is written in the step that ends a session (scored, p.20) and stays when it is
    // voided (p.19); before that there is none to read. Candidates' requests read sessions
    // that are running many times over: a statement each saved.
    if matches!(session.status, Status::Scored | Status::Voided) {
        session.result = super::result::current(db, session_id).await?;
    }
    Ok(session)
}

/// One transition of one session, by one actor at one instant: the conditional update only
/// one caller wins, and the audit entry committed with it.
struct Act<'a> {
    session_id: &'a str,
    actor: &'a Actor,
    at: jiff::Timestamp,
    transition: Transition,
}

impl<'a> Act<'a> {
    /// The act and its write transaction, begun.
    async fn begin(
        db: &Db,
        session_id: &'a str,
        actor: &'a Actor,
        at: jiff::Timestamp,
        transition: Transition,
    ) -> Result<(Act<'a>, Option<WriteTx>)> {
        let act = Act {
            session_id,
            actor,
            at,
            transition,
        };
        Ok((act, Some(db.begin_write().await?)))
    }

    /// `UPDATE exam_session SET status = <target>, updated_at = $1, <set> WHERE session_id = $2
    /// AND status IN <allowed from> <and>`, with $1 and $2 bound; `set` and `and` number their
    /// own placeholders from $3. The allowed-from states are `domain::lifecycle`'s table.
    fn update(&self, set: &str, and: &str) -> Query<'a, Any, AnyArguments> {
        let from: Vec<String> = self
            .transition
            .allowed_from()
            .iter()
            .map(|s| format!("'{}'", s.as_str()))
            .collect();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE exam_session SET status = '{}', updated_at = $1{set} \
             WHERE session_id = $2 AND status IN ({}){and}",
            self.transition.target().as_str(),
            from.join(", ")
        )))
        .bind(self.at.as_millisecond())
        .bind(self.session_id)
    }

    /// Runs the update inside `tx`; true when this caller won (the row changed), else rolls
    /// back and returns false.
    async fn won(
        &self,
        tx: &mut Option<WriteTx>,
        update: Query<'a, Any, AnyArguments>,
    ) -> Result<bool> {
        let open = tx.as_mut().expect("an open transaction");
        if update.execute(&mut ***open).await?.rows_affected() == 1 {
            return Ok(true);
        }
        tx.take().expect("an open transaction").rollback().await?;
        Ok(false)
    }

    /// Appends the audit entry `action` with `payload` and commits.
    async fn commit(&self, tx: Option<WriteTx>, action: Action, payload: &[u8]) -> Result<()> {
        let mut tx = tx.expect("an open transaction");
        audit::append(
            &mut tx,
            self.at,
            &Event {
                actor: self.actor,
                action,
                subject: Subject::Session(self.session_id.to_owned()),
                payload,
            },
        )
        .await?;
        tx.commit().await
    }
}

/// Chooses the exam language and opens the rules (p.18: their reading is not timed).
/// Allowed while scheduled or reading the rules; false when the session is past that.
pub async fn choose_lang(
    db: &Db,
    session_id: &str,
    lang: Lang,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<bool> {
    let (act, mut tx) = Act::begin(db, session_id, actor, at, Transition::ChooseLang).await?;
    let update = act.update(", lang = $3", "").bind(lang.as_str());
    if !act.won(&mut tx, update).await? {
        return Ok(false);
    }
    act.commit(tx, Action::ExamRules, lang.as_str().as_bytes())
        .await?;
    Ok(true)
}

/// Starts the exam: records the paper and the deadline; the paper's id. None when the session
/// was not reading the rules (already started, ended, or never opened).
pub async fn start(
    db: &Db,
    session_id: &str,
    paper: super::paper::NewPaper<'_>,
    deadline_ms: i64,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Option<String>> {
    let (act, mut tx) = Act::begin(db, session_id, actor, at, Transition::Start).await?;
    let open = tx.as_mut().expect("an open transaction");
    let paper_id = super::paper::insert_in(open, paper, actor, at).await?;
    let update = act
        .update(", paper_id = $3, started_at = $1, deadline = $4", "")
        .bind(paper_id.clone())
        .bind(deadline_ms);
    if !act.won(&mut tx, update).await? {
        return Ok(None);
    }
    act.commit(tx, Action::ExamStart, deadline_ms.to_string().as_bytes())
        .await?;
    Ok(Some(paper_id))
}

/// Moves the deadline of a session in progress by `minutes`; the new deadline, or None when
/// the session is not in progress or its deadline has passed.
pub async fn extend(
    db: &Db,
    session_id: &str,
    minutes: i64,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<Option<i64>> {
    let (act, mut tx) = Act::begin(db, session_id, actor, at, Transition::Extend).await?;
    let update = act
        .update(
            ", deadline = deadline + $3, extension_min = extension_min + $4",
            " AND deadline > $1",
        )
        .bind(minutes * 60_000)
        .bind(minutes);
    if !act.won(&mut tx, update).await? {
        return Ok(None);
    }
    let open = tx.as_mut().expect("an open transaction");
    let deadline: i64 =
        sqlx::query_scalar("SELECT deadline FROM exam_session WHERE session_id = $1")
            .bind(session_id)
            .fetch_one(&mut ***open)
            .await?;
    let payload = serde_json::to_vec(
        &serde_json::json!({ "minutes": minutes, "reason": reason, "deadline": deadline }),
    )?;
    act.commit(tx, Action::ExamExtend, &payload).await?;
    Ok(Some(deadline))
}

/// The result a grader gives for a session's answers: the score and the rules' decision.
pub type Graded = (Score, Decision);

/// Why a session ends, and the note that goes with it into the audit entry (an
/// administrator's reason for a forced submission).
#[derive(Debug, Clone, Copy)]
pub struct Ending<'a> {
    pub reason: EndReason,
    pub note: Option<&'a str>,
}

/// Ends a session in progress for `reason` and scores it with `grade` in the same transaction:
/// the score becomes the session's first result version. Only one caller wins: the others
/// (and calls on sessions not in progress) get false. `TimeUp` ends only a session whose
/// deadline has passed at `at`. A grader that cannot decide means the stored candidate no
/// longer fits the rules (the roster was checked on upload): corrupt, and nothing ends.
pub async fn end<E: std::fmt::Display>(
    db: &Db,
    session_id: &str,
    Ending { reason, note }: Ending<'_>,
    actor: &Actor,
    at: jiff::Timestamp,
    grade: impl FnOnce(&BTreeMap<i64, Vec<String>>) -> std::result::Result<Graded, E>,
) -> Result<bool> {
    let (act, mut tx) = Act::begin(db, session_id, actor, at, Transition::End(reason)).await?;
    // p.18: the deadline ends only a session whose deadline has passed.
    let due = match reason {
        EndReason::TimeUp => " AND deadline <= $1",
        EndReason::Submitted | EndReason::Forced => "",
    };
    let update = act
        .update(", end_reason = $3, ended_at = $1", due)
        .bind(reason.as_str());
    if !act.won(&mut tx, update).await? {
        return Ok(false);
    }
    let open = tx.as_mut().expect("an open transaction");
    let answers = current_answers_in(open, session_id).await?;
    let (score, decision) = grade(&answers).map_err(|e| {
        Error::Corrupt(format!(
            "session {session_id}: the rules cannot decide its result: {e}"
        ))
    })?;
    let now = at.as_millisecond();
    let result =
        super::result::insert_in(open, session_id, Source::Exam, score, &decision, actor, now)
            .await?;
    let payload = serde_json::to_vec(&serde_json::json!({
        "reason": reason, "note": note, "score": score, "decision": decision,
        "result_id": result.result_id,
    }))?;
    act.commit(tx, Action::ExamEnd(reason), &payload).await?;
    Ok(true)
}

/// Voids a session whatever its state (p.19: even after submission): every version of its
/// result is annulled. Its end reason, if it ended, stays what it was. False when it was
/// already voided.
pub async fn void(
    db: &Db,
    session_id: &str,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<bool> {
    let (act, mut tx) = Act::begin(db, session_id, actor, at, Transition::Void).await?;
    let update = act.update(", ended_at = COALESCE(ended_at, $1)", "");
    if !act.won(&mut tx, update).await? {
        return Ok(false);
    }
    let open = tx.as_mut().expect("an open transaction");
    super::result::annul_in(open, session_id, at.as_millisecond()).await?;
    // p.19: a void after the LEB's issue annuls the certificate, in this same transaction.
    super::certificate::annul_in(open, session_id, actor, at).await?;
    act.commit(tx, Action::ExamVoid, reason.as_bytes()).await?;
    Ok(true)
}

/// Current answers and flags of a session: question -> (choice, choice seq, flagged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerRow {
    pub q: i64,
    pub choice: Vec<String>,
    pub seq: i64,
    pub flagged: bool,
}

/// The session's answers (only questions answered or flagged have a row).
pub async fn answers(db: &Db, session_id: &str) -> Result<Vec<AnswerRow>> {
    let sql = "SELECT q, choice, choice_seq, flagged FROM answer WHERE session_id = $1 ORDER BY q";
    rows_of(db, sql, session_id, |row| {
        let q: i64 = row.try_get("q")?;
        let cells = Cells::keyed(row, "answer", format!("{session_id}/{q}"));
        Ok(AnswerRow {
            q,
            choice: cells.json("choice")?,
            seq: cells.get("choice_seq")?,
            flagged: cells.get::<i64>("flagged")? != 0,
        })
    })
    .await
}

/// Every row `sql` returns for the session bound as `$1`, each read by `read`.
async fn rows_of<T>(
    db: &Db,
    sql: &'static str,
    session_id: &str,
    read: impl Fn(&sqlx::any::AnyRow) -> Result<T>,
) -> Result<Vec<T>> {
    sqlx::query(sql)
        .bind(session_id)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(read)
        .collect()
}

async fn current_answers_in(
    tx: &mut Transaction<'static, Any>,
    session_id: &str,
) -> Result<BTreeMap<i64, Vec<String>>> {
    let rows = sqlx::query("SELECT q, choice FROM answer WHERE session_id = $1")
        .bind(session_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            let q: i64 = row.try_get("q")?;
            let cells = Cells::keyed(row, "answer", format!("{session_id}/{q}"));
            Ok((q, cells.json("choice")?))
        })
        .collect()
}

/// One entry of the append-only answer journal: `{"seq", "q", "kind": "answer", "choice"}`
/// or `{"seq", "q", "kind": "flag", "flagged"}`, and when it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JournalRow {
    pub seq: i64,
    pub q: i64,
    #[serde(flatten)]
    pub value: Value,
    pub at_ms: i64,
}

/// The session's answer journal, in seq order.
pub async fn journal(db: &Db, session_id: &str) -> Result<Vec<JournalRow>> {
    let sql =
        "SELECT seq, q, kind, value, at_ms FROM answer_journal WHERE session_id = $1 ORDER BY seq";
    rows_of(db, sql, session_id, |row| {
        let seq: i64 = row.try_get("seq")?;
        let cells = Cells::keyed(row, "answer_journal", format!("{session_id}/{seq}"));
        Ok(JournalRow {
            seq,
            q: cells.get("q")?,
            value: Value::decode(&cells)?,
            at_ms: cells.get("at_ms")?,
        })
    })
    .await
}

/// The highest seq journaled for a session (0 when none).
pub async fn last_seq(db: &Db, session_id: &str) -> Result<i64> {
    let seq: Option<i64> =
        sqlx::query_scalar("SELECT MAX(seq) FROM answer_journal WHERE session_id = $1")
            .bind(session_id)
            .fetch_one(db.pool())
            .await?;
    Ok(seq.unwrap_or(0))
}

/// Sessions in progress and their deadlines: what the deadline index is rebuilt from.
pub async fn in_progress(db: &Db) -> Result<Vec<(String, i64)>> {
    deadlines(db, i64::MAX, "").await
}

/// Sessions in progress with a deadline at or before `before_ms`, and the deadlines.
async fn deadlines(db: &Db, before_ms: i64, tail: &'static str) -> Result<Vec<(String, i64)>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT session_id, deadline FROM exam_session WHERE status = $1 AND deadline <= $2{tail}"
    )))
    .bind(Status::InProgress.as_str())
    .bind(before_ms)
    .fetch_all(db.pool())
    .await?
    .iter()
    .map(|r| Ok((r.try_get("session_id")?, r.try_get("deadline")?)))
    .collect()
}

/// Sessions still in progress whose deadline is at or before `before_ms` (at most 1,000): the
/// deadline index should have had them; see `live::resync_overdue`.
pub async fn overdue(db: &Db, before_ms: i64) -> Result<Vec<(String, i64)>> {
    deadlines(db, before_ms, " ORDER BY deadline LIMIT 1000").await
}

/// The question ids of the candidate's previous attempt (the newest other session of the same
/// IIN that has a paper), to avoid repeating them.
pub async fn previous_questions(db: &Db, session_id: &str, iin: &str) -> Result<Vec<String>> {
    let row = sqlx::query(
        "SELECT p.paper_id, p.items FROM exam_session s JOIN roster_entry r ON r.roster_id = s.roster_id \
         JOIN paper p ON p.paper_id = s.paper_id \
         WHERE r.iin = $1 AND s.session_id <> $2 ORDER BY s.started_at DESC LIMIT 1",
    )
    .bind(iin)
    .bind(session_id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(Vec::new());
    };
    let items: Vec<crate::domain::paper::PaperItem> =
        Cells::new(&row, "paper", "paper_id")?.json("items")?;
    Ok(items.into_iter().map(|i| i.question_id).collect())
}

/// Reads (status, deadline) of `session_ids` in one statement, locking the rows for the rest
/// of `tx` where the engine needs it (PostgreSQL: `FOR SHARE`, so a concurrent end waits;
/// SQLite's `BEGIN IMMEDIATE` already serialises writers). Rows are locked in id order, so
/// concurrent batches cannot deadlock on each other.
pub async fn lock_statuses(
    tx: &mut Transaction<'static, Any>,
    db: &Db,
    session_ids: &[&str],
) -> Result<Vec<(String, (Status, Option<i64>))>> {
    if session_ids.is_empty() {
        return Ok(Vec::new());
    }
    let (ids, lock) = db.in_list_locked(session_ids.len());
    let sql = format!(
        "SELECT session_id, status, deadline FROM exam_session WHERE session_id IN {ids} ORDER BY session_id{lock}"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for id in session_ids {
        query = query.bind(id.to_string());
    }
    let rows = query.fetch_all(&mut **tx).await?;
    rows.iter()
        .map(|row| {
            let cells = Cells::new(row, "exam_session", "session_id")?;
            let status = cells.parse("status", known("status", Status::parse))?;
            Ok((cells.key().to_owned(), (status, cells.get("deadline")?)))
        })
        .collect()
}
