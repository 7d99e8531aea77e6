//! Server functions of test cases: everyone in the organization reads; qa and admin write.
use super::model::{
    BulkOutcome, CaseBulkChange, CaseDetail, CaseFilter, CaseInput, CaseWindow, FeatureImport, RevisionDiff,
    RevisionInfo, StoryCases,
};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{bulk, features, service},
    crate::{auth::permissions::Permission, state::serve_with},
};

/// One window (100 rows) of the filtered list: after the cursor `after`, or from `offset`.
#[server(endpoint = "cases/list")]
pub async fn list_cases(
    project: String,
    filter: CaseFilter,
    after: Option<String>,
    offset: i64,
) -> Result<CaseWindow, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move {
        service::list(&ctx, &project, &filter, after.as_deref(), offset).await
    })
    .await
}

/// How many cases match the filter.
#[server(endpoint = "cases/count")]
pub async fn count_cases(project: String, filter: CaseFilter) -> Result<i64, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::count(&ctx, &project, &filter).await }).await
}

/// The cases of a story and which of its criteria each covers.
#[server(endpoint = "cases/of_story")]
pub async fn cases_of_story(project: String, number: i64) -> Result<StoryCases, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::of_story(&ctx, &project, number).await }).await
}

#[server(endpoint = "cases/get")]
pub async fn get_case(project: String, number: i64) -> Result<CaseDetail, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &project, number).await }).await
}

/// Creates a case; returns its number.
#[server(endpoint = "cases/create")]
pub async fn create_case(project: String, input: CaseInput) -> Result<i64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::create(&ctx, &project, &input).await }).await
}

/// Saves a case opened at `revision`; returns the new revision.
#[server(endpoint = "cases/update")]
pub async fn update_case(project: String, number: i64, input: CaseInput, revision: i64) -> Result<i64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::update(&ctx, &project, number, &input, revision).await
    })
    .await
}

/// Copies a case into a new draft; returns its number.
#[server(endpoint = "cases/clone")]
pub async fn clone_case(project: String, number: i64) -> Result<i64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::clone_case(&ctx, &project, number).await })
        .await
}

/// Deletes the cases `numbers`; returns how many went.
#[server(endpoint = "cases/delete")]
pub async fn delete_cases(project: String, numbers: Vec<i64>) -> Result<u64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete(&ctx, &project, &numbers).await })
        .await
}

#[server(endpoint = "cases/bulk_update")]
pub async fn bulk_update_cases(
    project: String,
    numbers: Vec<i64>,
    change: CaseBulkChange,
) -> Result<BulkOutcome, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        bulk::bulk_update(&ctx, &project, &numbers, &change).await
    })
    .await
}

/// A case's revisions, newest first.
#[server(endpoint = "cases/revisions")]
pub async fn case_revisions(project: String, number: i64) -> Result<Vec<RevisionInfo>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::revisions(&ctx, &project, number).await }).await
}

/// What changed between two revisions of a case.
#[server(endpoint = "cases/diff")]
pub async fn diff_revisions(project: String, number: i64, from: i64, to: i64) -> Result<RevisionDiff, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move {
        service::diff_revisions(&ctx, &project, number, from, to).await
    })
    .await
}

/// Saves an old revision's fields as the newest revision; returns its number.
#[server(endpoint = "cases/restore")]
pub async fn restore_revision(project: String, number: i64, revision: i64) -> Result<i64, AppError> {
    serve_with(
        Permission::EditTestArtifacts,
        |ctx| async move { service::restore(&ctx, &project, number, revision).await },
    )
    .await
}

/// Imports `.feature` files or zips of them (multipart: a `project` field, then `file` fields).
#[server(input = server_fn::codec::MultipartFormData, endpoint = "cases/import")]
pub async fn import_features(data: server_fn::codec::MultipartData) -> Result<FeatureImport, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        let upload = crate::upload::read_multipart(data, "Choose .feature files or a zip of them.").await?;
        features::import(&ctx, &upload.project, upload.files).await
    })
    .await
}
