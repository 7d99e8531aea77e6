//! Server functions of saved case lists: everyone who reads the project sees its lists; qa and
//! admins save and delete them.
use super::model::{CaseList, ListInput};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// Saves the selection as a named list (replacing one of that name only with `input.replace`).
#[server(endpoint = "case_lists/save")]
pub async fn save_case_list(project: String, input: ListInput) -> Result<CaseList, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::save(&ctx, &project, &input).await }).await
}

#[server(endpoint = "case_lists/list")]
pub async fn list_case_lists(project: String) -> Result<Vec<CaseList>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::list(&ctx, &project).await }).await
}

#[server(endpoint = "case_lists/delete")]
pub async fn delete_case_list(project: String, id: i64) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete(&ctx, &project, id).await }).await
}
