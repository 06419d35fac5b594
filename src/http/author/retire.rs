//! `POST /api/v1/banks/{version}/retire` `{"questions": [...], "reason": "..."}`: a new version
//! of the bank without those questions (versions are immutable and content-addressed, so a
//! retirement is a new version, whose parent is `version`), audited as `bank.retire` with the
//! reason. Ids the version does not hold are refused with 422 naming each; `version` must be
//! the newest of its lineage (409 otherwise); at least one question must remain.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use crate::domain::bank::diff;
use crate::http::extract;
use crate::http::{AppState, Caller, Error};
use crate::store::{self, bank::ImportOutcome, bank::Retirement};

/// The longest reason kept in the audit log.
const REASON_MAX: usize = 2000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = BankRetirement)]
pub(super) struct RetireBody {
    /// The ids of the questions to retire.
    questions: Vec<String>,
    /// Why (kept in the audit log).
    reason: String,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(version): Path<String>,
    extract::Json(body): extract::Json<RetireBody>,
) -> Result<(StatusCode, Json<ImportOutcome>), Error> {
    if body.questions.is_empty() {
        return Err(Error::bad_request(
            "questions",
            "name at least one question id",
        ));
    }
    let reason = body.reason.trim();
    if reason.is_empty() {
        return Err(Error::bad_request(
            "reason",
            "say why the questions are retired",
        ));
    }
    if reason.chars().count() > REASON_MAX {
        return Err(Error::bad_request(
            "reason",
            format!("at most {REASON_MAX} characters"),
        ));
    }
    let from = store::bank::resolve(&state.db, &version).await?;
    let bank = store::bank::load(&state.db, &from).await?;
    let left = diff::without(&bank, &body.questions).map_err(|unknown| Error::Unprocessable {
        code: "unknown_questions",
        message: format!(
            "version {from} holds no question {}; nothing was retired",
            unknown.join(", ")
        ),
        details: unknown.clone(),
    })?;
    if left.questions.is_empty() {
        return Err(Error::Unprocessable {
            code: "empty_bank",
            message: "retiring these would leave the bank without a question; nothing was retired"
                .to_owned(),
            details: Vec::new(),
        });
    }
    let mut questions = body.questions.clone();
    questions.sort();
    questions.dedup();
    let retirement = Retirement {
        from: &from,
        questions: &questions,
        reason,
    };
    let outcome = store::bank::retire(
        &state.db,
        &left,
        &retirement,
        &caller.actor(),
        jiff::Timestamp::now(),
    )
    .await?;
    let status = if outcome.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)))
}
