//! The search use case: a bounded query over the caller's organization.
use super::{model::SearchHit, repo};
use crate::{error::AppError, state::ServerCtx};

/// The longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Hits of each kind.
const PER_KIND: i64 = 8;

/// Projects, stories and test cases of the caller's organization matching `q`, best first.
pub async fn search(ctx: &ServerCtx, q: &str) -> Result<Vec<SearchHit>, AppError> {
    if q.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::BadRequest(format!("Search for at most {MAX_QUERY_CHARS} characters.")));
    }
    let org = ctx.user()?.org;
    Ok(repo::search(&mut ctx.db().acquire().await?, org, q, PER_KIND).await?)
}
