//! Server functions of bugs: everyone reads them; admins, QA and developers report and comment
//! on them (and pre-fill a report from a run's step); QA and admins edit and assign any bug, a
//! reporter edits their own; moves are the lifecycle's to decide (`model::lifecycle`); QA and
//! admins record re-tests.
use super::model::{BugDetail, BugFilter, BugInput, BugPage, BugStatus, BugSummary, CommentOutcome};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "bugs/create")]
pub async fn create_bug(project: String, input: BugInput) -> Result<i64, AppError> {
    serve_with(Permission::ReportBugs, |ctx| async move { service::create(&ctx, &project, &input).await }).await
}

/// A report pre-filled from step `step` of scenario `scenario` (both from 0) of case `case` in
/// run `run`, for the person to edit before `create_bug`.
#[server(endpoint = "bugs/prefill")]
pub async fn prefill_bug(project: String, run: i64, case: i64, scenario: i64, step: i64) -> Result<BugInput, AppError> {
    serve_with(Permission::ReportBugs, |ctx| async move {
        service::prefill(&ctx, &project, run, case, scenario, step).await
    })
    .await
}

#[server(endpoint = "bugs/list")]
pub async fn list_bugs(project: String, #[server(default)] filter: BugFilter) -> Result<BugPage, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::list(&ctx, &project, &filter).await }).await
}

#[server(endpoint = "bugs/get")]
pub async fn get_bug(project: String, number: i64) -> Result<BugDetail, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &project, number).await }).await
}

/// Edits the text and classification (QA, admins, or the bug's reporter).
#[server(endpoint = "bugs/update")]
pub async fn update_bug(project: String, number: i64, input: BugInput) -> Result<BugDetail, AppError> {
    serve_with(Permission::ReportBugs, |ctx| async move { service::update(&ctx, &project, number, &input).await }).await
}

/// Assigns the bug to a member (their id); a new or reopened bug becomes assigned.
#[server(endpoint = "bugs/assign")]
pub async fn assign_bug(project: String, number: i64, assignee: String) -> Result<BugDetail, AppError> {
    serve_with(
        Permission::EditTestArtifacts,
        |ctx| async move { service::assign(&ctx, &project, number, &assignee).await },
    )
    .await
}

/// Moves the bug to `to`; `note` is required for fixed (the fix notes), `duplicate_of` (a number
/// or key of this project) for duplicate.
#[server(endpoint = "bugs/transition")]
pub async fn transition_bug(
    project: String,
    number: i64,
    to: BugStatus,
    #[server(default)] note: String,
    #[server(default)] duplicate_of: String,
) -> Result<BugDetail, AppError> {
    serve_with(Permission::WorkAssignedBugs, |ctx| async move {
        service::transition(&ctx, &project, number, to, &note, &duplicate_of).await
    })
    .await
}

/// The re-test of a fixed bug's case: verified when it passed, reopened when it failed.
#[server(endpoint = "bugs/retest")]
pub async fn retest_bug(project: String, number: i64, passed: bool) -> Result<BugSummary, AppError> {
    serve_with(
        Permission::EditTestArtifacts,
        |ctx| async move { service::retest(&ctx, &project, number, passed).await },
    )
    .await
}

#[server(endpoint = "bugs/comment")]
pub async fn comment_bug(project: String, number: i64, body: String) -> Result<CommentOutcome, AppError> {
    serve_with(Permission::ReportBugs, |ctx| async move { service::comment(&ctx, &project, number, &body).await }).await
}
