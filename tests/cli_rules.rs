//! `synaq rules ...` end to end: the binary answers as the library does, and a bad input
//! fails with exit code 2 and a message naming the flag or JSON field.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

#[path = "cli_rules/decide.rs"]
mod decide;
#[path = "cli_rules/eligibility.rs"]
mod eligibility;
#[path = "cli_rules/evaluate.rs"]
mod evaluate;
fn synaq(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_synaq"))
        .args(args)
        .output()
        .expect("run synaq")
}

fn ok_json(args: &[&str]) -> Value {
    let out = synaq(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Runs a failing command; returns stderr after checking exit code 2 and `error: ` prefix.
fn err_text(args: &[&str]) -> String {
    let out = synaq(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} should fail");
    assert!(out.stdout.is_empty(), "nothing on stdout on error");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(text.starts_with("error: "), "{text}");
    text
}

fn temp_file(contents: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let path = std::env::temp_dir().join(format!(
        "synaq-cli-rules-{}-{}.json",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::write(&path, contents).expect("write temp file");
    path
}
