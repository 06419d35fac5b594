//! `POST /api/v1/tmc/campaigns/{campaign}/codes`: access codes for the caller's admitted
//! attestees who hold none (p.14), each with its roster entry and scheduled exam session;
//! shown only in this answer, also as a CSV for printing (`export::Table`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

use super::views::CodesView;
use crate::export::{Cell, Table};
use crate::http::views::IssuedCodeView;
use crate::http::{AppState, Caller, Error};
use crate::store;

pub(super) async fn issue(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
) -> Result<(StatusCode, Json<CodesView>), Error> {
    let campaign = super::open_campaign(&state, &campaign_id).await?;
    let scope = super::scope(&caller);
    let now = state.app.clock().now();
    let issued = store::attestee::issue_codes(
        &state.db,
        &campaign_id,
        scope.as_deref(),
        &caller.actor(),
        now,
    )
    .await?;
    let table = Table {
        sheet: "Коды доступа".into(),
        preamble: vec![campaign.name.clone()],
        header: ["ИИН / ЖСН", "ФИО / Т.А.Ә.", "Код доступа / Кіру коды"]
            .map(str::to_owned)
            .to_vec(),
        rows: issued
            .iter()
            .map(|c| {
                vec![
                    Cell::from(c.iin.as_str()),
                    Cell::from(c.name.as_str()),
                    Cell::from(c.code.as_str()),
                ]
            })
            .collect(),
    };
    let csv = String::from_utf8(table.to_csv()).map_err(|e| Error::Internal(Box::new(e)))?;
    let entries = issued
        .into_iter()
        .map(|e| IssuedCodeView {
            roster_id: e.roster_id,
            session_id: e.session_id,
            iin: e.iin,
            name: e.name,
            code: e.code,
        })
        .collect();
    Ok((StatusCode::CREATED, Json(CodesView { entries, csv })))
}
