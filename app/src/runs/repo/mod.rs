//! SQL of test runs. Every query is scoped by organization. Assigning cases: `assign`; recording
//! the runner's batches: `record`.
pub mod assign;
pub mod record;

use super::model::{Counts, ExecStatus, RunCase, RunId, RunStatus, RunSummary, StepMark, StepStatus, ValidRun};
use crate::{
    bind_args,
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::ProjectId,
    users::model::UserId,
    wire::{human_key, Numbered},
};
use chrono::{DateTime, Utc};

pub async fn insert(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
    run: &ValidRun,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<RunId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO test_runs (organization_id, project_id, number, name, environment, due_date, status, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'planned', $7, $8, $8) RETURNING id",
    ).bind(org.0).bind(project.0).bind(number).bind(&run.name).bind(&run.environment)
    .bind(run.due_date.map(|d| d.to_string())).bind(by.0).bind(now).fetch_one(conn).await.map(RunId))
}

/// Cases added by one statement (two parameters each).
const ADD_CHUNK: usize = 1_000;

/// Adds the project's cases numbered `numbers` to the run, in that order (unknown numbers are
/// skipped), a thousand per statement; returns how many were added.
pub async fn add_cases(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    run: RunId,
    numbers: &[i64],
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    let mut added = 0;
    for (k, chunk) in numbers.chunks(ADD_CHUNK).enumerate() {
        let mut q = Sql::new(
            "INSERT INTO run_cases (organization_id, run_id, case_id, case_number, position, title, updated_at) SELECT ",
        );
        q.push("?, ?, t.id, t.number, v.column2, t.title, ? FROM (VALUES ", [org.0.into(), run.0.into(), now.into()]);
        for (i, n) in chunk.iter().enumerate() {
            let position = (k * ADD_CHUNK + i) as i64;
            q.push(if i == 0 { "(?, ?)" } else { ", (?, ?)" }, [(*n).into(), position.into()]);
        }
        q.push(
            ") AS v JOIN test_cases t ON t.number = v.column1 WHERE t.organization_id = ? AND t.project_id = ? \
             ON CONFLICT (run_id, case_number) DO NOTHING",
            [org.0.into(), project.0.into()],
        );
        added += db_run!(c, conn => bind_args!(sqlx::query(&q.text), &q.args).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(added)
}

/// Numbers of the project's cases linked to the stories numbered `stories`.
pub async fn cases_of_stories(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    stories: &[i64],
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut out = Vec::new();
    for s in stories {
        let mut numbers: Vec<i64> = db_run!(c, conn => sqlx::query_scalar(
            "SELECT t.number FROM test_cases t JOIN stories s ON s.id = t.story_id \
             WHERE t.organization_id = $1 AND t.project_id = $2 AND s.number = $3 ORDER BY t.number LIMIT $4",
        ).bind(org.0).bind(project.0).bind(s).bind(limit).fetch_all(conn).await)?;
        out.append(&mut numbers);
    }
    Ok(out)
}

/// Numbers of the failed and blocked cases of run `run`.
pub async fn failed_and_blocked(c: &mut impl AsConn, org: OrgId, run: RunId) -> Result<Vec<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT case_number FROM run_cases WHERE organization_id = $1 AND run_id = $2 AND status IN ('failed', 'blocked') ORDER BY position",
    ).bind(org.0).bind(run.0).fetch_all(conn).await)
}

/// Starts a planned run: each case's current revision and Gherkin become what is executed.
/// False when the run was not planned.
pub async fn start(c: &mut impl AsConn, org: OrgId, run: RunId, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let started = db_run!(c, conn => sqlx::query(
        "UPDATE test_runs SET status = 'in_progress', started_at = $3, updated_at = $3 \
         WHERE organization_id = $1 AND id = $2 AND status = 'planned'",
    ).bind(org.0).bind(run.0).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))?;
    if started {
        db_run!(c, conn => sqlx::query(
            "UPDATE run_cases SET revision = (SELECT t.revision FROM test_cases t WHERE t.id = run_cases.case_id), \
             gherkin = (SELECT t.gherkin FROM test_cases t WHERE t.id = run_cases.case_id), \
             title = COALESCE((SELECT t.title FROM test_cases t WHERE t.id = run_cases.case_id), title) \
             WHERE run_id = $1",
        ).bind(run.0).execute(conn).await.map(|_| ()))?;
    }
    Ok(started)
}

/// Sets the run's status from `from` to `to`; false when it was not `from`.
pub async fn set_status(
    c: &mut impl AsConn,
    org: OrgId,
    run: RunId,
    from: RunStatus,
    to: RunStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE test_runs SET status = $4, completed_at = CASE WHEN $4 = 'completed' THEN $5 ELSE NULL END, updated_at = $5 \
         WHERE organization_id = $1 AND id = $2 AND status = $3",
    ).bind(org.0).bind(run.0).bind(from).bind(to).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    project_key: String,
    number: i64,
    name: String,
    environment: String,
    due_date: Option<String>,
    status: RunStatus,
    created_by: Option<String>,
    created_at: DateTime<Utc>,
}

const SUMMARY: &str = "SELECT r.id, p.key AS project_key, r.number, r.name, r.environment, r.due_date, r.status, \
     u.name AS created_by, r.created_at FROM test_runs r JOIN projects p ON p.id = r.project_id \
     LEFT JOIN users u ON u.id = r.created_by";

/// Counts per status of run `run`, by the database.
pub async fn counts(c: &mut impl AsConn, run: RunId) -> Result<Counts, sqlx::Error> {
    let rows: Vec<(ExecStatus, i64)> = db_run!(c, conn => sqlx::query_as(
        "SELECT status, COUNT(*) FROM run_cases WHERE run_id = $1 GROUP BY status",
    ).bind(run.0).fetch_all(conn).await)?;
    let mut counts = Counts::default();
    for (status, n) in rows {
        counts.add(status, n);
    }
    Ok(counts)
}

async fn summary(c: &mut impl AsConn, r: SummaryRow) -> Result<RunSummary, sqlx::Error> {
    let counts = counts(c, RunId(r.id)).await?;
    Ok(RunSummary {
        id: RunId(r.id),
        key: human_key(&r.project_key, Numbered::Run, r.number),
        number: r.number,
        name: r.name,
        environment: r.environment,
        due_date: r.due_date,
        status: r.status,
        counts,
        created_by: r.created_by,
        created_at: r.created_at,
    })
}

/// Run `number` of project `project` in `org`.
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<RunSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} WHERE r.organization_id = $1 AND r.project_id = $2 AND r.number = $3");
    let row: Option<SummaryRow> =
        db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    match row {
        Some(r) => Ok(Some(summary(c, r).await?)),
        None => Ok(None),
    }
}

/// Run `number`'s id and status, without its counts: what recording results needs.
pub async fn status_of(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    number: i64,
) -> Result<Option<(RunId, RunStatus)>, sqlx::Error> {
    let row: Option<(i64, RunStatus)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, status FROM test_runs WHERE organization_id = $1 AND project_id = $2 AND number = $3",
    ).bind(org.0).bind(project.0).bind(number).fetch_optional(conn).await)?;
    Ok(row.map(|(id, status)| (RunId(id), status)))
}

/// The project's runs, newest first.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    limit: i64,
) -> Result<Vec<RunSummary>, sqlx::Error> {
    let sql = format!("{SUMMARY} WHERE r.organization_id = $1 AND r.project_id = $2 ORDER BY r.number DESC LIMIT $3");
    let rows: Vec<SummaryRow> =
        db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(project.0).bind(limit).fetch_all(conn).await)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(summary(c, r).await?);
    }
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct CaseRow {
    case_number: i64,
    title: String,
    revision: Option<i64>,
    status: ExecStatus,
    executed_by: Option<String>,
    elapsed_ms: i64,
    assignee_id: Option<i64>,
    assignee: Option<String>,
}

impl From<CaseRow> for RunCase {
    fn from(r: CaseRow) -> Self {
        RunCase {
            number: r.case_number,
            title: r.title,
            revision: r.revision,
            status: r.status,
            executed_by: r.executed_by,
            elapsed_ms: r.elapsed_ms,
            assignee_id: r.assignee_id.map(UserId),
            assignee: r.assignee,
        }
    }
}

const CASE: &str = "SELECT x.case_number, x.title, x.revision, x.status, u.name AS executed_by, x.elapsed_ms, \
     x.assignee_id, a.name AS assignee FROM run_cases x LEFT JOIN users u ON u.id = x.executed_by \
     LEFT JOIN users a ON a.id = x.assignee_id";

/// The run's cases in order, at most `limit`.
pub async fn cases(c: &mut impl AsConn, run: RunId, limit: i64) -> Result<Vec<RunCase>, sqlx::Error> {
    let sql = format!("{CASE} WHERE x.run_id = $1 ORDER BY x.position, x.case_number LIMIT $2");
    let rows: Vec<CaseRow> = db_run!(c, conn => sqlx::query_as(&sql).bind(run.0).bind(limit).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(RunCase::from).collect())
}

/// One execution of the run: its row id, what it shows, and its snapshot.
pub async fn execution(
    c: &mut impl AsConn,
    run: RunId,
    number: i64,
) -> Result<Option<(i64, RunCase, String)>, sqlx::Error> {
    let row: Option<(i64, String)> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, COALESCE(gherkin, '') FROM run_cases WHERE run_id = $1 AND case_number = $2",
    ).bind(run.0).bind(number).fetch_optional(conn).await)?;
    let Some((id, gherkin)) = row else { return Ok(None) };
    let sql = format!("{CASE} WHERE x.id = $1");
    let case: CaseRow = db_run!(c, conn => sqlx::query_as(&sql).bind(id).fetch_one(conn).await)?;
    Ok(Some((id, case.into(), gherkin)))
}

#[derive(sqlx::FromRow)]
struct MarkRow {
    scenario: i64,
    step: i64,
    status: StepStatus,
    actual: String,
    comment: String,
    by: Option<String>,
}

/// The marks of execution `id`, in scenario and step order.
pub async fn marks(c: &mut impl AsConn, id: i64) -> Result<Vec<StepMark>, sqlx::Error> {
    let rows: Vec<MarkRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT m.scenario, m.step, m.status, m.actual, m.comment, u.name AS by FROM step_results m \
         LEFT JOIN users u ON u.id = m.marked_by WHERE m.run_case_id = $1 ORDER BY m.scenario, m.step",
    ).bind(id).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| StepMark {
            scenario: r.scenario,
            step: r.step,
            status: r.status,
            actual: r.actual,
            comment: r.comment,
            by: r.by,
        })
        .collect())
}

/// Records the operations `ids` of `org` as applied, in one statement; returns those that were
/// not applied before (a replayed id is left out).
pub async fn claim_ops(
    c: &mut impl AsConn,
    org: OrgId,
    run: RunId,
    ids: &[&str],
    now: DateTime<Utc>,
) -> Result<Vec<String>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = Sql::new("INSERT INTO applied_ops (organization_id, op_id, run_id, applied_at) VALUES ");
    for (i, id) in ids.iter().enumerate() {
        q.push(
            if i == 0 { "(?, ?, ?, ?)" } else { ", (?, ?, ?, ?)" },
            [org.0.into(), (*id).into(), run.0.into(), now.into()],
        );
    }
    q.push(" ON CONFLICT DO NOTHING RETURNING op_id", []);
    db_run!(c, conn => bind_args!(sqlx::query_scalar(&q.text), &q.args).fetch_all(conn).await)
}

/// Numbers of the project's cases, in order, at most `limit`.
pub async fn all_cases(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT number FROM test_cases WHERE organization_id = $1 AND project_id = $2 ORDER BY number LIMIT $3",
    ).bind(org.0).bind(project.0).bind(limit).fetch_all(conn).await)
}

/// The case numbers of run `run` in the order it executes them.
pub async fn order(c: &mut impl AsConn, run: RunId) -> Result<Vec<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "SELECT case_number FROM run_cases WHERE run_id = $1 ORDER BY position, case_number",
    ).bind(run.0).fetch_all(conn).await)
}

#[derive(sqlx::FromRow)]
struct PastRow {
    project_key: String,
    run_number: i64,
    run_name: String,
    status: ExecStatus,
    executed_by: Option<String>,
    at: DateTime<Utc>,
}

/// Case `case_number`'s executions in the project's runs (started ones), newest run first, at
/// most `limit`.
pub async fn history(
    c: &mut impl AsConn,
    org: OrgId,
    project: ProjectId,
    case_number: i64,
    limit: i64,
) -> Result<Vec<super::model::PastResult>, sqlx::Error> {
    let rows: Vec<PastRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT p.key AS project_key, r.number AS run_number, r.name AS run_name, x.status, u.name AS executed_by, x.updated_at AS at \
         FROM run_cases x JOIN test_runs r ON r.id = x.run_id JOIN projects p ON p.id = r.project_id \
         LEFT JOIN users u ON u.id = x.executed_by \
         WHERE x.case_id = (SELECT t.id FROM test_cases t WHERE t.organization_id = $1 AND t.project_id = $2 AND t.number = $3) \
         AND r.organization_id = $1 AND r.status <> 'planned' \
         ORDER BY r.number DESC LIMIT $4",
    ).bind(org.0).bind(project.0).bind(case_number).bind(limit).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| super::model::PastResult {
            run_key: human_key(&r.project_key, Numbered::Run, r.run_number),
            run_number: r.run_number,
            run_name: r.run_name,
            status: r.status,
            executed_by: r.executed_by,
            at: r.at,
        })
        .collect())
}

/// Deletes run `run` of `org`; its executions, step results, applied operations and evidence
/// rows go with it (foreign keys), bugs found in it keep their text and lose the link.
pub async fn delete(c: &mut impl AsConn, org: OrgId, run: RunId) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("DELETE FROM test_runs WHERE organization_id = $1 AND id = $2")
        .bind(org.0).bind(run.0).execute(conn).await.map(|r| r.rows_affected() == 1))
}
