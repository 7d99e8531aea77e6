//! Use cases of importing: upload and preview (nothing written but the file), start (small
//! files at once, large ones on the job runner), progress, and the job itself.
use super::{
    apply::{Outcome, Writer},
    headers::{detect_mapping, Field},
    jobs,
    read::{read, ReadError, Table},
    rows::to_draft,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::principal::ClientInfo,
    db::Db,
    error::{AppError, Entity, FieldErrors},
    orgs::model::OrgId,
    projects::model::ProjectId,
    state::ServerCtx,
    stories::model::{ImportColumn, ImportPreview, ImportStatus, PreviewRow, RowProblem, StoryDraft},
};
use chrono::Utc;
use std::time::Duration;

/// Imports up to this many rows finish within the request; larger ones run as a job.
pub const INLINE_ROWS: usize = 1000;
/// Rows written per transaction (and per progress update).
const CHUNK: usize = 500;
const SAMPLE_ROWS: usize = 20;
const MAX_LISTED_PROBLEMS: usize = 200;

fn unreadable(e: ReadError) -> AppError {
    let mut f = FieldErrors::default();
    f.add("file", e.to_string());
    AppError::Invalid(f)
}

fn field_name(f: Option<Field>) -> String {
    f.map(|f| f.name().to_owned()).unwrap_or_default()
}

/// Field names ("" = ignore) to a mapping, one per column of `table`.
fn parse_mapping(table: &Table, fields: &[String]) -> Result<Vec<Option<Field>>, AppError> {
    if fields.len() != table.headers.len() {
        return Err(AppError::BadRequest(format!(
            "Expected {} column mappings, got {}.",
            table.headers.len(),
            fields.len()
        )));
    }
    let mut seen = vec![];
    let mut mapping = vec![];
    for name in fields {
        let f = if name.is_empty() {
            None
        } else {
            let f = Field::parse(name).ok_or_else(|| AppError::BadRequest(format!("Unknown field {name:?}.")))?;
            if seen.contains(&f) {
                let mut e = FieldErrors::default();
                e.add("mapping", format!("Two columns are mapped to {}; keep one.", f.label()));
                return Err(AppError::Invalid(e));
            }
            seen.push(f);
            Some(f)
        };
        mapping.push(f);
    }
    Ok(mapping)
}

fn drafts(table: &Table, mapping: &[Option<Field>]) -> Vec<(usize, Result<StoryDraft, Vec<RowProblem>>)> {
    table.rows.iter().map(|(line, row)| (*line, to_draft(*line, row, mapping, &table.headers))).collect()
}

fn build_preview(id: i64, file_name: String, table: &Table, mapping: &[Option<Field>]) -> ImportPreview {
    let all = drafts(table, mapping);
    let valid_rows = all.iter().filter(|(_, r)| r.is_ok()).count();
    let problems: Vec<RowProblem> =
        all.iter().filter_map(|(_, r)| r.as_ref().err()).flatten().take(MAX_LISTED_PROBLEMS).cloned().collect();
    let rows = all
        .into_iter()
        .zip(&table.rows)
        .take(SAMPLE_ROWS)
        .map(|((line, r), (_, raw))| {
            let cells = raw.iter().map(|c| c.chars().take(200).collect()).collect();
            match r {
                Ok(d) => PreviewRow { line, draft: Some(d), problems: vec![], cells },
                Err(p) => PreviewRow { line, draft: None, problems: p, cells },
            }
        })
        .collect();
    let columns = table
        .headers
        .iter()
        .zip(mapping)
        .map(|(h, f)| ImportColumn { header: h.clone(), field: field_name(*f) })
        .collect();
    ImportPreview { id, file_name, columns, total_rows: table.rows.len(), valid_rows, rows, problems }
}

/// Reads the uploaded file and keeps it for the preview; a file that cannot be read is refused
/// with the reason and nothing is kept.
pub async fn upload(ctx: &ServerCtx, key: &str, file_name: &str, bytes: Vec<u8>) -> Result<ImportPreview, AppError> {
    let by = ctx.user()?;
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or("upload").chars().take(200).collect::<String>();
    let (table, bytes) = read_off_thread(bytes).await?;
    let mapping = detect_mapping(&table.headers);
    let mut tx = ctx.db().begin().await?;
    let p = crate::projects::service::summary_by_key(&mut tx, by.org, key).await?;
    let job = jobs::NewJob {
        org: by.org,
        project: p.id,
        by: by.id.0,
        file_name: &name,
        bytes: &bytes,
        total_rows: table.rows.len() as i64,
    };
    let id = jobs::insert(&mut tx, &job, ctx.now()).await?;
    tx.commit().await?;
    Ok(build_preview(id, name, &table, &mapping))
}

/// Reads a file on the blocking pool; the bytes come back with the table, uncopied.
async fn read_off_thread(bytes: Vec<u8>) -> Result<(Table, Vec<u8>), AppError> {
    tokio::task::spawn_blocking(move || read(&bytes).map(|t| (t, bytes)))
        .await
        .map_err(|e| crate::error::internal(&e))?
        .map_err(unreadable)
}

/// An import job with its file read and its stored mapping (empty before it was started).
struct Job {
    org: OrgId,
    project: ProjectId,
    name: String,
    table: Table,
    fields: Vec<String>,
}

async fn load(db: &Db, id: i64) -> Result<Job, AppError> {
    let (org, project, name, bytes, mapping) =
        jobs::load(&mut db.acquire().await?, id).await?.ok_or(AppError::NotFound(Entity::Import))?;
    let (table, _) = read_off_thread(bytes).await?;
    let fields = mapping.and_then(|m| serde_json::from_str(&m).ok()).unwrap_or_default();
    Ok(Job { org: OrgId(org), project: ProjectId(project), name, table, fields })
}

async fn own(ctx: &ServerCtx, id: i64) -> Result<(), AppError> {
    let org = ctx.user()?.org;
    jobs::project_of(&mut ctx.db().acquire().await?, org, id).await?.map(drop).ok_or(AppError::NotFound(Entity::Import))
}

/// The preview again with the person's column mapping.
pub async fn preview(ctx: &ServerCtx, id: i64, fields: &[String]) -> Result<ImportPreview, AppError> {
    own(ctx, id).await?;
    let job = load(ctx.db(), id).await?;
    let mapping = parse_mapping(&job.table, fields)?;
    Ok(build_preview(id, job.name, &job.table, &mapping))
}

/// Starts the import with `fields`: at once for small files, on the job runner otherwise.
pub async fn start(ctx: &ServerCtx, id: i64, fields: &[String]) -> Result<ImportStatus, AppError> {
    own(ctx, id).await?;
    let mut job = load(ctx.db(), id).await?;
    let org = job.org;
    let mapping = parse_mapping(&job.table, fields)?;
    if !mapping.contains(&Some(Field::Title)) {
        let mut e = FieldErrors::default();
        e.add("mapping", "Map one column to Title.");
        return Err(AppError::Invalid(e));
    }
    let json = serde_json::to_string(fields).map_err(|e| crate::error::internal(&e))?;
    if !jobs::queue(&mut ctx.db().acquire().await?, id, &json, ctx.now()).await? {
        return Err(AppError::conflict("This import has already been started."));
    }
    if job.table.rows.len() <= INLINE_ROWS && jobs::claim(&mut ctx.db().acquire().await?, id, ctx.now()).await? {
        // The file is already read: run it without reading it again.
        job.fields = fields.to_vec();
        run_job(ctx.db(), id, Ok(job), &ctx.client).await?;
    }
    jobs::status(&mut ctx.db().acquire().await?, org, id).await?.ok_or(AppError::NotFound(Entity::Import))
}

pub async fn status(ctx: &ServerCtx, id: i64) -> Result<ImportStatus, AppError> {
    let org = ctx.user()?.org;
    jobs::status(&mut ctx.db().acquire().await?, org, id).await?.ok_or(AppError::NotFound(Entity::Import))
}

/// Runs a claimed job: every valid row is written (in chunks, with progress), every invalid one
/// is kept for the rejects file. A row never spoils its neighbours.
pub async fn run(db: &Db, id: i64, client: &ClientInfo) -> Result<(), AppError> {
    run_job(db, id, load(db, id).await, client).await
}

/// Processes a loaded job; any failure (loading included) is recorded on the job.
async fn run_job(db: &Db, id: i64, job: Result<Job, AppError>, client: &ClientInfo) -> Result<(), AppError> {
    let result = match job {
        Ok(job) => process(db, id, job, client).await,
        Err(e) => Err(e),
    };
    if let Err(e) = &result {
        let message = match e {
            AppError::Internal { reference } => format!("The import stopped (reference {reference})."),
            other => other.to_string(),
        };
        jobs::finish(&mut db.acquire().await?, id, "failed", None, Some(&message), Utc::now()).await?;
    }
    result
}

async fn process(db: &Db, id: i64, job: Job, client: &ClientInfo) -> Result<(), AppError> {
    let Job { org, project, name, table, fields } = job;
    let mapping = parse_mapping(&table, &fields)?;
    let mut rejects = csv::Writer::from_writer(vec![]);
    let mut header = vec!["Line".to_owned(), "Problems".to_owned()];
    header.extend(table.headers.iter().cloned());
    rejects.write_record(&header).map_err(|e| crate::error::internal(&e))?;
    let [mut processed, mut created, mut updated, mut rejected] = [0i64; 4];
    let rows = drafts(&table, &mapping);
    let mut writer: Option<Writer> = None;
    for (chunk_no, chunk) in rows.chunks(CHUNK).enumerate() {
        let now = Utc::now();
        let mut tx = db.begin().await?;
        let w = match writer.as_mut() {
            Some(w) => w,
            None => writer.insert(Writer::new(&mut tx, org, project).await?),
        };
        let fresh = w.new_stories(chunk.iter().filter_map(|(_, r)| r.as_ref().ok()));
        w.reserve(&mut tx, fresh).await?;
        for (i, (line, result)) in chunk.iter().enumerate() {
            let outcome = match result {
                Ok(draft) => w.apply(&mut tx, *line, draft.clone(), now).await?.map_err(|p| vec![p]),
                Err(problems) => Err(problems.clone()),
            };
            match outcome {
                Ok(Outcome::Created) => created += 1,
                Ok(Outcome::Updated) => updated += 1,
                Err(problems) => {
                    rejected += 1;
                    let text =
                        problems.iter().map(|p| format!("{}: {}", p.column, p.reason)).collect::<Vec<_>>().join("; ");
                    let cells = table.rows.get(chunk_no * CHUNK + i).map(|(_, r)| r.clone()).unwrap_or_default();
                    let mut record = vec![line.to_string(), text];
                    record.extend(cells);
                    rejects.write_record(&record).map_err(|e| crate::error::internal(&e))?;
                }
            }
            processed += 1;
        }
        jobs::progress(&mut tx, id, [processed, created, updated, rejected], now).await?;
        tx.commit().await?;
    }
    let rejects = String::from_utf8(rejects.into_inner().map_err(|e| crate::error::internal(&e))?).unwrap_or_default();
    let now = Utc::now();
    let mut tx = db.begin().await?;
    jobs::finish(&mut tx, id, "done", (rejected > 0).then_some(rejects.as_str()), None, now).await?;
    let mut event = AuditEvent::new(AuditAction::StoriesImported, Some(org), client)
        .target(name)
        .detail(format!("{created} created, {updated} updated, {rejected} rejected"));
    if let Some(by) = jobs_creator(&mut tx, id).await? {
        event = event.actor_account(crate::users::model::UserId(by.0), &by.1);
    }
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

async fn jobs_creator(tx: &mut crate::db::Tx, id: i64) -> Result<Option<(i64, String)>, sqlx::Error> {
    crate::db_run!(tx, conn => sqlx::query_as(
        "SELECT u.id, u.email FROM import_jobs j JOIN users u ON u.id = j.created_by WHERE j.id = $1",
    )
    .bind(id).fetch_optional(conn).await)
}

/// The job runner: picks queued imports one at a time, on any number of app servers (a claim is
/// a conditional update, so each job runs once). Jobs a stopped process left running are marked
/// failed at start, saying how many rows they saved.
pub async fn worker(db: Db) {
    if let Ok(mut c) = db.acquire().await {
        if let Ok(n) = jobs::fail_abandoned(&mut c, Utc::now()).await {
            if n > 0 {
                tracing::warn!(jobs = n, "imports left running by a stopped server were marked failed");
            }
        }
    }
    loop {
        let next = match db.acquire().await {
            Ok(mut c) => jobs::next_queued(&mut c).await.ok().flatten(),
            Err(_) => None,
        };
        match next {
            Some(id) => {
                let claimed = match db.acquire().await {
                    Ok(mut c) => jobs::claim(&mut c, id, Utc::now()).await.unwrap_or(false),
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
