//! The question authors' API (p.15): upload a bank (or only check it), list the stored
//! versions, show one with its counts, compare two, export one. The author page `/author`
//! speaks it (docs/authoring.md).

mod coverage;
mod diff;
mod export;
mod item_stats;
mod list;
mod retire;
mod show;
mod upload;
mod validate;

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
        Entry::post(
            "/api/v1/banks/validate",
            Access::Authenticated(&[Role::Author]),
            validate::handle,
        )
        .uploads()
        .doc(
            Doc::new("Check a bank upload without storing it")
                .describe("The body and query of `POST /api/v1/banks`. Answers 200 whether or not the files would import: every error with its file, line and column (or JSON pointer), the notes, and for a valid bank the version id it would get and its counts. Nothing is written.")
                .query::<upload::Params>()
                .body("multipart/form-data", files("the bank's files"))
                .body("application/json", object("a native JSON bank (docs/bank-format.md)"))
                .ok::<validate::Validation>(200, "the findings")
                .errors(&[400, 413, 415, 422]),
        ),
        Entry::get(
            "/api/v1/banks/{version}",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            show::handle,
        )
        .doc(
            Doc::new("A stored bank version with its counts per section and profile")
                .describe("`version` is an id or a unique prefix of one (at least 4 hex digits).")
                .ok::<show::VersionDetail>(200, "the version")
                .errors(&[400, 404]),
        ),
        Entry::get(
            "/api/v1/banks/{version}/diff/{other}",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            diff::handle,
        )
        .doc(
            Doc::new("What changed from one bank version to another")
                .describe("Question ids added (in `other` only), changed (same id, different content) and retired (in `version` only), with both versions' counts. Either is an id or a unique prefix of one.")
                .ok::<diff::VersionDiff>(200, "the difference")
                .errors(&[400, 404]),
        ),
        Entry::post(
            "/api/v1/banks/{version}/retire",
            Access::Authenticated(&[Role::Author]),
            retire::handle,
        )
        .doc(
            Doc::new("Retire questions: a new version without them")
                .describe("Versions are immutable: the answer is a new version of the same bank whose parent is `version` (which must be the newest of its bank) and whose `retired` lists the questions, audited as `bank.retire` with the reason. Ids the version does not hold are refused with 422 naming each (`unknown_questions`); retiring every question is refused (`empty_bank`).")
                .json::<retire::RetireBody>()
                .ok::<ImportOutcome>(201, "the new version")
                .ok::<ImportOutcome>(200, "this exact content was already stored: nothing was written")
                .errors(&[400, 404, 409, 422]),
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
            "/api/v1/campaigns/{campaign}/coverage",
            Access::Authenticated(&[Role::Author, Role::Admin]),
            coverage::handle,
        )
        .doc(
            Doc::new("Whether the campaign's bank fills a paper for every position of its roster")
                .describe("For every (position, claimed category) of the roster — with `all=true` every attested position too — on every day from the campaign's opening to its close (legal questions count only while their act is in force): whether the bank version fills the blueprint (50 + 50 by default, p.16), and the counts it cannot meet with what is missing in kk, ru and en.")
                .query::<coverage::Params>()
                .ok::<coverage::Coverage>(200, "the coverage")
                .errors(&[404, 409]),
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
