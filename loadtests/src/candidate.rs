//! One simulated candidate from code to `ended`: login, the rules in a random language, start,
//! then the socket phase (`socket`). The HTTP steps hold a permit of the run's semaphore so a
//! thousand candidates do not log in in the same millisecond; a rate-limited or refused step is
//! counted and retried a few times with backoff.

use std::future::Future;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep, sleep_until};

use crate::api::{Api, HttpError, Id, RosterEntry};
use crate::socket::{End, Exam, Sent, SocketCtx};

/// Tries of one HTTP step when the failure is transient (429, 5xx gateway, transport).
const HTTP_TRIES: u32 = 6;

/// What a candidate leaves for the report and the audit.
pub struct Outcome {
    /// The session, from the login answer (the roster's when login never succeeded).
    pub session_id: Id,
    /// Whether `start` succeeded (the exam was in progress).
    pub started: bool,
    /// Every answer sent, with whether it was acknowledged.
    pub log: Vec<Sent>,
    pub end: End,
}

impl Outcome {
    pub fn acked(&self) -> usize {
        self.log.iter().filter(|s| s.acked).count()
    }
}

/// Runs one candidate's exam; its socket starts on node `first_node` (of `ctx.ws_urls`).
pub async fn run(
    api: &Api,
    ctx: &SocketCtx,
    seat: RosterEntry,
    permits: &Semaphore,
    first_node: usize,
) -> Outcome {
    let mut outcome = Outcome {
        session_id: seat.session_id.clone(),
        started: false,
        log: Vec::new(),
        end: End::Stopped,
    };
    let token = tokio::select! {
        r = http_steps(api, ctx, &seat, permits, &mut outcome) => r,
        _ = sleep_until(ctx.stop) => return outcome,
    };
    let token = match token {
        Ok(token) => token,
        Err(e) => {
            outcome.end = End::Failed(e.to_string());
            return outcome;
        }
    };
    outcome.started = true;
    let paper = match retry(ctx, || api.paper(&token)).await {
        Ok(paper) => paper,
        Err(e) => {
            outcome.end = End::Failed(e.to_string());
            return outcome;
        }
    };
    let mut exam = Exam::with_paper(paper.questions);
    exam.node = first_node;
    outcome.end = exam.sit(ctx, &token).await;
    outcome.log = exam.log;
    outcome
}

/// Login, rules, start: the bearer token of an exam in progress.
async fn http_steps(
    api: &Api,
    ctx: &SocketCtx,
    seat: &RosterEntry,
    permits: &Semaphore,
    outcome: &mut Outcome,
) -> Result<String, HttpError> {
    let _permit = permits
        .acquire()
        .await
        .expect("the semaphore is never closed");
    ctx.stats.login_began();
    let login = retry(ctx, || api.login(&seat.code)).await?;
    outcome.session_id = login.session.session_id;
    let lang = if rand::random_bool(0.5) { "kk" } else { "ru" };
    if login.session.status == "in_progress" {
        return Ok(login.token); // a rerun: the exam is already going
    }
    if login.session.status == "scheduled" {
        retry(ctx, || api.rules(&login.token, lang)).await?;
    }
    let started = retry(ctx, || api.start(&login.token)).await?;
    if started.status != "in_progress" {
        let e = HttpError {
            step: "start",
            status: None,
            code: format!("status_{}", started.status),
            message: format!("the session is {} after start", started.status),
        };
        ctx.stats.error(e.kind());
        return Err(e);
    }
    Ok(login.token)
}

/// Calls `step` until it succeeds, fails for good, or has failed `HTTP_TRIES` times; each
/// failure is counted in the stats.
async fn retry<T, F, Fut>(ctx: &SocketCtx, mut step: F) -> Result<T, HttpError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, HttpError>>,
{
    let mut tries = 0;
    loop {
        match step().await {
            Ok(value) => return Ok(value),
            Err(e) => {
                ctx.stats.error(e.kind());
                tries += 1;
                if !e.is_transient() || tries >= HTTP_TRIES {
                    return Err(e);
                }
                let wait = Duration::from_millis(250 << tries.min(5));
                sleep(wait.mul_f64(rand::random_range(0.5..=1.5))).await;
                if Instant::now() >= ctx.stop {
                    return Err(e);
                }
            }
        }
    }
}
