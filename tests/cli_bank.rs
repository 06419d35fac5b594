//! `synaq bank` as a question author uses it on Moodle's exports: defaults for what a file
//! lacks, a category map, notes, and export back to GIFT and Moodle XML.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Env {
    dir: tempfile::TempDir,
    url: String,
}

impl Env {
    fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/cli.db", dir.path().display());
        Env { dir, url }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_synaq"))
            .args(args)
            .env("DATABASE_URL", &self.url)
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.stdout(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    }
}

fn moodle(name: &str) -> String {
    fixture(&format!("moodle/{name}"))
}

fn fixture(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("question-bank/fixtures")
        .join(name);
    path.display().to_string()
}

#[test]
fn a_moodle_gift_export_imports_with_defaults_and_exports_to_the_same_version() {
    let env = Env::new();
    let gift = moodle("bilingual.gift");
    let bare = env.run(&["bank", "validate", &gift]);
    assert_eq!(bare.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bare.stderr);
    assert!(
        stderr.contains("bilingual.gift:6:1: no section"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: question has no id; derived id q-"),
        "{stderr}"
    );
    let defaults = ["--section", "legal", "--profile", "all"];
    let mut args = vec!["bank", "import", &gift];
    args.extend(defaults);
    let imported = env.json(&args);
    assert_eq!(imported["questions"], 4);
    let notes = imported["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap().contains("add `[id:q-")),
        "{notes:?}"
    );
    let version = imported["version"].as_str().unwrap().to_owned();
    for format in ["gift", "xml", "json"] {
        let text = env.stdout(&["bank", "export", &version[..8], "--format", format]);
        let path = env.file(&format!("again.{format}"), &text);
        let again = env.json(&["bank", "import", &path]);
        assert_eq!(again["version"], version.as_str(), "{format}");
        assert_eq!(again["created"], false, "{format}");
    }
    let kk = env.stdout(&[
        "bank", "export", &version, "--format", "xml", "--lang", "kk",
    ]);
    let ru = env.stdout(&[
        "bank", "export", &version, "--format", "xml", "--lang", "ru",
    ]);
    let (kk, ru) = (env.file("b.kk.xml", &kk), env.file("b.ru.xml", &ru));
    assert_eq!(
        env.json(&["bank", "validate", &kk, &ru])["version"],
        version.as_str()
    );
}

#[test]
fn a_moodle_xml_export_and_a_kazakh_russian_pair_import() {
    let env = Env::new();
    let xml = env.json(&[
        "bank",
        "validate",
        &moodle("bilingual.xml"),
        "--section",
        "legal",
        "--profile",
        "all",
    ]);
    assert_eq!(xml["questions"], 3);
    // A Russian export without a language in its name, alone: every problem in one round.
    let ru = moodle("ru-only.xml");
    let alone = env.run(&[
        "bank",
        "validate",
        &ru,
        "--lang",
        "ru",
        "--section",
        "legal",
        "--profile",
        "all",
    ]);
    assert_eq!(alone.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&alone.stderr);
    assert_eq!(stderr.matches("exists in ru only").count(), 3, "{stderr}");
    assert!(
        stderr.contains("3 error(s); nothing was imported"),
        "{stderr}"
    );
    // With its Kazakh counterpart: --lang ru names the file the name does not.
    let pair = env.json(&[
        "bank",
        "import",
        &moodle("attestation.kk.xml"),
        &ru,
        "--lang",
        "ru",
        "--section",
        "legal",
        "--profile",
        "all",
    ]);
    assert_eq!(pair["questions"], 3);
    assert_eq!(pair["counts"]["legal"], 3);
}

#[test]
fn a_category_map_says_what_the_categories_mean() {
    let env = Env::new();
    let out = env.json(&[
        "bank",
        "validate",
        &moodle("bilingual.gift"),
        "--map",
        &moodle("map.csv"),
    ]);
    assert_eq!(out["counts"]["legal"], 4);
    assert_eq!(out["counts"]["by_profile"]["all"]["legal"], 4);
    let bad = env.file("bad.csv", "Default for X,law,all,T\n");
    let got = env.run(&["bank", "validate", &moodle("bilingual.gift"), "--map", &bad]);
    assert_eq!(got.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&got.stderr);
    assert!(
        stderr.contains("bad.csv:1:15: unknown section 'law'; expected legal or functional (p.16)"),
        "{stderr}"
    );
}

#[test]
fn bad_defaults_name_their_flag_and_exit_2() {
    let env = Env::new();
    let gift = moodle("bilingual.gift");
    for (args, flag) in [
        (
            ["--section", "law"],
            "--section: \"law\" is not legal or functional",
        ),
        (
            ["--profile", "tmc_lawyer"],
            "--profile: unknown profile tag",
        ),
        (["--lang", "en"], "--lang: \"en\" is not kk or ru"),
        (["--difficulty", "0"], "--difficulty: \"0\" is not 1 to 5"),
        (["--map", "no-such.csv"], "--map: no-such.csv:"),
    ] {
        let mut all = vec!["bank", "validate", &gift];
        all.extend(args);
        let out = env.run(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(flag), "{all:?}: {stderr}");
    }
    let out = env.run(&["bank", "export", "abcd", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--format: \"docx\" is not json, gift or xml")
    );
}

#[test]
fn a_qti_package_imports_and_exports_back_as_gift() {
    let env = Env::new();
    let package = fixture("qti/package.zip");
    let imported = env.json(&[
        "bank",
        "import",
        &package,
        "--section",
        "functional",
        "--profile",
        "all",
        "--topic",
        "Individual plan",
    ]);
    assert_eq!(imported["questions"], 2);
    let version = imported["version"].as_str().unwrap().to_owned();
    let gift = env.stdout(&["bank", "export", &version, "--format", "gift"]);
    let path = env.file("from-qti.gift", &gift);
    assert_eq!(
        env.json(&["bank", "validate", &path])["version"],
        version.as_str()
    );
    let broken = env.file("broken.zip", "PK\u{3}\u{4} not a zip");
    let out = env.run(&["bank", "validate", &broken]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken.zip: syntax error: not a zip package"),
        "{stderr}"
    );
}
