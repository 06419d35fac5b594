//! This node's sockets and the command bus: which exam socket is open here, delivery of a
//! command to the node holding a session's socket (here at once, elsewhere through the live
//! state's per-node queue), and the bus reader that hands queued commands to local sockets.
//!
//! The hub knows nothing of the database: the application changes the truth first and then
//! calls [`Hub::command`], so a lost command costs latency, never correctness.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use tokio::sync::mpsc;

use super::state::{Command, ConnId, LiveResult, LiveState};

/// Commands queued for one socket before delivery drops them (the socket re-reads the session
/// on its next tick, so a dropped nudge is late, not lost).
const SOCKET_COMMANDS: usize = 16;

/// A socket registered by [`Hub::attach`].
pub struct Attached {
    /// The new socket's connection.
    pub conn: ConnId,
    /// Its commands (extend, void, force-submit, takeover).
    pub commands: mpsc::Receiver<Command>,
    /// The connection it took the session over from, if any (here or on another node); that
    /// one has been told already.
    pub took_over: Option<ConnId>,
}

/// The sockets of this node and the way to reach every node's sockets.
pub struct Hub {
    live: Arc<dyn LiveState>,
    /// Sockets on this node: session -> (connection, its command channel).
    sockets: Mutex<HashMap<String, (u64, mpsc::Sender<Command>)>>,
    /// The next connection number of this node.
    next_conn: AtomicU64,
}

impl Hub {
    /// A hub over `live`, with its bus reader running (it stops when the hub is dropped).
    pub fn start(live: Arc<dyn LiveState>) -> Arc<Hub> {
        let hub = Arc::new(Hub {
            live,
            sockets: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(1),
        });
        tokio::spawn(bus(Arc::downgrade(&hub)));
        hub
    }

    /// The live state shared with the other nodes.
    pub fn live(&self) -> &Arc<dyn LiveState> {
        &self.live
    }

    /// This node's name.
    pub fn node(&self) -> &str {
        self.live.node()
    }

    /// Delivers `command` to the node holding the session's socket, if any.
    pub async fn command(&self, command: Command) -> LiveResult<()> {
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

    /// Registers a socket of this node for `session`. Any previous holder, here or on another
    /// node, is told it was taken over.
    pub async fn attach(&self, session: &str) -> LiveResult<Attached> {
        let conn = ConnId {
            node: self.node().to_owned(),
            conn: self.next_conn.fetch_add(1, Ordering::Relaxed),
        };
        let (tx, commands) = mpsc::channel(SOCKET_COMMANDS);
        let previous_local = self
            .sockets
            .lock()
            .expect("socket registry")
            .insert(session.to_owned(), (conn.conn, tx));
        let previous = self.live.register(session, &conn).await?;
        let took_over = previous.filter(|p| p != &conn);
        if let Some(previous) = &took_over {
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
        Ok(Attached {
            conn,
            commands,
            took_over,
        })
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

/// Reads this node's command queue and hands commands to local sockets.
async fn bus(hub: Weak<Hub>) {
    loop {
        let Some(h) = hub.upgrade() else { return };
        match h.live.receive(64, Duration::from_secs(1)).await {
            Ok(commands) => commands.into_iter().for_each(|c| h.deliver(c)),
            Err(err) => {
                tracing::warn!(error = %err, "command bus read failed; retrying");
                drop(h);
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
        }
    }
}
