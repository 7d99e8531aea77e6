//! Use cases of saved case lists: save the selection under a name (replacing a list of that name
//! only when asked), list a project's lists, delete one, and read a list's cases for a run.
use super::{
    model::{CaseList, ListInput, MAX_LISTS},
    repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    db::AsConn,
    error::{AppError, Entity},
    orgs::model::OrgId,
    projects::{model::ProjectRef, service as projects},
    state::ServerCtx,
};

fn event(ctx: &ServerCtx, action: AuditAction, p: &ProjectRef, detail: String) -> Result<AuditEvent, AppError> {
    let by = ctx.user()?;
    Ok(AuditEvent::new(action, Some(by.org), &ctx.client).actor(by).target(p.key.clone()).detail(detail))
}

/// Saves the cases numbered `input.cases` as the project's list `input.name`; returns it.
pub async fn save(ctx: &ServerCtx, key: &str, input: &ListInput) -> Result<CaseList, AppError> {
    let by = ctx.user()?;
    let name = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let id = match repo::find(&mut tx, by.org, p.id, &name).await? {
        Some(id) if input.replace => {
            repo::reset(&mut tx, id, by.id, now).await?;
            id
        }
        Some(_) => {
            return Err(AppError::invalid(
                "name",
                format!("There is a list named “{name}” already: choose another name, or replace that list."),
            ))
        }
        None => {
            if repo::count(&mut tx, by.org, p.id).await? >= MAX_LISTS {
                return Err(AppError::conflict(format!(
                    "This project keeps {MAX_LISTS} lists, the most it can: delete one you no longer use."
                )));
            }
            repo::insert(&mut tx, by.org, p.id, &name, by.id, now).await?
        }
    };
    let added = repo::add_items(&mut tx, by.org, p.id, id, &input.cases).await?;
    if added == 0 {
        return Err(AppError::invalid("cases", "None of these cases is in this project."));
    }
    let detail = format!("{name}: {}", crate::ui::feedback::plural(added as i64, "case", "cases"));
    audit::repo::record(&mut tx, &event(ctx, AuditAction::CaseListSaved, &p, detail)?, now).await?;
    let saved = repo::list(&mut tx, by.org, p.id).await?.into_iter().find(|l| l.id == id);
    tx.commit().await?;
    saved.ok_or(AppError::NotFound(Entity::CaseList))
}

/// The project's lists by name.
pub async fn list(ctx: &ServerCtx, key: &str) -> Result<Vec<CaseList>, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::by_key(&mut c, org, key).await?;
    Ok(repo::list(&mut c, org, p.id).await?)
}

/// Deletes the project's list `id` (its cases stay).
pub async fn delete(ctx: &ServerCtx, key: &str, id: i64) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::by_key(&mut tx, by.org, key).await?;
    let name = repo::name_of(&mut tx, by.org, p.id, id).await?.ok_or(AppError::NotFound(Entity::CaseList))?;
    repo::delete(&mut tx, by.org, p.id, id).await?;
    audit::repo::record(&mut tx, &event(ctx, AuditAction::CaseListDeleted, &p, name)?, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The numbers of the cases of the project's list `id`, in order, for planning a run; a list
/// that is gone is the run form's field error.
pub async fn numbers(c: &mut impl AsConn, org: OrgId, p: &ProjectRef, id: i64) -> Result<Vec<i64>, AppError> {
    if repo::name_of(c, org, p.id, id).await?.is_none() {
        return Err(AppError::invalid(
            "list",
            "This list is not in this project (it may have been deleted): pick another.",
        ));
    }
    Ok(repo::numbers(c, org, p.id, id).await?)
}
