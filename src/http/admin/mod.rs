//! The administrators' API (QIO operators): staff accounts and their roles (create, list,
//! disable, enable), campaigns and their listing with progress, rosters with access codes
//! (and the re-issue of a lost one), the sessions of a running exam (list and search, export
//! as CSV/XLSX, inspect, extend, submit, void, answers).

mod announcement;
mod calendar;
mod campaigns;
pub(in crate::http) mod list;
mod reports;
mod roster;
mod sessions;
mod users;
pub mod views;

use super::openapi::{Doc, binary, object, text};
use super::route::{Access, Entry};
use super::views::{AnswersView, CampaignCreatedView, IssuedCodeView, RosterView, SessionView};
use crate::domain::role::Role;
use views::{CampaignListView, SessionListView};

const ADMIN: Access = Access::Authenticated(&[Role::Admin]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/admin/users", ADMIN, users::create::handle).doc(
            Doc::new("Create a staff account with its role and scope")
                .describe("`scope` is the region of an `leb_officer` (a slug or its Russian/Kazakh name) and the organization of a `tmc_operator`; absent for every other role (docs/admin-api.md).")
                .json::<users::create::NewUser>()
                .empty(201, "created")
                .errors(&[409]),
        ),
        Entry::get("/api/v1/admin/users", ADMIN, users::list::handle).doc(
            Doc::new("The staff accounts by username, with role, scope and whether disabled")
                .describe("Paginated (`page`, `per_page` 1 to 100); `q` is a username prefix or a part of the name (docs/admin-api.md).")
                .query::<users::list::Params>()
                .ok::<users::UserListView>(200, "a page of accounts")
                .errors(&[400]),
        ),
        Entry::post(
            "/api/v1/admin/users/{user}/disable",
            ADMIN,
            users::toggle::disable,
        )
        .doc(
            Doc::new("Disable a staff account; its logins die at once")
                .describe("`{user}` is the username. Audited as `user.disable` with the reason. 409 for one's own account.")
                .json::<users::toggle::Body>()
                .ok::<users::UserView>(200, "the account, `disabled` true")
                .errors(&[404, 409]),
        ),
        Entry::post(
            "/api/v1/admin/users/{user}/enable",
            ADMIN,
            users::toggle::enable,
        )
        .doc(
            Doc::new("Enable a disabled staff account again")
                .describe("`{user}` is the username. Audited as `user.enable` with the reason.")
                .json::<users::toggle::Body>()
                .ok::<users::UserView>(200, "the account, `disabled` false")
                .errors(&[404]),
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
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/sessions.csv",
            ADMIN,
            list::export::csv,
        )
        .doc(
            Doc::new("A campaign's sessions as CSV (formula-safe)")
                .describe("Every session matching `status` and `q`, by name then IIN; times in Asia/Almaty; a text a spreadsheet would read as a formula is written behind an apostrophe (docs/admin-api.md).")
                .query::<list::export::Params>()
                .answer(200, "a header row, then one row per session", "text/csv", text("the sessions"))
                .errors(&[400, 404]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/sessions.xlsx",
            ADMIN,
            list::export::xlsx,
        )
        .doc(
            Doc::new("A campaign's sessions as an XLSX workbook (text cells, never formulas)")
                .query::<list::export::Params>()
                .answer(200, "one sheet: the campaign, a header row, one row per session", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary("the workbook"))
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/roster",
            ADMIN,
            roster::add,
        )
        .doc(
            Doc::new("Add a roster and issue its access codes")
                .describe("The QIO's upload of people admitted outside synaq (audited `roster.add` with origin `qio_upload`); a TMC's admitted attestees get theirs from `POST /api/v1/tmc/campaigns/{campaign}/codes`. CSV text, header `iin,name,position,organization,procedure,current_category,claimed_category` and optionally `region,place_of_work,service_years,education`. The codes are shown only in this answer. 422 `invalid_roster` lists every bad cell; nothing is added.")
                .body("text/csv", text("the roster"))
                .ok::<RosterView>(201, "the issued codes")
                .errors(&[400, 404, 409, 413, 422]),
        ),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/announcement",
            ADMIN,
            announcement::publish,
        )
        .doc(
            Doc::new("Publish a campaign's announcement with its testing dates (p.11)")
                .describe("`{\"text_kk\", \"text_ru\"}`; the dates are the campaign's. A new publication replaces the last; each is audited as `campaign.announcement`. Public at `/campaigns/{campaign}` and `GET /api/v1/campaigns/{campaign}/announcement`.")
                .json::<announcement::NewAnnouncement>()
                .ok::<crate::http::public::AnnouncementView>(200, "the announcement as published")
                .errors(&[400, 404]),
        ),
        Entry::get("/api/v1/admin/sessions/{session}", ADMIN, sessions::show).doc(
            Doc::new("A session as the administrator sees it")
                .ok::<SessionView>(200, "the session")
                .errors(&[404]),
        ),
        Entry::get(
            "/api/v1/admin/sessions/{session}/overview",
            ADMIN,
            sessions::overview,
        )
        .doc(
            Doc::new("One session in depth: time left, online, answers and journal counts, signals")
                .ok::<sessions::SessionOverviewView>(200, "the drill-down of the session")
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
            "/api/v1/admin/campaigns/{campaign}/evaluations",
            ADMIN,
            reports::evaluations::list,
        )
        .doc(
            Doc::new("The category applicants' professional-activity evaluations (p.28-1)")
                .describe("Each category applicant with the status (pending, overdue, evaluated, evaluated_late, not_admitted, voided, not_scored), the score, the points and breakdown, the gap policy with its clause; the due date is 2 calendar days after `closes_on` (docs/reports.md).")
                .ok::<reports::views::EvaluationListView>(200, "the applicants")
                .errors(&[404, 422]),
        ),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/evaluations",
            ADMIN,
            reports::upload::handle,
        )
        .uploads()
        .doc(
            Doc::new("Upload the evaluations' ratings and violations (CSV or XLSX)")
                .describe("Columns `iin`, `rating` (0-5), `violations` (a count or yes/no). 422 `invalid_evaluations` lists every problem with its line and column (an IIN not on the roster, a person below the threshold, p.27); nothing is stored then (docs/reports.md).")
                .body("text/csv", text("iin,rating,violations"))
                .body(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    binary("an XLSX workbook whose first sheet has the columns"),
                )
                .ok::<reports::views::UploadedView>(200, "how many evaluations were stored")
                .errors(&[400, 404, 413, 415, 422]),
        ),
        Entry::put(
            "/api/v1/admin/campaigns/{campaign}/evaluations/{session}",
            ADMIN,
            reports::evaluations::put,
        )
        .doc(
            Doc::new("Enter one applicant's evaluation (p.28-1, Appendix 1-2)")
                .describe("Computed by the rules with the campaign's gap policy and stored, replacing an earlier one; audited as `evaluation.enter`. 409 `not_admitted_to_evaluation` for a score below the threshold (p.27), `voided`, `not_scored`, `not_a_category_applicant`.")
                .json::<reports::evaluations::EntryBody>()
                .ok::<reports::views::EvaluationView>(200, "the evaluation as stored")
                .errors(&[404, 409]),
        ),
        Entry::put(
            "/api/v1/admin/campaigns/{campaign}/evaluation-policy",
            ADMIN,
            reports::policy::handle,
        )
        .doc(
            Doc::new("Set how a rating in the (3.9, 4.0] gap is scored (Appendix 1-2)")
                .describe("`zero` (default: 0 points, flagged for the commission) or `ten`. Audited as `evaluation.policy`; stored evaluations keep their own policy.")
                .json::<reports::policy::PolicyBody>()
                .ok::<reports::views::GapPolicyView>(200, "the policy in force")
                .errors(&[404]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/reports",
            ADMIN,
            reports::dashboard::handle,
        )
        .doc(
            Doc::new("The reports to each region's LEB: counts, due date, status (p.31)")
                .describe("Per region: people, scored, voided, not finished, sent at and by, status (due, overdue, sent, sent_late) against the deadline of 5 working days after `closes_on` (provisional when a counted year's decree is not known). `region_not_given` counts the rows without a region (docs/reports.md).")
                .ok::<reports::views::ReportDashboardView>(200, "the dashboard")
                .errors(&[404, 422]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/reports/appendix2",
            ADMIN,
            reports::download::appendix2,
        )
        .doc(
            Doc::new("Appendix 2 of one region as XLSX or CSV (p.31)")
                .describe("Region, place of work, full name, position, procedure, score, decision of the current result; a voided session as voided (p.19), no result as not finished. `region` is a slug or `none`; `format` is `xlsx` (default) or `csv` (docs/reports.md).")
                .query::<reports::download::Params>()
                .answer(200, "the table", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary("XLSX"))
                .answer(200, "the table", "text/csv", text("CSV, UTF-8 with a byte-order mark"))
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/reports/appendix2/{region}/sent",
            ADMIN,
            reports::sent::handle,
        )
        .doc(
            Doc::new("Mark a region's Appendix 2 report as sent to its LEB (p.31)")
                .describe("Stored once (409 naming the first mark), audited as `report.sent`; `none` (no region) is refused with 409.")
                .ok::<reports::views::RegionReportView>(200, "the region's report as it then stands")
                .errors(&[404, 409, 422]),
        ),
        Entry::get(
            "/api/v1/admin/campaigns/{campaign}/reports/appendix5",
            ADMIN,
            reports::download::appendix5,
        )
        .doc(
            Doc::new("Appendix 5 of one region as XLSX or CSV (p.32)")
                .describe("IIN, full name, education, position, category and date or fitness and date, of each person with a current result; the date is the result's until the LEB's decisions are recorded (docs/reports.md).")
                .query::<reports::download::Params>()
                .answer(200, "the table", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary("XLSX"))
                .answer(200, "the table", "text/csv", text("CSV, UTF-8 with a byte-order mark"))
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
