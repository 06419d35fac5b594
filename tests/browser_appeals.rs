//! Appeals in headless Chromium (tests/browser/appeals.mjs, Playwright): a candidate files an
//! appeal on two questions in the cabinet; two of the three voters uphold one on the review
//! console; the chair closes; the cabinet, open all along, shows the protocol and the result
//! after the appeal (p.21-p.26). Runs the real server binary on a fresh SQLite database.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.
//! `SYNAQ_KEEP_SCREENSHOTS=DIR` copies the screenshots there.

#[path = "support/browser.rs"]
mod support;

#[test]
fn an_appeal_is_filed_voted_two_to_one_closed_and_shown_in_the_cabinet_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    assert!(!server.codes.is_empty(), "the demo printed no code");
    let passed = server.run_script(
        "appeals.mjs",
        &[
            "--url",
            &server.url,
            "--code",
            &server.codes[0],
            "--admin-token",
            &server.admin_token,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the appeals browser test failed (its screenshot is named above)"
    );
}
