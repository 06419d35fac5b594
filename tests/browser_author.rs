//! The author page in headless Chromium (tests/browser/author.mjs, Playwright): a GIFT file
//! with two mistakes shows each message under its line, the fixed file imports, the new
//! version is listed with its counts per section and profile, and its diff against the sample
//! version shows the questions added and retired; the demo campaign's bank fills every paper,
//! and a campaign on the two-question bank is shown short by 49 + 49 questions. Runs the real
//! server binary on a fresh SQLite database with the demo logins it prints.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.
//! `SYNAQ_KEEP_SCREENSHOTS=DIR` copies the screenshots there.

#[path = "support/browser.rs"]
mod support;

#[test]
fn an_author_sees_errors_beside_their_lines_fixes_imports_and_diffs_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let campaign = server.demo_campaign();
    let passed = server.run_script(
        "author.mjs",
        &[
            "--url",
            &server.url,
            "--author-token",
            &server.author_token,
            "--admin-token",
            &server.admin_token,
            "--campaign",
            &campaign,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the author browser test failed (its screenshot is named above)"
    );
}
