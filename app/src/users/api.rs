//! Server functions of user administration (admins only).
use super::model::{Role, UserRow};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{model::UserId, service},
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "users/list")]
pub async fn list_users(search: String) -> Result<Vec<UserRow>, AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::list(&ctx, &search).await }).await
}

#[server(endpoint = "users/change_role")]
pub async fn change_role(id: i64, role: Role) -> Result<(), AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::change_role(&ctx, UserId(id), role).await }).await
}

#[server(endpoint = "users/set_active")]
pub async fn set_user_active(id: i64, active: bool) -> Result<(), AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::set_active(&ctx, UserId(id), active).await }).await
}

#[server(endpoint = "users/revoke_sessions")]
pub async fn revoke_user_sessions(id: i64) -> Result<u64, AppError> {
    serve_with(Permission::ManageUsers, |ctx| async move { service::revoke_sessions(&ctx, UserId(id)).await }).await
}

/// Active members of the organization, for assignee pickers. Anyone who reads projects.
#[server(endpoint = "users/members")]
pub async fn list_members() -> Result<Vec<super::model::Member>, AppError> {
    crate::state::serve_with(crate::auth::permissions::Permission::ViewProjects, |ctx| async move {
        service::members(&ctx).await
    })
    .await
}
