//! Rate limits with exponential lock-out, kept in the database so every app server shares them.
//!
//! A key (e.g. `login:email:ada@example.com`) may fail `max` times in `window`; each failure
//! after that locks the key for `base_lock`, doubling per further failure up to one hour.
use crate::{db::AsConn, db_run, error::AppError};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
    pub base_lock_secs: i64,
}

pub const MAX_LOCK_SECS: i64 = 3600;
/// Wrong passwords for one account.
pub const LOGIN_ACCOUNT: Limit = Limit { max: 5, window_secs: 900, base_lock_secs: 30 };
/// Wrong passwords from one address, any account.
pub const LOGIN_IP: Limit = Limit { max: 20, window_secs: 900, base_lock_secs: 30 };
/// Email-step look-ups from one address.
pub const EMAIL_CHECK_IP: Limit = Limit { max: 30, window_secs: 900, base_lock_secs: 30 };
/// Reset requests, per address and per email.
pub const RESET_IP: Limit = Limit { max: 10, window_secs: 3600, base_lock_secs: 60 };
pub const RESET_EMAIL: Limit = Limit { max: 3, window_secs: 3600, base_lock_secs: 300 };
/// Bad invitation or reset tokens from one address.
pub const TOKEN_IP: Limit = Limit { max: 10, window_secs: 900, base_lock_secs: 30 };

/// `RateLimited` with the seconds left when `key` is locked now.
pub async fn check(c: &mut impl AsConn, key: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let locked: Option<Option<DateTime<Utc>>> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT locked_until FROM rate_limits WHERE key = $1",
    )
    .bind(key).fetch_optional(conn).await)?;
    match locked.flatten() {
        Some(until) if until > now => {
            Err(AppError::RateLimited { retry_after: (until - now).num_seconds().max(1) as u64 })
        }
        _ => Ok(()),
    }
}

/// Counts one failure (or attempt) against `key`, locking it once over the limit.
pub async fn hit(c: &mut impl AsConn, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    let row: Option<(i64, DateTime<Utc>)> = db_run!(c, conn => sqlx::query_as(
        "SELECT failures, window_start FROM rate_limits WHERE key = $1",
    )
    .bind(key).fetch_optional(conn).await)?;
    let (failures, window_start) = match row {
        Some((n, start)) if now - start < Duration::seconds(limit.window_secs) => (n + 1, start),
        _ => (1, now),
    };
    let locked_until = (failures > limit.max).then(|| {
        let doublings = (failures - limit.max - 1).min(20) as u32;
        now + Duration::seconds((limit.base_lock_secs.saturating_mul(1 << doublings)).min(MAX_LOCK_SECS))
    });
    db_run!(c, conn => sqlx::query(
        "INSERT INTO rate_limits (key, failures, window_start, locked_until) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (key) DO UPDATE SET failures = $2, window_start = $3, locked_until = $4",
    )
    .bind(key).bind(failures).bind(window_start).bind(locked_until)
    .execute(conn).await.map(drop))
}

/// Forgets `key`'s failures (after a success).
pub async fn clear(c: &mut impl AsConn, key: &str) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(key).execute(conn).await.map(drop))
}
