//! The sessions of a running exam, for administrators: inspect one (and its overview: time
//! left, online, answers and journal counts, signals), its answers and journal,
//! extend its deadline, submit it on the candidate's behalf, void it (p.19). Every action
//! takes a reason for the audit log and answers with the session as it then stands (but the
//! re-issue of a lost access code, which answers with the new code).

mod answers;
mod code;
mod extend;
mod overview;
mod show;
mod submit;
mod void;

pub(super) use answers::handle as answers;
pub(super) use code::handle as reissue_code;
pub(super) use extend::{Extend as Extension, handle as extend};
pub(super) use overview::{SessionOverviewView, handle as overview};
pub(super) use show::handle as show;
pub(super) use submit::handle as submit;
pub(super) use void::handle as void;

use axum::Json;
use axum::extract::{FromRequest, FromRequestParts, Path, Request};
use serde::Deserialize;

use crate::http::views::SessionView;
use crate::http::{AppState, Caller, Error, extract};

/// The body of an action with only a reason.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub(super) struct Reason {
    /// 1 to 1000 characters, for the audit log.
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    reason: String,
}

/// An action on the session of the path with only a reason (submit, void): who, on what,
/// why — the reason checked.
pub(crate) struct Act {
    session_id: String,
    reason: String,
    actor: crate::domain::audit::Actor,
}

impl FromRequest<AppState> for Act {
    type Rejection = Error;

    async fn from_request(request: Request, state: &AppState) -> Result<Act, Error> {
        let (mut parts, body) = request.into_parts();
        let Path(session_id) = Path::<String>::from_request_parts(&mut parts, state)
            .await
            .map_err(|e| Error::bad_request("session", e.body_text()))?;
        let caller = Caller::from_request_parts(&mut parts, state).await?;
        let extract::Json(body) =
            extract::Json::<Reason>::from_request(Request::from_parts(parts, body), state).await?;
        Ok(Act {
            session_id,
            reason: reason(&body.reason)?.to_owned(),
            actor: caller.actor(),
        })
    }
}

/// A reason for the audit log: 1 to 1000 characters once trimmed.
fn reason(text: &str) -> Result<&str, Error> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 1000 {
        return Err(Error::bad_request(
            "reason",
            "1 to 1000 characters: it goes to the audit log",
        ));
    }
    Ok(text)
}

/// The session `id` as it stands now, for the answer of an action on it.
async fn view(state: &AppState, id: &str) -> Result<Json<SessionView>, Error> {
    let row = state.app.session(id).await?;
    Ok(Json(SessionView::of(&row, state.app.clock().now_ms())))
}
