//! Server functions of coverage: everyone in the organization reads it.
use super::model::Coverage;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

#[server(endpoint = "coverage/get")]
pub async fn project_coverage(key: String) -> Result<Coverage, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::get(&ctx, &key).await }).await
}
