//! Use cases of user administration: roles, (de)activation and sessions.
use super::{
    model::{Role, UserId, UserRow},
    repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    auth::repo as sessions,
    error::{AppError, Entity},
    state::ServerCtx,
};

/// Active members of the caller's organization, for assignee pickers.
pub async fn members(ctx: &ServerCtx) -> Result<Vec<super::model::Member>, AppError> {
    let all = list(ctx, "").await?;
    Ok(all
        .into_iter()
        .filter(|u| u.is_active)
        .map(|u| super::model::Member { id: u.id, name: u.name, role: u.role })
        .collect())
}

pub async fn list(ctx: &ServerCtx, search: &str) -> Result<Vec<UserRow>, AppError> {
    let by = ctx.user()?;
    Ok(repo::list(&mut ctx.db().acquire().await?, by.org, search).await?)
}

const LAST_ADMIN: &str = "This is the last active admin: make someone else an admin first.";

/// Changes a user's role; it applies on their next request.
pub async fn change_role(ctx: &ServerCtx, id: UserId, role: Role) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let user = repo::get(&mut tx, by.org, id).await?.ok_or(AppError::NotFound(Entity::User))?;
    if user.role == role {
        return Ok(());
    }
    if user.role == Role::Admin && user.is_active && repo::count_active_admins(&mut tx, by.org).await? <= 1 {
        return Err(AppError::conflict(LAST_ADMIN));
    }
    repo::set_role(&mut tx, by.org, id, role, now).await?;
    let event = AuditEvent::new(AuditAction::RoleChanged, Some(by.org), &ctx.client)
        .actor(by)
        .target(user.email)
        .detail(format!("{} → {}", user.role.as_str(), role.as_str()));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates (refused on their next request, sessions revoked) or reactivates a user.
pub async fn set_active(ctx: &ServerCtx, id: UserId, active: bool) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let user = repo::get(&mut tx, by.org, id).await?.ok_or(AppError::NotFound(Entity::User))?;
    if user.is_active == active {
        return Ok(());
    }
    if !active && user.role == Role::Admin && repo::count_active_admins(&mut tx, by.org).await? <= 1 {
        return Err(AppError::conflict(LAST_ADMIN));
    }
    repo::set_active(&mut tx, by.org, id, active, now).await?;
    if !active {
        sessions::revoke_user_sessions(&mut tx, id, "deactivated", now).await?;
    }
    let action = if active { AuditAction::UserReactivated } else { AuditAction::UserDeactivated };
    audit::repo::record(&mut tx, &AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(user.email), now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Signs a user out everywhere; returns how many sessions ended.
pub async fn revoke_sessions(ctx: &ServerCtx, id: UserId) -> Result<u64, AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let user = repo::get(&mut tx, by.org, id).await?.ok_or(AppError::NotFound(Entity::User))?;
    let n = sessions::revoke_user_sessions(&mut tx, id, "revoked by admin", now).await?;
    let event = AuditEvent::new(AuditAction::UserSessionsRevoked, Some(by.org), &ctx.client)
        .actor(by)
        .target(user.email)
        .detail(format!("{n} sessions"));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(n)
}
