//! `POST /api/v1/leb/sessions/{session}/decision {"decided_on", "order_number", "note"}`: the
//! officer confirms the decision the current result calls for (p.32.1), audited as
//! `leb.decide`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::views::DecisionView;
use crate::app::leb::DecisionInput;
use crate::http::extract::Json;
use crate::http::{AppState, Caller, Error};

/// The longest order number and note accepted.
const ORDER_MAX: usize = 100;
const NOTE_MAX: usize = 2000;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[schema(as = LebDecisionBody)]
#[serde(deny_unknown_fields)]
pub(super) struct Body {
    /// The decision's own date, `YYYY-MM-DD` (Asia/Almaty), not in the future.
    decided_on: String,
    /// The order or act number, 1 to 100 characters.
    order_number: String,
    /// Up to 2000 characters.
    #[serde(default)]
    note: String,
}

pub(super) async fn handle(
    State(state): State<AppState>,
    caller: Caller,
    Path(session_id): Path<String>,
    Json(body): Json<Body>,
) -> Result<(StatusCode, axum::Json<DecisionView>), Error> {
    let scope = super::scope(&caller, None)?;
    let decided_on: jiff::civil::Date = body.decided_on.trim().parse().map_err(|_| {
        Error::bad_request(
            "decided_on",
            format!("{:?} is not a date YYYY-MM-DD", body.decided_on),
        )
    })?;
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    if decided_on > today {
        return Err(Error::bad_request(
            "decided_on",
            format!("{decided_on} is after today ({today}, Asia/Almaty)"),
        ));
    }
    let order_number = body.order_number.trim();
    if order_number.is_empty() || order_number.chars().count() > ORDER_MAX {
        return Err(Error::bad_request(
            "order_number",
            format!("the order/act number is 1 to {ORDER_MAX} characters"),
        ));
    }
    let note = body.note.trim();
    if note.chars().count() > NOTE_MAX {
        return Err(Error::bad_request(
            "note",
            format!("at most {NOTE_MAX} characters"),
        ));
    }
    let input = DecisionInput {
        decided_on,
        order_number: order_number.to_owned(),
        note: note.to_owned(),
    };
    let row = state.app.leb_row(&scope, &session_id).await?;
    if let Some(ended) = row
        .row
        .ended_at
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
    {
        let tested = crate::domain::calendar::almaty_date(ended);
        if decided_on < tested {
            return Err(Error::bad_request(
                "decided_on",
                format!("{decided_on} is before the test ({tested})"),
            ));
        }
    }
    let decision = state
        .app
        .leb_decide(&scope, &session_id, &input, &caller.actor())
        .await?;
    Ok((StatusCode::CREATED, axum::Json(DecisionView::of(&decision))))
}
