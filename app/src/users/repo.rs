//! SQL for users.
use super::model::{normalize_email, NewUser, Role, User, UserId};
use crate::{db::AsConn, db_run, orgs::model::OrgId};
use chrono::{DateTime, Utc};

/// Inserts a user and returns the id. A taken email is a unique violation.
pub async fn insert(
    c: &mut impl AsConn,
    new: &NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<UserId, sqlx::Error> {
    let email = normalize_email(new.email);
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO users (organization_id, email, name, password_hash, role, is_active, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, TRUE, $6, $6) RETURNING id",
    )
    .bind(new.org.0)
    .bind(&email)
    .bind(new.name)
    .bind(new.password_hash)
    .bind(new.role)
    .bind(now)
    .fetch_one(conn)
    .await
    .map(UserId))
}

/// The user with this email on the whole instance, if any.
pub async fn find_by_email(c: &mut impl AsConn, email: &str) -> Result<Option<User>, sqlx::Error> {
    let email = normalize_email(email);
    let row: Option<(i64, i64, String, String, Role, bool)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, organization_id, email, name, role, is_active FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(conn)
    .await)?;
    Ok(row.map(|(id, org, email, name, role, is_active)| User {
        id: UserId(id),
        org: OrgId(org),
        email,
        name,
        role,
        is_active,
    }))
}
