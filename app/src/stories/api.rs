//! Server functions of stories: everyone in the organization reads; qa and admin write.
use super::model::{CriterionId, Priority, StoryDetail, StoryFilter, StoryId, StoryInput, StoryPage, StoryStatus};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "stories/list")]
pub async fn list_stories(project: String, filter: StoryFilter, after: Option<String>) -> Result<StoryPage, AppError> {
    serve_with(
        Permission::ViewProjects,
        |ctx| async move { service::list(&ctx, &project, &filter, after.as_deref()).await },
    )
    .await
}

#[server(endpoint = "stories/get")]
pub async fn get_story(project: String, number: i64) -> Result<StoryDetail, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &project, number).await }).await
}

/// Creates a story; returns its number.
#[server(endpoint = "stories/create")]
pub async fn create_story(project: String, input: StoryInput) -> Result<i64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::create(&ctx, &project, &input).await }).await
}

#[server(endpoint = "stories/update")]
pub async fn update_story(project: String, number: i64, input: StoryInput) -> Result<(), AppError> {
    serve_with(
        Permission::EditTestArtifacts,
        |ctx| async move { service::update(&ctx, &project, number, &input).await },
    )
    .await
}

#[server(endpoint = "stories/delete")]
pub async fn delete_story(project: String, number: i64) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete(&ctx, &project, number).await }).await
}

/// Sets status, priority and/or assignee (empty string: nobody) on the stories `ids`.
#[server(endpoint = "stories/bulk_update")]
pub async fn bulk_update_stories(
    project: String,
    ids: Vec<StoryId>,
    status: Option<StoryStatus>,
    priority: Option<Priority>,
    assignee: Option<String>,
) -> Result<u64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::bulk_update(&ctx, &project, &ids, status, priority, assignee).await
    })
    .await
}

#[server(endpoint = "stories/add_criterion")]
pub async fn add_criterion(project: String, number: i64, text: String) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::add_criterion(&ctx, &project, number, &text).await
    })
    .await
}

#[server(endpoint = "stories/edit_criterion")]
pub async fn edit_criterion(id: CriterionId, text: Option<String>, done: Option<bool>) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::edit_criterion(&ctx, id, text.as_deref(), done).await
    })
    .await
}

#[server(endpoint = "stories/delete_criterion")]
pub async fn delete_criterion(id: CriterionId) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete_criterion(&ctx, id).await }).await
}
