//! The candidate's routes: log in with the one-time access code, choose the language and read
//! the rules (p.18), start, fetch the paper, the exam socket, and the personal cabinet (p.12,
//! p.20). Every route but the login acts on the one session the candidate's login opened.
//!
//! Once the exam is over (scored or voided) the access code still logs in, but it opens only
//! the result (`session`, `paper` of a scored exam, `proctoring`), the cabinet (`me`) and
//! appeals: the rules and the start refuse with 409 `exam_over` (the page words it in kk/ru),
//! and the socket answers `ended` and closes with its do-not-reconnect code.

mod login;
mod me;
mod paper;
mod rules;
mod session;
pub(super) mod socket;
mod start;

pub use login::{FAILED_CODES_PER_ADDRESS, SLOWDOWN};

use super::openapi::Doc;
use super::route::{Access, Entry};
use super::views::{CandidateLoginView, MeView, PaperView, SessionView};
use crate::domain::role::Role;
use crate::http::Error;

/// A candidate's workflow refused because the exam is over is `exam_over`, not a bare
/// conflict: the code of an ended exam opens only the result, the cabinet and appeals.
fn over(e: crate::app::Error) -> Error {
    match e {
        crate::app::Error::Transition(t) if t.from.is_ended() => Error::ExamOver { status: t.from },
        e => e.into(),
    }
}

const CANDIDATE: Access = Access::Authenticated(&[Role::Candidate]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/exam/login", Access::Public, login::handle).doc(
            Doc::new("Open the candidate's session with the one-time access code")
                .describe("Sets the `synaq_session` cookie too. 422 `bad_code`; 429 only for a wrong code past 600 failed guesses per address a minute (docs/limits.md).")
                .json::<login::Body>()
                .ok::<CandidateLoginView>(200, "the candidate's token, CSRF secret and session")
                .errors(&[409, 422, 429]),
        ),
        Entry::get("/api/v1/exam/session", CANDIDATE, session::handle).doc(
            Doc::new("The candidate's session").ok::<SessionView>(200, "the session"),
        ),
        Entry::post("/api/v1/exam/rules", CANDIDATE, rules::handle).doc(
            Doc::new("Choose the language and read the rules, untimed (p.18)")
                .json::<rules::Body>()
                .ok::<SessionView>(200, "the session, status `rules`")
                .describe("409 `exam_over` once the exam is over (scored or voided).")
                .errors(&[409]),
        ),
        Entry::post("/api/v1/exam/start", CANDIDATE, start::handle).doc(
            Doc::new("Start the 120 minutes (p.18)")
                .describe("The body, if any, is not read. 409 `exam_over` once the exam is over (scored or voided).")
                .ok::<SessionView>(200, "the session, status `in_progress`, `deadline` set")
                .errors(&[409]),
        ),
        Entry::get("/api/v1/exam/paper", CANDIDATE, paper::handle).doc(
            Doc::new("The candidate's paper, in the chosen language, never the keys")
                .ok::<PaperView>(200, "the paper")
                .errors(&[409]),
        ),
        Entry::get("/api/v1/me", CANDIDATE, me::handle).doc(
            Doc::new("The personal cabinet (p.12, p.20)").ok::<MeView>(200, "the cabinet"),
        ),
        Entry::get("/ws/exam", CANDIDATE, socket::handle).doc(
            Doc::new("The exam socket (docs/protocol.md, \"WebSocket\")")
                .describe("A WebSocket upgrade; the messages and close codes are docs/protocol.md's. A browser's `Origin` must be this host (403). 400 `bad_request` (field `upgrade`) for a request that is no WebSocket handshake; 503 `too_many_sockets` with `Retry-After` when the node holds its bound of sockets or is shutting down.")
                .empty(101, "switching to the exam socket")
                .errors(&[400, 409, 503]),
        ),
    ]
}
