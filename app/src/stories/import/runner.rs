//! Running an import job: every importable row is written (in chunks, with progress), every
//! rejected one is kept for the rejects file; and the job runner that picks queued jobs.
use super::{
    apply::{Assignees, Outcome, Writer},
    job::{load, parse_mapping, Job},
    preview, repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::principal::ClientInfo,
    db::Db,
    error::AppError,
    stories::import::model::ProblemLevel,
};
use chrono::Utc;
use std::time::Duration;

/// Rows written per transaction (and per progress update).
const CHUNK: usize = 500;

/// Runs a claimed job. A row never spoils its neighbours.
pub async fn run(db: &Db, id: i64, client: &ClientInfo) -> Result<(), AppError> {
    run_job(db, id, load(db, id).await, client).await
}

/// Processes a loaded job; any failure (loading included) is recorded on the job.
pub(super) async fn run_job(db: &Db, id: i64, job: Result<Job, AppError>, client: &ClientInfo) -> Result<(), AppError> {
    let result = match job {
        Ok(job) => process(db, id, job, client).await,
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        let message = match e {
            AppError::Internal { reference } => format!("The import stopped (reference {reference})."),
            other => other.to_string(),
        };
        repo::finish(&mut db.acquire().await?, id, "failed", None, Some(&message), Utc::now()).await?;
    }
    result
}

/// The rejects file: the line, the problems, and the row's cells as they were.
fn rejects_header(headers: &[String]) -> Vec<String> {
    let mut header = vec!["Line".to_owned(), "Problems".to_owned()];
    header.extend(headers.iter().cloned());
    header
}

async fn process(db: &Db, id: i64, job: Job, client: &ClientInfo) -> Result<(), AppError> {
    let Job { org, project, name, table, fields } = job;
    let mapping = parse_mapping(&table, &fields)?;
    let internal = |e: csv::Error| crate::error::internal(&e);
    let mut rejects = csv::Writer::from_writer(vec![]);
    rejects.write_record(rejects_header(&table.headers)).map_err(internal)?;
    let [mut processed, mut created, mut updated, mut rejected] = [0i64; 4];
    let assignees = Assignees::load(&mut db.acquire().await?, org, project).await?;
    let rows = preview::rows(&table, &mapping, &assignees);
    let mut writer: Option<Writer> = None;
    for (chunk_no, chunk) in rows.chunks(CHUNK).enumerate() {
        let now = Utc::now();
        let mut tx = db.begin().await?;
        let w = match writer.as_mut() {
            Some(w) => w,
            None => writer.insert(Writer::new(&mut tx, org, project, &assignees).await?),
        };
        let fresh = w.new_stories(chunk.iter().filter_map(|(_, r)| r.draft.as_ref()));
        w.reserve(&mut tx, fresh).await?;
        for (i, (line, read)) in chunk.iter().enumerate() {
            match &read.draft {
                Some(draft) => match w.apply(&mut tx, draft.clone(), now).await? {
                    Outcome::Created => created += 1,
                    Outcome::Updated => updated += 1,
                },
                None => {
                    rejected += 1;
                    let text = read
                        .problems
                        .iter()
                        .map(|p| match p.level {
                            ProblemLevel::Error => format!("{}: {}", p.column, p.reason),
                            ProblemLevel::Warning => format!("{} (warning): {}", p.column, p.reason),
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    let cells = table.rows.get(chunk_no * CHUNK + i).map(|(_, r)| r.clone()).unwrap_or_default();
                    let mut record = vec![line.to_string(), text];
                    record.extend(cells);
                    rejects.write_record(&record).map_err(internal)?;
                }
            }
            processed += 1;
        }
        repo::progress(&mut tx, id, [processed, created, updated, rejected], now).await?;
        tx.commit().await?;
    }
    let rejects = rejects.into_inner().map_err(|e| crate::error::internal(&e))?;
    let rejects = String::from_utf8(rejects).unwrap_or_default();
    let now = Utc::now();
    let mut tx = db.begin().await?;
    repo::finish(&mut tx, id, "done", (rejected > 0).then_some(rejects.as_str()), None, now).await?;
    let mut event = AuditEvent::new(AuditAction::StoriesImported, Some(org), client)
        .target(name)
        .detail(format!("{created} created, {updated} updated, {rejected} rejected"));
    if let Some((by, email)) = repo::creator(&mut tx, id).await? {
        event = event.actor_account(crate::users::model::UserId(by), &email);
    }
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The job runner: picks queued imports one at a time, on any number of app servers (a claim is
/// a conditional update, so each job runs once). Jobs a stopped process left running are marked
/// failed at start, saying how many rows they saved.
pub async fn worker(db: Db) {
    if let Ok(mut c) = db.acquire().await {
        if let Ok(n) = repo::fail_abandoned(&mut c, Utc::now()).await {
            if n > 0 {
                tracing::warn!(jobs = n, "imports left running by a stopped server were marked failed");
            }
        }
    }
    loop {
        let next = match db.acquire().await {
            Ok(mut c) => repo::next_queued(&mut c).await.ok().flatten(),
            Err(_) => None,
        };
        match next {
            Some(id) => {
                let claimed = match db.acquire().await {
                    Ok(mut c) => repo::claim(&mut c, id, Utc::now()).await.unwrap_or(false),
                    Err(_) => false,
                };
                if claimed {
                    if let Err(e) = run(&db, id, &ClientInfo::default()).await {
                        tracing::warn!(job = id, error = %e, "import failed");
                    }
                }
            }
            None => tokio::time::sleep(Duration::from_millis(500)).await,
        }
    }
}
