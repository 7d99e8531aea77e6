//! SQL for projects. Counts are computed by the database, never by loading rows.
use super::model::{ProjectId, ProjectRef, ProjectStatus, ProjectSummary, ValidProject};
use crate::{db::AsConn, db_run, orgs::model::OrgId};
use chrono::{DateTime, NaiveDate, Utc};

pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    p: &ValidProject,
    now: DateTime<Utc>,
) -> Result<ProjectId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO projects (organization_id, key, name, description, client, status, start_date, end_date, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(org.0).bind(&p.key).bind(&p.name).bind(&p.description).bind(&p.client).bind(p.status)
    .bind(p.start_date).bind(p.end_date).bind(now)
    .fetch_one(conn).await.map(ProjectId))
}

/// Updates every editable field; false if no such project in `org`.
pub async fn update(
    c: &mut impl AsConn,
    org: OrgId,
    id: ProjectId,
    p: &ValidProject,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE projects SET key = $3, name = $4, description = $5, client = $6, status = $7, start_date = $8, end_date = $9, updated_at = $10 \
         WHERE id = $1 AND organization_id = $2",
    )
    .bind(id.0).bind(org.0).bind(&p.key).bind(&p.name).bind(&p.description).bind(&p.client).bind(p.status)
    .bind(p.start_date).bind(p.end_date).bind(now)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn set_status(
    c: &mut impl AsConn,
    org: OrgId,
    id: ProjectId,
    status: ProjectStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE projects SET status = $3, updated_at = $4 WHERE id = $1 AND organization_id = $2")
        .bind(id.0).bind(org.0).bind(status).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn delete(c: &mut impl AsConn, org: OrgId, id: ProjectId) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM projects WHERE id = $1 AND organization_id = $2")
        .bind(id.0).bind(org.0).execute(conn).await.map(|r| r.rows_affected() == 1))
}

const SUMMARY: &str = "SELECT p.id, p.key, p.name, p.description, p.client, p.status, p.start_date, p.end_date, \
     (SELECT COUNT(*) FROM stories s WHERE s.project_id = p.id) AS stories, \
     (SELECT COUNT(*) FROM acceptance_criteria a JOIN stories s ON s.id = a.story_id WHERE s.project_id = p.id) AS criteria, \
     (SELECT COUNT(DISTINCT t.story_id) FROM test_cases t WHERE t.project_id = p.id) AS stories_with_tests, \
     (SELECT COUNT(*) FROM test_cases t WHERE t.project_id = p.id) AS test_cases \
     FROM projects p WHERE p.organization_id = $1";

/// A project with its counts, as `SUMMARY` reads it by column name.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    key: String,
    name: String,
    description: String,
    client: Option<String>,
    status: ProjectStatus,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    stories: i64,
    criteria: i64,
    stories_with_tests: i64,
    test_cases: i64,
}

fn summary(r: Row) -> ProjectSummary {
    // Runs and bugs arrive with later slices; until then these counts are truly zero.
    ProjectSummary {
        id: ProjectId(r.id),
        key: r.key,
        name: r.name,
        description: r.description,
        client: r.client,
        status: r.status,
        start_date: r.start_date,
        end_date: r.end_date,
        stories: r.stories,
        criteria: r.criteria,
        stories_with_tests: r.stories_with_tests,
        test_cases: r.test_cases,
        pass_rate: None,
        open_bugs: 0,
    }
}

/// The organization's projects with live counts, active first, then by name.
pub async fn list(c: &mut impl AsConn, org: OrgId) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    let sql = format!(
        "{SUMMARY} ORDER BY CASE p.status WHEN 'active' THEN 0 WHEN 'completed' THEN 1 ELSE 2 END, LOWER(p.name)"
    );
    let rows: Vec<Row> = db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(summary).collect())
}

/// A project of `org` by its key.
pub async fn get_by_key(c: &mut impl AsConn, org: OrgId, key: &str) -> Result<Option<ProjectSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} AND p.key = $2");
    let row: Option<Row> = db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(super::model::normal_key(key)).fetch_optional(conn).await)?;
    Ok(row.map(summary))
}

/// The id and key of a project of `org`, without its counts (for hot paths such as list windows).
pub async fn get_ref(c: &mut impl AsConn, org: OrgId, key: &str) -> Result<Option<ProjectRef>, sqlx::Error> {
    let row: Option<(i64, String)> = db_run!(c, conn => sqlx::query_as("SELECT id, key FROM projects WHERE organization_id = $1 AND key = $2")
        .bind(org.0).bind(super::model::normal_key(key)).fetch_optional(conn).await)?;
    Ok(row.map(|(id, key)| ProjectRef { id: ProjectId(id), key }))
}

/// The key of project `id` of `org`.
pub async fn key_of(c: &mut impl AsConn, org: OrgId, id: ProjectId) -> Result<Option<String>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT key FROM projects WHERE organization_id = $1 AND id = $2")
        .bind(org.0).bind(id.0).fetch_optional(conn).await)
}
