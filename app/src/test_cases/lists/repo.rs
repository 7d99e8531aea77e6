//! SQL of saved case lists, scoped by organization and project.
use super::model::CaseList;
use crate::{
    bind_args,
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// The id of the project's list named `name`.
pub async fn find(c: &mut impl AsConn, org: OrgId, project: ProjectId, name: &str) -> Result<Option<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT id FROM case_lists WHERE organization_id = $1 AND project_id = $2 AND name = $3",
    ).bind(org.0).bind(project.0).bind(name).fetch_optional(conn).await)
}

/// How many lists the project keeps.
pub async fn count(c: &mut impl AsConn, org: OrgId, project: ProjectId) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT COUNT(*) FROM case_lists WHERE organization_id = $1 AND project_id = $2")
        .bind(org.0).bind(project.0).fetch_one(conn).await)
}

pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    name: &str,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO case_lists (organization_id, project_id, name, saved_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    ).bind(org.0).bind(project.0).bind(name).bind(by.0).bind(now).fetch_one(conn).await)
}

/// Empties list `id` for saving it again, as `by`.
pub async fn reset(c: &mut impl AsConn, id: i64, by: UserId, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM case_list_items WHERE list_id = $1").bind(id).execute(conn).await.map(drop))?;
    db_run!(c, conn => sqlx::query("UPDATE case_lists SET saved_by = $2, updated_at = $3 WHERE id = $1")
        .bind(id).bind(by.0).bind(now).execute(conn).await.map(drop))
}

/// Cases put in a list by one statement (two parameters each).
const CHUNK: usize = 1_000;

/// Puts the project's cases numbered `numbers` in list `id`, in that order (unknown numbers and
/// repeats are skipped); returns how many went in.
pub async fn add_items(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    id: i64,
    numbers: &[i64],
) -> Result<u64, sqlx::Error> {
    let mut added = 0;
    for (k, chunk) in numbers.chunks(CHUNK).enumerate() {
        let mut q = Sql::new("INSERT INTO case_list_items (list_id, case_id, position) SELECT ");
        q.push("?, t.id, v.column2 FROM (VALUES ", [id.into()]);
        for (i, n) in chunk.iter().enumerate() {
            let position = (k * CHUNK + i) as i64;
            q.push(if i == 0 { "(?, ?)" } else { ", (?, ?)" }, [(*n).into(), position.into()]);
        }
        q.push(
            ") AS v JOIN test_cases t ON t.number = v.column1 WHERE t.organization_id = ? AND t.project_id = ? \
             ON CONFLICT (list_id, case_id) DO NOTHING",
            [org.0.into(), project.0.into()],
        );
        added += db_run!(c, conn => bind_args!(sqlx::query(&q.text), &q.args).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(added)
}

#[derive(sqlx::FromRow)]
struct ListRow {
    id: i64,
    name: String,
    cases: i64,
    updated_at: DateTime<Utc>,
    by: Option<String>,
}

/// The project's lists by name, with how many of their cases still exist.
pub async fn list(c: &mut impl AsConn, org: OrgId, project: ProjectId) -> Result<Vec<CaseList>, sqlx::Error> {
    let rows: Vec<ListRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT l.id, l.name, (SELECT COUNT(*) FROM case_list_items i WHERE i.list_id = l.id) AS cases, \
         l.updated_at, u.name AS by FROM case_lists l LEFT JOIN users u ON u.id = l.saved_by \
         WHERE l.organization_id = $1 AND l.project_id = $2 ORDER BY LOWER(l.name), l.id",
    ).bind(org.0).bind(project.0).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| CaseList { id: r.id, name: r.name, cases: r.cases, updated_at: r.updated_at, by: r.by })
        .collect())
}

/// The name of list `id` of the project.
pub async fn name_of(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT name FROM case_lists WHERE organization_id = $1 AND project_id = $2 AND id = $3",
    ).bind(org.0).bind(project.0).bind(id).fetch_optional(conn).await)
}

/// The numbers of list `id`'s cases, in the order saved.
pub async fn numbers(c: &mut impl AsConn, org: OrgId, project: ProjectId, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT t.number FROM case_list_items i JOIN case_lists l ON l.id = i.list_id JOIN test_cases t ON t.id = i.case_id \
         WHERE l.organization_id = $1 AND l.project_id = $2 AND l.id = $3 ORDER BY i.position",
    ).bind(org.0).bind(project.0).bind(id).fetch_all(conn).await)
}

/// Deletes list `id` of the project (its items go with it).
pub async fn delete(c: &mut impl AsConn, org: OrgId, project: ProjectId, id: i64) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM case_lists WHERE organization_id = $1 AND project_id = $2 AND id = $3")
        .bind(org.0).bind(project.0).bind(id).execute(conn).await.map(|r| r.rows_affected() > 0))
}
