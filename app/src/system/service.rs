//! What this server is: version, backend, schema, setup state and uptime.
use super::model::SystemInfo;
use crate::{error::AppError, state::ServerCtx};

pub async fn info(ctx: &ServerCtx) -> Result<SystemInfo, AppError> {
    let db = ctx.db();
    let organizations = crate::orgs::repo::count(&mut db.acquire().await?).await?;
    Ok(SystemInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        backend: db.backend().label().to_owned(),
        schema_version: db.schema_version().await?,
        setup_required: organizations == 0,
        setup_token_required: organizations == 0 && ctx.state.config.setup_token.is_some(),
        uptime_seconds: ctx.state.started.elapsed().as_secs(),
    })
}
