//! Server functions of the overview: everyone in the organization reads it.
use super::model::Overview;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "projects/overview")]
pub async fn project_overview(key: String) -> Result<Overview, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &key).await }).await
}
