//! The appeal routes (p.21-p.26): the candidate files and follows an appeal in the cabinet;
//! the administrator forms the commission; the commission works its queue, votes and closes;
//! the SLA dashboard. One file per action; the workflows are `app::appeals`'.

mod close;
mod commission;
mod file;
mod mine;
mod notices;
mod propagate;
mod protocol;
mod queue;
mod sla;
mod vote;

use super::route::{Access, Entry};
use super::{AppState, Caller, Candidate, Error};
use crate::app::appeals;
use crate::domain::appeal::AppealError;
use crate::domain::role::Role;

const CANDIDATE: Access = Access::Authenticated(&[Role::Candidate]);
const ADMIN: Access = Access::Authenticated(&[Role::Admin]);
/// Who works the commission's queue and votes (the secretary is admitted so that the refusal
/// of their vote names p.23).
const COMMISSION: Access = Access::Authenticated(&[
    Role::CommissionChair,
    Role::CommissionMember,
    Role::CommissionSecretary,
]);
/// Who reads any appeal's protocol and the notices: the commission and the administrators.
const READERS: Access = Access::Authenticated(&[
    Role::CommissionChair,
    Role::CommissionMember,
    Role::CommissionSecretary,
    Role::Admin,
]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/me/appeals", CANDIDATE, file::file),
        Entry::get("/api/v1/me/appeals", CANDIDATE, mine::mine),
        Entry::get(
            "/api/v1/me/appeals/protocol.html",
            CANDIDATE,
            protocol::mine_html,
        ),
        Entry::get(
            "/api/v1/me/appeals/protocol.pdf",
            CANDIDATE,
            protocol::mine_pdf,
        ),
        Entry::put(
            "/api/v1/admin/campaigns/{campaign}/commission",
            ADMIN,
            commission::put_commission,
        ),
        Entry::get("/api/v1/commission/appeals", COMMISSION, queue::queue),
        Entry::post(
            "/api/v1/commission/appeals/{appeal}/votes",
            COMMISSION,
            vote::vote,
        ),
        Entry::post(
            "/api/v1/commission/appeals/{appeal}/close",
            Access::Authenticated(&[Role::CommissionChair]),
            close::close,
        ),
        Entry::get(
            "/api/v1/commission/appeals/{appeal}/protocol.html",
            READERS,
            protocol::html,
        ),
        Entry::get(
            "/api/v1/commission/appeals/{appeal}/protocol.pdf",
            READERS,
            protocol::pdf,
        ),
        Entry::get("/api/v1/commission/notices", READERS, notices::notices),
        Entry::get(
            "/api/v1/admin/appeals/sla",
            Access::Authenticated(&[Role::Admin, Role::CommissionChair]),
            sla::dashboard,
        ),
        Entry::post(
            "/api/v1/admin/appeals/{appeal}/propagation",
            ADMIN,
            propagate::propagate,
        ),
    ]
}

/// The caller's staff username (votes and closes are by named accounts).
async fn username(state: &AppState, caller: &Caller) -> Result<String, Error> {
    crate::store::appeal::username_of_token(&state.db, &caller.token)
        .await?
        .ok_or_else(|| {
            Error::Conflict(
                "commission acts are signed by a named staff account: log in with your username"
                    .into(),
            )
        })
}

/// Maps a refusal of the appeal rules to a status: invalid content is 422 naming each
/// question and field; a closed window, a second appeal, a voided session are 409 naming the
/// clause. The 422 codes are the rules' own (`AppealError::code`), written out so that the
/// pages' kk/ru strings are checked against them (tests/web/errors.test.mjs).
impl From<appeals::Error> for Error {
    fn from(e: appeals::Error) -> Error {
        let rule = match e {
            appeals::Error::App(e) => return e.into(),
            appeals::Error::Rule(rule) => rule,
        };
        let message = rule.to_string();
        let refusal = match &rule {
            AppealError::Invalid(errors) => Error::Unprocessable {
                code: "invalid",
                message,
                details: errors.iter().map(ToString::to_string).collect(),
            },
            AppealError::Composition { .. } => Error::Unprocessable {
                code: "bad_composition",
                message,
                details: vec![],
            },
            AppealError::NotAVoter(_) => Error::Unprocessable {
                code: "not_a_voter",
                message,
                details: vec![],
            },
            AppealError::BadVote { .. } => Error::Unprocessable {
                code: "bad_vote",
                message,
                details: vec![],
            },
            AppealError::WindowClosed { .. }
            | AppealError::NoResult
            | AppealError::Voided
            | AppealError::AlreadyFiled
            | AppealError::Recusal(_)
            | AppealError::NotClosable(_)
            | AppealError::Calendar(_) => return Error::Conflict(message),
        };
        debug_assert!(
            matches!(&refusal, Error::Unprocessable { code, .. } if *code == rule.code())
        );
        refusal
    }
}
