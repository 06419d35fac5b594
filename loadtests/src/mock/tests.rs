//! The tool against the mock: a clean run loses nothing, a lossy server is caught, a refused
//! setup stops the run, and the stop at `--duration-s` leaves only acknowledged answers.
#![cfg(test)]

use super::{ADMIN, Faults, spawn};
use crate::args::ExamArgs;
use crate::swarm;

fn args(url: String, candidates: u32, think_ms: u64, duration_s: u64) -> ExamArgs {
    ExamArgs {
        url,
        also_url: Vec::new(),
        admin_token: Some(ADMIN.into()),
        admin_user: None,
        admin_password: None,
        candidates,
        think_ms,
        duration_s,
        bank: None,
        reconnect_prob: 0.05,
        ramp_s: 0,
        position: "tmc_employment_specialist".into(),
        http_concurrency: 8,
        // The mock server runs in this process: its CPU is this process's.
        server_pid: Some(std::process::id()),
        json: true,
    }
}

#[tokio::test]
async fn every_candidate_submits_and_nothing_is_lost() {
    let (addr, _mock) = spawn(Faults::default()).await;
    let summary = swarm::run(&args(format!("http://{addr}"), 20, 1, 30))
        .await
        .unwrap();
    assert_eq!(summary.submitted, 20, "{summary:?}");
    assert_eq!(summary.acked, 20 * 100);
    assert_eq!(summary.lost, 0);
    assert_eq!(summary.audited, 20);
    assert!(summary.reconnects > 0, "5% per answer over 2,000 answers");
    assert!(summary.sent >= summary.acked);
    assert!(summary.connected_max >= 1 && summary.connected_max <= 20);
    assert!(summary.p99_ms > 0.0 && summary.saves_per_s > 0.0);
    assert!(summary.passed());
    // Every candidate got its first state; the steady window opened then and closed at the end.
    assert_eq!(summary.ready, 20);
    assert!(
        summary.start_burst_s.is_some_and(|s| s < 30.0),
        "{summary:?}"
    );
    assert!(summary.steady_s.is_some_and(|s| s >= 0.0), "{summary:?}");
}

#[tokio::test]
async fn a_server_that_acks_without_saving_is_caught_by_the_audit() {
    let (addr, _mock) = spawn(Faults {
        lose_every: Some(37),
    })
    .await;
    let summary = swarm::run(&args(format!("http://{addr}"), 5, 1, 30))
        .await
        .unwrap();
    assert!(summary.lost_journal > 0, "{summary:?}");
    assert!(summary.lost >= summary.lost_journal);
    assert!(!summary.passed());
}

#[tokio::test]
async fn a_wrong_admin_token_means_the_run_cannot_start() {
    let (addr, _mock) = spawn(Faults::default()).await;
    let mut a = args(format!("http://{addr}"), 3, 1, 5);
    a.admin_token = Some("wrong".into());
    let err = swarm::run(&a).await.unwrap_err();
    assert!(format!("{err:#}").contains("401"), "{err:#}");
}

#[tokio::test]
async fn the_admin_user_logs_in_instead_of_a_token_and_a_wrong_password_stops_the_run() {
    let (addr, _mock) = spawn(Faults::default()).await;
    let mut a = args(format!("http://{addr}"), 2, 1, 10);
    a.admin_token = None;
    a.admin_user = Some("admin".into());
    a.admin_password = Some("pw".into());
    assert_eq!(swarm::run(&a).await.unwrap().submitted, 2);
    a.admin_password = Some("nope".into());
    let err = swarm::run(&a).await.unwrap_err();
    assert!(format!("{err:#}").contains("bad_credentials"), "{err:#}");
}

#[tokio::test]
async fn the_stop_leaves_candidates_unsubmitted_with_their_acks_audited() {
    let (addr, mock) = spawn(Faults::default()).await;
    let summary = swarm::run(&args(format!("http://{addr}"), 4, 200, 2))
        .await
        .unwrap();
    assert_eq!(summary.submitted, 0);
    assert!(summary.acked > 0 && summary.acked < 400, "{summary:?}");
    assert_eq!(summary.lost, 0);
    let store = mock.store.lock().unwrap();
    let saved: usize = store.sessions.values().map(|s| s.journal.len()).sum();
    assert!(saved as u64 >= summary.acked);
}
