//! The `exam` run: setup, then one tokio task per candidate (logins spread over `--ramp-s`,
//! HTTP steps bounded by a semaphore), a progress line on stderr, the stop at `--duration-s`,
//! and the audit. Returns the summary; the caller prints it and picks the exit code.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::api::Api;
use crate::args::ExamArgs;
use crate::candidate::{self, Outcome};
use crate::report::Summary;
use crate::socket::SocketCtx;
use crate::stats::Stats;
use crate::{audit, cpu, limits, setup};

/// How often the progress line is redrawn.
const TICK: Duration = Duration::from_millis(500);

/// Runs the whole scenario. An error means the run could not start (setup failed).
pub async fn run(args: &ExamArgs) -> anyhow::Result<Summary> {
    if let Some(warning) = limits::warning(u64::from(args.candidates)) {
        eprintln!("synaq-loadtests: warning: {warning}");
    }
    let ws_urls = std::iter::once(&args.url)
        .chain(&args.also_url)
        .map(|u| socket_url(u))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let api = Api::new(&args.url)?;
    let count = args.candidates as usize;

    let admin = admin_token(&api, args).await?;
    let bar = progress_bar(count as u64);
    let setup = setup::run(
        &api,
        &admin,
        args.bank.as_deref(),
        &args.position,
        count,
        &bar,
    )
    .await
    .context("setup")?;

    let stats = Arc::new(Stats::new());
    let ctx = Arc::new(SocketCtx {
        stats: stats.clone(),
        ws_urls,
        think: Duration::from_millis(args.think_ms),
        reconnect_prob: args.reconnect_prob,
        stop: Instant::now() + Duration::from_secs(args.duration_s),
    });
    let permits = Arc::new(Semaphore::new(args.http_concurrency as usize));
    let ramp = Duration::from_secs(args.ramp_s);
    let began = Instant::now();
    let mut tasks = JoinSet::new();
    for (i, seat) in setup.seats.into_iter().enumerate() {
        let (api, ctx, permits) = (api.clone(), ctx.clone(), permits.clone());
        let delay = ramp.mul_f64(i as f64 / count as f64);
        tasks.spawn(async move {
            tokio::time::sleep_until(began + delay).await;
            (i, candidate::run(&api, &ctx, seat, &permits, i).await)
        });
    }

    bar.reset();
    bar.set_length(count as u64);
    let ticker = tokio::spawn(tick(bar.clone(), stats.clone()));
    let steady = args
        .server_pid
        .map(|pid| tokio::spawn(steady_window(pid, stats.clone(), count as u64, ctx.stop)));
    let mut outcomes: Vec<Option<Outcome>> = (0..count).map(|_| None).collect();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok((i, outcome)) => {
                stats.finished(outcome.end == crate::socket::End::Submitted);
                outcomes[i] = Some(outcome);
            }
            Err(e) => {
                stats.error("task_panicked");
                eprintln!("synaq-loadtests: a candidate task failed: {e}");
            }
        }
    }
    ticker.abort();
    // The window closes when the last candidate stops (at the stop, or when all are done).
    let steady = match (steady, args.server_pid) {
        (Some(task), Some(pid)) => {
            let close = cpu::process_cpu_s(pid).map(|cpu_s| cpu::Mark {
                cpu_s,
                acked: stats.acked_count(),
                at: stats.elapsed(),
            });
            task.abort();
            task.await.ok().flatten().zip(close)
        }
        _ => None,
    };
    let outcomes: Vec<Outcome> = outcomes.into_iter().flatten().collect();
    let live = stats.snapshot();

    bar.set_message("audit");
    let audit = audit::run(
        &api,
        &admin,
        &outcomes,
        args.http_concurrency as usize,
        &stats,
    )
    .await;
    bar.finish_and_clear();
    let after = stats.snapshot(); // audit errors counted too

    Ok(Summary {
        candidates: count as u64,
        started: outcomes.iter().filter(|o| o.started).count() as u64,
        submitted: live.submitted,
        acked: live.acked,
        sent: live.sent,
        replayed: live.replayed,
        lost: audit.loss.journal + audit.loss.current,
        lost_journal: audit.loss.journal,
        lost_current: audit.loss.current,
        audited: audit.audited,
        unaudited: audit.unaudited,
        errors: after.errors,
        error_kinds: after.error_kinds,
        p50_ms: live.p50_ms,
        p95_ms: live.p95_ms,
        p99_ms: live.p99_ms,
        max_ms: live.max_ms,
        saves_per_s: live.saves_per_s,
        answering_s: live.answering_s,
        connected_max: live.connected_max,
        reconnects: live.reconnects,
        ready: live.ready,
        start_burst_s: live.start_burst_s,
        steady_s: steady.map(|(open, close)| (close.at - open.at).as_secs_f64()),
        steady_saves_per_s: steady
            .and_then(|(o, c)| cpu::per_save(o, c))
            .map(|(_, r)| r),
        server_cpu_us_per_save: steady
            .and_then(|(o, c)| cpu::per_save(o, c))
            .map(|(us, _)| us),
        think_ms: args.think_ms,
        duration_s: args.duration_s,
        reconnect_prob: args.reconnect_prob,
        bank: setup.bank,
        campaign_id: setup.campaign.0,
    })
}

/// The server's CPU when the steady window opens: when all `count` candidates have their
/// first `state`. `None` when the burst never ends before `stop` or the server's `/proc`
/// entry cannot be read. The caller takes the closing mark when the candidates are done.
async fn steady_window(
    pid: u32,
    stats: Arc<Stats>,
    count: u64,
    stop: Instant,
) -> Option<cpu::Mark> {
    while stats.ready_count() < count {
        if Instant::now() >= stop {
            return None;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Some(cpu::Mark {
        cpu_s: cpu::process_cpu_s(pid)?,
        acked: stats.acked_count(),
        at: stats.elapsed(),
    })
}

/// The admin token: given, or from logging the admin user in.
async fn admin_token(api: &Api, args: &ExamArgs) -> anyhow::Result<String> {
    match (&args.admin_token, &args.admin_user, &args.admin_password) {
        (Some(token), _, _) => Ok(token.clone()),
        (None, Some(user), Some(password)) => Ok(api
            .staff_login(user, password)
            .await
            .context("logging the admin user in")?),
        _ => bail!("give --admin-token, or --admin-user with --admin-password"),
    }
}

/// `http://host:port` -> `ws://host:port/ws/exam`.
pub fn socket_url(base: &str) -> anyhow::Result<String> {
    let base = base.trim_end_matches('/');
    match base.strip_prefix("http://") {
        Some(rest) if !rest.is_empty() => Ok(format!("ws://{rest}/ws/exam")),
        _ => bail!(
            "--url must be a plain http://host:port address (the tool carries no TLS): {base}"
        ),
    }
}

/// Progress goes to stderr whatever the output mode: stdout carries only the summary.
fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

/// Redraws the live figures until aborted.
async fn tick(bar: ProgressBar, stats: Arc<Stats>) {
    let mut interval = tokio::time::interval(TICK);
    loop {
        interval.tick().await;
        let s = stats.snapshot();
        bar.set_position(s.finished);
        bar.set_message(format!(
            "sockets {} (max {}) acked {} p99 {:.1} ms errors {} reconnects {}",
            s.connected, s.connected_max, s.acked, s.p99_ms, s.errors, s.reconnects
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_url_follows_the_base() {
        assert_eq!(
            socket_url("http://127.0.0.1:18282/").unwrap(),
            "ws://127.0.0.1:18282/ws/exam"
        );
    }

    #[test]
    fn https_is_refused_as_the_tool_has_no_tls() {
        assert!(socket_url("https://example.kz").is_err());
    }
}
