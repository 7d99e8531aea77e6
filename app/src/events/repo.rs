//! SQL of events.
use crate::{
    db::{backend_of, AsConn, Backend, Chain},
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

/// Adds an event for everyone of `org` (`to` None) or for one person to `chain`, whose `run`
/// then returns its `seq`. On PostgreSQL the same statement announces it (`NOTIFY` on
/// `hub::CHANNEL`, delivered to every process at commit); on SQLite the caller wakes this
/// process's subscribers after committing.
pub fn push(chain: &mut Chain, org: OrgId, to: Option<UserId>, kind: &str, data: &str, now: DateTime<Utc>) {
    let part = chain.write(|q| {
        q.push(
            "INSERT INTO events (organization_id, user_id, kind, data, created_at) VALUES (?, ?, ?, ?, ?) RETURNING seq",
            [org.0.into(), to.map(|u| u.0).into(), kind.into(), data.into(), now.into()],
        );
    });
    if chain.backend() == Backend::Postgres {
        chain.primary(|q| {
            q.push(
                &format!("SELECT {part}.seq FROM {part}, pg_notify(?, {part}.seq::text)"),
                [super::hub::CHANNEL.into()],
            );
        });
    }
}

/// Appends an event (see `push`); returns its `seq`.
pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    to: Option<UserId>,
    kind: &str,
    data: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let mut chain = Chain::new(backend_of(c));
    push(&mut chain, org, to, kind, data, now);
    chain.run(c).await?.ok_or(sqlx::Error::RowNotFound)
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
