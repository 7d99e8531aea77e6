//! Use cases of projects: create, edit, archive and delete (with typed confirmation).
use super::{
    model::{ProjectInput, ProjectRef, ProjectStatus, ProjectSummary},
    repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    db::{on_unique, AsConn},
    error::{AppError, Entity, FieldErrors},
    orgs::model::OrgId,
    state::ServerCtx,
};

/// The project keyed `key` in `org` (id and key), or 404. The one place that rule is written.
pub async fn by_key(c: &mut impl AsConn, org: OrgId, key: &str) -> Result<ProjectRef, AppError> {
    repo::get_ref(c, org, key).await?.ok_or(AppError::NotFound(Entity::Project))
}

/// The project keyed `key` in `org` with its counts, or 404.
pub async fn summary_by_key(c: &mut impl AsConn, org: OrgId, key: &str) -> Result<ProjectSummary, AppError> {
    repo::get_by_key(c, org, key).await?.ok_or(AppError::NotFound(Entity::Project))
}

/// The organization's projects with their counts.
pub async fn list(ctx: &ServerCtx) -> Result<Vec<ProjectSummary>, AppError> {
    let org = ctx.user()?.org;
    Ok(repo::list(&mut ctx.db().acquire().await?, org).await?)
}

fn key_taken() -> AppError {
    let mut f = FieldErrors::default();
    f.add("key", "Another project already uses this key.");
    AppError::Invalid(f)
}

pub async fn get(ctx: &ServerCtx, key: &str) -> Result<ProjectSummary, AppError> {
    let org = ctx.user()?.org;
    summary_by_key(&mut ctx.db().acquire().await?, org, key).await
}

pub async fn create(ctx: &ServerCtx, input: &ProjectInput) -> Result<String, AppError> {
    let by = ctx.user()?;
    let p = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    repo::insert(&mut tx, by.org, &p, now).await.map_err(on_unique(key_taken))?;
    let event = AuditEvent::new(AuditAction::ProjectCreated, Some(by.org), &ctx.client).actor(by).target(p.key.clone());
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(p.key)
}

/// Saves the edited fields of the project now keyed `key`; returns its (possibly new) key.
pub async fn update(ctx: &ServerCtx, key: &str, input: &ProjectInput) -> Result<String, AppError> {
    let by = ctx.user()?;
    let p = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let current = summary_by_key(&mut tx, by.org, key).await?;
    repo::update(&mut tx, by.org, current.id, &p, now).await.map_err(on_unique(key_taken))?;
    let event = AuditEvent::new(AuditAction::ProjectUpdated, Some(by.org), &ctx.client).actor(by).target(p.key.clone());
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(p.key)
}

pub async fn set_status(ctx: &ServerCtx, key: &str, status: ProjectStatus) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let current = summary_by_key(&mut tx, by.org, key).await?;
    repo::set_status(&mut tx, by.org, current.id, status, now).await?;
    let event = AuditEvent::new(AuditAction::ProjectUpdated, Some(by.org), &ctx.client)
        .actor(by)
        .target(current.key)
        .detail(format!("status {}", status.as_str()));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes a project and everything in it, if `confirmation` is its key typed out.
pub async fn delete(ctx: &ServerCtx, key: &str, confirmation: &str) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let current = summary_by_key(&mut tx, by.org, key).await?;
    if confirmation.trim() != current.key {
        let mut f = FieldErrors::default();
        f.add("confirmation", format!("Type {} to confirm.", current.key));
        return Err(AppError::Invalid(f));
    }
    // Its evidence files leave the store through a job enqueued with the delete.
    let files = crate::evidence::repo::keys_of_project(&mut tx, by.org, current.id).await?;
    repo::delete(&mut tx, by.org, current.id).await?;
    crate::evidence::purge::enqueue(&mut tx, by.org, files, now).await?;
    let event = AuditEvent::new(AuditAction::ProjectDeleted, Some(by.org), &ctx.client)
        .actor(by)
        .target(current.key)
        .detail(format!("{} stories, {} acceptance criteria", current.stories, current.criteria));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}
