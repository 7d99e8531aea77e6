//! SQL of recording a batch of the runner's operations. Everything a batch needs of its run is
//! read in one statement (on PostgreSQL after locking the executions it touches, so two batches
//! on one execution take turns as SQLite's single writer already makes them), and each write is
//! one statement for the whole batch, and the writes after the claim of its operations go to the
//! database together (`db::Chain`): a one-mark request is a handful of round trips
//! (docs/benchmarks.md, "Single updates").
use super::super::model::{ExecStatus, RunId, RunStatus, StepStatus};
use crate::{
    bind_args,
    db::{backend_of, AsConn, Backend, Chain, Sql},
    db_run,
    orgs::model::OrgId,
    projects::model::normal_key,
    users::model::UserId,
};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// A step's mark as it stands before the batch: of two marks the later (by the tester's clock) stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prior {
    pub status: StepStatus,
    pub at: DateTime<Utc>,
}

/// One execution as a batch finds it.
#[derive(Debug, Default)]
pub struct ExecState {
    pub id: i64,
    /// Steps per scenario, once a batch has counted them from the snapshot (`None` before).
    pub steps: Option<Vec<usize>>,
    /// Its marks by (scenario, step).
    pub marks: BTreeMap<(i64, i64), Prior>,
}

/// What a batch records into: the run, its status and the executions of the batch's cases that
/// the run holds (by case number).
#[derive(Debug)]
pub struct Target {
    /// The project's key as stored.
    pub project_key: String,
    pub run: RunId,
    pub status: RunStatus,
    pub execs: BTreeMap<i64, ExecState>,
}

/// `"3,5,2"` (or `""` for no scenario): the form `run_cases.step_counts` keeps.
pub fn format_counts(steps: &[usize]) -> String {
    steps.iter().map(usize::to_string).collect::<Vec<_>>().join(",")
}

fn parse_counts(text: &str) -> Option<Vec<usize>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(',').map(|n| n.parse().ok()).collect()
}

type Row = (
    String,
    i64,
    RunStatus,
    i64,
    i64,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<StepStatus>,
    Option<DateTime<Utc>>,
);

/// Run `number` of the project keyed `key` with the executions of `cases` and their marks; `None`
/// when the project or the run does not exist or the run holds none of `cases` (the caller tells
/// which).
pub async fn target(
    c: &mut impl AsConn,
    org: OrgId,
    key: &str,
    number: i64,
    cases: &[i64],
) -> Result<Option<Target>, sqlx::Error> {
    let scope = |select: &str| {
        let mut q = Sql::new(&format!(
            "SELECT {select} FROM projects p JOIN test_runs r ON r.project_id = p.id JOIN run_cases x ON x.run_id = r.id "
        ));
        if !select.starts_with("x.id") {
            q.push("LEFT JOIN step_results m ON m.run_case_id = x.id ", []);
        }
        q.push(
            "WHERE p.organization_id = ? AND p.key = ? AND r.number = ?",
            [org.0.into(), normal_key(key).into(), number.into()],
        );
        q.and_in("x.case_number", cases.iter().map(|n| (*n).into()));
        q.push(" ORDER BY x.id", []);
        q
    };
    if backend_of(c) == Backend::Postgres {
        // The lock first, in a statement of its own: a statement that waited for a lock sees the
        // locked row as committed since, but every other table as at its start, so reading the
        // marks in the locking statement would miss the ones the other batch just wrote. In id
        // order, so two batches naming the same executions cannot deadlock.
        let mut lock = scope("x.id");
        lock.push(" FOR UPDATE OF x", []);
        let _: Vec<i64> =
            db_run!(c, conn => bind_args!(sqlx::query_scalar(&lock.text), &lock.args).fetch_all(conn).await)?;
    }
    let q =
        scope("p.key, r.id, r.status, x.id, x.case_number, x.step_counts, m.scenario, m.step, m.status, m.marked_at");
    let rows: Vec<Row> = db_run!(c, conn => bind_args!(sqlx::query_as(&q.text), &q.args).fetch_all(conn).await)?;
    let mut target: Option<Target> = None;
    for (project_key, run, status, exec, case, counts, scenario, step, mark, at) in rows {
        let t = target.get_or_insert_with(|| Target { project_key, run: RunId(run), status, execs: BTreeMap::new() });
        let e = t.execs.entry(case).or_insert_with(|| ExecState {
            id: exec,
            steps: counts.as_deref().and_then(parse_counts),
            marks: BTreeMap::new(),
        });
        if let (Some(scenario), Some(step), Some(status), Some(at)) = (scenario, step, mark, at) {
            e.marks.insert((scenario, step), Prior { status, at });
        }
    }
    Ok(target)
}

/// The snapshot of execution `id` (for counting its steps the first time).
pub async fn snapshot(c: &mut impl AsConn, id: i64) -> Result<String, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT COALESCE(gherkin, '') FROM run_cases WHERE id = $1")
        .bind(id).fetch_one(conn).await)
}

/// A step's mark as an operation writes it.
pub struct NewMark<'a> {
    pub exec: i64,
    pub scenario: i64,
    pub step: i64,
    pub status: StepStatus,
    pub actual: &'a str,
    pub comment: &'a str,
    pub at: DateTime<Utc>,
}

/// Adds the writing of `marks` (at most one per step; the caller has kept only those later than
/// the step's mark) to `chain`, as one statement.
pub fn push_marks(chain: &mut Chain, marks: &[NewMark<'_>], by: UserId) {
    if marks.is_empty() {
        return;
    }
    chain.write(|q| {
        q.push(
            "INSERT INTO step_results (run_case_id, scenario, step, status, actual, comment, marked_by, marked_at) VALUES ",
            [],
        );
        for (i, m) in marks.iter().enumerate() {
            q.push(
                if i == 0 { "(?, ?, ?, ?, ?, ?, ?, ?)" } else { ", (?, ?, ?, ?, ?, ?, ?, ?)" },
                [
                    m.exec.into(),
                    m.scenario.into(),
                    m.step.into(),
                    m.status.as_str().into(),
                    m.actual.into(),
                    m.comment.into(),
                    by.0.into(),
                    m.at.into(),
                ],
            );
        }
        q.push(
            " ON CONFLICT (run_case_id, scenario, step) DO UPDATE SET status = excluded.status, actual = excluded.actual, \
             comment = excluded.comment, marked_by = excluded.marked_by, marked_at = excluded.marked_at",
            [],
        );
    });
}

/// Adds the removal of the marks of `steps` ((execution, scenario, step); the caller has kept
/// only clears later than the mark) to `chain`, as one statement.
pub fn push_clears(chain: &mut Chain, steps: &[(i64, i64, i64)]) {
    if steps.is_empty() {
        return;
    }
    chain.write(|q| {
        q.push("DELETE FROM step_results WHERE ", []);
        for (i, (exec, scenario, step)) in steps.iter().enumerate() {
            q.push(
                if i == 0 {
                    "(run_case_id = ? AND scenario = ? AND step = ?)"
                } else {
                    " OR (run_case_id = ? AND scenario = ? AND step = ?)"
                },
                [(*exec).into(), (*scenario).into(), (*step).into()],
            );
        }
    });
}

/// What a batch changes of one execution.
pub struct ExecUpdate<'a> {
    pub id: i64,
    pub status: ExecStatus,
    pub elapsed_ms: Option<i64>,
    /// Its step counts, when this batch counted them.
    pub step_counts: Option<&'a str>,
}

/// Adds to `chain`: the execution's status (and who executed it), and the case's latest result
/// when final.
pub fn push_exec(chain: &mut Chain, e: &ExecUpdate<'_>, by: UserId, now: DateTime<Utc>) {
    chain.write(|q| {
        q.push(
            "UPDATE run_cases SET status = ?, executed_by = ?, updated_at = ?",
            [e.status.as_str().into(), by.0.into(), now.into()],
        );
        if let Some(ms) = e.elapsed_ms {
            q.push(", elapsed_ms = ?", [ms.into()]);
        }
        if let Some(counts) = e.step_counts {
            q.push(", step_counts = ?", [counts.into()]);
        }
        q.push(" WHERE id = ?", [e.id.into()]);
    });
    if e.status.is_final() {
        chain.write(|q| {
            q.push(
                "UPDATE test_cases SET last_result = ? WHERE id = (SELECT case_id FROM run_cases WHERE id = ?)",
                [e.status.as_str().into(), e.id.into()],
            );
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_counts_read_back_as_written() {
        for counts in [vec![], vec![3], vec![3, 5, 12]] {
            assert_eq!(parse_counts(&format_counts(&counts)), Some(counts));
        }
        assert_eq!(parse_counts("3,x"), None, "a damaged value is counted again from the snapshot");
    }
}
