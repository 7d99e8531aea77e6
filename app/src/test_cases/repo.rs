//! SQL for test cases, their tags, covered criteria and revisions. Every query is scoped by
//! organization; full-text filters are the one place the SQL differs per backend.
use super::model::{CaseFilter, CaseRow, CaseSort, CaseStatus, RevisionInfo, ValidCase};
use crate::{
    db::{backend_of, AsConn, Backend},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    search::fts_clause,
    stories::model::Priority,
};
use chrono::{DateTime, Utc};

/// Takes the project's next case number (the counter is updated in the caller's transaction).
pub async fn next_number(c: &mut impl AsConn, project: ProjectId) -> Result<i64, sqlx::Error> {
    reserve_numbers(c, project, 1).await
}

/// Takes `n` consecutive case numbers at once; returns the first.
pub async fn reserve_numbers(c: &mut impl AsConn, project: ProjectId, n: i64) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "UPDATE projects SET next_case_number = next_case_number + $2 WHERE id = $1 RETURNING next_case_number - $2",
    )
    .bind(project.0).bind(n).fetch_one(conn).await)
}

/// The fields every write binds, after the story number became a story id.
pub struct Stored<'a> {
    pub case: &'a ValidCase,
    pub story_id: Option<i64>,
}

pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
    s: Stored<'_>,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let v = s.case;
    let tags = v.tags.join(" ");
    let id: i64 = db_run!(c, conn => sqlx::query_scalar(
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
    id: i64,
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
async fn set_links(c: &mut impl AsConn, id: i64, s: Stored<'_>, replace: bool) -> Result<(), sqlx::Error> {
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

pub async fn delete(c: &mut impl AsConn, org: OrgId, project: ProjectId, ids: &[i64]) -> Result<u64, sqlx::Error> {
    let mut n = 0;
    for id in ids {
        n += db_run!(c, conn => sqlx::query("DELETE FROM test_cases WHERE id = $1 AND organization_id = $2 AND project_id = $3")
            .bind(id).bind(org.0).bind(project.0).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(n)
}

const COLS: &str =
    "t.id, p.key, t.number, t.title, t.kind, t.priority, t.status, t.tags, s.number, t.automated, t.last_result";
const FROM: &str = "FROM test_cases t JOIN projects p ON p.id = t.project_id LEFT JOIN stories s ON s.id = t.story_id";

type Row =
    (i64, String, i64, String, super::model::CaseKind, Priority, CaseStatus, String, Option<i64>, bool, Option<String>);

fn row(r: Row) -> CaseRow {
    let (id, key, number, title, kind, priority, status, tags, story, automated, last_result) = r;
    CaseRow {
        id,
        key: format!("{key}-TC-{number}"),
        number,
        title,
        kind,
        priority,
        status,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        story: story.map(|n| format!("{key}-US-{n}")),
        automated,
        last_result: last_result.as_deref().and_then(super::model::RunResult::from_name),
    }
}

/// A case of `project` by number, with its other fields: (row, case, story title, revision, updated).
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<(CaseRow, ValidCase, Option<String>, i64, DateTime<Utc>)>, sqlx::Error> {
    let sql = "SELECT t.id, t.description, t.preconditions, t.estimated_minutes, t.gherkin, t.gherkin_valid, t.revision, t.updated_at, s.title \
               FROM test_cases t LEFT JOIN stories s ON s.id = t.story_id \
               WHERE t.organization_id = $1 AND t.project_id = $2 AND t.number = $3";
    type Extra = (i64, String, String, Option<i32>, String, bool, i64, DateTime<Utc>, Option<String>);
    let extra: Option<Extra> =
        db_run!(c, conn => sqlx::query_as(sql).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    let Some((
        id,
        description,
        preconditions,
        estimated_minutes,
        gherkin,
        gherkin_valid,
        revision,
        updated,
        story_title,
    )) = extra
    else {
        return Ok(None);
    };
    let r: Row = db_run!(c, conn => sqlx::query_as(&format!("SELECT {COLS} {FROM} WHERE t.id = $1")).bind(id).fetch_one(conn).await)?;
    let row = row(r);
    let criteria: Vec<i64> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT criterion_id FROM test_case_criteria WHERE test_case_id = $1 ORDER BY criterion_id",
    )
    .bind(id).fetch_all(conn).await)?;
    let story = row.story.as_deref().and_then(|k| k.rsplit('-').next()).and_then(|n| n.parse().ok());
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

/// The WHERE clause of the list for `backend`; the text search is bound last, as `$9`.
fn filter_sql(backend: Backend, text: &str) -> String {
    let text = if text.is_empty() { "$9 = ''".to_owned() } else { fts_clause(backend, "test_cases", "t", "$9") };
    format!(
        "t.organization_id = $1 AND t.project_id = $2 \
         AND ($3 IS NULL OR t.story_id = (SELECT id FROM stories WHERE project_id = $2 AND number = $3)) \
         AND ($4 IS NULL OR t.kind = $4) AND ($5 IS NULL OR t.priority = $5) AND ($6 IS NULL OR t.status = $6) \
         AND ($7 = '' OR EXISTS (SELECT 1 FROM test_case_tags g WHERE g.test_case_id = t.id AND g.tag = $7)) \
         AND ($8 = '' OR ($8 = 'not_run' AND t.last_result IS NULL) OR t.last_result = $8) AND {text}"
    )
}

/// Where a window starts: after the last row of the window before it (keyset), or at an offset
/// when the list jumped there without reading what comes before.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    pub id: i64,
    pub number: i64,
    pub text: String,
}

impl Cursor {
    pub fn of(row: &CaseRow, sort: CaseSort, updated: Option<&str>) -> Self {
        let text = match sort {
            CaseSort::Number => String::new(),
            CaseSort::Title => row.title.clone(),
            CaseSort::Updated => updated.unwrap_or_default().to_owned(),
        };
        Cursor { id: row.id, number: row.number, text }
    }

    pub fn encode(&self) -> String {
        format!("{}|{}|{}", self.id, self.number, self.text)
    }

    pub fn decode(s: &str) -> Option<Self> {
        let mut it = s.splitn(3, '|');
        Some(Cursor { id: it.next()?.parse().ok()?, number: it.next()?.parse().ok()?, text: it.next()?.to_owned() })
    }
}

fn binds(f: &CaseFilter) -> (Option<String>, Option<String>, Option<String>) {
    (
        f.kind.map(|k| k.as_str().to_owned()),
        f.priority.map(|p| p.as_str().to_owned()),
        f.status.map(|s| s.as_str().to_owned()),
    )
}

/// Where a window of the list starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    After(Cursor),
    Offset(i64),
}

/// One window of filtered cases. Returns each row with its `updated_at` (the cursor of the
/// Updated sort).
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &CaseFilter,
    text: &str,
    start: &Start,
    limit: i64,
) -> Result<Vec<(CaseRow, String)>, sqlx::Error> {
    let (after, offset) = match start {
        Start::After(c) => (Some(c), 0),
        Start::Offset(n) => (None, *n),
    };
    let backend = backend_of(c);
    let (keyset, order) = match f.sort {
        CaseSort::Number => ("($10 IS NULL OR t.number > $11)", "t.number"),
        CaseSort::Title => ("($10 IS NULL OR t.title > $12 OR (t.title = $12 AND t.id > $10))", "t.title, t.id"),
        CaseSort::Updated => (
            "($10 IS NULL OR t.updated_at < $13 OR (t.updated_at = $13 AND t.id < $10))",
            "t.updated_at DESC, t.id DESC",
        ),
    };
    let updated: Option<DateTime<Utc>> = match (f.sort, after) {
        (CaseSort::Updated, Some(a)) => DateTime::parse_from_rfc3339(&a.text).ok().map(|d| d.with_timezone(&Utc)),
        _ => None,
    };
    // The unused cursor parameters stay referenced so PostgreSQL can type every one of them.
    let sql = format!(
        "SELECT {COLS}, t.updated_at {FROM} WHERE {} AND {keyset} \
         AND ($11 IS NULL OR $11 = $11) AND ($12 IS NULL OR $12 = $12) AND ($13 IS NULL OR $13 = $13) \
         ORDER BY {order} LIMIT $14 OFFSET $15",
        filter_sql(backend, text)
    );
    let (kind, priority, status) = binds(f);
    let (after_id, after_n, after_t) = match after {
        Some(a) => (Some(a.id), Some(a.number), Some(a.text.clone())),
        None => (None, None, None),
    };
    type Full = (
        i64,
        String,
        i64,
        String,
        super::model::CaseKind,
        Priority,
        CaseStatus,
        String,
        Option<i64>,
        bool,
        Option<String>,
        DateTime<Utc>,
    );
    let rows: Vec<Full> = db_run!(c, conn => sqlx::query_as(&sql)
        .bind(org.0).bind(project.0).bind(f.story).bind(&kind).bind(&priority).bind(&status).bind(f.tag.trim().to_lowercase())
        .bind(f.last_result.trim()).bind(text).bind(after_id).bind(after_n).bind(&after_t).bind(updated).bind(limit).bind(offset)
        .fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(a, b, c2, d, e, f2, g, h, i, j, k, updated)| {
            (row((a, b, c2, d, e, f2, g, h, i, j, k)), updated.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        })
        .collect())
}

/// How many cases match `f`.
pub async fn count(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &CaseFilter,
    text: &str,
) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM test_cases t WHERE {}", filter_sql(backend_of(c), text));
    let (kind, priority, status) = binds(f);
    db_run!(c, conn => sqlx::query_scalar(&sql)
        .bind(org.0).bind(project.0).bind(f.story).bind(&kind).bind(&priority).bind(&status).bind(f.tag.trim().to_lowercase())
        .bind(f.last_result.trim()).bind(text)
        .fetch_one(conn).await)
}

/// Ids of the project's cases among `numbers`, in number order (for bulk actions and exports).
pub async fn ids_of(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    numbers: Option<&[i64]>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let all: Vec<(i64, i64)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, number FROM test_cases WHERE organization_id = $1 AND project_id = $2 ORDER BY number",
    )
    .bind(org.0).bind(project.0).fetch_all(conn).await)?;
    Ok(match numbers {
        None => all,
        Some(wanted) => {
            let wanted: std::collections::HashSet<i64> = wanted.iter().copied().collect();
            all.into_iter().filter(|(_, n)| wanted.contains(n)).collect()
        }
    })
}

pub async fn insert_revision(
    c: &mut impl AsConn,
    case: i64,
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
pub async fn revisions(c: &mut impl AsConn, case: i64) -> Result<Vec<RevisionInfo>, sqlx::Error> {
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
pub async fn snapshot(c: &mut impl AsConn, case: i64, revision: i64) -> Result<Option<ValidCase>, sqlx::Error> {
    let json: Option<String> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT snapshot FROM test_case_revisions WHERE test_case_id = $1 AND revision = $2",
    )
    .bind(case).bind(revision).fetch_optional(conn).await)?;
    Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
}
