//! Proctoring in headless Chromium (tests/browser/proctoring.mjs, Playwright): the exam page is
//! open when a signed `native` violation verdict arrives and shows the exam ended as voided
//! (p.19); a reviewer confirms a flagged session, with its evidence thumbnail, on the review
//! page `/review`. Runs the real server binary on a fresh SQLite database.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.
//! `SYNAQ_KEEP_SCREENSHOTS=DIR` copies the screenshots there.

#[path = "support/browser.rs"]
mod support;

#[test]
fn a_signed_verdict_voids_the_open_exam_and_a_reviewer_confirms_a_flag_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    assert!(
        server.codes.len() >= 2,
        "the demo prints {:?}",
        server.codes
    );
    let passed = server.run_script(
        "proctoring.mjs",
        &[
            "--url",
            &server.url,
            "--code",
            &server.codes[0],
            "--flag-code",
            &server.codes[1],
            "--admin-token",
            &server.admin_token,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the proctoring browser test failed (its screenshot is named above)"
    );
}
