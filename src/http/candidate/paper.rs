//! `GET /api/v1/exam/paper`: the candidate's paper in the chosen language — question texts
//! and options in paper order, never the keys — for a session that has started.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use crate::domain::exam::Status;
use crate::http::auth::Candidate;
use crate::http::views::{OptionView, PaperView, QuestionView};
use crate::http::{AppState, Error};

pub(super) async fn handle(
    State(state): State<AppState>,
    candidate: Candidate,
) -> Result<Response, Error> {
    let row = state.app.session(&candidate.session_id).await?;
    if row.status == Status::Voided {
        return Err(Error::ExamOver { status: row.status });
    }
    if row.paper_id.is_none() {
        return Err(Error::Conflict(format!(
            "there is no paper to show: the exam is {}",
            row.status
        )));
    }
    let (paper, bank, _) = state.app.paper(&row).await?;
    let rendered = paper.render(&bank);
    let view = PaperView {
        session_id: row.session_id,
        lang: rendered.lang,
        questions: rendered
            .questions
            .into_iter()
            .map(|q| QuestionView {
                number: q.number,
                question_id: q.question_id,
                section: q.section,
                kind: q.kind,
                text: q.text,
                options: q
                    .options
                    .into_iter()
                    .map(|o| OptionView {
                        id: o.id,
                        text: o.text,
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(([(header::CACHE_CONTROL, "private, no-store")], Json(view)).into_response())
}
