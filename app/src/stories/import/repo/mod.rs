//! SQL for import jobs: the uploaded file, its mapping, progress and outcome.
use crate::{db::AsConn, db_run, orgs::model::OrgId, projects::model::ProjectId, stories::import::model::ImportStatus};
use chrono::{DateTime, Utc};

pub mod aliases;

/// An uploaded file waiting for its preview and start.
pub struct NewJob<'a> {
    pub org: OrgId,
    pub project: ProjectId,
    pub by: i64,
    pub file_name: &'a str,
    pub bytes: &'a [u8],
    pub total_rows: i64,
}

pub async fn insert(c: &mut impl AsConn, j: &NewJob<'_>, now: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar(
        "INSERT INTO import_jobs (organization_id, project_id, created_by, file_name, file_bytes, status, total_rows, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'uploaded', $6, $7, $7) RETURNING id",
    )
    .bind(j.org.0).bind(j.project.0).bind(j.by).bind(j.file_name).bind(j.bytes).bind(j.total_rows).bind(now)
    .fetch_one(conn).await)
}

/// The job's organization, project, file name, file and mapping (JSON), by id.
pub type Loaded = (i64, i64, String, Vec<u8>, Option<String>);

pub async fn load(c: &mut impl AsConn, id: i64) -> Result<Option<Loaded>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT organization_id, project_id, file_name, file_bytes, mapping FROM import_jobs WHERE id = $1",
    )
    .bind(id).fetch_optional(conn).await)
}

/// The job's project if it belongs to `org`.
pub async fn project_of(c: &mut impl AsConn, org: OrgId, id: i64) -> Result<Option<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT project_id FROM import_jobs WHERE id = $1 AND organization_id = $2")
        .bind(id).bind(org.0).fetch_optional(conn).await)
}

/// Queues an uploaded job with its mapping; false if it was already started.
pub async fn queue(c: &mut impl AsConn, id: i64, mapping: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE import_jobs SET mapping = $2, status = 'queued', updated_at = $3 WHERE id = $1 AND status = 'uploaded'",
    )
    .bind(id).bind(mapping).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// Claims a queued job for this process (a conditional update: one claimer wins).
pub async fn claim(c: &mut impl AsConn, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    db_run!(c, conn => sqlx::query("UPDATE import_jobs SET status = 'running', updated_at = $2 WHERE id = $1 AND status = 'queued'")
        .bind(id).bind(now).execute(conn).await.map(|r| r.rows_affected() == 1))
}

/// The oldest queued job, if any.
pub async fn next_queued(c: &mut impl AsConn) -> Result<Option<i64>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT id FROM import_jobs WHERE status = 'queued' ORDER BY id LIMIT 1")
        .fetch_optional(conn).await)
}

/// Jobs that made no progress for 10 minutes were left by a process that stopped: they are
/// marked failed, with what they had saved (running them again could duplicate rows without an
/// external id). Live jobs update their row every chunk, so other servers' jobs are untouched.
pub async fn fail_abandoned(c: &mut impl AsConn, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let stale = now - chrono::Duration::minutes(10);
    db_run!(c, conn => sqlx::query(
        "UPDATE import_jobs SET status = 'failed', updated_at = $1, \
         error = 'The server stopped during this import after ' || processed_rows || ' rows; those were saved. Import the rest again.' \
         WHERE status = 'running' AND updated_at < $2",
    )
    .bind(now).bind(stale).execute(conn).await.map(|r| r.rows_affected()))
}

pub async fn progress(c: &mut impl AsConn, id: i64, counts: [i64; 4], now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE import_jobs SET processed_rows = $2, created_count = $3, updated_count = $4, rejected_count = $5, updated_at = $6 WHERE id = $1",
    )
    .bind(id).bind(counts[0]).bind(counts[1]).bind(counts[2]).bind(counts[3]).bind(now)
    .execute(conn).await.map(drop))
}

pub async fn finish(
    c: &mut impl AsConn,
    id: i64,
    status: &str,
    rejects: Option<&str>,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    db_run!(c, conn => sqlx::query(
        "UPDATE import_jobs SET status = $2, rejects = $3, error = $4, updated_at = $5 WHERE id = $1",
    )
    .bind(id).bind(status).bind(rejects).bind(error).bind(now)
    .execute(conn).await.map(drop))
}

pub async fn status(c: &mut impl AsConn, org: OrgId, id: i64) -> Result<Option<ImportStatus>, sqlx::Error> {
    type Row = (i64, String, i64, i64, i64, i64, i64, Option<String>);
    let row: Option<Row> = db_run!(c, conn => sqlx::query_as(
        "SELECT id, status, total_rows, processed_rows, created_count, updated_count, rejected_count, error \
         FROM import_jobs WHERE id = $1 AND organization_id = $2",
    )
    .bind(id).bind(org.0).fetch_optional(conn).await)?;
    Ok(row.map(|(id, status, total_rows, processed_rows, created, updated, rejected, error)| ImportStatus {
        id,
        status,
        total_rows,
        processed_rows,
        created,
        updated,
        rejected,
        error,
    }))
}

pub async fn rejects(c: &mut impl AsConn, org: OrgId, id: i64) -> Result<Option<Option<String>>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_scalar("SELECT rejects FROM import_jobs WHERE id = $1 AND organization_id = $2")
        .bind(id).bind(org.0).fetch_optional(conn).await)
}

/// How long files are kept: an upload nobody started, and the file and rejects of a finished one.
pub const UNSTARTED_KEEP_HOURS: i64 = 24;
pub const FINISHED_KEEP_DAYS: i64 = 7;

/// Deletes uploads never started within a day and empties the file and rejects of imports
/// finished over a week ago (their counts stay). Returns the rows touched.
pub async fn purge_files(c: &mut impl AsConn, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let unstarted = now - chrono::Duration::hours(UNSTARTED_KEEP_HOURS);
    let finished = now - chrono::Duration::days(FINISHED_KEEP_DAYS);
    let deleted = db_run!(c, conn => sqlx::query("DELETE FROM import_jobs WHERE status = 'uploaded' AND updated_at < $1")
        .bind(unstarted).execute(conn).await.map(|r| r.rows_affected()))?;
    let emptied = db_run!(c, conn => sqlx::query(
        "UPDATE import_jobs SET file_bytes = $2, rejects = NULL \
         WHERE status IN ('done', 'failed') AND updated_at < $1 AND (length(file_bytes) > 0 OR rejects IS NOT NULL)",
    )
    .bind(finished).bind(Vec::<u8>::new()).execute(conn).await.map(|r| r.rows_affected()))?;
    Ok(deleted + emptied)
}

/// Who uploaded the job: their id and email.
pub async fn creator(c: &mut impl AsConn, id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    db_run!(c, conn => sqlx::query_as(
        "SELECT u.id, u.email FROM import_jobs j JOIN users u ON u.id = j.created_by WHERE j.id = $1",
    )
    .bind(id).fetch_optional(conn).await)
}
