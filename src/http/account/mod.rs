//! Staff log in with a username and password (PBKDF2, p.15 authors, p.22 commission, QIO
//! operators) and get a login session: a bearer token for the API and an HttpOnly cookie with a
//! CSRF secret for pages. Anyone logged in can log out.

mod login;
mod logout;

use super::openapi::Doc;
use super::route::{Access, Entry};
use super::views::StaffLoginView;
use crate::domain::role::Role;

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post("/api/v1/auth/login", Access::Public, login::handle).doc(
            Doc::new("Log in with a staff username and password")
                .describe("Sets the `synaq_session` cookie too. 422 `bad_credentials`; 429 past 10 attempts per username or 30 per address a minute.")
                .json::<login::Body>()
                .ok::<StaffLoginView>(200, "the login session's token and CSRF secret")
                .errors(&[422, 429]),
        ),
        Entry::post(
            "/api/v1/auth/logout",
            Access::Authenticated(&Role::ALL),
            logout::handle,
        )
        .doc(
            Doc::new("End the login session, or revoke the API token, that authenticated the call")
                .empty(204, "logged out; the cookie is cleared"),
        ),
    ]
}
