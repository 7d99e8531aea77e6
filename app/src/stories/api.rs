//! Server functions of stories: everyone in the organization reads; qa and admin write.
use super::model::{Priority, StoryDetail, StoryFilter, StoryInput, StoryPage, StoryStatus};
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
    ids: Vec<i64>,
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
pub async fn edit_criterion(id: i64, text: Option<String>, done: Option<bool>) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::edit_criterion(&ctx, id, text.as_deref(), done).await
    })
    .await
}

#[server(endpoint = "stories/delete_criterion")]
pub async fn delete_criterion(id: i64) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete_criterion(&ctx, id).await }).await
}

/// Uploads a file (multipart: a `project` field, then a `file` field) and returns its preview.
/// Nothing but the file is stored until the import is started. The session and permission are
/// checked before the body is read (`serve_with`), the project before the file is parsed.
#[server(input = server_fn::codec::MultipartFormData, endpoint = "imports/upload")]
pub async fn upload_import(data: server_fn::codec::MultipartData) -> Result<super::model::ImportPreview, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        let mut upload = crate::upload::read_multipart(data, "Choose a file to import.").await?;
        let (name, bytes) = upload.files.swap_remove(0);
        let project = upload.project;
        super::import::service::upload(&ctx, &project, &name, bytes).await
    })
    .await
}

/// The preview of an uploaded file with a changed column mapping (one field name per column,
/// empty to ignore the column).
#[server(endpoint = "imports/preview")]
pub async fn preview_import(id: i64, fields: Vec<String>) -> Result<super::model::ImportPreview, AppError> {
    serve_with(
        Permission::EditTestArtifacts,
        |ctx| async move { super::import::service::preview(&ctx, id, &fields).await },
    )
    .await
}

/// Starts the import with this mapping, and who each assignee name of the file that is no
/// member is (remembered for the project's next imports).
#[server(endpoint = "imports/start")]
pub async fn start_import(
    id: i64,
    fields: Vec<String>,
    #[server(default)] assignees: Vec<super::model::AssigneeChoice>,
) -> Result<super::model::ImportStatus, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        super::import::service::start(&ctx, id, &fields, &assignees).await
    })
    .await
}

#[server(endpoint = "imports/status")]
pub async fn import_status(id: i64) -> Result<super::model::ImportStatus, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { super::import::service::status(&ctx, id).await }).await
}
