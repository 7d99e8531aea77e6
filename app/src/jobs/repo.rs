//! SQL of the job queue. A claim is one conditional `UPDATE … RETURNING` (on PostgreSQL the
//! candidate row is locked with `FOR UPDATE SKIP LOCKED`, so concurrent workers of any process
//! each take a different job); every later write by the worker names its `worker` id and needs
//! the job still `running`, so a worker whose lease was taken over changes nothing.
use super::model::{JobId, JobInfo, JobStatus, Progress};
use crate::{
    db::{AsConn, Backend},
    db_run,
    orgs::model::OrgId,
    users::model::UserId,
};
use chrono::{DateTime, Utc};

/// What a new job is.
pub struct NewJob<'a> {
    pub org: OrgId,
    pub kind: &'a str,
    /// JSON the kind's handler reads.
    pub payload: &'a str,
    pub created_by: Option<UserId>,
    pub max_attempts: i64,
}

pub async fn insert(c: &mut impl AsConn, job: &NewJob<'_>, now: DateTime<Utc>) -> Result<JobId, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO jobs (organization_id, kind, payload, status, max_attempts, run_after, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, 'queued', $4, $5, $6, $5, $5) RETURNING id",
    ).bind(job.org.0).bind(job.kind).bind(job.payload).bind(job.max_attempts).bind(now).bind(job.created_by.map(|u| u.0))
    .fetch_one(conn).await.map(JobId))
}

/// A job as its worker holds it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: JobId,
    pub organization_id: i64,
    pub kind: String,
    pub payload: String,
    pub checkpoint: Option<String>,
    pub attempts: i64,
    pub max_attempts: i64,
    pub created_by: Option<i64>,
}

/// Takes the next job of one of `kinds` that is due (queued and past its backoff, or running
/// with an expired lease: its process died) for `worker`, leased until `lease_until`.
pub async fn claim(
    c: &mut impl AsConn,
    kinds: &[&str],
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<Claimed>, sqlx::Error> {
    if kinds.is_empty() {
        return Ok(None);
    }
    // Kinds are code constants (`Handler::KIND`), checked to be plain words before they are
    // written into the statement.
    assert!(
        kinds.iter().all(|k| k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')),
        "job kinds are snake_case words"
    );
    let kinds = kinds.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ");
    let lock = match crate::db::backend_of(c) {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let sql = format!(
        "UPDATE jobs SET status = 'running', attempts = attempts + 1, worker = $1, lease_until = $3, \
         started_at = COALESCE(started_at, $2), updated_at = $2 \
         WHERE id = (SELECT id FROM jobs WHERE kind IN ({kinds}) \
           AND ((status = 'queued' AND run_after <= $2) OR (status = 'running' AND lease_until < $2)) \
           ORDER BY run_after, id LIMIT 1{lock}) \
           AND (status = 'queued' OR (status = 'running' AND lease_until < $2)) \
         RETURNING id, organization_id, kind, payload, checkpoint, attempts, max_attempts, created_by"
    );
    db_run!(c, conn => sqlx::query_as(&sql).bind(worker).bind(now).bind(lease_until).fetch_optional(conn).await)
}

/// Renews `worker`'s lease; `None` when the job is no longer its own (taken over, or finished),
/// else whether someone asked to cancel it.
pub async fn heartbeat(
    c: &mut impl AsConn,
    id: JobId,
    worker: &str,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> Result<Option<bool>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "UPDATE jobs SET lease_until = $3, updated_at = $2 WHERE id = $1 AND worker = $4 AND status = 'running' \
         RETURNING cancel_requested",
    ).bind(id.0).bind(now).bind(lease_until).bind(worker).fetch_optional(conn).await)
}

/// Records progress (and, when given, the checkpoint to resume from); like `heartbeat` it
/// answers `None` when the job is no longer `worker`'s, else whether cancelling was asked.
pub async fn progress(
    c: &mut impl AsConn,
    id: JobId,
    worker: &str,
    p: &Progress,
    checkpoint: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<bool>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "UPDATE jobs SET progress_done = $3, progress_total = $4, progress_message = $5, \
         checkpoint = COALESCE($6, checkpoint), updated_at = $2 \
         WHERE id = $1 AND worker = $7 AND status = 'running' RETURNING cancel_requested",
    ).bind(id.0).bind(now).bind(p.done).bind(p.total).bind(&p.message).bind(checkpoint).bind(worker)
    .fetch_optional(conn).await)
}

/// Ends `worker`'s run with `status` (succeeded, failed or cancelled); false when the job was
/// no longer its own, so a run finishes once.
pub async fn finish(
    c: &mut impl AsConn,
    id: JobId,
    worker: &str,
    status: JobStatus,
    result: Option<&str>,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE jobs SET status = $3, result = $4, error = $5, finished_at = $2, lease_until = NULL, updated_at = $2 \
         WHERE id = $1 AND worker = $6 AND status = 'running'",
    ).bind(id.0).bind(now).bind(status).bind(result).bind(error).bind(worker)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Puts `worker`'s job back in the queue, due at `run_after` (a transient failure's backoff).
pub async fn retry_later(
    c: &mut impl AsConn,
    id: JobId,
    worker: &str,
    error: &str,
    run_after: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE jobs SET status = 'queued', error = $3, run_after = $4, worker = NULL, lease_until = NULL, updated_at = $2 \
         WHERE id = $1 AND worker = $5 AND status = 'running'",
    ).bind(id.0).bind(now).bind(error).bind(run_after).bind(worker)
    .execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Cancels a job of `org` that `by` may cancel (their own, or any when `any`): a queued one at
/// once, a running one by asking its worker. Returns the status it had, `None` when not found.
pub async fn cancel(
    c: &mut impl AsConn,
    org: OrgId,
    id: JobId,
    by: UserId,
    any: bool,
    now: DateTime<Utc>,
) -> Result<Option<JobStatus>, sqlx::Error> {
    let status: Option<JobStatus> = db_run!(c, conn => sqlx::query_scalar(
        "SELECT status FROM jobs WHERE id = $1 AND organization_id = $2 AND ($3 OR created_by = $4)",
    ).bind(id.0).bind(org.0).bind(any).bind(by.0).fetch_optional(conn).await)?;
    match status {
        Some(JobStatus::Queued) => {
            db_run!(c, conn => sqlx::query(
                "UPDATE jobs SET status = 'cancelled', finished_at = $2, updated_at = $2 WHERE id = $1 AND status = 'queued'",
            ).bind(id.0).bind(now).execute(conn).await.map(|_| ()))?;
        }
        Some(JobStatus::Running) => {
            db_run!(c, conn => sqlx::query("UPDATE jobs SET cancel_requested = TRUE, updated_at = $2 WHERE id = $1")
                .bind(id.0).bind(now).execute(conn).await.map(|_| ()))?;
        }
        _ => {}
    }
    Ok(status)
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    status: JobStatus,
    attempts: i64,
    progress_done: i64,
    progress_total: i64,
    progress_message: String,
    result: Option<String>,
    error: Option<String>,
    link: Option<String>,
    started_by: Option<String>,
    created_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    cancel_requested: bool,
}

impl From<Row> for JobInfo {
    fn from(r: Row) -> Self {
        JobInfo {
            id: JobId(r.id),
            kind: r.kind,
            status: r.status,
            attempts: r.attempts,
            progress: Progress { done: r.progress_done, total: r.progress_total, message: r.progress_message },
            result: r.result,
            error: r.error,
            link: r.link,
            started_by: r.started_by,
            created_at: r.created_at,
            finished_at: r.finished_at,
            cancel_requested: r.cancel_requested,
        }
    }
}

const INFO: &str = "SELECT j.id, j.kind, j.status, j.attempts, j.progress_done, j.progress_total, j.progress_message, \
     j.result, j.error, j.link, u.name AS started_by, j.created_at, j.finished_at, j.cancel_requested \
     FROM jobs j LEFT JOIN users u ON u.id = j.created_by";

/// Jobs of `org` that `by` may see (their own, or all when `all`), newest first.
pub async fn list(
    c: &mut impl AsConn,
    org: OrgId,
    by: UserId,
    all: bool,
    limit: i64,
) -> Result<Vec<JobInfo>, sqlx::Error> {
    let sql = format!("{INFO} WHERE j.organization_id = $1 AND ($2 OR j.created_by = $3) ORDER BY j.id DESC LIMIT $4");
    let rows: Vec<Row> =
        db_run!(c, conn => sqlx::query_as(&sql).bind(org.0).bind(all).bind(by.0).bind(limit).fetch_all(conn).await)?;
    Ok(rows.into_iter().map(JobInfo::from).collect())
}

/// One job of `org`, if `by` may see it.
pub async fn get(
    c: &mut impl AsConn,
    org: OrgId,
    id: JobId,
    by: UserId,
    all: bool,
) -> Result<Option<JobInfo>, sqlx::Error> {
    let sql = format!("{INFO} WHERE j.id = $1 AND j.organization_id = $2 AND ($3 OR j.created_by = $4)");
    let row: Option<Row> = db_run!(c, conn => sqlx::query_as(&sql).bind(id.0).bind(org.0).bind(all).bind(by.0).fetch_optional(conn).await)?;
    Ok(row.map(JobInfo::from))
}

/// Who started job `id` and in which organization (for its events).
pub async fn owner(c: &mut impl AsConn, id: JobId) -> Result<Option<(OrgId, Option<UserId>)>, sqlx::Error> {
    let row: Option<(i64, Option<i64>)> = db_run!(c, conn => sqlx::query_as(
        "SELECT organization_id, created_by FROM jobs WHERE id = $1",
    ).bind(id.0).fetch_optional(conn).await)?;
    Ok(row.map(|(org, by)| (OrgId(org), by.map(UserId))))
}

/// Sets where job `id`'s result is shown.
pub async fn set_link(c: &mut impl AsConn, id: JobId, link: &str) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE jobs SET link = $2 WHERE id = $1").bind(id.0).bind(link).execute(conn).await.map(|_| ()))
}
