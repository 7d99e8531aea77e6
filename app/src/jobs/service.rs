//! Use cases of jobs: people see and cancel their own; admins (`ManageOrg`) see and cancel
//! every job of their organization.
use super::{
    model::{JobId, JobInfo},
    repo,
};
use crate::{
    auth::permissions::{allows, Permission},
    error::{AppError, Entity},
    state::ServerCtx,
};

/// Most jobs listed at once.
pub const LIST_LIMIT: i64 = 50;

fn sees_all(ctx: &ServerCtx) -> Result<bool, AppError> {
    Ok(allows(ctx.user()?.role, Permission::ManageOrg))
}

pub async fn list(ctx: &ServerCtx) -> Result<Vec<JobInfo>, AppError> {
    let by = ctx.user()?;
    Ok(repo::list(&mut ctx.db().acquire().await?, by.org, by.id, sees_all(ctx)?, LIST_LIMIT).await?)
}

pub async fn get(ctx: &ServerCtx, id: JobId) -> Result<JobInfo, AppError> {
    let by = ctx.user()?;
    repo::get(&mut ctx.db().acquire().await?, by.org, id, by.id, sees_all(ctx)?)
        .await?
        .ok_or(AppError::NotFound(Entity::Job))
}

/// Cancels a queued job at once, and asks a running one to stop; a finished job is left as it
/// is (409).
pub async fn cancel(ctx: &ServerCtx, id: JobId) -> Result<JobInfo, AppError> {
    let by = ctx.user()?;
    let all = sees_all(ctx)?;
    let mut tx = ctx.db().begin().await?;
    match repo::cancel(&mut tx, by.org, id, by.id, all, ctx.now()).await? {
        None => return Err(AppError::NotFound(Entity::Job)),
        Some(s) if s.is_final() => {
            return Err(AppError::conflict(format!("This job has already ended ({}).", s.label().to_lowercase())))
        }
        Some(_) => {}
    }
    let info = repo::get(&mut tx, by.org, id, by.id, all).await?.ok_or(AppError::NotFound(Entity::Job))?;
    let seq = super::events::publish_in(&mut tx, id).await?;
    tx.commit().await?;
    if let Some(seq) = seq {
        ctx.state.hub.announce(seq);
    }
    Ok(info)
}
