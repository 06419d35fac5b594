//! The TMC page in headless Chromium (tests/browser/tmc.mjs, Playwright): a TMC operator signs
//! in on `/tmc`, uploads a list with one bad row (sees the row and its reason), the corrected
//! list as XLSX, the personnel data with one person short of training hours (sees the reason
//! citing p.14), issues the admitted their codes and excludes one person (docs/tmc.md). Runs
//! the real server binary on a fresh SQLite database, over the demo campaign.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.

#[path = "support/browser.rs"]
mod support;

#[test]
fn the_tmc_page_forms_the_list_admits_and_issues_codes_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tmc");
    let passed = server.run_script(
        "tmc.mjs",
        &[
            "--url",
            &server.url,
            "--admin-token",
            &server.admin_token,
            "--examples",
            examples,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the TMC page's browser test failed (its screenshot is named above)"
    );
}
