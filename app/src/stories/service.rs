//! Use cases of stories and acceptance criteria.
use super::{
    model::{CriterionId, Priority, StoryDetail, StoryFilter, StoryId, StoryInput, StoryPage, StoryStatus},
    repo,
};
use crate::{
    audit::{self, AuditAction, AuditEvent},
    db::{on_unique, AsConn},
    error::{AppError, Entity, FieldErrors},
    orgs::model::OrgId,
    projects::service as projects,
    state::ServerCtx,
};

pub const PAGE: i64 = 50;

/// Refuses an assignee who is not an active member of `org`.
pub async fn check_assignee(c: &mut impl AsConn, org: OrgId, assignee: Option<i64>) -> Result<(), AppError> {
    match assignee {
        Some(id) => active_member(c, org, crate::users::model::UserId(id)).await.map(drop),
        None => Ok(()),
    }
}

/// The active member `id` of `org`, or the assignee field's error.
pub async fn active_member(
    c: &mut impl AsConn,
    org: OrgId,
    id: crate::users::model::UserId,
) -> Result<crate::users::model::UserRow, AppError> {
    crate::users::repo::get(c, org, id)
        .await?
        .filter(|m| m.is_active)
        .ok_or_else(|| AppError::invalid("assignee", "Pick a member from the list."))
}

fn duplicate_external_id() -> AppError {
    let mut f = FieldErrors::default();
    f.add("external_id", "Another story of this project already has this ID.");
    AppError::Invalid(f)
}

/// Creates a story with its criteria; returns its number.
pub async fn create(ctx: &ServerCtx, key: &str, input: &StoryInput) -> Result<i64, AppError> {
    let by = ctx.user()?;
    let s = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::summary_by_key(&mut tx, by.org, key).await?;
    check_assignee(&mut tx, by.org, s.assignee).await?;
    let number = crate::projects::counters::next(&mut tx, p.id, crate::wire::Numbered::Story).await?;
    let id = repo::insert(&mut tx, by.org, p.id, number, &s, now).await.map_err(on_unique(duplicate_external_id))?;
    let items: Vec<(String, bool)> = s.criteria.iter().map(|t| (t.clone(), false)).collect();
    repo::replace_criteria(&mut tx, id, &items, now).await?;
    let event = AuditEvent::new(AuditAction::StoryCreated, Some(by.org), &ctx.client)
        .actor(by)
        .target(crate::wire::human_key(&p.key, crate::wire::Numbered::Story, number));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(number)
}

pub async fn get(ctx: &ServerCtx, key: &str, number: i64) -> Result<StoryDetail, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::summary_by_key(&mut c, org, key).await?;
    let (row, description, assignee_id) =
        repo::get(&mut c, org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    let criteria = repo::criteria(&mut c, row.id).await?;
    Ok(StoryDetail { row, description, assignee_id, criteria })
}

/// Saves a story's fields (criteria are edited one by one).
pub async fn update(ctx: &ServerCtx, key: &str, number: i64, input: &StoryInput) -> Result<(), AppError> {
    let by = ctx.user()?;
    let s = input.validate()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::summary_by_key(&mut tx, by.org, key).await?;
    let (row, ..) = repo::get(&mut tx, by.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    check_assignee(&mut tx, by.org, s.assignee).await?;
    repo::update(&mut tx, by.org, row.id, &s, now).await.map_err(on_unique(duplicate_external_id))?;
    let event = AuditEvent::new(AuditAction::StoryUpdated, Some(by.org), &ctx.client).actor(by).target(row.key);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete(ctx: &ServerCtx, key: &str, number: i64) -> Result<(), AppError> {
    let by = ctx.user()?;
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::summary_by_key(&mut tx, by.org, key).await?;
    let (row, ..) = repo::get(&mut tx, by.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    repo::delete(&mut tx, by.org, row.id).await?;
    let event = AuditEvent::new(AuditAction::StoryDeleted, Some(by.org), &ctx.client).actor(by).target(row.key);
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn list(
    ctx: &ServerCtx,
    key: &str,
    filter: &StoryFilter,
    after: Option<&str>,
) -> Result<StoryPage, AppError> {
    let org = ctx.user()?.org;
    let mut c = ctx.db().acquire().await?;
    let p = projects::summary_by_key(&mut c, org, key).await?;
    let (mut rows, total) = repo::list(&mut c, org, p.id, filter, after, PAGE + 1).await?;
    let more = rows.len() as i64 > PAGE;
    rows.truncate(PAGE as usize);
    let next = if more { rows.last().map(repo::cursor_of) } else { None };
    Ok(StoryPage { rows, next, total })
}

/// Applies the same change to several stories; returns how many changed.
pub async fn bulk_update(
    ctx: &ServerCtx,
    key: &str,
    ids: &[StoryId],
    status: Option<StoryStatus>,
    priority: Option<Priority>,
    assignee: Option<String>,
) -> Result<u64, AppError> {
    let by = ctx.user()?;
    AppError::check_selection(ids.len(), "stories")?;
    let assignee = match assignee.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(v) => {
            Some(Some(v.parse::<i64>().map_err(|_| AppError::BadRequest("The assignee must be a member id.".into()))?))
        }
    };
    let now = ctx.now();
    let mut tx = ctx.db().begin().await?;
    let p = projects::summary_by_key(&mut tx, by.org, key).await?;
    check_assignee(&mut tx, by.org, assignee.flatten()).await?;
    let n = repo::bulk_update(&mut tx, by.org, p.id, ids, repo::BulkChange { status, priority, assignee }, now).await?;
    let event = AuditEvent::new(AuditAction::StoryUpdated, Some(by.org), &ctx.client)
        .actor(by)
        .target(p.key)
        .detail(format!("bulk change of {n} stories"));
    audit::repo::record(&mut tx, &event, now).await?;
    tx.commit().await?;
    Ok(n)
}

/// The story of a criterion of the caller's organization, or NotFound.
async fn criterion_story(c: &mut impl AsConn, org: OrgId, id: CriterionId) -> Result<StoryId, AppError> {
    repo::criterion_story(c, org, id).await?.ok_or(AppError::NotFound(Entity::Criterion))
}

fn criterion_text(text: &str) -> Result<String, AppError> {
    let t = text.trim();
    let mut f = FieldErrors::default();
    if t.is_empty() {
        f.add("text", "Enter the criterion.");
    } else if t.chars().count() > 2000 {
        f.add("text", "Use at most 2,000 characters.");
    }
    f.into_result()?;
    Ok(t.to_owned())
}

async fn touch(ctx: &ServerCtx, tx: &mut crate::db::Tx, story: StoryId, what: &str) -> Result<(), AppError> {
    let by = ctx.user()?;
    let event = AuditEvent::new(AuditAction::StoryUpdated, Some(by.org), &ctx.client)
        .actor(by)
        .target(format!("story {story}"))
        .detail(what);
    audit::repo::record(tx, &event, ctx.now()).await?;
    Ok(())
}

pub async fn add_criterion(ctx: &ServerCtx, key: &str, number: i64, text: &str) -> Result<(), AppError> {
    let by = ctx.user()?;
    let text = criterion_text(text)?;
    let mut tx = ctx.db().begin().await?;
    let p = projects::summary_by_key(&mut tx, by.org, key).await?;
    let (row, ..) = repo::get(&mut tx, by.org, p.id, number).await?.ok_or(AppError::NotFound(Entity::Story))?;
    let position = repo::criteria(&mut tx, row.id).await?.iter().map(|c| c.position + 1).max().unwrap_or(0);
    repo::add_criterion(&mut tx, row.id, position, &text, false, ctx.now()).await?;
    touch(ctx, &mut tx, row.id, "criterion added").await?;
    tx.commit().await?;
    Ok(())
}

/// Changes a criterion's text and/or done flag.
pub async fn edit_criterion(
    ctx: &ServerCtx,
    id: CriterionId,
    text: Option<&str>,
    done: Option<bool>,
) -> Result<(), AppError> {
    let by = ctx.user()?;
    let text = text.map(criterion_text).transpose()?;
    let mut tx = ctx.db().begin().await?;
    let story = criterion_story(&mut tx, by.org, id).await?;
    repo::update_criterion(&mut tx, id, text.as_deref(), done, ctx.now()).await?;
    touch(ctx, &mut tx, story, if text.is_some() { "criterion edited" } else { "criterion checked" }).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_criterion(ctx: &ServerCtx, id: CriterionId) -> Result<(), AppError> {
    let by = ctx.user()?;
    let mut tx = ctx.db().begin().await?;
    let story = criterion_story(&mut tx, by.org, id).await?;
    repo::delete_criterion(&mut tx, id).await?;
    touch(ctx, &mut tx, story, "criterion deleted").await?;
    tx.commit().await?;
    Ok(())
}
