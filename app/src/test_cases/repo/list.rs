//! The case list's SQL: the filters that are set become conditions, the full-text match is
//! planned per backend, and windows are keyset or offset pages read from the indexes first.
use super::{CaseRecord, COLS, JOINS};
use crate::{
    bind_args,
    db::{backend_of, AsConn, Backend, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    search::{fts_clause, fts_query},
    test_cases::model::{CaseFilter, CaseRow, CaseSort},
};
use chrono::{DateTime, Utc};

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
        Cursor { id: row.id.0, number: row.number, text }
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
    let rows: Vec<Listed> = db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| (CaseRow::from(r.record), r.updated_at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)))
        .collect())
}

/// A row of a window with its `updated_at` (the cursor of the Updated sort).
#[derive(sqlx::FromRow)]
struct Listed {
    #[sqlx(flatten)]
    record: CaseRecord,
    updated_at: DateTime<Utc>,
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
