//! The `synaq iin` and `synaq calendar` commands give the library's answers as JSON on
//! stdout; a bad argument exits with code 2 and an invalid IIN with code 1, each with a
//! message naming the field.

use std::process::{Command, Output};

use jiff::civil::{Date, date};
use serde_json::Value;
use synaq::domain::calendar::{Calendar, Rule, deadline};
use synaq::domain::iin::{Iin, check_digit};

/// Runs the binary away from the repository, each run on a throw-away database of its own
/// (the calendar commands read the confirmed years from it; parallel tests must not race to
/// create one file).
fn synaq(args: &[&str]) -> Output {
    static RUN: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let run = RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = env!("CARGO_TARGET_TMPDIR");
    let db = format!("{dir}/cli_calendar_{}_{run}.db", std::process::id());
    let out = Command::new(env!("CARGO_BIN_EXE_synaq"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{db}"))
        .current_dir(dir)
        .output()
        .expect("run synaq");
    for tail in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{tail}"));
    }
    out
}

/// Runs a command expected to succeed and parses its JSON.
fn ok_json(args: &[&str]) -> Value {
    let out = synaq(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Runs a command expected to fail with `code` (2: bad argument, 1: failed check); returns its
/// stderr after checking that nothing reached stdout.
fn failure_with(code: i32, args: &[&str]) -> String {
    let out = synaq(args);
    assert_eq!(out.status.code(), Some(code), "{args:?} should exit {code}");
    assert!(out.stdout.is_empty(), "nothing on stdout on error");
    String::from_utf8(out.stderr).expect("utf-8 stderr")
}

/// A bad argument: exit code 2.
fn failure(args: &[&str]) -> String {
    failure_with(2, args)
}

fn kz() -> Calendar {
    Calendar::embedded().expect("shipped calendar")
}

#[test]
fn appeal_deadline_from_friday_20_march_2026_matches_the_library_p21() {
    let json = ok_json(&[
        "calendar",
        "deadline",
        "--kind",
        "appeal",
        "--from",
        "2026-03-20",
    ]);
    let lib = deadline(&kz(), Rule::AppealFiling, date(2026, 3, 20)).expect("library");
    assert_eq!(json["last_day"], "2026-03-27");
    assert_eq!(json["last_day"], lib.last_day.to_string());
    assert_eq!(json["closes_at"], lib.closes_at.to_string());
    assert_eq!(json["closes_at_utc"], "2026-03-27T19:00:00Z");
    assert_eq!(json["clause"], "p.21");
}

#[test]
fn every_deadline_kind_matches_the_library() {
    let kinds = [
        ("appeal", Rule::AppealFiling),
        ("commission", Rule::CommissionDecision),
        ("report", Rule::ReportToLeb),
        ("leb", Rule::LebDecision),
        ("evaluation", Rule::Evaluation),
    ];
    for (kind, rule) in kinds {
        for from in ["2026-05-06", "2026-03-19T19:00:00Z"] {
            let json = ok_json(&["calendar", "deadline", "--kind", kind, "--from", from]);
            let when = synaq::domain::calendar::When::parse(from).expect("valid input");
            let lib = deadline(&kz(), rule, when).expect("library");
            assert_eq!(json["last_day"], lib.last_day.to_string(), "{kind} {from}");
            assert_eq!(json["clause"], rule.clause(), "{kind}");
        }
    }
}

#[test]
fn add_working_days_matches_the_library_and_converts_instants_to_almaty() {
    let json = ok_json(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-03-19T19:00:00Z",
        "--days",
        "2",
    ]);
    assert_eq!(
        json["from"], "2026-03-20",
        "19:00 UTC is midnight in Almaty"
    );
    let lib = kz()
        .add_working_days(date(2026, 3, 20), 2)
        .expect("library");
    assert_eq!(json["date"], lib.to_string());
    assert_eq!(json["date"], "2026-03-27");
}

#[test]
fn bad_from_is_refused_naming_the_field() {
    let err = failure(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-13-01",
        "--days",
        "2",
    ]);
    assert!(
        err.contains(r#"error: --from: "2026-13-01" is not a date or RFC 3339 time"#),
        "{err}"
    );
    let err = failure(&[
        "calendar",
        "deadline",
        "--kind",
        "leb",
        "--from",
        "yesterday",
    ]);
    assert!(err.contains("--from"), "{err}");
}

#[test]
fn bad_days_and_bad_kind_are_refused_naming_the_field() {
    let err = failure(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-03-20",
        "--days",
        "-1",
    ]);
    assert!(err.contains("--days"), "{err}");
    let err = failure(&[
        "calendar",
        "deadline",
        "--kind",
        "court",
        "--from",
        "2026-03-20",
    ]);
    assert!(err.contains("--kind"), "{err}");
}

#[test]
fn a_deadline_reaching_2027_is_computed_and_marked_provisional_p31() {
    // Testing ends Mon 28 December 2026: 29, 30, 31 December, then 1 January (New Year) and
    // Mon 4 January (New Year's Saturday carried over) are skipped: 5 and 6 January.
    let json = ok_json(&[
        "calendar",
        "deadline",
        "--kind",
        "report",
        "--from",
        "2026-12-28",
    ]);
    assert_eq!(json["last_day"], "2027-01-06");
    assert_eq!(json["clause"], "p.31");
    assert_eq!(json["provisional"], true);
    assert_eq!(json["provisional_years"], serde_json::json!([2027]));
    assert_eq!(json["calendar_years"], serde_json::json!([2026, 2027]));
    let inside = ok_json(&[
        "calendar",
        "deadline",
        "--kind",
        "report",
        "--from",
        "2026-12-01",
    ]);
    assert_eq!(inside["provisional"], false);
}

#[test]
fn a_year_before_the_statutory_rules_is_an_error_not_a_guess() {
    let err = failure(&[
        "calendar",
        "deadline",
        "--kind",
        "report",
        "--from",
        "2021-12-28",
    ]);
    assert!(err.contains("--calendar"), "{err}");
    assert!(err.contains("2021"), "{err}");
    assert!(err.contains("p.31"), "{err}");
}

/// Runs the binary on a database of its own (`name`), so confirmations stay in one test.
fn synaq_on(name: &str, args: &[&str]) -> Output {
    let dir = env!("CARGO_TARGET_TMPDIR");
    let _ = std::fs::remove_file(format!("{dir}/{name}.db"));
    Command::new(env!("CARGO_BIN_EXE_synaq"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{dir}/{name}.db"))
        .current_dir(dir)
        .output()
        .expect("run synaq")
}

#[test]
fn confirming_2027_on_the_command_line_clears_the_flag() {
    let db = "cli_calendar_confirm";
    let dir = env!("CARGO_TARGET_TMPDIR");
    let url = format!("sqlite://{dir}/{db}.db");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_synaq"))
            .args(args)
            .env("DATABASE_URL", &url)
            .current_dir(dir)
            .output()
            .expect("run synaq")
    };
    let json = |out: Output| -> Value {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let year = json(synaq_on(db, &["calendar", "year", "--year", "2027"]));
    assert_eq!(year["status"], "provisional");
    assert_eq!(year["working_days"], 247);
    let bad = run(&[
        "calendar",
        "confirm",
        "--year",
        "2027",
        "--kurban-ait",
        "2027-05-16",
        "--transfer",
        "2027-01-08",
        "--source",
        "order",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--transfer"));
    let confirmed = json(run(&[
        "calendar",
        "confirm",
        "--year",
        "2027",
        "--kurban-ait",
        "2027-05-16",
        "--transfer",
        "2027-01-08:2027-01-09",
        "--source",
        "order No. 1",
    ]));
    assert_eq!(confirmed["status"], "confirmed");
    let d = json(run(&[
        "calendar",
        "deadline",
        "--kind",
        "appeal",
        "--from",
        "2026-12-30",
    ]));
    assert_eq!(d["provisional"], false, "{d}");
    assert_eq!(d["last_day"], "2027-01-05");
    let verify = json(run(&["audit", "verify"]));
    assert_eq!(verify["intact"], true, "{verify}");
    assert_eq!(
        verify["entries"], 1,
        "the confirmation is audited: {verify}"
    );
}

#[test]
fn calendar_file_given_by_the_administrator_is_used() {
    // A file where Friday 20 March 2026 is a holiday and nothing else is special.
    let dir = env!("CARGO_TARGET_TMPDIR");
    let path = format!("{dir}/admin_calendar.json");
    let text = r#"{"years": [{"year": 2026, "holidays": [{"date": "2026-03-20",
        "name_ru": "ru", "name_kk": "kk", "name_en": "Test Day", "carry_over": true}]}]}"#;
    std::fs::write(&path, text).expect("write temp calendar");
    let json = ok_json(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-03-19",
        "--days",
        "1",
        "--calendar",
        &path,
    ]);
    let lib = Calendar::from_json(text)
        .expect("valid")
        .add_working_days(date(2026, 3, 19), 1)
        .expect("library");
    assert_eq!(json["date"], lib.to_string());
    assert_eq!(json["date"], "2026-03-23");
}

#[test]
fn unreadable_or_invalid_calendar_file_is_refused_naming_the_field() {
    let err = failure(&[
        "calendar",
        "add-working-days",
        "--from",
        "2026-03-20",
        "--days",
        "1",
        "--calendar",
        "/nonexistent/kz.json",
    ]);
    assert!(err.contains("error: --calendar: "), "{err}");
    let path = format!("{}/broken_calendar.json", env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(&path, r#"{"years": [{"year": 2026, "holidays": [], "transfers": [{"day_off": "2026-03-21", "working_day": "2026-03-28"}]}]}"#)
        .expect("write temp calendar");
    let err = failure(&[
        "calendar",
        "deadline",
        "--kind",
        "appeal",
        "--from",
        "2026-03-20",
        "--calendar",
        &path,
    ]);
    assert!(err.contains("--calendar"), "{err}");
    assert!(err.contains("day_off 2026-03-21"), "{err}");
}

/// A valid IIN for a man born on `born`, built with the library's check digit.
fn iin_for(born: Date) -> String {
    let head = format!(
        "{:02}{:02}{:02}3",
        born.year() % 100,
        born.month(),
        born.day()
    );
    (0..10_000)
        .map(|serial| format!("{head}{serial:04}"))
        .find_map(|first11| {
            let mut digits = [0u8; 11];
            for (slot, b) in digits.iter_mut().zip(first11.bytes()) {
                *slot = b - b'0';
            }
            check_digit(&digits).map(|c| format!("{first11}{c}"))
        })
        .expect("some serial has a check digit")
}

#[test]
fn iin_check_prints_what_the_library_reads() {
    let text = iin_for(date(1990, 5, 15));
    let json = ok_json(&["iin", "check", &text]);
    let lib = Iin::parse(&text).expect("library accepts it");
    assert_eq!(json["valid"], true);
    assert_eq!(json["iin"], text);
    assert_eq!(json["birth_date"], lib.birth_date().to_string());
    assert_eq!(json["sex"], "male");
}

#[test]
fn invalid_iin_is_refused_naming_the_field_and_the_fault() {
    let valid = iin_for(date(1990, 5, 15));
    let last = valid.as_bytes()[11] - b'0';
    let wrong = format!("{}{}", &valid[..11], (last + 1) % 10);
    // An IIN that fails its check is a failed check: exit code 1, like an invalid bank.
    let err = failure_with(1, &["iin", "check", &wrong]);
    assert!(err.contains("error: IIN: "), "{err}");
    assert!(err.contains("check digit"), "{err}");
    let err = failure_with(1, &["iin", "check", "90051530012"]);
    assert!(err.contains("12 digits"), "{err}");
}
