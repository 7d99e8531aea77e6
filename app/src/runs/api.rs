//! Server functions of test runs: everyone reads them; qa and admins plan, start, execute and
//! complete them; only admins reopen a completed run. The runner's batch is JSON.
use super::model::{AssignedRun, BatchOutcome, Execution, Op, PastResult, RunCase, RunInput, RunSummary};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "runs/create")]
pub async fn create_run(project: String, input: RunInput) -> Result<i64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::create(&ctx, &project, &input).await }).await
}

#[server(endpoint = "runs/list")]
pub async fn list_runs(project: String) -> Result<Vec<RunSummary>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::list(&ctx, &project).await }).await
}

#[server(endpoint = "runs/get")]
pub async fn get_run(project: String, number: i64) -> Result<(RunSummary, Vec<RunCase>), AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &project, number).await }).await
}

#[server(endpoint = "runs/execution")]
pub async fn get_execution(project: String, number: i64, case: i64) -> Result<Execution, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::execution(&ctx, &project, number, case).await })
        .await
}

#[server(endpoint = "runs/start")]
pub async fn start_run(project: String, number: i64) -> Result<RunSummary, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::start(&ctx, &project, number).await }).await
}

/// The runner's batch of operations (JSON), applied once each.
#[server(endpoint = "runs/record", input = server_fn::codec::Json)]
pub async fn record_results(project: String, number: i64, ops: Vec<Op>) -> Result<BatchOutcome, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::record(&ctx, &project, number, &ops).await })
        .await
}

#[server(endpoint = "runs/complete")]
pub async fn complete_run(project: String, number: i64) -> Result<RunSummary, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::complete(&ctx, &project, number).await })
        .await
}

#[server(endpoint = "runs/reopen")]
pub async fn reopen_run(project: String, number: i64) -> Result<RunSummary, AppError> {
    serve_with(Permission::ManageOrg, |ctx| async move { service::reopen(&ctx, &project, number).await }).await
}

/// A case's latest results in the project's runs.
#[server(endpoint = "runs/case_history")]
pub async fn case_results(project: String, case: i64) -> Result<Vec<PastResult>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::case_history(&ctx, &project, case).await }).await
}

/// Deletes a run with its results and evidence (admins, audited); the evidence files leave the
/// store through a job.
#[server(endpoint = "runs/delete")]
pub async fn delete_run(project: String, number: i64) -> Result<(), AppError> {
    serve_with(Permission::ManageOrg, |ctx| async move { service::delete(&ctx, &project, number).await }).await
}

/// Gives the cases numbered `cases` of run `number` to the member `assignee` (their id; empty
/// for nobody); returns how many changed hands.
#[server(endpoint = "runs/assign")]
pub async fn assign_cases(
    project: String,
    number: i64,
    #[server(default)] cases: Vec<i64>,
    #[server(default)] assignee: String,
) -> Result<u64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move {
        service::assign(&ctx, &project, number, &cases, &assignee).await
    })
    .await
}

/// The runs not yet completed where the caller has cases to execute.
#[server(endpoint = "runs/assigned")]
pub async fn runs_assigned_to_me() -> Result<Vec<AssignedRun>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::assigned_to_me(&ctx).await }).await
}
