//! Bulk edit of a selection of cases: each case is saved as its own revision.
use super::{
    model::{BulkOutcome, CaseBulkChange},
    repo,
    service::{check_selection, save, SaveKind},
};
use crate::{audit::AuditAction, error::AppError, state::ServerCtx};

/// Applies `change` to the cases `numbers` of project `key`.
pub async fn bulk_update(
    ctx: &ServerCtx,
    key: &str,
    numbers: &[i64],
    change: &CaseBulkChange,
) -> Result<BulkOutcome, AppError> {
    let by = ctx.user()?;
    check_selection(numbers)?;
    let mut tx = ctx.db().begin().await?;
    let p = crate::projects::service::by_key(&mut tx, by.org, key).await?;
    let mut out = BulkOutcome::default();
    for (id, number) in repo::ids_of(&mut tx, by.org, p.id, numbers).await? {
        let Some((_, before, ..)) = repo::get(&mut tx, by.org, p.id, number).await? else { continue };
        let mut after = before.clone();
        if !change.apply(&mut after) {
            out.skipped.push(crate::wire::human_key(&p.key, crate::wire::Numbered::Case, number));
            continue;
        }
        if after == before {
            continue;
        }
        let kind = SaveKind { action: AuditAction::CasesBulkUpdated, summary: None };
        save(ctx, &mut tx, &p, Some((id, number, &before)), &after, kind).await?;
        out.changed += 1;
    }
    tx.commit().await?;
    Ok(out)
}
