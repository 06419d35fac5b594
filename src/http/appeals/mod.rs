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

use axum::Router;
use axum::routing::{get, post, put};

use super::{AppState, Caller, Error};
use crate::app::appeals;
use crate::domain::appeal::AppealError;
use crate::domain::role::Role;

/// Who works the commission's queue and sees its notices.
const COMMISSION: &[Role] = &[
    Role::CommissionChair,
    Role::CommissionMember,
    Role::CommissionSecretary,
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me/appeals", post(file::file).get(mine::mine))
        .route(
            "/api/v1/admin/campaigns/{id}/commission",
            put(commission::put_commission),
        )
        .route("/api/v1/commission/appeals", get(queue::queue))
        .route("/api/v1/commission/appeals/{id}/votes", post(vote::vote))
        .route("/api/v1/commission/appeals/{id}/close", post(close::close))
        .route("/api/v1/me/appeals/protocol.html", get(protocol::mine_html))
        .route("/api/v1/me/appeals/protocol.pdf", get(protocol::mine_pdf))
        .route(
            "/api/v1/commission/appeals/{id}/protocol.html",
            get(protocol::html),
        )
        .route(
            "/api/v1/commission/appeals/{id}/protocol.pdf",
            get(protocol::pdf),
        )
        .route("/api/v1/commission/notices", get(notices::notices))
        .route("/api/v1/admin/appeals/sla", get(sla::dashboard))
        .route(
            "/api/v1/admin/appeals/{id}/propagation",
            post(propagate::propagate),
        )
}

type JsonBody<T> = Result<axum::Json<T>, axum::extract::rejection::JsonRejection>;

fn body<T>(body: JsonBody<T>) -> Result<T, Error> {
    body.map(|axum::Json(b)| b).map_err(Error::from)
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
/// clause.
impl From<appeals::Error> for Error {
    fn from(e: appeals::Error) -> Error {
        let rule = match e {
            appeals::Error::App(e) => return e.into(),
            appeals::Error::Rule(rule) => rule,
        };
        let code = rule.code();
        match rule {
            AppealError::Invalid(errors) => Error::Unprocessable {
                code,
                message: AppealError::Invalid(errors.clone()).to_string(),
                details: errors.iter().map(ToString::to_string).collect(),
            },
            e @ (AppealError::Composition { .. }
            | AppealError::NotAVoter(_)
            | AppealError::BadVote { .. }) => Error::Unprocessable {
                code,
                message: e.to_string(),
                details: vec![],
            },
            e @ (AppealError::WindowClosed { .. }
            | AppealError::NoResult
            | AppealError::Voided
            | AppealError::AlreadyFiled
            | AppealError::Recusal(_)
            | AppealError::NotClosable(_)
            | AppealError::Calendar(_)) => Error::Conflict(e.to_string()),
        }
    }
}
