//! The administrators' API (QIO operators): staff accounts, campaigns, rosters with access
//! codes, and the sessions of a running exam (inspect, extend, submit, void, answers).

mod calendar;
mod campaigns;
mod roster;
mod sessions;
mod users;

use super::route::{Access, Entry};
use crate::domain::role::Role;

const ADMIN: Access = Access::Authenticated(&[Role::Admin]);

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/admin/users", ADMIN, users::create),
        Entry::post("/api/v1/admin/campaigns", ADMIN, campaigns::create),
        Entry::post(
            "/api/v1/admin/campaigns/{campaign}/roster",
            ADMIN,
            roster::add,
        ),
        Entry::get("/api/v1/admin/sessions/{session}", ADMIN, sessions::show),
        Entry::get(
            "/api/v1/admin/sessions/{session}/answers",
            ADMIN,
            sessions::answers,
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/extend",
            ADMIN,
            sessions::extend,
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/submit",
            ADMIN,
            sessions::submit,
        ),
        Entry::post(
            "/api/v1/admin/sessions/{session}/void",
            ADMIN,
            sessions::void,
        ),
        Entry::get(
            "/api/v1/admin/calendar/years/{year}",
            ADMIN,
            calendar::year::handle,
        ),
        Entry::post(
            "/api/v1/admin/calendar/years/{year}/confirm",
            ADMIN,
            calendar::confirm::handle,
        ),
    ]
}
