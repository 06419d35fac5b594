//! `POST /api/v1/admin/sessions/{session}/code {"reason"}`: a new access code for a candidate
//! who lost theirs. The new code is shown only in this answer; the old one stops opening the
//! session at once and every login it opened is closed (audited, `roster.code_reissue`).
//!
//! Allowed in every status: after the exam the code still opens the result, the cabinet and
//! appeals (p.20, p.21), which a candidate who lost it needs within the appeal window. An exam
//! socket already open keeps running (it was authenticated when it opened); its next
//! connection needs a login with the new code.

use axum::Json;
use axum::extract::State;

use super::Act;
use crate::http::views::IssuedCodeView;
use crate::http::{AppState, Error};
use crate::store;

pub(crate) async fn handle(
    State(state): State<AppState>,
    act: Act,
) -> Result<Json<IssuedCodeView>, Error> {
    let now = state.app.clock().now();
    let issued =
        store::campaign::reissue_code(&state.db, &act.session_id, &act.reason, &act.actor, now)
            .await?;
    Ok(Json(IssuedCodeView {
        roster_id: issued.roster_id,
        session_id: issued.session_id,
        iin: issued.iin,
        name: issued.name,
        code: issued.code,
    }))
}
