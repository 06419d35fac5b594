//! A tiny in-process synaq for the tool's own tests: the happy path of `docs/protocol.md`
//! (setup, login, rules, start, the exam socket, the answers read-back) on one port, kept in
//! memory. It can be told to lose answers (ack without saving) so the audit is tested too.
//! Plain HTTP/1.1 is parsed by hand (`http`); `/ws/exam` goes to tokio-tungstenite (`ws`).

mod http;
mod tests;
mod ws;

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::net::{TcpListener, TcpStream};

/// The admin token the mock accepts.
pub const ADMIN: &str = "mock-admin";
/// Questions on every paper.
pub const QUESTIONS: u32 = 100;

/// How the mock misbehaves.
#[derive(Debug, Clone, Copy, Default)]
pub struct Faults {
    /// Every n-th answer is acknowledged but not saved.
    pub lose_every: Option<u64>,
}

/// One session as the mock keeps it.
#[derive(Debug, Default)]
pub struct Session {
    pub status: String,
    /// Current answer per question: (seq, choice).
    pub answers: BTreeMap<u32, (u64, Vec<String>)>,
    /// (seq, q, choice, kind) in arrival order, each seq once.
    pub journal: Vec<(u64, u32, Vec<String>, &'static str)>,
    pub last_seq: u64,
}

#[derive(Default)]
pub struct Store {
    pub sessions: HashMap<String, Session>,
    /// code -> session id
    pub codes: HashMap<String, String>,
    /// candidate token -> session id
    pub tokens: HashMap<String, String>,
    pub campaigns: u64,
    pub answers_seen: u64,
}

pub struct Mock {
    pub store: Mutex<Store>,
    pub faults: Faults,
}

/// Starts a mock on a free port; it runs until the test's runtime ends.
pub async fn spawn(faults: Faults) -> (SocketAddr, Arc<Mock>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("local addr");
    let mock = Arc::new(Mock {
        store: Mutex::new(Store::default()),
        faults,
    });
    let shared = mock.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, shared.clone()));
        }
    });
    (addr, mock)
}

/// Routes a connection by its first request line: the socket, or plain HTTP.
async fn serve(stream: TcpStream, mock: Arc<Mock>) {
    let mut head = [0u8; 32];
    let Ok(n) = stream.peek(&mut head).await else {
        return;
    };
    if head[..n].starts_with(b"GET /ws/exam") {
        ws::serve(stream, mock).await;
    } else {
        http::serve(stream, mock).await;
    }
}
