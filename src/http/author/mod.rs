//! The question authors' API (p.15): upload a bank, list the stored versions.

mod list;
mod upload;

use super::route::{Access, Entry};
use crate::domain::role::Role;

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post(
            "/api/v1/banks",
            Access::Authenticated(&[Role::Author]),
            upload::handle,
        )
        .uploads(),
        Entry::get(
            "/api/v1/banks",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            list::handle,
        ),
    ]
}
