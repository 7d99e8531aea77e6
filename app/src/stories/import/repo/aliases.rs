//! SQL for the assignee names an import maps to members (or to nobody), remembered per project.
use crate::{db::AsConn, db_run, orgs::model::OrgId, projects::model::ProjectId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// How names are compared: trimmed, lower-cased.
pub fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The project's remembered names (as `key` gives them) and who each is: an active member of
/// `org`, or `None` for nobody. A name mapped to someone no longer active is left out, so it is
/// unknown again.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
) -> Result<HashMap<String, Option<i64>>, sqlx::Error> {
    let rows: Vec<(String, Option<i64>)> = db_run!(c, conn => sqlx::query_as(
        "SELECT a.name, a.user_id FROM import_assignee_aliases a \
         LEFT JOIN users u ON u.id = a.user_id AND u.organization_id = a.organization_id AND u.is_active \
         WHERE a.organization_id = $1 AND a.project_id = $2 AND (a.user_id IS NULL OR u.id IS NOT NULL)",
    )
    .bind(org.0).bind(project.0).fetch_all(conn).await)?;
    Ok(rows.into_iter().collect())
}

/// Remembers that `name` (a `key`) means `user_id` in the project.
pub async fn upsert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    name: &str,
    user_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "INSERT INTO import_assignee_aliases (organization_id, project_id, name, user_id, updated_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (project_id, name) DO UPDATE SET user_id = excluded.user_id, updated_at = excluded.updated_at \
         WHERE import_assignee_aliases.organization_id = excluded.organization_id",
    )
    .bind(org.0).bind(project.0).bind(name).bind(user_id).bind(now)
    .execute(conn).await.map(drop))
}
