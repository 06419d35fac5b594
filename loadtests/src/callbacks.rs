//! `callbacks`: a flood of signed native proctoring callbacks (docs/proctoring.md) at a target
//! rate, for a duration, against a running server. Each request carries `--batch` events of a
//! kind with no default rule (`window_resize`: it only records), each with a fresh id, for
//! sessions created by the tool's own setup (with an admin token) or given with `--session`.
//! Signed with `synaq_proctor::verify::sign_native` at the moment of sending. Prints one
//! summary: sent, accepted and rejected events, p50/p99 latency of the requests, accepted
//! events per second.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};
use hdrhistogram::Histogram;
use serde::Serialize;
use serde_json::json;

use crate::api::Api;
use crate::args::CallbacksArgs;

/// The summary printed at the end (`--json`: one JSON object on stdout).
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Events sent (requests × batch).
    pub sent: u64,
    /// Events the server answered 200 for.
    pub accepted: u64,
    /// Events of requests answered otherwise, or never answered.
    pub rejected: u64,
    /// Request latency percentiles, milliseconds.
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Accepted events per second over the run.
    pub per_s: f64,
    pub requests: u64,
    pub batch: u32,
    pub target_rate: u32,
    pub duration_s: f64,
    /// Rejections by status (`transport` when no answer came).
    pub errors: BTreeMap<String, u64>,
}

fn unix_s() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The sessions to report on: given, or a fresh campaign's (admin token needed).
async fn sessions(api: &Api, args: &CallbacksArgs) -> anyhow::Result<Vec<String>> {
    if !args.session.is_empty() {
        return Ok(args.session.clone());
    }
    let Some(admin) = &args.admin_token else {
        bail!("give --session (repeatable) or --admin-token to create sessions");
    };
    let bar = indicatif::ProgressBar::hidden();
    let setup = crate::setup::run(
        api,
        admin,
        None,
        "tmc_employment_specialist",
        args.sessions as usize,
        &bar,
    )
    .await?;
    Ok(setup
        .seats
        .into_iter()
        .map(|s| s.session_id.to_string())
        .collect())
}

/// Registers the vendor with the secret when an admin token is given (an existing vendor of
/// that name is left as it is: its secret must then be the one given).
async fn register(http: &reqwest::Client, args: &CallbacksArgs) -> anyhow::Result<()> {
    let Some(admin) = &args.admin_token else {
        return Ok(());
    };
    let url = format!(
        "{}/api/v1/admin/proctor/vendors",
        args.url.trim_end_matches('/')
    );
    let r = http
        .post(url)
        .bearer_auth(admin)
        .json(&json!({"name": args.vendor, "adapter": "native", "secrets": [args.secret]}))
        .send()
        .await
        .context("registering the vendor")?;
    match r.status().as_u16() {
        201 | 409 => Ok(()),
        s => bail!(
            "registering the vendor: HTTP {s}: {}",
            r.text().await.unwrap_or_default()
        ),
    }
}

pub async fn run(args: &CallbacksArgs) -> anyhow::Result<Summary> {
    let api = Api::new(&args.url)?;
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(args.concurrency as usize)
        .build()?;
    register(&http, args).await?;
    let sessions = Arc::new(sessions(&api, args).await?);
    let url = Arc::new(format!(
        "{}/api/v1/proctor/{}/events",
        args.url.trim_end_matches('/'),
        args.vendor
    ));
    let secret = Arc::new(args.secret.clone().into_bytes());
    let accepted = Arc::new(AtomicU64::new(0));
    let rejected = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(Mutex::new(BTreeMap::<String, u64>::new()));
    let latency = Arc::new(Mutex::new(Histogram::<u64>::new_with_bounds(
        1, 60_000_000, 3,
    )?));
    let permits = Arc::new(tokio::sync::Semaphore::new(args.concurrency as usize));
    let requests_per_s = f64::from(args.rate) / f64::from(args.batch);
    let total = (requests_per_s * args.duration_s as f64).round() as u64;
    let run_id = format!("{:x}", unix_s());
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..total {
        // Open loop at the target rate, bounded by the in-flight requests.
        let due = started + Duration::from_secs_f64(i as f64 / requests_per_s);
        tokio::time::sleep_until(due.into()).await;
        let permit = permits.clone().acquire_owned().await?;
        let (http, url, secret) = (http.clone(), url.clone(), secret.clone());
        let (accepted, rejected, errors, latency) = (
            accepted.clone(),
            rejected.clone(),
            errors.clone(),
            latency.clone(),
        );
        let sessions = sessions.clone();
        let (batch, kind) = (args.batch, args.kind.clone());
        let run_id = run_id.clone();
        tasks.spawn(async move {
            let now = unix_s();
            let events: Vec<_> = (0..batch)
                .map(|j| {
                    let n = i * u64::from(batch) + u64::from(j);
                    json!({"id": format!("flood-{run_id}-{n}"),
                           "session_id": sessions[(n as usize) % sessions.len()],
                           "kind": kind, "confidence": 0.9, "occurred_at": now, "duration_s": 0})
                })
                .collect();
            let body = json!({"events": events}).to_string();
            let signature = synaq_proctor::verify::sign_native(&secret, now, body.as_bytes());
            let sent = Instant::now();
            let answer = http
                .post(url.as_str())
                .header("content-type", "application/json")
                .header("x-synaq-timestamp", now.to_string())
                .header("x-synaq-signature", signature)
                .body(body)
                .send()
                .await;
            let us = sent.elapsed().as_micros() as u64;
            let _ = latency.lock().expect("latency").record(us.max(1));
            let kind = match answer {
                Ok(r) if r.status() == 200 => {
                    accepted.fetch_add(u64::from(batch), Relaxed);
                    None
                }
                Ok(r) => Some(r.status().as_u16().to_string()),
                Err(_) => Some("transport".to_owned()),
            };
            if let Some(kind) = kind {
                rejected.fetch_add(u64::from(batch), Relaxed);
                *errors.lock().expect("errors").entry(kind).or_default() += 1;
            }
            drop(permit);
        });
        while tasks.try_join_next().is_some() {}
    }
    while tasks.join_next().await.is_some() {}
    let elapsed = started.elapsed().as_secs_f64();
    let latency = latency.lock().expect("latency");
    let accepted = accepted.load(Relaxed);
    Ok(Summary {
        sent: total * u64::from(args.batch),
        accepted,
        rejected: rejected.load(Relaxed),
        p50_ms: latency.value_at_quantile(0.50) as f64 / 1000.0,
        p99_ms: latency.value_at_quantile(0.99) as f64 / 1000.0,
        per_s: accepted as f64 / elapsed,
        requests: total,
        batch: args.batch,
        target_rate: args.rate,
        duration_s: elapsed,
        errors: errors.lock().expect("errors").clone(),
    })
}

/// The summary as JSON or as lines for a person.
pub fn print(s: &Summary, json: bool) {
    if json {
        println!("{}", serde_json::to_string(s).expect("JSON"));
        return;
    }
    println!(
        "sent {} accepted {} rejected {} | p50 {:.1} ms p99 {:.1} ms | {:.0} events/s over {:.1} s (target {}/s, batch {}) | errors {:?}",
        s.sent,
        s.accepted,
        s.rejected,
        s.p50_ms,
        s.p99_ms,
        s.per_s,
        s.duration_s,
        s.target_rate,
        s.batch,
        s.errors
    );
}
