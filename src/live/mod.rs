//! Live exam sessions: the service every route and socket of the exam goes through
//! ([`Exams`]), the socket handler (`session`), the clock, and the live state shared between
//! nodes (`state`, with the `memory` and `redis` backends).
//!
//! The database is the truth; [`Exams`] changes it first and then tells the node holding the
//! candidate's socket (through the live state's command bus), so a lost message costs latency,
//! never correctness. Background tasks: the bus reader (commands for this node's sockets) and
//! the deadline sweeper (submits the sessions of candidates offline at their deadline, and at
//! start-up those whose deadline passed while no node ran).

pub mod clock;
pub mod memory;
pub mod protocol;
pub mod redis;
pub mod session;
pub mod state;

#[cfg(test)]
mod conformance;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

pub use clock::{Clock, ManualClock, SystemClock};
pub use state::{Command, ConnId, LiveError, LiveState};

use crate::domain::bank::{Bank, Lang};
use crate::domain::exam::{self, EndReason, PaperKey, Status};
use crate::domain::paper::{self, PaperRequest, Seed};
use crate::domain::rules::{
    self, Category, ConflictPolicy, DecisionInput, Percent, Position, Procedure,
};
use crate::store::{self, Db};

/// A failure of the live exam service.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Live(#[from] LiveError),
    /// The session is not in a state that allows this.
    #[error("{0}")]
    Conflict(String),
    #[error("cannot assemble the paper: {0}")]
    Paper(#[from] paper::PaperError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How often the sweeper looks for due deadlines (real time; due-ness uses the clock).
const SWEEP_EVERY: Duration = Duration::from_millis(250);

/// The live exam service of one node.
pub struct Exams {
    pub db: Db,
    pub live: Arc<dyn LiveState>,
    pub clock: Arc<dyn Clock>,
    pub writer: store::answers::Writer,
    /// The node's sockets: their bound and the shutdown signal that closes them.
    pub gate: session::Gate,
    /// Sockets on this node: session -> (connection, its command channel).
    sockets: Mutex<HashMap<String, (u64, mpsc::Sender<Command>)>>,
    next_conn: AtomicU64,
    /// Immutable bank versions, loaded once.
    banks: Mutex<HashMap<String, Arc<Bank>>>,
}

impl Exams {
    /// Builds the service and starts its background tasks (bus reader, sweeper). The deadline
    /// index is rebuilt from the database first.
    pub async fn start(
        db: Db,
        live: Arc<dyn LiveState>,
        clock: Arc<dyn Clock>,
    ) -> Result<Arc<Exams>> {
        let writer = store::answers::Writer::spawn(db.clone(), live.node().to_owned());
        let exams = Arc::new(Exams {
            db,
            live,
            clock,
            writer,
            gate: session::Gate::new(session::MAX_SOCKETS),
            sockets: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
            banks: Mutex::new(HashMap::new()),
        });
        for (session, deadline) in store::exam::in_progress(&exams.db).await? {
            exams.live.schedule_deadline(&session, deadline).await?;
        }
        tokio::spawn(bus(Arc::downgrade(&exams)));
        tokio::spawn(sweeper(Arc::downgrade(&exams)));
        Ok(exams)
    }

    /// This node's name.
    pub fn node(&self) -> &str {
        self.live.node()
    }

    /// The bank version `version`, from memory or the database.
    pub async fn bank(&self, version: &str) -> Result<Arc<Bank>> {
        if let Some(bank) = self.banks.lock().expect("bank cache").get(version) {
            return Ok(bank.clone());
        }
        let bank = Arc::new(store::bank::load(&self.db, version).await?);
        self.banks
            .lock()
            .expect("bank cache")
            .insert(version.to_owned(), bank.clone());
        Ok(bank)
    }

    /// Opens the rules in `lang` (p.18: their reading is not timed).
    pub async fn choose_lang(
        &self,
        session_id: &str,
        lang: Lang,
        actor: &str,
    ) -> Result<store::exam::SessionRow> {
        let row = store::exam::get(&self.db, session_id).await?;
        if !row.languages.contains(&lang) {
            return Err(Error::Conflict(format!(
                "lang: this campaign runs in {:?}",
                row.languages
            )));
        }
        if !store::exam::choose_lang(&self.db, session_id, lang, actor, self.clock.now()).await? {
            return Err(Error::Conflict(format!(
                "the exam is {} and its language can no longer change",
                row.status
            )));
        }
        Ok(store::exam::get(&self.db, session_id).await?)
    }

    /// Starts the exam: assembles the paper from a fresh seed (p.16), stores it with
    /// `deadline = now + 120 min` (p.18) and indexes the deadline.
    pub async fn start_exam(
        &self,
        session_id: &str,
        actor: &str,
    ) -> Result<store::exam::SessionRow> {
        let row = store::exam::get(&self.db, session_id).await?;
        if row.status != Status::Rules {
            return Err(Error::Conflict(match row.status {
                Status::Scheduled => {
                    "choose the language and read the rules first (p.18)".to_owned()
                }
                other => format!("the exam is already {other}"),
            }));
        }
        let campaign = store::campaign::get(&self.db, &row.campaign_id).await?;
        let bank = self.bank(&campaign.bank_version).await?;
        let now = self.clock.now();
        let exam_date = now
            .to_zoned_datetime(crate::domain::calendar::almaty())
            .date();
        // p.11: testing runs on the announced dates.
        if exam_date < campaign.opens_on || exam_date > campaign.closes_on {
            return Err(Error::Conflict(format!(
                "testing in this campaign runs from {} to {} (Asia/Almaty); today is {exam_date}",
                campaign.opens_on, campaign.closes_on
            )));
        }
        let profile = crate::domain::profile::for_position(
            &row.candidate.position,
            row.candidate.claimed_category.as_deref(),
            exam_date,
        )
        .map_err(|e| Error::Conflict(e.to_string()))?;
        let exclusions: BTreeSet<String> =
            store::exam::previous_questions(&self.db, session_id, &row.candidate.iin)
                .await?
                .into_iter()
                .collect();
        let lang = row.lang.unwrap_or(Lang::Kk);
        let drawn = paper::assemble(&PaperRequest {
            bank: &bank,
            blueprint: &campaign.blueprint,
            profile: &profile,
            lang,
            seed: Seed::generate(),
            exclusions: &exclusions,
        })?;
        let deadline = now.as_millisecond() + campaign.duration_min * 60_000;
        let new = store::paper::NewPaper {
            bank_version: &campaign.bank_version,
            profile: &profile,
            blueprint: &campaign.blueprint,
            exclusions: &exclusions,
            paper: &drawn,
        };
        if !store::exam::start(&self.db, session_id, new, deadline, actor, now).await? {
            return Err(Error::Conflict("the exam was started already".into()));
        }
        self.live.schedule_deadline(session_id, deadline).await?;
        Ok(store::exam::get(&self.db, session_id).await?)
    }

    /// The paper of a started session and its key.
    pub async fn paper(
        &self,
        row: &store::exam::SessionRow,
    ) -> Result<(paper::Paper, Arc<Bank>, PaperKey)> {
        let paper_id = row
            .paper_id
            .as_deref()
            .ok_or_else(|| Error::Conflict("the exam has not started".into()))?;
        let stored = store::paper::get(&self.db, paper_id).await?;
        let bank = self.bank(&stored.bank_version).await?;
        let key = PaperKey::new(&stored.paper, bank.clone());
        Ok((stored.paper, bank, key))
    }

    /// Ends a session in progress and scores it. True when this call ended it; false when it
    /// had ended already (someone else won). Tells the socket holder when the end did not come
    /// from the socket itself.
    pub async fn end(
        &self,
        session_id: &str,
        reason: EndReason,
        actor: &str,
        from_socket: bool,
    ) -> Result<bool> {
        let row = store::exam::get(&self.db, session_id).await?;
        if row.status != Status::InProgress {
            return Ok(false);
        }
        let (_, _, key) = self.paper(&row).await?;
        let candidate = row.candidate.clone();
        let ended = store::exam::end(
            &self.db,
            session_id,
            reason,
            actor,
            self.clock.now(),
            |answers| {
                let score = exam::score(&key, answers);
                (score, decide(&candidate, score))
            },
        )
        .await?;
        if ended {
            self.live.cancel_deadline(session_id).await?;
            if !from_socket {
                self.command(Command::ForceSubmit {
                    session: session_id.to_owned(),
                })
                .await?;
            }
        }
        Ok(ended)
    }

    /// Extends the deadline of a session in progress (audited); the socket hears at once.
    pub async fn extend(
        &self,
        session_id: &str,
        minutes: i64,
        reason: &str,
        actor: &str,
    ) -> Result<i64> {
        let deadline = store::exam::extend(
            &self.db,
            session_id,
            minutes,
            reason,
            actor,
            self.clock.now(),
        )
        .await?
        .ok_or_else(|| {
            Error::Conflict("only an exam in progress, before its deadline, can be extended".into())
        })?;
        self.live.schedule_deadline(session_id, deadline).await?;
        self.command(Command::Extend {
            session: session_id.to_owned(),
        })
        .await?;
        Ok(deadline)
    }

    /// Voids a session at any time (p.19); the socket, if any, is ended.
    pub async fn void(&self, session_id: &str, reason: &str, actor: &str) -> Result<bool> {
        let voided =
            store::exam::void(&self.db, session_id, reason, actor, self.clock.now()).await?;
        if voided {
            self.live.cancel_deadline(session_id).await?;
            self.command(Command::Void {
                session: session_id.to_owned(),
            })
            .await?;
        }
        Ok(voided)
    }

    /// Delivers `command` to the node holding the session's socket, if any.
    pub async fn command(&self, command: Command) -> Result<()> {
        let Some(holder) = self.live.holder(command.session()).await? else {
            return Ok(());
        };
        if holder.node == self.node() {
            self.deliver(command);
        } else {
            self.live.send(&holder.node, &command).await?;
        }
        Ok(())
    }

    /// Hands a command to a socket on this node.
    fn deliver(&self, command: Command) {
        let sender = self
            .sockets
            .lock()
            .expect("socket registry")
            .get(command.session())
            .map(|(_, tx)| tx.clone());
        if let Some(tx) = sender {
            // A full channel means the socket is stuck; it re-reads the session on its next tick.
            let _ = tx.try_send(command);
        }
    }

    /// Registers a socket of this node for `session`; returns its connection and commands.
    /// Any previous holder, here or on another node, is told it was taken over.
    pub async fn attach(&self, session: &str) -> Result<(ConnId, mpsc::Receiver<Command>)> {
        let conn = ConnId {
            node: self.node().to_owned(),
            conn: self.next_conn.fetch_add(1, Ordering::Relaxed),
        };
        let (tx, rx) = mpsc::channel(16);
        let previous_local = self
            .sockets
            .lock()
            .expect("socket registry")
            .insert(session.to_owned(), (conn.conn, tx));
        let previous = self.live.register(session, &conn).await?;
        if let Some(previous) = previous.filter(|p| p != &conn) {
            // Recorded: a second device on one exam is a fact proctoring will want.
            let detail = format!(
                "{}:{} -> {}:{}",
                previous.node, previous.conn, conn.node, conn.conn
            );
            store::audit::append_retrying(
                &self.db,
                self.clock.now(),
                &store::audit::Event {
                    actor: "candidate",
                    action: "exam.takeover",
                    subject: &format!("exam_session/{session}"),
                    payload: detail.as_bytes(),
                },
            )
            .await?;
            let takeover = Command::TakeOver {
                session: session.to_owned(),
                conn: previous.conn,
            };
            if previous.node == self.node() {
                if let Some((_, old)) = previous_local {
                    let _ = old.try_send(takeover);
                }
            } else {
                self.live.send(&previous.node, &takeover).await?;
            }
        }
        Ok((conn, rx))
    }

    /// Forgets a socket that closed (unless a takeover replaced it already).
    pub async fn detach(&self, session: &str, conn: &ConnId) {
        {
            let mut sockets = self.sockets.lock().expect("socket registry");
            if sockets.get(session).is_some_and(|(c, _)| *c == conn.conn) {
                sockets.remove(session);
            }
        }
        if let Err(e) = self.live.unregister(session, conn).await {
            tracing::warn!(error = %e, "could not unregister a closed socket");
        }
    }

    /// Sockets held by this node now.
    pub fn connected(&self) -> usize {
        self.sockets.lock().expect("socket registry").len()
    }
}

/// The decision of the rules (p.17, p.30) for a candidate's score, as JSON.
fn decide(candidate: &store::exam::Candidate, score: exam::Score) -> serde_json::Value {
    let decision = (|| -> Result<rules::Decision, String> {
        let position: &'static Position = Position::by_slug(&candidate.position)
            .ok_or_else(|| format!("unknown position {}", candidate.position))?;
        let procedure: Procedure = candidate
            .procedure
            .parse()
            .map_err(|e: rules::RuleError| e.to_string())?;
        let category = |c: &Option<String>| -> Result<Option<Category>, String> {
            c.as_deref()
                .map(|c| c.parse::<Category>().map_err(|e| e.to_string()))
                .transpose()
        };
        rules::decide(&DecisionInput {
            procedure,
            reattestation_of: None,
            position,
            score: Percent::new(score.percent()).map_err(|e| e.to_string())?,
            current_category: category(&candidate.current_category)?,
            claimed_category: category(&candidate.claimed_category)?,
            policy: ConflictPolicy::default(),
        })
        .map_err(|e| e.to_string())
    })();
    match decision {
        Ok(decision) => serde_json::to_value(decision).unwrap_or(serde_json::Value::Null),
        Err(message) => serde_json::json!({ "error": message }),
    }
}

/// Reads this node's command queue and hands commands to local sockets.
async fn bus(exams: std::sync::Weak<Exams>) {
    loop {
        let Some(e) = exams.upgrade() else { return };
        match e.live.receive(64, Duration::from_secs(1)).await {
            Ok(commands) => commands.into_iter().for_each(|c| e.deliver(c)),
            Err(err) => {
                tracing::warn!(error = %err, "command bus read failed; retrying");
                drop(e);
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
}

/// Submits due sessions: claims them from the deadline index (exactly one node gets each)
/// and ends them with `time_up` if their stored deadline has passed.
async fn sweeper(exams: std::sync::Weak<Exams>) {
    let mut tick = tokio::time::interval(SWEEP_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut ticks = 0u64;
    loop {
        tick.tick().await;
        let Some(e) = exams.upgrade() else { return };
        ticks += 1;
        if ticks.is_multiple_of(RESYNC_EVERY_TICKS)
            && let Err(err) = resync_overdue(&e).await
        {
            tracing::warn!(error = %err, "deadline re-sync failed; retrying");
        }
        if let Err(err) = sweep(&e).await {
            tracing::warn!(error = %err, "deadline sweep failed; retrying");
        }
    }
}

/// Sweeps between two re-syncs of the deadline index with the database (20 × 250 ms = 5 s).
const RESYNC_EVERY_TICKS: u64 = 20;

/// How late a session in progress may be before the re-sync puts it back in the index: longer
/// than a sweep takes, so a session being ended right now is not re-added needlessly.
const OVERDUE_GRACE_MS: i64 = 5_000;

/// Puts back into the deadline index every session still in progress whose deadline passed
/// more than [`OVERDUE_GRACE_MS`] ago. The index is live state and may lose an entry (a Redis
/// claim whose reply was lost, a node that died mid-sweep); the database may not, so every
/// such session is still submitted, a few seconds late at worst.
async fn resync_overdue(exams: &Exams) -> Result<()> {
    let now = exams.clock.now_ms();
    for (session, deadline) in store::exam::overdue(&exams.db, now - OVERDUE_GRACE_MS).await? {
        exams.live.schedule_deadline(&session, deadline).await?;
    }
    Ok(())
}

async fn sweep(exams: &Exams) -> Result<()> {
    let now = exams.clock.now_ms();
    for session in exams.live.claim_due(now, 256).await? {
        let row = match store::exam::get(&exams.db, &session).await {
            Ok(row) => row,
            Err(store::Error::NotFound(_)) => continue,
            Err(e) => {
                exams.live.schedule_deadline(&session, now).await?;
                return Err(e.into());
            }
        };
        match (row.status, row.deadline) {
            (Status::InProgress, Some(deadline)) if deadline > now => {
                // Extended meanwhile: back into the index at the new deadline.
                exams.live.schedule_deadline(&session, deadline).await?;
            }
            (Status::InProgress, _) => {
                if let Err(e) = exams
                    .end(&session, EndReason::TimeUp, "system:deadline", false)
                    .await
                {
                    exams.live.schedule_deadline(&session, now).await?;
                    return Err(e);
                }
            }
            _ => {}
        }
    }
    Ok(())
}
