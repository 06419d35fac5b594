//! The admin console in headless Chromium (tests/browser/admin.mjs, Playwright): an
//! administrator signs in on `/admin`, sees the demo campaign's progress (online now too),
//! finds a candidate by name, re-issues the candidate's lost access code, downloads the CSV,
//! drills down into the session once started (time left, Almaty deadline), extends and voids
//! it with reasons, and creates then disables a TMC operator on the users page
//! (docs/admin-api.md). Runs the real server binary on a fresh SQLite database.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.

#[path = "support/browser.rs"]
mod support;

#[test]
fn the_admin_console_lists_searches_and_reissues_a_code_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let code = server.codes.last().expect("the demo prints its codes");
    let passed = server.run_script(
        "admin.mjs",
        &[
            "--url",
            &server.url,
            "--code",
            code,
            "--admin-token",
            &server.admin_token,
        ],
    );
    server.keep_screenshots();
    assert!(
        passed,
        "the admin console's browser test failed (its screenshot is named above)"
    );
}
