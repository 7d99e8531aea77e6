//! SQL for stories and their acceptance criteria. Every query is scoped by organization.
use super::model::{
    Criterion, CriterionId, Priority, StoryFilter, StoryId, StoryRow, StorySort, StoryStatus, ValidStory,
};
use crate::{
    bind_args,
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
};
use chrono::{DateTime, Utc};

/// Takes the project's next story number (the counter row is updated in the caller's
/// transaction, so numbers never repeat, even after deletes).
pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
    s: &ValidStory,
    now: DateTime<Utc>,
) -> Result<StoryId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO stories (organization_id, project_id, number, external_id, title, description, priority, status, epic, sprint, story_points, assignee_id, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id",
    )
    .bind(org.0).bind(project.0).bind(number).bind(&s.external_id).bind(&s.title).bind(&s.description).bind(s.priority).bind(s.status)
    .bind(&s.epic).bind(&s.sprint).bind(s.story_points).bind(s.assignee).bind(now)
    .fetch_one(conn).await)
}

pub async fn update(
    c: &mut impl AsConn,
    org: OrgId,
    id: StoryId,
    s: &ValidStory,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE stories SET external_id = $3, title = $4, description = $5, priority = $6, status = $7, epic = $8, sprint = $9, \
         story_points = $10, assignee_id = $11, updated_at = $12 WHERE id = $1 AND organization_id = $2",
    )
    .bind(id).bind(org.0).bind(&s.external_id).bind(&s.title).bind(&s.description).bind(s.priority).bind(s.status)
    .bind(&s.epic).bind(&s.sprint).bind(s.story_points).bind(s.assignee).bind(now)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

pub async fn delete(c: &mut impl AsConn, org: OrgId, id: StoryId) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM stories WHERE id = $1 AND organization_id = $2")
        .bind(id).bind(org.0).execute(conn).await.map(|r| r.rows_affected() == 1))
}

const ROW: &str = "SELECT s.id, p.key AS project_key, s.number, s.external_id, s.title, s.priority, s.status, s.epic, \
     s.sprint, s.story_points, u.name AS assignee, \
     (SELECT COUNT(*) FROM acceptance_criteria a WHERE a.story_id = s.id) AS criteria_total, \
     (SELECT COUNT(*) FROM acceptance_criteria a WHERE a.story_id = s.id AND a.done) AS criteria_done, \
     s.description, s.assignee_id \
     FROM stories s JOIN projects p ON p.id = s.project_id LEFT JOIN users u ON u.id = s.assignee_id";

/// A story as `ROW` reads it, by column name.
#[derive(sqlx::FromRow)]
struct Row {
    id: StoryId,
    project_key: String,
    number: i64,
    external_id: Option<String>,
    title: String,
    priority: Priority,
    status: StoryStatus,
    epic: Option<String>,
    sprint: Option<String>,
    story_points: Option<i32>,
    assignee: Option<String>,
    criteria_total: i64,
    criteria_done: i64,
    description: String,
    assignee_id: Option<i64>,
}

fn row(r: Row) -> (StoryRow, String, Option<i64>) {
    let row = StoryRow {
        id: r.id,
        key: crate::wire::human_key(&r.project_key, crate::wire::Numbered::Story, r.number),
        number: r.number,
        external_id: r.external_id,
        title: r.title,
        priority: r.priority,
        status: r.status,
        epic: r.epic,
        sprint: r.sprint,
        story_points: r.story_points,
        assignee: r.assignee,
        criteria_total: r.criteria_total,
        criteria_done: r.criteria_done,
    };
    (row, r.description, r.assignee_id)
}

/// A story of `org` in `project` by number: the row, description and assignee id.
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<(StoryRow, String, Option<i64>)>, sqlx::Error> {
    let sql = format!("{ROW} WHERE s.organization_id = $1 AND s.project_id = $2 AND s.number = $3");
    let r: Option<Row> =
        db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    Ok(r.map(row))
}

/// `<select> WHERE …` of the project's stories that match `f` (`select` reads `stories s`): only
/// the filters that are set become conditions (see `db::Sql`).
fn filtered(select: &str, org: OrgId, project: ProjectId, f: &StoryFilter) -> Sql {
    let mut q = Sql::new(select);
    q.push(" WHERE s.organization_id = ? AND s.project_id = ?", [org.0.into(), project.0.into()]);
    if let Some(st) = f.status {
        q.and("s.status = ?", [st.as_str().into()]);
    }
    if let Some(p) = f.priority {
        q.and("s.priority = ?", [p.as_str().into()]);
    }
    if !f.epic.trim().is_empty() {
        q.and("s.epic = ?", [f.epic.trim().into()]);
    }
    if !f.sprint.trim().is_empty() {
        q.and("s.sprint = ?", [f.sprint.trim().into()]);
    }
    if let Ok(assignee) = f.assignee.trim().parse::<i64>() {
        q.and("s.assignee_id = ?", [assignee.into()]);
    }
    if !f.text.trim().is_empty() {
        let like = format!("%{}%", f.text.trim().to_lowercase().replace('%', ""));
        q.and(
            "(LOWER(s.title) LIKE ? OR LOWER(COALESCE(s.external_id, '')) LIKE ? OR LOWER(s.description) LIKE ?)",
            [like.clone().into(), like.clone().into(), like.into()],
        );
    }
    q
}

/// Keyset cursor: the last row's number and lower-cased title.
fn cursor(after: Option<&str>) -> (Option<i64>, String) {
    match after.and_then(|a| a.split_once('|')) {
        Some((n, t)) => (n.parse().ok(), t.to_owned()),
        None => (None, String::new()),
    }
}

pub fn cursor_of(row: &StoryRow) -> String {
    format!("{}|{}", row.number, row.title.to_lowercase())
}

/// One page of the filtered stories after `after`, and the filtered total.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &StoryFilter,
    after: Option<&str>,
    limit: i64,
) -> Result<(Vec<StoryRow>, i64), sqlx::Error> {
    let mut q = filtered(ROW, org, project, f);
    let (after_n, after_t) = cursor(after);
    if let Some(n) = after_n {
        match f.sort {
            StorySort::Number => q.and("s.number > ?", [n.into()]),
            StorySort::NumberDesc => q.and("s.number < ?", [n.into()]),
            StorySort::Title => q.and(
                "(LOWER(s.title) > ? OR (LOWER(s.title) = ? AND s.number > ?))",
                [after_t.clone().into(), after_t.into(), n.into()],
            ),
        };
    }
    let order = match f.sort {
        StorySort::Number => "s.number",
        StorySort::NumberDesc => "s.number DESC",
        StorySort::Title => "LOWER(s.title), s.number",
    };
    q.push(&format!(" ORDER BY {order} LIMIT ?"), [limit.into()]);
    let rows: Vec<Row> = db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)?;
    let n = filtered("SELECT COUNT(*) FROM stories s", org, project, f);
    let total: i64 = db_run!(c, conn => bind_args!(sqlx::query_scalar(&n.text), &n.args).fetch_one(conn).await)?;
    Ok((rows.into_iter().map(|r| row(r).0).collect(), total))
}

/// The same change for several stories; `None` leaves a field as it is, and
/// `assignee: Some(None)` unassigns.
#[derive(Debug, Clone, Copy, Default)]
pub struct BulkChange {
    pub status: Option<StoryStatus>,
    pub priority: Option<Priority>,
    pub assignee: Option<Option<i64>>,
}

/// Applies `change` to the stories `ids` of `project`; returns how many changed.
pub async fn bulk_update(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    ids: &[StoryId],
    change: BulkChange,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    for id in ids {
        n += db_run!(c, conn => sqlx::query(
            "UPDATE stories SET status = COALESCE($4, status), priority = COALESCE($5, priority), \
             assignee_id = CASE WHEN $6 THEN $7 ELSE assignee_id END, updated_at = $8 \
             WHERE id = $1 AND organization_id = $2 AND project_id = $3",
        )
        .bind(id).bind(org.0).bind(project.0).bind(change.status).bind(change.priority)
        .bind(change.assignee.is_some()).bind(change.assignee.flatten()).bind(now)
        .execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

pub async fn criteria(c: &mut impl AsConn, story: StoryId) -> Result<Vec<Criterion>, sqlx::Error> {
    let rows: Vec<(CriterionId, i32, String, bool)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, position, text, done FROM acceptance_criteria WHERE story_id = $1 ORDER BY position, id",
    )
    .bind(story).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(|(id, position, text, done)| Criterion { id, position, text, done }).collect())
}

/// Replaces a story's criteria with `items` (text, done) in order.
pub async fn replace_criteria(
    c: &mut impl AsConn,
    story: StoryId,
    items: &[(String, bool)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM acceptance_criteria WHERE story_id = $1").bind(story).execute(conn).await.map(drop))?;
    insert_criteria(c, story, items, now).await
}

/// Inserts `items` as the criteria of a story that has none, in one statement per 200.
pub async fn insert_criteria(
    c: &mut impl AsConn,
    story: StoryId,
    items: &[(String, bool)],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    for (chunk_no, chunk) in items.chunks(200).enumerate() {
        let values: Vec<String> =
            (0..chunk.len()).map(|i| format!("($1, ${}, ${}, ${}, $2, $2)", 3 * i + 3, 3 * i + 4, 3 * i + 5)).collect();
        let sql = format!(
            "INSERT INTO acceptance_criteria (story_id, position, text, done, created_at, updated_at) VALUES {}",
            values.join(", ")
        );
        db_run!(c, conn => {
            let mut q = sqlx::query(&sql).bind(story).bind(now);
            for (i, (text, done)) in chunk.iter().enumerate() {
                q = q.bind((chunk_no * 200 + i) as i32).bind(text).bind(*done);
            }
            q.execute(conn).await.map(drop)
        })?;
    }
    Ok(())
}

/// Every external id of the project's stories, with the story id.
pub async fn external_ids(
    c: &mut impl AsConn,
    project: ProjectId,
) -> Result<std::collections::HashMap<String, StoryId>, sqlx::Error> {
    let rows: Vec<(String, StoryId)> = db_run!(c, conn => sqlx::query_as(
        "SELECT external_id, id FROM stories WHERE project_id = $1 AND external_id IS NOT NULL",
    )
    .bind(project.0).fetch_all(conn).await)?;
    Ok(rows.into_iter().collect())
}

pub async fn add_criterion(
    c: &mut impl AsConn,
    story: StoryId,
    position: i32,
    text: &str,
    done: bool,
    now: DateTime<Utc>,
) -> Result<CriterionId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO acceptance_criteria (story_id, position, text, done, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(story).bind(position).bind(text).bind(done).bind(now).fetch_one(conn).await)
}

/// The story a criterion of `org` belongs to.
pub async fn criterion_story(
    c: &mut impl AsConn,
    org: OrgId,
    criterion: CriterionId,
) -> Result<Option<StoryId>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT a.story_id FROM acceptance_criteria a JOIN stories s ON s.id = a.story_id WHERE a.id = $1 AND s.organization_id = $2",
    )
    .bind(criterion).bind(org.0).fetch_optional(conn).await)
}

pub async fn update_criterion(
    c: &mut impl AsConn,
    id: CriterionId,
    text: Option<&str>,
    done: Option<bool>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE acceptance_criteria SET text = COALESCE($2, text), done = COALESCE($3, done), updated_at = $4 WHERE id = $1",
    )
    .bind(id).bind(text).bind(done).bind(now).execute(conn).await.map(drop))
}

pub async fn delete_criterion(c: &mut impl AsConn, id: CriterionId) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM acceptance_criteria WHERE id = $1").bind(id).execute(conn).await.map(drop))
}
