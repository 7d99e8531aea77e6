//! SQL of events.
use crate::{
    db::{AsConn, ConnRef},
    db_run,
    orgs::model::OrgId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// One event as a subscriber reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Event {
    pub seq: i64,
    pub kind: String,
    /// JSON.
    pub data: String,
}

/// Most events read at once (a reconnect after a long absence reads on in pages).
pub const PAGE: i64 = 200;

/// Appends an event for everyone of `org` (`to` None) or for one person; returns its `seq`. On
/// PostgreSQL the same statement announces it (`NOTIFY` on `hub::CHANNEL`, delivered to every
/// process at commit); on SQLite the caller wakes this process's subscribers after committing.
pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    to: Option<UserId>,
    kind: &str,
    data: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    const INSERT: &str =
        "INSERT INTO events (organization_id, user_id, kind, data, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING seq";
    match c.conn() {
        ConnRef::Sqlite(conn) => {
            sqlx::query_scalar(INSERT)
                .bind(org.0)
                .bind(to.map(|u| u.0))
                .bind(kind)
                .bind(data)
                .bind(now)
                .fetch_one(conn)
                .await
        }
        ConnRef::Postgres(conn) => {
            let sql = format!("WITH e AS ({INSERT}) SELECT e.seq FROM e, pg_notify($6, e.seq::text) n");
            sqlx::query_scalar(&sql)
                .bind(org.0)
                .bind(to.map(|u| u.0))
                .bind(kind)
                .bind(data)
                .bind(now)
                .bind(super::hub::CHANNEL)
                .fetch_one(conn)
                .await
        }
    }
}

/// What `user` of `org` may see after `after`, oldest first, at most `PAGE`.
pub async fn after(c: &mut impl AsConn, org: OrgId, user: UserId, after: i64) -> Result<Vec<Event>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT seq, kind, data FROM events WHERE organization_id = $1 AND seq > $2 AND (user_id IS NULL OR user_id = $3) \
         ORDER BY seq LIMIT $4",
    ).bind(org.0).bind(after).bind(user.0).bind(PAGE).fetch_all(conn).await)
}

/// The newest `seq` (0 with none): where a first-time subscriber starts.
pub async fn latest(c: &mut impl AsConn) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM events").fetch_one(conn).await)
}

/// Forgets events older than `before` (the maintenance pass).
pub async fn purge(c: &mut impl AsConn, before: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM events WHERE created_at < $1").bind(before).execute(conn).await.map(|r| r.rows_affected()))
}
