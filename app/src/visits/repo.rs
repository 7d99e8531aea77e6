//! SQL of recent visits; every query is scoped by organization and person.
use super::model::{RecentItem, KEEP};
use crate::{
    db::AsConn,
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    users::model::UserId,
    wire::{HumanKey, Numbered},
};
use chrono::{DateTime, Utc};

/// Records (or refreshes) a visit; false when project `p` has no such case or story.
pub async fn record(
    c: &mut impl AsConn,
    org: OrgId,
    user: UserId,
    kind: Numbered,
    p: ProjectId,
    number: i64,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let (column, table) = match kind {
        Numbered::Case => ("case_id", "test_cases"),
        Numbered::Story => ("story_id", "stories"),
        Numbered::Run | Numbered::Bug => return Ok(false),
    };
    let sql = format!(
        "INSERT INTO recent_visits (organization_id, user_id, {column}, visited_at) \
         SELECT $1, $2, x.id, $5 FROM {table} x WHERE x.organization_id = $1 AND x.project_id = $3 AND x.number = $4 \
         ON CONFLICT (user_id, {column}) DO UPDATE SET visited_at = excluded.visited_at"
    );
    db_run!(c, conn => sqlx::query(&sql).bind(org.0).bind(user.0).bind(p.0).bind(number).bind(now)
        .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Forgets `user`'s visits beyond the latest `KEEP`.
pub async fn forget_old(c: &mut impl AsConn, user: UserId) -> Result<u64, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "DELETE FROM recent_visits WHERE user_id = $1 AND id NOT IN \
         (SELECT id FROM recent_visits WHERE user_id = $1 ORDER BY visited_at DESC, id DESC LIMIT $2)",
    ).bind(user.0).bind(KEEP).execute(conn).await.map(|r| r.rows_affected()))
}

#[derive(sqlx::FromRow)]
struct Visit {
    is_case: bool,
    project: String,
    number: i64,
    title: String,
    visited_at: DateTime<Utc>,
}

/// `user`'s latest visits, latest first, with each thing's current key and title.
pub async fn recent(c: &mut impl AsConn, org: OrgId, user: UserId) -> Result<Vec<RecentItem>, sqlx::Error> {
    let rows: Vec<Visit> = db_run!(c, conn => sqlx::query_as(
        "SELECT v.case_id IS NOT NULL AS is_case, p.key AS project, COALESCE(t.number, s.number) AS number, \
         COALESCE(t.title, s.title) AS title, v.visited_at \
         FROM recent_visits v \
         LEFT JOIN test_cases t ON t.id = v.case_id LEFT JOIN stories s ON s.id = v.story_id \
         JOIN projects p ON p.id = COALESCE(t.project_id, s.project_id) \
         WHERE v.organization_id = $1 AND v.user_id = $2 AND p.organization_id = $1 \
         ORDER BY v.visited_at DESC, v.id DESC LIMIT $3",
    ).bind(org.0).bind(user.0).bind(KEEP).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|v| {
            let kind = if v.is_case { Numbered::Case } else { Numbered::Story };
            let key = HumanKey::new(&v.project, kind, v.number);
            RecentItem {
                kind,
                key: key.to_string(),
                href: key.href(),
                title: v.title,
                project: v.project,
                visited_at: v.visited_at,
            }
        })
        .collect())
}
