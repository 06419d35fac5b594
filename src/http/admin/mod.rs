//! The administrators' API (QIO operators): staff accounts, campaigns and their listing with
//! progress, rosters with access codes (and the re-issue of a lost one), and the sessions of a
//! running exam (list and search, inspect, extend, submit, void, answers).

mod calendar;
mod campaigns;
pub(super) mod list;
mod roster;
mod sessions;
mod users;
pub mod views;

use super::openapi::{Doc, object, text};
use super::route::{Access, Entry};
use super::views::{AnswersView, CampaignCreatedView, IssuedCodeView, RosterView, SessionView};
use crate::domain::role::Role;
use views::{CampaignListView, SessionListView};

const ADMIN: Access = Access::Authenticated(&[Role::Admin]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/admin/users", ADMIN, users::create).doc(
            Doc::new("Create a staff account")
                .json::<users::NewUser>()
                .empty(201, "created")
                .errors(&[409]),
        ),
        Entry::post("/api/v1/admin/campaigns", ADMIN, campaigns::create).doc(
            Doc::new("Create a campaign over a stored bank version")
                .json::<campaigns::NewCampaign>()
                .ok::<CampaignCreatedView>(201, "the new campaign")
                .errors(&[404, 409, 422]),
        ),
        Entry::get("/api/v1/admin/campaigns", ADMIN, list::campaigns::handle).doc(
            Doc::new("The campaigns, newest first, each with its progress at a glance")
                .describe("Paginated (`page` from 1, `per_page` 1 to 100, default 50) with the listing's `total`; `q` is a part of the name (docs/admin-api.md).")
                .query::<list::campaigns::Params>()
                .ok::<CampaignListView>(200, "a page of campaigns")
                .errors(&[400]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/sessions",
            ADMIN,
            list::sessions::handle,
        )
        .doc(
            Doc::new("A campaign's sessions: status, time left, answers, signals, result")
                .describe("By name then IIN, paginated (`page`, `per_page` 1 to 100). `status` filters; `q` is an IIN prefix or a part of the name (docs/admin-api.md).")
                .query::<list::sessions::Params>()
                .ok::<SessionListView>(200, "a page of sessions")
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/roster",
            ADMIN,
            roster::add,
        )
        .doc(
            Doc::new("Add a roster and issue its access codes")
                .describe("CSV text, header `iin,name,position,organization,procedure,current_category,claimed_category`. The codes are shown only in this answer. 422 `invalid_roster` lists every bad cell; nothing is added.")
                .body("text/csv", text("the roster"))
                .ok::<RosterView>(201, "the issued codes")
                .errors(&[400, 404, 409, 413, 422]),
        ),
        Entry::get("/api/v1/admin/sessions/{session}", ADMIN, sessions::show).doc(
            Doc::new("A session as the administrator sees it")
                .ok::<SessionView>(200, "the session")
                .errors(&[404]),
        ),
        Entry::get(
            "/api/v1/admin/sessions/{session}/answers",
            ADMIN,
            sessions::answers,
        )
        .doc(
            Doc::new("A session's current answers and its answer journal")
                .ok::<AnswersView>(200, "the answers and journal")
                .errors(&[404]),
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/extend",
            ADMIN,
            sessions::extend,
        )
        .doc(
            Doc::new("Move a session's deadline; the open socket hears it at once")
                .json::<sessions::Extension>()
                .ok::<SessionView>(200, "the session as it then stands")
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/submit",
            ADMIN,
            sessions::submit,
        )
        .doc(
            Doc::new("Submit a session on the candidate's behalf")
                .json::<sessions::Reason>()
                .ok::<SessionView>(200, "the session as it then stands")
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/void",
            ADMIN,
            sessions::void,
        )
        .doc(
            Doc::new("Void a session; every result version is annulled (p.19)")
                .json::<sessions::Reason>()
                .ok::<SessionView>(200, "the session, status `voided`")
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/code",
            ADMIN,
            sessions::reissue_code,
        )
        .doc(
            Doc::new("Re-issue a lost access code; the old code and its logins die")
                .describe("The new code is shown only in this answer. Allowed in every status: after the exam the code still opens the result, the cabinet and appeals. Audited as `roster.code_reissue` with the reason.")
                .json::<sessions::Reason>()
                .ok::<IssuedCodeView>(200, "the new code, shown once")
                .errors(&[400, 404]),
        ),
        Entry::get(
            "/api/v1/admin/calendar/years/{year}",
            ADMIN,
            calendar::year::handle,
        )
        .doc(
            Doc::new("A year's working days and exceptions, and how it is known")
                .integer("year")
                .answer(
                    200,
                    "the year (docs/calendar.md)",
                    "application/json",
                    object("`{\"year\", \"status\", \"working_days\", \"days\"}` (docs/calendar.md)"),
                )
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/admin/calendar/years/{year}/confirm",
            ADMIN,
            calendar::confirm::handle,
        )
        .doc(
            Doc::new("Confirm a year's Kurban ait and transfers; the year becomes exact")
                .integer("year")
                .json::<calendar::confirm::ConfirmBody>()
                .answer(
                    200,
                    "the year as it then stands (docs/calendar.md)",
                    "application/json",
                    object("`{\"year\", \"status\", \"working_days\", \"days\"}` (docs/calendar.md)"),
                )
                .errors(&[400, 404, 409, 422]),
        ),
    ]
}
