//! Routes open to everyone: the landing page, the candidate's pages, the proctoring review
//! page, the admin console and the author page (their data comes from the reviewers',
//! admins' and authors' API) and their assets, the health check, and the
//! answer to an unknown address (404).

mod announcement;
mod health;
mod pages;

pub use announcement::AnnouncementView;

pub(super) use pages::{method_not_allowed, not_found};

use super::openapi::{self, Doc, object};
use super::route::{Access, Entry};
use crate::web;

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::get("/", Access::Public, || pages::html(web::LANDING_HTML)),
        Entry::get("/health", Access::Public, health::handle).doc(
            Doc::new("Whether the node and its database answer")
                .describe("500 when the database does not answer.")
                .answer(
                    200,
                    "`{\"status\": \"ok\", \"database\", \"node\", \"sockets\", \"version\", \"time\"}`",
                    "application/json",
                    object("the node's health"),
                ),
        ),
        Entry::get(openapi::PATH, Access::Public, openapi::serve).doc(
            Doc::new("This OpenAPI document, built from the route table").answer(
                200,
                "the OpenAPI 3.1 document",
                "application/json",
                object("an OpenAPI 3.1 document"),
            ),
        ),
        Entry::get("/exam", Access::Public, || pages::html(web::EXAM_HTML)),
        Entry::get("/me", Access::Public, || pages::html(web::ME_HTML)),
        Entry::get("/commission", Access::Public, || {
            pages::html(web::commission::CONSOLE_HTML)
        }),
        Entry::get("/review", Access::Public, || pages::html(web::REVIEW_HTML)),
        Entry::get("/author", Access::Public, || pages::html(web::AUTHOR_HTML)),
        Entry::get("/admin", Access::Public, || pages::html(web::ADMIN_HTML)),
        Entry::get("/leb", Access::Public, || pages::html(web::leb::CONSOLE_HTML)),
        Entry::get("/assets/{*path}", Access::Public, pages::asset),
        Entry::get("/tmc", Access::Public, || pages::html(web::TMC_HTML)),
        Entry::get("/campaigns/{campaign}", Access::Public, announcement::page),
        Entry::get(
            "/api/v1/campaigns/{campaign}/announcement",
            Access::Public,
            announcement::json,
        )
        .doc(
            Doc::new("A campaign's announcement: its testing dates and text in kk and ru (p.11)")
                .describe("404 until the QIO publishes one. The page `/campaigns/{campaign}` shows the same.")
                .ok::<AnnouncementView>(200, "the announcement")
                .errors(&[404]),
        ),
    ]
}
