//! One campaign end to end in headless Chromium (tests/browser/campaign.mjs, Playwright), the
//! acceptance walk of docs/operations.md: the staff accounts, the campaign and its
//! announcement made in the console, the TMC's list with one bad row
//! and then corrected, admission with one person refused for training hours, codes, the exam
//! sat on `/exam`, the result in the cabinet, Appendix 2 downloaded from the console (its XLSX
//! opened here with calamine and its cells checked), the LEB's decision and certificate, the
//! PDF's QR code decoded here with rqrr and opened at `/verify`.
//!
//! The script runs against the real server binary on a fresh SQLite database; this side hands
//! it, through files in the test's directory, what a browser cannot know: the answer key of
//! the paper the candidate was given (read through the application over the same database
//! file, once the exam has started) and the text of the QR code in the PDF it saved.
//!
//! Needs Node.js, /usr/bin/chromium and `npm install` in tests/browser (`.ci/run` does both).
//! Outside CI a missing piece skips the test with a message; under CI=true it fails.

#[path = "support/browser.rs"]
mod support;

#[path = "support/qr.rs"]
mod qr;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use calamine::{Data, Reader, Xlsx};
use synaq::app::Application;

const CANDIDATE_IIN: &str = "880314401231";

/// The answer key of the candidate's paper, `{"1": [option ids], ...}`, once the exam has
/// started; `None` before.
async fn answer_key(app: &Application) -> Option<String> {
    let session: Option<String> = sqlx::query_scalar(
        "SELECT s.session_id FROM exam_session s JOIN roster_entry r ON r.roster_id = s.roster_id \
         WHERE r.iin = $1 AND s.paper_id IS NOT NULL",
    )
    .bind(CANDIDATE_IIN)
    .fetch_optional(app.db().pool())
    .await
    .unwrap();
    let key: BTreeMap<String, Vec<String>> = support::answer_key(app, &session?)
        .await
        .into_iter()
        .enumerate()
        .map(|(i, right)| ((i + 1).to_string(), right))
        .collect();
    Some(serde_json::to_string(&key).unwrap())
}

/// Appendix 2 as the console downloaded it, opened as a workbook: the candidate's row.
fn check_appendix2(file: &Path) {
    let mut book: Xlsx<_> = calamine::open_workbook(file).expect("Appendix 2 opens as XLSX");
    let sheet = book.sheet_names()[0].clone();
    assert!(sheet.starts_with("Приложение 2"), "{sheet}");
    let range = book.worksheet_range(&sheet).unwrap();
    let text = |c: &Data| match c {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => format!("{other:?}"),
    };
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "№"))
        .unwrap_or_else(|| panic!("no header row: {rows:?}"));
    assert_eq!(rows[header][3], "Ф.И.О. (при наличии)");
    assert_eq!(rows[header][7], "Решение по результатам тестирования");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "Асанова Айгерим Серикқызы"))
        .unwrap_or_else(|| panic!("no row of the candidate: {rows:?}"));
    assert_eq!(
        row[1..],
        [
            "Карагандинская область",
            "Отдел содействия занятости",
            "Асанова Айгерим Серикқызы",
            "Специалист по содействию занятости",
            "подтверждение соответствия занимаемой должности",
            "100",
            "соответствует занимаемой должности",
        ],
        "{row:?}"
    );
    assert_eq!(
        rows.len() - header - 1,
        2,
        "the two admitted people of Karaganda: {rows:?}"
    );
}

#[test]
fn one_campaign_end_to_end_in_chromium() {
    if !support::can_run() {
        return;
    }
    let server = support::Server::start();
    let work = server.dir.path().to_owned();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let app = rt.block_on(server.application("browser-campaign"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/campaign.mjs");
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tmc");
    let mut child = Command::new("node")
        .arg(&script)
        .args(["--url", &server.url, "--admin-token", &server.admin_token])
        .args(["--examples", examples])
        .args(["--work", &work.display().to_string()])
        .args(["--screenshots", &work.display().to_string()])
        .spawn()
        .unwrap();
    let started = Instant::now();
    let (mut keyed, mut decoded) = (false, false);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(600) {
            let _ = child.kill();
            panic!("the end-to-end script ran for 10 minutes");
        }
        if !keyed && let Some(key) = rt.block_on(answer_key(&app)) {
            std::fs::write(work.join("key.json.part"), key).unwrap();
            std::fs::rename(work.join("key.json.part"), work.join("key.json")).unwrap();
            keyed = true;
        }
        let pdf = work.join("certificate.pdf");
        if !decoded && pdf.exists() {
            // The script renames the file into place once it is whole.
            let url = qr::qr_of_pdf(&std::fs::read(&pdf).unwrap());
            std::fs::write(work.join("qr.txt"), url).unwrap();
            decoded = true;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    server.keep_screenshots();
    assert!(
        status.success(),
        "the end-to-end browser test failed (its screenshot is named above)"
    );
    check_appendix2(&work.join("appendix2.xlsx"));
}
