//! SQL of notifications and their settings; every query is scoped by the recipient (and their
//! organization), so nobody reads or marks another person's.
use super::model::{NoticeKind, NoticeSetting, Notification};
use crate::{
    bind_args,
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// A notification to write.
pub struct NewNotification<'a> {
    pub user: UserId,
    pub kind: NoticeKind,
    pub subject: &'a str,
    pub text: &'a str,
    pub href: &'a str,
    pub actor: Option<UserId>,
}

/// Writes a notification for `n.user` of `org`; returns its id.
pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    n: &NewNotification<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO notifications (organization_id, user_id, kind, subject, text, href, actor_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    ).bind(org.0).bind(n.user.0).bind(n.kind).bind(n.subject).bind(n.text).bind(n.href).bind(n.actor.map(|a| a.0))
    .bind(now).fetch_one(conn).await)
}

/// At most `limit` of `user`'s notifications with ids below `before`, newest first.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    user: UserId,
    before: Option<i64>,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<Notification>, sqlx::Error> {
    let mut q = Sql::new(
        "SELECT n.id, n.kind, n.subject, n.text, n.href, u.name AS actor, n.created_at, n.read_at IS NOT NULL AS read \
         FROM notifications n LEFT JOIN users u ON u.id = n.actor_id WHERE ",
    );
    q.push("n.organization_id = ? AND n.user_id = ?", [org.0.into(), user.0.into()]);
    if let Some(before) = before {
        q.and("n.id < ?", [before.into()]);
    }
    if unread_only {
        q.and("n.read_at IS NULL", []);
    }
    q.push(" ORDER BY n.id DESC LIMIT ?", [limit.into()]);
    db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)
}

/// How many of `user`'s notifications are unread.
pub async fn unread(c: &mut impl AsConn, org: OrgId, user: UserId) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND organization_id = $2 AND read_at IS NULL",
    ).bind(user.0).bind(org.0).fetch_one(conn).await)
}

/// Marks `user`'s unread notifications among `ids` (all of them when `ids` is None) as read;
/// ids of anyone else's are not touched. Returns how many changed.
pub async fn mark_read(
    c: &mut impl AsConn,
    org: OrgId,
    user: UserId,
    ids: Option<&[i64]>,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut q = Sql::new("UPDATE notifications SET ");
    q.push("read_at = ? WHERE ", [now.into()]);
    q.push("organization_id = ? AND user_id = ? AND read_at IS NULL", [org.0.into(), user.0.into()]);
    match ids {
        Some([]) => return Ok(0),
        Some(ids) => {
            q.and_in("id", ids.iter().map(|&i| i.into()));
        }
        None => {}
    }
    db_run!(c, conn => bind_args!(sqlx::query(&q.text), &q.args).execute(conn).await.map(|r| r.rows_affected()))
}

/// Deletes the notifications read before `read_before` and the unread ones made before
/// `unread_before` (housekeeping); returns how many went.
pub async fn purge(
    c: &mut impl AsConn,
    read_before: DateTime<Utc>,
    unread_before: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "DELETE FROM notifications WHERE read_at < $1 OR (read_at IS NULL AND created_at < $2)",
    ).bind(read_before).bind(unread_before).execute(conn).await.map(|r| r.rows_affected()))
}

/// The settings `user` of `org` saved (kinds without one are absent).
pub async fn settings(c: &mut impl AsConn, org: OrgId, user: UserId) -> Result<Vec<NoticeSetting>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT kind, in_app, email FROM notification_settings WHERE organization_id = $1 AND user_id = $2",
    ).bind(org.0).bind(user.0).fetch_all(conn).await)
}

/// The setting `user` of `org` saved for `kind`, if any.
pub async fn setting(
    c: &mut impl AsConn,
    org: OrgId,
    user: UserId,
    kind: NoticeKind,
) -> Result<Option<NoticeSetting>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT kind, in_app, email FROM notification_settings WHERE organization_id = $1 AND user_id = $2 AND kind = $3",
    ).bind(org.0).bind(user.0).bind(kind).fetch_optional(conn).await)
}

/// Saves the setting of `user` of `org` for `s.kind`, over any earlier one.
pub async fn save_setting(c: &mut impl AsConn, org: OrgId, user: UserId, s: &NoticeSetting) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO notification_settings (organization_id, user_id, kind, in_app, email) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (user_id, kind) DO UPDATE SET in_app = excluded.in_app, email = excluded.email",
    ).bind(org.0).bind(user.0).bind(s.kind).bind(s.in_app).bind(s.email).execute(conn).await.map(drop))
}
