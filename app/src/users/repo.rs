//! SQL for users.
use super::model::{normalize_email, NewUser, Role, User, UserId, UserRow};
use crate::{db::AsConn, db_run, orgs::model::OrgId};
use chrono::{DateTime, Utc};

/// Inserts a user and returns the id. A taken email is a unique violation.
pub async fn insert(c: &mut impl AsConn, new: &NewUser<'_>, now: DateTime<Utc>) -> Result<UserId, sqlx::Error> {
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

/// The member of `org` with this email, if any.
pub async fn find_member_by_email(c: &mut impl AsConn, org: OrgId, email: &str) -> Result<Option<User>, sqlx::Error> {
    Ok(find_by_email(c, email).await?.filter(|u| u.org == org))
}

/// The user with this email and their password hash (None until they set one).
pub async fn credentials(c: &mut impl AsConn, email: &str) -> Result<Option<(User, Option<String>)>, sqlx::Error> {
    let email = normalize_email(email);
    type Row = (i64, i64, String, String, Role, bool, Option<String>);
    let row: Option<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, organization_id, email, name, role, is_active, password_hash FROM users WHERE email = $1",
    )
    .bind(&email)
    .fetch_optional(conn)
    .await)?;
    Ok(row.map(|(id, org, email, name, role, is_active, hash)| {
        (User { id: UserId(id), org: OrgId(org), email, name, role, is_active }, hash)
    }))
}

/// The password hash of a user of `org`.
pub async fn password_hash(c: &mut impl AsConn, org: OrgId, id: UserId) -> Result<Option<String>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar::<_, Option<String>>(
        "SELECT password_hash FROM users WHERE id = $1 AND organization_id = $2",
    )
    .bind(id.0).bind(org.0).fetch_optional(conn).await.map(Option::flatten))
}

pub async fn set_password(c: &mut impl AsConn, id: UserId, hash: &str, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(id.0).bind(hash).bind(now).execute(conn).await.map(drop))
}

pub async fn touch_login(c: &mut impl AsConn, id: UserId, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE users SET last_login_at = $2 WHERE id = $1")
        .bind(id.0).bind(now).execute(conn).await.map(drop))
}

pub async fn set_name(
    c: &mut impl AsConn,
    org: OrgId,
    id: UserId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE users SET name = $3, updated_at = $4 WHERE id = $1 AND organization_id = $2")
        .bind(id.0).bind(org.0).bind(name).bind(now).execute(conn).await.map(drop))
}

/// A user of `org`, if any: there is no lookup by bare id.
pub async fn get(c: &mut impl AsConn, org: OrgId, id: UserId) -> Result<Option<UserRow>, sqlx::Error> {
    let rows = select(c, org, Some(id.0), "%").await?;
    Ok(rows.into_iter().next())
}

/// The organization's users whose name or email contains `search`, by name.
pub async fn list(c: &mut impl AsConn, org: OrgId, search: &str) -> Result<Vec<UserRow>, sqlx::Error> {
    let pattern = format!("%{}%", search.trim().to_lowercase().replace('%', ""));
    select(c, org, None, &pattern).await
}

async fn select(c: &mut impl AsConn, org: OrgId, id: Option<i64>, pattern: &str) -> Result<Vec<UserRow>, sqlx::Error> {
    type Row = (i64, String, String, Role, bool, bool, Option<DateTime<Utc>>, DateTime<Utc>);
    let rows: Vec<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, email, name, role, is_active, password_hash IS NOT NULL, last_login_at, created_at FROM users \
         WHERE organization_id = $1 AND ($2 IS NULL OR id = $2) AND (LOWER(name) LIKE $3 OR email LIKE $3) \
         ORDER BY LOWER(name), id",
    )
        .bind(org.0).bind(id).bind(pattern).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, role, is_active, registered, last_login_at, created_at)| UserRow {
            id: UserId(id),
            email,
            name,
            role,
            is_active,
            registered,
            last_login_at,
            created_at,
        })
        .collect())
}

pub async fn set_role(
    c: &mut impl AsConn,
    org: OrgId,
    id: UserId,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE users SET role = $3, updated_at = $4 WHERE id = $1 AND organization_id = $2")
        .bind(id.0).bind(org.0).bind(role).bind(now).execute(conn).await.map(drop))
}

pub async fn set_active(
    c: &mut impl AsConn,
    org: OrgId,
    id: UserId,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE users SET is_active = $3, updated_at = $4 WHERE id = $1 AND organization_id = $2")
        .bind(id.0).bind(org.0).bind(active).bind(now).execute(conn).await.map(drop))
}

/// Active admins of `org`: the last one cannot be demoted or deactivated.
pub async fn count_active_admins(c: &mut impl AsConn, org: OrgId) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE organization_id = $1 AND role = 'admin' AND is_active",
    )
    .bind(org.0).fetch_one(conn).await)
}
