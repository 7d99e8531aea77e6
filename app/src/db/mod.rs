//! One database interface over SQLite (the embedded default) and PostgreSQL, chosen at run time.
//!
//! `Db` wraps the native pool of each backend; repo functions take any `AsConn` (a pooled
//! connection or a transaction) and use `db_run!` to expand one query body for each backend,
//! so both drivers keep their native types (chrono, JSON, booleans).

mod chain;
mod connect;
mod sql;

pub use chain::Chain;
pub use connect::{connect, DbError};
pub use sql::{Arg, Sql};

use sqlx::{pool::PoolConnection, PgConnection, PgPool, Postgres, Sqlite, SqliteConnection, SqlitePool};

/// Which database engine a `Db` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The engine's name as people write it.
    pub fn label(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// A connection pool on one of the supported backends. SQLite's carries the process's write
/// gate: one write transaction at a time, the others queued in order (see `begin`).
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool, WriteGate),
    Postgres(PgPool),
}

/// SQLite's writers, queued in this process (first come, first served) instead of polling the
/// database file's lock: SQLite's busy handler sleeps 1, 2, 5 … 100 ms between tries, so eight
/// writers waiting on it took turns late (a p99 of 106 ms for a 1 ms write, docs/benchmarks.md).
pub type WriteGate = std::sync::Arc<tokio::sync::Mutex<()>>;

/// A connection taken from the pool for a few statements outside a transaction.
pub enum PooledConn {
    Sqlite(PoolConnection<Sqlite>),
    Postgres(PoolConnection<Postgres>),
}

/// An open transaction; dropped without `commit` it rolls back. SQLite's holds its turn at the
/// write gate until then.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>, tokio::sync::OwnedMutexGuard<()>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// A borrowed native connection: what `db_run!` matches on.
pub enum ConnRef<'a> {
    Sqlite(&'a mut SqliteConnection),
    Postgres(&'a mut PgConnection),
}

/// Anything a repo function can run its statements on.
pub trait AsConn: Send {
    fn conn(&mut self) -> ConnRef<'_>;
}

impl AsConn for PooledConn {
    fn conn(&mut self) -> ConnRef<'_> {
        match self {
            PooledConn::Sqlite(c) => ConnRef::Sqlite(c),
            PooledConn::Postgres(c) => ConnRef::Postgres(c),
        }
    }
}

impl AsConn for Tx {
    fn conn(&mut self) -> ConnRef<'_> {
        match self {
            Tx::Sqlite(t, _) => ConnRef::Sqlite(t),
            Tx::Postgres(t) => ConnRef::Postgres(t),
        }
    }
}

/// Which backend `c` runs on, for the few statements whose SQL differs (full-text search).
pub fn backend_of(c: &mut impl AsConn) -> Backend {
    match c.conn() {
        ConnRef::Sqlite(_) => Backend::Sqlite,
        ConnRef::Postgres(_) => Backend::Postgres,
    }
}

/// Runs `$body` with `$conn` bound to the native `&mut` connection of whichever backend `$c`
/// is on. The body is written once and compiled once per backend.
#[macro_export]
macro_rules! db_run {
    ($c:expr, $conn:ident => $body:expr) => {
        match $crate::db::AsConn::conn($c) {
            $crate::db::ConnRef::Sqlite($conn) => $body,
            $crate::db::ConnRef::Postgres($conn) => $body,
        }
    };
}

impl Db {
    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(..) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// A connection for reads that need no transaction.
    pub async fn acquire(&self) -> Result<PooledConn, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p, _) => PooledConn::Sqlite(p.acquire().await?),
            Db::Postgres(p) => PooledConn::Postgres(p.acquire().await?),
        })
    }

    /// Starts a write transaction. On SQLite it first waits its turn at the process's write gate
    /// (at most the busy timeout, then the same error a busy database gives), then takes the
    /// write lock up front (`BEGIN IMMEDIATE`), so a read transaction never fails to upgrade and
    /// another process writing the file is still waited for by the busy timeout.
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        Ok(match self {
            Db::Sqlite(p, gate) => {
                let turn = tokio::time::timeout(connect::BUSY_TIMEOUT, gate.clone().lock_owned())
                    .await
                    .map_err(|_| sqlx::Error::PoolTimedOut)?;
                Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?, turn)
            }
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Runs the embedded migrations of this backend.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(p, _) => sqlx::migrate!("../migrations/sqlite").run(p).await,
            Db::Postgres(p) => sqlx::migrate!("../migrations/postgres").run(p).await,
        }
    }

    /// Refreshes the query planner's statistics of every table: run after bulk writes (the demo
    /// seed), so the planners know how selective each index is. On PostgreSQL it also vacuums,
    /// which marks the new pages all-visible so index-only scans can skip them (autovacuum would
    /// do both, later).
    pub async fn analyze(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(p, _) => sqlx::query("ANALYZE").execute(p).await.map(drop),
            Db::Postgres(p) => sqlx::query("VACUUM ANALYZE").execute(p).await.map(drop),
        }
    }

    /// At start-up: SQLite never gathers statistics on its own, so `PRAGMA optimize` analyzes the
    /// tables whose statistics are missing or stale (with a row limit, so it stays quick).
    /// PostgreSQL's autovacuum keeps its own.
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        match self {
            Db::Sqlite(p, _) => sqlx::query("PRAGMA optimize=0x10002").execute(p).await.map(drop),
            Db::Postgres(_) => Ok(()),
        }
    }

    /// Answers when the database does: used by `/readyz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let mut c = self.acquire().await?;
        db_run!(&mut c, conn => sqlx::query("SELECT 1").execute(conn).await.map(drop))
    }

    /// The newest applied migration, or 0 before the first.
    pub async fn schema_version(&self) -> Result<i64, sqlx::Error> {
        let mut c = self.acquire().await?;
        db_run!(&mut c, conn => sqlx::query_scalar::<_, Option<i64>>(
            "SELECT MAX(version) FROM _sqlx_migrations WHERE success"
        )
        .fetch_one(conn)
        .await
        .map(|v| v.unwrap_or(0)))
    }

    /// Waits for in-flight queries and closes every connection.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(p, _) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(t, _turn) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
    }
}

/// Maps a UNIQUE violation to the caller's `conflict` error and any other database error through
/// `From`: `.map_err(on_unique(|| AppError::conflict("…")))`.
pub fn on_unique<E: From<sqlx::Error>>(conflict: impl FnOnce() -> E) -> impl FnOnce(sqlx::Error) -> E {
    move |e| if is_unique_violation(&e) { conflict() } else { E::from(e) }
}

/// True when `e` says a UNIQUE constraint refused the row (both backends; SQLite names none).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}
