//! SQL of a bug's history: its status changes, its comments and the members they mention.
use crate::{
    bind_args,
    bugs::model::{BugId, BugStatus, Transition},
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// Most comments a bug's page reads (the oldest first).
pub const COMMENTS_LIMIT: i64 = 500;
/// Most transitions a bug's page reads.
pub const TRANSITIONS_LIMIT: i64 = 500;

/// One status change as written.
pub struct NewTransition<'a> {
    pub bug: BugId,
    pub from: BugStatus,
    pub to: BugStatus,
    pub by: UserId,
    pub note: &'a str,
}

pub async fn insert_transition(
    c: &mut impl AsConn,
    org: OrgId,
    t: &NewTransition<'_>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO bug_transitions (organization_id, bug_id, from_status, to_status, by_id, at, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    ).bind(org.0).bind(t.bug.0).bind(t.from).bind(t.to).bind(t.by.0).bind(now).bind(t.note)
    .execute(conn).await.map(|_| ()))
}

#[derive(sqlx::FromRow)]
struct TransitionRow {
    from_status: BugStatus,
    to_status: BugStatus,
    by_name: Option<String>,
    at: DateTime<Utc>,
    note: String,
}

/// Bug `bug`'s status changes, oldest first.
pub async fn transitions(c: &mut impl AsConn, bug: BugId) -> Result<Vec<Transition>, sqlx::Error> {
    let rows: Vec<TransitionRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT t.from_status, t.to_status, u.name AS by_name, t.at, t.note FROM bug_transitions t \
         LEFT JOIN users u ON u.id = t.by_id WHERE t.bug_id = $1 ORDER BY t.id LIMIT $2",
    ).bind(bug.0).bind(TRANSITIONS_LIMIT).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| Transition { from: r.from_status, to: r.to_status, by: r.by_name, at: r.at, note: r.note })
        .collect())
}

pub async fn insert_comment(
    c: &mut impl AsConn,
    org: OrgId,
    bug: BugId,
    author: UserId,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO bug_comments (organization_id, bug_id, author_id, body_md, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    ).bind(org.0).bind(bug.0).bind(author.0).bind(body).bind(now).fetch_one(conn).await)
}

/// A comment as stored.
#[derive(sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub author: Option<String>,
    pub body_md: String,
    pub created_at: DateTime<Utc>,
}

/// Bug `bug`'s comments, oldest first.
pub async fn comments(c: &mut impl AsConn, bug: BugId) -> Result<Vec<CommentRow>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT c.id, u.name AS author, c.body_md, c.created_at FROM bug_comments c \
         LEFT JOIN users u ON u.id = c.author_id WHERE c.bug_id = $1 ORDER BY c.id LIMIT $2",
    ).bind(bug.0).bind(COMMENTS_LIMIT).fetch_all(conn).await)
}

/// Who each comment of bug `bug` mentions: (comment id, name), by comment.
pub async fn mentions(c: &mut impl AsConn, bug: BugId) -> Result<Vec<(i64, String)>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT m.comment_id, u.name FROM bug_mentions m JOIN bug_comments c ON c.id = m.comment_id \
         JOIN users u ON u.id = m.user_id WHERE c.bug_id = $1 ORDER BY m.comment_id, u.name",
    ).bind(bug.0).fetch_all(conn).await)
}

/// A member a mention names.
#[derive(Debug, sqlx::FromRow)]
pub struct Mentioned {
    pub id: UserId,
    pub name: String,
}

/// The active members of `org` with these (normalized) emails, by name.
pub async fn active_members_by_email(
    c: &mut impl AsConn,
    org: OrgId,
    emails: &[String],
) -> Result<Vec<Mentioned>, sqlx::Error> {
    if emails.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new("SELECT id, name FROM users WHERE ");
    q.push("organization_id = ? AND is_active", [org.0.into()]);
    q.and_in("email", emails.iter().map(|e| e.as_str().into()));
    q.push(" ORDER BY name", []);
    db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)
}

/// Records that comment `comment` mentions `users`.
pub async fn insert_mentions(
    c: &mut impl AsConn,
    org: OrgId,
    comment: i64,
    users: &[UserId],
) -> Result<(), sqlx::Error> {
    if users.is_empty() {
        return Ok(());
    }
    let mut q = Sql::new("INSERT INTO bug_mentions (organization_id, comment_id, user_id) VALUES ");
    for (i, u) in users.iter().enumerate() {
        q.push(if i == 0 { "(?, ?, ?)" } else { ", (?, ?, ?)" }, [org.0.into(), comment.into(), u.0.into()]);
    }
    q.push(" ON CONFLICT DO NOTHING", []);
    db_run!(c, conn => bind_args!(sqlx::query(&q.text), &q.args).execute(conn).await.map(|_| ()))
}
