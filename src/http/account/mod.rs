//! Staff log in with a username and password (PBKDF2, p.15 authors, p.22 commission, QIO
//! operators) and get a login session: a bearer token for the API and an HttpOnly cookie with a
//! CSRF secret for pages. Anyone logged in can log out.

mod login;
mod logout;

use super::route::{Access, Entry};
use crate::domain::role::Role;

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/auth/login", Access::Public, login::handle),
        Entry::post(
            "/api/v1/auth/logout",
            Access::Authenticated(&Role::ALL),
            logout::handle,
        ),
    ]
}
