//! SQL for organizations.
use super::model::{OrgId, Organization};
use crate::{db::AsConn, db_run};
use chrono::{DateTime, Utc};

/// Inserts an organization and returns its id.
pub async fn insert(c: &mut impl AsConn, name: &str, slug: &str, now: DateTime<Utc>) -> Result<OrgId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO organizations (name, slug, is_active, created_at, updated_at) \
         VALUES ($1, $2, TRUE, $3, $3) RETURNING id",
    )
    .bind(name)
    .bind(slug)
    .bind(now)
    .fetch_one(conn)
    .await
    .map(OrgId))
}

/// The organization with `id`, if any.
pub async fn get(c: &mut impl AsConn, id: OrgId) -> Result<Option<Organization>, sqlx::Error> {
    let row: Option<(i64, String, String, bool)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, name, slug, is_active FROM organizations WHERE id = $1",
    )
    .bind(id.0)
    .fetch_optional(conn)
    .await)?;
    Ok(row.map(|(id, name, slug, is_active)| Organization { id: OrgId(id), name, slug, is_active }))
}

/// How many organizations exist on this instance (0 means first-run setup is pending).
pub async fn count(c: &mut impl AsConn) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(conn).await)
}

/// The organization with this slug, if any.
pub async fn find_by_slug(c: &mut impl AsConn, slug: &str) -> Result<Option<OrgId>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1")
        .bind(slug).fetch_optional(conn).await.map(|id: Option<i64>| id.map(OrgId)))
}
