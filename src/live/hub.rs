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
        let took_over = match previous.filter(|p| p != &conn) {
            // A registration of this node is a socket of this process, or one of an earlier
            // run of this node that died with it (a crash, a SIGKILL): the candidates coming
            // back after a restart take over nothing, and are no second device.
            Some(previous) if previous.node == self.node() => {
                previous_local.map(|(old_conn, old)| {
                    let _ = old.try_send(Command::TakeOver {
                        session: session.to_owned(),
                        conn: old_conn,
                    });
                    ConnId {
                        node: previous.node,
                        conn: old_conn,
                    }
                })
            }
            Some(previous) => {
                let takeover = Command::TakeOver {
                    session: session.to_owned(),
                    conn: previous.conn,
                };
                self.live.send(&previous.node, &takeover).await?;
                Some(previous)
            }
            None => None,
        };
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

#[cfg(test)]
mod tests {
    use super::super::memory::MemoryState;
    use super::*;

    fn conn(node: &str, conn: u64) -> ConnId {
        ConnId {
            node: node.into(),
            conn,
        }
    }

    #[tokio::test]
    async fn a_second_socket_on_this_node_takes_the_first_over() {
        let hub = Hub::start(Arc::new(MemoryState::new("a")));
        let mut first = hub.attach("s").await.unwrap();
        assert_eq!(first.took_over, None);
        let second = hub.attach("s").await.unwrap();
        assert_eq!(second.took_over, Some(first.conn.clone()));
        assert_eq!(
            first.commands.try_recv().unwrap(),
            Command::TakeOver {
                session: "s".into(),
                conn: first.conn.conn,
            }
        );
        assert_eq!(hub.live().holder("s").await.unwrap(), Some(second.conn));
    }

    #[tokio::test]
    async fn a_socket_of_another_node_is_taken_over() {
        let live = Arc::new(MemoryState::new("a"));
        live.register("s", &conn("b", 4)).await.unwrap();
        let hub = Hub::start(live);
        let attached = hub.attach("s").await.unwrap();
        assert_eq!(attached.took_over, Some(conn("b", 4)));
    }

    #[tokio::test]
    async fn after_a_restart_the_earlier_runs_sockets_are_taken_over_by_nobody() {
        // This node's earlier run registered connections 1 and 7 and died (SIGKILL): the live
        // state (Redis) still names them. The same node, started again, numbers from 1.
        let live = Arc::new(MemoryState::new("a"));
        live.register("s", &conn("a", 7)).await.unwrap();
        live.register("t", &conn("a", 1)).await.unwrap();
        let hub = Hub::start(live);
        let s = hub.attach("s").await.unwrap();
        let t = hub.attach("t").await.unwrap();
        assert_eq!(s.took_over, None, "no second device after a restart");
        assert_eq!(t.took_over, None);
        assert_eq!(hub.live().holder("s").await.unwrap(), Some(s.conn));
        assert_eq!(hub.live().holder("t").await.unwrap(), Some(t.conn));
    }
}
