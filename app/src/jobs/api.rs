//! Server functions of jobs: every member sees and cancels their own jobs; admins all of their
//! organization's.
use super::model::{JobId, JobInfo};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {super::service, crate::state::serve};

/// The caller's jobs (an admin's: the organization's), newest first.
#[server(endpoint = "jobs/list")]
pub async fn list_jobs() -> Result<Vec<JobInfo>, AppError> {
    serve(|ctx| async move { service::list(&ctx).await }).await
}

#[server(endpoint = "jobs/get")]
pub async fn get_job(id: JobId) -> Result<JobInfo, AppError> {
    serve(|ctx| async move { service::get(&ctx, id).await }).await
}

/// Cancels a queued job, or asks a running one to stop.
#[server(endpoint = "jobs/cancel")]
pub async fn cancel_job(id: JobId) -> Result<JobInfo, AppError> {
    serve(|ctx| async move { service::cancel(&ctx, id).await }).await
}
