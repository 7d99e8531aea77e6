//! Server functions of importing stories: upload and preview (nothing written but the file),
//! start, and progress.
use super::model::{AssigneeChoice, ImportPreview};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// Uploads a file (multipart: a `project` field, then a `file` field) and returns its preview.
/// Nothing but the file is stored until the import is started. The session and permission are
/// checked before the body is read (`serve_with`), the project before the file is parsed.
#[server(input = server_fn::codec::MultipartFormData, endpoint = "imports/upload")]
pub async fn upload_import(data: server_fn::codec::MultipartData) -> Result<ImportPreview, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        let mut upload = crate::upload::read_multipart(data, "Choose a file to import.").await?;
        let (name, bytes) = upload.files.swap_remove(0);
        let project = upload.project;
        service::upload(&ctx, &project, &name, bytes).await
    })
    .await
}

/// The preview of an uploaded file with a changed column mapping (one field name per column,
/// empty to ignore the column).
#[server(endpoint = "imports/preview")]
pub async fn preview_import(id: i64, fields: Vec<String>) -> Result<ImportPreview, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::preview(&ctx, id, &fields).await }).await
}

/// Starts the import with this mapping, and who each assignee name of the file that is no
/// member is (remembered for the project's next imports).
#[server(endpoint = "imports/start")]
pub async fn start_import(
    id: i64,
    fields: Vec<String>,
    #[server(default)] assignees: Vec<AssigneeChoice>,
) -> Result<super::model::ImportStatus, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::start(&ctx, id, &fields, &assignees).await })
        .await
}

#[server(endpoint = "imports/status")]
pub async fn import_status(id: i64) -> Result<super::model::ImportStatus, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::status(&ctx, id).await }).await
}
