//! Opening a pool from a `DATABASE_URL`, with one clear sentence when that cannot be done.

use super::{Db, WriteGate};
use sqlx::{
    postgres::PgPoolOptions,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};
use std::{str::FromStr, time::Duration};

/// Why the database could not be opened, phrased for the person starting the server.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got {0:?})")]
    UnknownScheme(String),
    #[error("DATABASE_URL is not a valid {backend} URL: {reason}")]
    BadUrl { backend: &'static str, reason: String },
    #[error("cannot open the SQLite database {path}: {reason}")]
    Sqlite { path: String, reason: String },
    #[error("cannot reach PostgreSQL at {target}: {reason}")]
    Postgres { target: String, reason: String },
    #[error("cannot migrate the database: {0}")]
    Migrate(String),
}

pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (and for SQLite creates) the database at `url`. It does not migrate: call
/// `Db::migrate` next.
pub async fn connect(url: &str, max_connections: u32) -> Result<Db, DbError> {
    if url.starts_with("sqlite:") {
        connect_sqlite(url, max_connections).await
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        connect_postgres(url, max_connections).await
    } else {
        Err(DbError::UnknownScheme(redact(url)))
    }
}

async fn connect_sqlite(url: &str, max_connections: u32) -> Result<Db, DbError> {
    let opts = SqliteConnectOptions::from_str(url)
        .map_err(|e| DbError::BadUrl { backend: "SQLite", reason: e.to_string() })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
        // A 32 MiB page cache per connection and memory-mapped reads: list windows and searches
        // over 100,000 cases read the same index pages again and again.
        .pragma("cache_size", "-32768")
        .pragma("mmap_size", "268435456");
    let path = opts.get_filename().display().to_string();
    let pool = SqlitePoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(opts)
        .await
        .map_err(|e| DbError::Sqlite { path, reason: e.to_string() })?;
    Ok(Db::Sqlite(pool, WriteGate::default()))
}

async fn connect_postgres(url: &str, max_connections: u32) -> Result<Db, DbError> {
    let target = redact(url);
    let parsed = url::Url::parse(url).map_err(|e| DbError::BadUrl { backend: "PostgreSQL", reason: e.to_string() })?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(DbError::BadUrl { backend: "PostgreSQL", reason: "it names no host".into() });
    }
    let pool = PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect(url)
        .await
        .map_err(|e| DbError::Postgres { target, reason: e.to_string() })?;
    Ok(Db::Postgres(pool))
}

/// The URL without its password, safe to print.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => url.chars().take(40).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redact_hides_the_password_only() {
        assert_eq!(redact("postgres://app:s3cret@db:5432/x"), "postgres://app:***@db:5432/x");
        assert_eq!(redact("postgres://app@db/x"), "postgres://app@db/x");
    }

    #[tokio::test]
    async fn an_unknown_scheme_is_named_in_the_error() {
        let err = connect("mysql://x", 1).await.unwrap_err();
        assert!(err.to_string().contains("must start with sqlite:// or postgres://"), "{err}");
    }

    #[tokio::test]
    async fn an_unreachable_postgres_fails_with_one_sentence() {
        let err = connect("postgres://nobody@127.0.0.1:1/x", 1).await.unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("cannot reach PostgreSQL at postgres://nobody@127.0.0.1:1/x"), "{msg}");
        assert!(!msg.contains('\n'), "{msg}");
    }
}
