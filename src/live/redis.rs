//! The Redis live state: what the nodes of one deployment share through one Redis (`REDIS_URL`).
//!
//! Keys, all under a prefix (`synaq:` unless told otherwise, so tests and deployments can share
//! a Redis without colliding):
//! - `holder:{session}` — JSON `ConnId`, replaced with `SET … GET` (atomic get-and-set) and
//!   deleted by a compare-and-delete script, so a takeover is never undone by the old socket;
//!   expires after [`HOLDER_TTL`] so the entries of a node that crashed do not stay forever;
//! - `deadlines` — sorted set, score = deadline in ms, member = session; a script takes and
//!   removes the due members in one step, so two nodes never claim the same session;
//! - `commands:{node}` — one stream per node (`XADD … MAXLEN ~ 100000`), read with `XREAD`
//!   from the last id this process has read (see [`RedisState::connect_with_prefix`]);
//! - `rate:{key}:{window index}` — a counter per fixed window (`INCR`, `PEXPIRE` on the first hit).
//!
//! Every Redis failure becomes a [`LiveError`] whose text never contains the URL's password.

use std::future::Future;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::streams::{StreamRangeReply, StreamReadReply};
use redis::{Client, Cmd, FromRedisValue, RedisError, RedisResult, Script};
use tokio::sync::Mutex;

use super::state::{Command, ConnId, LiveError, LiveResult, LiveState};

/// The prefix of every key unless `connect_with_prefix` names another.
pub const DEFAULT_PREFIX: &str = "synaq:";

/// How long a registry entry outlives its last `register`: far longer than any exam, so only
/// the entries of a node that died without `unregister` ever expire.
pub const HOLDER_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// Bound on each node's command stream; old commands are dropped first (their effect is in the
/// database already).
const STREAM_MAXLEN: u64 = 100_000;

/// A node's stream expires after a day without commands, so streams of retired nodes vanish.
const STREAM_TTL: Duration = Duration::from_secs(24 * 60 * 60);

/// How long past its server-side `BLOCK` a blocking read may take before it counts as lost.
const BLOCK_GRACE: Duration = Duration::from_secs(5);

/// Deletes the key only while it still holds ARGV[1]: `unregister` must not remove the holder
/// a takeover put there.
const COMPARE_AND_DELETE: &str = r"
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0";

/// Takes up to ARGV[2] members scored at or below ARGV[1], in (score, member) order, and
/// removes them in the same step. ZREM goes in chunks to stay within Lua's `unpack` limit.
const CLAIM_DUE: &str = r"
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for i = 1, #due, 500 do
  redis.call('ZREM', KEYS[1], unpack(due, i, math.min(i + 499, #due)))
end
return due";

/// Counts one hit; the first hit of a window sets its expiry (ARGV[1] ms).
const HIT: &str = r"
local n = redis.call('INCR', KEYS[1])
if n == 1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
return n";

/// Live state shared by every node connected to the same Redis under the same prefix.
pub struct RedisState {
    node: String,
    prefix: String,
    /// Shared by all short commands; reconnects by itself.
    conn: ConnectionManager,
    /// Only for the blocking `XREAD`, so a waiting `receive` never delays other callers.
    blocking: ConnectionManager,
    /// Id of the last command of this node's stream that `receive` returned; held for the
    /// whole read, so concurrent `receive` calls never return the same command twice (they
    /// take turns: a node is meant to run one receive loop).
    last_read: Mutex<String>,
    /// Texts that must never appear in an error (the URL's password and user info).
    secrets: Vec<String>,
    compare_and_delete: Script,
    claim_due: Script,
    hit: Script,
}

impl RedisState {
    /// Connects with the default key prefix `synaq:`.
    pub async fn connect(url: &str, node: impl Into<String>) -> LiveResult<RedisState> {
        RedisState::connect_with_prefix(url, node, DEFAULT_PREFIX).await
    }

    /// Connects `node` to the Redis at `url`, keeping every key under `prefix`.
    ///
    /// Where `receive` starts: at the last entry of this node's stream *as found now*. So a
    /// node restarted under the same name does not replay the commands of its previous life
    /// (their effects are in the database, which the node re-reads at start), while every
    /// command queued from now on is delivered. The id of the last command read is kept in
    /// memory and every `XREAD` names it explicitly (never `$`), so commands queued while the
    /// connection was down are read once it is back.
    pub async fn connect_with_prefix(
        url: &str,
        node: impl Into<String>,
        prefix: impl Into<String>,
    ) -> LiveResult<RedisState> {
        let mut secrets = url_secrets(url);
        let fail = |what: &str, e: RedisError, secrets: &[String]| {
            LiveError(redact(&format!("redis {what}: {e}"), secrets))
        };
        let client = Client::open(url).map_err(|e| fail("url", e, &secrets))?;
        if let Some(password) = client.get_connection_info().redis_settings().password() {
            secrets.push(password.to_owned());
        }
        secrets.retain(|s| !s.is_empty());
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));

        let manager = |response_timeout| {
            let config = ConnectionManagerConfig::new()
                .set_connection_timeout(Some(Duration::from_secs(2)))
                .set_response_timeout(response_timeout);
            ConnectionManager::new_with_config(client.clone(), config)
        };
        let conn = manager(Some(Duration::from_secs(2))).await;
        let conn = conn.map_err(|e| fail("connect", e, &secrets))?;
        // No response timeout: `receive` bounds each blocking read itself.
        let blocking = manager(None).await;
        let blocking = blocking.map_err(|e| fail("connect", e, &secrets))?;

        let mut state = RedisState {
            node: node.into(),
            prefix: prefix.into(),
            conn,
            blocking,
            last_read: Mutex::new(String::new()),
            secrets,
            compare_and_delete: Script::new(COMPARE_AND_DELETE),
            claim_due: Script::new(CLAIM_DUE),
            hit: Script::new(HIT),
        };
        let mut newest = redis::cmd("XREVRANGE");
        newest
            .arg(state.stream_key(&state.node))
            .arg(&["+", "-", "COUNT", "1"]);
        let newest: StreamRangeReply = state.query("read stream end", true, newest).await?;
        let start = newest.ids.first().map_or("0-0", |e| e.id.as_str());
        *state.last_read.get_mut() = start.to_owned();
        Ok(state)
    }

    /// The prefix every key of this state starts with.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    fn holder_key(&self, session: &str) -> String {
        format!("{}holder:{session}", self.prefix)
    }

    fn deadlines_key(&self) -> String {
        format!("{}deadlines", self.prefix)
    }

    fn stream_key(&self, node: &str) -> String {
        format!("{}commands:{node}", self.prefix)
    }

    /// Runs one Redis call on the shared connection. An idempotent call that fails because the
    /// connection dropped is tried once more on the reconnected one; other calls are not, as
    /// they may have taken effect before the reply was lost.
    async fn run<T, F, Fut>(&self, what: &str, idempotent: bool, call: F) -> LiveResult<T>
    where
        F: Fn(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        retry_once(&self.conn, what, idempotent, call)
            .await
            .map_err(|e| self.error(what, &e))
    }

    /// `run` for one plain command.
    async fn query<T: FromRedisValue>(
        &self,
        what: &str,
        idempotent: bool,
        cmd: Cmd,
    ) -> LiveResult<T> {
        self.run(what, idempotent, |mut c| {
            let cmd = cmd.clone();
            async move { cmd.query_async(&mut c).await }
        })
        .await
    }

    fn error(&self, what: &str, e: &RedisError) -> LiveError {
        LiveError(redact(&format!("redis {what}: {e}"), &self.secrets))
    }

    /// The id of the client connection that `receive` blocks on (tests drop it on purpose).
    #[cfg(test)]
    pub(crate) async fn receiver_client_id(&self) -> LiveResult<i64> {
        let mut c = self.blocking.clone();
        redis::cmd("CLIENT")
            .arg("ID")
            .query_async(&mut c)
            .await
            .map_err(|e| self.error("client id", &e))
    }
}

async fn retry_once<T, F, Fut>(
    conn: &ConnectionManager,
    what: &str,
    idempotent: bool,
    call: F,
) -> RedisResult<T>
where
    F: Fn(ConnectionManager) -> Fut,
    Fut: Future<Output = RedisResult<T>>,
{
    match call(conn.clone()).await {
        Err(e) if idempotent && connection_lost(&e) => {
            tracing::warn!(what, error = %e, "redis connection lost; retrying once");
            call(conn.clone()).await
        }
        other => other,
    }
}

fn connection_lost(e: &RedisError) -> bool {
    e.is_unrecoverable_error() || e.is_connection_dropped() || e.is_io_error()
}

/// The parts of `url` that are secret: the user info before `@` and the password in it, and a
/// `pass=` query parameter (unix-socket URLs).
fn url_secrets(url: &str) -> Vec<String> {
    let mut secrets = Vec::new();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    if let Some((userinfo, _)) = authority.rsplit_once('@') {
        secrets.push(userinfo.to_owned());
        if let Some((_, password)) = userinfo.split_once(':') {
            secrets.push(password.to_owned());
        }
    }
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            if let Some(("pass" | "password", value)) = pair.split_once('=') {
                secrets.push(value.to_owned());
            }
        }
    }
    secrets
}

fn redact(message: &str, secrets: &[String]) -> String {
    secrets
        .iter()
        .filter(|s| !s.is_empty())
        .fold(message.to_owned(), |m, s| m.replace(s.as_str(), "***"))
}

/// This node's clock: windows of nodes whose clocks differ a little are shifted a little.
fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, millis)
}

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn parse_holder(raw: Option<String>) -> LiveResult<Option<ConnId>> {
    raw.map(|json| {
        serde_json::from_str(&json)
            .map_err(|e| LiveError(format!("malformed connection registry entry: {e}")))
    })
    .transpose()
}

#[async_trait::async_trait]
impl LiveState for RedisState {
    fn node(&self) -> &str {
        &self.node
    }

    async fn register(&self, session: &str, conn: &ConnId) -> LiveResult<Option<ConnId>> {
        let key = self.holder_key(session);
        let json = serde_json::to_string(conn).map_err(|e| LiveError(e.to_string()))?;
        let ttl = millis(HOLDER_TTL);
        let mut set = redis::cmd("SET");
        set.arg(key).arg(json).arg(&["GET", "PX"]).arg(ttl);
        // Not retried: a lost reply after the write would report this very `conn` as previous.
        parse_holder(self.query("register", false, set).await?)
    }

    async fn unregister(&self, session: &str, conn: &ConnId) -> LiveResult<()> {
        let key = self.holder_key(session);
        let json = serde_json::to_string(conn).map_err(|e| LiveError(e.to_string()))?;
        let _: i64 = self
            .run("unregister", true, |mut c| {
                let mut call = self.compare_and_delete.key(&key);
                call.arg(&json);
                async move { call.invoke_async(&mut c).await }
            })
            .await?;
        Ok(())
    }

    async fn holder(&self, session: &str) -> LiveResult<Option<ConnId>> {
        let get = redis::cmd("GET").arg(self.holder_key(session)).to_owned();
        parse_holder(self.query("holder", true, get).await?)
    }

    async fn online(&self, sessions: &[String]) -> LiveResult<usize> {
        let mut n = 0;
        // MGET in batches, so a campaign of thousands in progress is a few round trips.
        for chunk in sessions.chunks(500) {
            let mut mget = redis::cmd("MGET");
            for session in chunk {
                mget.arg(self.holder_key(session));
            }
            let held: Vec<Option<String>> = self.query("online", true, mget).await?;
            n += held.iter().filter(|h| h.is_some()).count();
        }
        Ok(n)
    }

    async fn schedule_deadline(&self, session: &str, deadline_ms: i64) -> LiveResult<()> {
        let mut zadd = redis::cmd("ZADD");
        zadd.arg(self.deadlines_key()).arg(deadline_ms).arg(session);
        self.query::<i64>("schedule deadline", true, zadd).await?;
        Ok(())
    }

    async fn cancel_deadline(&self, session: &str) -> LiveResult<()> {
        let mut zrem = redis::cmd("ZREM");
        zrem.arg(self.deadlines_key()).arg(session);
        self.query::<i64>("cancel deadline", true, zrem).await?;
        Ok(())
    }

    async fn claim_due(&self, now_ms: i64, limit: usize) -> LiveResult<Vec<String>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let key = self.deadlines_key();
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Not retried: a claim whose reply was lost has removed its sessions already; they
        // return when the index is next rebuilt from the database.
        self.run("claim due", false, |mut c| {
            let mut call = self.claim_due.key(&key);
            call.arg(now_ms).arg(limit);
            async move { call.invoke_async(&mut c).await }
        })
        .await
    }

    async fn send(&self, node: &str, command: &Command) -> LiveResult<()> {
        let stream = self.stream_key(node);
        let json = serde_json::to_string(command).map_err(|e| LiveError(e.to_string()))?;
        let ttl = millis(STREAM_TTL);
        // Retried: delivery is at least once, and a repeated command is harmless.
        let mut pipe = redis::pipe();
        let xadd = pipe.atomic().cmd("XADD").arg(&stream).arg(&["MAXLEN", "~"]);
        xadd.arg(STREAM_MAXLEN).arg(&["*", "c"]).arg(json).ignore();
        pipe.cmd("PEXPIRE").arg(&stream).arg(ttl).ignore();
        self.run("send", true, |mut c| {
            let pipe = pipe.clone();
            async move { pipe.query_async::<()>(&mut c).await }
        })
        .await
    }

    async fn receive(&self, max: usize, wait: Duration) -> LiveResult<Vec<Command>> {
        if max == 0 {
            return Ok(Vec::new());
        }
        let stream = self.stream_key(&self.node);
        let mut last_read = self.last_read.lock().await;
        let from = last_read.clone();
        let read = |mut c: ConnectionManager| {
            let mut cmd = redis::cmd("XREAD");
            cmd.arg("COUNT").arg(max);
            if !wait.is_zero() {
                cmd.arg("BLOCK").arg(millis(wait).max(1));
            }
            cmd.arg("STREAMS").arg(&stream).arg(&from);
            async move { cmd.query_async(&mut c).await }
        };
        // The server ends the block after `wait`; this bound only catches a server that went
        // silent (a dropped connection is retried once, hence two waits).
        let bound = wait * 2 + BLOCK_GRACE;
        let reply: Option<StreamReadReply> =
            tokio::time::timeout(bound, retry_once(&self.blocking, "receive", true, read))
                .await
                .map_err(|_| LiveError("redis receive: no reply from the server".into()))?
                .map_err(|e| self.error("receive", &e))?;
        let mut commands = Vec::new();
        for entry in reply.into_iter().flat_map(|r| r.keys).flat_map(|k| k.ids) {
            match entry
                .get::<String>("c")
                .map(|json| serde_json::from_str::<Command>(&json))
            {
                Some(Ok(command)) => commands.push(command),
                // Skipped, not retried forever: the command's effect is in the database.
                _ => tracing::warn!(id = %entry.id, "skipping a malformed live command"),
            }
            *last_read = entry.id;
        }
        Ok(commands)
    }

    async fn hit(&self, key: &str, window: Duration, limit: u64) -> LiveResult<bool> {
        let window_ms = millis(window).max(1);
        let index = now_ms() / window_ms;
        let key = format!("{}rate:{key}:{index}", self.prefix);
        let count: u64 = self
            .run("rate limit", false, |mut c| {
                let mut call = self.hit.key(&key);
                call.arg(window_ms);
                async move { call.invoke_async(&mut c).await }
            })
            .await?;
        Ok(count <= limit)
    }

    async fn peek(&self, key: &str, window: Duration) -> LiveResult<u64> {
        let window_ms = millis(window).max(1);
        let index = now_ms() / window_ms;
        let get = redis::cmd("GET")
            .arg(format!("{}rate:{key}:{index}", self.prefix))
            .to_owned();
        let count: Option<u64> = self.query("rate peek", true, get).await?;
        Ok(count.unwrap_or(0))
    }
}
