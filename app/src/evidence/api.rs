//! Server functions of evidence: everyone reads an execution's files; their uploader (while the
//! run is in progress) or an admin deletes one. Uploads and downloads are plain HTTP (`http.rs`).
use super::model::{EvidenceId, EvidenceList};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// The files of execution `case` of run `number`, and the size limit.
#[server(endpoint = "evidence/list")]
pub async fn list_evidence(project: String, number: i64, case: i64) -> Result<EvidenceList, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::list(&ctx, &project, number, case).await }).await
}

/// Deletes a file (its uploader while the run is in progress, or an admin); audited.
#[server(endpoint = "evidence/delete")]
pub async fn delete_evidence(project: String, id: EvidenceId) -> Result<(), AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::delete(&ctx, &project, id).await }).await
}
