//! Server functions of the audit log (admins only), and the CSV export endpoint.
use super::model::{AuditEntry, AuditFilter};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::{auth::permissions::Permission, state::serve_with};
use leptos::prelude::*;

pub const PAGE: i64 = 100;

/// A page of the audit log, newest first; `before` is the last id of the previous page.
#[server(endpoint = "audit/list")]
pub async fn list_audit(filter: AuditFilter, before: Option<i64>) -> Result<Vec<AuditEntry>, AppError> {
    serve_with(Permission::ViewAudit, |ctx| async move {
        let org = ctx.user()?.org;
        super::repo::list(&mut ctx.db().acquire().await?, org, &filter, before, PAGE).await
    })
    .await
}
