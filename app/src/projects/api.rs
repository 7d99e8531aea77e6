//! Server functions of projects: everyone in the organization reads; qa and admin write.
use super::model::{ProjectInput, ProjectStatus, ProjectSummary};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "projects/list")]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::list(&ctx).await }).await
}

#[server(endpoint = "projects/get")]
pub async fn get_project(key: String) -> Result<ProjectSummary, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &key).await }).await
}

/// Creates a project; returns its key.
#[server(endpoint = "projects/create")]
pub async fn create_project(input: ProjectInput) -> Result<String, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::create(&ctx, &input).await }).await
}

/// Saves a project's fields; returns its (possibly changed) key.
#[server(endpoint = "projects/update")]
pub async fn update_project(key: String, input: ProjectInput) -> Result<String, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::update(&ctx, &key, &input).await }).await
}

/// Archives, completes or reactivates a project.
#[server(endpoint = "projects/set_status")]
pub async fn set_project_status(key: String, status: ProjectStatus) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::set_status(&ctx, &key, status).await }).await
}

/// Deletes a project and all it holds; `confirmation` must be the project's key.
#[server(endpoint = "projects/delete")]
pub async fn delete_project(key: String, confirmation: String) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete(&ctx, &key, &confirmation).await })
        .await
}
