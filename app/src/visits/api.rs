//! Server functions of recent visits: each person records and reads only their own.
use super::model::RecentItem;
use crate::{error::AppError, wire::Numbered};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// Records that the signed-in person opened case or story `number` of project `project`.
#[server(endpoint = "visits/record")]
pub async fn record_visit(kind: Numbered, project: String, number: i64) -> Result<(), AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::record(&ctx, kind, &project, number).await }).await
}

/// The cases and stories the signed-in person opened lately, latest first.
#[server(endpoint = "visits/recent")]
pub async fn recent_visits() -> Result<Vec<RecentItem>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::recent(&ctx).await }).await
}
