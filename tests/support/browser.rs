//! What the headless-Chromium tests share: the prerequisite check with the SKIPPED / CI=true
//! rule, the real server binary on a fresh SQLite database with the demo logins it prints, and
//! the application over that database file with a paper's answer key (what a test needs to
//! sit an exam right).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// Why the browser cannot run here, if it cannot: Chromium, Node.js or Playwright missing.
fn missing_prerequisite() -> Option<String> {
    let browser_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !Path::new("/usr/bin/chromium").exists() {
        return Some("/usr/bin/chromium is not installed (apt-get install chromium)".into());
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !browser_dir.join("node_modules/playwright-core").exists() {
        return Some("run `npm install` in tests/browser".into());
    }
    None
}

/// True when the test may run. Outside CI a missing prerequisite skips with `SKIPPED (...)` on
/// stderr (past the harness's capture, so a plain `cargo test` shows it); under CI=true it fails.
pub fn can_run() -> bool {
    let Some(missing) = missing_prerequisite() else {
        return true;
    };
    assert!(
        std::env::var("CI").map_or(true, |v| v != "true"),
        "CI=true but {missing}"
    );
    let _ = std::io::Write::write_fmt(
        &mut std::io::stderr(),
        format_args!("SKIPPED ({missing})\n"),
    );
    false
}

/// The server binary on port `port` over a fresh SQLite database, killed when dropped. Each
/// browser test reads the logins it needs, so some fields go unread in each test crate.
#[allow(dead_code)]
pub struct Server {
    child: Child,
    pub url: String,
    /// The demo exam codes it printed, in order.
    pub codes: Vec<String>,
    /// A bearer token of the demo administrator.
    pub admin_token: String,
    /// The demo author's API token.
    pub author_token: String,
    /// Screenshots and the database live here for the test's length.
    pub dir: tempfile::TempDir,
}

impl Server {
    pub fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_synaq"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .env(
                "DATABASE_URL",
                format!("sqlite://{}/browser.db", dir.path().display()),
            )
            .env_remove("REDIS_URL")
            .env_remove("SYNAQ_TRUSTED_PROXIES")
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut codes = Vec::new();
        let mut admin_password = None;
        let mut author_token = None;
        for line in BufReader::new(child.stdout.take().unwrap()).lines() {
            let line = line.unwrap();
            if let Some(rest) = line
                .split("password ")
                .nth(1)
                .filter(|_| line.starts_with("demo administrator"))
            {
                admin_password = Some(rest.trim().to_owned());
            }
            if let Some(rest) = line.strip_prefix("demo author token (shown once): ") {
                author_token = Some(rest.trim().to_owned());
            }
            let trimmed = line.trim();
            if trimmed.len() > 19 && trimmed.as_bytes()[4] == b'-' && trimmed.as_bytes()[9] == b'-'
            {
                codes.push(trimmed[..19].to_owned());
            }
            if line.starts_with("synaq listening") {
                break;
            }
        }
        let url = format!("http://127.0.0.1:{port}");
        let rt = tokio::runtime::Runtime::new().unwrap();
        let admin_token = rt.block_on(async {
            let login: serde_json::Value = reqwest::Client::new()
                .post(format!("{url}/api/v1/auth/login"))
                .json(&serde_json::json!({"username": "admin", "password": admin_password.expect("the demo admin password")}))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            login["token"].as_str().unwrap().to_owned()
        });
        Server {
            child,
            url,
            codes,
            admin_token,
            author_token: author_token.expect("the demo author token"),
            dir,
        }
    }

    /// The id of the demo campaign the server created, read from its database.
    #[allow(dead_code)]
    pub fn demo_campaign(&self) -> String {
        let url = format!("sqlite://{}/browser.db", self.dir.path().display());
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let db = synaq::store::Db::connect(&url).await.unwrap();
            let id: String = sqlx::query_scalar("SELECT campaign_id FROM campaign")
                .fetch_one(db.pool())
                .await
                .unwrap();
            db.close().await;
            id
        })
    }

    /// Runs `tests/browser/<script>` with `args` (and `--screenshots` into the test's
    /// directory); whether it passed.
    #[allow(dead_code)] // the end-to-end test runs its script itself, to hand it files
    pub fn run_script(&self, script: &str, args: &[&str]) -> bool {
        let script: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/browser")
            .join(script);
        Command::new("node")
            .arg(&script)
            .args(args)
            .args(["--screenshots", &self.dir.path().display().to_string()])
            .status()
            .unwrap()
            .success()
    }
}

impl Server {
    /// Copies the screenshots to `SYNAQ_KEEP_SCREENSHOTS`, when it is set.
    #[allow(dead_code)] // not every browser test keeps its screenshots
    pub fn keep_screenshots(&self) {
        let Ok(keep) = std::env::var("SYNAQ_KEEP_SCREENSHOTS") else {
            return;
        };
        std::fs::create_dir_all(&keep).unwrap();
        for entry in std::fs::read_dir(self.dir.path()).unwrap().flatten() {
            if entry.path().extension().is_some_and(|e| e == "png") {
                std::fs::copy(entry.path(), Path::new(&keep).join(entry.file_name())).unwrap();
            }
        }
    }
}

impl Server {
    /// The application over the server's database file (its own in-process live state), for
    /// what a browser cannot do or know.
    #[allow(dead_code)]
    pub async fn application(&self, node: &str) -> std::sync::Arc<synaq::app::Application> {
        let db = synaq::store::Db::connect(&format!(
            "sqlite://{}/browser.db",
            self.dir.path().display()
        ))
        .await
        .unwrap();
        synaq::app::Application::build(synaq::app::Wiring {
            db,
            live: std::sync::Arc::new(synaq::live::memory::MemoryState::new(node)),
            clock: std::sync::Arc::new(synaq::live::clock::SystemClock),
        })
        .await
        .unwrap()
    }
}

/// The right options of each question of the started session's paper, in paper order.
#[allow(dead_code)]
pub async fn answer_key(app: &synaq::app::Application, session: &str) -> Vec<Vec<String>> {
    let row = app.session(session).await.unwrap();
    let (paper, bank, _) = app.paper(&row).await.unwrap();
    paper
        .items
        .iter()
        .map(|item| {
            let q = bank
                .questions
                .iter()
                .find(|q| q.id == item.question_id)
                .unwrap();
            q.options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.clone())
                .collect()
        })
        .collect()
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
