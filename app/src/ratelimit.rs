//! Rate limits with lock-outs that double, kept in the database so every app server shares them.
//!
//! A key (e.g. `login:email:ada@example.com`) may count `max` events in `window`. The event past
//! that locks the key for `base_lock`. Once a key has been locked it stays on probation: after the
//! lock ends it gets one more event, and the one after locks it again for twice as long, up to
//! `max_lock`. Only `quiet` without a lock, or `clear` (a success), starts the key over, so a
//! lock-out keeps doubling across windows instead of resetting with them.
//!
//! Every count reads and writes the key's row under a row lock (an upsert first), so concurrent
//! attempts are counted one after another and none slips past the limit.
use crate::{
    db::{AsConn, Db, Tx},
    db_run,
    error::AppError,
};
use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: i64,
    pub window_secs: i64,
    pub base_lock_secs: i64,
    pub max_lock_secs: i64,
    /// A locked key starts over after this long without a new lock.
    pub quiet_secs: i64,
}

/// Sign-in attempts for one account: the lock-out belongs to the account under attack and
/// doubles from 30 s to an hour.
pub const LOGIN_ACCOUNT: Limit =
    Limit { max: 5, window_secs: 900, base_lock_secs: 30, max_lock_secs: 3600, quiet_secs: 86_400 };
/// Wrong passwords from one address, any account: a flood is slowed for seconds, never for
/// long, because many people may share an address.
pub const LOGIN_IP: Limit = Limit { max: 30, window_secs: 60, base_lock_secs: 2, max_lock_secs: 30, quiet_secs: 300 };
/// Malformed addresses sent to the email step from one address.
pub const EMAIL_CHECK_IP: Limit =
    Limit { max: 30, window_secs: 900, base_lock_secs: 30, max_lock_secs: 300, quiet_secs: 3600 };
/// Reset requests, per address and per email.
pub const RESET_IP: Limit =
    Limit { max: 10, window_secs: 3600, base_lock_secs: 60, max_lock_secs: 3600, quiet_secs: 86_400 };
pub const RESET_EMAIL: Limit =
    Limit { max: 3, window_secs: 3600, base_lock_secs: 300, max_lock_secs: 3600, quiet_secs: 86_400 };
/// Bad invitation or reset tokens from one address.
pub const TOKEN_IP: Limit =
    Limit { max: 10, window_secs: 900, base_lock_secs: 30, max_lock_secs: 900, quiet_secs: 3600 };
/// Change-password attempts (wrong current passwords) of one signed-in person.
pub const PASSWORD_CHANGE: Limit =
    Limit { max: 5, window_secs: 900, base_lock_secs: 30, max_lock_secs: 3600, quiet_secs: 86_400 };

/// A key's counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub failures: i64,
    pub window_start: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
    /// Locks since the key was last quiet.
    pub strikes: i64,
}

impl State {
    pub fn fresh(now: DateTime<Utc>) -> Self {
        State { failures: 0, window_start: now, locked_until: None, strikes: 0 }
    }

    /// Seconds left while locked at `now`.
    pub fn locked_for(&self, now: DateTime<Utc>) -> Option<u64> {
        self.locked_until.filter(|u| *u > now).map(|u| (u - now).num_seconds().max(1) as u64)
    }

    /// The state after one more event at `now`, and the seconds of lock it earned (or the
    /// seconds left of a lock already in force, when nothing is counted).
    pub fn count(self, limit: Limit, now: DateTime<Utc>) -> (State, Option<u64>) {
        if let Some(left) = self.locked_for(now) {
            return (self, Some(left));
        }
        let mut s = if self.strikes == 0 {
            if now - self.window_start >= Duration::seconds(limit.window_secs) {
                State::fresh(now)
            } else {
                self
            }
        } else {
            let last = self.locked_until.unwrap_or(self.window_start).max(self.window_start);
            if now - last >= Duration::seconds(limit.quiet_secs) {
                State::fresh(now)
            } else {
                self
            }
        };
        s.failures += 1;
        if s.failures <= limit.max {
            return (s, None);
        }
        s.strikes += 1;
        let doublings = (s.strikes - 1).clamp(0, 30) as u32;
        let lock = limit.base_lock_secs.saturating_mul(1i64 << doublings).min(limit.max_lock_secs);
        s.locked_until = Some(now + Duration::seconds(lock));
        // On probation: one more event once the lock ends, then the next, longer lock.
        s.failures = limit.max - 1;
        (s, Some(lock.max(1) as u64))
    }
}

/// `RateLimited` with the seconds left when `key` is locked now. Counts nothing.
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

/// Counts one event against `key` in the caller's transaction, holding the key's row until it
/// commits. Returns the seconds the key is locked for when this event found it locked or
/// passed the limit.
pub async fn count(tx: &mut Tx, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<Option<u64>, sqlx::Error> {
    // The upsert takes the row lock (PostgreSQL) or the write lock (SQLite) before the read.
    let row: (i64, DateTime<Utc>, Option<DateTime<Utc>>, i64) = db_run!(tx, conn => sqlx::query_as(
        "INSERT INTO rate_limits (key, failures, window_start, locked_until, strikes) VALUES ($1, 0, $2, NULL, 0) \
         ON CONFLICT (key) DO UPDATE SET failures = rate_limits.failures \
         RETURNING failures, window_start, locked_until, strikes",
    )
    .bind(key).bind(now).fetch_one(conn).await)?;
    let state = State { failures: row.0, window_start: row.1, locked_until: row.2, strikes: row.3 };
    let (next, locked) = state.count(limit, now);
    if next != state {
        db_run!(tx, conn => sqlx::query(
            "UPDATE rate_limits SET failures = $2, window_start = $3, locked_until = $4, strikes = $5 WHERE key = $1",
        )
        .bind(key).bind(next.failures).bind(next.window_start).bind(next.locked_until).bind(next.strikes)
        .execute(conn).await.map(drop))?;
    }
    Ok(locked)
}

/// Counts an attempt before the work it guards (count first, then verify): refused with
/// `RateLimited` when the key is locked or this attempt passes the limit. Commits at once, so
/// concurrent attempts see each other.
pub async fn attempt(db: &Db, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let locked = count(&mut tx, key, limit, now).await?;
    tx.commit().await?;
    match locked {
        Some(retry_after) => Err(AppError::RateLimited { retry_after }),
        None => Ok(()),
    }
}

/// Counts a failure against `key` after the fact, in a transaction of its own (the caller
/// answers the failure itself; a lock it earns applies from the next attempt).
pub async fn failure(db: &Db, key: &str, limit: Limit, now: DateTime<Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    count(&mut tx, key, limit, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Forgets `key`'s count (after a success).
pub async fn clear(c: &mut impl AsConn, key: &str) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM rate_limits WHERE key = $1").bind(key).execute(conn).await.map(drop))
}

/// Deletes keys that no limit remembers any more: no lock and no window within the longest
/// quiet period. Returns how many went.
pub async fn purge(c: &mut impl AsConn, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let before = now - Duration::seconds(LONGEST_QUIET_SECS);
    db_run!(c, conn => sqlx::query(
        "DELETE FROM rate_limits WHERE window_start < $1 AND (locked_until IS NULL OR locked_until < $1)",
    )
    .bind(before).execute(conn).await.map(|r| r.rows_affected()))
}

/// The longest any limit remembers a key (windows and quiet periods are all shorter).
pub const LONGEST_QUIET_SECS: i64 = 86_400;

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limit = LOGIN_ACCOUNT;

    fn run(mut s: State, at: DateTime<Utc>, n: usize) -> (State, Vec<Option<u64>>) {
        let mut out = vec![];
        for _ in 0..n {
            let (next, locked) = s.count(L, at);
            s = next;
            out.push(locked);
        }
        (s, out)
    }

    #[test]
    fn the_event_past_the_limit_locks_for_the_base_time() {
        let t = Utc::now();
        let (s, out) = run(State::fresh(t), t, 6);
        assert_eq!(out, [None, None, None, None, None, Some(30)]);
        // Locked: nothing more is counted.
        let (same, locked) = s.count(L, t + Duration::seconds(10));
        assert_eq!((same, locked), (s, Some(20)));
    }

    #[test]
    fn each_lock_after_the_first_doubles_up_to_the_maximum_even_across_windows() {
        let mut t = Utc::now();
        let (mut s, _) = run(State::fresh(t), t, 6);
        let mut locks = vec![];
        for _ in 0..10 {
            // Well past the lock and past the window: the key is still on probation.
            t = s.locked_until.unwrap() + Duration::seconds(L.window_secs + 1);
            let (after_one, first) = s.count(L, t);
            assert_eq!(first, None, "one attempt after a lock ends");
            let (next, lock) = after_one.count(L, t);
            locks.push(lock.unwrap());
            s = next;
        }
        assert_eq!(locks, [60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]);
    }

    #[test]
    fn a_quiet_day_starts_the_key_over() {
        let t = Utc::now();
        let (s, _) = run(State::fresh(t), t, 6);
        let later = t + Duration::seconds(L.quiet_secs + 31);
        let (s, out) = run(s, later, 6);
        assert_eq!(out, [None, None, None, None, None, Some(30)]);
        assert_eq!(s.strikes, 1);
    }

    #[test]
    fn an_address_is_throttled_for_seconds_not_an_hour() {
        let t = Utc::now();
        let mut s = State::fresh(t);
        let mut longest = 0;
        for i in 0..10_000 {
            let at = t + Duration::milliseconds(i * 10);
            let (next, lock) = s.count(LOGIN_IP, at);
            s = next;
            longest = longest.max(lock.unwrap_or(0));
        }
        assert_eq!(longest, LOGIN_IP.max_lock_secs as u64);
        assert_eq!(longest, 30, "an address is never throttled for long");
    }
}
