//! `POST /api/v1/tmc/campaigns/{campaign}/personnel` with a CSV or XLSX body: the personnel
//! and training data of the caller's attestees (docs/tmc.md), each attestee's admission
//! computed by the rules' `eligibility` on the campaign's first testing day (p.4-p.6, p.10,
//! p.14; CPD p.15, p.21) and stored with its reasons. Every error at once; nothing stored on
//! any.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Path, State};

use super::upload::{Upload, rows_error};
use super::views::PersonnelView;
use crate::domain::attestee::{Admission, admission};
use crate::domain::personnel;
use crate::domain::roster::RosterError;
use crate::http::{AppState, Caller, Error};
use crate::store;
use crate::store::attestee::Admitted;

pub(super) async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Path(campaign_id): Path<String>,
    upload: Upload,
) -> Result<Json<PersonnelView>, Error> {
    let campaign = super::open_campaign(&state, &campaign_id).await?;
    let sheet = upload
        .sheet("invalid_personnel", personnel::is_known_column)
        .await?;
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let people = personnel::parse(&sheet, today).map_err(|e| rows_error("invalid_personnel", e))?;
    let scope = super::scope(&caller);
    let listed: HashMap<String, store::attestee::Attestee> =
        store::attestee::all(&state.db, &campaign_id, scope.as_deref())
            .await?
            .into_iter()
            .map(|a| (a.row.iin.to_string(), a))
            .collect();
    let on = campaign.opens_on;
    let mut errors = Vec::new();
    let mut updates = Vec::new();
    for person in &people {
        let line = person.lines[0];
        let Some(attestee) = listed.get(&person.iin.to_string()) else {
            errors.push(RosterError {
                line,
                column: "iin".into(),
                message: format!(
                    "{} is not on your list of attestees for this campaign",
                    person.iin
                ),
            });
            continue;
        };
        match admission(
            &attestee.row,
            Some(&person.facts),
            attestee.exclusion.as_ref(),
            on,
        ) {
            Ok((admission, reasons)) => updates.push(Admitted {
                attestee_id: attestee.attestee_id.clone(),
                facts: person.facts.clone(),
                admission,
                reasons,
            }),
            Err(message) => errors.push(RosterError {
                line,
                column: "row".into(),
                message,
            }),
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(rows_error("invalid_personnel", errors));
    }
    let now = state.app.clock().now();
    store::attestee::set_admissions(&state.db, &campaign_id, &updates, on, &caller.actor(), now)
        .await?;
    let count = |a: Admission| updates.iter().filter(|u| u.admission == a).count();
    Ok(Json(PersonnelView {
        on: on.to_string(),
        updated: updates.len(),
        admitted: count(Admission::Admitted),
        not_admitted: count(Admission::NotAdmitted),
    }))
}
