//! Server functions of the audit log (admins only), and the CSV export endpoint.
use super::model::{AuditEntry, AuditFilter};
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use {
    super::service,
    crate::{auth::permissions::Permission, state::serve_with},
};

/// A page of the audit log, newest first; `before` is the last id of the previous page.
#[server(endpoint = "audit/list")]
pub async fn list_audit(filter: AuditFilter, before: Option<i64>) -> Result<Vec<AuditEntry>, AppError> {
    serve_with(Permission::ViewAudit, |ctx| async move { service::page(ctx.db(), ctx.user()?, &filter, before).await })
        .await
}
