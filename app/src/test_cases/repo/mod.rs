//! SQL for test cases, their tags, covered criteria and revisions. Every query is scoped by
//! organization. The list's planner (filters, full text, windows) is in `list.rs`.
use super::model::{CaseId, CaseRow, CaseStatus, RevisionInfo, ValidCase};
use crate::{
    bind_args,
    db::{Arg, AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    stories::model::{CriterionId, Priority, StoryId},
    wire::{human_key, Numbered},
};
use chrono::{DateTime, Utc};

mod list;
pub use list::{count, list, Cursor, Start, TextPlan};

/// The fields every write binds, after the story number became a story id.
pub struct Stored<'a> {
    pub case: &'a ValidCase,
    pub story_id: Option<StoryId>,
}

pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
    s: Stored<'_>,
    now: DateTime<Utc>,
) -> Result<CaseId, sqlx::Error> {
    let v = s.case;
    let tags = v.tags.join(" ");
    let id: CaseId = db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO test_cases (organization_id, project_id, number, story_id, title, description, preconditions, kind, priority, status, \
         tags, estimated_minutes, automated, gherkin, gherkin_valid, revision, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $16) RETURNING id",
    )
    .bind(org.0).bind(project.0).bind(number).bind(s.story_id).bind(&v.title).bind(&v.description).bind(&v.preconditions)
    .bind(v.kind).bind(v.priority).bind(v.status).bind(&tags).bind(v.estimated_minutes).bind(v.automated).bind(&v.gherkin)
    .bind(v.gherkin_valid).bind(now)
    .fetch_one(conn).await)?;
    set_links(c, id, s, false).await?;
    Ok(id)
}

/// Saves new fields and bumps the revision; returns the new revision number.
pub async fn update(
    c: &mut impl AsConn,
    org: OrgId,
    id: CaseId,
    s: Stored<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let v = s.case;
    let tags = v.tags.join(" ");
    let revision: i64 = db_run!(c, conn => sqlx::query_scalar(
        "UPDATE test_cases SET story_id = $3, title = $4, description = $5, preconditions = $6, kind = $7, priority = $8, status = $9, \
         tags = $10, estimated_minutes = $11, automated = $12, gherkin = $13, gherkin_valid = $14, revision = revision + 1, updated_at = $15 \
         WHERE id = $1 AND organization_id = $2 RETURNING revision",
    )
    .bind(id).bind(org.0).bind(s.story_id).bind(&v.title).bind(&v.description).bind(&v.preconditions).bind(v.kind).bind(v.priority)
    .bind(v.status).bind(&tags).bind(v.estimated_minutes).bind(v.automated).bind(&v.gherkin).bind(v.gherkin_valid).bind(now)
    .fetch_one(conn).await)?;
    set_links(c, id, s, true).await?;
    Ok(revision)
}

/// Writes a case's tag rows and covered criteria (only criteria of its own story).
async fn set_links(c: &mut impl AsConn, id: CaseId, s: Stored<'_>, replace: bool) -> Result<(), sqlx::Error> {
    if replace {
        db_run!(c, conn => sqlx::query("DELETE FROM test_case_tags WHERE test_case_id = $1").bind(id).execute(conn).await.map(drop))?;
        db_run!(c, conn => sqlx::query("DELETE FROM test_case_criteria WHERE test_case_id = $1").bind(id).execute(conn).await.map(drop))?;
    }
    for tag in &s.case.tags {
        db_run!(c, conn => sqlx::query("INSERT INTO test_case_tags (test_case_id, tag) VALUES ($1, $2)")
            .bind(id).bind(tag).execute(conn).await.map(drop))?;
    }
    if let Some(story) = s.story_id {
        for criterion in &s.case.criteria {
            db_run!(c, conn => sqlx::query(
                "INSERT INTO test_case_criteria (test_case_id, criterion_id) \
                 SELECT $1, id FROM acceptance_criteria WHERE id = $2 AND story_id = $3 ON CONFLICT DO NOTHING",
            )
            .bind(id).bind(criterion).bind(story).execute(conn).await.map(drop))?;
        }
    }
    Ok(())
}

pub async fn delete(c: &mut impl AsConn, org: OrgId, project: ProjectId, ids: &[CaseId]) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    for id in ids {
        n += db_run!(c, conn => sqlx::query("DELETE FROM test_cases WHERE id = $1 AND organization_id = $2 AND project_id = $3")
            .bind(id).bind(org.0).bind(project.0).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

/// The columns of a case row (`CaseRecord`), with the joins they need.
const COLS: &str = "t.id, p.key AS project_key, t.number, t.title, t.kind, t.priority, t.status, t.tags, \
     s.number AS story_number, t.automated, t.last_result";
const JOINS: &str = "JOIN projects p ON p.id = t.project_id LEFT JOIN stories s ON s.id = t.story_id";

/// A case as the list shows it, read by column name.
#[derive(sqlx::FromRow)]
struct CaseRecord {
    id: CaseId,
    project_key: String,
    number: i64,
    title: String,
    kind: super::model::CaseKind,
    priority: Priority,
    status: CaseStatus,
    tags: String,
    story_number: Option<i64>,
    automated: bool,
    last_result: Option<String>,
}

impl From<CaseRecord> for CaseRow {
    fn from(r: CaseRecord) -> Self {
        let key = r.project_key;
        CaseRow {
            id: r.id,
            key: human_key(&key, Numbered::Case, r.number),
            number: r.number,
            title: r.title,
            kind: r.kind,
            priority: r.priority,
            status: r.status,
            tags: r.tags.split_whitespace().map(str::to_owned).collect(),
            story: r.story_number.map(|n| human_key(&key, Numbered::Story, n)),
            automated: r.automated,
            last_result: r.last_result.as_deref().and_then(super::model::RunResult::from_name),
        }
    }
}

/// The other fields of one case, beside its `CaseRecord`.
#[derive(sqlx::FromRow)]
struct CaseFields {
    #[sqlx(flatten)]
    record: CaseRecord,
    description: String,
    preconditions: String,
    estimated_minutes: Option<i32>,
    gherkin: String,
    gherkin_valid: bool,
    revision: i64,
    updated_at: DateTime<Utc>,
    story_title: Option<String>,
}

/// A case of `project` by number, with its other fields: (row, case, story title, revision, updated).
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<(CaseRow, ValidCase, Option<String>, i64, DateTime<Utc>)>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLS}, t.description, t.preconditions, t.estimated_minutes, t.gherkin, t.gherkin_valid, t.revision, \
         t.updated_at, s.title AS story_title \
         FROM test_cases t {JOINS} WHERE t.organization_id = $1 AND t.project_id = $2 AND t.number = $3"
    );
    let found: Option<CaseFields> = db_run!(c, conn => sqlx::query_as(&sql)
        .bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    let Some(CaseFields {
        record,
        description,
        preconditions,
        estimated_minutes,
        gherkin,
        gherkin_valid,
        revision,
        updated_at: updated,
        story_title,
    }) = found
    else {
        return Ok(None);
    };
    let story = record.story_number;
    let row = CaseRow::from(record);
    let criteria: Vec<CriterionId> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT criterion_id FROM test_case_criteria WHERE test_case_id = $1 ORDER BY criterion_id",
    )
    .bind(row.id).fetch_all(conn).await)?;
    let case = ValidCase {
        title: row.title.clone(),
        description,
        preconditions,
        story,
        criteria,
        kind: row.kind,
        priority: row.priority,
        status: row.status,
        tags: row.tags.clone(),
        estimated_minutes,
        automated: row.automated,
        gherkin,
        gherkin_valid,
    };
    Ok(Some((row, case, story_title, revision, updated)))
}

/// Number, title and Gherkin of the project's cases among `numbers` (all when `None`), in number
/// order: what a `.feature` export needs, in one query.
pub async fn feature_sources(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    numbers: Option<&[i64]>,
) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    if numbers.is_some_and(<[i64]>::is_empty) {
        return Ok(Vec::new());
    }
    let q = by_numbers("number, title, gherkin", org, project, numbers);
    db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)
}

/// `SELECT <cols>` of the project's cases among `numbers` (all when `None`), in number order.
/// Selections are at most 1,000 cases (`AppError::check_selection`), well under both backends'
/// parameter limits.
fn by_numbers(cols: &str, org: OrgId, project: ProjectId, numbers: Option<&[i64]>) -> Sql {
    let mut q = Sql::new("");
    q.push(
        &format!("SELECT {cols} FROM test_cases WHERE organization_id = ? AND project_id = ?"),
        [org.0.into(), project.0.into()],
    );
    if let Some(numbers) = numbers {
        q.and_in("number", numbers.iter().map(|n| Arg::Int(*n)));
    }
    q.text.push_str(" ORDER BY number");
    q
}

/// Ids of the project's cases among `numbers`, in number order (for bulk actions).
pub async fn ids_of(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    numbers: &[i64],
) -> Result<Vec<(CaseId, i64)>, sqlx::Error> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let q = by_numbers("id, number", org, project, Some(numbers));
    db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)
}

pub async fn insert_revision(
    c: &mut impl AsConn,
    case: CaseId,
    revision: i64,
    author: Option<i64>,
    summary: &str,
    snapshot: &ValidCase,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(snapshot).unwrap_or_default();
    db_run!(c, conn => sqlx::query(
        "INSERT INTO test_case_revisions (test_case_id, revision, author_id, summary, snapshot, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case).bind(revision).bind(author).bind(summary).bind(&json).bind(now).execute(conn).await.map(drop))
}

/// A case's revisions, newest first.
pub async fn revisions(c: &mut impl AsConn, case: CaseId) -> Result<Vec<RevisionInfo>, sqlx::Error> {
    let rows: Vec<(i64, Option<String>, String, DateTime<Utc>)> = db_run!(c, conn => sqlx::query_as(
        "SELECT r.revision, u.name, r.summary, r.created_at FROM test_case_revisions r LEFT JOIN users u ON u.id = r.author_id \
         WHERE r.test_case_id = $1 ORDER BY r.revision DESC",
    )
    .bind(case).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(revision, author, summary, at)| RevisionInfo { revision, author, summary, created_at: at.to_rfc3339() })
        .collect())
}

/// The fields a case had at `revision`.
pub async fn snapshot(c: &mut impl AsConn, case: CaseId, revision: i64) -> Result<Option<ValidCase>, sqlx::Error> {
    let json: Option<String> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT snapshot FROM test_case_revisions WHERE test_case_id = $1 AND revision = $2",
    )
    .bind(case).bind(revision).fetch_optional(conn).await)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}

/// Most (criterion, case) pairs a story's page lists.
pub const COVERS_LIMIT: i64 = 5_000;

/// Which case of project `project` covers which criterion of `story`: (criterion, key, number).
pub async fn covers(
    c: &mut impl AsConn,
    org: OrgId,
    project: (ProjectId, &str),
    story: StoryId,
) -> Result<Vec<(CriterionId, String, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = db_run!(c, conn => sqlx::query_as(
        "SELECT x.criterion_id, t.number FROM test_case_criteria x \
         JOIN test_cases t ON t.id = x.test_case_id JOIN acceptance_criteria a ON a.id = x.criterion_id \
         WHERE t.organization_id = $1 AND t.project_id = $2 AND a.story_id = $3 ORDER BY t.number, x.criterion_id LIMIT $4",
    ).bind(org.0).bind(project.0 .0).bind(story.0).bind(COVERS_LIMIT).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(|(crit, n)| (CriterionId(crit), human_key(project.1, Numbered::Case, n), n)).collect())
}
