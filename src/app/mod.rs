//! The application layer: every workflow of the exam, written once, and the only code that
//! calls `store`, `live` and `domain` together. HTTP handlers and the exam socket call
//! [`Application`]; it changes the database first (the truth), then tells the live side.
//!
//! One file per workflow: `lifecycle` (rules, start, extend, end, void) and `scoring` (the
//! score and the rules' decision). [`Application::build`] is the one composition root, used
//! by `synaq serve` and by the test harness alike.

pub mod appeals;
mod item_stats;
pub mod leb;
mod lifecycle;
pub mod proctor;
pub mod retake;
mod scoring;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::domain::audit::{Action, Actor, Subject, Task};
use crate::domain::bank::Bank;
use crate::domain::exam::{EndReason, PaperKey, Status};
use crate::domain::paper::{self, Paper};
use crate::live::sweeper::{self, Deadlines, Due};
use crate::live::{Clock, ConnId, Hub, LiveError, LiveState};
use crate::store::{self, Db};

/// A failure of an application workflow.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error(transparent)]
    Live(#[from] LiveError),
    /// The session's status does not allow this (the error names the clause).
    #[error(transparent)]
    Transition(#[from] crate::domain::exam::TransitionError),
    /// The session or its campaign does not allow this now.
    #[error("{0}")]
    Conflict(String),
    #[error("cannot assemble the paper: {0}")]
    Paper(#[from] paper::PaperError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the application is built from: the choices `synaq serve` makes from its flags and the
/// test harness makes per test.
pub struct Wiring {
    /// The database, migrated.
    pub db: Db,
    /// The live state shared with the other nodes (in-process or Redis).
    pub live: Arc<dyn LiveState>,
    /// The clock: the system's, or a manual one in tests.
    pub clock: Arc<dyn Clock>,
}

/// The exam application of one node.
pub struct Application {
    db: Db,
    clock: Arc<dyn Clock>,
    /// This node's sockets and the command bus.
    hub: Arc<Hub>,
    /// The node's one answer writer (group commit).
    writer: store::answers::Writer,
    /// Immutable bank versions, loaded once: every socket of a paper shares its bank.
    banks: Mutex<HashMap<String, Arc<Bank>>>,
    /// The node's sockets: their bound and the shutdown signal that closes them.
    gate: crate::live::session::Gate,
    /// Bumped when this node writes appeal notices: the open notice sockets of this node look
    /// at once (those of other nodes within their poll, `http::appeals::socket`).
    notices: tokio::sync::watch::Sender<u64>,
}

impl Application {
    /// Builds the application and starts its background tasks (the bus reader, the deadline
    /// sweeper and the appeals' SLA sweep). The deadline index is rebuilt from the database first, so deadlines that
    /// passed while no node ran are submitted at once.
    pub async fn build(wiring: Wiring) -> Result<Arc<Application>> {
        let Wiring { db, live, clock } = wiring;
        let writer = store::answers::Writer::spawn(db.clone(), live.node().to_owned())?;
        for (session, deadline) in store::exam::in_progress(&db).await? {
            live.schedule_deadline(&session, deadline).await?;
        }
        let app = Arc::new(Application {
            db,
            clock: clock.clone(),
            hub: Hub::start(live.clone()),
            writer,
            banks: Mutex::new(HashMap::new()),
            gate: crate::live::session::Gate::new(crate::live::session::MAX_SOCKETS),
            notices: tokio::sync::watch::Sender::new(0),
        });
        let deadlines: Arc<dyn Deadlines> = app.clone();
        sweeper::spawn(live, clock, Arc::downgrade(&deadlines));
        appeals::spawn_sla_sweep(Arc::downgrade(&app));
        Ok(app)
    }

    /// The database (for the routes that only read or write one repository).
    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    /// The live state shared with the other nodes (rate limits, the deadline index).
    pub fn live(&self) -> &Arc<dyn LiveState> {
        self.hub.live()
    }

    /// This node's name.
    pub fn node(&self) -> &str {
        self.hub.node()
    }

    /// The bound on this node's sockets and the shutdown signal that closes them.
    pub fn gate(&self) -> &crate::live::session::Gate {
        &self.gate
    }

    /// Sockets held by this node now.
    pub fn connected(&self) -> usize {
        self.hub.connected()
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

    /// The session `session_id` as stored.
    pub async fn session(&self, session_id: &str) -> Result<store::exam::SessionRow> {
        Ok(store::exam::get(&self.db, session_id).await?)
    }

    /// The session's current answers and flags.
    pub async fn answers(&self, session_id: &str) -> Result<Vec<store::exam::AnswerRow>> {
        Ok(store::exam::answers(&self.db, session_id).await?)
    }

    /// The session's answer journal, in seq order.
    pub async fn journal(&self, session_id: &str) -> Result<Vec<store::exam::JournalRow>> {
        Ok(store::exam::journal(&self.db, session_id).await?)
    }

    /// The highest seq journaled for the session (0 when none).
    pub async fn last_seq(&self, session_id: &str) -> Result<i64> {
        Ok(store::exam::last_seq(&self.db, session_id).await?)
    }

    /// Saves a candidate's answer or flag durably (or refuses it: late, not in progress).
    pub async fn save(&self, save: store::answers::Save) -> Result<store::answers::Saved> {
        Ok(self.writer.save(save).await?)
    }

    /// The paper of a started session, its bank and its key.
    pub async fn paper(
        &self,
        row: &store::exam::SessionRow,
    ) -> Result<(Paper, Arc<Bank>, PaperKey)> {
        let paper_id = row
            .paper_id
            .as_deref()
            .ok_or_else(|| Error::Conflict("the exam has not started".into()))?;
        let stored = store::paper::get(&self.db, paper_id).await?;
        let bank = self.bank(&stored.bank_version).await?;
        let key = PaperKey::new(&stored.paper, bank.clone());
        Ok((stored.paper, bank, key))
    }

    /// Registers this node's socket for `session`; a takeover of another connection is
    /// recorded in the audit chain (a second device on one exam is a fact proctoring will
    /// want).
    pub async fn attach(
        &self,
        session: &str,
    ) -> Result<(ConnId, tokio::sync::mpsc::Receiver<crate::live::Command>)> {
        let attached = self.hub.attach(session).await?;
        if let Some(previous) = &attached.took_over {
            let detail = format!(
                "{}:{} -> {}:{}",
                previous.node, previous.conn, attached.conn.node, attached.conn.conn
            );
            store::audit::append_retrying(
                &self.db,
                self.clock.now(),
                &store::audit::Event {
                    actor: &Actor::candidate(session),
                    action: Action::ExamTakeover,
                    subject: Subject::Session(session.to_owned()),
                    payload: detail.as_bytes(),
                },
            )
            .await?;
            self.takeover_signal(session, previous, &attached.conn)
                .await?;
        }
        Ok((attached.conn, attached.commands))
    }

    /// Forgets a socket that closed.
    pub async fn detach(&self, session: &str, conn: &ConnId) {
        self.hub.detach(session, conn).await;
    }
}

#[async_trait::async_trait]
impl Deadlines for Application {
    async fn expire(&self, session: &str, now_ms: i64) -> anyhow::Result<Due> {
        let row = match store::exam::get(&self.db, session).await {
            Ok(row) => row,
            Err(store::Error::NotFound(_)) => return Ok(Due::Done),
            Err(e) => return Err(e.into()),
        };
        match (row.status, row.deadline) {
            (Status::InProgress, Some(deadline)) if deadline > now_ms => {
                // Extended meanwhile: back into the index at the new deadline.
                Ok(Due::NotDue { deadline })
            }
            (Status::InProgress, _) => {
                self.end(
                    session,
                    EndReason::TimeUp,
                    &Actor::System(Task::Deadline),
                    false,
                )
                .await?;
                Ok(Due::Done)
            }
            _ => Ok(Due::Done),
        }
    }

    async fn overdue(&self, before_ms: i64) -> anyhow::Result<Vec<(String, i64)>> {
        Ok(store::exam::overdue(&self.db, before_ms).await?)
    }
}
