//! Use cases of importing: upload and preview (nothing written but the file), start (small
//! files at once, large ones on the job runner, with the assignee names mapped on the preview
//! remembered for the project), and progress. The job itself is `runner`.
use super::{
    apply::Assignees,
    headers::{detect_mapping, Field},
    job::{load, parse_mapping, read_off_thread, Job},
    preview, repo,
    repo::aliases,
    runner::run_job,
};
use crate::{
    db::Db,
    error::{AppError, Entity, FieldErrors},
    projects::service::summary_by_key,
    state::ServerCtx,
    stories::import::model::{AssigneeChoice, ImportPreview, ImportStatus},
};

pub use super::runner::{run, worker};

/// Imports up to this many rows finish within the request; larger ones run as a job.
pub const INLINE_ROWS: usize = 1000;

/// Keeps the uploaded file for the preview, once the project is known to be the caller's (so a
/// stranger's upload is answered 404 without being read); a file that cannot be read is refused
/// with the reason and nothing is kept.
pub async fn upload(ctx: &ServerCtx, key: &str, file_name: &str, bytes: Vec<u8>) -> Result<ImportPreview, AppError> {
    let by = ctx.user()?;
    let p = summary_by_key(&mut ctx.db().acquire().await?, by.org, key).await?;
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or("upload").chars().take(200).collect::<String>();
    let (table, bytes) = read_off_thread(bytes).await?;
    let mapping = detect_mapping(&table.headers);
    let mut tx = ctx.db().begin().await?;
    let job = repo::NewJob {
        org: by.org,
        project: p.id,
        by: by.id.0,
        file_name: &name,
        bytes: &bytes,
        total_rows: table.rows.len() as i64,
    };
    let id = repo::insert(&mut tx, &job, ctx.now()).await?;
    let assignees = Assignees::load(&mut tx, by.org, p.id).await?;
    tx.commit().await?;
    Ok(preview::build(id, name, &table, &mapping, assignees))
}

async fn own(ctx: &ServerCtx, id: i64) -> Result<(), AppError> {
    let org = ctx.user()?.org;
    repo::project_of(&mut ctx.db().acquire().await?, org, id).await?.map(drop).ok_or(AppError::NotFound(Entity::Import))
}

/// The preview again with the person's column mapping.
pub async fn preview(ctx: &ServerCtx, id: i64, fields: &[String]) -> Result<ImportPreview, AppError> {
    own(ctx, id).await?;
    let job = load(ctx.db(), id).await?;
    let mapping = parse_mapping(&job.table, fields)?;
    let assignees = Assignees::load(&mut ctx.db().acquire().await?, job.org, job.project).await?;
    Ok(preview::build(id, job.name, &job.table, &mapping, assignees))
}

/// Remembers who each unknown assignee name of the file is, for this import and the project's
/// next ones. Names the file does not list as unknown are ignored; a user id must be an active
/// member of the caller's organization, whatever the page sent.
async fn remember(
    ctx: &ServerCtx,
    job: &Job,
    mapping: &[Option<Field>],
    choices: &[AssigneeChoice],
) -> Result<(), AppError> {
    if choices.is_empty() {
        return Ok(());
    }
    let mut tx = ctx.db().begin().await?;
    let assignees = Assignees::load(&mut tx, job.org, job.project).await?;
    let mappable = preview::mappable(&preview::rows(&job.table, mapping, &assignees), &assignees);
    for choice in choices {
        if choice.user_id.is_some_and(|id| !assignees.is_member(id)) {
            let mut e = FieldErrors::default();
            e.add("assignees", format!("Pick a member of the organization for “{}”.", choice.name.trim()));
            return Err(AppError::Invalid(e));
        }
    }
    for choice in choices {
        let key = aliases::key(&choice.name);
        if mappable.contains(&key) {
            aliases::upsert(&mut tx, job.org, job.project, &key, choice.user_id, ctx.now()).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Starts the import with `fields` and the assignee `choices`: at once for small files, on the
/// job runner otherwise.
pub async fn start(
    ctx: &ServerCtx,
    id: i64,
    fields: &[String],
    choices: &[AssigneeChoice],
) -> Result<ImportStatus, AppError> {
    own(ctx, id).await?;
    if choices.len() > crate::error::MAX_SELECTION {
        return Err(AppError::BadRequest("Map at most 1,000 names.".into()));
    }
    let mut job = load(ctx.db(), id).await?;
    let org = job.org;
    let mapping = parse_mapping(&job.table, fields)?;
    if !mapping.contains(&Some(Field::Title)) {
        let mut e = FieldErrors::default();
        e.add("mapping", "Map one column to Title.");
        return Err(AppError::Invalid(e));
    }
    remember(ctx, &job, &mapping, choices).await?;
    let json = serde_json::to_string(fields).map_err(|e| crate::error::internal(&e))?;
    if !repo::queue(&mut ctx.db().acquire().await?, id, &json, ctx.now()).await? {
        return Err(AppError::conflict("This import has already been started."));
    }
    if job.table.rows.len() <= INLINE_ROWS && repo::claim(&mut ctx.db().acquire().await?, id, ctx.now()).await? {
        // The file is already read: run it without reading it again.
        job.fields = fields.to_vec();
        run_job(ctx.db(), id, Ok(job), &ctx.client).await?;
    }
    repo::status(&mut ctx.db().acquire().await?, org, id).await?.ok_or(AppError::NotFound(Entity::Import))
}

/// The rejected rows of import `id` of the caller's organization, as stored (`None` when every
/// row was imported).
pub async fn rejects(db: &Db, by: &crate::auth::principal::CurrentUser, id: i64) -> Result<Option<String>, AppError> {
    repo::rejects(&mut db.acquire().await?, by.org, id).await?.ok_or(AppError::NotFound(Entity::Import))
}

pub async fn status(ctx: &ServerCtx, id: i64) -> Result<ImportStatus, AppError> {
    let org = ctx.user()?.org;
    repo::status(&mut ctx.db().acquire().await?, org, id).await?.ok_or(AppError::NotFound(Entity::Import))
}
