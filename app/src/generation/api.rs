//! Server functions of generation: qa and admins ask for cases, review and save them; admins
//! change the organization's provider settings.
use super::model::{GenerateInput, ProviderInput, ProviderSettings, Review, Saved, Verdict};
use crate::{error::AppError, jobs::model::JobId};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::{service, settings},
    crate::{
        auth::permissions::Permission,
        state::{serve, serve_with},
    },
};

/// Starts generating cases for stories of `project`; returns the job.
#[server(endpoint = "generation/request")]
pub async fn request_generation(project: String, input: GenerateInput) -> Result<JobId, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::request(&ctx, &project, &input).await }).await
}

#[server(endpoint = "generation/review")]
pub async fn generation_review(job: JobId) -> Result<Review, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::review(&ctx, job).await }).await
}

/// Saves the accepted suggestions as cases and marks the rejected ones.
#[server(endpoint = "generation/save")]
pub async fn save_suggestions(job: JobId, verdicts: Vec<Verdict>) -> Result<Saved, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::save(&ctx, job, &verdicts).await }).await
}

/// Rejects every suggestion of a job still waiting for review.
#[server(endpoint = "generation/dismiss")]
pub async fn dismiss_suggestions(job: JobId) -> Result<u64, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::dismiss(&ctx, job).await }).await
}

#[server(endpoint = "generation/settings")]
pub async fn generation_settings() -> Result<ProviderSettings, AppError> {
    serve(|ctx| async move { settings::get(&ctx).await }).await
}

#[server(endpoint = "generation/save_settings")]
pub async fn save_generation_settings(input: ProviderInput) -> Result<ProviderSettings, AppError> {
    serve(|ctx| async move { settings::save(&ctx, &input).await }).await
}

/// Asks the provider typed in the form a small question; what happened.
#[server(endpoint = "generation/test_connection")]
pub async fn test_connection(input: ProviderInput) -> Result<String, AppError> {
    serve(|ctx| async move { settings::test_connection(&ctx, &input).await }).await
}

/// The story's generation jobs with suggestions waiting for review.
#[server(endpoint = "generation/pending")]
pub async fn pending_reviews(project: String, number: i64) -> Result<Vec<super::model::PendingReview>, AppError> {
    serve_with(Permission::EditTestArtifacts, |ctx| async move { service::pending(&ctx, &project, number).await }).await
}
