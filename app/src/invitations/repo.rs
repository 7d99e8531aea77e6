//! SQL for invitations.
use super::model::PendingInvitation;
use crate::{
    db::AsConn,
    db_run,
    orgs::model::OrgId,
    users::model::{Role, UserId},
};
use chrono::{DateTime, Utc};

pub struct NewInvitation<'a> {
    pub org: OrgId,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: UserId,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(c: &mut impl AsConn, i: &NewInvitation<'_>, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO invitations (organization_id, email, name, role, token_hash, invited_by, created_at, sent_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8) RETURNING id",
    )
    .bind(i.org.0).bind(i.email).bind(i.name).bind(i.role).bind(i.token_hash).bind(i.invited_by.0).bind(now).bind(i.expires_at)
    .fetch_one(conn).await)
}

/// Invitations of `org` that can still be accepted.
pub async fn list_pending(
    c: &mut impl AsConn,
    org: OrgId,
    now: DateTime<Utc>,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    type Row = (i64, String, String, Role, Option<String>, DateTime<Utc>, DateTime<Utc>);
    let rows: Vec<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT i.id, i.email, i.name, i.role, u.email, i.sent_at, i.expires_at FROM invitations i \
         LEFT JOIN users u ON u.id = i.invited_by \
         WHERE i.organization_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $2 \
         ORDER BY i.sent_at DESC",
    )
    .bind(org.0).bind(now).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, role, invited_by, sent_at, expires_at)| PendingInvitation {
            id,
            email,
            name,
            role,
            invited_by,
            sent_at,
            expires_at,
        })
        .collect())
}

/// A pending invitation of `org` by id: `(email, name)`.
pub async fn get_pending(
    c: &mut impl AsConn,
    org: OrgId,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT email, name FROM invitations WHERE id = $1 AND organization_id = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
    )
    .bind(id).bind(org.0).bind(now).fetch_optional(conn).await)
}

/// Whether `email` already has a pending invitation in `org` (other organizations' are not
/// this caller's business).
pub async fn pending_for_email(
    c: &mut impl AsConn,
    org: OrgId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM invitations WHERE organization_id = $1 AND email = $2 \
         AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > $3",
    )
    .bind(org.0).bind(email).bind(now).fetch_one(conn).await.map(|n| n > 0))
}

/// Gives a pending invitation a new token and expiry (resend); the old link stops working.
pub async fn renew(
    c: &mut impl AsConn,
    org: OrgId,
    id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE invitations SET token_hash = $3, sent_at = $4, expires_at = $5 \
         WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id).bind(org.0).bind(token_hash).bind(now).bind(expires_at)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn revoke(c: &mut impl AsConn, org: OrgId, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE invitations SET revoked_at = $3 WHERE id = $1 AND organization_id = $2 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id).bind(org.0).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// An invitation by token hash, whatever its state.
pub struct Found {
    pub id: i64,
    pub org: OrgId,
    pub org_name: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
    pub accepted: bool,
    pub revoked: bool,
}

pub async fn find_by_token(c: &mut impl AsConn, token_hash: &str) -> Result<Option<Found>, sqlx::Error> {
    type Row = (i64, i64, String, String, String, Role, DateTime<Utc>, bool, bool);
    let row: Option<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT i.id, i.organization_id, o.name, i.email, i.name, i.role, i.expires_at, \
         i.accepted_at IS NOT NULL, i.revoked_at IS NOT NULL \
         FROM invitations i JOIN organizations o ON o.id = i.organization_id WHERE i.token_hash = $1",
    )
    .bind(token_hash).fetch_optional(conn).await)?;
    Ok(row.map(|(id, org, org_name, email, name, role, expires_at, accepted, revoked)| Found {
        id,
        org: OrgId(org),
        org_name,
        email,
        name,
        role,
        expires_at,
        accepted,
        revoked,
    }))
}

/// Marks an invitation used; false if it was used (or revoked) concurrently.
pub async fn mark_accepted(c: &mut impl AsConn, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE invitations SET accepted_at = $2 WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
    )
    .bind(id).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}
