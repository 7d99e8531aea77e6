//! Server functions of the system slice.
use super::model::SystemInfo;
use crate::error::AppError;
use leptos::prelude::*;

/// The server's version, database backend and setup state. Public: it reveals nothing
/// secret, and the first-run setup page needs it before anyone can sign in.
#[server(endpoint = "system/info")]
pub async fn get_system_info() -> Result<SystemInfo, AppError> {
    crate::state::serve(|ctx| async move { super::service::info(&ctx).await }).await
}
