//! The question authors' API (p.15): upload a bank, list the stored versions.

mod item_stats;
mod list;
mod upload;

use super::openapi::{Doc, files, object, text};
use super::route::{Access, Entry};
use crate::domain::role::Role;
use crate::store::bank::{ImportOutcome, VersionInfo};

pub(super) fn routes() -> Vec<Entry> {
    vec![
        Entry::post(
            "/api/v1/banks",
            Access::Authenticated(&[Role::Author]),
            upload::handle,
        )
        .uploads()
        .doc(
            Doc::new("Upload a bank version")
                .describe("Multipart file parts (the filename picks the format: native JSON, GIFT, Moodle XML, Aiken; Kazakh and Russian files of one bank go together), or one native JSON bank as the raw body (docs/bank-format.md). The limit is the configured `max_upload_bytes`.")
                .query::<upload::Params>()
                .body("multipart/form-data", files("the bank's files"))
                .body("application/json", object("a native JSON bank (docs/bank-format.md)"))
                .ok::<ImportOutcome>(201, "the new version")
                .ok::<ImportOutcome>(200, "this exact content was already stored: nothing was written")
                .errors(&[400, 413, 415, 422]),
        ),
        Entry::get(
            "/api/v1/banks",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            list::handle,
        )
        .doc(
            Doc::new("The stored bank versions, newest first")
                .ok_array::<VersionInfo>(200, "the versions"),
        ),
        Entry::get(
            "/api/v1/campaigns/{campaign}/item-stats",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            item_stats::json,
        )
        .doc(
            Doc::new("The campaign's item statistics, per question")
                .describe("Over the campaign's scored sessions (and its retake campaign's): share correct, corrected point-biserial, option shares, share blank, appeals filed, flags (`few_sittings` under 20 sittings, `too_easy` over 90% correct, `too_hard` under 20%, `negative_discrimination`). docs/bank-format.md, \"Item statistics\".")
                .ok_array::<crate::domain::item_stats::ItemStats>(200, "one entry per question answered, by question id")
                .errors(&[404]),
        ),
        Entry::get(
            "/api/v1/campaigns/{campaign}/item-stats.csv",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            item_stats::csv,
        )
        .doc(
            Doc::new("The campaign's item statistics as CSV")
                .answer(200, "a header row, then one row per question", "text/csv", text("the statistics"))
                .errors(&[404]),
        ),
    ]
}
