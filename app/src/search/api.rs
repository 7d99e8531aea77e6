//! Server function of the search palette.
use super::model::SearchHit;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{auth::permissions::Permission, state::serve_with};
use leptos::prelude::*;

/// Projects, stories and test cases of the caller's organization matching `q`, best first.
#[server(endpoint = "search")]
pub async fn search(q: String) -> Result<Vec<SearchHit>, AppError> {
    serve_with(Permission::ViewProjects, |ctx| async move {
        if q.chars().count() > 200 {
            return Err(AppError::BadRequest("Search for at most 200 characters.".into()));
        }
        let org = ctx.user()?.org;
        let mut c = ctx.db().acquire().await?;
        Ok(super::repo::search(&mut c, org, &q, 8).await?)
    })
    .await
}
