//! SQL for logins (sessions) and their rotating refresh tokens.
use super::{model::SessionInfo, principal::CurrentUser};
use crate::{
    db::AsConn,
    db_run,
    orgs::model::OrgId,
    users::model::{Role, UserId},
};
use chrono::{DateTime, Utc};

/// Where a login came from.
pub struct NewSession<'a> {
    pub id: &'a str,
    pub org: OrgId,
    pub user: UserId,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_session(c: &mut impl AsConn, s: &NewSession<'_>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO sessions (id, organization_id, user_id, ip, user_agent, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)",
    )
    .bind(s.id).bind(s.org.0).bind(s.user.0).bind(s.ip).bind(s.user_agent).bind(now).bind(s.expires_at)
    .execute(conn).await.map(drop))
}

pub async fn insert_refresh(
    c: &mut impl AsConn,
    hash: &str,
    session: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, issued_at) VALUES ($1, $2, $3)")
        .bind(hash).bind(session).bind(now).execute(conn).await.map(drop))
}

/// The session a refresh token belongs to, and when the token was rotated (if it was).
pub async fn find_refresh(
    c: &mut impl AsConn,
    hash: &str,
) -> Result<Option<(String, Option<DateTime<Utc>>)>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as("SELECT session_id, rotated_at FROM refresh_tokens WHERE token_hash = $1")
        .bind(hash).fetch_optional(conn).await)
}

/// Marks a current token rotated; false if another request rotated it first.
pub async fn mark_rotated(c: &mut impl AsConn, hash: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL")
        .bind(hash).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The person behind a live session: the session is not revoked or expired, and the user and
/// their organization are active. Role and name come from the users table, so changes apply
/// on the next request.
pub async fn principal(
    c: &mut impl AsConn,
    session: &str,
    now: DateTime<Utc>,
) -> Result<Option<CurrentUser>, sqlx::Error> {
    let row: Option<(i64, i64, Role, String, String, String)> = db_run!(c, conn => sqlx::query_as(
        "SELECT u.id, u.organization_id, u.role, u.email, u.name, s.id FROM sessions s \
         JOIN users u ON u.id = s.user_id JOIN organizations o ON o.id = u.organization_id \
         WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.is_active AND o.is_active",
    )
    .bind(session).bind(now).fetch_optional(conn).await)?;
    Ok(row.map(|(id, org, role, email, name, session_id)| CurrentUser {
        id: UserId(id),
        org: OrgId(org),
        role,
        email,
        name,
        session_id,
    }))
}

pub async fn touch_session(c: &mut impl AsConn, session: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1")
        .bind(session).bind(now).execute(conn).await.map(drop))
}

/// Revokes one session; returns whether it was live.
pub async fn revoke_session(
    c: &mut impl AsConn,
    session: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE sessions SET revoked_at = $2, revoked_reason = $3 WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(session).bind(now).bind(reason).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Revokes every live session of a user; returns how many.
pub async fn revoke_user_sessions(
    c: &mut impl AsConn,
    user: UserId,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    revoke_other_sessions(c, user, "", reason, now).await
}

/// Revokes every live session of a user but `keep` (none when empty); returns how many.
pub async fn revoke_other_sessions(
    c: &mut impl AsConn,
    user: UserId,
    keep: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE sessions SET revoked_at = $3, revoked_reason = $4 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
    )
    .bind(user.0).bind(keep).bind(now).bind(reason).execute(conn).await.map(|r| r.rows_affected()))
}

pub async fn list_live_sessions(
    c: &mut impl AsConn,
    user: UserId,
    now: DateTime<Utc>,
) -> Result<Vec<SessionInfo>, sqlx::Error> {
    type Row = (String, Option<String>, Option<String>, DateTime<Utc>, DateTime<Utc>);
    let rows: Vec<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, ip, user_agent, created_at, last_seen_at FROM sessions \
         WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY last_seen_at DESC",
    )
    .bind(user.0).bind(now).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, ip, user_agent, created_at, last_seen_at)| SessionInfo {
            id,
            ip,
            user_agent,
            created_at,
            last_seen_at,
            current: false,
        })
        .collect())
}

pub async fn insert_reset(
    c: &mut impl AsConn,
    hash: &str,
    user: UserId,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash).bind(user.0).bind(now).bind(expires_at)
    .execute(conn).await.map(drop))
}

/// The account a reset token is for: its user, organization and email.
pub type ResetFor = (UserId, OrgId, String);

/// The account behind an unused, unexpired reset token (nothing is changed).
pub async fn find_reset(c: &mut impl AsConn, hash: &str, now: DateTime<Utc>) -> Result<Option<ResetFor>, sqlx::Error> {
    let row: Option<(i64, i64, String)> = db_run!(c, conn => sqlx::query_as(
        "SELECT u.id, u.organization_id, u.email FROM password_resets r JOIN users u ON u.id = r.user_id \
         WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2",
    )
    .bind(hash).bind(now).fetch_optional(conn).await)?;
    Ok(row.map(|(u, o, e)| (UserId(u), OrgId(o), e)))
}

/// Uses a reset token once: false when it was used (or expired) in the meantime.
pub async fn use_reset(c: &mut impl AsConn, hash: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE password_resets SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
    )
    .bind(hash).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}
