//! The `synaq` binary as an operator uses it: JSON on stdout, exit codes, DATABASE_URL.

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

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    fn file(&self, name: &str, content: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    }
}

fn sample_files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    synaq::sample::FILES
        .iter()
        .map(|(name, _)| root.join(name).display().to_string())
        .collect()
}

#[test]
fn import_is_content_addressed_and_reimport_is_a_noop() {
    let env = Env::new();
    let files = sample_files();
    let mut args = vec!["bank", "import"];
    args.extend(files.iter().map(String::as_str));
    let first = env.json(&args);
    assert_eq!(first["created"], true);
    assert_eq!(
        first["version"],
        synaq::store::bank::version_id(&synaq::sample::bank())
    );
    let again = env.json(&args);
    assert_eq!(again["created"], false);
    assert_eq!(again["version"], first["version"]);
    let list = env.json(&["bank", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let verify = env.json(&["audit", "verify"]);
    assert_eq!(verify["intact"], true);
    assert_eq!(verify["entries"], 1);
}

#[test]
fn three_errors_are_all_reported_with_positions_and_nothing_is_imported() {
    let env = Env::new();
    let bad = env.file("bad.json", include_str!("api/three_errors.json"));
    let out = env.run(&["bank", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("bad.json")).collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        stderr.contains("3 error(s); nothing was imported"),
        "{stderr}"
    );
    assert_eq!(env.json(&["bank", "list"]).as_array().unwrap().len(), 0);
    let out = env.run(&["bank", "validate", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn paper_show_is_identical_on_every_run_and_draw_stores_a_regenerable_paper() {
    let env = Env::new();
    let files = sample_files();
    let mut args = vec!["bank", "import"];
    args.extend(files.iter().map(String::as_str));
    let version = env.json(&args)["version"].as_str().unwrap().to_owned();
    let seed = "0123456789abcdef".repeat(4);
    let show = [
        "paper",
        "show",
        "--bank",
        &version[..12],
        "--position",
        "Специалист по содействию занятости (карьерный центр)",
        "--lang",
        "kk",
        "--seed",
        &seed,
        "--on",
        "2026-12-01",
    ];
    let a = env.run(&show);
    let b = env.run(&show);
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert_eq!(a.stdout, b.stdout);
    let paper: Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(paper["paper"]["questions"].as_array().unwrap().len(), 100);
    assert_eq!(paper["paper"]["lang"], "kk");

    let drawn = env.json(&[
        "paper",
        "draw",
        "--bank",
        &version,
        "--position",
        "tmc_director",
        "--lang",
        "ru",
    ]);
    let id = drawn["paper_id"].as_str().unwrap();
    let got = env.json(&["paper", "get", id]);
    assert_eq!(got["regenerates"], true);
    assert_eq!(got["paper"], drawn["paper"]);
}

#[test]
fn bad_arguments_name_the_flag_and_exit_2() {
    let env = Env::new();
    let seed = "00".repeat(32);
    let cases: [(&[&str], &str); 7] = [
        (
            &[
                "paper",
                "show",
                "--bank",
                "abcd",
                "--position",
                "tmc_director",
                "--lang",
                "en",
                "--seed",
                &seed,
            ],
            "--lang",
        ),
        (
            &[
                "paper",
                "show",
                "--bank",
                "abcd",
                "--position",
                "tmc_director",
                "--lang",
                "kk",
                "--seed",
                "xyz",
            ],
            "--seed",
        ),
        (
            &[
                "paper",
                "show",
                "--bank",
                "abcd",
                "--position",
                "Космонавт",
                "--lang",
                "kk",
                "--seed",
                &seed,
            ],
            "--position",
        ),
        (
            &["token", "issue", "--role", "root", "--name", "x"],
            "--role",
        ),
        // A scoped role without its scope, an unknown region, a scope on an unscoped role.
        (
            &["token", "issue", "--role", "leb_officer", "--name", "x"],
            "--scope",
        ),
        (
            &[
                "token",
                "issue",
                "--role",
                "leb_officer",
                "--name",
                "x",
                "--scope",
                "Сибирь",
            ],
            "--scope",
        ),
        (
            &[
                "token", "issue", "--role", "admin", "--name", "x", "--scope", "astana",
            ],
            "--scope",
        ),
    ];
    for (args, flag) in cases {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(flag), "{args:?}: {stderr}");
    }
}

#[test]
fn a_scoped_token_names_its_region_by_slug() {
    let env = Env::new();
    let issued = env.json(&[
        "token",
        "issue",
        "--role",
        "leb_officer",
        "--name",
        "LEB Karaganda",
        "--scope",
        "Карагандинская область",
    ]);
    assert_eq!(issued["scope"], "karaganda");
    assert_eq!(issued["role"], "leb_officer");
    let unscoped = env.json(&["token", "issue", "--role", "author", "--name", "a"]);
    assert_eq!(unscoped["scope"], Value::Null);
}

#[test]
fn audit_verify_names_the_first_tampered_entry() {
    let env = Env::new();
    for name in ["a", "b", "c"] {
        env.json(&["token", "issue", "--role", "author", "--name", name]);
    }
    assert_eq!(env.json(&["audit", "verify"])["entries"], 3);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = synaq::store::Db::connect(&env.url).await.unwrap();
        sqlx::query("UPDATE audit_entry SET subject = 'token/zz' WHERE seq = 2")
            .execute(db.pool())
            .await
            .unwrap();
        db.close().await;
    });
    let out = env.run(&["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["intact"], false);
    assert_eq!(report["first_broken"], 2);
}

#[test]
fn synth_writes_a_bank_that_validates() {
    let env = Env::new();
    let out = env.dir.path().join("synth.json");
    env.json(&[
        "bank",
        "synth",
        "--questions",
        "500",
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = env.json(&["bank", "validate", out.to_str().unwrap()]);
    assert_eq!(report["questions"], 500);
}

#[test]
fn commands_honour_database_url_on_postgres() {
    let Ok(admin) = std::env::var("SYNAQ_TEST_DATABASE_URL") else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true needs SYNAQ_TEST_DATABASE_URL"
        );
        // Past the harness's output capture, so the skip shows in a plain `cargo test`.
        let _ = std::io::Write::write_fmt(
            &mut std::io::stderr(),
            format_args!("SKIPPED (no PostgreSQL: set SYNAQ_TEST_DATABASE_URL)\n"),
        );
        return;
    };
    let name = format!("synaq_cli_{}", synaq::id::new_id());
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        sqlx::any::install_default_drivers();
        let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
    });
    let base = admin.rsplit_once('/').unwrap().0;
    let env = Env {
        dir: tempfile::tempdir().unwrap(),
        url: format!("{base}/{name}"),
    };
    let files = sample_files();
    let mut args = vec!["bank", "import"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(env.json(&args)["created"], true);
    assert_eq!(env.json(&["bank", "list"]).as_array().unwrap().len(), 1);
    assert!(
        !env.dir.path().join("data").exists(),
        "no SQLite file when DATABASE_URL is PostgreSQL"
    );
    rt.block_on(async {
        let pool = sqlx::AnyPool::connect(&admin).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE {name} WITH (FORCE)"
        )))
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
}

#[test]
fn kazakh_and_russian_files_named_by_language_pair_into_one_bank() {
    let env = Env::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("question-bank/fixtures/pair");
    let kk = root.join("attestation.kk.gift").display().to_string();
    let ru = root.join("attestation.ru.gift").display().to_string();
    let imported = env.json(&["bank", "import", &kk, &ru]);
    assert_eq!(imported["questions"], 2);
    // Without the Russian half, every question is named as unpaired, with its file and line.
    let out = env.run(&["bank", "validate", &kk]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("attestation.kk.gift:") && stderr.contains("kk only"),
        "{stderr}"
    );
}

#[test]
fn iin_check_refuses_a_birth_date_in_the_future() {
    // Issue 12: 951230510000 is well-formed but its holder is born on 2095-12-30.
    let env = Env::new();
    let out = env.run(&["iin", "check", "951230510000"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "\"951230510000\" is not a valid IIN: birth date 2095-12-30 (digits 1-7) is after today"
        ),
        "{stderr}"
    );
    let ok = env.json(&["iin", "check", "900515300008"]);
    assert_eq!(ok["birth_date"], "1990-05-15");
}

#[test]
fn bank_validate_refuses_a_deeply_nested_file_and_lists_a_thousand_errors() {
    // Issue 12: 200,000 nested elements made `bank validate` overflow its stack.
    let env = Env::new();
    let deep = env.file(
        "deep.xml",
        &format!(
            "<quiz>{}{}</quiz>",
            "<a>".repeat(200_000),
            "</a>".repeat(200_000)
        ),
    );
    let out = env.run(&["bank", "validate", deep.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("deep.xml:1:196: elements nested more than 64 deep"),
        "{stderr}"
    );
    let braces = env.file(
        "braces.gift",
        &format!("Q{} {{=a ~b}}\n", "}".repeat(3_000)),
    );
    let out = env.run(&["bank", "validate", braces.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr
            .lines()
            .filter(|l| l.contains("unescaped '}'"))
            .count(),
        1_000
    );
    assert!(
        stderr
            .contains("braces.gift: 2000 more error(s) not listed; the first 1000 found are shown"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3000 error(s); nothing was imported"),
        "{stderr}"
    );
}
