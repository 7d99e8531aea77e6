//! Who executes which case of a run, and the runs a person has cases to execute in.
use crate::{
    bind_args,
    db::{AsConn, Sql},
    db_run,
    orgs::model::OrgId,
    runs::model::{AssignedRun, RunId, RunStatus},
    users::model::UserId,
    wire::{human_key, Numbered},
};

/// Cases changed by one statement.
const CHUNK: usize = 1_000;

/// Gives the cases numbered `numbers` of run `run` to `assignee` (None: to nobody); returns how
/// many changed hands (a case already theirs is not counted).
pub async fn assign(
    c: &mut impl AsConn,
    org: OrgId,
    run: RunId,
    numbers: &[i64],
    assignee: Option<UserId>,
) -> Result<u64, sqlx::Error> {
    let mut changed = 0;
    for chunk in numbers.chunks(CHUNK) {
        let mut q = Sql::new("UPDATE run_cases SET ");
        match assignee {
            Some(u) => q.push("assignee_id = ?", [u.0.into()]),
            None => q.push("assignee_id = NULL", []),
        };
        // Not `updated_at`: that is the time of the case's result, which an assignment leaves.
        q.push(" WHERE organization_id = ? AND run_id = ?", [org.0.into(), run.0.into()]);
        match assignee {
            Some(u) => q.and("(assignee_id IS NULL OR assignee_id <> ?)", [u.0.into()]),
            None => q.and("assignee_id IS NOT NULL", []),
        };
        q.and_in("case_number", chunk.iter().map(|n| (*n).into()));
        changed += db_run!(c, conn => bind_args!(sqlx::query(&q.text), &q.args).execute(conn).await.map(|r| r.rows_affected()))?;
    }
    Ok(changed)
}

#[derive(sqlx::FromRow)]
struct AssignedRow {
    project: String,
    number: i64,
    name: String,
    status: RunStatus,
    due_date: Option<String>,
    assigned: i64,
    open: i64,
}

/// The runs of `org` not yet completed where `user` has cases, soonest due first, at most `limit`.
pub async fn assigned_to(
    c: &mut impl AsConn,
    org: OrgId,
    user: UserId,
    limit: i64,
) -> Result<Vec<AssignedRun>, sqlx::Error> {
    let rows: Vec<AssignedRow> = db_run!(c, conn => sqlx::query_as(
        "SELECT p.key AS project, r.number, r.name, r.status, r.due_date, COUNT(*) AS assigned, \
         SUM(CASE WHEN x.status IN ('untested', 'in_progress') THEN 1 ELSE 0 END) AS open \
         FROM run_cases x JOIN test_runs r ON r.id = x.run_id JOIN projects p ON p.id = r.project_id \
         WHERE x.organization_id = $1 AND x.assignee_id = $2 AND r.status <> 'completed' \
         GROUP BY p.key, r.id, r.number, r.name, r.status, r.due_date \
         ORDER BY CASE WHEN r.due_date IS NULL THEN 1 ELSE 0 END, r.due_date, r.id DESC LIMIT $3",
    ).bind(org.0).bind(user.0).bind(limit).fetch_all(conn).await)?;
    Ok(rows
        .into_iter()
        .map(|r| AssignedRun {
            key: human_key(&r.project, Numbered::Run, r.number),
            project: r.project,
            number: r.number,
            name: r.name,
            status: r.status,
            due_date: r.due_date,
            assigned: r.assigned,
            open: r.open,
        })
        .collect())
}
