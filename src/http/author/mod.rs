//! The question authors' API (p.15): upload a bank, list the stored versions, export one.

mod export;
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
                .describe("Multipart file parts (the filename picks the format: native JSON, GIFT, Moodle XML, Aiken; Kazakh and Russian files of one bank go together), or one native JSON bank as the raw body (docs/bank-format.md). A part named `map` is a category map (CSV `category,section,profile,topic`). The query's `lang`, `section`, `profile`, `topic` and `difficulty` (or multipart form fields of those names) are defaults for what GIFT, Aiken, Moodle XML and QTI files do not say; a tag in the file wins. The answer's `notes` say what the import did for the author (derived ids, languages read from the letters). The limit is the configured `max_upload_bytes`.")
                .query::<upload::Params>()
                .body("multipart/form-data", files("the bank's files"))
                .body("application/json", object("a native JSON bank (docs/bank-format.md)"))
                .ok::<ImportOutcome>(201, "the new version")
                .ok::<ImportOutcome>(200, "this exact content was already stored: nothing was written")
                .errors(&[400, 413, 415, 422]),
        ),
        Entry::get(
            "/api/v1/banks/{version}/export",
            Access::Authenticated(&[Role::Author]),
            export::handle,
        )
        .doc(
            Doc::new("Export a bank version as native JSON, Moodle GIFT or Moodle XML")
                .describe("`format=json|gift|xml` (default json); `lang=kk|ru` writes one language (GIFT and XML), else both with multilang markup. What is written re-imports to the same version id. `version` is an id or a unique prefix of one (at least 4 hex digits).")
                .query::<export::Params>()
                .answer(200, "the bank in the format asked", "application/json", object("a native JSON bank (docs/bank-format.md)"))
                .answer(200, "the bank in the format asked", "text/plain; charset=utf-8", text("a Moodle GIFT file"))
                .answer(200, "the bank in the format asked", "application/xml; charset=utf-8", text("a Moodle XML file"))
                .errors(&[400, 404, 422]),
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
