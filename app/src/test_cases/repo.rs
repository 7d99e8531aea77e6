//! SQL for test cases, their tags, covered criteria and revisions. Every query is scoped by
//! organization; full-text filters are the one place the SQL differs per backend.
use super::model::{CaseFilter, CaseRow, CaseSort, CaseStatus, RevisionInfo, ValidCase};
use crate::{
    bind_args,
    db::{backend_of, Arg, AsConn, Backend, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    search::{fts_clause, fts_query},
    stories::model::Priority,
};
use chrono::{DateTime, Utc};
use sqlx::Row as _;

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
const JOINS: &str = "JOIN projects p ON p.id = t.project_id LEFT JOIN stories s ON s.id = t.story_id";

type Row =
    (i64, String, i64, String, super::model::CaseKind, Priority, CaseStatus, String, Option<i64>, bool, Option<String>);

fn row(r: Row) -> CaseRow {
    let (id, key, number, title, kind, priority, status, tags, story, automated, last_result) = r;
    CaseRow {
        id,
        key: crate::wire::human_key(&key, crate::wire::Numbered::Case, number),
        number,
        title,
        kind,
        priority,
        status,
        tags: tags.split_whitespace().map(str::to_owned).collect(),
        story: story.map(|n| crate::wire::human_key(&key, crate::wire::Numbered::Story, n)),
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
    let sql = format!(
        "SELECT {COLS}, t.description, t.preconditions, t.estimated_minutes, t.gherkin, t.gherkin_valid, t.revision, t.updated_at, s.title \
         FROM test_cases t {JOINS} WHERE t.organization_id = $1 AND t.project_id = $2 AND t.number = $3"
    );
    type Extra = (String, String, Option<i32>, String, bool, i64, DateTime<Utc>, Option<String>);
    // The row's columns come first (`COLS`, read as `Row`), the other fields after them.
    let found: Option<(Row, Extra)> = db_run!(c, conn => match sqlx::query(&sql).bind(org.0).bind(project.0).bind(number)
        .fetch_optional(conn).await?
    {
        None => None,
        Some(r) => Some((
            sqlx::FromRow::from_row(&r)?,
            (r.try_get(11)?, r.try_get(12)?, r.try_get(13)?, r.try_get(14)?, r.try_get(15)?, r.try_get(16)?, r.try_get(17)?, r.try_get(18)?),
        )),
    });
    let Some((
        r,
        (description, preconditions, estimated_minutes, gherkin, gherkin_valid, revision, updated, story_title),
    )) = found
    else {
        return Ok(None);
    };
    let row = row(r);
    let criteria: Vec<i64> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT criterion_id FROM test_case_criteria WHERE test_case_id = $1 ORDER BY criterion_id",
    )
    .bind(row.id).fetch_all(conn).await)?;
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

/// How SQLite uses a full-text match in a window or a count: up to `read_matches_up_to` matching
/// documents it reads the matches by rowid and sorts them (cost grows with the matches); above,
/// it walks the list index in order and keeps the rows whose id matched (cost grows with how far
/// it walks). PostgreSQL's planner knows how common each word is and needs no hint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPlan {
    pub read_matches_up_to: i64,
}

impl Default for TextPlan {
    /// Measured at 100,000 cases (docs/benchmarks.md): reading 10,000 matches costs about what a
    /// walk costs, and a walk's last window may have to pass the rest of the index.
    fn default() -> Self {
        TextPlan { read_matches_up_to: 10_000 }
    }
}

/// The full-text condition on `t` for `text` (already in the backend's syntax), bound at `?`.
/// PostgreSQL's planner knows how common each word is; SQLite's does not, so it is told by
/// counting the matches, which stops at the threshold.
async fn text_condition(c: &mut impl AsConn, text: &str, plan: TextPlan) -> Result<Option<String>, sqlx::Error> {
    if text.is_empty() {
        return Ok(None);
    }
    let backend = backend_of(c);
    let clause = fts_clause(backend, "test_cases", "t", "?");
    if backend == Backend::Postgres {
        return Ok(Some(clause));
    }
    let up_to = plan.read_matches_up_to;
    let matches: i64 = db_run!(c, conn => sqlx::query_scalar(
        "SELECT COUNT(*) FROM (SELECT 1 FROM test_cases_fts WHERE test_cases_fts MATCH $1 LIMIT $2)",
    )
    .bind(text).bind(up_to.saturating_add(1)).fetch_one(conn).await)?;
    // A unary `+` keeps SQLite from driving the scan by the matches' rowids.
    Ok(Some(if matches > up_to { format!("+{clause}") } else { clause }))
}

/// `<select> FROM … WHERE …` of the cases of `project` (of `org`) that match `f`, its words as
/// the backend's full-text query (planned by `plan`). Only the filters that are set become
/// conditions, so each backend plans the statement for what is really asked.
async fn matching(
    c: &mut impl AsConn,
    select: &str,
    org: OrgId,
    project: ProjectId,
    f: &CaseFilter,
    plan: TextPlan,
) -> Result<Sql, sqlx::Error> {
    let text = fts_query(backend_of(c), &f.text);
    let text = text.as_str();
    let text_clause = text_condition(c, text, plan).await?;
    let mut q = Sql::new(select);
    q.push(" FROM test_cases t WHERE t.project_id = ?", [project.0.into()]);
    // The project was looked up in `org`; this checks it again at no cost per row (evaluated once).
    q.and(
        "EXISTS (SELECT 1 FROM projects o WHERE o.id = ? AND o.organization_id = ?)",
        [project.0.into(), org.0.into()],
    );
    if let Some(n) = f.story {
        q.and(
            "t.story_id = (SELECT id FROM stories WHERE project_id = ? AND number = ?)",
            [project.0.into(), n.into()],
        );
    }
    if let Some(k) = f.kind {
        q.and("t.kind = ?", [k.as_str().into()]);
    }
    if let Some(p) = f.priority {
        q.and("t.priority = ?", [p.as_str().into()]);
    }
    if let Some(s) = f.status {
        q.and("t.status = ?", [s.as_str().into()]);
    }
    let tag = f.tag.trim().to_lowercase();
    if !tag.is_empty() {
        // SQLite looks the tag up in `test_case_tags` by primary key; PostgreSQL checks the row it
        // has already read (after the bitmap intersection) instead of hashing every tagged case.
        let clause = match backend_of(c) {
            Backend::Sqlite => "EXISTS (SELECT 1 FROM test_case_tags g WHERE g.test_case_id = t.id AND g.tag = ?)",
            Backend::Postgres => "? = ANY (string_to_array(t.tags, ' '))",
        };
        q.and(clause, [tag.into()]);
    }
    match f.last_result.trim() {
        "" => {}
        "not_run" => {
            q.and("t.last_result IS NULL", []);
        }
        r => {
            q.and("t.last_result = ?", [r.into()]);
        }
    }
    if let Some(clause) = text_clause {
        q.and(&clause, [text.into()]);
    }
    Ok(q)
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

/// Where a window of the list starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    After(Cursor),
    Offset(i64),
}

/// One window of filtered cases (`plan` is `TextPlan::default()` except in tests of SQLite's two
/// plans). Returns each row with its `updated_at` (the cursor of the Updated sort).
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &CaseFilter,
    start: &Start,
    limit: i64,
    plan: TextPlan,
) -> Result<Vec<(CaseRow, String)>, sqlx::Error> {
    let mut q = matching(c, "SELECT t.id", org, project, f, plan).await?;
    let order = match f.sort {
        CaseSort::Number => "t.number",
        CaseSort::Title => "t.title, t.id",
        CaseSort::Updated => "t.updated_at DESC, t.id DESC",
    };
    let mut offset = 0;
    // Row values, not `a > x OR (a = x AND id > y)`: both planners seek the index to a row value.
    match start {
        Start::Offset(n) => offset = *n,
        Start::After(a) => match f.sort {
            CaseSort::Number => {
                q.and("t.number > ?", [a.number.into()]);
            }
            CaseSort::Title => {
                q.and("(t.title, t.id) > (?, ?)", [a.text.clone().into(), a.id.into()]);
            }
            CaseSort::Updated => {
                let at = DateTime::parse_from_rfc3339(&a.text).map(|d| d.with_timezone(&Utc)).unwrap_or_default();
                q.and("(t.updated_at, t.id) < (?, ?)", [at.into(), a.id.into()]);
            }
        },
    }
    // The window's ids come from the indexes alone; only its rows are then read and joined.
    q.push(&format!(" ORDER BY {order} LIMIT ? OFFSET ?"), [limit.into(), offset.into()]);
    q.text = format!(
        "SELECT {COLS}, t.updated_at FROM ({}) w JOIN test_cases t ON t.id = w.id {JOINS} ORDER BY {order}",
        q.text
    );
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
    let rows: Vec<Full> = db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|(a, b, c2, d, e, f2, g, h, i, j, k, updated)| {
            (row((a, b, c2, d, e, f2, g, h, i, j, k)), updated.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        })
        .collect())
}

/// How many cases match the filters (as in `list`).
pub async fn count(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    f: &CaseFilter,
    plan: TextPlan,
) -> Result<i64, sqlx::Error> {
    let q = matching(c, "SELECT COUNT(*)", org, project, f, plan).await?;
    db_run!(c, conn => bind_args!(sqlx::query_scalar(&q.text), &q.args).fetch_one(conn).await)
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
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    let q = by_numbers("id, number", org, project, Some(numbers));
    db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)
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
