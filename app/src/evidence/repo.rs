//! SQL of evidence. Every query is scoped by organization.
use super::model::EvidenceId;
use crate::{
    db::{AsConn, Tx},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    runs::model::RunId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// A file as it is recorded once stored.
pub struct NewEvidence<'a> {
    pub org: OrgId,
    pub project: ProjectId,
    pub run: RunId,
    pub run_case: i64,
    pub scenario: Option<i64>,
    pub step: Option<i64>,
    pub name: &'a str,
    pub content_type: &'a str,
    pub size: i64,
    pub key: &'a str,
    pub thumb: Option<&'a str>,
    pub by: UserId,
}

pub async fn insert(tx: &mut Tx, e: &NewEvidence<'_>, now: DateTime<Utc>) -> Result<EvidenceId, sqlx::Error> {
    db_run!(tx, conn => sqlx::query_scalar(
        "INSERT INTO evidence (organization_id, project_id, run_id, run_case_id, scenario, step, display_name, \
         content_type, size_bytes, store_key, thumb_key, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
    ).bind(e.org.0).bind(e.project.0).bind(e.run.0).bind(e.run_case).bind(e.scenario).bind(e.step).bind(e.name)
    .bind(e.content_type).bind(e.size).bind(e.key).bind(e.thumb).bind(e.by.0).bind(now)
    .fetch_one(conn).await.map(EvidenceId))
}

/// One file's row, with its uploader's name and its run's status.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Row {
    pub id: i64,
    pub project_id: i64,
    pub run_id: i64,
    pub run_number: i64,
    pub scenario: Option<i64>,
    pub step: Option<i64>,
    pub display_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub store_key: String,
    pub thumb_key: Option<String>,
    pub uploaded_by: Option<i64>,
    pub uploader: Option<String>,
    pub run_status: String,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str =
    "SELECT e.id, e.project_id, e.run_id, r.number AS run_number, e.scenario, e.step, e.display_name, e.content_type, \
     e.size_bytes, e.store_key, e.thumb_key, e.uploaded_by, u.name AS uploader, r.status AS run_status, e.created_at \
     FROM evidence e JOIN test_runs r ON r.id = e.run_id LEFT JOIN users u ON u.id = e.uploaded_by";

/// File `id` of `org`.
pub async fn get(c: &mut impl AsConn, org: OrgId, id: EvidenceId) -> Result<Option<Row>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE e.organization_id = $1 AND e.id = $2");
    db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(id.0).fetch_optional(conn).await)
}

/// The files of execution `run_case` (whole-execution ones first, then by step), at most `limit`.
pub async fn list(c: &mut impl AsConn, org: OrgId, run_case: i64, limit: i64) -> Result<Vec<Row>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE e.organization_id = $1 AND e.run_case_id = $2 \
         ORDER BY COALESCE(e.scenario, -1), COALESCE(e.step, -1), e.id LIMIT $3"
    );
    db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(run_case).bind(limit).fetch_all(conn).await)
}

/// How many files execution `run_case` has.
pub async fn count(c: &mut impl AsConn, org: OrgId, run_case: i64) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT COUNT(*) FROM evidence WHERE organization_id = $1 AND run_case_id = $2")
        .bind(org.0).bind(run_case).fetch_one(conn).await)
}

/// Deletes file `id` of `org`; false when there was none.
pub async fn delete(c: &mut impl AsConn, org: OrgId, id: EvidenceId) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM evidence WHERE organization_id = $1 AND id = $2")
        .bind(org.0).bind(id.0).execute(conn).await.map(|r| r.rows_affected() == 1))
}

#[derive(sqlx::FromRow)]
struct Keys {
    store_key: String,
    thumb_key: Option<String>,
}

fn flatten(rows: Vec<Keys>) -> Vec<String> {
    rows.into_iter().flat_map(|k| std::iter::once(k.store_key).chain(k.thumb_key)).collect()
}

/// The store keys (files and thumbnails) of run `run`'s evidence.
pub async fn keys_of_run(c: &mut impl AsConn, org: OrgId, run: RunId) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<Keys> = db_run!(c, conn => sqlx::query_as(
        "SELECT store_key, thumb_key FROM evidence WHERE organization_id = $1 AND run_id = $2 ORDER BY id",
    ).bind(org.0).bind(run.0).fetch_all(conn).await)?;
    Ok(flatten(rows))
}

/// The store keys of project `project`'s evidence.
pub async fn keys_of_project(c: &mut impl AsConn, org: OrgId, project: ProjectId) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<Keys> = db_run!(c, conn => sqlx::query_as(
        "SELECT store_key, thumb_key FROM evidence WHERE organization_id = $1 AND project_id = $2 ORDER BY id",
    ).bind(org.0).bind(project.0).fetch_all(conn).await)?;
    Ok(flatten(rows))
}
