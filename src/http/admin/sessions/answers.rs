//! `GET /api/v1/admin/sessions/{session}/answers`: the current answers and the journal of
//! every accepted message.

use axum::Json;
use axum::extract::{Path, State};

use crate::http::views::AnswersView;
use crate::http::{AppState, Error};

pub(crate) async fn handle(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AnswersView>, Error> {
    state.app.session(&id).await?;
    let answers = state.app.answers(&id).await?;
    let journal = state.app.journal(&id).await?;
    Ok(Json(AnswersView {
        answers: answers.into_iter().map(Into::into).collect(),
        journal: journal.into_iter().map(Into::into).collect(),
    }))
}
