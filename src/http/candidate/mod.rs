//! The candidate's routes: log in with the one-time access code, choose the language and read
//! the rules (p.18), start, fetch the paper, the exam socket, and the personal cabinet (p.12,
//! p.20). Every route but the login acts on the one session the candidate's login opened.

mod login;
mod me;
mod paper;
mod rules;
mod session;
mod socket;
mod start;

pub use login::{FAILED_CODES_PER_ADDRESS, SLOWDOWN};

use super::route::{Access, Entry};
use crate::domain::role::Role;

const CANDIDATE: Access = Access::Authenticated(&[Role::Candidate]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/exam/login", Access::Public, login::handle),
        Entry::get("/api/v1/exam/session", CANDIDATE, session::handle),
        Entry::post("/api/v1/exam/rules", CANDIDATE, rules::handle),
        Entry::post("/api/v1/exam/start", CANDIDATE, start::handle),
        Entry::get("/api/v1/exam/paper", CANDIDATE, paper::handle),
        Entry::get("/api/v1/me", CANDIDATE, me::handle),
        Entry::get("/ws/exam", CANDIDATE, socket::handle),
    ]
}
