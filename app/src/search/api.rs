//! Server function of the search palette.
use super::model::SearchHit;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// Projects, stories and test cases of the caller's organization matching `q`, best first.
#[server(endpoint = "search")]
pub async fn search(q: String) -> Result<Vec<SearchHit>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move { service::search(&ctx, &q).await }).await
}
