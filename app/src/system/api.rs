//! Server functions of the system slice.
use super::model::SystemInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// The server's version, database backend and setup state. Public: it reveals nothing
/// secret, and the first-run setup page needs it before anyone can sign in.
#[server(endpoint = "system/info")]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    use crate::state::{respond, ServerCtx};
    respond(
        async {
            let ctx = ServerCtx::current()?;
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
        .await,
    )
}
