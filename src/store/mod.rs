//! Storage: sqlx repositories over one portable schema on two engines — SQLite (the embedded
//! default) and PostgreSQL (`DATABASE_URL=postgres://...`).
//!
//! The code speaks sqlx's `Any` driver: `$1` placeholders (or [`Db::param`] in statements built
//! with many parameters), and only the portable column types
//! (BIGINT Unix-ms times, TEXT, BIGINT 0/1 flags, JSON as TEXT), so one `migrations/` folder
//! serves both engines. What differs — SQLite's pragmas and its write-transaction start — is
//! handled here and nowhere else. Domain types go in and out; SQL stays in this module.

pub mod account;
pub mod announcement;
pub mod answers;
pub mod appeal;
pub mod attestee;
pub mod audit;
pub mod bank;
pub mod calendar;
pub mod campaign;
pub mod certificate;
pub mod exam;
pub mod leb;
pub mod listing;
pub mod paper;
pub mod proctor;
pub mod report;
pub mod result;
pub mod retake;
mod row;
pub mod seb;
pub mod staff;
pub mod token;

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

/// The storage layer's one error type: what a caller can branch on, by kind.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// What was asked for does not exist (the message names it).
    #[error("{0}")]
    NotFound(String),
    /// A lookup by prefix or name matched more than one thing.
    #[error("{0}")]
    Ambiguous(String),
    /// A write broke the named constraint (`on_constraint` maps it): the caller's request
    /// conflicts with what is stored.
    #[error("{message}")]
    Conflict {
        /// The constraint's name in the schema (`migrations/`).
        constraint: &'static str,
        message: String,
    },
    /// What is stored cannot be read back as the domain type it was written from.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The database failed or refused a statement for a reason no caller handles.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// The answer writer's own SQLite connection failed (`answers::sqlite`).
    #[error("database error (answer writer): {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("cannot prepare the database directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Error {
        Error::Corrupt(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How long a statement waits for a connection before the caller gets 503 `unavailable`.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(10);

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn as_str(self) -> &'static str {
        match self {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    /// Placeholder number `n` (1-based) in the engine's fastest form: `?` on SQLite, `$n` on
    /// PostgreSQL. sqlx-sqlite resolves a `$n` by searching the statement's parameter names,
    /// which makes a multi-row statement quadratic in its parameters; `?` is positional.
    fn param(self, n: usize) -> String {
        match self {
            Engine::Sqlite => "?".to_owned(),
            Engine::Postgres => format!("${n}"),
        }
    }

    /// `rows` copies of `shape` joined by commas, each `?` in `shape` replaced by the next
    /// placeholder (numbered 1, 2, 3 ... across all rows): `values(2, "(?, ?, 0)")` is
    /// `($1, $2, 0), ($3, $4, 0)` on PostgreSQL. The one way multi-row statements are built.
    fn values(self, rows: usize, shape: &str) -> String {
        let mut n = 0;
        let row = |n: &mut usize| -> String {
            shape
                .split('?')
                .enumerate()
                .map(|(i, part)| {
                    if i == 0 {
                        part.to_owned()
                    } else {
                        *n += 1;
                        format!("{}{part}", self.param(*n))
                    }
                })
                .collect()
        };
        (0..rows)
            .map(|_| row(&mut n))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The clause that share-locks the rows a `SELECT` reads until the transaction ends, where
    /// the engine needs one (PostgreSQL: `FOR SHARE`; SQLite's `BEGIN IMMEDIATE` already
    /// serialises writers).
    fn share_lock(self) -> &'static str {
        match self {
            Engine::Sqlite => "",
            Engine::Postgres => " FOR SHARE",
        }
    }
}

/// The default database: a SQLite file under `./data/`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/synaq.db";

/// A connection pool and the engine behind it.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
    /// The SQLite database file (none on PostgreSQL and for `:memory:`): the answer writer's
    /// own connection opens it too (`answers::sqlite`).
    sqlite_file: Option<std::path::PathBuf>,
    /// SQLite's writers of this process, in FIFO order (see [`Db::begin_write`]).
    write_lock: Arc<tokio::sync::Mutex<()>>,
}

/// A write transaction, holding this process's SQLite write turn until it ends. Derefs to the
/// sqlx transaction; `&mut **tx` is its connection.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _permit: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }

    pub async fn rollback(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::Transaction<'static, sqlx::Any>;

    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl Db {
    /// Connects, applies the SQLite pragmas (WAL, synchronous=FULL, foreign keys) and runs the
    /// migrations. A SQLite file and its directory are created when missing.
    pub async fn connect(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Engine::Postgres
        } else {
            Engine::Sqlite
        };
        let url = match engine {
            Engine::Sqlite => sqlite_url(url)?,
            Engine::Postgres => url.to_owned(),
        };
        let sqlite_file = match engine {
            Engine::Sqlite => sqlite_file(&url),
            Engine::Postgres => None,
        };
        let options = AnyConnectOptions::from_str(&url)?
            .log_statements(tracing::log::LevelFilter::Trace)
            .log_slow_statements(tracing::log::LevelFilter::Warn, Duration::from_secs(1));
        let pool = AnyPoolOptions::new()
            .max_connections(match engine {
                // SQLite reads run on the CPU (the pages are in the OS's cache), one thread per
                // connection: more connections than twice the cores only add task switches
                // (docs/performance.md, issue 11).
                Engine::Sqlite => {
                    std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).max(4)) as u32
                }
                Engine::Postgres => 16,
            })
            // Longer than a database restart measured here (3.2 s, docs/reliability.md), so a
            // restart is ridden through; shorter than sqlx's 30 s, so a database that is gone
            // answers 503 with Retry-After while the candidate is still looking.
            .acquire_timeout(ACQUIRE_TIMEOUT)
            // sqlx pings a connection before handing it out. A SQLite connection is a file
            // handle that does not break, and the ping was one more hop to its thread per
            // acquire (every answer batch, start and login: docs/performance.md); a PostgreSQL
            // connection can die with its server, and the ping is how a restart is ridden
            // through.
            .test_before_acquire(engine == Engine::Postgres)
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // Durable means the commit reached the disk: FULL, not NORMAL, in WAL.
                        // No memory map: the file grows with every checkpoint, and each
                        // connection unmapped and faulted its map in again (page-table work
                        // that outweighed the copies it saves, docs/performance.md). A small
                        // page cache: while answers are written a connection's cache is stale
                        // at nearly every read transaction, and emptying a large one cost more
                        // than the pages it kept (1 MiB, not 16: issue 11).
                        conn.execute(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                             PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000; \
                             PRAGMA mmap_size = 0; PRAGMA cache_size = -1024;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        let db = Db {
            pool,
            engine,
            sqlite_file,
            write_lock: Arc::new(tokio::sync::Mutex::new(())),
        };
        sqlx::migrate!("./migrations").run(&db.pool).await?;
        Ok(db)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The SQLite database file, when there is one.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_file.as_deref()
    }

    /// Waits for this process's SQLite write turn (see [`Db::begin_write`]) without opening a
    /// transaction: for a writer with a connection of its own (`answers::sqlite`).
    pub(crate) async fn write_turn(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.write_lock.lock().await
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Runs one statement that writes, as its own transaction: on SQLite in this process's
    /// write turn (see [`Db::begin_write`]). One hop to the connection instead of three
    /// (`BEGIN`, the statement, `COMMIT`), for a write that needs nothing read or audited with
    /// it (a login's token row). The rows it changed.
    pub async fn execute_write(
        &self,
        query: sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> Result<u64> {
        let _turn = match self.engine {
            Engine::Sqlite => Some(self.write_lock.lock().await),
            Engine::Postgres => None,
        };
        Ok(query.execute(&self.pool).await?.rows_affected())
    }

    /// Begins a write transaction. On SQLite, writers of this process queue for a fair async
    /// lock first, then take SQLite's write lock at once (`BEGIN IMMEDIATE`): SQLite's own
    /// busy handler polls and is unfair, so under a stream of answer batches a waiting start or
    /// submit could starve past the busy timeout ("database is locked"). A deferred transaction
    /// that reads first could not upgrade to a writer at all while another connection writes.
    pub async fn begin_write(&self) -> Result<WriteTx> {
        Ok(match self.engine {
            Engine::Sqlite => {
                let permit = self.write_lock.clone().lock_owned().await;
                WriteTx {
                    tx: self.pool.begin_with("BEGIN IMMEDIATE").await?,
                    _permit: Some(permit),
                }
            }
            Engine::Postgres => WriteTx {
                tx: self.pool.begin().await?,
                _permit: None,
            },
        })
    }

    /// The `VALUES` list of a multi-row statement: `rows` copies of `shape` (e.g.
    /// `"(?, ?, 0)"`), placeholders in the engine's fastest form (see `Engine::values`).
    pub fn values(&self, rows: usize, shape: &str) -> String {
        self.engine.values(rows, shape)
    }

    /// `IN (...)` placeholders for `n` values, then the engine's share-lock clause: the tail
    /// of a `SELECT ... WHERE id IN` that locks what it reads (see `Engine::share_lock`).
    pub(crate) fn in_list_locked(&self, n: usize) -> (String, &'static str) {
        let list = self.engine.values(n, "?");
        (format!("({list})"), self.engine.share_lock())
    }

    /// `(?, ?, ...)` of `width` placeholders: one row of a multi-row shape.
    pub fn shape(width: usize) -> String {
        format!("({})", vec!["?"; width].join(", "))
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Normalises a SQLite URL (`sqlite://path`, `sqlite:path` or a bare path), creating the file's
/// directory and asking sqlx to create the file.
fn sqlite_url(url: &str) -> Result<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let dir = Path::new(path)
        .parent()
        .filter(|d| path != ":memory:" && !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        std::fs::create_dir_all(dir).map_err(|source| Error::Directory {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let mut params: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if !params.iter().any(|p| p.starts_with("mode=")) {
        params.push("mode=rwc");
    }
    Ok(format!("sqlite://{path}?{}", params.join("&")))
}

/// The file of a normalised SQLite URL (`sqlite_url`'s answer); none for `:memory:` or a
/// shared-cache memory database.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url.strip_prefix("sqlite://")?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path == ":memory:" || path.is_empty() || query.split('&').any(|p| p == "mode=memory") {
        return None;
    }
    Some(std::path::PathBuf::from(path))
}

/// Unix milliseconds of a timestamp, the portable time column.
pub fn unix_ms(at: jiff::Timestamp) -> i64 {
    at.as_millisecond()
}

/// Serialises audit appends across every node inside `tx`: on PostgreSQL a transaction-scoped
/// advisory lock, released at commit; on SQLite the process's write queue and SQLite's single
/// writer already do it.
pub(crate) async fn lock_audit_chain(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> Result<()> {
    if tx.backend_name() == "PostgreSQL" {
        sqlx::query("SELECT pg_advisory_xact_lock(7303158101)")
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn multi_row_values_number_placeholders_across_rows_on_postgres_only() {
        assert_eq!(
            Engine::Postgres.values(2, "(?, ?, 0)"),
            "($1, $2, 0), ($3, $4, 0)"
        );
        assert_eq!(
            Engine::Sqlite.values(2, "(?, '[]', ?)"),
            "(?, '[]', ?), (?, '[]', ?)"
        );
        assert_eq!(Engine::Postgres.values(0, "(?)"), "");
        assert_eq!(Engine::Postgres.values(3, "?"), "$1, $2, $3");
    }
}

/// Whether an error is a unique/primary-key violation (another writer won a race).
pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}

/// Whether a retry resolves `e`: two nodes' audit appends took one sequence number, or
/// PostgreSQL chose this transaction as a deadlock's or a serialisation failure's victim.
pub(crate) fn is_retryable(e: &sqlx::Error) -> bool {
    is_unique_violation(e)
        || matches!(e, sqlx::Error::Database(db) if matches!(db.code().as_deref(), Some("40P01") | Some("40001")))
}

/// A named unique constraint of the schema, as each engine reports its violation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Constraint {
    /// Its name in `migrations/`: what PostgreSQL reports.
    pub name: &'static str,
    /// The `table.column` list SQLite reports instead ("UNIQUE constraint failed: ...").
    pub sqlite_columns: &'static str,
}

impl Constraint {
    /// Whether `e` is a violation of this constraint, on either engine.
    fn is_violated_by(&self, e: &sqlx::Error) -> bool {
        let sqlx::Error::Database(db) = e else {
            return false;
        };
        if !db.is_unique_violation() {
            return false;
        }
        match db.constraint() {
            Some(name) => name == self.name,
            None => db
                .message()
                .strip_prefix("UNIQUE constraint failed: ")
                .is_some_and(|columns| columns == self.sqlite_columns),
        }
    }
}

/// Maps a violation of a named constraint to [`Error::Conflict`] with a message for the
/// caller; any other database error stays [`Error::Database`].
pub(crate) trait OnConstraint<T> {
    fn on_constraint(self, constraint: Constraint, message: impl FnOnce() -> String) -> Result<T>;
}

impl<T> OnConstraint<T> for std::result::Result<T, sqlx::Error> {
    fn on_constraint(self, constraint: Constraint, message: impl FnOnce() -> String) -> Result<T> {
        self.map_err(|e| {
            if constraint.is_violated_by(&e) {
                Error::Conflict {
                    constraint: constraint.name,
                    message: message(),
                }
            } else {
                Error::Database(e)
            }
        })
    }
}
