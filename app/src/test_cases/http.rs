//! Plain HTTP downloads of test cases: one case as a `.feature` file, a selection or a whole
//! project as a zip of them.
use super::exports;
use crate::{
    auth::{permissions::Permission, principal::RequestAuth},
    error::{AppError, Entity},
    rest::{download, require},
    state::AppState,
};
use axum::{
    extract::{Path, Query, State},
    response::Response,
    Extension,
};
use serde::Deserialize;

/// `GET /api/v1/projects/{key}/cases/{file}` where `file` is `<number>.feature`.
pub async fn feature(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path((key, file)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let user = require(auth, Permission::ViewProjects)?;
    let number: i64 =
        file.strip_suffix(".feature").and_then(|n| n.parse().ok()).ok_or(AppError::NotFound(Entity::TestCase))?;
    let (name, bytes) = exports::feature_file(&state.db, &user, &key, number).await?;
    Ok(download("text/plain; charset=utf-8", &name, bytes))
}

#[derive(Debug, Deserialize)]
pub struct Selection {
    /// Comma-separated case numbers; absent for the whole project.
    numbers: Option<String>,
}

/// `GET /api/v1/projects/{key}/cases.zip[?numbers=1,2,3]`.
pub async fn zip(
    State(state): State<AppState>,
    auth: Option<Extension<RequestAuth>>,
    Path(key): Path<String>,
    Query(sel): Query<Selection>,
) -> Result<Response, AppError> {
    let user = require(auth, Permission::ViewProjects)?;
    let numbers: Option<Vec<i64>> = match sel.numbers.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(list) => Some(
            list.split(',')
                .map(|n| n.trim().parse::<i64>())
                .collect::<Result<_, _>>()
                .map_err(|_| AppError::BadRequest("`numbers` must be case numbers separated by commas.".into()))?,
        ),
    };
    let (name, bytes) = exports::feature_zip(&state.db, &user, &key, numbers).await?;
    Ok(download("application/zip", &name, bytes))
}
