//! The TMC operators' API (p.9-p.11, p.14): a campaign's list of attestees, uploaded as CSV
//! or XLSX and corrected; the personnel and training data that decide each attestee's
//! admission; the access codes of the admitted. A `tmc_operator` acts only on its own
//! organization's people (its `Caller::scope`): another organization's rows are refused in an
//! upload and not found (404) by id. An administrator acts on every organization's.

mod attestees;
mod campaigns;
mod codes;
mod correct;
mod personnel;
mod upload;
pub mod views;

use super::openapi::{Doc, text};
use super::route::{Access, Entry};
use super::{Caller, Error};
use crate::domain::role::Role;
use views::{
    AttesteeListView, AttesteeView, CodesView, ImportView, PersonnelView, TmcCampaignsView,
};

/// The admin first: the route × role test logs a cookie in as the first role of a route.
const TMC: Access = Access::Authenticated(&[Role::Admin, Role::TmcOperator]);

/// The organization the caller is limited to: a `tmc_operator`'s scope (an operator without
/// one sees no one), none for an administrator.
fn scope(caller: &Caller) -> Option<String> {
    match caller.role {
        Some(Role::TmcOperator) => Some(caller.scope.clone().unwrap_or_default()),
        _ => None,
    }
}

/// The day of the campaign's first testing day and today's in Asia/Almaty; refuses a campaign
/// whose term is over (`roster::check_roster_allowed`, p.9-p.11).
async fn open_campaign(
    state: &super::AppState,
    campaign_id: &str,
) -> Result<crate::store::campaign::Campaign, Error> {
    let today = crate::domain::calendar::almaty_date(state.app.clock().now());
    let campaign = crate::store::campaign::get(&state.db, campaign_id).await?;
    crate::domain::roster::check_roster_allowed(campaign.opens_on, campaign.closes_on, today)
        .map_err(Error::Conflict)?;
    Ok(campaign)
}

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::get("/api/v1/tmc/campaigns", TMC, campaigns::list).doc(
            Doc::new("The newest 100 campaigns, to form a list for")
                .ok::<TmcCampaignsView>(200, "the campaigns, newest first"),
        ),
        Entry::post(
            "/api/v1/tmc/campaigns/{campaign}/attestees",
            TMC,
            attestees::upload,
        )
        .uploads()
        .doc(
            Doc::new("Add rows to a campaign's list of attestees (p.9, Appendix 1)")
                .describe("CSV (`text/csv`) or XLSX (first sheet). Columns in any order, by English name or the Appendix 1 headers in Russian or Kazakh (docs/tmc.md). 422 `invalid_attestees` lists every error with its line and column; nothing is imported. A `tmc_operator` uploads only its own organization's rows.")
                .body("text/csv", text("the list"))
                .ok::<ImportView>(201, "the rows added")
                .errors(&[400, 404, 409, 413, 415, 422]),
        ),
        Entry::get(
            "/api/v1/tmc/campaigns/{campaign}/attestees",
            TMC,
            attestees::list,
        )
        .doc(
            Doc::new("A page of the list with each attestee's admission and reasons")
                .describe("By name then IIN, paginated (`page`, `per_page` 1 to 100). `status` is `no_data`, `admitted`, `not_admitted` or `excluded`; `q` an IIN prefix or a part of the name. A `tmc_operator` sees its organization's rows only.")
                .query::<attestees::Params>()
                .ok::<AttesteeListView>(200, "a page of attestees")
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/tmc/campaigns/{campaign}/attestees/{attestee}/correction",
            TMC,
            correct::handle,
        )
        .doc(
            Doc::new("Exclude an attestee with the reason and period of p.10, or re-include")
                .describe("`{\"excluded\": true, \"reason\", \"from\", \"until\", \"note\"}` or `{\"excluded\": false}`. An unused code dies with its logins; 409 once the exam began. Audited as `attestee.correct`.")
                .json::<correct::Correction>()
                .ok::<AttesteeView>(200, "the attestee as it then stands")
                .errors(&[400, 404, 409]),
        ),
        Entry::post(
            "/api/v1/tmc/campaigns/{campaign}/personnel",
            TMC,
            personnel::upload,
        )
        .uploads()
        .doc(
            Doc::new("Upload personnel and training data; admission is recomputed (p.4-p.6, p.14)")
                .describe("CSV or XLSX, one or more rows per IIN (docs/tmc.md). Every IIN must be on the caller's list. The admission is computed for the campaign's first testing day. 422 `invalid_personnel` lists every error; nothing is stored.")
                .body("text/csv", text("the personnel data"))
                .ok::<PersonnelView>(200, "how many were admitted")
                .errors(&[400, 404, 409, 413, 415, 422]),
        ),
        Entry::post(
            "/api/v1/tmc/campaigns/{campaign}/codes",
            TMC,
            codes::issue,
        )
        .doc(
            Doc::new("Issue access codes to the admitted attestees who have none")
                .describe("The codes are shown only in this answer, also as a CSV for printing (`csv`). Excluded, not admitted and not yet known attestees get none.")
                .ok::<CodesView>(201, "the codes issued")
                .errors(&[404, 409]),
        ),
    ]
}
