//! Use cases of recent visits.
use super::{model::RecentItem, repo};
use crate::{
    error::{AppError, Entity},
    projects::service as projects,
    state::ServerCtx,
    wire::Numbered,
};

/// Records a visit of case or story `number` of project `key` by the signed-in person (404 when
/// the project has no such thing), forgetting their oldest visits beyond `KEEP`.
pub async fn record(ctx: &ServerCtx, kind: Numbered, key: &str, number: i64) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    if !repo::record(&mut tx, by.org, by.id, kind, p.id, number, now).await? {
        return Err(AppError::NotFound(match kind {
            Numbered::Case => Entity::TestCase,
            Numbered::Story => Entity::Story,
            Numbered::Run => Entity::Run,
            Numbered::Bug => Entity::Bug,
        }));
    }
    repo::forget_old(&mut tx, by.id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn recent(ctx: &ServerCtx) -> Result<Vec<RecentItem>, AppError> {
    let by = ctx.user()?;
    Ok(repo::recent(&mut ctx.db().acquire().await?, by.org, by.id).await?)
}
