//! The console's Reports and Evaluations in headless Chromium (tests/browser/reports.mjs,
//! Playwright): the due date and the rows-without-region flag, the Appendix 2 download, the
//! "sent" mark, an applicant without a result, an upload's refusal by line and column, Russian
//! (docs/reports.md). Runs the real server binary on a fresh SQLite database.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.

#[path = "support/browser.rs"]
mod support;

#[test]
fn the_consoles_reports_and_evaluations_work_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let passed = server.run_script(
        "reports.mjs",
        &["--url", &server.url, "--admin-token", &server.admin_token],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the reports console's browser test failed (its screenshot is named above)"
    );
}
