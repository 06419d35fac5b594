//! The node unit tests of the pages' pure modules (tests/web/*.test.mjs: outbox merge and seq,
//! server clock, access code, countdown, close codes), run with `node --test` so that
//! `cargo test` runs them too. Outside CI a missing Node.js skips with a message; under
//! CI=true it fails.

use std::path::Path;
use std::process::Command;

#[test]
fn the_pages_pure_modules_pass_their_node_tests() {
    if Command::new("node").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true but node is not installed"
        );
        // Past the harness's output capture, so the skip shows in a plain `cargo test`.
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIPPED (no Node.js: install nodejs)\n"),
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/web"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/web/*.test.mjs");
    let out = Command::new("node")
        .arg("--test")
        .args(&files)
        .current_dir(root)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("# fail 0"), "unexpected output:\n{stdout}");
}
