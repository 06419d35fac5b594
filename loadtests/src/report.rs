//! The run's summary: one JSON object on stdout (`--json`), or a table for people. The meaning
//! of every figure is in `docs/loadtest.md`.

use std::collections::BTreeMap;

use serde::Serialize;

/// Everything the run measured; field names are the JSON keys.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub candidates: u64,
    /// Candidates whose exam reached `in_progress`.
    pub started: u64,
    /// Candidates whose exam ended with `submitted`.
    pub submitted: u64,
    /// Answers acknowledged by the server (each seq once).
    pub acked: u64,
    /// Answer messages written to sockets, replays included.
    pub sent: u64,
    pub replayed: u64,
    /// Acknowledged answers the audit did not find (`lost_journal + lost_current`).
    pub lost: u64,
    pub lost_journal: u64,
    pub lost_current: u64,
    pub audited: u64,
    pub unaudited: u64,
    pub errors: u64,
    pub error_kinds: BTreeMap<String, u64>,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub saves_per_s: f64,
    pub answering_s: f64,
    pub connected_max: u64,
    pub reconnects: u64,
    /// Candidates that got their first `state` (started, paper fetched, socket open), and
    /// the seconds from the first login to the last of them: with `--ramp-s 0` (the
    /// default) every candidate is released at once, so this is the synchronised start.
    pub ready: u64,
    pub start_burst_s: Option<f64>,
    /// With `--server-pid`: the steady window (from the last candidate's first `state` to the
    /// stop), the saves per second acknowledged in it, and the server's CPU (user + system)
    /// per acknowledged save in it, in microseconds.
    pub steady_s: Option<f64>,
    pub steady_saves_per_s: Option<f64>,
    pub server_cpu_us_per_save: Option<f64>,
    pub think_ms: u64,
    pub duration_s: u64,
    pub reconnect_prob: f64,
    pub bank: String,
    pub campaign_id: String,
}

impl Summary {
    /// No acknowledged answer lost and every session with acknowledged answers audited.
    pub fn passed(&self) -> bool {
        self.lost == 0 && self.unaudited == 0
    }
}

/// Prints the summary on stdout.
pub fn print(summary: &Summary, json: bool) {
    if json {
        println!(
            "{}",
            serde_json::to_string(summary).expect("the summary serializes")
        );
    } else {
        print!("{}", table(summary));
    }
}

/// The summary as aligned rows.
pub fn table(s: &Summary) -> String {
    let mut rows: Vec<(String, String)> = vec![
        ("candidates".into(), s.candidates.to_string()),
        (
            "started / submitted".into(),
            format!("{} / {}", s.started, s.submitted),
        ),
        ("answers acked".into(), s.acked.to_string()),
        (
            "answers sent (replayed)".into(),
            format!("{} ({})", s.sent, s.replayed),
        ),
        (
            "saves per second".into(),
            format!("{:.1} over {:.1} s", s.saves_per_s, s.answering_s),
        ),
        (
            "ack latency ms p50/p95/p99/max".into(),
            format!(
                "{:.1} / {:.1} / {:.1} / {:.1}",
                s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms
            ),
        ),
        (
            "sockets held at once (max)".into(),
            s.connected_max.to_string(),
        ),
        (
            "start burst (ready / s)".into(),
            match s.start_burst_s {
                Some(burst) => format!("{} in {burst:.1} s", s.ready),
                None => "none ready".into(),
            },
        ),
        ("reconnects".into(), s.reconnects.to_string()),
        (
            "server CPU per save (steady)".into(),
            match (s.server_cpu_us_per_save, s.steady_s) {
                (Some(us), Some(secs)) => format!("{us:.1} µs over {secs:.1} s"),
                _ => "not measured (no --server-pid, or the burst outlasted the run)".into(),
            },
        ),
        ("errors".into(), s.errors.to_string()),
    ];
    for (kind, n) in &s.error_kinds {
        rows.push((format!("  {kind}"), n.to_string()));
    }
    rows.push((
        "LOST (journal + current)".into(),
        format!("{} ({} + {})", s.lost, s.lost_journal, s.lost_current),
    ));
    rows.push((
        "sessions audited / not".into(),
        format!("{} / {}", s.audited, s.unaudited),
    ));
    let width = rows
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (k, v) in rows {
        let pad = width - k.chars().count();
        out.push_str(&format!("{k}{}  {v}\n", " ".repeat(pad)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(lost: u64, unaudited: u64) -> Summary {
        Summary {
            candidates: 2,
            started: 2,
            submitted: 2,
            acked: 200,
            sent: 203,
            replayed: 3,
            lost,
            lost_journal: lost,
            lost_current: 0,
            audited: 2,
            unaudited,
            errors: 1,
            error_kinds: BTreeMap::from([("ws_close_1006".to_owned(), 1)]),
            p50_ms: 1.5,
            p95_ms: 3.0,
            p99_ms: 4.0,
            max_ms: 9.0,
            saves_per_s: 20.0,
            answering_s: 10.0,
            connected_max: 2,
            reconnects: 1,
            ready: 2,
            start_burst_s: Some(1.25),
            steady_s: Some(8.0),
            steady_saves_per_s: Some(20.0),
            server_cpu_us_per_save: Some(55.0),
            think_ms: 50,
            duration_s: 60,
            reconnect_prob: 0.01,
            bank: "v1".into(),
            campaign_id: "1".into(),
        }
    }

    #[test]
    fn json_has_the_contract_keys() {
        let v = serde_json::to_value(summary(0, 0)).unwrap();
        for key in [
            "acked",
            "lost",
            "ready",
            "start_burst_s",
            "server_cpu_us_per_save",
            "errors",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "max_ms",
            "saves_per_s",
            "connected_max",
            "reconnects",
            "candidates",
            "submitted",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn a_lost_answer_or_an_unaudited_session_fails_the_run() {
        assert!(summary(0, 0).passed());
        assert!(!summary(1, 0).passed());
        assert!(!summary(0, 1).passed());
    }

    #[test]
    fn table_lists_error_kinds_and_loss() {
        let t = table(&summary(0, 0));
        assert!(t.contains("  ws_close_1006"));
        assert!(t.contains("LOST (journal + current)"));
    }
}
