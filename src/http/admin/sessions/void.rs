//! `POST /api/v1/admin/sessions/{session}/void {"reason"}`: voids the session at any time,
//! even after submission (p.19); every version of its result is annulled. The reason is noted
//! with the void, so the candidate's page shows it.

use axum::Json;
use axum::extract::State;

use super::Act;
use crate::http::views::SessionView;
use crate::http::{AppState, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    act: Act,
) -> Result<Json<SessionView>, Error> {
    // Noted with its reason, so the candidate's page and socket can say why (p.19).
    let voided = state
        .app
        .void_noted(
            &act.session_id,
            crate::store::proctor::VoidNote {
                cause: crate::store::proctor::VoidCause::Staff,
                kind: None,
                reason: &act.reason,
            },
            &act.actor,
        )
        .await?;
    if !voided {
        return Err(Error::Conflict(format!(
            "session {} is voided already (p.19)",
            act.session_id
        )));
    }
    super::view(&state, &act.session_id).await
}
