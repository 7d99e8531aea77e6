//! Reading the audit log: a page for the screen, or up to `MAX_EXPORT_ROWS` for the CSV export.
use super::{
    model::{AuditEntry, AuditFilter, PAGE},
    repo,
};
use crate::{auth::principal::CurrentUser, db::Db, error::AppError};

/// The most rows one export returns.
pub const MAX_EXPORT_ROWS: i64 = 100_000;

/// A page of `by`'s organization's log, newest first; `before` is the last id of the previous page.
pub async fn page(
    db: &Db,
    by: &CurrentUser,
    filter: &AuditFilter,
    before: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    repo::list(&mut db.acquire().await?, by.org, filter, before, PAGE).await
}

/// The filtered log of `by`'s organization for export, newest first.
pub async fn export(db: &Db, by: &CurrentUser, filter: &AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    repo::list(&mut db.acquire().await?, by.org, filter, None, MAX_EXPORT_ROWS).await
}
