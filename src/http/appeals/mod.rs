//! The appeal routes (p.21-p.26): the candidate files and follows an appeal in the cabinet;
//! the administrator forms the commission; the commission works its queue, votes and closes;
//! the SLA dashboard. One file per action; the workflows are `app::appeals`'.

mod close;
mod commission;
mod file;
mod mine;
mod notices;
mod paper;
mod propagate;
mod protocol;
mod queue;
mod retake;
mod sla;
pub mod socket;
mod vote;

use utoipa::openapi::schema::ArrayBuilder;

use super::openapi::{Doc, binary, object, text};
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
/// Who has notices: the candidate (their cabinet), the commission and the administrators.
const NOTICE_READERS_ROLES: &[Role] = &[
    Role::Candidate,
    Role::CommissionChair,
    Role::CommissionMember,
    Role::CommissionSecretary,
    Role::Admin,
];

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/me/appeals", CANDIDATE, file::file).doc(
            Doc::new("Save a draft of the candidate's appeal, or submit it (p.21)")
                .json::<file::FileBody>()
                .answer(201, APPEAL, "application/json", object(APPEAL))
                .errors(&[409, 422]),
        ),
        Entry::get("/api/v1/me/appeals", CANDIDATE, mine::mine).doc(
            Doc::new("The candidate's appeal, disputed questions, results and notices").answer(
                200,
                "`{\"appeal\", \"questions\", \"results\", \"retake\", \"notices\"}`",
                "application/json",
                object("the candidate's appeal (docs/appeals.md)"),
            ),
        ),
        Entry::get("/api/v1/me/appeals/paper", CANDIDATE, paper::paper).doc(
            Doc::new("The candidate's paper as they saw it, with their answers, no keys (p.21)")
                .answer(
                    200,
                    "`[{\"number\", \"lang\", \"text\", \"options\": [{\"id\", \"label\", \"text\"}], \"answer\"}]`, in paper order",
                    "application/json",
                    ArrayBuilder::new()
                        .items(object("a question as seen (docs/appeals.md)"))
                        .into(),
                )
                .errors(&[409]),
        ),
        Entry::get(
            "/api/v1/me/appeals/protocol.html",
            CANDIDATE,
            protocol::mine_html,
        )
        .doc(
            Doc::new("The protocol of the candidate's decided appeal (p.24), as HTML")
                .answer(200, "the protocol", "text/html", text("the protocol"))
                .errors(&[404, 409]),
        ),
        Entry::get(
            "/api/v1/me/appeals/protocol.pdf",
            CANDIDATE,
            protocol::mine_pdf,
        )
        .doc(
            Doc::new("The protocol of the candidate's decided appeal (p.24), as PDF")
                .answer(200, "the protocol", "application/pdf", binary("the protocol"))
                .errors(&[404, 409]),
        ),
        Entry::put(
            "/api/v1/admin/campaigns/{campaign}/commission",
            ADMIN,
            commission::put_commission,
        )
        .doc(
            Doc::new("Form a campaign's appeal commission (p.22) and its policies")
                .json::<commission::CommissionBody>()
                .answer(
                    200,
                    "the commission as stored",
                    "application/json",
                    object("`{\"campaign_id\", \"members\", \"policies\", \"updated_at\", \"updated_by\"}`"),
                )
                .errors(&[404, 409, 422]),
        ),
        Entry::get("/api/v1/commission/appeals", COMMISSION, queue::queue).doc(
            Doc::new("The commission's queue of appeals").answer(
                200,
                "the appeals, each with its panel, votes and disputed questions",
                "application/json",
                ArrayBuilder::new()
                    .items(object("an appeal of the queue (docs/appeals.md)"))
                    .into(),
            ),
        ),
        Entry::post(
            "/api/v1/commission/appeals/{appeal}/votes",
            COMMISSION,
            vote::vote,
        )
        .doc(
            Doc::new("A voter's uphold or reject on one disputed question (p.23)")
                .json::<vote::VoteBody>()
                .empty(204, "the vote is recorded")
                .errors(&[404, 409, 422]),
        ),
        Entry::post(
            "/api/v1/commission/appeals/{appeal}/close",
            Access::Authenticated(&[Role::CommissionChair]),
            close::close,
        )
        .doc(
            Doc::new("Close the appeal with each upheld question's remedy (p.24, p.26)")
                .json::<close::CloseBody>()
                .answer(200, APPEAL, "application/json", object(APPEAL))
                .errors(&[404, 409, 422]),
        ),
        Entry::get(
            "/api/v1/commission/appeals/{appeal}/protocol.html",
            READERS,
            protocol::html,
        )
        .doc(
            Doc::new("An appeal's protocol (p.24), as HTML")
                .answer(200, "the protocol", "text/html", text("the protocol"))
                .errors(&[404, 409]),
        ),
        Entry::get(
            "/api/v1/commission/appeals/{appeal}/protocol.pdf",
            READERS,
            protocol::pdf,
        )
        .doc(
            Doc::new("An appeal's protocol (p.24), as PDF")
                .answer(200, "the protocol", "application/pdf", binary("the protocol"))
                .errors(&[404, 409]),
        ),
        Entry::get("/api/v1/commission/notices", READERS, notices::notices).doc(
            Doc::new("The commission's notices").answer(
                200,
                "the notices",
                "application/json",
                ArrayBuilder::new()
                    .items(object("`{\"notice_id\", \"appeal_id\", \"kind\", \"body\", \"at_ms\"}`"))
                    .into(),
            ),
        ),
        Entry::get(
            "/ws/notices",
            Access::Authenticated(NOTICE_READERS_ROLES),
            socket::notices,
        )
        .doc(
            Doc::new("The caller's appeal notices, pushed while a page is open")
                .describe("A WebSocket upgrade (docs/appeals.md, \"Notices\"). First `{\"type\": \"notices\", \"notices\": [...]}` (newest first), then `{\"type\": \"notice\", \"notice\": {...}}` for each new one. The candidate gets their session's notices, an administrator `role:admin`'s, a commission member their own. A browser's `Origin` must be this host (403); 400 `bad_request` (field `upgrade`) for a request that is no WebSocket handshake; 503 `too_many_sockets` with `Retry-After` when the node holds its bound of sockets.")
                .empty(101, "switching to the notice socket")
                .errors(&[400, 409, 503]),
        ),
        Entry::get(
            "/api/v1/admin/appeals/sla",
            Access::Authenticated(&[Role::Admin, Role::CommissionChair]),
            sla::dashboard,
        )
        .doc(
            Doc::new("SLA compliance per campaign, open appeals least time left first").answer(
                200,
                "the campaigns",
                "application/json",
                ArrayBuilder::new()
                    .items(object("`{\"campaign_id\", \"compliance\", \"open\"}`"))
                    .into(),
            ),
        ),
        Entry::post(
            "/api/v1/admin/appeals/{appeal}/propagation",
            ADMIN,
            propagate::propagate,
        )
        .doc(
            Doc::new("Apply a corrected key or annulment to every session that had it (p.26)")
                .describe("`{\"apply\": false}` (the default) is the dry run listing exactly what would change.")
                .json::<propagate::PropagateBody>()
                .answer(
                    200,
                    "what changes, or changed",
                    "application/json",
                    object("`{\"appeal_id\", \"applied\", \"questions\", \"changes\"}`"),
                )
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/admin/appeals/{appeal}/retake",
            ADMIN,
            retake::retake,
        )
        .doc(
            Doc::new("Grant the retake a technical fault earned (p.25): a new session and code")
                .describe("The code is shown in this answer only. `closes_on` (Asia/Almaty, today or later) defaults to the original campaign's last day while it is ahead, else today + 10 days.")
                .json::<retake::RetakeBody>()
                .answer(
                    201,
                    "the retake with its new access code, shown once",
                    "application/json",
                    object("`{\"appeal_id\", \"original_session_id\", \"session_id\", \"campaign_id\", \"campaign_name\", \"opens_on\", \"closes_on\", \"status\", \"granted_by\", \"granted_at\", \"roster_id\", \"code\", \"campaign_created\", \"questions\"}`"),
                )
                .errors(&[404, 409, 422]),
        ),
    ]
}

/// An appeal as the cabinet and the commission see it.
const APPEAL: &str =
    "the appeal (docs/appeals.md): its status, questions, receipt, deadlines and SLA";

/// Whose notices the caller reads: a candidate their session's, an administrator the
/// administrators', a commission member their own (by username).
async fn recipients(state: &AppState, caller: &Caller) -> Result<Vec<String>, Error> {
    Ok(match (caller.role, &caller.exam_session_id) {
        (Some(Role::Candidate), Some(session)) => vec![format!("session:{session}")],
        (Some(Role::Admin), _) => vec!["role:admin".to_string()],
        _ => vec![format!("user:{}", username(state, caller).await?)],
    })
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
